"""The file readers and validate() run in linear time: 10× the file never costs much more than 10×.

Measured in a fresh interpreter with a timeout, so that a regression to
quadratic time fails instead of hanging the suite. Each family is a file of n
similar parts, good or bad (a bad part is one more problem to list and locate).
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

#: How much more 10× the input may cost (linear is 10; quadratic would be 100).
MAX_RATIO = 25
SIZES = (150, 1500)

_SCRIPT = textwrap.dedent(
    """
    import json, sys, time
    import thidua
    from thidua._planfile import collect_plan
    from thidua.data import _loads_data_collecting

    H = 'id = "p"\\ntitle = "T"\\nyear = 2024\\n'

    def group(i, rule, extra=""):
        return (f'[[groups]]\\nid = "G{i}"\\nname = "g"\\n{extra}[[groups.indicators]]\\n'
                f'id = "I{i}"\\nname = "x"\\nunit = "household"\\nrule = "{rule}"\\n')

    FAMILIES = {
        "plan file": (lambda n: H + "".join(group(i, ">= 1") for i in range(n)),
                      lambda text: thidua.loads_plan(text, file="p.toml")),
        "plan file, every part wrong": (
            lambda n: H + "".join(group(i, "trên abc", f"colour{i} = 1\\n") for i in range(n)),
            lambda text: collect_plan(text, file="p.toml")),
        "data file": (lambda n: "indicator,period,value\\n" + "".join(
                          f"I{i},2024,{i} hộ\\n" for i in range(n)),
                      lambda text: thidua.loads_data(text, file="d.csv")),
        "data file, every row wrong": (lambda n: "indicator,period,value\\n" + "".join(
                          f"I{i},2024-H{i},abc\\n" for i in range(n)),
                      lambda text: _loads_data_collecting(text, file="d.csv")),
        "validate": (lambda n: (H + "".join(group(i, "<= 10") for i in range(n)),
                                "indicator,period,value\\n" + "".join(
                                    f"I{i},2024,{-i} hộ\\nX{i},2024,1\\n" for i in range(n))),
                     lambda texts: thidua.validate(thidua.loads_plan(texts[0]),
                                                   thidua.loads_data(texts[1]))),
    }
    family, sizes = sys.argv[1], json.loads(sys.argv[2])
    make, read = FAMILIES[family]
    times = []
    for n in sizes:
        text = make(n)
        best = float("inf")
        for _ in range(3):
            start = time.perf_counter()
            read(text)
            best = min(best, time.perf_counter() - start)
        times.append(best)
    print(json.dumps(times))
    """
)
FAMILIES = [
    "plan file",
    "plan file, every part wrong",
    "data file",
    "data file, every row wrong",
    "validate",
]


@pytest.mark.parametrize("family", FAMILIES)
def test_ten_times_the_file_costs_about_ten_times_the_time(family: str) -> None:
    """Reading n and 10n parts: the larger costs at most MAX_RATIO times the smaller."""
    done = subprocess.run(
        [sys.executable, "-c", _SCRIPT, family, json.dumps(SIZES)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    small, large = json.loads(done.stdout)
    assert large / max(small, 1e-3) < MAX_RATIO, (small, large)
