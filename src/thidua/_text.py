r"""Text as thidua keeps and shows it: NFC, case folding, and no raw control characters.

Vietnamese text is data: it is normalised to NFC on input and never
transliterated. Every lookup of an id or a name (indicators, org units, cluster
members, units, ratings, titles, the words of periods) keys on :func:`fold`, so
``Khóm 1``, ``KHÓM 1`` and ``khóm  1`` in NFD are one name everywhere; a reader
that needs a variant builds it from the same primitives (:func:`nfc`,
:func:`caseless`, :func:`squeeze`), e.g. :func:`fold_column` for the columns
of a data file. Control characters (C0, DEL, C1), the bidirectional overrides
that can make a text display as something else, and lone surrogates are never
kept from input (:func:`first_unsafe` finds them, the readers refuse them) and
never written raw: :func:`printable` shows them escaped (``\x1b``).

This module imports nothing of thidua's, so that every layer may use it.
"""

from __future__ import annotations

import re
import unicodedata
from decimal import Decimal
from fractions import Fraction

__all__ = [
    "caseless",
    "first_unsafe",
    "fold",
    "fold_column",
    "nfc",
    "printable",
    "safe_for_xml",
    "safe_repr",
    "squeeze",
]

#: Characters never kept from input nor written raw: C0 (but tab, line feed and
#: carriage return, which :func:`first_unsafe` allows in free text), DEL, C1, the
#: bidirectional embeddings, overrides and isolates, the line and paragraph
#: separators, and lone surrogates.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_IN_TEXT = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def _escape(match: re.Match[str]) -> str:
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: str, *, keep: str = "") -> str:
    r"""``text`` with every unsafe character shown escaped (``\x1b``, ``\u202e``).

    Args:
        text: Any text.
        keep: Characters to leave as they are (``"\t\n"`` where a format allows them).

    >>> printable("K1\x1b[2J")
    'K1\\x1b[2J'
    >>> printable("a\tb\nc", keep="\t\n")
    'a\tb\nc'
    """
    if _UNSAFE.search(text) is None:  # the common case: nothing to do
        return text
    if not keep:
        return _UNSAFE.sub(_escape, text)
    return _UNSAFE.sub(lambda m: m[0] if m[0] in keep else _escape(m), text)


def safe_repr(value: object, limit: int | None = None) -> str:
    """``repr(value)`` for a message, whatever ``value`` is: escaped, never failing.

    A number too large to print (Python refuses ints of more than 4,300 digits)
    is described by its size, and an object whose ``repr`` fails by its type;
    with ``limit``, a longer result is cut short with ``…``.

    >>> safe_repr(10**5000)
    '<int of about 5001 digits>'
    >>> safe_repr("abcdef" * 20, limit=10)
    "'abcdefabc…"
    """
    big = None
    if isinstance(value, int | Fraction) and not isinstance(value, bool):
        bits = max(abs(value.numerator).bit_length(), value.denominator.bit_length())
        big = bits * 30103 // 100000 + 1 if bits > 400 else None
    elif isinstance(value, Decimal) and not isinstance(value.as_tuple().exponent, str):
        digits = len(value.as_tuple().digits) + abs(int(value.as_tuple().exponent))
        big = digits if digits > 400 else None
    if big is not None:
        return f"<{printable(type(value).__name__)} of about {big} digits>"
    try:
        text = repr(value)
        if not isinstance(text, str):
            raise TypeError
    except Exception:
        return f"<{printable(type(value).__name__)}>"
    if limit is not None and len(text) > limit:
        text = text[:limit] + "…"
    return printable(text)


def safe_for_xml(text: str) -> str:
    """``text`` escaped as :func:`printable` does, keeping tab and line breaks (xlsx, docx)."""
    return printable(text, keep="\t\n\r")


def first_unsafe(text: str, *, multiline: bool = False) -> int | None:
    """The position of the first character thidua refuses in input, or None.

    Args:
        text: The text read.
        multiline: Whether tab, line feed and carriage return are allowed (free text
            such as notes and purposes); in names and ids they are refused too.
    """
    match = (_UNSAFE_IN_TEXT if multiline else _UNSAFE).search(text)
    return None if match is None else match.start()


def nfc(text: str) -> str:
    """``text`` in Unicode normal form C (composed: ``ộ`` is one character)."""
    return text if text.isascii() else unicodedata.normalize("NFC", text)


def caseless(text: str) -> str:
    """``text`` in NFC, case-folded; its spacing kept.

    >>> caseless("KHÓM  1") == caseless("khóm  1")
    True
    """
    if text.isascii():  # ASCII: lower() is casefold(), and NFC changes nothing
        return text.lower()
    return nfc(text).casefold()


def squeeze(text: str) -> str:
    r"""``text`` with every run of white space one space, and none at either end.

    >>> squeeze(" a \t b\n")
    'a b'
    """
    return " ".join(text.split())


def fold(text: str) -> str:
    """The lookup key of an id or a name: NFC, case-folded, single spaces.

    Two texts are the same id or name when their keys are equal: the case, the
    Unicode form (NFC or NFD) and the spacing do not matter; accents do. It is
    ``squeeze(caseless(text))``, written out for speed (lookups are hot).

    >>> fold("  Khóm   1 ") == fold("KHÓM 1")
    True
    >>> fold("Khóm 1") == fold("Khom 1")
    False
    """
    if text.isascii():  # the common case (P1, U00001, K2): nothing to normalise
        return " ".join(text.lower().split())
    return " ".join(nfc(text).casefold().split())


def fold_column(text: str) -> str:
    """The key of a column's name in a data file: :func:`fold`, spaces written ``_``.

    >>> fold_column(" Org  Unit "), fold_column("ORG_UNIT")
    ('org_unit', 'org_unit')
    """
    return fold(text).replace(" ", "_")
