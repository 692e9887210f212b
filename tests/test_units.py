"""The lean unit registry and exact quantities."""

from __future__ import annotations

import pickle
import sys
import unicodedata
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

import thidua
from thidua import Quantity, UnitDefinition, UnitError, Units, default_units, ratio


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("%", "percent"),
        ("người", "person"),
        ("công dân", "person"),
        ("lao động", "person"),
        ("hộ", "household"),
        ("cơ sở", "establishment"),
        ("doanh nghiệp", "establishment"),
        ("sản phẩm", "product"),
        ("dự án", "project"),
        ("sáng kiến", "initiative"),
        ("vụ", "case"),
        ("trường hợp", "case"),
        ("vụ việc", "case"),
        ("căn", "house"),
        ("căn nhà", "house"),
        ("nhiệm vụ", "task"),
        ("điểm", "point"),
        ("sao", "star"),
        ("đồng", "VND"),
        ("nghìn đồng", "thousand_VND"),
        ("triệu đồng", "million_VND"),
        ("tỷ đồng", "billion_VND"),
        ("TỶ ĐỒNG", "billion_VND"),
        ("Household", "household"),
    ],
)
@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_vietnamese_aliases(alias: str, name: str, form: str) -> None:
    """Vietnamese names resolve to the canonical unit, in any case and normalisation."""
    assert default_units().resolve(unicodedata.normalize(form, alias)).name == name


def test_conversions_are_exact() -> None:
    """Conversions use exact factors."""
    units = default_units()
    assert units.convert(Quantity("3.2", "billion_VND"), "million_VND") == Quantity(
        3200, "million_VND"
    )
    assert units.convert(Quantity(1, "percent"), "dimensionless") == Quantity(
        Fraction(1, 100), "dimensionless"
    )
    assert units.convert(Quantity(5), "household") == Quantity(5, "household")


def test_counts_of_different_things_do_not_compare() -> None:
    """Households and persons are different dimensions: a UnitError, never a number comparison."""
    with pytest.raises(
        UnitError, match=r"cannot compare household with person: they measure different things"
    ) as info:
        default_units().convert(Quantity(2, "household"), "person")
    assert info.value.code == "unit.incompatible"
    assert (
        "không thể so sánh hộ với người: hai đơn vị tính này đo hai thứ khác nhau"
        in info.value.message("vi")
    )


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("97,5%", Quantity("97.5", "percent")),
        ("42 hộ", Quantity(42, "household")),
        ("3,2 tỷ đồng", Quantity("3.2", "billion_VND")),
        ("02 hộ/năm", Quantity(2, "household")),
        ("42hộ", Quantity(42, "household")),
        ("7", Quantity(7)),
    ],
)
def test_reads_quantities_as_people_write_them(text: str, quantity: Quantity) -> None:
    """Quantities with Vietnamese units, with or without a space, and the /năm suffix."""
    assert default_units().parse_quantity(text) == quantity


def test_unknown_unit_names_the_known_ones() -> None:
    """An unknown unit is a UnitError listing the known units."""
    with pytest.raises(UnitError, match="unknown unit 'thùng'") as info:
        default_units().parse_quantity("5 thùng")
    assert info.value.code == "unit.unknown"
    for label in ("hộ", "người", "%", "tỷ đồng"):  # the labels people write, not registry names
        assert label in (info.value.hint or "")
        assert label in (info.value.how("vi") or "")
    assert "billion_VND" not in info.value.message("en")
    assert "household" not in info.value.message("en")


def test_plans_may_declare_count_units() -> None:
    """A declared unit is a count of its own dimension, with aliases."""
    units = default_units().extend([UnitDefinition("petition", aliases=("đơn thư",), vi="đơn")])
    info = units.resolve("Đơn thư")
    assert (info.name, info.dimension, info.count) == ("petition", "[petition]", True)
    assert not units.compatible("petition", "case")
    assert "petition" not in default_units()


@pytest.mark.parametrize(
    ("definitions", "message"),
    [
        ([UnitDefinition("household")], "defined twice"),
        ([UnitDefinition("x", aliases=("hộ",))], "would name both"),
        ([UnitDefinition("y", definition="3 nothing")], "cannot define unit 'y'"),
    ],
)
def test_bad_unit_definitions(definitions: list[UnitDefinition], message: str) -> None:
    """Redefinitions, clashing aliases and bad definitions are UnitErrors."""
    with pytest.raises(UnitError, match=message):
        default_units().extend(definitions)


def test_unit_names_must_be_identifiers() -> None:
    """Canonical unit names are identifiers; spellings with spaces go in aliases."""
    with pytest.raises(UnitError, match="must be an identifier"):
        UnitDefinition("đơn thư")


def test_quantities_are_values_without_a_registry() -> None:
    """Quantities are frozen, hashable, picklable and never hold the registry."""
    q = Quantity("97.5", "percent")
    assert pickle.loads(pickle.dumps(q)) == q  # noqa: S301 - our own bytes
    assert hash(q) == hash(Quantity(Fraction(195, 2), "percent"))
    assert str(q) == "97.5 %"
    assert (
        not any(isinstance(v, Units) for v in vars(q).values()) if hasattr(q, "__dict__") else True
    )


def test_ratio() -> None:
    """ratio() is exact; a zero denominator has no rate; negatives are refused."""
    assert ratio(49, 50).quantity == Quantity(Fraction(49, 50), "dimensionless")
    assert ratio(0, 0).quantity is None
    with pytest.raises(UnitError, match="must not be negative"):
        ratio(-1, 5)


