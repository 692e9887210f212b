"""What the four TOML readers (plan, cluster, scheme, titles) share, written once.

- :func:`parse` reads TOML, refusing what :mod:`tomllib` cannot read with a
  located error (``toml.syntax``, ``toml.too_deep``, ``toml.number_too_long``).
- :func:`door` checks every value at the door: numbers of at most 100 digits,
  no ``inf`` or ``nan`` (valid TOML, never a figure of a plan), no control
  character in a text or a key.
- :class:`Locator` finds the line of a key path (``members[0].women_share``)
  in the text, by scanning it once, only when an error needs a line.
- :func:`converter` builds the cattrs converter of a set of attrs models: unknown
  keys are refused, every field is read by the model's own converter (so a file
  and a Python constructor refuse the same things with the same messages).
- :func:`problems` turns cattrs' exception groups into located
  :class:`~thidua.errors.PlanError` s: one per problem, each with the file, the
  line and the key path, and "did you mean" for a misspelt key.

cattrs is imported here only, when a file is read.
"""

from __future__ import annotations

import bisect
import contextlib
import math
import re
import tomllib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, TypeVar, get_args

import attrs
import cattrs
from cattrs.errors import IterableValidationNote
from cattrs.gen import make_dict_structure_fn, override

from thidua import _fields as f
from thidua._files import too_large
from thidua._text import first_unsafe
from thidua.errors import PlanError, ThiduaError, clean_text

T = TypeVar("T")
Path = tuple[str | int, ...]
#: A structure hook: the raw value and the type asked for.
Hook = Callable[[Any, Any], Any]

#: Longest number in a TOML file, in digits (as for numbers in text).
MAX_DIGITS = 100
#: Deepest key path read (criteria nest 8 levels: a plan needs about 20).
MAX_NESTING = 64
#: Longest TOML text read (characters): the plan file's limit, for text given to
#: ``loads_plan``, ``loads_cluster``, ``loads_scheme`` and ``loads_titles`` too.
MAX_TEXT_CHARS = 16 * 1024 * 1024
_TOML_LINE = re.compile(r"at line (\d+), column (\d+)")
_TOML_WHERE = re.compile(r"\s*\((?:at line \d+, column \d+|at end of document)\)")
_LONG_DIGITS = re.compile(r"\d[\d_]{%d,}" % MAX_DIGITS)  # noqa: UP031 - a regex quantifier


def parse(text: str, *, file: str) -> dict[str, Any]:
    """The TOML document ``text``.

    Raises:
        PlanError: Not valid TOML (``toml.syntax``, with line and column), nested
            too deeply (``toml.too_deep``), or an integer too long for Python to
            read (``toml.number_too_long``).
    """
    if not isinstance(text, str):
        msg = "the file's text"
        raise f.wrong_type(msg, "nội dung tệp", "text", "chữ", text)
    if len(text) > MAX_TEXT_CHARS:  # text given to loads_*: files are refused by size first
        raise too_large(file, what="TOML text", max_bytes=MAX_TEXT_CHARS, error=PlanError)
    deep = _DEEP_KEY.search(text)  # tomllib reads a key of n dotted parts in time n²
    if deep is not None:
        raise _too_deep(file=file, line=text.count("\n", 0, deep.start()) + 1)
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = _TOML_LINE.search(str(exc))
        line, column = (int(found[1]), int(found[2])) if found else (None, None)
        if found is None and "end of document" in str(exc):
            line = text.count("\n") + 1
            column = len(text) - (text.rfind("\n") + 1) + 1
        detail = _TOML_WHERE.sub("", str(exc)).strip()
        msg = f"not valid TOML: {detail}"
        raise PlanError(
            msg,
            code="toml.syntax",
            vi=f"tệp không đúng cú pháp TOML: {syntax_vi(detail)}",
            hint="check quotes, brackets and '=' on that line",
            hint_vi="hãy kiểm tra dấu nháy, dấu ngoặc và dấu '=' ở dòng đó",
            file=file,
            line=line,
            column=column,
        ) from None
    except RecursionError:
        raise _too_deep(file=file) from None
    except ValueError:  # Python's limit on the digits of an int (a number of thousands of digits)
        raise _too_long(text, file) from None


