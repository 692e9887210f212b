"""Reading a file by blocks of whole lines gives the lines and errors line by line reading gave."""

from __future__ import annotations

import io

import pytest

from thidua import _files
from thidua.errors import DataError


def _lines(raw: bytes, **kw: object) -> list[str]:
    return list(
        _files.decoded_lines(
            io.BytesIO(raw), name="f.csv", what="data file", max_bytes=10**9, error=DataError, **kw
        )
    )


@pytest.mark.parametrize("ending", ["\n", "\r\n", "\r"])
def test_lines_across_block_boundaries_keep_their_breaks(ending: str) -> None:
    """Lines of Vietnamese text across the 1 MiB boundary come back whole, breaks kept."""
    line = 'KT01,2024,"3,2 tỷ đồng",Khóm 1' + ending
    raw = ("\ufeff" + line * 40_000).encode("utf-8")  # > 1 MiB, multibyte characters
    assert len(raw) > _files._BLOCK
    got = _lines(raw)
    assert got == [line] * 40_000
    assert "".join(got) == raw.decode("utf-8").removeprefix("\ufeff")


def test_a_last_line_without_a_break() -> None:
    """The last line may lack its break."""
    assert _lines(b"a,b\nc,d") == ["a,b\n", "c,d"]
    assert _lines(b"") == []


def test_errors_name_the_line_in_a_later_block() -> None:
    """A byte that is not UTF-8, or a NUL, far into the file is reported at its own line."""
    body = b"x,y\n" * 300_000  # 1.2 MB: the problem lies in a later block
    with pytest.raises(DataError) as info:
        _lines(body + b"bad \xff\n")
    assert info.value.code == "file.encoding"
    assert info.value.line == 300_001
    with pytest.raises(DataError) as info:
        _lines(
            body + b"a\rb\x00\n", nul=lambda n: DataError("nul", code="data.nul", vi="nul", line=n)
        )
    assert info.value.line == 300_002  # the lone CR ends line 300,001