def test_importing_thidua_does_not_build_pint() -> None:
    """The registry is built on first use, so importing thidua does not import pint."""
    import subprocess

    code = "import sys, thidua; print('pint' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_callers_pint_quantity_is_converted_by_unit_name() -> None:
    """A pint Quantity from the caller's registry is accepted through its unit name."""
    import pint

    from thidua import check

    ureg = pint.UnitRegistry(None)
    ureg.define("household = [household]")
    assert check(">= 2 household", ureg.Quantity(3, "household")).value == "achieved"


def test_start_up_resolution_agrees_with_pint() -> None:
    """The shipped units resolve without importing pint, exactly as pint resolves them."""
    from thidua.units import _pint_registry, _resolve_simply, _resolve_with_pint

    definitions = thidua.default_units().definitions
    registry = _pint_registry(definitions, definitions[0])
    known: dict[str, thidua.units.UnitInfo] = {}
    for d in definitions:
        simple = _resolve_simply(d, known)
        assert simple is not None, d.name
        assert simple == _resolve_with_pint(registry, d), d.name
        known[d.name] = thidua.default_units().resolve(d.name)


@given(
    st.integers(1, 10**9),
    st.integers(0, 4),
    st.sampled_from(["VND", "million_VND", "person", "percent", None]),
)
def test_simple_definitions_agree_with_pint(digits: int, places: int, unit: str | None) -> None:
    """'N' and 'N unit' are read as pint reads them; anything else goes to pint."""
    from thidua.units import UnitDefinition, _pint_registry, _resolve_simply, _resolve_with_pint

    number = (
        f"{digits}" if not places else f"{digits // 10**places}.{digits % 10**places:0{places}d}"
    )
    text = number if unit is None else f"{number} {unit}"
    d = UnitDefinition("extra", text)
    base = thidua.default_units()
    known = {i.name: i for i in base}
    registry = _pint_registry((*base.definitions, d), d)
    assert _resolve_simply(d, known) == _resolve_with_pint(registry, d)
    assert (
        base.extend([d]).resolve("extra").factor
        == _resolve_with_pint(_pint_registry((*base.definitions, d), d), d)[0]
    )
    with_pint = base.extend([UnitDefinition("extra", f"{number} * {unit or 'percent'} / 1")])
    assert with_pint.resolve("extra").dimension == known[unit or "percent"].dimension


@pytest.mark.parametrize(
    ("a", "b", "en", "vi"),
    [
        ("billion_VND", "percent", "billion VND with %", "tỷ đồng với %"),
        ("household", "dimensionless", "household with a ratio", "hộ với tỷ số"),
        ("case", "million_VND", "case with million VND", "vụ với triệu đồng"),
    ],
)
def test_incompatible_units_are_named_by_their_labels(a: str, b: str, en: str, vi: str) -> None:
    """No registry name ("billion_VND") nor dimension ("[currency]") in the message."""
    with pytest.raises(UnitError) as info:
        default_units().require_compatible(a, b, indicator="KT01")
    error = info.value
    assert error.code == "unit.incompatible"
    assert f"cannot compare {en}: they measure different things" in error.message("en")
    assert f"không thể so sánh {vi}: hai đơn vị tính này đo hai thứ khác nhau" in error.message(
        "vi"
    )
    assert error.message("vi").startswith("chỉ tiêu KT01: ")
    assert "[" not in error.message("en")
    assert "_" not in error.message("en")


@pytest.mark.parametrize(
    ("text", "quantity"),
    [
        ("  42   hộ  ", Quantity(42, "household")),
        ("5 hộ / năm", Quantity(5, "household")),
        ("5 hộ  /  NĂM ", Quantity(5, "household")),
        ("5/năm", Quantity(5)),
        ("5\t%", Quantity(5, "percent")),
        ("5 hộ gia đình", Quantity(5, "household")),
    ],
)
def test_quantity_spacing_reads_as_before(text: str, quantity: Quantity) -> None:
    """The one-pass reader strips spaces and the /năm suffix as the old pattern did."""
    assert default_units().parse_quantity(text) == quantity


def test_unknown_unit_position_points_at_the_unit() -> None:
    """The position of an unknown unit is where it starts in the text."""
    with pytest.raises(UnitError) as info:
        default_units().parse_quantity("  5 thùng")
    assert info.value.position == 4
    assert info.value.text == "  5 thùng"


def test_quantity_text_limits_and_types() -> None:
    """A text beyond MAX_QUANTITY_LENGTH is quantity.too_long; a non-str an ArgumentTypeError."""
    from thidua.units import MAX_QUANTITY_LENGTH

    with pytest.raises(thidua.ParseError) as info:
        default_units().parse_quantity("5 " + "x" * MAX_QUANTITY_LENGTH)
    assert info.value.code == "quantity.too_long"
    with pytest.raises(thidua.ArgumentTypeError):
        default_units().parse_quantity(5)  # type: ignore[arg-type]


def test_labels_are_what_people_write() -> None:
    """label() gives the Vietnamese or English name; labels() lists the Vietnamese ones."""
    units = default_units()
    assert units.label("billion_VND") == "tỷ đồng"
    assert units.label("billion_VND", "en") == "billion VND"
    assert units.label(None) == "số"
    assert units.label("nonsense") == "nonsense"
    assert units.labels().startswith("%, người, hộ")
    assert "billion_VND" not in units.labels()
    assert units.max_words >= 3  # "hộ gia đình", "cơ sở sản xuất kinh doanh"
