"""Every lookup of an id or a name keys on _text.fold (issue 14).

Indicators, org units, units, cluster members, ratings, score lines, titles and
the words of periods are found whatever the case, the Unicode form (NFC or NFD)
and the spacing of the key; ids that fold apart stay apart, and accents count.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import thidua
from thidua import Indicator, IndicatorGroup, NotFoundError, OrgUnit, Period, Plan, Status
from thidua._text import caseless, fold, fold_column, nfc, squeeze
from thidua.classification import Rating
from thidua.clusters import Cluster, Member
from thidua.evaluation import Explanation
from thidua.periods import PeriodKind, parse_date, parse_period
from thidua.rules._vietnamese import normalise
from thidua.scoring import Credit, Scheme, Score, ScoreItem, ScoreLine
from thidua.titles import Candidate, eligibility
from thidua.units import default_units

# ------------------------------------------------------------------ strategies

_BASE = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_TONES = ("\u0300", "\u0301", "\u0309", "\u0303", "\u0323")
#: The letters of Vietnamese, lower case, with every tone on every vowel (NFC).
LETTERS = _BASE + "".join(
    unicodedata.normalize("NFC", vowel + tone) for vowel in "aăâeêioôơuưy" for tone in _TONES
)
#: White space people type or paste between words: space, no-break space, tab.
SPACES = " \u00a0\t"

ids = st.text(alphabet=LETTERS + LETTERS.upper() + "0123456789-_.", min_size=1, max_size=8)
words = st.text(alphabet=LETTERS + LETTERS.upper() + "0123456789", min_size=1, max_size=6)
names = st.lists(words, min_size=1, max_size=4).map(" ".join)


@st.composite
def written(draw: st.DrawFn, text: str) -> str:
    """``text`` as someone may write it: any case, NFC or NFD, any white space."""
    upper = draw(st.lists(st.booleans(), min_size=len(text), max_size=len(text)))
    cased = "".join(c.upper() if up else c.lower() for c, up in zip(text, upper, strict=True))
    shaped = unicodedata.normalize(draw(st.sampled_from(["NFC", "NFD"])), cased)
    gaps = st.text(alphabet=SPACES, min_size=1, max_size=3)
    inner = [draw(gaps) for _ in range(shaped.count(" "))]
    parts = shaped.split(" ")
    spaced = parts[0] + "".join(gap + part for gap, part in zip(inner, parts[1:], strict=True))
    ends = st.text(alphabet=SPACES, max_size=2)
    return draw(ends) + spaced + draw(ends)


def _plan(indicator_ids: list[str], org_units: list[OrgUnit] | None = None) -> Plan:
    indicators = [Indicator(i, f"chỉ tiêu {n}", rule=">= 1") for n, i in enumerate(indicator_ids)]
    return Plan(
        "p",
        "Kế hoạch",
        year=2024,
        groups=[IndicatorGroup("G#", "g", indicators=indicators)] if indicators else [],
        org_units=org_units or [],
    )


def _cluster(members: list[Member]) -> Cluster:
    return Cluster("c", "Cụm", members, Scheme("s", "s", 100, items=[ScoreItem("A", 100)]))


def _score(indicator_ids: list[str]) -> Score:
    why = Explanation("không có", "none")
    lines = tuple(
        ScoreLine(i, i, Status.ACHIEVED, None, Credit.ALL_OR_NOTHING, Fraction(1), Fraction(1), why)
        for i in indicator_ids
    )
    n = Fraction(len(lines))
    return Score("s", lines, n, n, Fraction(0), Fraction(0))


# ------------------------------------------------------------------ the key


@given(names, st.data())
def test_fold_ignores_case_form_and_spacing(name: str, data: st.DataObject) -> None:
    """Every way of writing a name has its key; the key is its own key."""
    key = fold(name)
    assert fold(data.draw(written(name))) == key
    assert fold(key) == key
    assert fold_column(data.draw(written(name))) == key.replace(" ", "_")


@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=20))
def test_the_ascii_fast_path_is_the_general_key(text: str) -> None:
    """ASCII ids skip normalisation, and get the key the general path gives."""
    general = " ".join(unicodedata.normalize("NFC", text).casefold().split())
    assert fold(text) == general
    assert caseless(text) == unicodedata.normalize("NFC", text).casefold()


@given(st.text(max_size=30))
def test_the_primitives_make_the_key(text: str) -> None:
    """The key is made of the primitives, squeeze(caseless(text)), for any text."""
    assert fold(text) == squeeze(caseless(text))
    assert nfc(text) == unicodedata.normalize("NFC", text)
    assert squeeze(text) == " ".join(text.split())


def test_accents_count() -> None:
    """Folding keeps the accents: Khóm is not Khom, Hòa is not Hoa."""
    assert fold("Khóm 1") != fold("Khom 1")
    assert fold("Ấp Tân Hòa") != fold("Ap Tan Hoa")
    assert fold("Phường Mỹ Phú") == fold("PHƯỜNG  MỸ PHÚ") == fold(_nfd("phường mỹ phú"))


@given(names, st.data())
def test_the_rule_pre_pass_folds_as_the_key_does(name: str, data: st.DataObject) -> None:
    """The grammar's pre-pass (kept apart for its commas and final dots) folds as fold does."""
    assert normalise(data.draw(written(name))).replace(" , ", ", ") == fold(name).rstrip(" .;:!,")
    assert normalise("Trên 98%, TRỞ LÊN.") == "trên 98% , trở lên"  # the comma: a lexeme


