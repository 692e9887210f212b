"""The TOML plan file: read with every problem located (file, line, key path), and written.

:func:`collect_plan` lists every problem of a plan file; :func:`structure_plan`
(behind :func:`thidua.plans.loads_plan`) raises the first.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
from collections.abc import Iterable
from typing import Any

import attrs
import cattrs
import tomli_w
from cattrs.gen import make_dict_unstructure_fn

from thidua import _fields as f
from thidua import _tomlfile as toml
from thidua._files import too_large
from thidua.errors import PlanError, ThiduaError, clean_text
from thidua.numbers import NumberFormat
from thidua.periods import MAX_YEAR, MIN_YEAR, Period
from thidua.plans import (
    _DEFERRED,
    Indicator,
    IndicatorGroup,
    IssueDate,
    OrgUnit,
    Plan,
    PlanFormat,
    Report,
    Responsibility,
    Signer,
    indicator_problems,
    plan_problems,
)
from thidua.rules import Rule, parse_rule
from thidua.units import Quantity, UnitDefinition, Units, default_units

__all__ = ["collect_plan", "parse_json", "structure_plan", "unstructure_plan"]

#: Longest JSON text read (characters), as for TOML.
MAX_JSON_CHARS = toml.MAX_TEXT_CHARS
#: Deepest nesting of JSON arrays and objects read (as for TOML).
MAX_JSON_DEPTH = toml.MAX_NESTING

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
#: Top-level keys that a plan cannot be built without, and stand-ins used while
#: looking for the plan's other problems.
_STAND_INS = {"id": "_", "title": "_", "year": 2000}


def _converter(
    units: Units, org_unit_count: int | None, number_format: NumberFormat, year: int | None = None
) -> cattrs.Converter:
    def rule(value: Any, _: Any) -> Rule | None:
        if value is None:
            return None
        unit, year, term = None, None, None
        if isinstance(value, InContext):
            value, unit, year, term = value.text, value.unit, value.year, value.term
        if not isinstance(value, str):
            msg = "a rule"
            raise f.wrong_type(
                msg, "mức yêu cầu", "text such as '>= 97.5 %'", "chữ như '>= 97,5 %'", value
            )
        text = clean_text(value, what="the rule", what_vi="mức yêu cầu", error=PlanError)
        return parse_rule(
            text,
            units=units,
            number_format=number_format,
            org_unit_count=org_unit_count,
            unit=unit if unit is not None and unit in units else None,
            year=year,
            term=term,
        )

    def quantity(value: Any, _: Any) -> Quantity | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            msg = "a quantity"
            raise f.wrong_type(
                msg,
                "giá trị",
                "text such as '100 %' or a number",
                "chữ như '100 %' hoặc một số",
                value,
            )
        if isinstance(value, str):
            text = clean_text(value, what="the quantity", what_vi="giá trị", error=PlanError)
            found = units.parse_quantity(text, number_format=number_format, canonical=True)
        else:
            found = Quantity(value)
        f.check_magnitude(found.magnitude, "the quantity", "giá trị")
        return found

    def check(indicator: Indicator) -> None:
        found = list(indicator_problems(indicator, units, org_unit_count or 0, year=year))
        if len(found) == 1:
            raise found[0]
        if found:
            msg = "problems of the indicator"
            raise ExceptionGroup(msg, found)

    return toml.converter(
        _MODELS,
        type_hooks={Rule | None: rule, Rule: rule, Quantity | None: quantity},
        field_hooks={
            (UnitDefinition, "aliases"): lambda v, _: f.texts(
                "the unit's aliases", "các cách viết khác của đơn vị tính"
            )(v)
        },
        after={Indicator: check},
    )


def _context(raw: dict[str, Any]) -> Any:
    def context(path: toml.Path) -> dict[str, Any]:
        return {"indicator": _indicator_at(raw, path)}

    return context


def _indicator_at(raw: dict[str, Any], path: toml.Path) -> str | None:
    """The id of the innermost indicator on the key path ``groups[0].indicators[2].rule``."""
    found: str | None = None
    node: Any = raw
    previous: str | int = ""
    for part in path:
        if isinstance(part, int):
            node = node[part] if isinstance(node, list) and 0 <= part < len(node) else None
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


class _Repeated(dict[str, Any]):
    """A JSON object that had a key twice (the keys are kept to be reported with their path)."""

    repeated: tuple[str, ...] = ()


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    repeated: list[str] = []
    for key, value in pairs:
        if key in out:
            repeated.append(key)
        else:
            out[key] = value
    if not repeated:
        return out
    marked = _Repeated(out)
    marked.repeated = tuple(repeated)
    return marked


def _constant(name: str) -> Any:
    raise _NotFiniteError(name)


class _NotFiniteError(ValueError):
    """NaN or Infinity in a JSON text (Python's reader takes them, JSON has no such number)."""


def _json_too_deep(**where: Any) -> PlanError:
    return PlanError(
        f"the JSON is nested more than {MAX_JSON_DEPTH} levels deep",
        code="json.too_deep",
        vi=f"tệp JSON có hơn {MAX_JSON_DEPTH} cấp mảng và đối tượng lồng nhau",
        hint="a plan never needs more than a few levels of objects and arrays",
        hint_vi="kế hoạch chỉ cần vài cấp: hãy kiểm tra các dấu ngoặc [ ] và { }",
        **where,
    )


def parse_json(text: object, *, file: str, what: str = "JSON text") -> Any:
    """The JSON document ``text``: its objects as dicts, arrays as lists.

    Refuses with a located :class:`~thidua.errors.PlanError`: text longer than
    :data:`MAX_JSON_CHARS` (``file.too_large``), invalid JSON (``json.syntax``,
    with line and column), ``NaN`` and ``Infinity`` (``json.not_finite``), a
    number of more than 100 digits (``json.number_too_long``), nesting deeper than
    :data:`MAX_JSON_DEPTH` (``json.too_deep``) and an object with a key twice
    (``json.duplicate_key``, with the key path).
    """
    if not isinstance(text, str):
        msg = "the JSON text"
        raise f.wrong_type(msg, "nội dung JSON", "text", "chữ", text)
    if len(text) > MAX_JSON_CHARS:
        raise too_large(file, what=what, max_bytes=MAX_JSON_CHARS, error=PlanError)
    try:
        raw = json.loads(text, object_pairs_hook=_pairs, parse_constant=_constant)
    except json.JSONDecodeError as exc:
        msg = f"not valid JSON: {exc.msg}"
        raise PlanError(
            msg,
            code="json.syntax",
            vi=f"nội dung không đúng cú pháp JSON: {toml.syntax_vi(exc.msg, _JSON_SYNTAX_VI)}",
            hint="check quotes, commas, colons and brackets there",
            hint_vi="hãy kiểm tra dấu nháy kép, dấu phẩy, dấu hai chấm và dấu ngoặc ở chỗ đó",
            file=file,
            line=exc.lineno,
            column=exc.colno,
        ) from None
    except _NotFiniteError as exc:
        msg = f"{exc} is not a number a plan or its data can hold"
        raise PlanError(
            msg,
            code="json.not_finite",
            vi=f"{exc} không phải là một con số mà kế hoạch hay số liệu có thể dùng",
            hint="write the figure itself",
            hint_vi="hãy ghi một con số cụ thể",
            file=file,
        ) from None
    except RecursionError:
        raise _json_too_deep(file=file) from None
    except ValueError:  # Python's limit on the digits of an int
        raise _json_number_too_long(file=file) from None
    found = _json_door(raw, file=file)
    if found:
        problem = found[0]
        if problem.key is not None:
            problem.line = _JsonLocator(text).line(f.split_key(problem.key))
        raise problem
    return raw


def _json_number_too_long(**where: Any) -> PlanError:
    return PlanError(
        f"a number has more than {toml.MAX_DIGITS} digits",
        code="json.number_too_long",
        vi=f"có một số dài hơn {toml.MAX_DIGITS} chữ số",
        hint="no figure of a plan is that large: check the number",
        hint_vi="không có số liệu nào lớn như vậy: hãy kiểm tra lại số này",
        **where,
    )


#: What Python's JSON reader says, in Vietnamese (by how the message begins).
_JSON_SYNTAX_VI = (
    ("Expecting value", "thiếu giá trị (chữ phải đặt trong dấu nháy kép)"),
    ("Expecting property name", "thiếu tên mục trong dấu nháy kép"),
    ("Expecting ':' delimiter", "thiếu dấu ':' sau tên mục"),
    ("Expecting ',' delimiter", "thiếu dấu ',' giữa hai phần tử"),
    ("Unterminated string", "đoạn chữ chưa đóng dấu nháy kép"),
    ("Invalid control character", "có ký tự điều khiển trong đoạn chữ"),
    ("Invalid \\escape", "cách viết thoát (\\) không hợp lệ"),
    ("Extra data", "còn chữ thừa sau khi tài liệu JSON đã kết thúc"),
    ("Illegal trailing comma", "có dấu ',' thừa trước dấu đóng ngoặc"),
)


def _json_door(raw: Any, *, file: str) -> list[PlanError]:
    """Keys given twice, numbers too long or infinite, nesting too deep: each by key path."""
    found: list[PlanError] = []
    stack: list[tuple[toml.Path, Any]] = [((), raw)]
    while stack:
        path, value = stack.pop()
        if len(path) > MAX_JSON_DEPTH:
            return [_json_too_deep(file=file)]
        if isinstance(value, dict):
            for key in getattr(value, "repeated", ()):
                quoted = f.shown(key)
                found.append(
                    PlanError(
                        f"the key {quoted} is given twice",
                        code="json.duplicate_key",
                        vi=f"mục {quoted} được ghi hai lần",
                        hint="keep one of them; nothing is overwritten",
                        hint_vi="hãy giữ lại một (giá trị sau không tự động ghi đè giá trị trước)",
                        file=file,
                        key=f.key_path((*path, key)),
                    )
                )
            stack.extend(((*path, k), v) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend(((*path, i), v) for i, v in reversed(list(enumerate(value))))
        elif _too_long(value):
            found.append(_json_number_too_long(file=file, key=f.key_path(path) or None))
    return found


def _too_long(value: Any) -> bool:
    """Whether ``value`` is a number of more than 100 digits (a float: or infinite)."""
    if isinstance(value, float):
        return not abs(value) < 10.0**toml.MAX_DIGITS
    whole = isinstance(value, int) and not isinstance(value, bool)
    return whole and abs(value) >= 10**toml.MAX_DIGITS


#: The tokens of a JSON text: strings, brackets, commas, colons, numbers and literals.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*+"|[{}\[\],:]|[-+.0-9eE]++|true|false|null')


class _JsonLocator(toml.Locator):
    """The line of each key path of a (valid) JSON text, found by scanning it once when asked."""

    def __init__(self, text: str) -> None:
        super().__init__("")
        self._json = text
        self._json_lines: dict[toml.Path, int] | None = None

    def line(self, path: Iterable[str | int]) -> int | None:
        """The line where ``path`` (or the nearest object or array holding it) is written."""
        if self._json_lines is None:
            self._json_lines = _json_lines(self._json)
        parts = tuple(path)
        while parts:
            found = self._json_lines.get(parts)
            if found is not None:
                return found
            parts = parts[:-1]
        return None


def _json_lines(text: str) -> dict[toml.Path, int]:
    """The line of every key and array element of ``text`` (one pass over its tokens)."""
    lines: dict[toml.Path, int] = {}
    #: For each open object or array: its path, and (arrays) the index of the next element.
    stack: list[tuple[toml.Path, int | None]] = []
    key: str | None = None
    line, at = 1, 0
    expecting = True  # whether the next token may start an array's element
    for token in _JSON_TOKEN.finditer(text):
        line += text.count("\n", at, token.start())
        at = token.start()
        kind = token[0][0]
        if stack and stack[-1][1] is not None and expecting and kind not in "]":
            path = (*stack[-1][0], stack[-1][1])
            lines.setdefault(path, line)
        expecting = False
        if kind == '"':
            if stack and stack[-1][1] is None and key is None:
                key = json.loads(token[0])
            continue
        if kind == ":" and stack and key is not None:
            lines.setdefault((*stack[-1][0], key), line)
        elif kind in "{[":
            if not stack:
                path = ()
            elif stack[-1][1] is None:
                path = (*stack[-1][0], key or "")
            else:
                path = (*stack[-1][0], stack[-1][1])
            stack.append((path, 0 if kind == "[" else None))
            expecting = kind == "["
            key = None
            continue
        elif kind in "}]" and stack:
            stack.pop()
        elif kind == "," and stack:
            if stack[-1][1] is not None:
                stack[-1] = (stack[-1][0], stack[-1][1] + 1)
                expecting = True
            key = None
            continue
        if kind != ":":
            key = None
    return lines


def _read(text: str, file: str, format: PlanFormat) -> tuple[Any, toml.Locator]:
    if format == "json":
        raw = parse_json(text, file=file, what="plan file")
        if not isinstance(raw, dict):
            quoted = f.shown(raw)
            msg = f"a plan is a JSON object of keys and values, not {quoted}"
            raise PlanError(
                msg,
                code="plan.wrong_type",
                vi="kế hoạch phải là một đối tượng JSON gồm các mục và giá trị, "
                f"không phải {quoted}",
                hint='write it as {"id": ..., "title": ..., "year": ..., "groups": [...]}',
                hint_vi='hãy viết dạng {"id": ..., "title": ..., "year": ..., "groups": [...]}',
                file=file,
            )
        return raw, _JsonLocator(text)
    return toml.parse(text, file=file), toml.Locator(text)


def collect_plan(
    text: str, *, file: str, format: PlanFormat = "toml"
) -> tuple[Plan | None, list[PlanError]]:
    """The plan in TOML (or JSON) ``text``, or None and every problem of it, ordered by line.

    Every problem is a :class:`~thidua.errors.PlanError` naming ``file`` and, where
    it can, the line and the key path (``groups[0].indicators[2].rule``): each key
    or value that cannot be read, each indicator that does not fit the plan's
    units or org units, and the plan's own problems (ids used twice,
    responsibilities naming unknown indicators). A JSON document is read into the
    same structure as a TOML one; its problems have key paths (and a syntax
    error its line and column).

    .. versionadded:: 0.2.0
    .. versionchanged:: 0.4.0
       ``format="json"``.
    """
    try:
        raw, locator = _read(text, file, format)
    except PlanError as exc:
        return None, [exc]
    context = _context(raw)
    found = toml.door(raw, file=file, locator=locator)
    if toml.too_deep(found):
        return None, found
    units, unit_problems = _units(raw, file=file, locator=locator)
    found += unit_problems
    if units is None:
        return None, toml.ordered_problems(found)
    plan, problems = _structure(raw, units, file=file, locator=locator, context=context)
    found += problems
    if plan is None and problems:
        found += _problems_beside(raw, units, problems, file=file, locator=locator, context=context)
    if found:
        return None, toml.ordered_problems(found)
    return plan, []


def _units(
    raw: dict[str, Any], *, file: str, locator: toml.Locator
) -> tuple[Units | None, list[PlanError]]:
    """The unit registry of the plan file (the domain's and the plan's own units)."""
    declared = raw.get("units", [])
    conv = toml.converter((UnitDefinition,), field_hooks={
        (UnitDefinition, "aliases"): lambda v, _: f.texts(
            "the unit's aliases", "các cách viết khác của đơn vị tính"
        )(v)
    })  # fmt: skip
    made, found = toml.structure(
        declared,
        tuple[UnitDefinition, ...],
        conv,
        file=file,
        locator=locator,
        prefix=("units",),
    )
    if found:
        return None, found
    try:
        return default_units().extend(made), []
    except ThiduaError as exc:
        return None, [toml.located(exc, file=file, key="units", line=locator.line(("units",)))]


@attrs.frozen
class InContext:
    """A rule's text with what it is read with: its indicator's unit, the plan's year."""

    text: object
    unit: str | None
    year: int | None
    #: The plan's term (first and last year), if it has a valid one.
    term: tuple[int, int] | None = None


_TERM = re.compile(r"\s*+(\d{4})\s*+[-–]\s*+(\d{4})\s*+")


def _raw_term(raw: dict[str, Any]) -> tuple[int, int] | None:
    """The plan's term as written, if it is a valid one (else its own error is reported)."""
    given = raw.get("term")
    found = _TERM.fullmatch(given[:40]) if isinstance(given, str) else None
    if found is None:
        return None
    first, last = int(found[1]), int(found[2])
    return (first, last) if MIN_YEAR <= first < last <= MAX_YEAR else None


def in_context(raw: Any, year: int | None = None, term: tuple[int, int] | None = None) -> Any:
    """``raw`` with each indicator's rule text wrapped with its unit and the plan's year.

    The plan's rule hook reads "giảm 1%" on a rate as a fall of one percentage
    point, and "so với năm 2023" against the plan's year; the rest is copied as is.
    """
    if isinstance(raw, dict):
        given = raw.get("year")
        if year is None and isinstance(given, int) and not isinstance(given, bool):
            year = given if MIN_YEAR <= given <= MAX_YEAR else None  # else reported by itself
            term = _raw_term(raw)
        unit = raw.get("unit") if isinstance(raw.get("unit"), str) else None
        out = {}
        for key, value in raw.items():
            if key in ("rule", "per_org_unit") and isinstance(value, str):
                out[key] = InContext(value, unit, year, term)
            else:
                out[key] = in_context(value, year, term)
        return out
    if isinstance(raw, list):
        return [in_context(item, year, term) for item in raw]
    return raw


def _structure(
    raw: dict[str, Any], units: Units, *, file: str, locator: toml.Locator, context: Any
) -> tuple[Plan | None, list[PlanError]]:
    """The plan, or None and the problems of its keys, values and indicators; then its own."""
    org_units = raw.get("org_units")
    count = len(org_units) if isinstance(org_units, list) else None
    number_format = raw.get("number_format")
    year = raw.get("year")
    conv = _converter(
        units,
        count,
        number_format if number_format in ("vi", "en") else None,
        year if isinstance(year, int) and not isinstance(year, bool) else None,
    )
    token = _DEFERRED.set(True)
    try:
        plan, found = toml.structure(
            in_context(raw), Plan, conv, file=file, locator=locator, context=context
        )
    finally:
        _DEFERRED.reset(token)
    if plan is None:
        return None, found
    own = [
        toml.located(
            problem,
            file=file,
            line=locator.line(f.split_key(problem.key or "")),
            **context(f.split_key(problem.key or "")),
        )
        for problem in plan_problems(plan, indicators=False)
    ]
    return (None, own) if own else (plan, [])


def _problems_beside(
    raw: dict[str, Any],
    units: Units,
    problems: list[PlanError],
    *,
    file: str,
    locator: toml.Locator,
    context: Any,
) -> list[PlanError]:
    """The plan's own problems (ids used twice...), found with the unreadable parts left out."""
    pruned = copy.deepcopy(raw)
    cuts: dict[toml.Path, list[int]] = {}
    for problem in problems:
        path = f.split_key(problem.key or "")
        last = max((n for n, part in enumerate(path) if isinstance(part, int)), default=None)
        if last is not None:
            cuts.setdefault(path[:last], []).append(path[last])  # type: ignore[arg-type]
        elif path and isinstance(path[0], str):
            if path[0] in _STAND_INS:
                pruned[path[0]] = _STAND_INS[path[0]]
            else:
                pruned.pop(path[0], None)
        else:
            return []
    for where, indices in sorted(cuts.items(), key=lambda item: -len(item[0])):
        node: Any = pruned
        for part in where:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                node = None
                break
        if isinstance(node, list):
            for index in sorted(set(indices), reverse=True):
                if 0 <= index < len(node):
                    del node[index]
    plan, found = _structure(pruned, units, file=file, locator=toml.Locator(""), context=context)
    if plan is not None or not found:
        return []
    beside = []
    for problem in found:
        if problem.code not in ("plan.duplicate_id", "plan.unknown_indicator", "plan.too_deep"):
            return []  # the pruned plan failed for its own reasons: nothing reliable to add
        path = f.split_key(problem.key or "")
        if any(_moved(path, cut, indices) for cut, indices in cuts.items()):
            continue  # its place moved when parts before it were left out
        if problem.code == "plan.unknown_indicator" and _named(raw, path):
            continue
        problem.line = None  # lines of the pruned text do not apply: locate by the original
        beside.append(toml.located(problem, line=locator.line(f.split_key(problem.key or ""))))
    return beside


def _moved(path: toml.Path, cut: toml.Path, indices: list[int]) -> bool:
    """Whether ``path`` is at or after an element left out of the list at ``cut``."""
    if len(path) <= len(cut) or path[: len(cut)] != cut:
        return False
    index = path[len(cut)]
    return isinstance(index, int) and index >= min(indices)


def _named(raw: dict[str, Any], path: toml.Path) -> bool:
    """Whether an indicator reported unknown is only missing because it was left out."""
    node: Any = raw
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return False
    return node in _raw_ids(raw)


def _raw_ids(raw: dict[str, Any]) -> set[str]:
    ids: set[str] = set()
    stack = [raw.get("groups")]
    while stack:
        node = stack.pop()
        if isinstance(node, list):
            stack.extend(node)
        elif isinstance(node, dict):
            if isinstance(node.get("id"), str):
                ids.add(node["id"])
            stack.extend((node.get("indicators"), node.get("criteria")))
    return ids


def structure_plan(text: str, *, file: str, format: PlanFormat = "toml") -> Plan:
    """Read a plan from TOML or JSON text; raises its first problem (see :func:`collect_plan`)."""
    plan, found = collect_plan(text, file=file, format=format)
    if found:
        raise toml.first(found)
    assert plan is not None  # noqa: S101 - no problems means a plan
    return plan


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


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.date):
        return value.isoformat()
    msg = f"cannot write {type(value).__name__} as JSON"  # pragma: no cover - the model's types
    raise TypeError(msg)  # pragma: no cover


def unstructure_plan(plan: Plan, format: PlanFormat = "toml") -> str:
    """Write a plan as TOML text (or JSON: the same keys, dates as ``"2024-06-10"``)."""
    data = _drop_none(_unconverter().unstructure(plan, Plan))
    if format == "json":
        return json.dumps(data, ensure_ascii=False, indent=2, default=_json_value) + "\n"
    header = (
        '# thidua plan file: see the docs page "Plan and data formats"\n'
        f"# Plan {plan.id}: {plan.title}\n\n"
    )
    return header + tomli_w.dumps(data, multiline_strings=False)
