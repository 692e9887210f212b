r"""The errors that :mod:`thidua` raises on purpose.

Every one derives from :class:`ThiduaError` and from the matching built-in
exception (``ParseError`` is also a :class:`ValueError`, ``NotFoundError`` a
:class:`KeyError`), so callers can catch either::

    ThiduaError (Exception)
    ├── ParseError (ValueError)          text that cannot be read
    ├── UnitError (ValueError)           an unknown unit, or units that do not compare
    ├── DataError (ValueError)           a wrong data file, row or observation
    ├── PlanError (ValueError)           a wrong plan, plan file, cluster, scheme or titles file
    ├── UsageError (ValueError)          a call or a command that cannot work as given
    ├── ArgumentTypeError (TypeError)    an argument of the wrong type
    ├── NotFoundError (KeyError)         an id that is not there
    └── ExtraNotInstalledError (ImportError)  an optional package that is missing

Every error has a stable :attr:`~ThiduaError.code` (a dotted name such as
``data.duplicate_observation``) that a program can translate from, holds
structured fields -- where the problem is (file, line, column, sheet and cell,
key path, indicator, period, member) and how to fix it -- and gives its message
in Vietnamese and in English: ``err.message("vi")``, ``err.message("en")``;
``str(err)`` is the English one. Messages never carry a raw control character
from the input: such characters are shown escaped (``\x1b``). Errors pickle.

.. versionadded:: 0.1.0
.. versionchanged:: 0.2.0
   Codes, Vietnamese messages, and the classes UsageError, ArgumentTypeError
   and NotFoundError.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, ClassVar

from thidua._text import first_unsafe, nfc, printable, safe_repr

__all__ = [
    "LANGUAGES",
    "ArgumentTypeError",
    "DataError",
    "ExtraNotInstalledError",
    "NotFoundError",
    "ParseError",
    "PlanError",
    "ThiduaError",
    "UnitError",
    "UsageError",
    "check_language",
    "clean_text",
    "instance_of",
    "not_found",
    "require_type",
    "shown_ids",
    "wrong_type",
]

#: The languages messages are written in.
LANGUAGES = ("vi", "en")

#: The location fields, in the order the message names them.
_FIELDS = (
    "file",
    "line",
    "column",
    "sheet",
    "cell",
    "member",
    "key",
    "indicator",
    "period",
    "text",
    "position",
)

#: How each language names the parts of a location.
_WORDS = {
    "en": {
        "member": "member",
        "key": "at",
        "indicator": "indicator",
        "period": "period",
    },
    "vi": {
        "member": "đơn vị",
        "key": "tại mục",
        "indicator": "chỉ tiêu",
        "period": "kỳ",
    },
}


def check_language(language: object) -> str:
    """``language`` if it is one thidua writes (``"vi"`` or ``"en"``).

    Raises:
        UsageError: Any other value.
    """
    if isinstance(language, str) and language in LANGUAGES:
        return language
    shown = safe_repr(language, limit=60)
    msg = f"language={shown} must be 'vi' or 'en'"
    raise UsageError(
        msg,
        code="usage.language",
        vi=f"ngôn ngữ {shown} không được hỗ trợ: chọn 'vi' hoặc 'en'",
    )


class ThiduaError(Exception):
    """Root of every error :mod:`thidua` raises on purpose.

    Args:
        message: What was wrong, in one English sentence (no location: the
            fields below carry it).
        code: The stable code, a dotted name such as ``rule.unknown_phrase``.
        vi: The same sentence in Vietnamese.
        hint: How to fix it, in English.
        hint_vi: How to fix it, in Vietnamese (given whenever ``hint`` is).
        file: The file the problem is in, if any.
        line: 1-based line in ``file``.
        column: 1-based column in ``file``.
        sheet: The worksheet of a workbook.
        cell: The cell in ``sheet``, e.g. ``C7``.
        member: The member of a cluster (or org unit evaluated on its own) concerned.
        key: Key path inside a structured file, e.g. ``groups[0].indicators[2].rule``.
        indicator: The indicator id concerned.
        period: The period concerned, as text.
        text: The text that could not be understood.
        position: 0-based position in ``text`` where the problem starts.

    >>> err = ThiduaError("the file is empty", code="data.empty", vi="tệp trống", file="a.csv")
    >>> err.message("vi"), str(err)
    ('a.csv: tệp trống', 'a.csv: the file is empty')
    """

    #: A short description of the class, for the docs' error tree.
    kind: ClassVar[str] = "any problem thidua reports"

    def __init__(
        self,
        message: str,
        *,
        code: str,
        vi: str,
        hint: str | None = None,
        hint_vi: str | None = None,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        sheet: str | None = None,
        cell: str | None = None,
        member: str | None = None,
        key: str | None = None,
        indicator: str | None = None,
        period: str | None = None,
        text: str | None = None,
        position: int | None = None,
    ) -> None:
        super().__init__(message)
        #: The stable code of the problem, e.g. ``data.duplicate_observation``.
        self.code = code
        self._what = {"en": message, "vi": vi}
        self._how = None if hint is None else {"en": hint, "vi": hint_vi or hint}
        #: The file the problem is in.
        self.file = file
        #: 1-based line number in :attr:`file`.
        self.line = line
        #: 1-based column number in :attr:`file`.
        self.column = column
        #: The worksheet of a workbook.
        self.sheet = sheet
        #: The cell in :attr:`sheet` (``C7``).
        self.cell = cell
        #: The member of a cluster concerned.
        self.member = member
        #: Key path in a structured file.
        self.key = key
        #: Indicator id concerned.
        self.indicator = indicator
        #: Period concerned.
        self.period = period
        #: The text that could not be understood.
        self.text = text
        #: 0-based position in :attr:`text`.
        self.position = position

    def what(self, language: str = "en") -> str:
        """What was wrong, in ``language`` (``"vi"`` or ``"en"``), without the location."""
        return printable(self._what[check_language(language)])

    def how(self, language: str = "en") -> str | None:
        """How to fix it, in ``language``, or None."""
        if self._how is None:
            return None
        return printable(self._how[check_language(language)])

    @property
    def hint(self) -> str | None:
        """How to fix it, in English."""
        return self.how("en")

    def where(self, language: str = "en") -> str:
        """Where the message begins: e.g. ``data.csv:2:3: indicator KT07:`` and a space."""
        words = _WORDS[check_language(language)]
        where = ""
        if self.file is not None:
            where = self.file
            if self.sheet is not None:
                where += f", {self.sheet}!{self.cell}" if self.cell else f", {self.sheet}"
            elif self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        elif self.sheet is not None:
            where = f"{self.sheet}!{self.cell}: " if self.cell else f"{self.sheet}: "
        parts = [
            f"{words[name]} {getattr(self, name)}"
            for name in ("member", "key", "indicator", "period")
            if getattr(self, name) is not None
        ]
        context = (", ".join(parts) + ": ") if parts else ""
        return printable(where + context)

    def message(self, language: str = "en") -> str:
        """The whole message in ``language``: where, what, and how to fix it.

        >>> err = ThiduaError("x", code="c", vi="y", hint="do z", hint_vi="làm z", line=3)
        >>> err.message("vi")
        'y. làm z'
        """
        text = self.where(language) + self.what(language)
        how = self.how(language)
        return f"{text}. {how}" if how else text

    def located(self, **where: Any) -> ThiduaError:
        """A copy of this error with location fields filled in where still empty.

        Used by loaders to add the file and line to an error raised deeper down.
        """
        fields = self._fields()
        for name, value in where.items():
            if name not in _FIELDS:
                msg = f"unknown location field {name!r}"
                raise TypeError(msg)
            if fields.get(name) is None:
                fields[name] = value
        copy = self._copy(fields)
        copy.__cause__ = self.__cause__
        return copy

    def as_dict(self) -> dict[str, Any]:
        """The error as plain data: code, class, both messages and every location field set.

        >>> ThiduaError("x", code="c", vi="y", line=2).as_dict()
        {'code': 'c', 'error': 'ThiduaError', 'message': {'vi': 'y', 'en': 'x'}, 'line': 2}
        """
        doc: dict[str, Any] = {
            "code": self.code,
            "error": type(self).__name__,
            "message": {language: self.message(language) for language in LANGUAGES},
        }
        doc |= {
            name: printable(value) if isinstance(value, str) else value
            for name, value in self._fields().items()
            if value is not None
        }
        return doc

    def _fields(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _FIELDS}

    def _copy(self, fields: dict[str, Any]) -> ThiduaError:
        how = self._how or {}
        return type(self)(
            self._what["en"],
            code=self.code,
            vi=self._what["vi"],
            hint=how.get("en"),
            hint_vi=how.get("vi"),
            **fields,
        )

    def __reduce__(self) -> tuple[Any, ...]:
        how = self._how or {}
        state = {"code": self.code, "vi": self._what["vi"], "hint": how.get("en")}
        state |= {"hint_vi": how.get("vi")} | self._fields()
        return (_rebuild, (type(self), self._what["en"], state))

    def __str__(self) -> str:
        return self.message("en")

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.code!r}, {self.message('en')!r})"


def _rebuild(cls: type[ThiduaError], message: str, state: dict[str, Any]) -> ThiduaError:
    return cls(message, **state)


class ParseError(ThiduaError, ValueError):
    """Text (a rule, a number, a quantity, a period, a value) could not be understood.

    :attr:`text` holds the text and :attr:`position` where the problem starts.
    """

    kind = "text that cannot be read (a rule, number, quantity, period, date, value)"


class UnitError(ThiduaError, ValueError):
    """A unit is unknown, or two quantities of different dimensions were compared."""

    kind = "an unknown unit, or quantities that do not compare (households with persons)"


class DataError(ThiduaError, ValueError):
    """A data file or an observation is wrong (duplicate, negative count, out of bounds)."""

    kind = "a wrong data file, row or observation"


class PlanError(ThiduaError, ValueError):
    """A plan or a plan file is wrong (unknown key, duplicate id, inconsistent rule).

    Cluster, scheme and titles files raise it too.
    """

    kind = "a wrong plan, plan file, cluster, scheme or titles file"


class UsageError(ThiduaError, ValueError):
    """A call or a command that cannot work as given (options that exclude each other).

    .. versionadded:: 0.2.0
    """

    kind = "a call or command that cannot work as given"


class ArgumentTypeError(ThiduaError, TypeError):
    """An argument of the wrong type (a text where a plan is expected).

    .. versionadded:: 0.2.0
    """

    kind = "an argument of the wrong type"


class NotFoundError(ThiduaError, KeyError):
    """An id (indicator, member, org unit, report, title, example) that is not there.

    Every lookup by id raises it, so ``except KeyError`` works as for a mapping.

    .. versionadded:: 0.2.0
    """

    kind = "an id that is not there"


class ExtraNotInstalledError(ThiduaError, ImportError):
    """An optional feature needs a package that is not installed."""

    kind = "an optional package that is not installed"


def clean_text(
    value: str,
    *,
    what: str,
    what_vi: str,
    multiline: bool = False,
    error: type[ThiduaError] = ParseError,
) -> str:
    """``value`` in NFC, refusing control characters and lone surrogates.

    Args:
        value: Text read from input.
        what: What the text is, in English ("the indicator name"), for the message.
        what_vi: The same in Vietnamese ("tên chỉ tiêu").
        multiline: Whether tab and line breaks are allowed (free text).
        error: The error class to raise.

    Raises:
        ThiduaError: ``error`` with code ``text.control_character``, naming the
            character (escaped) and its position.

    >>> clean_text("Khóm 1", what="a name", what_vi="tên")
    'Khóm 1'
    """
    position = first_unsafe(value, multiline=multiline)
    if position is None:
        return nfc(value)
    shown = printable(value[position])
    msg = f"{what} holds the control character {shown} at position {position + 1}"
    raise error(
        msg,
        code="text.control_character",
        vi=f"{what_vi} chứa ký tự điều khiển {shown} ở vị trí {position + 1}",
        hint="delete it (it is often pasted from another program by mistake)",
        hint_vi="hãy xóa ký tự đó (thường do sao chép nhầm từ chương trình khác)",
        text=printable(value),
        position=position,
    )


def wrong_type(name: str, value: object, expected: str, expected_vi: str) -> ArgumentTypeError:
    """The error for argument ``name`` given a ``value`` of the wrong type.

    Args:
        name: The argument's name (``plan``).
        value: What was given; the message names its type.
        expected: What it must be, in English (``a Plan (see load_plan)``).
        expected_vi: The same in Vietnamese.

    >>> wrong_type("plan", "p.toml", "a Plan", "một Plan").message("vi")
    'tham số plan= phải là một Plan, không phải str'
    """
    given = printable(type(value).__name__)
    return ArgumentTypeError(
        f"{name}= must be {expected}, not {given}",
        code="argument.type",
        vi=f"tham số {name}= phải là {expected_vi}, không phải {given}",
    )


def require_type(
    value: object, kind: type | tuple[type, ...], name: str, expected: str, expected_vi: str
) -> None:
    """Refuse an argument that is not an instance of ``kind`` (a bool is no int).

    Raises:
        ArgumentTypeError: Code ``argument.type``, naming the argument and the type given.
    """
    if isinstance(value, kind) and not (isinstance(value, bool) and kind is int):
        return
    raise wrong_type(name, value, expected, expected_vi)


def instance_of(
    kind: type | tuple[type, ...], expected: str, expected_vi: str
) -> Callable[[Any, Any, Any], None]:
    """An attrs validator as ``attrs.validators.instance_of``, raising :class:`ArgumentTypeError`.

    attrs' own raises a bare TypeError whose message is built from ``repr(value)``
    (which fails for a number of 5,000 digits); this one names the field and the
    type given, in both languages.
    """

    def check(instance: Any, attribute: Any, value: Any) -> None:
        require_type(value, kind, attribute.name, expected, expected_vi)

    return check


def shown_ids(ids: Iterable[str], limit: int = 12) -> str:
    """Ids for a hint: the first ``limit`` of them, then how many more."""
    listed = list(ids)
    shown = ", ".join(listed[:limit])
    return shown + (f" (+{len(listed) - limit})" if len(listed) > limit else "")


def not_found(
    key: object, known: Iterable[str], what: str, what_vi: str, **where: Any
) -> NotFoundError:
    """The error of a lookup by id that finds nothing (``what``: ``indicator``, ``member``…)."""
    listed = shown_ids(known)
    shown = safe_repr(key, limit=60)
    return NotFoundError(
        f"there is no {what} {shown}",
        code=f"{what.replace(' ', '_')}.not_found",
        vi=f"không có {what_vi} {shown}",
        hint=f"known: {listed}" if listed else None,
        hint_vi=f"các mã hiện có: {listed}" if listed else None,
        **where,
    )
