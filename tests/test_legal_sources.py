"""The defaults name their legal sources, and the one in force at a date is used.

The register is ``src/thidua/legal.toml`` (read by :mod:`thidua.legal`); the
docs page ``docs/legal-sources.md`` shows it in two tables, checked here
against the data.
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import re
from fractions import Fraction
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import thidua
from thidua import legal
from thidua.classification import DEFAULT_GRADES, Classification, Rating, default_classification
from thidua.cli import run
from thidua.clusters.model import Cluster
from thidua.errors import NotFoundError, ParseError, PlanError, UsageError
from thidua.legal import Legal, LegalFact, LegalSource, in_force, legal_facts, loads_legal
from thidua.ranking import PREFERRED_WOMEN_SHARE, Entry, Placed, rank
from thidua.rules import Comparison
from thidua.titles import Candidate, default_titles, eligibility, loads_titles

ROOT = Path(__file__).resolve().parent.parent
PAGE = ROOT / "docs" / "legal-sources.md"

#: The policies the code reads, besides those the shipped titles name.
POLICIES_IN_CODE = {
    "ranking.preference",
    "classification.bands",
    "classification.excellent",
    "classification.quota",
    "clusters.flag",
}

#: A minimal source, and the head of a fact citing it (TOML).
SOURCE = """
[[sources]]
id = "a"
number = "1/2024"
short = "Văn bản 1/2024"
short_en = "Document 1/2024"
title = "t"
title_en = "t"
issuer = "i"
"""
FACT = """
[[facts]]
policy = "p"
what = "w"
what_vi = "w"
source = "a"
"""


def _tie(on: str | None) -> tuple[str, str]:
    """The explanation of a tie broken by the preference for women, ranked for ``on``."""
    ranked = rank([Entry("A", 10), Entry("B", 10, women_share="72%")], on=on)
    assert [(r.member, r.placed) for r in ranked] == [
        ("B", Placed.BY_PREFERENCE),
        ("A", Placed.BY_PREFERENCE),
    ]
    return ranked[0].explanation.vi, ranked[0].explanation.en


# ------------------------------------------------------------------ in force at a date


def test_2024_and_2026_are_judged_under_different_texts() -> None:
    """One plan ranked, titled and rated for 2024 and for 2026 cites different sources."""
    vi_2024, en_2024 = _tie("2024-12-31")
    vi_2026, _ = _tie("2026-12-31")
    assert "(Nghị định 98/2023/NĐ-CP, Điều 4 — chưa kiểm chứng)" in vi_2024
    assert "(Decree 98/2023/NĐ-CP, Art. 4 — unverified)" in en_2024
    assert "Nghị định 152/2025/NĐ-CP — chưa kiểm chứng" in vi_2026
    assert "152/2025" not in vi_2024
    assert "98/2023" not in vi_2026
    # the two decrees meet on 30/06 – 01/07/2025
    assert "98/2023" in _tie("2025-06-30")[0]
    assert "152/2025" in _tie("2025-07-01")[0]

    titles_2024 = {t.id: t for t in default_titles("2024-12-31")}
    titles_2026 = {t.id: t for t in default_titles(dt.date(2026, 12, 31))}
    assert titles_2024["CSTDCS"].source == "Luật Thi đua, khen thưởng 06/2022/QH15, Điều 23"
    assert "sửa đổi bởi" in (titles_2026["CSTDCS"].source or "")
    assert (titles_2026["CSTDCS"].source or "").endswith("— chưa kiểm chứng")
    # the conditions (the content) are those of 2024 in both: marked, not changed
    assert [t.conditions for t in titles_2024.values()] == [
        t.conditions for t in titles_2026.values()
    ]

    rated_2024 = default_classification("2024-12-31")
    rated_2026 = default_classification("2026-12-31")
    assert (rated_2024.id, rated_2026.id) == ("qd-124-tw", "qd-366-tw")
    assert "Nghị định 48/2023/NĐ-CP; Hướng dẫn 21-HD/BTCTW" in rated_2024.name
    assert "Nghị định 335/2025/NĐ-CP" in rated_2026.name
    assert rated_2024.grades == rated_2026.grades == DEFAULT_GRADES
    assert rated_2024.quota == rated_2026.quota == Fraction(1, 5)


def test_a_cluster_is_ranked_under_the_decree_of_its_period() -> None:
    """rank_cluster cites the preference in force at the period's end (2024: Decree 98)."""
    name = "cum-phuong-cao-lanh-2024"
    ranking = thidua.rank_cluster(
        thidua.examples.cluster(name),
        thidua.examples.plan(thidua.examples.CLUSTERS[name]),
        thidua.examples.cluster_data(name),
    )
    assert "Nghị định 98/2023/NĐ-CP, Điều 4" in ranking.standing("P4").ranked.explanation.vi


