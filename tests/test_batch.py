"""The batch path of evaluate_many, case by case: it agrees with the full evaluation.

The property tests (tests/property/test_batch.py) draw plans and data at random;
these cases pin down each way a figure can reach the batch path -- rates, figures
against the previous or the assigned one (offset, factor, zero denominators, a
bad figure), per khóm, roll-ups it must leave to the full path -- and say whether
the batch path decided or gave up.
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import attrs
import pytest

import thidua
from thidua import Dataset, Indicator, Observation, Status, ThiduaError
from thidua.clusters import Member, evaluate_many
from thidua.clusters.many import evaluate_and_read

from .builders import plan_of

PLAN = plan_of(
    Indicator("R", "Tỷ lệ giải quyết", unit="percent", rate=True, rule=">= 95 %", maximum="100 %"),
    Indicator("H", "Hộ nghèo", unit="household", rule="<= previous - 2 household"),
    Indicator("F", "Cơ sở", unit="establishment", rule=">= previous * 105 %", aggregation="sum"),
    Indicator("T", "Thu ngân sách", unit="VND", rule=">= assigned"),
    Indicator("Q", "Tỷ lệ giao", unit="percent", rate=True, rule=">= assigned * 100 %"),
    Indicator(
        "K",
        "Khóm giảm hộ nghèo",
        unit="household",
        rule="all org units",
        per_org_unit="<= previous",
        aggregation="sum",
    ),
    Indicator(
        "C", "Khóm có mô hình", unit="establishment", rule=">= 1 org units", per_org_unit=">= 1"
    ),
    Indicator("X", "Cơ sở mới", unit="establishment", rule=">= 10", across_org_units="sum"),
    Indicator("B", "Đạt chuẩn", rule="is true"),
    Indicator("P", "Điểm", unit="point", rule=">= 90", minimum="0 point", maximum="100 point"),
    Indicator("D", "Tỷ lệ hộ nghèo", unit="percent", rate=True, rule="<= previous - 2 %"),
    Indicator(
        "E",
        "Khóm đạt tỷ lệ",
        unit="percent",
        rate=True,
        rule="all org units",
        per_org_unit=">= 50 %",
    ),
    Indicator(
        "V",
        "Khóm tăng tỷ lệ",
        unit="percent",
        rate=True,
        rule="all org units",
        per_org_unit=">= previous",
    ),
    Indicator(
        "Y", "Khóm văn minh", rule="all org units", per_org_unit="is true", aggregation="last"
    ),
    org_units=2,
)


def _obs(indicator: str, period: str, value: Any = None, **fields: Any) -> Observation:
    return Observation(indicator, period, value=value, **fields)


#: Data every case starts from: each indicator decided from plain yearly figures.
BASE = [
    _obs("R", "2024", numerator=96, denominator=100),
    _obs("H", "2024", "40 hộ"),
    _obs("H", "2023", "45 hộ"),
    _obs("F", "2024", 21),
    _obs("F", "2023", 20),
    _obs("T", "2024", "3 tỷ đồng"),
    _obs("T", "2024", "2500 triệu đồng", kind="assigned"),
    _obs("Q", "2024", numerator=9, denominator=10),
    _obs("Q", "2024", "85 %", kind="assigned"),
    _obs("K", "2024", 3, org_unit="K1"),
    _obs("K", "2023", 4, org_unit="K1"),
    _obs("K", "2024", 2, org_unit="Khóm 2"),
    _obs("K", "2023", 2, org_unit="K2"),
    _obs("C", "2024", 1, org_unit="K1"),
    _obs("X", "2024", 12),
    _obs("B", "2024", True),
    _obs("P", "2024", "92,5 điểm"),
    _obs("D", "2024", "5 %"),
    _obs("D", "2023", "8 %"),
    _obs("E", "2024", numerator=6, denominator=10, org_unit="K1"),
    _obs("E", "2024", "70 %", org_unit="K2"),
    _obs("V", "2024", numerator=6, denominator=10, org_unit="K1"),
    _obs("V", "2023", "50 %", org_unit="K1"),
    _obs("V", "2024", "70 %", org_unit="K2"),
    _obs("V", "2023", numerator=3, denominator=5, org_unit="K2"),
    _obs("Y", "2024", True, org_unit="K1"),
    _obs("Y", "2024", True, org_unit="K2"),
]


def _without(*keys: tuple[str, str]) -> list[Observation]:
    return [o for o in BASE if (o.indicator, str(o.period)) not in keys or o.org_unit]


#: name -> (observations, whether the batch path decides it alone)
CASES: dict[str, tuple[list[Observation], bool]] = {
    "plain": (BASE, True),
    "rate with a zero denominator": (
        [*_without(("R", "2024")), _obs("R", "2024", numerator=0, denominator=0)],
        True,
    ),
    "rate above its largest value": (
        [*_without(("R", "2024")), _obs("R", "2024", numerator=120, denominator=100)],
        False,
    ),
    "rate against an assigned rate": (
        [
            *_without(("Q", "2024")),
            _obs("Q", "2024", numerator=9, denominator=10),
            _obs("Q", "2024", kind="assigned", numerator=0, denominator=0),
        ],
        True,
    ),
    "previous missing": (_without(("H", "2023"), ("F", "2023")), True),
    "previous empty": ([*_without(("H", "2023")), _obs("H", "2023")], True),
    "current empty, previous given": ([*_without(("H", "2024")), _obs("H", "2024")], True),
    "previous a yes/no": ([*_without(("H", "2023")), _obs("H", "2023", True)], False),
    "previous negative": ([*_without(("H", "2023")), _obs("H", "2023", -3)], False),
    "previous in another unit": ([*_without(("H", "2023")), _obs("H", "2023", "45 người")], False),
    "previous from months": (
        [
            *_without(("F", "2023")),
            *(_obs("F", f"2023-{m:02d}", 2) for m in range(1, 13)),
        ],
        False,
    ),
    "months of another indicator": (
        [*BASE, *(_obs("T", f"2024-{m:02d}", "1 tỷ đồng") for m in (1, 2))],
        True,
    ),
    "current a rate on a count": (
        [*_without(("H", "2024")), _obs("H", "2024", numerator=1, denominator=2)],
        False,
    ),
    "assigned target missing": (_without(("T", "2024")), True),
    "per khóm previous missing": (
        [o for o in BASE if not (o.indicator == "K" and o.org_unit == "K2")],
        True,
    ),
    "per khóm written by id and name": ([*BASE, _obs("C", "2024", 2, org_unit="Khóm 1")], False),
    "per khóm count given as one figure": (
        [*[o for o in BASE if o.indicator != "C"], _obs("C", "2024", 1)],
        False,
    ),
    "per khóm from months": (
        [
            *[o for o in BASE if not (o.indicator == "K" and o.org_unit in ("K2", "Khóm 2"))],
            _obs("K", "2024-03", 1, org_unit="K2"),
            _obs("K", "2023", 2, org_unit="K2"),
        ],
        False,
    ),
    "ward figure from its khóm": (
        [
            *_without(("X", "2024")),
            _obs("X", "2024", 5, org_unit="K1"),
            _obs("X", "2024", 6, org_unit="K2"),
        ],
        True,
    ),
    "ward figure from its khóm, written in other cases": (
        [
            *_without(("X", "2024")),
            _obs("X", "2024", 5, org_unit="k1"),
            _obs("X", "2024", 4, org_unit="KHÓM 2"),
        ],
        True,
    ),
    "ward figure from some of its khóm": (
        [*_without(("X", "2024")), _obs("X", "2024", 12, org_unit="K1")],
        False,
    ),
    "ward figure from its khóm, one out of range": (
        [
            *_without(("X", "2024")),
            _obs("X", "2024", 5, org_unit="K1"),
            _obs("X", "2024", -6, org_unit="K2"),
        ],
        False,
    ),
    "per khóm written in another case": (
        [
            *[o for o in BASE if o.indicator != "C"],
            _obs("C", "2024", 2, org_unit="khóm 1"),
            _obs("C", "2024", 0, org_unit="k2"),
        ],
        True,
    ),
    "per khóm written in two cases": (
        [*BASE, _obs("C", "2024", 2, org_unit="k1")],
        False,
    ),
    "ward figure missing, no khóm figures": (_without(("X", "2024")), True),
    "yes/no given a number": ([*_without(("B", "2024")), _obs("B", "2024", 1)], False),
    "score above its maximum": ([*_without(("P", "2024")), _obs("P", "2024", 101)], False),
    "score in another unit": ([*_without(("P", "2024")), _obs("P", "2024", "92 hộ")], False),
    "rates against the previous rate": (
        [
            *_without(("D", "2024"), ("D", "2023")),
            _obs("D", "2024", numerator=5, denominator=100),
            _obs("D", "2023", numerator=8, denominator=100),
        ],
        True,
    ),
    "rate of nothing against the previous rate": (
        [*_without(("D", "2024")), _obs("D", "2024", numerator=0, denominator=0)],
        True,
    ),
    "previous rate of nothing": (
        [*_without(("D", "2023")), _obs("D", "2023", numerator=0, denominator=0)],
        True,
    ),
    "per khóm rate of nothing": (
        [
            *[o for o in BASE if o.indicator not in ("E", "V")],
            _obs("E", "2024", numerator=0, denominator=0, org_unit="K1"),
            _obs("V", "2024", numerator=0, denominator=0, org_unit="K1"),
            _obs("V", "2023", numerator=0, denominator=0, org_unit="K2"),
            _obs("V", "2024", "1 %", org_unit="K2"),
        ],
        True,
    ),
    "per khóm figure in another unit": (
        [*[o for o in BASE if o.indicator != "C"], _obs("C", "2024", "1 hộ", org_unit="K1")],
        False,
    ),
    "current missing, previous given": (_without(("H", "2024"), ("F", "2024")), True),
    "current missing, previous a yes/no": (
        [*_without(("H", "2024"), ("H", "2023")), _obs("H", "2023", True)],
        False,
    ),
    "current empty, previous in another unit": (
        [*_without(("H", "2024"), ("H", "2023")), _obs("H", "2024"), _obs("H", "2023", "4 người")],
        False,
    ),
    "current missing, previous from months": (
        [
            *_without(("F", "2024"), ("F", "2023")),
            *(_obs("F", f"2023-{m:02d}", 2) for m in range(1, 13)),
        ],
        False,
    ),
    "current from months, none for the year": (
        [*_without(("F", "2024")), *(_obs("F", f"2024-{m:02d}", 2) for m in range(1, 13))],
        False,
    ),
    "yes/no empty": ([*_without(("B", "2024")), _obs("B", "2024")], True),
    "yes/no missing": (_without(("B", "2024")), True),
    "score empty": ([*_without(("P", "2024")), _obs("P", "2024")], True),
    "score missing": (_without(("P", "2024")), True),
    "per khóm yes/no, one empty": (
        [
            *[o for o in BASE if o.indicator != "Y"],
            _obs("Y", "2024", True, org_unit="K1"),
            _obs("Y", "2024", org_unit="K2"),
        ],
        True,
    ),
    "per khóm yes/no, one missing": (
        [*[o for o in BASE if o.indicator != "Y"], _obs("Y", "2024", False, org_unit="K1")],
        True,
    ),
    "per khóm yes/no, none": ([o for o in BASE if o.indicator != "Y"], True),
    "per khóm yes/no by name": (
        [
            *[o for o in BASE if o.indicator != "Y"],
            _obs("Y", "2024", True, org_unit="Khóm 1"),
            _obs("Y", "2024", False, org_unit="khóm 2"),
        ],
        True,
    ),
    "per khóm yes/no written by id and name": (
        [*BASE, _obs("Y", "2024", True, org_unit="Khóm 1")],
        False,
    ),
    "per khóm yes/no given a number": (
        [*[o for o in BASE if o.indicator != "Y"], _obs("Y", "2024", 1, org_unit="K1")],
        False,
    ),
    "per khóm yes/no given as one figure": (
        [*[o for o in BASE if o.indicator != "Y"], _obs("Y", "2024", True)],
        False,
    ),
    "per khóm yes/no from months": (
        [
            *[o for o in BASE if not (o.indicator == "Y" and o.org_unit == "K2")],
            _obs("Y", "2024-06", True, org_unit="K2"),
        ],
        False,
    ),
    "per khóm figure empty": (
        [*[o for o in BASE if o.indicator != "C"], _obs("C", "2024", org_unit="K1")],
        True,
    ),
    "per khóm figure a rate": (
        [
            *[o for o in BASE if o.indicator != "C"],
            _obs("C", "2024", numerator=1, denominator=2, org_unit="K1"),
        ],
        False,
    ),
    "per khóm previous from months": (
        [
            *[o for o in BASE if not (o.indicator == "K" and o.org_unit == "K2")],
            _obs("K", "2024", 2, org_unit="K2"),
            *(_obs("K", f"2023-Q{q}", 1, org_unit="K2") for q in (1, 2, 3, 4)),
        ],
        False,
    ),
}


def _full(data: Dataset) -> dict[str, Status] | str:
    try:
        return {k: r.status for k, r in thidua.evaluate(PLAN, data, "2024").results.items()}
    except ThiduaError as exc:
        return type(exc).__name__


def _batch(given: Any) -> tuple[dict[str, Status] | str, bool]:
    try:
        many = evaluate_many(PLAN, given, "2024", members=[Member("X1", "Xã Một")])
    except ThiduaError as exc:
        return type(exc).__name__, False
    return dict(many.statuses("X1")), not many._made


@pytest.mark.parametrize("case", list(CASES))
def test_the_batch_path_agrees_case_by_case(case: str) -> None:
    """Same statuses (or the same error) for the member's own dataset and a shared one.

    The shared one names the member by its name, and by its id (read the quick way
    when every khóm is written by its id too).
    """
    observations, decided = CASES[case]
    data = Dataset(observations)
    expected = _full(data)
    own, alone = _batch({"X1": data})
    shared = Dataset(
        attrs.evolve(o, org_unit=f"X1/{o.org_unit}" if o.org_unit else "Xã Một")
        for o in observations
    )
    mine, together = _batch(shared)
    by_ids = Dataset(
        attrs.evolve(o, org_unit=f"X1/{o.org_unit}" if o.org_unit else "X1") for o in observations
    )
    ours, by_id = _batch(by_ids)
    assert own == expected
    assert mine == expected
    assert ours == expected
    assert (alone, together, by_id) == (decided, decided, decided)


def test_the_plain_case_is_judged_as_written() -> None:
    """The plain case, status by status (not only in agreement with the full path)."""
    statuses, decided = _batch({"X1": Dataset(BASE)})
    assert decided
    assert statuses == {
        "R": Status.ACHIEVED,  # 96 % >= 95 %
        "H": Status.ACHIEVED,  # 40 <= 45 - 2
        "F": Status.ACHIEVED,  # 21 >= 20 * 105 % = 21
        "T": Status.ACHIEVED,  # 3 tỷ >= 2500 triệu
        "Q": Status.ACHIEVED,  # 90 % >= 85 %
        "K": Status.ACHIEVED,  # K1 3 <= 4, K2 2 <= 2
        "C": Status.ACHIEVED,  # K1 has one; K2 has no data but one is enough
        "X": Status.ACHIEVED,
        "B": Status.ACHIEVED,
        "P": Status.ACHIEVED,
        "D": Status.ACHIEVED,  # 5 % <= 8 % - 2 %
        "E": Status.ACHIEVED,  # 60 % and 70 % >= 50 %
        "V": Status.ACHIEVED,  # 60 % >= 50 %, 70 % >= 60 %
        "Y": Status.ACHIEVED,  # both khóm
    }


def test_members_without_khom_and_composites_of_nothing() -> None:
    """A member without khóm: org-unit rules do not apply, nor does a roll-up across khóm."""
    plan = plan_of(
        Indicator("X", "Cơ sở mới", unit="establishment", rule=">= 10", across_org_units="sum"),
        Indicator(
            "A",
            "Khóm",
            combine="all",
            criteria=[Indicator("C", "Khóm có mô hình", rule="all org units")],
        ),
        org_units=2,
    )
    data = Dataset([_obs("X", "2024", 3, org_unit="K1"), _obs("C", "2024", True, org_unit="K1")])
    many = evaluate_many(plan, {"X1": data}, "2024", members=[Member("X1", "Xã", org_units=[])])
    assert dict(many.statuses("X1")) == {
        "X": Status.NO_DATA,
        "C": Status.NOT_APPLICABLE,
        "A": Status.NOT_APPLICABLE,
    }
    assert not many._made
    assert {k: r.status for k, r in many["X1"].results.items()} == dict(many.statuses("X1"))
    assert len(many.statuses("X1")) == 3
    assert many.statuses("X1") != 3


def test_a_plan_without_indicators() -> None:
    """Nothing to judge: every member has no statuses."""
    plan = thidua.Plan("p", "Kế hoạch", year=2024, groups=[])
    many = evaluate_many(plan, Dataset(), "2024", members=[Member("X1", "Xã")])
    assert dict(many.statuses("X1")) == {}


def test_the_exceeded_flags_scoring_reads_are_the_full_facts() -> None:
    """Scoring's exceeded flags from the batch are the full facts': strict rules included.

    A strict rule met is exceeded, but a status given by ``zero_denominator``
    is no figure's and exceeds nothing; ``>=`` met exactly is not exceeded.
    """
    plan = plan_of(
        Indicator(
            "S",
            "Tỷ lệ",
            unit="percent",
            rate=True,
            rule="> 90 %",
            zero_denominator="achieved",
        ),
        Indicator("L", "Vụ việc", unit="case", rule="< previous"),
        Indicator("N", "Cơ sở", unit="establishment", rule=">= previous"),
    )
    data = {
        "A": Dataset(
            [
                _obs("S", "2024", numerator=0, denominator=0),
                _obs("L", "2024", 3),
                _obs("L", "2023", 4),
                _obs("N", "2024", 5),
                _obs("N", "2023", 5),
            ]
        ),
        "B": Dataset(
            [
                _obs("S", "2024", numerator=95, denominator=100),
                _obs("L", "2024", 4),
                _obs("L", "2023", 4),
                _obs("N", "2024", 6),
                _obs("N", "2023", 5),
            ]
        ),
    }
    members = [Member("A", "Phường A"), Member("B", "Phường B")]
    many = evaluate_many(plan, data, "2024", members=members)
    batch = many._scored(["S", "L", "N"], {})
    assert batch is not None
    chosen, (statuses, exceeded, _, gave_up) = batch[2](["A", "B"])
    assert chosen == ["A", "B"]
    assert not gave_up
    full = {m: thidua.evaluate(plan, data[m], "2024").results for m in ("A", "B")}
    for n, indicator in enumerate(["S", "L", "N"]):
        assert statuses[n] == [full[m][indicator].status for m in chosen]
        assert exceeded[n] == [full[m][indicator].exceeded for m in chosen]
    assert exceeded == [[False, True], [True, False], [False, True]]


def test_what_the_statuses_keep_for_scoring_is_what_the_facts_say() -> None:
    """The exceeded flags and attainments kept as the statuses are judged are the facts'.

    Over three blocks of members: figures equal to the threshold (met, not
    exceeded), above and below it, a rate of zero denominator, a missing
    figure, and members the full path decides (a month's figure only), whose
    places the kept slots skip. The attainment kept as a pair is the facts' fraction.
    """
    plan = plan_of(
        Indicator("TH", "Thu ngân sách", unit="VND", rule=">= assigned", aggregation="sum"),
        Indicator("TL", "Tỷ lệ", unit="percent", rate=True, rule=">= 95 %"),
        Indicator("HN", "Hộ nghèo", unit="household", rule="<= previous - 2 household"),
        Indicator("TS", "Tỷ lệ sinh", unit="percent", rule=">= 1 .. 2 %"),
        Indicator("VV", "Vụ việc", unit="case", rule="< previous"),
    )
    members = [Member(f"M{n:03d}", f"Xã {n}") for n in range(300)]
    data: dict[str, Dataset] = {}
    for n, member in enumerate(members):
        given, done = 100 + n % 7, 95 + n % 13  # done equals given for some
        observations = [
            _obs("TH", "2024", f"{done} VND"),
            _obs("TH", "2024", f"{given} VND", kind="assigned"),
            _obs("HN", "2024", f"{10 + n % 5} household"),
            _obs("HN", "2023", "14 household"),
            _obs("TS", "2024", f"{n % 4}.5 %"),
            _obs("VV", "2024", f"{n % 3} case"),
            _obs("VV", "2023", "1 case"),
        ]
        if n % 11 == 3:
            observations.append(_obs("TL", "2024", numerator=0, denominator=0))
        elif n % 11 != 4:  # missing for some
            observations.append(_obs("TL", "2024", numerator=90 + n % 9, denominator=95))
        if n % 97 == 5:  # the year's figure of G only as a month's: the full path decides
            observations = [
                o for o in observations if o.indicator != "TH" or o.kind.value != "actual"
            ]
            observations.append(_obs("TH", "2024-12", f"{done} VND"))
        data[member.id] = Dataset(observations)
    ids = ["TH", "TL", "HN", "TS", "VV"]
    reads = {0: "attainment", 1: "attainment"}
    many = evaluate_and_read(plan, data, "2024", members=members, scoring=(ids, reads))
    batch = many._scored(ids, reads)
    assert batch is not None
    chosen, (statuses, exceeded, values, gave_up) = batch[2]([m.id for m in members])
    made = {"M005", "M102", "M199", "M296"}  # left to the full path: not in the batch's reads
    assert set(many._made) == made
    assert chosen == [m.id for m in members if m.id not in made]
    equal = 0
    for place, member_id in enumerate(chosen):
        if place in gave_up:
            continue
        facts = thidua.evaluate(plan, data[member_id], "2024").results
        for n, indicator in enumerate(ids):
            fact = facts[indicator]
            assert statuses[n][place] == fact.status, (member_id, indicator)
            assert exceeded[n][place] == fact.exceeded, (member_id, indicator)
            if n in reads:
                read = values[n][place]
                if isinstance(read, tuple):
                    read = Fraction(*read)
                decided = fact.status in (Status.ACHIEVED, Status.NOT_ACHIEVED)
                expected = fact.attainment if decided else None
                assert read == expected, (member_id, indicator)
        equal += facts["TH"].status is Status.ACHIEVED and not facts["TH"].exceeded
    assert equal  # some met exactly, not exceeded
