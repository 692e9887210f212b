"""Reading the user's text files: UTF-8, an optional byte-order mark, a size cap.

Every problem is an error of the class the reader asks for (``DataError``,
``PlanError``) with one of the codes shared by every file reader:

* ``file.unreadable``: the file cannot be opened or read (it does not exist, it
  is a folder, permissions);
* ``file.too_large``: the file is larger than the reader's cap;
* ``file.encoding``: the file is in another encoding; the error names the
  line and column of the first byte that is not UTF-8.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable, Iterator
from typing import IO

from thidua._text import printable
from thidua.errors import ArgumentTypeError, ThiduaError

_PACKAGE = os.path.dirname(os.path.abspath(__file__))
_BOM = b"\xef\xbb\xbf"
#: One line as universal newlines split it (``\n``, ``\r\n`` or a lone ``\r``).
_LINE = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+")
#: How many bytes a file is read by at a time (whole lines are decoded together).
_BLOCK = 1 << 16
#: How each file a reader names is called in Vietnamese.
_WHAT_VI = {
    "data file": "tệp số liệu",
    "plan file": "tệp kế hoạch",
    "cluster": "tệp cụm thi đua",
    "scoring scheme": "tệp thang điểm",
    "titles": "tệp danh hiệu",
    "TOML text": "nội dung TOML",
    "plan document": "văn bản kế hoạch",
}


def packaged_text(*parts: str) -> str:
    """A text file shipped inside the package (e.g. ``"units.toml"``), read as UTF-8.

    Read beside the modules: importlib.resources would add ≈ 15 ms of imports to
    every start-up.
    """
    with open(os.path.join(_PACKAGE, *parts), encoding="utf-8") as file:
        return file.read()


#: The operating system's usual reasons, in Vietnamese (by errno name).
_OS_REASONS_VI = {
    "ENOENT": "không có tệp hoặc thư mục này",
    "EACCES": "không có quyền truy cập",
    "EPERM": "không có quyền truy cập",
    "EISDIR": "đây là một thư mục, không phải tệp",
    "ENOTDIR": "một phần của đường dẫn không phải là thư mục",
    "ENAMETOOLONG": "tên tệp quá dài",
    "ENOSPC": "ổ đĩa đã đầy",
    "EROFS": "ổ đĩa chỉ cho phép đọc",
    "EEXIST": "tệp đã có",
}


def os_reason_vi(exc: BaseException, reason: str) -> str:
    """The reason ``exc`` gives (shown as ``reason`` in English), in Vietnamese where known.

    >>> os_reason_vi(FileNotFoundError(2, "No such file or directory"), "No such file or directory")
    'không có tệp hoặc thư mục này'
    """
    name = errno.errorcode.get(getattr(exc, "errno", None) or 0)
    return _OS_REASONS_VI.get(name or "", reason)


def _what_vi(what: str) -> str:
    return _WHAT_VI.get(what, f"tệp {what}")


def file_name(path: object) -> str:
    """The file name of ``path`` (a ``str`` or an :class:`os.PathLike` of text).

    Raises:
        ArgumentTypeError: ``path`` is anything else (code ``argument.type``).
    """
    name = os.fspath(path) if isinstance(path, str | os.PathLike) else None
    if not isinstance(name, str):
        given = printable(type(path).__name__)
        msg = f"path= must be a file path (str or pathlib.Path), not {given}"
        raise ArgumentTypeError(
            msg,
            code="argument.type",
            vi=f"tham số path= phải là đường dẫn tệp (str hoặc pathlib.Path), không phải {given}",
        )
    return name


def too_large(name: str, *, what: str, max_bytes: int, error: type[ThiduaError]) -> ThiduaError:
    """The error for a file larger than ``max_bytes``."""
    shown = f"{max_bytes:,}"
    return error(
        f"the {what} is larger than {shown} bytes",
        code="file.too_large",
        vi=f"{_what_vi(what)} lớn hơn {shown.replace(',', '.')} byte",
        hint="split it into smaller files",
        hint_vi="hãy chia thành nhiều tệp nhỏ hơn",
        file=name,
    )


def unreadable(
    exc: OSError | ValueError, name: str, *, what: str, error: type[ThiduaError]
) -> ThiduaError:
    """The error for a file the system would not let us read (``file.unreadable``)."""
    reason = printable(str(getattr(exc, "strerror", None) or exc))
    msg = f"cannot read the {what}: {reason}"
    return error(
        msg,
        code="file.unreadable",
        vi=f"không đọc được {_what_vi(what)}: {os_reason_vi(exc, reason)}",
        hint="check the path",
        hint_vi="hãy kiểm tra lại đường dẫn và tên tệp",
        file=name,
    )


def open_binary(
    path: object, *, what: str, max_bytes: int, error: type[ThiduaError]
) -> tuple[str, IO[bytes]]:
    """The file's name as given and the file, open for reading bytes.

    Raises:
        ArgumentTypeError: ``path`` is not a path.
        ThiduaError: ``error``: the file cannot be read (``file.unreadable``) or is
            larger than ``max_bytes`` (``file.too_large``).
    """
    name = file_name(path)
    try:
        # Opened without blocking, so that a named pipe nobody writes to reads as
        # empty instead of waiting forever; then read as any file.
        fd = os.open(name, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        try:
            info = os.fstat(fd)
            if stat.S_ISDIR(info.st_mode):
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR))
            if info.st_size > max_bytes:
                raise too_large(name, what=what, max_bytes=max_bytes, error=error)
            os.set_blocking(fd, True)
            return name, os.fdopen(fd, "rb")
        except BaseException:
            os.close(fd)
            raise
    except ThiduaError:  # too large: a ValueError too, but not a reason it is unreadable
        raise
    except (OSError, ValueError) as exc:  # ValueError: a NUL or a lone surrogate in the path
        raise unreadable(exc, name, what=what, error=error) from None


def _not_utf8(
    raw: bytes, start: int, *, name: str, line: int, what: str, error: type[ThiduaError]
) -> ThiduaError:
    """The error for the byte at ``start`` of ``raw`` (which begins ``line``), not UTF-8."""
    before = raw[:start]
    breaks = before.count(b"\n") + before.replace(b"\r\n", b"").count(b"\r")
    begins = max(before.rfind(b"\n"), before.rfind(b"\r")) + 1
    column = len(before[begins:].decode("utf-8", "replace")) + 1
    byte = f"{raw[start]:#04x}"
    return error(
        f"the {what} is not UTF-8 (byte {byte})",
        code="file.encoding",
        vi=f"{_what_vi(what)} không được lưu theo bảng mã UTF-8 (byte {byte})",
        hint="save it as UTF-8 (in a spreadsheet: 'CSV UTF-8')",
        hint_vi="hãy lưu lại tệp theo bảng mã UTF-8 (trong Excel: chọn kiểu 'CSV UTF-8')",
        file=name,
        line=line + breaks,
        column=column,
    )


def decode(raw: bytes, *, name: str, what: str, error: type[ThiduaError]) -> str:
    """``raw`` as UTF-8 text, without a byte-order mark.

    Raises:
        ThiduaError: ``error`` with code ``file.encoding``, naming line and column.
    """
    raw = raw.removeprefix(_BOM)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise _not_utf8(raw, exc.start, name=name, line=1, what=what, error=error) from None


def decoded_lines(
    handle: IO[bytes],
    *,
    name: str,
    what: str,
    max_bytes: int,
    error: type[ThiduaError],
    nul: Callable[[int], ThiduaError] | None = None,
) -> Iterator[str]:
    """The lines of a binary file, decoded, as universal newlines split them.

    Each line keeps its line break (as ``open(..., newline="")`` gives it), so the
    lines feed :func:`csv.reader`, which counts them. The file is read and decoded
    a block of whole lines at a time (64 KiB, or the longest line): a
    file costs no more memory than that.

    Args:
        handle: The file, open for reading bytes.
        name: Its name, for messages.
        what: What the file is, for messages.
        max_bytes: Largest size read.
        error: The error class to raise.
        nul: If given, a line with a NUL character raises ``nul(line number)``.

    Raises:
        ThiduaError: ``error``: a byte is not UTF-8 (``file.encoding``, with the
            line and column), or the file grew past ``max_bytes`` (``file.too_large``);
            or what ``nul`` returns.
    """
    number = 0  # lines yielded so far
    size = 0
    carry = bytearray()  # the start of a line that goes on in the next block (grows in place)
    first = True
    while True:
        block = handle.read(min(_BLOCK, max_bytes - size + 1))  # bounded: a device has no end
        size += len(block)
        if size > max_bytes:
            raise too_large(name, what=what, max_bytes=max_bytes, error=error)
        if block:  # whole lines now, the rest with the next block (a character may be cut)
            cut = block.rfind(b"\n") + 1
            if not cut:
                carry += block  # no line ends here: linear however long the line
                continue
            raw = bytes(carry) + block[:cut]
            carry = bytearray(block[cut:])
        else:
            raw, carry = bytes(carry), bytearray()
        if first:
            raw, first = raw.removeprefix(_BOM), False
        if raw:
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise _not_utf8(
                    raw, exc.start, name=name, line=number + 1, what=what, error=error
                ) from None
            if nul is not None and "\x00" in text:
                before = text[: text.index("\x00")]
                raise nul(number + 1 + len(_LINE.findall(before + "x")) - 1)
            if "\r" in text:  # a lone CR ends a line too
                lines = _LINE.findall(text)
            else:
                lines = text.split("\n")
                last = lines.pop()
                lines = [line + "\n" for line in lines]
                if last:
                    lines.append(last)
            number += len(lines)
            yield from lines
        if not block:
            return


def text_lines(text: str) -> Iterator[str]:
    """The lines of ``text``, each with its line break, as universal newlines split them.

    Unlike :class:`io.StringIO`, which copies the text at four bytes a character,
    this holds nothing but the line it gives.
    """
    if "\r" in text:
        for match in _LINE.finditer(text):
            yield match[0]
        return
    find = text.find
    start = 0
    end = len(text)
    while start < end:
        stop = find("\n", start)
        if stop < 0:
            yield text[start:]
            return
        yield text[start : stop + 1]
        start = stop + 1


def read_text(
    path: str | os.PathLike[str], *, what: str, max_bytes: int, error: type[ThiduaError]
) -> tuple[str, str]:
    """The file's name as given and its text; problems are ``error`` naming file and line.

    Args:
        path: The file.
        what: What the file is, for messages ("data file", "plan file").
        max_bytes: Larger files are refused before they are read.
        error: The error class to raise (``DataError``, ``PlanError``).

    Raises:
        ArgumentTypeError: ``path`` is not a path.
        ThiduaError: ``error``, with code ``file.unreadable``, ``file.too_large`` or
            ``file.encoding``.
    """
    name, handle = open_binary(path, what=what, max_bytes=max_bytes, error=error)
    try:
        with handle:
            raw = handle.read(max_bytes + 1)
    except OSError as exc:  # a folder, or a read error after opening
        raise unreadable(exc, name, what=what, error=error) from None
    if len(raw) > max_bytes:
        raise too_large(name, what=what, max_bytes=max_bytes, error=error)
    return name, decode(raw, name=name, what=what, error=error)
