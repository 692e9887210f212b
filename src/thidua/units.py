"""Units of measurement and exact quantities.

The units of the emulation domain (percent, person, household, VND, …) live in
a lean :mod:`pint` registry built from the data file ``units.toml`` and from the
units a plan declares -- never pint's default registry, which costs hundreds of
milliseconds to build. Pint is used where it shines, to read definitions and
resolve every unit to its dimension and exact factor; the hot path then
compares plain :class:`~fractions.Fraction` values.

Counts of different things are different dimensions: households never compare
with persons. Vietnamese names are aliases (``hộ``, ``triệu đồng``), matched
whatever the case and Unicode normalisation.

Models never hold a registry: a :class:`Quantity` names its unit by its
canonical name, and a :class:`Units` registry resolves it when needed.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator
from decimal import Decimal
from fractions import Fraction
from typing import Any, TypeAlias

import attrs

from thidua._files import packaged_text
from thidua._text import fold, nfc, printable, safe_repr
from thidua.errors import ArgumentTypeError, ParseError, UnitError, instance_of, wrong_type
from thidua.numbers import (
    MAX_EXACT_DIGITS,
    NumberFormat,
    parse_number,
    to_decimal_string,
    to_fraction,
)

__all__ = [
    "MAX_QUANTITY_LENGTH",
    "Magnitude",
    "Quantity",
    "Ratio",
    "UnitDefinition",
    "UnitInfo",
    "Units",
    "default_units",
    "ratio",
]

#: What an exact number may be given as: an int, a Fraction, a Decimal, a float
#: (its shortest decimal: ``0.1`` is 1/10) or text (``"97.5"``).
#: (New in 0.4.0.)
Magnitude: TypeAlias = int | Fraction | Decimal | float | str

#: Symbols that canonical text prints instead of the unit's name.
_CANONICAL_SYMBOLS = {"percent": "%", "per_mille": "‰"}
#: Longest quantity text accepted (characters), as long as a rule may be.
MAX_QUANTITY_LENGTH = 1000
#: The ``/năm`` suffix of an annual target, at the end of the unit text (already
#: stripped): each ``/`` starts at most one short scan, so finding it is linear.
_ANNUAL = re.compile(r"/\s*+(?:năm|year|yr)\s*+\Z", re.IGNORECASE)
#: The number at the start of a quantity text (already stripped); possessive, so
#: it is read in one pass.
_LEADING_NUMBER = re.compile(r"[+-]?\d[\d.,]*+")
_CANONICAL_NUMBER = re.compile(r"[+-]?\d++(?:\.\d++)?+")
_NAME = re.compile(r"[^\W\d]\w*+")


def _unit_type_error(value: object) -> ArgumentTypeError:
    shown = safe_repr(value, limit=60)
    msg = f"unit={shown} must be a unit name (str) or None"
    return ArgumentTypeError(
        msg,
        code="argument.type",
        vi=f"đơn vị tính phải là tên một đơn vị tính (str) hoặc None, không phải {shown}",
        text=shown,
    )


def _unit_name(value: str | None) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise _unit_type_error(value)
    name = nfc(value).strip()
    if not name:
        msg = "unit='' is empty"
        raise UnitError(
            msg,
            code="unit.empty",
            vi="đơn vị tính unit='' bị để trống",
            hint="use None for a bare number",
            hint_vi="hãy dùng None cho một số không có đơn vị tính",
        )
    return name


def _magnitude(value: Magnitude) -> Fraction:
    return to_fraction(value, what="magnitude", max_digits=MAX_EXACT_DIGITS)


@attrs.frozen
class Quantity:
    """An exact amount of a unit: ``Quantity(42, "household")``.

    ``unit`` is a canonical unit name, or ``None`` for a bare number, which takes
    the unit of whatever it is compared with (the indicator's unit, or the rule's).
    The magnitude's numerator and denominator have at most
    :data:`~thidua.numbers.MAX_EXACT_DIGITS` digits each, so every quantity prints.

    Raises:
        ParseError: The magnitude is not a finite number, or has too many digits
            (``number.too_long``).
        ArgumentTypeError: ``unit`` is not a str or None.
        UnitError: ``unit`` is empty.

    >>> str(Quantity("97.5", "percent"))
    '97.5 %'

    .. versionadded:: 0.1.0
    """

    #: The exact magnitude.
    magnitude: Fraction = attrs.field(converter=_magnitude)
    #: Canonical unit name, or None for a bare number.
    unit: str | None = attrs.field(default=None, converter=_unit_name)

    def __str__(self) -> str:
        number = to_decimal_string(self.magnitude)
        if self.unit is None:
            return number
        return f"{number} {_CANONICAL_SYMBOLS.get(self.unit, self.unit)}"

    def with_unit(self, unit: str | None) -> Quantity:
        """This quantity with ``unit`` if it has none (a bare number adopts a unit)."""
        return self if self.unit is not None or unit is None else Quantity(self.magnitude, unit)


def _non_negative(instance: object, attribute: attrs.Attribute[Any], value: Fraction) -> None:
    if value < 0:
        shown = f"{attribute.name}={to_decimal_string(value)}"
        msg = f"{shown} must not be negative"
        parts_vi = {"numerator": "tử số", "denominator": "mẫu số"}
        part_vi = parts_vi.get(attribute.name, attribute.name)
        raise UnitError(
            msg,
            code="ratio.negative",
            vi=f"{part_vi} {to_decimal_string(value).replace('.', ',')} không được là số âm",
            hint="a rate counts things: both parts are 0 or more",
            hint_vi="tử số và mẫu số của tỷ lệ là số đếm, phải từ 0 trở lên",
        )


@attrs.frozen
class Ratio:
    """An exact rate given as numerator and denominator (resolved / received).

    A zero denominator has no rate: :attr:`quantity` is ``None`` and the rule
    checking it gives ``not_applicable`` unless the indicator says otherwise.
    Each part has at most :data:`~thidua.numbers.MAX_EXACT_DIGITS` digits.

    Raises:
        ParseError: A part is not a finite number or has too many digits.
        UnitError: A part is negative (``ratio.negative``).

    .. versionadded:: 0.1.0
    """

    #: The part (e.g. petitions resolved).
    numerator: Fraction = attrs.field(converter=_magnitude, validator=_non_negative)
    #: The whole (e.g. petitions received).
    denominator: Fraction = attrs.field(converter=_magnitude, validator=_non_negative)

    @property
    def quantity(self) -> Quantity | None:
        """The rate as a dimensionless quantity, or None when the denominator is 0."""
        if self.denominator == 0:
            return None
        return Quantity(self.numerator / self.denominator, "dimensionless")

    def __str__(self) -> str:
        return f"{to_decimal_string(self.numerator)}/{to_decimal_string(self.denominator)}"


def ratio(numerator: Magnitude, denominator: Magnitude) -> Ratio:
    """The exact rate ``numerator / denominator``, e.g. ``ratio(49, 50)`` is 98 %.

    >>> ratio(49, 50).quantity
    Quantity(magnitude=Fraction(49, 50), unit='dimensionless')

    .. versionadded:: 0.1.0
    """
    return Ratio(numerator, denominator)


def _aliases(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(nfc(a).strip() for a in value)


_optional_text = attrs.validators.optional(instance_of(str, "text", "chữ"))


@attrs.frozen
class UnitDefinition:
    """How a unit is defined: its name, pint definition, display names and aliases.

    A plan may declare its own (``[[units]]`` in the plan file), e.g. a count of
    petitions: ``UnitDefinition("petition", aliases=("đơn", "đơn thư"), vi="đơn")``.

    .. versionadded:: 0.1.0
    """

    #: Canonical name, an identifier such as ``household`` or ``petition``.
    name: str = attrs.field(
        validator=instance_of(str, "a unit name (text)", "tên đơn vị tính (chữ)")
    )
    #: Pint definition right of ``=``: ``""`` for a new dimension of its own,
    #: ``"1000 VND"`` for a multiple of another unit, or a product or quotient of
    #: units (``"million_VND / person"``, ``"doctor / 10000 / person"``).
    definition: str = attrs.field(
        default="", validator=instance_of(str, "a pint definition (text)", "định nghĩa (chữ)")
    )
    #: Whether the unit counts things (then values may not be negative); by
    #: default, a unit of a new dimension of its own is a count, others are not.
    count: bool | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(instance_of(bool, "true or false", "đúng hoặc sai")),
    )
    #: Printed in canonical text instead of the name (``%`` for percent).
    symbol: str | None = attrs.field(default=None, validator=_optional_text)
    #: Vietnamese display name (``hộ``).
    vi: str | None = attrs.field(default=None, validator=_optional_text)
    #: English display name, singular.
    en: str | None = attrs.field(default=None, validator=_optional_text)
    #: English display name, plural.
    en_plural: str | None = attrs.field(default=None, validator=_optional_text)
    #: Other ways people write the unit.
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_aliases)

    def __attrs_post_init__(self) -> None:
        if not _NAME.fullmatch(self.name):
            shown = printable(repr(self.name))
            msg = f"unit name {shown} must be an identifier (letters, digits, _)"
            raise UnitError(
                msg,
                code="unit.bad_name",
                vi=f"tên đơn vị tính {shown} phải viết liền, chỉ gồm chữ, số và dấu _",
                hint="put other spellings, with spaces, in aliases",
                hint_vi="hãy ghi các cách viết khác (có dấu cách) vào aliases",
            )


@attrs.frozen
class UnitInfo:
    """A unit resolved by a registry: its dimension and exact factor to the base unit.

    .. versionadded:: 0.1.0
    """

    #: Canonical name.
    name: str
    #: The dimension, e.g. ``[household]``; ``dimensionless`` for percent.
    dimension: str
    #: Exact factor to the dimension's base unit (1/100 for percent).
    factor: Fraction
    #: Whether the unit counts things.
    count: bool
    #: Canonical symbol.
    symbol: str
    #: Vietnamese display name.
    vi: str
    #: English display name, singular.
    en: str
    #: English display name, plural.
    en_plural: str


_BASE = re.compile(r"\[(?P<dimension>[^\W\d]\w*+)\]")
#: One term of a definition and the operator before it (none: the first term, or
#: an implicit product after white space, as pint reads ``1000 VND``).
_TERM = re.compile(r"\s*+(?:(?P<op>[*/])\s*+)?+(?P<term>\d++(?:\.\d++)?+|[^\W\d]\w*+)")
#: Words pint's string pre-processor rewrites (``square m`` is ``m ** 2``, `` per ``
#: is ``/``) or reads as a number (``nan``): left to pint.
_PINT_WORDS = frozenset({"per", "square", "sq", "cubic", "squared", "cubed", "nan"})

#: A dimension as pint accumulates it: each base dimension and its exponent, in
#: the order pint first meets it, a dimension that cancelled out keeping its place
#: (pint's ``_get_dimensionality_recurse``); the order is the order pint prints.
_Dims = tuple[tuple[str, Fraction], ...]


def _dimension_text(dims: _Dims) -> str | None:
    """The dimension as pint prints it (``[currency] / [person]``), or None for pint.

    Exponents other than 1 and -1 are left to pint (with exact Fractions it cannot
    print them, so it refuses such a definition).
    """
    shown = [(name, exponent) for name, exponent in dims if exponent]
    if not shown:
        return "dimensionless"
    if any(abs(exponent) != 1 for _, exponent in shown):
        return None
    top = " * ".join(name for name, exponent in shown if exponent > 0) or "1"
    return " / ".join([top, *(name for name, exponent in shown if exponent < 0)])


def _parse_dimension(text: str) -> _Dims | None:
    """The base dimensions of a dimension as pint prints it, or None if it cannot be read."""
    if text == "dimensionless":
        return ()
    top, *bottom = text.split(" / ")
    ups = [] if top == "1" and bottom else top.split(" * ")
    dims = [(name, Fraction(1)) for name in ups] + [(name, Fraction(-1)) for name in bottom]
    if not all(_BASE.fullmatch(name) for name, _ in dims):
        return None
    return tuple(dims)


def _resolve_expression(
    definition: str, dims_of: Callable[[str], tuple[Fraction, _Dims] | None]
) -> tuple[Fraction, str, _Dims] | None:
    """Factor, dimension and accumulated dimensions of ``N unit``, ``a / N / b`` and such.

    Numbers and known unit names joined by ``*``, ``/`` or white space (a product),
    read left to right with one precedence, as pint reads them; the units are
    gathered as pint's parser gathers them (a unit whose exponent reaches 0 leaves,
    and comes back last), then their dimensions accumulated in that order. None
    for anything else (powers, brackets, unknown names), which pint resolves.
    """
    scale = Fraction(1)
    reference: dict[str, int] = {}
    pos = 0
    while pos < len(definition):
        match = _TERM.match(definition, pos)
        if match is None or (not pos and match["op"] is not None):
            return None
        if pos and match["op"] is None and match.start("term") == pos:  # "2VND": pint's
            return None  # pre-processor rewrites it
        term, divide = match["term"], match["op"] == "/"
        if term[0].isdigit():
            number = Fraction(term)
            if divide and not number:
                return None
            scale = scale / number if divide else scale * number
        else:
            if term.lower() in _PINT_WORDS or dims_of(term) is None:
                return None
            exponent = reference.get(term, 0) + (-1 if divide else 1)
            if exponent:
                reference[term] = exponent
            else:
                del reference[term]
        pos = match.end()
    accumulated: dict[str, Fraction] = {}
    for name, exponent in reference.items():
        if abs(exponent) != 1:
            return None
        unit = dims_of(name)
        if unit is None:  # pragma: no cover - checked while reading
            return None
        factor, dims = unit
        scale = scale * factor if exponent > 0 else scale / factor
        for dimension, power in dims:
            accumulated[dimension] = accumulated.get(dimension, Fraction(0)) + exponent * power
    dims = tuple(accumulated.items())
    text = _dimension_text(dims)
    return None if text is None else (scale, text, dims)


def _resolve_exactly(
    d: UnitDefinition, dims_of: Callable[[str], tuple[Fraction, _Dims] | None]
) -> tuple[Fraction, str, _Dims] | None:
    definition = d.definition.strip()
    if definition == "[]":
        return Fraction(1), "dimensionless", ()
    if not definition:
        return Fraction(1), f"[{d.name}]", ((f"[{d.name}]", Fraction(1)),)
    base = _BASE.fullmatch(definition)
    if base is not None:
        dimension = f"[{base['dimension']}]"
        return Fraction(1), dimension, ((dimension, Fraction(1)),)
    return _resolve_expression(definition, dims_of)


def _resolve_simply(d: UnitDefinition, known: dict[str, UnitInfo]) -> tuple[Fraction, str] | None:
    """Factor and dimension of the simple definitions, exactly as pint resolves them.

    ``[]`` (dimensionless), ``[x]`` or empty (a new base dimension), and numbers
    and already defined units joined by ``*``, ``/`` or a space: ``N``,
    ``N unit``, ``million_VND / person``, ``doctor / 10000 / person``; None for
    anything else, which pint resolves. ``tests/test_units.py`` checks that the
    two agree on every shipped definition (``tests/test_units_real.py`` on
    products and quotients too), so pint stays the authority while start-up need
    not import it.
    """

    def dims_of(name: str) -> tuple[Fraction, _Dims] | None:
        info = known.get(name)
        dims = None if info is None else _parse_dimension(info.dimension)
        return None if info is None or dims is None else (info.factor, dims)

    resolved = _resolve_exactly(d, dims_of)
    return None if resolved is None else resolved[:2]


def _pint_registry(definitions: tuple[UnitDefinition, ...], upto: UnitDefinition) -> Any:
    """A lean pint registry holding the definitions before ``upto``."""
    import pint  # noqa: PLC0415  (lazy: importing pint costs start-up time)

    registry: Any = pint.UnitRegistry(None, non_int_type=Fraction)
    for d in definitions:
        if d is upto:
            break
        _define(registry, d)
    return registry


def _define(registry: Any, d: UnitDefinition) -> None:
    definition = d.definition.strip()
    if definition != "[]":
        registry.define(f"{d.name} = {definition or f'[{d.name}]'}")


def _resolve_with_pint(registry: Any, d: UnitDefinition) -> tuple[Fraction, str]:
    import pint  # noqa: PLC0415

    definition = d.definition.strip()
    try:
        if definition == "[]":
            return Fraction(1), "dimensionless"
        registry.define(f"{d.name} = {definition or f'[{d.name}]'}")
        raw_factor, _ = registry.get_root_units(d.name)
        return Fraction(raw_factor), str(registry.get_dimensionality(d.name))
    except (pint.PintError, ValueError, TypeError, KeyError, AttributeError) as exc:
        shown = safe_repr(definition, limit=60)
        msg = f"cannot define unit {d.name!r} as {shown}: {printable(str(exc))}"
        raise UnitError(
            msg,
            code="unit.bad_definition",
            vi=f"không định nghĩa được đơn vị tính {d.name!r} bằng {shown}",
            hint="use '' for a new count, or 'FACTOR UNIT' with a known unit",
            hint_vi="hãy ghi '' cho một loại số đếm mới, hoặc 'HỆ_SỐ TÊN_ĐƠN_VỊ' theo một đơn vị"
            " tính đã có",
        ) from None


def _info(d: UnitDefinition, factor: Fraction, dimension: str) -> UnitInfo:
    definition = d.definition.strip()
    return UnitInfo(
        name=d.name,
        dimension=dimension,
        factor=factor,
        count=d.count if d.count is not None else not definition,
        symbol=d.symbol or _CANONICAL_SYMBOLS.get(d.name, d.name),
        vi=d.vi if d.vi is not None else d.name,
        en=d.en if d.en is not None else d.name,
        en_plural=d.en_plural or d.en or d.name,
    )


_SLASH = re.compile(r"\s*+/\s*+")


def _key(text: str) -> str:
    """The lookup key of a unit's name: :func:`~thidua._text.fold`, ``a / b`` as ``a/b``."""
    key = fold(text)
    return _SLASH.sub("/", key) if "/" in key else key


