"""Title eligibility: each shipped title met and missed, and the rule sets as data."""

from __future__ import annotations

import pytest

import thidua
from thidua import Status
from thidua.titles import Candidate, Condition, Title, default_titles, eligibility, loads_titles

_ACTIVE = {"tich_cuc_thi_dua": True, "sang_kien": False, "de_tai": False}
_GOOD_TEAM = {
    "ty_le_hoan_thanh": "100%",
    "ty_le_ldtt": "8/10",
    "so_cstdcs": 1,
    "doan_ket": "đạt",
    "so_bi_ky_luat": "0 người",
}


def _person(rating: str | None, **facts: object) -> Candidate:
    return Candidate("cb", "Trần Văn B", "person", rating=rating, facts={**_ACTIVE, **facts})


def _team(rating: str | None, **facts: object) -> Candidate:
    return Candidate("to", "Tổ một cửa", "collective", rating=rating, facts={**_GOOD_TEAM, **facts})


def test_the_shipped_titles() -> None:
    """Four titles, two per subject, with their sources; one condition unverified."""
    titles = default_titles()
    assert [t.id for t in titles] == ["LDTT", "CSTDCS", "TTLDXS", "TTLDTT"]
    assert all(t.source for t in titles)
    unverified = [(t.id, c.fact) for t in titles for c in t.walk() if c.unverified]
    assert unverified == [("TTLDTT", "ty_le_ldtt")]


@pytest.mark.parametrize(
    ("candidate", "eligible"),
    [
        (_person("HTXSNV"), ("LDTT", "CSTDCS")),
        (_person("HTTNV"), ("LDTT",)),
        (_person("HTTNV", sang_kien=True), ("LDTT", "CSTDCS")),
        (_person("HTTNV", de_tai="có"), ("LDTT", "CSTDCS")),
        (_person("HTNV", sang_kien=True), ()),
        (_person("HTXSNV", tich_cuc_thi_dua=False), ()),
        (_team("HTXSNV"), ("TTLDXS", "TTLDTT")),
        (_team("HTTNV"), ("TTLDTT",)),
        (_team("HTXSNV", so_cstdcs=0), ("TTLDTT",)),
        (_team("HTXSNV", ty_le_hoan_thanh="95%"), ("TTLDTT",)),
        (_team("HTXSNV", doan_ket=False), ("TTLDTT",)),
        (_team("HTXSNV", ty_le_ldtt="6/10"), ()),
        (_team("HTTNV", so_bi_ky_luat=1), ()),
    ],
)
def test_titles_met_and_missed(candidate: Candidate, eligible: tuple[str, ...]) -> None:
    """Each title met and missed, by the condition that decides it."""
    assert eligibility(candidate).eligible == eligible


def test_a_missed_title_names_the_failed_condition() -> None:
    """For each title it misses, the candidate learns which condition failed."""
    result = eligibility(_team("HTXSNV", ty_le_ldtt="65%", so_cstdcs=0))
    xs = result.result("TTLDXS")
    assert xs.status is Status.NOT_ACHIEVED
    assert [c.condition.fact for c in xs.failed] == ["ty_le_ldtt", "so_cstdcs"]
    assert "Có từ 70% thành viên đạt Lao động tiên tiến" in xs.explanation.vi
    tt = result.result("TTLDTT")
    assert "[chưa kiểm chứng]" in tt.failed[0].explanation.vi
    assert "not verified against the national text" in tt.explanation.en
    assert tt.unverified[0].fact == "ty_le_ldtt"
    person = eligibility(_person("HTTNV")).result("CSTDCS")
    assert [p.status for p in person.failed[0].parts] == [Status.NOT_ACHIEVED] * 3
    with pytest.raises(thidua.ThiduaError, match="no title 'LDTT' for a collective"):
        result.result("LDTT")