def test_content_follows_the_version_in_force() -> None:
    """Where a successor's figures differ, the defaults of its days take them."""
    shipped = legal.default_legal()
    bands = shipped.in_force("classification.bands", "2026-01-01")
    stricter = attrs.evolve(
        bands,
        valid_from=dt.date(2026, 1, 1),
        values={"HTXSNV": "95", "HTTNV": "75", "HTNV": "50"},
    )
    earlier = attrs.evolve(bands, valid_to=dt.date(2025, 12, 31))
    facts = tuple(
        x for x in shipped.facts if x.policy != "classification.bands" or x.valid_to is not None
    )
    own = Legal(shipped.sources, (*facts, earlier, stricter))
    assert [g.minimum for g in default_classification("2025-12-31", legal=own).grades] == [
        90,
        70,
        50,
    ]
    assert [g.minimum for g in default_classification("2026-12-31", legal=own).grades] == [
        95,
        75,
        50,
    ]


def test_eligibility_takes_the_day_judged_for() -> None:
    """eligibility(on=) judges with the shipped titles of that day; own titles ignore it."""
    person = Candidate("p", "P", "person", rating="HTXSNV", facts={"tich_cuc_thi_dua": True})
    early = eligibility(person, on="31/12/2024")
    late = eligibility(person, on=dt.date(2026, 12, 31))
    assert early.eligible == late.eligible == ("LDTT", "CSTDCS")
    assert early.result("CSTDCS").title.source != late.result("CSTDCS").title.source
    assert eligibility(person).result("LDTT").title == late.result("LDTT").title
    own = loads_titles(
        '[[titles]]\nid = "X"\nname = "x"\nsubject = "person"\n'
        '[[titles.conditions]]\nname = "tốt"\nrating = "HTTNV"\n'
    )
    assert eligibility(person, own, on="2020-01-01").eligible == ("X",)
    with pytest.raises(NotFoundError) as info:
        eligibility(person, on="31/12/2023")
    assert info.value.code == "legal.not_in_force"


def test_without_a_date_the_latest_version() -> None:
    """No date: the version still in force (open-ended), for every policy."""
    for policy in legal.default_legal().policies:
        latest = in_force(policy)
        assert latest.valid_to is None
        assert latest == legal_facts(policy)[-1]
    assert _tie(None) == _tie("2030-01-01")


@given(st.dates(dt.date(2024, 1, 1), dt.date(2100, 12, 31)))
def test_exactly_one_version_is_in_force_on_any_day(day: dt.date) -> None:
    """From the first day on, every policy has exactly one version in force."""
    for policy in legal.default_legal().policies:
        found = [x for x in legal_facts(policy) if x.in_force(day)]
        assert found == [in_force(policy, day)]
        assert found[0].cite().endswith("— chưa kiểm chứng") is not found[0].verified


@given(st.dates(dt.date(1900, 1, 1), dt.date(2023, 12, 31)))
def test_before_the_first_version_nothing_is_guessed(day: dt.date) -> None:
    """A day before 2024 is refused, never answered with a later text."""
    with pytest.raises(NotFoundError) as info:
        in_force("ranking.preference", day)
    assert info.value.code == "legal.not_in_force"
    with pytest.raises(NotFoundError):
        rank([Entry("A", 1)], on=day)


# ------------------------------------------------------------------ every default has a source


def _title_policies() -> set[str]:
    return {
        name
        for title in default_titles()
        for name in [title.legal, *(c.legal for c in title.walk())]
        if name is not None
    }


def test_every_shipped_default_names_a_source_and_dates() -> None:
    """Each title, the conditions with their own source, and every policy the code reads."""
    shipped = legal.default_legal()
    assert all(t.legal and t.source for t in default_titles())
    assert _title_policies() | POLICIES_IN_CODE == set(shipped.policies)
    for policy in shipped.policies:
        versions = shipped.versions(policy)
        assert versions[0].valid_from == dt.date(2024, 1, 1), policy
        assert versions[-1].valid_to is None, policy
        for fact in versions:
            assert fact.source in shipped.sources
            assert all((fact.what, fact.what_vi, fact.note)), fact
            assert all((fact.cite(), fact.cite("en")))