#: What tomllib's messages say, in Vietnamese (by how the message begins).
_SYNTAX_VI = (
    ("Invalid value", "giá trị viết không đúng (chữ phải đặt trong dấu nháy kép)"),
    ("Unclosed array", "danh sách mở bằng '[' chưa được đóng bằng ']'"),
    ("Unclosed inline table", "bảng mở bằng '{' chưa được đóng bằng '}'"),
    ("Expected '=' after a key", "thiếu dấu '=' sau tên mục"),
    ("Cannot overwrite a value", "một mục được ghi hai lần"),
    ("Cannot declare", "một bảng [...] được khai báo hai lần"),
    ("Unterminated string", "đoạn chữ chưa đóng dấu nháy"),
    ("Expected newline or end of document", "còn chữ thừa sau giá trị (mỗi mục ghi trên một dòng)"),
    ("Illegal character", "có ký tự không được phép"),
    ("Invalid statement", "dòng này không có dạng tên = giá trị, cũng không phải [bảng]"),
    ("Invalid initial character for a key", "tên mục bắt đầu bằng ký tự không hợp lệ"),
    ("Invalid date", "ngày tháng viết không đúng"),
    ("Expected ']' at the end of a table", "thiếu dấu ']' ở cuối tên bảng"),
)


def syntax_vi(detail: str, table: Sequence[tuple[str, str]] = _SYNTAX_VI) -> str:
    """A reader's syntax error ``detail`` in Vietnamese, or as it is (in brackets).

    ``table``: how each message begins and what it says (TOML's by default; the
    JSON reader passes its own).
    """
    for start, vi in table:
        if detail.startswith(start):
            return vi
    return f"({detail})"


#: One part of a TOML key: bare, "basic" or 'literal' (possessive: never tried twice).
_KEY_PART = r"""(?:[A-Za-z0-9_-]++|"(?:[^"\\\n]|\\.)*+"|'[^'\n]*+')"""
#: A key (of a pair or a table header) of more dotted parts than MAX_NESTING levels.
_DEEP_KEY = re.compile(
    rf"(?m)(?:^|[{{,\[])[ \t]*{_KEY_PART}"
    rf"(?:[ \t]*\.[ \t]*{_KEY_PART}){{{MAX_NESTING},}}+[ \t]*[=\]]"
)


def _too_deep(**where: Any) -> PlanError:
    return PlanError(
        "the TOML is nested too deeply",
        code="toml.too_deep",
        vi="tệp TOML có quá nhiều cấp bảng và danh sách lồng nhau",
        hint="a plan never needs more than a few levels of tables and lists",
        hint_vi="tệp chỉ cần vài cấp bảng và danh sách: hãy kiểm tra các dấu ngoặc [ ] và { }",
        **where,
    )


def too_deep(found: list[PlanError]) -> bool:
    """Whether :func:`door` found the document nested too deeply (then it is not structured)."""
    return any(problem.code == "toml.too_deep" for problem in found)


def _too_long(text: str, file: str) -> PlanError:
    line = column = None
    for match in _LONG_DIGITS.finditer(text):
        if sum(c.isdigit() for c in match[0]) > MAX_DIGITS:
            line = text.count("\n", 0, match.start()) + 1
            column = match.start() - (text.rfind("\n", 0, match.start()) + 1) + 1
            break
    return _number_too_long(file=file, line=line, column=column)


def _number_too_long(**where: Any) -> PlanError:
    return PlanError(
        f"a number has more than {MAX_DIGITS} digits",
        code="toml.number_too_long",
        vi=f"có một số dài hơn {MAX_DIGITS} chữ số",
        hint="no figure of a plan is that large: check the number",
        hint_vi="không có số liệu nào của kế hoạch lớn như vậy: hãy kiểm tra lại số này",
        **where,
    )