def test_missing_facts_mean_cannot_tell() -> None:
    """Three-valued: a missing fact or rating is no data, never a silent yes or no."""
    unrated = eligibility(Candidate("x", "x", "person", facts=_ACTIVE))
    assert [r.status for r in unrated.results] == [Status.NO_DATA, Status.NO_DATA]
    assert "chưa xếp loại" in unrated.results[0].explanation.vi
    no_facts = eligibility(Candidate("x", "x", "person", rating="HTXSNV"))
    assert no_facts.result("LDTT").status is Status.NO_DATA
    assert no_facts.result("CSTDCS").status is Status.NO_DATA  # LĐTT unknown, HTXSNV holds
    missing_but_failed = eligibility(Candidate("x", "x", "person", rating="HTNV"))
    assert missing_but_failed.result("LDTT").status is Status.NOT_ACHIEVED
    assert "cannot tell yet" in no_facts.result("LDTT").explanation.en


def test_facts_that_cannot_be_read_name_the_fact() -> None:
    """A fact the rule cannot read is an error naming the fact and the candidate."""
    with pytest.raises(thidua.ThiduaError) as info:
        eligibility(_team("HTXSNV", ty_le_ldtt="nhiều"))
    assert info.value.key == "facts.ty_le_ldtt"
    assert info.value.member == "to"


def test_titles_are_data() -> None:
    """A custom rule set on the same rule machinery."""
    titles = loads_titles(
        """
[[titles]]
id = "GIOI"
name = "Hộ gia đình văn hóa"
subject = "collective"
[[titles.conditions]]
name = "Không vi phạm"
fact = "vi_pham"
rule = "== 0"
[[titles.conditions]]
name = "Đóng góp"
fact = "dong_gop"
rule = "từ 1 triệu đồng trở lên"
"""
    )
    team = Candidate("h", "Hộ A", "collective", facts={"vi_pham": 0, "dong_gop": "1,5 triệu đồng"})
    assert eligibility(team, titles).eligible == ("GIOI",)
    assert eligibility(Candidate("p", "p", "person"), titles).results == ()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[[titles]]\nid = 1",
            r"titles.toml:1: at titles\[0\].name: the required key 'name' is missing",
        ),
        ("x = 1", "titles.toml:1: at x: unknown key 'x'"),
        ("titles = [", "not valid TOML"),
        (
            '[[titles]]\nid = "A"\nname = "a"\nsubject = "person"\n'
            '[[titles.conditions]]\nname = "c"\ntitle = "B"',
            "not declared before it",
        ),
        (
            '[[titles]]\nid = "A"\nname = "a"\nsubject = "person"\n'
            '[[titles.conditions]]\nname = "c"\nrating = "HTNV"\nfact = "x"\nrule = "is true"',
            "exactly one of",
        ),
        (
            '[[titles]]\nid = "A"\nname = "a"\nsubject = "person"\n'
            '[[titles.conditions]]\nname = "c"\nfact = "x"',
            "both a fact and a rule",
        ),
        (
            '[[titles]]\nid = "A"\nname = "a"\nsubject = "person"\nconditions = []\n'
            '[[titles]]\nid = "A"\nname = "b"\nsubject = "person"\nconditions = []',
            "declared twice",
        ),
        (
            '[[titles]]\nid = "A"\nname = "a"\nsubject = "person"\nconditions = []\n'
            '[[titles]]\nid = "B"\nname = "b"\nsubject = "collective"\n'
            '[[titles.conditions]]\nname = "c"\ntitle = "A"',
            "another subject",
        ),
    ],
)
def test_bad_titles(text: str, message: str) -> None:
    """Bad title files name the file and the problem."""
    with pytest.raises(thidua.PlanError, match=message) as info:
        loads_titles(text, file="titles.toml")
    assert info.value.file == "titles.toml"


def test_candidates_keep_diacritics_and_refuse_bad_facts() -> None:
    """Names are NFC; facts must be a mapping."""
    import unicodedata

    decomposed = unicodedata.normalize("NFD", "Tổ một cửa")
    assert Candidate("t", decomposed, "collective").name == "Tổ một cửa"
    with pytest.raises(thidua.ThiduaError, match="mapping"):
        Candidate("t", "t", "collective", facts=[1, 2])  # type: ignore[arg-type]
    assert isinstance(Title("A", "a", "person", [Condition("c", rating="HTNV")]), Title)