def _definitions(value: object) -> tuple[UnitDefinition, ...]:
    """The unit definitions given, checked: an iterable of :class:`UnitDefinition` only."""
    items: tuple[object, ...] | None = None
    if isinstance(value, Iterable) and not isinstance(value, str | bytes):
        try:
            items = tuple(value)
        except TypeError:  # iterable in name only
            items = None
    if items is None or not all(isinstance(d, UnitDefinition) for d in items):
        raise wrong_type(
            name="definitions",
            value=value,
            expected="UnitDefinitions (a list or tuple)",
            expected_vi="danh sách các UnitDefinition",
        )
    return items  # type: ignore[return-value]  # checked: UnitDefinitions only


class Units:
    """A lean unit registry: the domain's units plus any a plan declares.

    Immutable once built; :meth:`extend` returns a new registry. Build it with the
    definitions, or take the shared default with :func:`default_units`.

    .. versionadded:: 0.1.0
    """

    def __init__(self, definitions: Iterable[UnitDefinition]) -> None:
        self._definitions = _definitions(definitions)
        registry: Any = None
        infos: dict[str, UnitInfo] = {}
        lookup: dict[str, str] = {}
        #: Each unit's dimensions as pint accumulates them; None where pint resolved
        #: the unit (a unit defined from it is left to pint too).
        accumulated: dict[str, _Dims | None] = {}

        def dims_of(name: str) -> tuple[Fraction, _Dims] | None:
            dims = accumulated.get(name)
            return None if dims is None else (infos[name].factor, dims)

        for d in self._definitions:
            if d.name in infos:
                msg = f"unit {d.name!r} is defined twice"
                raise UnitError(
                    msg,
                    code="unit.duplicate",
                    vi=f"đơn vị tính {d.name!r} được định nghĩa hai lần",
                    hint="give each unit one definition",
                    hint_vi="hãy định nghĩa mỗi đơn vị tính một lần",
                )
            exact = _resolve_exactly(d, dims_of)
            if exact is None:  # anything beyond "[x]" and products of known units: ask pint
                registry = registry or _pint_registry(self._definitions, d)
                resolved = _resolve_with_pint(registry, d)
                accumulated[d.name] = None
            else:
                if registry is not None:
                    _define(registry, d)
                resolved = exact[:2]
                accumulated[d.name] = exact[2]
            infos[d.name] = info = _info(d, *resolved)
            for alias in (d.name, info.symbol, *d.aliases):
                key = _key(alias)
                if key in lookup and lookup[key] != d.name:
                    shown = printable(repr(alias))
                    msg = f"unit alias {shown} would name both {lookup[key]!r} and {d.name!r}"
                    raise UnitError(
                        msg,
                        code="unit.duplicate",
                        vi=f"tên gọi {shown} bị dùng cho cả hai đơn vị tính {lookup[key]!r}"
                        f" và {d.name!r}",
                        hint="give each alias to one unit",
                        hint_vi="mỗi tên gọi chỉ được dùng cho một đơn vị tính",
                    )
                lookup[key] = d.name
        self._infos = infos
        self._lookup = lookup
        #: The most words a unit's name, symbol or alias has (``hộ gia đình``: 3),
        #: each ``/`` counted as a word (``triệu đồng / người``: 4), as it may be written.
        self._max_words = max((len(key.replace("/", " / ").split()) for key in lookup), default=1)

    @property
    def definitions(self) -> tuple[UnitDefinition, ...]:
        """The definitions this registry was built from."""
        return self._definitions

    def extend(self, definitions: Iterable[UnitDefinition]) -> Units:
        """A new registry with these definitions added.

        Raises:
            ArgumentTypeError: ``definitions`` is not a collection of UnitDefinitions.
            UnitError: A definition clashes with a unit already known (see :class:`Units`).
        """
        iterable = isinstance(definitions, Iterable) and not isinstance(definitions, str | bytes)
        extra = tuple(definitions) if iterable else None
        if extra is None or not all(isinstance(d, UnitDefinition) for d in extra):
            given = printable(type(definitions).__name__)
            msg = f"definitions= must be a list of UnitDefinitions, not {given}"
            raise ArgumentTypeError(
                msg,
                code="argument.type",
                vi=f"tham số definitions= phải là một danh sách các UnitDefinition, "
                f"không phải {given}",
            )
        return self if not extra else Units(self._definitions + extra)

    @property
    def max_words(self) -> int:
        """The most words any name, symbol or alias of a unit has (to bound look-ups)."""
        return self._max_words

    def label(self, name: str | None, language: str = "vi") -> str:
        """How people name the unit ``name`` in ``language``: ``hộ``, ``tỷ đồng``, ``%``.

        A bare number (``None``) is "số" / "a number", the dimensionless unit
        "tỷ số" / "a ratio"; an unknown name is shown as it is.

        >>> default_units().label("billion_VND"), default_units().label("household", "en")
        ('tỷ đồng', 'household')
        """
        if name is None:
            return "số" if language == "vi" else "a number"
        info = self.get(name)
        if info is None:
            return printable(name)
        shown = info.vi if language == "vi" else info.en
        if not shown:
            return "tỷ số" if language == "vi" else "a ratio"
        return printable(shown)

    def labels(self) -> str:
        """The units people write, by their Vietnamese labels: ``%, người, hộ, …``."""
        seen: dict[str, None] = {}
        for info in self._infos.values():
            if info.vi:
                seen.setdefault(printable(info.vi), None)
        return ", ".join(seen)

    def __iter__(self) -> Iterator[UnitInfo]:
        return iter(self._infos.values())

    def __contains__(self, text: object) -> bool:
        return isinstance(text, str) and _key(text) in self._lookup

    def get(self, text: str) -> UnitInfo | None:
        """The unit named ``text`` (name, symbol or alias), or None."""
        if not isinstance(text, str):
            return None
        info = self._infos.get(text)  # canonical names, the common case, need no folding
        if info is not None:
            return info
        name = self._lookup.get(_key(text))
        return None if name is None else self._infos[name]

    def resolve(self, text: str) -> UnitInfo:
        """The unit named ``text`` (name, symbol or alias).

        Raises:
            UnitError: No unit has that name.
        """
        info = self.get(text)
        if info is None and not isinstance(text, str):
            raise _unit_type_error(text)
        if info is None:
            shown = printable(repr(text[:60]))
            known = self.labels()
            msg = f"unknown unit {shown}"
            raise UnitError(
                msg,
                code="unit.unknown",
                vi=f"không có đơn vị tính {shown}",
                hint=f"known units: {known}; a plan may declare more",
                hint_vi=f"các đơn vị tính đã biết: {known}; kế hoạch có thể khai báo thêm"
                " ([[units]])",
                text=printable(text[:60]),
            )
        return info

    def parse_quantity(
        self, text: str, *, number_format: NumberFormat = None, canonical: bool = False
    ) -> Quantity:
        """Read ``"97,5%"``, ``"42 hộ"``, ``"3,2 tỷ đồng"`` or ``"02 hộ/năm"`` exactly.

        A ``/năm`` suffix (annual target) is accepted; targets of a yearly plan are
        annual already, so it does not change the quantity.

        With ``canonical=True`` (rule text and plan files), a number written as
        ``str()`` writes it -- digits with at most one decimal *point*, no groups --
        is read that way whatever ``number_format`` says, so canonical text always
        reads back equal; other spellings follow ``number_format``.

        Reading takes time linear in the length of the text.

        Raises:
            ParseError: The text is not a number and an optional unit
                (``quantity.malformed``), is longer than :data:`MAX_QUANTITY_LENGTH`
                characters (``quantity.too_long``), or its number cannot be read
                (the codes of :func:`~thidua.numbers.parse_number`).
            UnitError: The unit is unknown (``unit.unknown``).
            ArgumentTypeError: ``text`` is not a str.
        """
        if not isinstance(text, str):
            kind = type(text).__name__
            msg = f"a quantity must be given as text (str), not {kind}"
            raise ArgumentTypeError(
                msg,
                code="argument.type",
                vi=f"giá trị cần đưa vào dưới dạng chữ (str), không phải kiểu {kind}",
            )
        if len(text) > MAX_QUANTITY_LENGTH:
            msg = f"the quantity is longer than {MAX_QUANTITY_LENGTH} characters"
            raise ParseError(
                msg,
                code="quantity.too_long",
                vi=f"giá trị dài quá {MAX_QUANTITY_LENGTH} ký tự",
                hint="write a number and a unit, e.g. 97,5% or 42 hộ",
                hint_vi="hãy viết một số và đơn vị tính, ví dụ 97,5% hoặc 42 hộ",
                text=printable(text[:40]) + "…",
                position=MAX_QUANTITY_LENGTH,
            )
        stripped = nfc(text).strip()
        offset = len(text) - len(text.lstrip())
        match = _LEADING_NUMBER.match(stripped)
        if match is None:
            shown = printable(repr(text[:60]))
            msg = f"cannot read {shown} as a quantity: expected a number and an optional unit"
            raise ParseError(
                msg,
                code="quantity.malformed",
                vi=f"không đọc được giá trị {shown}: cần một số, có thể kèm đơn vị tính",
                hint="write e.g. 97,5% or 42 hộ",
                hint_vi="hãy viết ví dụ 97,5% hoặc 42 hộ",
                text=printable(text),
                position=0,
            )
        number_text = match[0]
        if canonical and _CANONICAL_NUMBER.fullmatch(number_text):
            number_format = "en"
        number = parse_number(number_text, number_format=number_format)
        unit_text = stripped[match.end() :].lstrip()
        annual = _ANNUAL.search(unit_text)
        if annual is not None:
            unit_text = unit_text[: annual.start()].rstrip()
        if not unit_text:
            return Quantity(number)
        info = self.get(unit_text)
        if info is None:
            shown, whole = printable(repr(unit_text[:60])), printable(repr(text[:60]))
            known = self.labels()
            msg = f"unknown unit {shown} in {whole}"
            raise UnitError(
                msg,
                code="unit.unknown",
                vi=f"không có đơn vị tính {shown} trong {whole}",
                hint=f"known units: {known}",
                hint_vi=f"các đơn vị tính đã biết: {known}",
                text=printable(text),
                position=offset + stripped.index(unit_text, match.end()),
            )
        return Quantity(number, info.name)

    def base(self, quantity: Quantity) -> tuple[Fraction, str | None]:
        """The magnitude in the base unit of its dimension, and the dimension (None if bare)."""
        if quantity.unit is None:
            return quantity.magnitude, None
        info = self.resolve(quantity.unit)
        if info.factor == 1:
            return quantity.magnitude, info.dimension
        return quantity.magnitude * info.factor, info.dimension

    def convert(self, quantity: Quantity, unit: str | None) -> Quantity:
        """``quantity`` expressed in ``unit`` (a bare number simply adopts it).

        Raises:
            UnitError: The dimensions differ.
        """
        if unit is None or quantity.unit is None:
            return quantity.with_unit(unit)
        if quantity.unit == unit and unit in self._infos:
            return quantity
        source, target = self.resolve(quantity.unit), self.resolve(unit)
        if source.name == target.name:
            return Quantity(quantity.magnitude, target.name)
        self.require_compatible(source.name, target.name)
        return Quantity(quantity.magnitude * source.factor / target.factor, target.name)

    def compatible(self, a: str | None, b: str | None) -> bool:
        """Whether quantities of units ``a`` and ``b`` can be compared (bare fits all)."""
        if a is None or b is None:
            return True
        return self.resolve(a).dimension == self.resolve(b).dimension

    def require_compatible(self, a: str | None, b: str | None, **where: Any) -> None:
        """Raise a :class:`UnitError` unless units ``a`` and ``b`` can be compared.

        The message names the units by their labels (``hộ``, ``tỷ đồng``, ``%``).

        Raises:
            UnitError: The units measure different things (``unit.incompatible``),
                or one is unknown (``unit.unknown``).
        """
        if not self.compatible(a, b):
            en_a, en_b = self.label(a, "en"), self.label(b, "en")
            vi_a, vi_b = self.label(a, "vi"), self.label(b, "vi")
            msg = f"cannot compare {en_a} with {en_b}: they measure different things"
            raise UnitError(
                msg,
                code="unit.incompatible",
                vi=f"không thể so sánh {vi_a} với {vi_b}: hai đơn vị tính này đo hai thứ khác nhau",
                hint="give the value in the indicator's unit",
                hint_vi="hãy ghi số liệu theo đơn vị tính của chỉ tiêu",
                **where,
            )

    def __repr__(self) -> str:
        return f"<Units: {', '.join(self._infos)}>"


def _load_domain_definitions() -> tuple[UnitDefinition, ...]:
    raw = tomllib.loads(packaged_text("units.toml"))
    return tuple(
        UnitDefinition(**{**entry, "aliases": tuple(entry.get("aliases", ()))})
        for entry in raw["unit"]
    )


@functools.cache
def default_units() -> Units:
    """The registry of the domain's units (built once, on first use; immutable).

    >>> default_units().resolve("triệu đồng").name
    'million_VND'

    .. versionadded:: 0.1.0
    """
    return Units(_load_domain_definitions())


@functools.lru_cache(maxsize=64)
def units_with(definitions: tuple[UnitDefinition, ...]) -> Units:
    """The default registry extended with ``definitions`` (memoised per tuple)."""
    return default_units().extend(definitions)


def exact_quantity(magnitude: Fraction, unit: str | None) -> Quantity:
    """``Quantity(magnitude, unit)`` for a Fraction and a canonical unit name already checked.

    For the core's results, computed from checked figures: the converters' checks
    would only repeat themselves (it makes tables of many members several times faster).
    """
    quantity = object.__new__(Quantity)
    object.__setattr__(quantity, "magnitude", magnitude)
    object.__setattr__(quantity, "unit", unit)
    return quantity