def door(raw: dict[str, Any], *, file: str, locator: Locator) -> list[PlanError]:
    """Every value refused at the door: long or non-finite numbers, control characters."""
    found: list[PlanError] = []
    stack: list[tuple[Path, Any]] = [((), raw)]
    deep = False
    while stack:
        path, value = stack.pop()
        where: dict[str, Any] = {"file": file, "key": f.key_path(path) or None, "line": None}
        problem: PlanError | None = None
        if len(path) > MAX_NESTING:
            if not deep:
                deep = True
                found.append(_too_deep(file=file, line=locator.line(path)))
            continue
        if isinstance(value, dict):
            for key in reversed(list(value)):
                if first_unsafe(key) is not None:
                    found.append(_unsafe(key, multiline=False, path=(*path, key), **where))
                    continue
                stack.append(((*path, key), value[key]))
        elif isinstance(value, list):
            stack.extend(((*path, i), v) for i, v in reversed(list(enumerate(value))))
        elif isinstance(value, str):
            if first_unsafe(value, multiline=True) is not None:
                found.append(_unsafe(value, multiline=True, path=path, **where))
        elif isinstance(value, float):
            if not math.isfinite(value):
                problem = PlanError(
                    f"{value!r} is not a number a plan can hold",
                    code="toml.not_finite",
                    vi=f"{value!r} không phải là một số mà kế hoạch có thể dùng",
                    hint="write the figure itself",
                    hint_vi="hãy ghi một con số cụ thể",
                    **where,
                )
            elif abs(value) >= 10.0**MAX_DIGITS:
                problem = _number_too_long(**where)
        elif (
            isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**MAX_DIGITS
        ):
            problem = _number_too_long(**where)
        if problem is not None:
            found.append(problem)
    for problem in found:
        if problem.key is not None:
            problem.line = locator.line(f.split_key(problem.key))
    return found


def _unsafe(value: str, *, multiline: bool, path: Path, **where: Any) -> PlanError:
    where["key"] = f.key_path(path) or None
    try:
        clean_text(value, what="the text", what_vi="đoạn chữ", multiline=multiline, error=PlanError)
    except PlanError as exc:
        return located(exc, **where)
    raise AssertionError  # pragma: no cover - first_unsafe found a character


def located(exc: ThiduaError, **where: Any) -> PlanError:
    """``exc`` as a PlanError (keeping its code and both messages), located as given."""
    fields = {
        name: getattr(exc, name)
        for name in ("file", "line", "column", "member", "key", "indicator", "period", "text")
    }
    fields["position"] = exc.position
    for name, value in where.items():
        if fields.get(name) is None:
            fields[name] = value
    return PlanError(
        exc.what("en"),
        code=exc.code,
        vi=exc.what("vi"),
        hint=exc.how("en"),
        hint_vi=exc.how("vi"),
        **fields,
    )


class Locator:
    """The line of each key path of a TOML text, found by scanning it once when first asked."""

    def __init__(self, text: str) -> None:
        self._text = text
        self._lines: dict[Path, int] | None = None

    def line(self, path: Iterable[str | int]) -> int | None:
        """The line where ``path`` (or the nearest table holding it) is written, or None."""
        if self._lines is None:
            self._lines = _Scanner(self._text).scan()
        parts = tuple(path)
        while parts:
            line = self._lines.get(parts)
            if line is not None:
                return line
            parts = parts[:-1]
        return None


_BARE = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL = re.compile(r"'[^'\n]*'")
_ML_BASIC = re.compile(r'"""(?:[^\\"]|\\.|"(?!""))*"{3,5}', re.DOTALL)
_ML_LITERAL = re.compile(r"'''(?:[^']|'(?!''))*'{3,5}", re.DOTALL)
_SCALAR_END = re.compile(r"[,\]}#\r\n]")


#: The longest key path the scanner records: one level past what :func:`door` accepts.
_SCAN_DEPTH = MAX_NESTING + 1


