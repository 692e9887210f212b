"""Reading the user's text files: UTF-8, an optional byte-order mark, a size cap."""

from __future__ import annotations

import os

from thidua.errors import ThiduaError

_PACKAGE = os.path.dirname(os.path.abspath(__file__))


def packaged_text(*parts: str) -> str:
    """A text file shipped inside the package (e.g. ``"units.toml"``), read as UTF-8.

    Read beside the modules: importlib.resources would add ≈ 15 ms of imports to
    every start-up.
    """
    with open(os.path.join(_PACKAGE, *parts), encoding="utf-8") as file:
        return file.read()


def read_text(
    path: str | os.PathLike[str], *, what: str, max_bytes: int, error: type[ThiduaError]
) -> tuple[str, str]:
    """The file's name as given and its text; problems are ``error`` naming file and line.

    Args:
        path: The file.
        what: What the file is, for messages ("data file", "plan file").
        max_bytes: Larger files are refused before they are read.
        error: The error class to raise (``DataError``, ``PlanError``).
    """
    name = os.fspath(path)
    try:
        if os.stat(name).st_size > max_bytes:
            msg = f"the {what} is larger than {max_bytes} bytes"
            raise error(msg, file=name, hint="split it into smaller files")
        with open(name, "rb") as file:
            raw = file.read()
    except OSError as exc:
        msg = f"cannot read the {what}: {exc.strerror or exc}"
        raise error(msg, file=name, hint="check the path") from None
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return name, raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        msg = f"the {what} is not UTF-8 (byte {raw[exc.start]:#04x})"
        raise error(
            msg,
            file=name,
            line=line,
            column=column,
            hint="save it as UTF-8 (in a spreadsheet: 'CSV UTF-8')",
        ) from None