def test_the_versions_of_a_policy_leave_no_overlap_and_no_gap() -> None:
    """Recomputed here from the data: each version starts the day after the one before ends."""
    for policy in legal.default_legal().policies:
        versions = legal_facts(policy)
        for earlier, later in itertools.pairwise(versions):
            assert earlier.valid_to is not None, policy
            assert earlier.valid_to + dt.timedelta(days=1) == later.valid_from, policy
        for fact in versions:
            assert fact.valid_to is None or fact.valid_from <= fact.valid_to


def test_the_figures_in_code_are_those_of_the_data() -> None:
    """Constants and defaults that encode law agree with every version of their policy."""
    for fact in legal_facts("ranking.preference"):
        assert fact.share("share") == PREFERRED_WOMEN_SHARE
    for fact in legal_facts("classification.bands"):
        assert [Fraction(fact.value(r.value)) for r in (Rating.HTXSNV, Rating.HTTNV, Rating.HTNV)]
        assert [g.minimum for g in DEFAULT_GRADES] == [
            Fraction(fact.value(g.rating.value)) for g in DEFAULT_GRADES
        ]
    for fact in legal_facts("classification.excellent"):
        assert DEFAULT_GRADES[0].exceeded_share == fact.share("exceeded_share")
    for fact in legal_facts("classification.quota"):
        assert Classification().quota == fact.share("share")
    flag = attrs.fields(Cluster).flag_exceeded_share.default
    for fact in legal_facts("clusters.flag"):
        assert flag == fact.share("exceeded_share")
    (condition,) = [c for t in default_titles() for c in t.walk() if c.legal]
    assert isinstance(condition.rule, Comparison)
    assert condition.unverified
    for fact in legal_facts(condition.legal or ""):
        assert str(condition.rule) == f">= {fact.value('share')}"


def test_what_was_verified() -> None:
    """The facts checked against a text; every other is marked unverified."""
    verified = [(x.policy, x.source.id) for x in legal_facts() if x.verified]
    assert verified == [("titles.CSTDCS", "luat-06-2022"), ("classification.bands", "qd-366-tw")]
    assert {s.id for s in legal.sources() if s.verified} == {"luat-06-2022", "nd-335-2025"}
    replaced = {s.id: s.replaces for s in legal.sources() if s.replaces}
    assert replaced == {
        "nd-152-2025": "nd-98-2023",
        "tt-15-2025-bnv": "tt-01-2024-bnv",
        "qd-366-tw": "qd-124-tw",
    }
    assert all(s.checked for s in legal.sources())
    assert thidua.legal_facts() == legal.default_legal().facts


# ------------------------------------------------------------------ the listing and the docs


def _page_rows(heading: str) -> list[list[str]]:
    """The rows of the table under ``## heading`` of the docs page."""
    section = PAGE.read_text(encoding="utf-8").split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    return [
        [cell.strip() for cell in line.strip().strip("|").split("|")]
        for line in section.splitlines()
        if line.startswith("| ")
        and not line.startswith("| policy")
        and "---" not in line
        and not line.startswith("| id |")
    ]


def _day(day: dt.date | None) -> str:
    return day.isoformat() if day else "—"


def test_the_docs_tables_are_the_data() -> None:
    """docs/legal-sources.md lists every fact and every document, as the data say."""
    facts = [
        [
            f"`{x.policy}`",
            _day(x.valid_from),
            _day(x.valid_to),
            x.cite().removesuffix(" — chưa kiểm chứng"),
            "yes" if x.verified else "**no**",
        ]
        for x in legal_facts()
    ]
    assert _page_rows("The facts") == facts
    documents = [
        [
            f"`{s.id}`",
            s.short,
            s.issuer,
            _day(s.issued),
            _day(s.valid_from),
            _day(s.valid_to),
            "yes" if s.verified else "**no**",
        ]
        for s in legal.sources()
    ]
    assert _page_rows("The documents") == documents
    assert "legal-sources" in (ROOT / "docs" / "index.md").read_text(encoding="utf-8")


def test_the_listing_flags_what_is_unverified() -> None:
    """`thidua sources`: every fact with its dates, the unverified ones marked."""
    table = run(["sources"])
    lines = [line for line in table.splitlines() if re.match(r"^[a-z]+\.\S+  ", line)]
    assert len(lines) == len(legal_facts())
    for line, fact in zip(lines, legal_facts(), strict=True):
        assert line.startswith(f"{fact.policy}  ")
        assert line.endswith("— chưa kiểm chứng") is not fact.verified
    assert "17 / 19 căn cứ chưa kiểm chứng" in table
    english = run(["sources", "--language", "en", "--on", "31/12/2024"])
    assert "(in force on 2024-12-31)" in english
    assert "ranking.preference  2024-01-01 – 2025-06-30  Decree 98/2023/NĐ-CP, Art. 4" in english
    assert "152/2025" not in english
    assert "open" in english
    assert "(có hiệu lực ngày 31 tháng 12 năm 2024)" in run(["sources", "--on", "31/12/2024"])
    doc = json.loads(run(["sources", "--format", "json", "--on", "2026-12-31"]))
    assert doc["on"] == "2026-12-31"
    assert {f["policy"] for f in doc["facts"]} == set(legal.default_legal().policies)
    assert all(f["citation"].endswith("chưa kiểm chứng") is not f["verified"] for f in doc["facts"])
    assert [s["id"] for s in doc["sources"]] == [s.id for s in legal.sources()]
    with pytest.raises(ParseError):
        run(["sources", "--on", "31/02/2024"])