class _Scanner:
    """Records the line of every key path of a valid TOML text (a small, lenient scanner)."""

    def __init__(self, text: str) -> None:
        self.s = text
        self.i = 0
        self.found: dict[Path, int] = {}
        self.arrays: dict[Path, int] = {}
        self.newlines = [m.start() for m in re.finditer("\n", text)]

    def scan(self) -> dict[Path, int]:
        # on anything unexpected, what was found so far still helps
        with contextlib.suppress(
            IndexError, ValueError, KeyError, RecursionError, tomllib.TOMLDecodeError
        ):
            self.document()
        return self.found

    def record(self, path: Path, at: int) -> None:
        self.found.setdefault(path, bisect.bisect_left(self.newlines, at) + 1)

    def spaces(self) -> None:
        while self.i < len(self.s) and self.s[self.i] in " \t":
            self.i += 1

    def blanks(self) -> None:
        while self.i < len(self.s):
            c = self.s[self.i]
            if c in " \t\r\n":
                self.i += 1
            elif c == "#":
                end = self.s.find("\n", self.i)
                self.i = len(self.s) if end < 0 else end
            else:
                return

    def expect(self, token: str) -> None:
        self.spaces()
        if not self.s.startswith(token, self.i):
            raise ValueError(token)
        self.i += len(token)

    def document(self) -> None:
        table: Path = ()
        while True:
            self.blanks()
            if self.i >= len(self.s):
                return
            at = self.i
            if self.s.startswith("[[", self.i):
                self.i += 2
                table = self.header(self.keys(), at, array=True)
                self.expect("]]")
            elif self.s[self.i] == "[":
                self.i += 1
                table = self.header(self.keys(), at, array=False)
                self.expect("]")
            else:
                self.pair(table)

    def header(self, parts: list[str], at: int, *, array: bool) -> Path:
        path: Path = ()
        parts = parts[: _SCAN_DEPTH + 1]  # deeper paths are refused, their lines never asked
        for part in parts[:-1]:
            if len(path) > _SCAN_DEPTH:
                break
            path = (*path, part)
            self.record(path, at)
            if path in self.arrays:
                path = (*path, self.arrays[path] - 1)
        path = (*path, parts[-1])
        self.record(path, at)
        if array:
            index = self.arrays.get(path, 0)
            self.arrays[path] = index + 1
            path = (*path, index)
            self.record(path, at)
        return path

    def keys(self) -> list[str]:
        parts = []
        while True:
            self.spaces()
            parts.append(self.key())
            self.spaces()
            if self.s.startswith(".", self.i):
                self.i += 1
                continue
            return parts

    def key(self) -> str:
        c = self.s[self.i]
        if c in "\"'":
            match = (_BASIC if c == '"' else _LITERAL).match(self.s, self.i)
            if match is None:
                raise ValueError(c)
            self.i = match.end()
            value = tomllib.loads(f"k = {match[0]}")["k"]
            return str(value)
        match = _BARE.match(self.s, self.i)
        if match is None:
            raise ValueError(c)
        self.i = match.end()
        return match[0]

    def pair(self, table: Path) -> None:
        at = self.i
        path = table
        for part in self.keys():
            if len(path) <= _SCAN_DEPTH:
                path = (*path, part)
                self.record(path, at)
        self.expect("=")
        self.spaces()
        self.value(path)

    def value(self, path: Path) -> None:
        s, i = self.s, self.i
        for pattern in (_ML_BASIC, _ML_LITERAL, _BASIC, _LITERAL):
            match = pattern.match(s, i)
            if match is not None:
                self.i = match.end()
                return
        if s[i] == "[":
            self.array(path)
        elif s[i] == "{":
            self.table(path)
        else:
            end = _SCALAR_END.search(s, i)
            self.i = len(s) if end is None else end.start()

    def array(self, path: Path) -> None:
        self.i += 1
        index = 0
        while True:
            self.blanks()
            if self.s[self.i] == "]":
                self.i += 1
                return
            self.record((*path, index), self.i)
            self.value((*path, index))
            self.blanks()
            if self.s[self.i] == ",":
                self.i += 1
            index += 1

    def table(self, path: Path) -> None:
        self.i += 1
        while True:
            self.spaces()
            if self.s[self.i] == "}":
                self.i += 1
                return
            at = self.i
            inner = path
            for part in self.keys():
                if len(inner) <= _SCAN_DEPTH:
                    inner = (*inner, part)
                    self.record(inner, at)
            self.expect("=")
            self.spaces()
            self.value(inner)
            self.spaces()
            if self.s[self.i] == ",":
                self.i += 1


