"""The one place the versioned JSON (v1) builds its values and names its documents.

Every JSON the library writes (:mod:`thidua.formats`, the command line) goes
through :func:`value` for an amount, :func:`yes_no` for a yes/no value and
:func:`tagged` for the ``"schema"`` key, so that every document speaks the same
value object (see the docs page "JSON output"):

* an amount: ``{"exact": "97.5", "value": 97.5, "unit": "percent", "text": "97,5%"}``
  (``exact`` the decimal text, or the fraction ``"18500/201"`` where it has no
  finite decimal form; ``value`` the nearest float, or null past the float range;
  ``unit`` the unit id, null for a bare number; ``text`` for people, in the
  document's language);
* a yes/no value: ``{"value": true, "text": "đạt"}`` (``yes``/``no`` in English).

>>> from fractions import Fraction
>>> from thidua.units import Quantity
>>> value(Quantity("97.5", "percent"), "vi")
{'exact': '97.5', 'value': 97.5, 'unit': 'percent', 'text': '97,5%'}
>>> value(Fraction(2, 3), "en")
{'exact': '2/3', 'value': 0.6666666666666666, 'unit': None, 'text': '≈0.6667'}
>>> yes_no(False, "en")
{'value': False, 'text': 'no'}
"""

from __future__ import annotations

import contextlib
import warnings
from collections.abc import Iterator
from contextvars import ContextVar
from fractions import Fraction
from typing import Any

from thidua._text import safe_repr
from thidua.errors import UsageError
from thidua.numbers import format_number, to_decimal_string
from thidua.presentation import value_text
from thidua.units import Quantity, Units

#: The JSON versions a writer takes: 1 (the default) and 0 (the form before
#: 0.4.0, deprecated, to be removed in 0.5.0).
VERSIONS = (0, 1)
#: The current version.
CURRENT = 1


#: Set while a writer that already warned calls a builder (one warning per call).
_SILENT: ContextVar[bool] = ContextVar("thidua_json_silent", default=False)


@contextlib.contextmanager
def silenced() -> Iterator[None]:
    """Within: :func:`check_version` does not warn again."""
    token = _SILENT.set(True)
    try:
        yield
    finally:
        _SILENT.reset(token)


def tag(kind: str) -> str:
    """The value of a document's ``"schema"`` key: ``thidua/<kind>/v1``."""
    return f"thidua/{kind}/v{CURRENT}"


def tagged(kind: str, doc: dict[str, Any]) -> dict[str, Any]:
    """``doc`` with ``"schema"`` as its first key."""
    return {"schema": tag(kind), **doc}


def check_version(json_version: object) -> int:
    """``json_version`` if it is 0 or 1; 0 warns that it goes away.

    Raises:
        UsageError: Any other value (code ``usage.json_version``).
    """
    if isinstance(json_version, bool) or json_version not in VERSIONS:
        shown = safe_repr(json_version, limit=40)
        msg = f"json_version={shown} must be 1 (current) or 0 (the form before 0.4.0)"
        raise UsageError(
            msg,
            code="usage.json_version",
            vi=f"json_version={shown} phải là 1 (hiện hành) hoặc 0 (dạng trước 0.4.0)",
            hint="leave it out for the current form",
            hint_vi="hãy bỏ tham số này để dùng dạng hiện hành",
        )
    assert isinstance(json_version, int)  # noqa: S101 - checked just above
    if json_version == 0 and not _SILENT.get():
        warnings.warn(
            "json_version=0 (the JSON form before 0.4.0) is deprecated and goes away in "
            "thidua 0.5.0: read the versioned form (json_version=1, see docs/json.md)",
            DeprecationWarning,
            stacklevel=3,
        )
    return json_version


def _float(magnitude: Fraction) -> float | None:
    try:
        return float(magnitude)
    except OverflowError:  # past the float range: the exact text says it
        return None


def value(
    amount: Quantity | Fraction | int | None,
    language: str,
    *,
    units: Units | None = None,
    text: str | None = None,
) -> dict[str, Any] | None:
    """An amount (a quantity or a bare number) as a value object; None stays None.

    ``units`` names the plan's own units in ``text``; ``text`` replaces the
    display text (an org-unit count shown as ``3/5``).
    """
    if amount is None:
        return None
    if isinstance(amount, Quantity):
        magnitude, unit = amount.magnitude, amount.unit
        shown = value_text(amount, language, units=units)
    else:
        magnitude, unit = Fraction(amount), None
        shown = format_number(magnitude, locale=language, max_decimals=4)
    return {
        "exact": to_decimal_string(magnitude),
        "value": _float(magnitude),
        "unit": unit,
        "text": shown if text is None else text,
    }


def yes_no(answer: bool | None, language: str) -> dict[str, Any] | None:
    """A yes/no value as ``{"value": true, "text": "đạt"}``; None stays None."""
    if answer is None:
        return None
    return {"value": answer, "text": value_text(answer, language)}


def any_value(
    amount: Quantity | bool | None,
    language: str,
    *,
    units: Units | None = None,
    text: str | None = None,
) -> dict[str, Any] | None:
    """An actual value (an amount or a yes/no value) as its value object."""
    if isinstance(amount, bool):
        return yes_no(amount, language)
    return value(amount, language, units=units, text=text)