def test_as_dict_is_json_data() -> None:
    """A fact and a source as plain data, documents by id."""
    fact = in_force("classification.quota", "2024-06-30")
    data = fact.as_dict()
    assert data["source"] == "nd-48-2023"
    assert data["also"] == ["hd-21-btctw"]
    assert data["values"] == {"share": "20 %"}
    assert data["valid_to"] == "2025-12-31"
    assert in_force("titles.LDTT").as_dict()["amended_by"] == "luat-sd-2026"
    assert json.loads(json.dumps(fact.source.as_dict()))["issued"] is None


# ------------------------------------------------------------------ the model and its file


def _source(**changes: object) -> LegalSource:
    base: dict[str, object] = {
        "id": "a",
        "number": "1",
        "short": "Văn bản 1",
        "short_en": "Document 1",
        "title": "t",
        "title_en": "t",
        "issuer": "i",
    }
    return LegalSource(**(base | changes))  # type: ignore[arg-type]


def test_citations() -> None:
    """Document, article, clause, the amending text, the other texts, and the unverified mark."""
    a, b = _source(), _source(id="b", short="Văn bản 2", short_en="Document 2")
    fact = LegalFact("p", "w", "w", a, "2024-01-01", article=4, clause=2, verified=True)
    assert fact.cite() == "Văn bản 1, Điều 4 khoản 2"
    assert fact.cite("en") == "Document 1, Art. 4(2)"
    amended = attrs.evolve(fact, clause=None, amended_by=b, also=(b,), verified=False)
    assert amended.cite() == "Văn bản 1, Điều 4, sửa đổi bởi Văn bản 2; Văn bản 2 — chưa kiểm chứng"
    assert amended.cite("en") == (
        "Document 1, Art. 4, as amended by Document 2; Document 2 — unverified"
    )
    with pytest.raises(UsageError):
        fact.cite("fr")
    assert fact.in_force("01/01/2024")
    assert not fact.in_force(dt.date(2023, 12, 31))


def test_values() -> None:
    """Figures by name, as text and as shares; a missing one is a NotFoundError."""
    fact = LegalFact("p", "w", "w", _source(), "2024-01-01", values=(("share", "70 %"),))
    assert fact.value("share") == "70 %"
    assert fact.share("share") == Fraction(7, 10)
    bare = LegalFact("p", "w", "w", _source(), "2024-01-01")
    with pytest.raises(NotFoundError, match="values: none") as info:
        bare.value("share")
    assert info.value.code == "legal.unknown_value"
    with pytest.raises(ParseError):
        LegalFact("p", "w", "w", _source(), "2024-01-01", values={"x": "many"}).share("x")


@pytest.mark.parametrize(
    ("make", "code"),
    [
        (lambda: _source(valid_from="2024-02-01", valid_to="2024-01-01"), "legal.dates"),
        (lambda: _source(valid_from=dt.datetime(2024, 1, 1)), "plan.wrong_type"),
        (lambda: _source(valid_from=2024), "plan.wrong_type"),
        (lambda: _source(issued=dt.date(1000, 1, 1)), "plan.out_of_range"),
        (lambda: _source(id="a b"), "plan.bad_id"),
        (lambda: LegalFact("p", "w", "w", _source(), "2024-01-01", clause=1), "legal.clause"),
        (lambda: LegalFact("p", "w", "w", _source(), "2024-01-01", values=[1]), "plan.wrong_type"),
        (lambda: LegalFact("p", "w", "w", _source(), "2024-01-01", article=0), "plan.out_of_range"),
        (lambda: LegalFact("p", "w", "w", "a", "2024-01-01"), "plan.wrong_type"),
        (lambda: Legal([_source(), _source()], []), "plan.duplicate_id"),
    ],
)
def test_the_models_refuse_what_is_wrong(make: object, code: str) -> None:
    """Each field is checked when the model is made, in Python as from a file."""
    with pytest.raises(thidua.ThiduaError) as info:
        make()  # type: ignore[operator]
    assert info.value.code == code


