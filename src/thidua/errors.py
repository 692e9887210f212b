"""The errors that :mod:`thidua` raises on purpose.

Every one derives from :class:`ThiduaError` and from the matching built-in
exception (``ParseError`` is also a :class:`ValueError`), so callers can catch
either. Errors hold structured fields -- where the problem is (file, line,
column, key path, indicator id, period) and what to do about it -- and build
their one-line message from them in ``__str__``. They pickle.

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from typing import Any

__all__ = [
    "DataError",
    "ExtraNotInstalledError",
    "ParseError",
    "PlanError",
    "ThiduaError",
    "UnitError",
]

_FIELDS = (
    "file",
    "line",
    "column",
    "key",
    "indicator",
    "period",
    "text",
    "position",
    "hint",
    "member",
)


class ThiduaError(Exception):
    """Root of every error :mod:`thidua` raises on purpose.

    Args:
        message: What was wrong, in one sentence.
        file: The file the problem is in, if any.
        line: 1-based line in ``file``.
        column: 1-based column in ``file``.
        key: Key path inside a structured file, e.g. ``groups[0].indicators[2].rule``.
        indicator: The indicator id concerned.
        period: The period concerned, as text.
        text: The text that could not be understood.
        position: 0-based position in ``text`` where the problem starts.
        hint: How to fix it.
        member: The member of a cluster (or org unit evaluated on its own) concerned.
    """

    def __init__(
        self,
        message: str,
        *,
        file: str | None = None,
        line: int | None = None,
        column: int | None = None,
        key: str | None = None,
        indicator: str | None = None,
        period: str | None = None,
        text: str | None = None,
        position: int | None = None,
        hint: str | None = None,
        member: str | None = None,
    ) -> None:
        super().__init__(message)
        #: What was wrong.
        self.message = message
        #: The file the problem is in.
        self.file = file
        #: 1-based line number in :attr:`file`.
        self.line = line
        #: 1-based column number in :attr:`file`.
        self.column = column
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
        #: How to fix it.
        self.hint = hint
        #: The member of a cluster concerned.
        self.member = member

    def located(self, **where: Any) -> ThiduaError:
        """Return a copy of this error with location fields filled in where still empty.

        Used by loaders to add the file and line to an error raised deeper down.
        """
        fields = self._fields()
        for name, value in where.items():
            if name not in _FIELDS:
                msg = f"unknown location field {name!r}"
                raise TypeError(msg)
            if fields.get(name) is None:
                fields[name] = value
        copy = type(self)(self.message, **fields)
        copy.__cause__ = self.__cause__
        return copy

    def _fields(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in _FIELDS}

    def __reduce__(self) -> tuple[Any, ...]:
        return (_rebuild, (type(self), self.message, self._fields()))

    def __str__(self) -> str:
        where = ""
        if self.file is not None:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        parts = []
        if self.member is not None:
            parts.append(f"member {self.member}")
        if self.key is not None:
            parts.append(f"at {self.key}")
        if self.indicator is not None:
            parts.append(f"indicator {self.indicator}")
        if self.period is not None:
            parts.append(f"period {self.period}")
        context = (", ".join(parts) + ": ") if parts else ""
        text = f"{where}{context}{self.message}"
        if self.hint:
            text += f". {self.hint}"
        return text


def _rebuild(cls: type[ThiduaError], message: str, fields: dict[str, Any]) -> ThiduaError:
    return cls(message, **fields)


class ParseError(ThiduaError, ValueError):
    """Text (a rule, a number, a quantity, a period, a value) could not be understood.

    :attr:`text` holds the text and :attr:`position` where the problem starts.
    """


class UnitError(ThiduaError, ValueError):
    """A unit is unknown, or two quantities of different dimensions were compared."""


class DataError(ThiduaError, ValueError):
    """A data file or an observation is wrong (duplicate, negative count, out of bounds)."""


class PlanError(ThiduaError, ValueError):
    """A plan or a plan file is wrong (unknown key, duplicate id, inconsistent rule)."""


class ExtraNotInstalledError(ThiduaError, ImportError):
    """An optional feature needs a package that is not installed."""
