"""The TOML plan file: structuring with cattrs, errors with key paths and lines."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from collections.abc import Callable
from typing import Any

import attrs
import cattrs
import tomli_w
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

from thidua.errors import PlanError, ThiduaError
from thidua.numbers import NumberFormat
from thidua.periods import Period, parse_period
from thidua.plans import (
    Aggregation,
    Combine,
    Indicator,
    IndicatorGroup,
    IssueDate,
    OrgUnit,
    Plan,
    Report,
    Responsibility,
    Role,
    Signer,
    ZeroDenominator,
)
from thidua.rules import Rule, parse_rule
from thidua.units import Quantity, UnitDefinition, Units, default_units

_MODELS = (
    Plan,
    IndicatorGroup,
    Indicator,
    OrgUnit,
    Responsibility,
    Signer,
    Report,
    IssueDate,
    UnitDefinition,
)
_TOML_LINE = re.compile(r"at line (\d+), column (\d+)")


def _converter(  # noqa: PLR0915 - one hook per type of the plan file, kept together
    units: Units, org_unit_count: int | None, number_format: NumberFormat
) -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=True)

    def rule(value: Any, _: Any) -> Rule | None:
        if value is None:
            return None
        if not isinstance(value, str):
            msg = f"a rule is text such as '>= 97.5 %', not {value!r}"
            raise PlanError(msg)
        return parse_rule(
            value, units=units, number_format=number_format, org_unit_count=org_unit_count
        )

    def quantity(value: Any, _: Any) -> Quantity | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            msg = f"a quantity is text such as '100 %' or a number, not {value!r}"
            raise PlanError(msg)
        if isinstance(value, str):
            return units.parse_quantity(value, number_format=number_format, canonical=True)
        return Quantity(value)

    def text_tuple(value: Any, _: Any) -> tuple[str, ...]:
        if isinstance(value, str) or not isinstance(value, list):
            msg = f"expected a list of texts, got {value!r}"
            raise PlanError(msg)
        for item in value:
            if not isinstance(item, str):
                msg = f"expected text, got {item!r}"
                raise PlanError(msg)
        return tuple(value)

    def strict(kind: type[Any]) -> Callable[[Any, Any], Any]:
        def hook(value: Any, _: Any) -> Any:
            if kind is int and (isinstance(value, bool) or not isinstance(value, int)):
                msg = f"expected a whole number, got {value!r}"
                raise PlanError(msg)
            if kind is str and not isinstance(value, str):
                msg = f"expected text, got {value!r}"
                raise PlanError(msg)
            if kind is bool and not isinstance(value, bool):
                msg = f"expected true or false, got {value!r}"
                raise PlanError(msg)
            return value

        return hook

    def period(value: Any, _: Any) -> Period:
        if isinstance(value, int | str) and not isinstance(value, bool):
            return parse_period(value)
        msg = f"a period is text such as '2024-H1', not {value!r}"
        raise PlanError(msg)

    def date(value: Any, _: Any) -> dt.date:
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return value
        msg = f"a date is written 2024-06-10 (no quotes), not {value!r}"
        raise PlanError(msg)

    def enum_hook(kind: type[Any]) -> Callable[[Any, Any], Any]:
        def hook(value: Any, _: Any) -> Any:
            try:
                return kind(value)
            except ValueError:
                allowed = ", ".join(repr(m.value) for m in kind)
                msg = f"{value!r} must be one of {allowed}"
                raise PlanError(msg) from None

        return hook

    for kind in (int, str, bool):
        conv.register_structure_hook(kind, strict(kind))
    conv.register_structure_hook_func(lambda t: t in (Rule, Rule | None), rule)
    conv.register_structure_hook_func(lambda t: t == Quantity | None, quantity)
    conv.register_structure_hook_func(lambda t: t == tuple[str, ...], text_tuple)
    conv.register_structure_hook(Period, period)
    conv.register_structure_hook(dt.date, date)
    for enum_kind in (Aggregation, Combine, Role, ZeroDenominator):
        conv.register_structure_hook(enum_kind, enum_hook(enum_kind))
    conv.register_structure_hook_func(
        lambda t: t == (Aggregation | None),
        lambda v, _: None if v is None else enum_hook(Aggregation)(v, _),
    )
    conv.register_structure_hook_func(
        lambda t: t == (Combine | None),
        lambda v, _: None if v is None else enum_hook(Combine)(v, _),
    )
    conv.register_structure_hook_func(
        lambda t: t == NumberFormat, lambda v, _: v if v in (None, "vi", "en") else _bad_format(v)
    )
    for model in _MODELS:
        attrs.resolve_types(model)
        conv.register_structure_hook(
            model, make_dict_structure_fn(model, conv, _cattrs_forbid_extra_keys=True)
        )
    return conv


def _bad_format(value: object) -> None:
    msg = f"number_format={value!r} must be 'vi' or 'en'"
    raise PlanError(msg)


def _format_exception(exc: BaseException, kind: type | None) -> str:
    if isinstance(exc, ThiduaError):
        where = f"indicator {exc.indicator}: " if exc.indicator else ""
        return where + exc.what() + (f" ({exc.hint})" if exc.hint else "")
    if isinstance(exc, KeyError):
        return "required key is missing"
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return f"unknown keys {sorted(exc.extra_fields)}"
    return f"invalid value ({exc})"


def _path_to_key(path: str) -> str:
    return path.removeprefix("$").removeprefix(".") or "(top)"


def _locate(text: str, raw: dict[str, Any], key: str) -> int | None:
    """Best effort: the line of ``key`` (``groups[0].indicators[2].rule``) in the TOML text."""
    parts = re.findall(r"[^.\[\]]+|\[\d+\]", key)
    node: Any = raw
    anchor = 0
    lines = text.splitlines()
    last_key: str | None = None
    for part in parts:
        if part.startswith("["):
            index = int(part[1:-1])
            if not isinstance(node, list) or index >= len(node):
                break
            node = node[index]
            if isinstance(node, dict) and isinstance(node.get("id"), str):
                pattern = re.compile(rf"^\s*id\s*=\s*[\"']{re.escape(node['id'])}[\"']")
                for number in range(anchor, len(lines)):
                    if pattern.match(lines[number]):
                        anchor = number
                        break
            last_key = None
        else:
            last_key = part
            if not isinstance(node, dict) or part not in node:
                break
            node = node[part]
    if last_key is not None:
        pattern = re.compile(rf"^\s*(\[\[?)?\s*([\w.]*\.)?{re.escape(last_key)}\b")
        for number in range(anchor, len(lines)):
            if pattern.match(lines[number]):
                return number + 1
    return anchor + 1 if anchor else None


def structure_plan(text: str, *, file: str) -> Plan:
    """Read a plan from TOML text (errors carry file, key path and line)."""
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        line, column = (int(found[1]), int(found[2])) if found else (None, None)
        message = _TOML_LINE.sub("", str(exc)).strip(" ()")
        msg = f"not valid TOML: {message}"
        raise PlanError(msg, file=file, line=line, column=column) from None
    except RecursionError:
        msg = "the TOML is nested too deeply"
        raise PlanError(msg, file=file) from None
    number_format = raw.get("number_format")
    try:
        declared = [UnitDefinition(**u) for u in raw.get("units", [])]
        units = default_units().extend(declared)
    except (ThiduaError, TypeError) as exc:
        msg = exc.what() if isinstance(exc, ThiduaError) else f"bad unit definition ({exc})"
        raise PlanError(msg, file=file, key="units", line=_locate(text, raw, "units")) from None
    org_units = raw.get("org_units")
    count = len(org_units) if isinstance(org_units, list) else None
    conv = _converter(units, count, number_format if number_format in ("vi", "en") else None)
    try:
        return conv.structure(raw, Plan)
    except cattrs.BaseValidationError as exc:
        messages = cattrs.transform_error(exc, path="$", format_exception=_format_exception)
        detail, _, path = messages[0].rpartition(" @ ")
        path_key = _path_to_key(path)
        leaf = _first_leaf(exc)
        indicator = leaf.indicator if isinstance(leaf, ThiduaError) else None
        indicator = indicator or _indicator_at(raw, path_key)
        line = _locate(text, raw, path_key) if path_key != "(top)" else None
        key: str | None = path_key
        if indicator is not None:
            detail = detail.removeprefix(f"indicator {indicator}: ")
            line = line or _indicator_line(text, indicator)
            key = None if key == "(top)" else key
        more = f" (and {len(messages) - 1} more problems)" if len(messages) > 1 else ""
        msg = f"{detail}{more}"
        raise PlanError(msg, file=file, key=key, line=line, indicator=indicator) from None
    except ThiduaError as exc:  # pragma: no cover - cattrs wraps errors of the plan's own checks
        line = _indicator_line(text, exc.indicator) if exc.indicator else None
        raise PlanError(
            exc.what(), file=file, line=line, indicator=exc.indicator, hint=exc.hint
        ) from None


def _indicator_at(raw: dict[str, Any], key: str) -> str | None:
    """The id of the innermost indicator on the key path ``groups[0].indicators[2].rule``."""
    found: str | None = None
    node: Any = raw
    previous = ""
    for part in re.findall(r"[^.\[\]]+|\[\d+\]", key):
        if part.startswith("["):
            index = int(part[1:-1])
            node = node[index] if isinstance(node, list) and index < len(node) else None
            if (
                previous in ("indicators", "criteria")
                and isinstance(node, dict)
                and isinstance(node.get("id"), str)
            ):
                found = node["id"]
        else:
            node = node.get(part) if isinstance(node, dict) else None
        previous = part
    return found


def _first_leaf(exc: BaseException) -> BaseException:
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    return exc


def _indicator_line(text: str, indicator: str) -> int | None:
    pattern = re.compile(rf"^\s*id\s*=\s*[\"']{re.escape(indicator)}[\"']")
    return next((n + 1 for n, t in enumerate(text.splitlines()) if pattern.match(t)), None)


def _unconverter() -> cattrs.Converter:
    conv = cattrs.Converter(omit_if_default=True)
    conv.register_unstructure_hook_func(
        lambda t: t in (Rule, Rule | None), lambda r: None if r is None else str(r)
    )
    conv.register_unstructure_hook(Quantity, str)
    conv.register_unstructure_hook(Period, str)
    conv.register_unstructure_hook(dt.date, lambda d: d)
    for model in _MODELS:
        attrs.resolve_types(model)
        conv.register_unstructure_hook(
            model, make_dict_unstructure_fn(model, conv, _cattrs_omit_if_default=True)
        )
    return conv


def _drop_none(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_none(v) for k, v in value.items() if v is not None and v not in ([], ())}
    if isinstance(value, list | tuple):
        return [_drop_none(v) for v in value]
    return value


def unstructure_plan(plan: Plan) -> str:
    """Write a plan as TOML text."""
    data = _drop_none(_unconverter().unstructure(plan, Plan))
    header = (
        '# thidua plan file: see the docs page "Plan and data formats"\n'
        f"# Plan {plan.id}: {plan.title}\n\n"
    )
    return header + tomli_w.dumps(data, multiline_strings=False)