def test_a_register_of_your_own() -> None:
    """A file of your own is read, checked, and answers as the shipped one."""
    text = (
        SOURCE
        + 'valid_from = 2024-01-01\nverified = true\nchecked = "đã đối chiếu"\n'
        + FACT
        + 'valid_from = 2024-01-01\nvalid_to = 2024-12-31\nvalues = { share = "60 %" }\n'
        + FACT
        + 'valid_from = 2025-01-01\narticle = 3\nalso = ["a"]\nverified = true\n'
    )
    own = loads_legal(text, file="own.toml")
    assert own.policies == ("p",)
    assert own.source("a").verified
    assert own.in_force("p", "2024-06-30").share("share") == Fraction(3, 5)
    assert own.in_force("p").cite() == "Văn bản 1/2024, Điều 3; Văn bản 1/2024"
    with pytest.raises(NotFoundError) as info:
        own.source("b")
    assert info.value.code == "legal.unknown_source"
    with pytest.raises(NotFoundError, match="did you mean 'p'"):
        own.versions("pp")
    closed = Legal(own.sources, (own.facts[0],))
    with pytest.raises(NotFoundError, match=r"01/01/2024 – 31/12/2024") as info:
        closed.in_force("p", "2025-01-01")
    assert info.value.code == "legal.not_in_force"
    with pytest.raises(NotFoundError, match="policies: p"):
        closed.versions("zzz")


@pytest.mark.parametrize(
    ("text", "code", "where"),
    [
        (
            SOURCE + FACT + "valid_from = 2024-01-01\n" + FACT + "valid_from = 2024-05-01\n",
            "legal.overlap",
            "facts[1]",
        ),
        (
            SOURCE
            + FACT
            + "valid_from = 2024-01-01\nvalid_to = 2024-03-31\n"
            + FACT
            + "valid_from = 2024-05-01\n",
            "legal.gap",
            "facts[1]",
        ),
        (
            SOURCE + "valid_to = 2024-06-30\n" + FACT + "valid_from = 2024-01-01\n",
            "legal.outside_source",
            "facts[0]",
        ),
        (
            SOURCE + FACT + 'valid_from = 2024-01-01\nalso = ["b"]\n',
            "legal.unknown_source",
            "facts[0].also",
        ),
        (
            SOURCE + FACT + 'valid_from = 2024-01-01\namended_by = "x"\n',
            "legal.unknown_source",
            "facts[0].amended_by",
        ),
        (
            SOURCE + FACT + 'valid_from = 2024-01-01\nalso = "a"\n',
            "plan.wrong_type",
            "facts[0].also",
        ),
        (
            SOURCE + FACT + "valid_from = 2024-01-01\nclause = 2\n",
            "legal.clause",
            "facts[0].clause",
        ),
        (
            SOURCE + FACT + "valid_from = 2024-01-01T00:00:00\n",
            "plan.wrong_type",
            "facts[0].valid_from",
        ),
        (SOURCE + "colour = 1\n", "plan.unknown_key", "sources[0].colour"),
        ("[[facts]]\npolicy = 'p'\n", "plan.missing_key", None),
    ],
)
def test_a_wrong_register_is_refused_where_it_is_wrong(
    text: str, code: str, where: str | None
) -> None:
    """Overlaps, gaps, unknown documents and wrong values, with the file and the key."""
    with pytest.raises(PlanError) as info:
        loads_legal(text, file="own.toml")
    assert info.value.code == code
    assert info.value.file == "own.toml"
    if where is not None:
        assert info.value.key == where
        assert info.value.line is not None


def test_load_legal_reads_a_file(tmp_path: Path) -> None:
    """load_legal reads a file; a missing or oversized one is a PlanError naming it."""
    path = tmp_path / "legal.toml"
    path.write_text(SOURCE + FACT + "valid_from = 2024-01-01\n", encoding="utf-8")
    assert legal.load_legal(path).policies == ("p",)
    with pytest.raises(PlanError) as info:
        legal.load_legal(tmp_path / "missing.toml")
    assert "missing.toml" in str(info.value)
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * (legal.MAX_LEGAL_BYTES + 1))
    with pytest.raises(PlanError, match="larger than"):
        legal.load_legal(big)


def test_the_shipped_register_is_read_once() -> None:
    """The register and the titles of one day are made once (cached), and equal each time."""
    assert legal.default_legal() is legal.default_legal()
    assert default_titles("2024-12-31") is default_titles("30/06/2025")
    assert default_classification("2026-01-01") is default_classification("2027-01-01")