# ------------------------------------------------------------------ indicators


@given(st.lists(ids, min_size=1, max_size=6, unique_by=fold), st.data())
def test_plan_indicator_is_found_however_written(found: list[str], data: st.DataObject) -> None:
    """Plan.indicator finds the same object by any writing of its id; others stay apart."""
    plan = _plan(found)
    by_id = {i.id: i for i in plan.indicators()}
    for ident in found:
        assert plan.indicator(data.draw(written(ident))) is by_id[ident]
    assert len({id(plan.indicator(i)) for i in found}) == len(found)


def test_plan_indicator_ids_that_differ_in_case_only() -> None:
    """Two ids that differ in case only: each is found as written, any other writing finds the first."""
    plan = _plan(["KT07", "kt07"])
    first, second = plan.indicators()
    assert plan.indicator("KT07") is first
    assert plan.indicator("kt07") is second
    assert plan.indicator("Kt07") is first
    with pytest.raises(NotFoundError) as caught:
        plan.indicator("KT7")
    assert caught.value.code == "plan.unknown_indicator"


@given(st.lists(ids, min_size=1, max_size=6, unique_by=fold), st.data())
def test_score_line_agrees_with_plan_indicator(found: list[str], data: st.DataObject) -> None:
    """Score.line finds an indicator's line as Plan.indicator finds the indicator."""
    plan, result = _plan(found), _score(found)
    for ident in found:
        key = data.draw(written(ident))
        assert result.line(key).indicator == plan.indicator(key).id == ident


def test_score_line_refuses_an_unscored_id() -> None:
    """An id no line has is still a NotFoundError, and a non-text too."""
    result = _score(["KT07"])
    assert result.line("kt07") is result.lines[0]
    with pytest.raises(NotFoundError):
        result.line("KT08")
    with pytest.raises(NotFoundError):
        result.line(7)  # type: ignore[arg-type]


# ------------------------------------------------------------------ org units and members


@given(st.lists(ids, min_size=1, max_size=5, unique_by=fold), st.data())
def test_plan_org_unit_is_found_by_id_or_name(found: list[str], data: st.DataObject) -> None:
    """Plan.org_unit finds the same unit by any writing of its id or its name."""
    units = [OrgUnit(ident, f"Khóm {ident}") for ident in found]
    plan = _plan(["A"], units)
    for unit in plan.org_units:
        assert plan.org_unit(data.draw(written(unit.id))) is unit
        assert plan.org_unit(data.draw(written(unit.name))) is unit
        assert plan.find_org_unit(data.draw(written(unit.name))) is unit
    assert len({id(plan.org_unit(u.name)) for u in units}) == len(units)


@given(st.lists(ids, min_size=1, max_size=5, unique_by=fold), st.data())
def test_cluster_member_agrees_with_plan_org_unit(found: list[str], data: st.DataObject) -> None:
    """Cluster.member finds a member as Plan.org_unit finds the unit of the same id and name."""
    cluster = _cluster([Member(ident, f"Phường {ident}") for ident in found])
    plan = _plan(["A"], [OrgUnit(ident, f"Phường {ident}") for ident in found])
    for member in cluster.members:
        for key in (data.draw(written(member.id)), data.draw(written(member.name))):
            assert cluster.member(key) is member
            assert plan.org_unit(key).id == member.id
    assert len({id(cluster.member(m.id)) for m in cluster.members}) == len(found)


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_real_names_of_khom_phuong_and_ap() -> None:
    """Khóm 1, KHÓM 1 and khóm 1 in NFD are one khóm; Phường Mỹ Phú and Ấp Tân Hòa too."""
    khom = OrgUnit("K1", "Khóm 1")
    ap = OrgUnit("ATH", "Ấp Tân Hòa")
    plan = _plan(["A"], [khom, OrgUnit("K2", "Khóm 2"), ap])
    for key in ("Khóm 1", "KHÓM 1", _nfd("khóm 1"), " khóm\u00a0 1 ", "k1"):
        assert plan.org_unit(key) is plan.org_units[0]
    for key in ("Ấp Tân Hòa", "ẤP TÂN HÒA", _nfd("ấp tân hòa"), "ath"):
        assert plan.org_unit(key) is plan.org_units[2]
    assert plan.find_org_unit("Khom 1") is None  # the accents count
    with pytest.raises(NotFoundError):
        plan.org_unit("Ap Tan Hoa")

    cluster = _cluster([Member("MP", "Phường Mỹ Phú"), Member("HT", "Phường Hòa Thuận")])
    for key in ("Phường Mỹ Phú", "PHƯỜNG MỸ PHÚ", _nfd("phường mỹ phú"), "  phường  mỹ phú", "mp"):
        assert cluster.member(key).id == "MP"
    with pytest.raises(NotFoundError):
        cluster.member("Phuong My Phu")