def _mentions(kind: Any, models: tuple[type, ...]) -> bool:
    """Whether the type ``kind`` is or holds one of ``models``."""
    if kind in models:
        return True
    return any(_mentions(arg, models) for arg in get_args(kind))


def _strict(kind: type, expected: str, expected_vi: str) -> Hook:
    def hook(value: Any, _: Any) -> Any:
        if isinstance(value, bool) != (kind is bool) or not isinstance(value, kind):
            msg = "the value"
            raise f.wrong_type(msg, "giá trị", expected, expected_vi, value)
        return value

    return hook


def converter(
    models: Iterable[type],
    *,
    type_hooks: Mapping[Any, Hook] | None = None,
    field_hooks: Mapping[tuple[type, str], Hook] | None = None,
    after: Mapping[type, Callable[[Any], None]] | None = None,
) -> cattrs.Converter:
    """A cattrs converter for ``models`` (attrs classes) read from a TOML file.

    Each field is read, in this order of preference, by its hook in
    ``field_hooks``, by the hook of its type in ``type_hooks``, by cattrs itself
    when it holds other models (``tuple[Member, ...]``), else by the field's own
    attrs converter. Unknown keys are refused. ``after[model]`` is called with
    each model read (a check that needs the file's context, raising on a problem).
    """
    chosen = tuple(models)
    types = dict(type_hooks or {})
    fields = dict(field_hooks or {})
    checks = dict(after or {})
    conv = cattrs.Converter(forbid_extra_keys=True)
    conv.register_structure_hook(str, _strict(str, "text", "chữ"))
    conv.register_structure_hook(bool, _strict(bool, "true or false", "true hoặc false"))
    conv.register_structure_hook(int, _strict(int, "a whole number", "một số nguyên"))

    def sequence(value: Any, kind: Any) -> tuple[Any, ...]:
        if not isinstance(value, list):
            msg = "the value"
            raise f.wrong_type(msg, "giá trị", "a list ([[...]] tables)", "một danh sách", value)
        element = get_args(kind)[0]
        errors: list[Exception] = []
        out = []
        for index, item in enumerate(value):
            try:
                out.append(conv.structure(item, element))
            except Exception as exc:
                exc.__notes__ = [
                    *getattr(exc, "__notes__", []),
                    IterableValidationNote(f"@ index {index}", index, element),
                ]
                errors.append(exc)
        if errors:
            msg = f"While structuring {kind!r}"
            raise cattrs.IterableValidationError(msg, errors, kind)
        return tuple(out)

    conv.register_structure_hook_func(
        lambda t: (
            getattr(t, "__origin__", None) is tuple
            and len(get_args(t)) == 2
            and get_args(t)[1] is Ellipsis
            and get_args(t)[0] in chosen
        ),
        sequence,
    )
    made: dict[type, Hook] = {}
    for model in chosen:  # first by name: a model's hook is looked up when another's is made
        conv.register_structure_hook(model, _later(made, model))
    for model in chosen:
        attrs.resolve_types(model)
        overrides = {}
        for field in attrs.fields(model):
            hook = fields.get((model, field.name)) or types.get(field.type)
            if hook is None and field.converter is not None and not _mentions(field.type, chosen):
                hook = _converted(field.converter)
            if hook is not None:
                overrides[field.name] = override(struct_hook=hook)
        base: Hook = make_dict_structure_fn(
            model,
            conv,
            _cattrs_forbid_extra_keys=True,
            **overrides,  # type: ignore[arg-type]
        )
        made[model] = _table_hook(model, base, checks.get(model))
    return conv


