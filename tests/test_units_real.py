"""The units real plans write targets in (issue 15): counts, measures, ‰, per-capita rates."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
import unicodedata
from fractions import Fraction
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

import thidua
from thidua import Quantity, Status, UnitDefinition, UnitError, check, default_units, parse_rule
from thidua._files import packaged_text
from thidua.units import _pint_registry, _resolve_simply, _resolve_with_pint

#: Each new unit and the ways plans write it (its vi label among them).
NEW_UNITS = {
    "percentage_point": ["điểm phần trăm", "điểm %", "percentage points"],
    "per_mille": ["‰", "phần nghìn", "phần ngàn", "per mille"],
    "USD": ["USD", "usd", "US$", "đô la Mỹ", "đô-la Mỹ", "đô la"],
    "model": ["mô hình", "models"],
    "animal": ["con", "con vật", "head of livestock"],
    "visit": ["lượt", "lượt người", "lượt khách"],
    "card": ["thẻ", "thẻ BHYT", "thẻ bảo hiểm y tế"],
    "doctor": ["bác sĩ", "bác sỹ", "doctors"],
    "hospital_bed": ["giường bệnh", "hospital beds"],
    "school": ["trường", "trường học"],
    "club": ["câu lạc bộ", "CLB", "clb"],
    "team": ["tổ", "tổ nhóm"],
    "cooperative": ["hợp tác xã", "HTX"],
    "construction_work": ["công trình"],
    "road": ["tuyến đường", "tuyến"],
    "association_branch": ["chi hội"],
    "party_cell": ["chi bộ"],
    "commune": ["xã", "communes"],
    "ward": ["phường", "wards"],
    "residential_area": ["khu dân cư", "ấp", "khóm", "thôn", "tổ dân phố"],
    "metre": ["m", "mét", "metres"],
    "kilometre": ["km", "ki-lô-mét", "cây số"],
    "square_metre": ["m2", "m²", "mét vuông"],
    "hectare": ["ha", "héc-ta", "hécta", "hectares"],
    "kilogram": ["kg", "ki-lô-gam"],
    "VND_per_person": ["đồng/người"],
    "million_VND_per_person": ["triệu đồng/người", "triệu/người"],
    "USD_per_person": ["USD/người", "usd/người"],
    "doctor_per_10000_persons": ["bác sĩ/vạn dân", "bác sỹ/vạn dân", "bác sĩ/10.000 dân"],
    "doctor_per_1000_persons": ["bác sĩ/nghìn dân", "bác sĩ/ngàn dân", "bác sĩ/1.000 dân"],
    "hospital_bed_per_10000_persons": ["giường bệnh/vạn dân", "giường bệnh/10.000 dân"],
    "kilogram_per_person": ["kg/người"],
    "square_metre_per_person": ["m2/người", "m²/người", "m² sàn/người"],
    "person": ["người dân", "nhân khẩu", "học sinh", "trẻ em", "đảng viên"],
}
ALIASES = [(alias, name) for name, aliases in NEW_UNITS.items() for alias in aliases]


@pytest.mark.parametrize(("alias", "name"), ALIASES)
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_new_units_are_read_from_their_aliases(alias: str, name: str, form: str) -> None:
    """``3,5 <alias>`` is 3.5 of the unit, in NFC and NFD, in any case, with /năm or not."""
    units = default_units()
    for text in (f"3,5 {alias}", f"3,5 {alias.upper()}", f"3,5{alias}/năm"):
        written = unicodedata.normalize(form, text)
        assert units.parse_quantity(written) == Quantity("3.5", name), written


@pytest.mark.parametrize("name", list(NEW_UNITS))
def test_each_new_unit_is_known_by_its_name_and_label(name: str) -> None:
    """The canonical name resolves, the vi label is an alias, and canonical text reads back."""
    units = default_units()
    info = units.resolve(name)
    assert units.resolve(info.vi).name == name
    quantity = Quantity("2.5", name)
    assert units.parse_quantity(str(quantity), canonical=True) == quantity


@pytest.mark.parametrize(
    "text",
    [
        "3,5 triệu đồng/người/năm",
        "3,5 triệu đồng / người / năm",
        "3,5 triệu đồng/người / năm",
        "3,5 TRIỆU ĐỒNG/NGƯỜI/NĂM",
        "3,5 triệu đồng /người/ năm",
    ],
)
def test_per_capita_income_with_the_annual_suffix(text: str) -> None:
    """The annual ``/năm`` is stripped; the slashes may be spaced as people space them."""
    for form in ("NFC", "NFD"):
        written = unicodedata.normalize(form, text)
        assert default_units().parse_quantity(written) == Quantity("3.5", "million_VND_per_person")


def test_a_count_per_year_is_the_count() -> None:
    """``lao động/năm`` is no unit of its own: persons, a year (the annual target)."""
    assert default_units().parse_quantity("120 lao động/năm") == Quantity(120, "person")
    assert "lao động/năm" not in default_units()


@pytest.mark.parametrize(
    ("given_", "unit", "expected"),
    [
        (Quantity("1.5", "doctor_per_1000_persons"), "doctor_per_10000_persons", Fraction(15)),
        (Quantity(15, "doctor_per_10000_persons"), "doctor_per_1000_persons", Fraction(3, 2)),
        (Quantity("3.5", "million_VND_per_person"), "VND_per_person", Fraction(3_500_000)),
        (Quantity(2, "hectare"), "square_metre", Fraction(20_000)),
        (Quantity(250, "square_metre"), "hectare", Fraction(1, 40)),
        (Quantity("1.2", "kilometre"), "metre", Fraction(1200)),
        (Quantity(5, "per_mille"), "percent", Fraction(1, 2)),
        (Quantity(5, "per_mille"), "dimensionless", Fraction(1, 200)),
        (Quantity(1, "percent"), "per_mille", Fraction(10)),
        (Quantity("0.5", "percentage_point"), "percent", Fraction(1, 2)),
    ],
)
def test_conversions_are_exact(given_: Quantity, unit: str, expected: Fraction) -> None:
    """Units of one dimension convert with exact Fractions."""
    converted = default_units().convert(given_, unit)
    assert converted == Quantity(expected, unit)
    assert isinstance(converted.magnitude, Fraction)


def test_per_mille_is_exact() -> None:
    """‰ is exactly 1/1000: 0,7‰ is 7/10000, below 0,1% and above 0,06%."""
    units = default_units()
    quantity = units.parse_quantity("0,7‰")
    assert quantity == Quantity(Fraction(7, 10), "per_mille")
    assert units.base(quantity) == (Fraction(7, 10_000), "dimensionless")
    assert str(quantity) == "0.7 ‰"
    assert units.label("per_mille") == "‰"
    assert check("dưới 1‰", "0,07%") is Status.ACHIEVED
    assert check("dưới 1‰", "0,1%") is Status.NOT_ACHIEVED
    assert check("<= 0.7 phần nghìn", thidua.ratio(7, 10_000)) is Status.ACHIEVED


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("hectare", "metre"),
        ("square_metre", "kilometre"),
        ("USD", "VND"),
        ("USD_per_person", "million_VND_per_person"),
        ("million_VND_per_person", "million_VND"),
        ("doctor_per_10000_persons", "hospital_bed_per_10000_persons"),
        ("doctor_per_10000_persons", "doctor"),
        ("doctor", "person"),
        ("kilogram_per_person", "kilogram"),
        ("square_metre_per_person", "square_metre"),
        ("commune", "ward"),
        ("residential_area", "household"),
        ("animal", "person"),
        ("model", "project"),
        ("card", "person"),
        ("per_mille", "person"),
        ("percentage_point", "point"),
    ],
)
def test_different_things_are_refused(a: str, b: str) -> None:
    """Across dimensions, conversion and comparison are UnitErrors, both ways."""
    units = default_units()
    assert not units.compatible(a, b)
    for source, target in ((a, b), (b, a)):
        with pytest.raises(UnitError) as info:
            units.convert(Quantity(1, source), target)
        assert info.value.code == "unit.incompatible"
    with pytest.raises(UnitError):
        check(f">= 1 {a}", Quantity(2, b))


def test_doctors_per_thousand_meet_a_target_per_ten_thousand() -> None:
    """1,5 bác sĩ/nghìn dân is 15 bác sĩ/vạn dân, exactly."""
    assert check(">= 15 bác sĩ/vạn dân", "1,5 bác sĩ/nghìn dân") is Status.ACHIEVED
    assert check(">= 15 bác sĩ/vạn dân", "1,49 bác sĩ/nghìn dân") is Status.NOT_ACHIEVED
    rule = parse_rule("từ 25 giường bệnh/vạn dân trở lên")
    assert str(rule) == ">= 25 hospital_bed_per_10000_persons"


@pytest.mark.parametrize(
    ("rule", "actual", "status"),
    [
        ("giảm 1 điểm phần trăm so với năm trước", "4%", Status.ACHIEVED),
        ("giảm 1 điểm phần trăm so với năm trước", "4,1%", Status.NOT_ACHIEVED),
        ("<= previous - 1 điểm phần trăm", "4%", Status.ACHIEVED),
        ("<= previous - 1 percentage_point", "0,04", Status.ACHIEVED),
        ("tăng 0,5 điểm % so với năm trước", "5,5%", Status.ACHIEVED),
        ("tăng 0,5 điểm % so với năm trước", "5,4%", Status.NOT_ACHIEVED),
    ],
)
def test_percentage_points_are_added_to_a_percent(rule: str, actual: str, status: Status) -> None:
    """A change in percentage points is added to the previous percent, not multiplied."""
    assert check(rule, actual, previous="5%", unit="percent") is status


def test_percentage_points_and_percent_read_apart() -> None:
    """``giảm 1%`` is relative on a count, open without a unit; points take 1 point away."""
    assert str(parse_rule("giảm 1% so với năm trước", unit="hộ")) == "<= previous * 99 %"
    assert str(parse_rule("giảm 1% so với năm trước")) == "<= previous - 1 % change"
    assert str(parse_rule("giảm 1 điểm phần trăm so với năm trước")) == "<= previous - 1 %"
    assert default_units().resolve("điểm").name == "point"  # the longest alias wins


@pytest.mark.parametrize(
    ("text", "canonical"),
    [
        ("đạt 3,5 triệu đồng/người/năm", ">= 3.5 million_VND_per_person"),
        ("đạt 3,5 triệu đồng / người / năm", ">= 3.5 million_VND_per_person"),
        ("trên 30 m²/người", "> 30 square_metre_per_person"),
        ("từ 2 bác sĩ/10.000 dân trở lên", ">= 2 doctor_per_10000_persons"),
        ("có thêm 01 mô hình", ">= previous + 1 model"),
        ("đạt 50 ha", ">= 50 hectare"),
        ("đạt 10 xã", ">= 10 commune"),
        ("dưới 5‰", "< 5 ‰"),
        ("có thêm 2 câu lạc bộ", ">= previous + 2 club"),
        ("giảm 2 trường hợp", "<= previous - 2 case"),
    ],
)
def test_rule_phrases_read_the_new_units(text: str, canonical: str) -> None:
    """The reader of rule phrases finds the new units, the longest alias first."""
    rule = parse_rule(text)
    assert str(rule) == canonical
    assert parse_rule(str(rule)) == rule


def test_max_words_bounds_every_alias_as_written() -> None:
    """No alias, its slashes spaced out, has more words than ``max_words``."""
    units = default_units()
    toml = tomllib.loads(packaged_text("units.toml"))
    written = [alias for entry in toml["unit"] for alias in (entry["name"], *entry["aliases"])]
    assert max(len(a.replace("/", " / ").split()) for a in written) == units.max_words
    phrase = "đạt 2 giường bệnh / 10.000 dân"  # five words after the number, all the unit
    assert str(parse_rule(phrase)) == ">= 2 hospital_bed_per_10000_persons"


def test_units_file_is_tidy() -> None:
    """Names are ASCII identifiers; labels and aliases NFC; no alias names two units."""
    toml = tomllib.loads(packaged_text("units.toml"))
    seen: dict[str, str] = {}
    for entry in toml["unit"]:
        assert re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*", entry["name"]), entry["name"]
        for text in (entry.get("vi", ""), entry.get("en", ""), *entry.get("aliases", ())):
            assert unicodedata.is_normalized("NFC", text), text
        for alias in (entry["name"], *entry.get("aliases", ())):
            key = thidua._text.fold(alias)
            assert seen.setdefault(key, entry["name"]) == entry["name"], alias


def test_the_registry_is_built_without_pint() -> None:
    """Products and quotients of units resolve at start-up without importing pint."""
    code = (
        "import sys, thidua; u = thidua.default_units(); "
        "u.parse_quantity('3,5 triệu đồng/người/năm'); "
        "e = u.extend([thidua.UnitDefinition('x', 'USD / 1000 / household')]); "
        "print(e.resolve('x').dimension, 'pint' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[US_dollar] / [household] False"


def _pint_units(definitions: tuple[UnitDefinition, ...]) -> list[tuple[Fraction, str] | None]:
    """What pint makes of each definition after the default ones (None: it refuses it)."""
    base = default_units().definitions
    registry = _pint_registry((*base, *definitions), definitions[0])
    results: list[tuple[Fraction, str] | None] = []
    for d in definitions:
        try:
            results.append(_resolve_with_pint(registry, d))
        except UnitError:
            results.append(None)
            break
    return results


def _resolved(units: thidua.Units, d: UnitDefinition) -> tuple[Fraction, str]:
    info = units.resolve(d.name)
    return info.factor, info.dimension


def test_a_cancelled_dimension_keeps_its_place_as_in_pint() -> None:
    """Pint keeps the place of a dimension that cancelled out; so does the start-up path."""
    definitions = (
        UnitDefinition("two_VND", "2 VND"),
        UnitDefinition("x", "VND / two_VND * person"),
        UnitDefinition("y", "x * VND"),
        UnitDefinition("z", "1 / doctor_per_10000_persons * metre / person"),
    )
    with mock.patch("thidua.units._pint_registry", side_effect=AssertionError("pint")):
        units = default_units().extend(definitions)
    resolved = [_resolved(units, d) for d in definitions]
    assert resolved == _pint_units(definitions)
    assert resolved[2] == (Fraction(1, 2), "[currency] * [person]")


_NAMES = ["VND", "million_VND", "person", "percent", "doctor", "metre", "hectare", "USD"]
_NUMBERS = st.one_of(
    st.integers(1, 10**6).map(str),
    st.tuples(st.integers(0, 999), st.integers(1, 999)).map(lambda p: f"{p[0]}.{p[1]:03d}"),
)
_OPS = st.sampled_from(["*", " * ", "/", " / ", " "])


@st.composite
def _expressions(draw: st.DrawFn, names: list[str]) -> str:
    terms = draw(st.lists(st.sampled_from(names) | _NUMBERS, min_size=1, max_size=5))
    text = terms[0]
    for term in terms[1:]:
        text += draw(_OPS) + term
    return text


@st.composite
def _chains(draw: st.DrawFn) -> tuple[UnitDefinition, ...]:
    definitions: list[UnitDefinition] = []
    for i in range(draw(st.integers(1, 3))):
        names = _NAMES + [d.name for d in definitions]
        definitions.append(UnitDefinition(f"extra{i}", draw(_expressions(names))))
    return tuple(definitions)


@given(_chains())
def test_products_and_quotients_resolve_as_pint_resolves_them(
    definitions: tuple[UnitDefinition, ...],
) -> None:
    """Factor and dimension of ``a / 1000 b * c …`` are pint's, or both refuse it."""
    expected = _pint_units(definitions)
    if expected[-1] is None or len(expected) < len(definitions):
        with pytest.raises(UnitError):
            default_units().extend(definitions)
        return
    units = default_units().extend(definitions)
    assert [_resolved(units, d) for d in definitions] == expected
    known = {info.name: info for info in default_units()}
    simple = _resolve_simply(definitions[0], known)
    assert simple is None or simple == expected[0]