# ------------------------------------------------------------------ units, ratings, titles

_UNIT_NAMES = [
    (text, d.name)
    for d in default_units().definitions
    for text in dict.fromkeys((d.name, default_units().resolve(d.name).symbol, *d.aliases))
]


@given(st.sampled_from(_UNIT_NAMES), st.data())
def test_units_get_finds_a_unit_however_written(pair: tuple[str, str], data: st.DataObject) -> None:
    """Units.get finds the same unit by any writing of its name, symbol or aliases."""
    text, name = pair
    registry = default_units()
    info = registry.get(data.draw(written(text)))
    assert info is not None
    assert info is registry.get(name)
    assert info.name == name


def test_units_stay_apart() -> None:
    """Every name or alias names one unit: distinct units are never found by one key."""
    registry = default_units()
    seen: dict[str, str] = {}
    for text, name in _UNIT_NAMES:
        assert seen.setdefault(fold(text), name) == name
    assert registry.get("HỘ") is registry.get(_nfd("hộ")) is registry.get("household")
    assert registry.get("Hộ  Gia   Đình") is registry.get("household")
    assert registry.get("ho") is None  # the accents count


@given(st.sampled_from(list(Rating)), st.booleans(), st.data())
def test_ratings_are_read_however_written(
    rating: Rating, by_name: bool, data: st.DataObject
) -> None:
    """Rating.parse reads a code or a Vietnamese name in any case, form and spacing."""
    text = rating.vi if by_name else rating.value
    assert Rating.parse(data.draw(written(text))) is rating


def test_title_results_are_found_however_written() -> None:
    """Eligibility.result finds a title by its id in any case and spacing."""
    person = Candidate(
        "cb",
        "Trần Văn B",
        "person",
        rating="HTXSNV",
        facts={"tich_cuc_thi_dua": True, "sang_kien": True, "de_tai": False},
    )
    result = eligibility(person)
    for key in ("ldtt", " Ldtt ", "LDTT"):
        assert result.result(key) is result.result("LDTT")
    assert result.result("cstdcs").title.id == "CSTDCS"
    with pytest.raises(NotFoundError):
        result.result("TTLDXS")  # a collective's title


# ------------------------------------------------------------------ the words of periods

_PERIODS = [
    ("năm 2024", Period(2024)),
    ("6 tháng đầu năm 2024", Period(2024, PeriodKind.HALF, 1)),
    ("6 tháng cuối năm 2024", Period(2024, PeriodKind.HALF, 2)),
    ("quý III/2024", Period(2024, PeriodKind.QUARTER, 3)),
    ("quý 2 năm 2024", Period(2024, PeriodKind.QUARTER, 2)),
    ("tháng 6/2024", Period(2024, PeriodKind.MONTH, 6)),
    ("9 tháng đầu năm 2024", Period.range(dt.date(2024, 1, 1), dt.date(2024, 9, 30))),
    ("từ 01/01/2024 đến 10/6/2024", Period.range(dt.date(2024, 1, 1), dt.date(2024, 6, 10))),
    ("2024-H1", Period(2024, PeriodKind.HALF, 1)),
    ("Q3/2024", Period(2024, PeriodKind.QUARTER, 3)),
]


@given(st.sampled_from(_PERIODS), st.data())
def test_period_words_are_read_however_written(
    pair: tuple[str, Period], data: st.DataObject
) -> None:
    """parse_period reads the words of a period in any case, form and spacing."""
    text, period = pair
    assert parse_period(data.draw(written(text))) == period


@given(st.data())
def test_date_words_are_read_however_written(data: st.DataObject) -> None:
    """parse_date reads the words of a date in any case, form and spacing."""
    assert parse_date(data.draw(written("ngày 11 tháng 01 năm 2024"))) == dt.date(2024, 1, 11)


def test_distinct_period_words_stay_distinct() -> None:
    """Folding never makes two periods one."""
    read = {parse_period(text) for text, _ in _PERIODS}
    assert read == {period for _, period in _PERIODS}
    assert parse_period("QUÝ I/2024") != parse_period("quý II/2024")


# ------------------------------------------------------------------ readers


def test_data_readers_fold_column_names_and_yes_no() -> None:
    """Column names and yes/no cells are read in any case, form and spacing, as before."""
    text = "INDICATOR,  Period ,Org Unit,VALUE\nKT01,2024,K1,ĐẠT\nKT02,2024,K1," + _nfd("không đạt")
    data = thidua.loads_data(text)
    values = {o.indicator: o.value for o in data}
    assert values == {"KT01": True, "KT02": False}
    assert {o.org_unit for o in data} == {"K1"}
    assert thidua.parse_value("  Hoàn   Thành ") is True