def _later(made: dict[type, Hook], model: type) -> Hook:
    """The hook of ``model``, looked up when first used (it is made after others use it)."""

    def hook(value: Any, kind: Any) -> Any:
        return made[model](value, kind)

    return hook


def _converted(convert: Any) -> Hook:
    return lambda value, _: convert(value)


def _table_hook(model: type, base: Hook, check: Callable[[Any], None] | None) -> Hook:
    def hook(value: Any, kind: Any) -> Any:
        if not isinstance(value, dict):
            quoted = f.shown(value)
            msg = f"expected a table of keys and values, not {quoted}"
            raise PlanError(
                msg,
                code="plan.wrong_type",
                vi=f"ở đây cần một bảng gồm các mục và giá trị, không phải {quoted}",
            )
        made = base(value, kind)
        if check is not None:
            check(made)
        return made

    return hook


def _leaves(exc: BaseException, path: Path) -> Iterator[tuple[Path, BaseException]]:
    """Each leaf exception of cattrs' groups, with its key path (from cattrs' notes)."""
    if isinstance(exc, BaseExceptionGroup):
        for inner in exc.exceptions:
            step: Path = ()
            for note in getattr(inner, "__notes__", ()):
                if isinstance(note, cattrs.AttributeValidationNote):
                    step = (note.name,)
                elif isinstance(note, IterableValidationNote):
                    step = (note.index,)
            yield from _leaves(inner, (*path, *step))
    else:
        yield path, exc


def problems(
    exc: BaseException,
    *,
    file: str,
    locator: Locator,
    context: Callable[[Path], dict[str, Any]] | None = None,
    prefix: Path = (),
) -> list[PlanError]:
    """Every problem in ``exc`` (cattrs' groups, or one error) as a located PlanError.

    Args:
        exc: What structuring raised.
        file: The file's name.
        locator: Finds the line of a key path.
        context: More location fields from a key path (the indicator or member it is under).
        prefix: The key path of what was structured.
    """
    out: list[PlanError] = []
    for path, leaf in _leaves(exc, prefix):
        if isinstance(leaf, cattrs.ForbiddenExtraKeysError):
            allowed = [a.alias or a.name for a in attrs.fields(leaf.cl)]
            out.extend(
                _place(f.unknown_key(key, allowed), (*path, key), file, locator, context)
                for key in sorted(leaf.extra_fields)
            )
        elif isinstance(leaf, ThiduaError):
            if leaf.file is not None and leaf.file != file:  # from another file (a scheme file)
                out.append(located(leaf))
                continue
            inner = (*path, *f.split_key(leaf.key)) if leaf.key else path
            leaf_error = located(leaf)
            leaf_error.key = None
            out.append(_place(leaf_error, inner, file, locator, context))
        elif isinstance(leaf, RecursionError):  # pragma: no cover - door() refuses this first
            out.append(_place(_too_deep(), path, file, locator, context))
        elif isinstance(leaf, KeyError) and path:
            out.append(_place(f.missing_key(str(path[-1])), path, file, locator, context))
        else:
            detail = f"{type(leaf).__name__}: {leaf}"
            error = PlanError(
                f"cannot read the value ({detail})",
                code="plan.wrong_type",
                vi=f"không đọc được giá trị ({detail})",
            )
            out.append(_place(error, path, file, locator, context))
    return out


def _place(
    error: PlanError,
    path: Path,
    file: str,
    locator: Locator,
    context: Callable[[Path], dict[str, Any]] | None,
) -> PlanError:
    where = dict(context(path)) if context is not None else {}
    where |= {"file": file, "line": locator.line(path), "key": f.key_path(path) or None}
    return located(error, **where)


def first(found: list[PlanError]) -> PlanError:
    """The first problem (by line), saying how many more there are."""
    ordered = ordered_problems(found)
    head = ordered[0]
    if len(ordered) == 1:
        return head
    more = len(ordered) - 1
    plural = "problem" if more == 1 else "problems"
    return PlanError(
        f"{head.what('en')} (and {more} more {plural})",
        code=head.code,
        vi=f"{head.what('vi')} (và {more} lỗi khác)",
        hint=head.how("en"),
        hint_vi=head.how("vi"),
        **{
            name: getattr(head, name)
            for name in ("file", "line", "column", "member", "key", "indicator", "period")
        },
        text=head.text,
        position=head.position,
    )


#: The codes of the problems :func:`door` finds.
_DOOR = ("toml.not_finite", "toml.number_too_long", "text.control_character")


def ordered_problems(found: Iterable[PlanError]) -> list[PlanError]:
    """``found`` without repeats (one per key path), ordered by line.

    A value refused at the door is not reported again by its model, except that
    a model's message for the same problem replaces the door's (it names the field).
    """
    unique: dict[tuple[str | None, str], PlanError] = {}
    door_keys: dict[str, str] = {}
    for problem in found:
        key = problem.key
        if key is not None and key in door_keys and door_keys[key] != problem.code:
            continue
        if key is not None and problem.code in _DOOR:
            door_keys.setdefault(key, problem.code)
        mark = (key, problem.code)
        if mark in unique and key is None:
            continue
        unique[mark] = problem if mark not in unique else _same_place(unique[mark], problem)
    return sorted(unique.values(), key=lambda p: (p.line is None, p.line or 0))


def _same_place(door_problem: PlanError, model_problem: PlanError) -> PlanError:
    """The model's message, at the door's place."""
    return located(model_problem, line=door_problem.line, file=door_problem.file)


def structure(
    raw: Any,
    kind: Any,
    conv: cattrs.Converter,
    *,
    file: str,
    locator: Locator,
    context: Callable[[Path], dict[str, Any]] | None = None,
    prefix: Path = (),
) -> tuple[Any, list[PlanError]]:
    """``raw`` structured as ``kind``, or None and every problem, located."""
    try:
        return conv.structure(raw, kind), []
    except (cattrs.BaseValidationError, ThiduaError) as exc:
        return None, problems(exc, file=file, locator=locator, context=context, prefix=prefix)
    except RecursionError:  # pragma: no cover - door() refuses documents this deep first
        return None, [_too_deep(file=file)]


#: Makes, from the document read, more location fields for a key path.
ContextOf = Callable[[dict[str, Any]], Callable[[Path], dict[str, Any]]]


def read(
    text: str,
    kind: type[T],
    conv: cattrs.Converter,
    *,
    file: str,
    context: ContextOf | None = None,
) -> T:
    """A model of type ``kind`` read from TOML text; raises the first problem found."""
    made, found = collect(text, kind, conv, file=file, context=context)
    if found:
        raise first(found)
    return made  # type: ignore[return-value]


def collect(
    text: str,
    kind: type[T],
    conv: cattrs.Converter,
    *,
    file: str,
    context: ContextOf | None = None,
) -> tuple[T | None, list[PlanError]]:
    """A model of type ``kind`` read from TOML text, or None and every problem, ordered.

    Args:
        text: The TOML text.
        kind: The model.
        conv: Its converter (see :func:`converter`).
        file: The file's name, for messages.
        context: Gives more location fields of a key path (the member it is under).
    """
    if not isinstance(text, str):
        msg = "the file's text"
        raise f.wrong_type(msg, "nội dung tệp", "text", "chữ", text)
    try:
        raw = parse(text, file=file)
    except PlanError as exc:
        return None, [exc]
    locator = Locator(text)
    found = door(raw, file=file, locator=locator)
    if too_deep(found):
        return None, found
    where = None if context is None else context(raw)
    made, more = structure(raw, kind, conv, file=file, locator=locator, context=where)
    found += more
    if found:
        return None, ordered_problems(found)
    return made, []
