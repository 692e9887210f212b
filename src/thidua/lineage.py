"""Lineage: which units were merged into which, and since when (the 2025 reform).

Since 1 July 2025 communes, wards, khóm and ấp were merged. A merged unit (the
*successor*) keeps the code of the predecessor that hosts its committee; the
other codes (its *predecessors*) are closed and never reused. A figure of the
successor for a period that starts before its date is composed from its
predecessors' figures (see :doc:`/after-merger-vi`).

A lineage is given by the units themselves (``Member(..., predecessors=("P2",
"MT"), since="2025-07-01")``, the same on an ``OrgUnit``), or as a CSV file
read by :func:`load_lineage`::

    successor,predecessor,date,share
    P1,P2,2025-07-01,
    P1,MT,2025-07-01,
    P3,X4,2025-07-01,1/3
    P5,X4,2025-07-01,2/3

``share`` is needed only where a predecessor was divided among successors;
the shares of one predecessor must then sum to exactly 1.

.. versionadded:: 0.4.0
"""

from __future__ import annotations

import csv
import datetime as dt
import os
from collections.abc import Iterable, Iterator, Mapping
from fractions import Fraction
from typing import Any, Protocol

import attrs

from thidua._files import read_text, text_lines
from thidua._text import first_unsafe, fold, nfc, safe_repr
from thidua.errors import DataError, ThiduaError
from thidua.numbers import to_fraction
from thidua.periods import parse_date

__all__ = [
    "MAX_LINEAGE_BYTES",
    "Lineage",
    "Link",
    "load_lineage",
    "loads_lineage",
]

#: Largest lineage file read (bytes).
MAX_LINEAGE_BYTES = 4 * 1024 * 1024

#: The columns of a lineage file, in order (``share`` is optional).
COLUMNS = ("successor", "predecessor", "date", "share")


def _error(message: str, code: str, vi: str, hint: str, hint_vi: str, **where: Any) -> DataError:
    return DataError(message, code=code, vi=vi, hint=hint, hint_vi=hint_vi, **where)


def unit_id(value: object, what: str = "the unit id", what_vi: str = "mã đơn vị") -> str:
    """A unit's id from a lineage: NFC text, not empty, without spaces or ``/``.

    Raises:
        DataError: Not text, empty, or with spaces, ``/`` or control characters
            (code ``lineage.bad_id``).

    .. versionadded:: 0.4.0
    """
    found = nfc(value).strip() if isinstance(value, str) else None
    if (
        found is None
        or not found
        or any(c.isspace() for c in found)
        or "/" in found
        or first_unsafe(found) is not None
    ):
        shown = safe_repr(value, limit=60)
        return_msg = f"{what} {shown} must be a non-empty text without spaces or '/'"
        raise _error(
            return_msg,
            "lineage.bad_id",
            f"{what_vi} {shown} phải là chữ, không để trống, không có dấu cách hay dấu '/'",
            "use the unit's code, such as P1",
            "hãy dùng mã của đơn vị, ví dụ P1",
        )
    return found


def merger_date(value: dt.date | str) -> dt.date:
    """The date of a merger (``2025-07-01``, ``01/07/2025``, a :class:`datetime.date`).

    Raises:
        DataError: The date cannot be read (code ``lineage.bad_date``).

    .. versionadded:: 0.4.0
    """
    try:
        return parse_date(value)
    except ThiduaError as exc:
        shown = safe_repr(value, limit=60)
        msg = f"the merger date {shown} cannot be read ({exc.what('en')})"
        raise _error(
            msg,
            "lineage.bad_date",
            f"không đọc được ngày sáp nhập {shown} ({exc.what('vi')})",
            "write the date such as 2025-07-01 or 01/07/2025",
            "hãy ghi ngày như 2025-07-01 hoặc 01/07/2025",
        ) from None


def _share(value: object) -> Fraction | None:
    if value is None:
        return None
    if isinstance(value, str):
        text = value.strip().replace(" ", "")
        if not text:
            return None
        try:
            if "/" in text:
                top, _, bottom = text.partition("/")
                share = to_fraction(top, what="share") / to_fraction(bottom, what="share")
            elif text.endswith("%"):
                share = to_fraction(text[:-1], what="share") / 100
            else:
                share = to_fraction(text, what="share")
        except (ThiduaError, ZeroDivisionError):
            share = Fraction(-1)
    elif isinstance(value, int | Fraction) and not isinstance(value, bool):
        share = Fraction(value)
    else:
        share = Fraction(-1)
    if not 0 < share <= 1:
        shown = safe_repr(value, limit=60)
        msg = f"the share {shown} must be a number above 0 and at most 1, such as 1/3"
        raise _error(
            msg,
            "lineage.bad_share",
            f"tỷ lệ chia {shown} phải là một số lớn hơn 0 và không quá 1, ví dụ 1/3",
            "write the share exactly, such as 1/3 or 0.5 or 50%",
            "hãy ghi tỷ lệ chính xác, ví dụ 1/3, 0,5 hay 50%",
        )
    return share


@attrs.frozen
class Link:
    """One predecessor of one successor: ``predecessor`` is part of ``successor`` since ``since``.

    .. versionadded:: 0.4.0
    """

    #: The successor's id (the merged unit; it keeps its host's code).
    successor: str = attrs.field(converter=unit_id)
    #: The predecessor's id (a closed code).
    predecessor: str = attrs.field(converter=unit_id)
    #: The day the successor exists from (the predecessor's figures cover the time before).
    since: dt.date = attrs.field(converter=merger_date)
    #: The predecessor's share in the successor, where it was divided (exact); None: whole.
    share: Fraction | None = attrs.field(default=None, converter=_share, kw_only=True)
    #: Where the link was read (file, line), for messages.
    where: Mapping[str, Any] = attrs.field(
        factory=dict, kw_only=True, eq=False, repr=False, converter=dict
    )


def _links(value: object) -> tuple[Link, ...]:
    if not isinstance(value, Iterable) or isinstance(value, str | bytes):
        shown = safe_repr(value, limit=60)
        msg = f"the lineage's links must be a list of Link, not {shown}"
        raise _error(
            msg,
            "lineage.bad_links",
            f"các liên kết của lineage phải là một danh sách Link, không phải {shown}",
            "use load_lineage, or give Link objects",
            "hãy dùng load_lineage, hoặc truyền các đối tượng Link",
        )
    links = tuple(value)
    for link in links:
        if not isinstance(link, Link):
            shown = safe_repr(link, limit=60)
            msg = f"a lineage link must be a Link, not {shown}"
            raise _error(
                msg,
                "lineage.bad_links",
                f"mỗi liên kết của lineage phải là một Link, không phải {shown}",
                "use load_lineage, or give Link objects",
                "hãy dùng load_lineage, hoặc truyền các đối tượng Link",
            )
    return links


def _names(value: object) -> tuple[tuple[str, str], ...]:
    if isinstance(value, tuple) and all(isinstance(p, tuple) and len(p) == 2 for p in value):
        value = dict(value)
    if not isinstance(value, Mapping) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        shown = safe_repr(value, limit=60)
        msg = f"the lineage's names must map ids to names, not {shown}"
        raise _error(
            msg,
            "lineage.bad_names",
            f"tên trong lineage phải là một bảng mã → tên, không phải {shown}",
            "give names such as {'MT': 'xã Mỹ Tân'}",
            "hãy ghi tên như {'MT': 'xã Mỹ Tân'}",
        )
    out = []
    for key, name in value.items():
        text = nfc(name).strip()
        if not text or first_unsafe(text) is not None:
            shown = safe_repr(name, limit=60)
            msg = f"the name {shown} of {safe_repr(key, limit=60)} must be a non-empty text"
            raise _error(
                msg,
                "lineage.bad_names",
                f"tên {shown} của {safe_repr(key, limit=60)} phải là chữ, không để trống",
                "give names such as {'MT': 'xã Mỹ Tân'}",
                "hãy ghi tên như {'MT': 'xã Mỹ Tân'}",
            )
        out.append((unit_id(key), text))
    return tuple(out)


@attrs.frozen
class Lineage:
    r"""Which units were merged into which, since when, and in what shares.

    Raises:
        DataError: A successor is its own predecessor (``lineage.self_predecessor``),
            a successor has two dates (``lineage.two_dates``), a link is given twice
            (``lineage.duplicate``), the lineage has a cycle (``lineage.cycle``), a
            predecessor is named by two successors without shares
            (``lineage.split_without_shares``), the shares of a predecessor do
            not sum to 1 (``lineage.shares``), or a closed code absorbs another on
            or after the day it closed (``lineage.closed_successor``: a closed
            code is never reused). Each names the file and line where the link
            was read.

    >>> lineage = loads_lineage("successor,predecessor,date\nP1,P2,2025-07-01\n")
    >>> lineage.predecessors("P1"), lineage.since("P1")
    (('P2',), datetime.date(2025, 7, 1))

    .. versionadded:: 0.4.0
    """

    #: The links, in the order given.
    links: tuple[Link, ...] = attrs.field(default=(), converter=_links)
    #: Names of the units (id → name, e.g. ``{"MT": "xã Mỹ Tân"}``) for the
    #: explanations; a unit without one is shown by its id.
    names: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_names, kw_only=True)

    def __attrs_post_init__(self) -> None:
        _check(self.links)

    def __iter__(self) -> Iterator[Link]:
        return iter(self.links)

    def __len__(self) -> int:
        return len(self.links)

    @property
    def successors(self) -> tuple[str, ...]:
        """The successors' ids, in the order first given."""
        return tuple(dict.fromkeys(link.successor for link in self.links))

    def links_of(self, successor: str) -> tuple[Link, ...]:
        """The links of one successor (none if it is not one)."""
        key = fold(successor) if isinstance(successor, str) else None
        return tuple(link for link in self.links if fold(link.successor) == key)

    def predecessors(self, successor: str) -> tuple[str, ...]:
        """The predecessors' ids of one successor (none if it is not one)."""
        return tuple(link.predecessor for link in self.links_of(successor))

    def since(self, successor: str) -> dt.date | None:
        """The date one successor exists from, or None if it is not one."""
        links = self.links_of(successor)
        return links[0].since if links else None

    def closed(self, unit: str) -> dt.date | None:
        """The date a predecessor's code closed (its earliest successor's date), or None."""
        key = fold(unit) if isinstance(unit, str) else None
        dates = [link.since for link in self.links if fold(link.predecessor) == key]
        return min(dates) if dates else None

    def name(self, unit: str) -> str:
        """The name of a unit for explanations: from :attr:`names`, else its id."""
        key = fold(unit)
        return next((name for i, name in self.names if fold(i) == key), unit)

    def with_names(self, names: Mapping[str, str]) -> Lineage:
        """This lineage with names for its units (``{"MT": "xã Mỹ Tân"}``) added."""
        return Lineage(self.links, names={**dict(self.names), **names})

    def merged(self, other: Lineage) -> Lineage:
        """This lineage and ``other``'s links together (links in both kept once), checked."""
        known = set(self.links)
        return Lineage(
            (*self.links, *(link for link in other.links if link not in known)),
            names={**dict(self.names), **dict(other.names)},
        )


def _check(links: tuple[Link, ...]) -> None:
    dates: dict[str, Link] = {}
    seen: set[tuple[str, str]] = set()
    by_predecessor: dict[str, list[Link]] = {}
    graph: dict[str, list[Link]] = {}
    for link in links:
        successor, predecessor = fold(link.successor), fold(link.predecessor)
        where = dict(link.where)
        if successor == predecessor:
            msg = f"{link.successor} is named as its own predecessor"
            raise _error(
                msg,
                "lineage.self_predecessor",
                f"{link.successor} được ghi là tiền thân của chính nó",
                "a successor keeps its host's code: list only the closed codes as predecessors",
                "đơn vị mới giữ mã của đơn vị đặt trụ sở: chỉ ghi các mã đã đóng là tiền thân",
                **where,
            )
        if (successor, predecessor) in seen:
            msg = f"{link.predecessor} is given twice as a predecessor of {link.successor}"
            raise _error(
                msg,
                "lineage.duplicate",
                f"{link.predecessor} được ghi hai lần là tiền thân của {link.successor}",
                "keep one of the two rows",
                "hãy giữ lại một trong hai dòng",
                **where,
            )
        seen.add((successor, predecessor))
        first = dates.setdefault(successor, link)
        if first.since != link.since:
            msg = (
                f"{link.successor} is given two dates, {first.since.isoformat()} "
                f"and {link.since.isoformat()}"
            )
            raise _error(
                msg,
                "lineage.two_dates",
                f"{link.successor} có hai ngày sáp nhập, {first.since:%d/%m/%Y} "
                f"và {link.since:%d/%m/%Y}",
                "give every predecessor of a successor the same date",
                "hãy ghi cùng một ngày cho mọi tiền thân của một đơn vị",
                **where,
            )
        by_predecessor.setdefault(predecessor, []).append(link)
        graph.setdefault(successor, []).append(link)
    for named in by_predecessor.values():
        _check_shares(named)
    _check_cycles(graph)
    _check_closed_successors(graph, by_predecessor)


def _check_closed_successors(
    graph: dict[str, list[Link]], by_predecessor: dict[str, list[Link]]
) -> None:
    """Refuse a code that absorbs another on or after the day it was itself closed."""
    for successor, links in graph.items():
        closing = by_predecessor.get(successor)
        if not closing:
            continue
        closed = min(closing, key=lambda link: link.since)
        link = links[0]
        if link.since < closed.since:
            continue
        msg = (
            f"{link.successor} absorbs {link.predecessor} on {link.since.isoformat()}, but its "
            f"code was closed on {closed.since.isoformat()} (merged into {closed.successor})"
        )
        raise _error(
            msg,
            "lineage.closed_successor",
            f"{link.successor} nhận {link.predecessor} từ ngày {link.since:%d/%m/%Y}, nhưng mã "
            f"{link.successor} đã đóng từ ngày {closed.since:%d/%m/%Y} (sáp nhập vào "
            f"{closed.successor})",
            "a closed code is never reused: give the unit that absorbed "
            f"{link.predecessor} under its own code, or check the dates",
            "mã đã đóng không bao giờ được dùng lại: hãy ghi đơn vị nhận "
            f"{link.predecessor} theo mã của nó, hoặc kiểm tra lại các ngày",
            **dict(link.where or closed.where),
        )


def _check_shares(named: list[Link]) -> None:
    last = named[-1]
    where = dict(last.where)
    shares = [link.share for link in named]
    if len(named) > 1 and any(share is None for share in shares):
        heirs = ", ".join(link.successor for link in named)
        msg = (
            f"{last.predecessor} is a predecessor of {heirs}, "
            "but the file does not give the share of each"
        )
        raise _error(
            msg,
            "lineage.split_without_shares",
            f"{last.predecessor} là tiền thân của {heirs}, nhưng tệp không ghi tỷ lệ chia cho mỗi"
            " đơn vị",
            "give the share column for each successor of a divided unit (they sum to 1)",
            "hãy ghi cột share cho từng đơn vị nhận phần của đơn vị bị chia (tổng bằng 1)",
            **where,
        )
    total = sum((share for share in shares if share is not None), Fraction(0))
    if any(share is not None for share in shares) and total != 1:
        msg = f"the shares of {last.predecessor} sum to {total}, not 1"
        raise _error(
            msg,
            "lineage.shares",
            f"tổng tỷ lệ chia của {last.predecessor} là {total}, không phải 1",
            "make the shares of each divided unit sum to exactly 1 (write 1/3, not 0.33)",
            "hãy cho tổng tỷ lệ chia của mỗi đơn vị bằng đúng 1 (ghi 1/3, không ghi 0,33)",
            **where,
        )


def _check_cycles(graph: dict[str, list[Link]]) -> None:
    """Refuse a successor that is (through others) its own predecessor: iterative, linear."""
    state: dict[str, int] = {}  # 1: on the path, 2: done
    for start, first in graph.items():
        if state.get(start):
            continue
        stack: list[tuple[str, Iterator[Link]]] = [(start, iter(first))]
        path: list[Link] = []
        state[start] = 1
        while stack:
            node, edges = stack[-1]
            link = next(edges, None)
            if link is None:
                stack.pop()
                state[node] = 2
                if path:
                    path.pop()
                continue
            nxt = fold(link.predecessor)
            if state.get(nxt) == 1:
                names = [p.successor for p in path if fold(p.successor) != nxt]
                loop = " → ".join([link.predecessor, *names, link.successor, link.predecessor])
                msg = f"the lineage goes round in a cycle: {loop}"
                raise _error(
                    msg,
                    "lineage.cycle",
                    f"lineage có vòng lặp: {loop}",
                    "a closed code is never reused: remove the row that closes the cycle",
                    "mã đã đóng không bao giờ được dùng lại: hãy bỏ dòng tạo vòng lặp",
                    **dict(link.where),
                )
            if not state.get(nxt):
                state[nxt] = 1
                path.append(link)
                stack.append((nxt, iter(graph.get(nxt, ()))))


class _Unit(Protocol):
    @property
    def id(self) -> str: ...
    @property
    def predecessors(self) -> tuple[str, ...]: ...
    @property
    def since(self) -> dt.date | None: ...


def lineage_of(units: Iterable[_Unit], lineage: Lineage | None = None) -> Lineage:
    """The lineage the units declare (``predecessors``, ``since``), with ``lineage``'s links.

    Raises:
        DataError: A unit declares other predecessors or another date than
            ``lineage`` gives it (``lineage.conflict``), or the links together are
            wrong (see :class:`Lineage`).

    .. versionadded:: 0.4.0
    """
    given = lineage if lineage is not None else Lineage()
    links: list[Link] = []
    for unit in units:
        if not unit.predecessors or unit.since is None:
            continue
        mine = {fold(p) for p in unit.predecessors}
        theirs = given.links_of(unit.id)
        if theirs and (
            {fold(link.predecessor) for link in theirs} != mine or theirs[0].since != unit.since
        ):
            msg = f"{unit.id} declares other predecessors or another date than the lineage gives"
            raise _error(
                msg,
                "lineage.conflict",
                f"{unit.id} ghi tiền thân hoặc ngày sáp nhập khác với lineage",
                "give the predecessors once: on the unit or in the lineage file",
                "hãy ghi tiền thân một lần: ở đơn vị hoặc trong tệp lineage",
                member=unit.id,
            )
        if not theirs:
            links += [Link(unit.id, p, unit.since) for p in unit.predecessors]
    if not links:
        return given
    return given.merged(Lineage(links))


def loads_lineage(text: str, *, file: str | None = None) -> Lineage:
    """Read a lineage from CSV text (see :func:`load_lineage`).

    Raises:
        DataError: The text is not a lineage (see :func:`load_lineage`).

    .. versionadded:: 0.4.0
    """
    if not isinstance(text, str):
        shown = safe_repr(text, limit=60)
        msg = f"the lineage must be text, not {shown}"
        raise _error(
            msg,
            "lineage.not_text",
            f"lineage phải là chữ, không phải {shown}",
            "give the CSV text, or use load_lineage for a file",
            "hãy truyền nội dung CSV, hoặc dùng load_lineage để đọc tệp",
        )
    if len(text) > MAX_LINEAGE_BYTES:
        msg = f"the lineage is larger than {MAX_LINEAGE_BYTES} characters"
        raise _error(
            msg,
            "file.too_large",
            f"lineage dài quá {MAX_LINEAGE_BYTES} ký tự",
            "split the lineage",
            "hãy chia nhỏ lineage",
            file=file,
        )
    name = file or "<lineage>"
    rows = csv.reader(text_lines(text.removeprefix("\ufeff")), strict=True)
    links: list[Link] = []
    header: list[str] | None = None
    try:
        for row in rows:
            line = rows.line_num
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [fold(cell) for cell in row]
                if header not in (list(COLUMNS[:3]), list(COLUMNS)):
                    shown = safe_repr(",".join(row), limit=80)
                    msg = f"the header {shown} must be successor,predecessor,date[,share]"
                    raise _error(
                        msg,
                        "lineage.columns",
                        f"dòng tiêu đề {shown} phải là successor,predecessor,date[,share]",
                        "start the file with the line successor,predecessor,date,share",
                        "hãy bắt đầu tệp bằng dòng successor,predecessor,date,share",
                        file=name,
                        line=line,
                    )
                continue
            if len(row) > len(header) or len(row) < 3:
                msg = f"the row has {len(row)} cells, the header {len(header)}"
                raise _error(
                    msg,
                    "lineage.row",
                    f"dòng có {len(row)} ô, dòng tiêu đề có {len(header)}",
                    "write successor,predecessor,date[,share] on each row",
                    "hãy ghi successor,predecessor,date[,share] trên mỗi dòng",
                    file=name,
                    line=line,
                )
            share = row[3] if len(row) > 3 else None
            try:
                links.append(Link(row[0], row[1], row[2].strip(), share=share, where={}))
            except ThiduaError as exc:
                column = _column(exc.code)
                raise exc.located(file=name, line=line, column=column) from None
            located: dict[str, Any] = {"file": name, "line": line}
            links[-1] = attrs.evolve(links[-1], where=located)
    except csv.Error as exc:
        msg = f"the lineage is not valid CSV ({exc})"
        raise _error(
            msg,
            "lineage.csv",
            f"lineage không phải CSV hợp lệ ({exc})",
            "check the quotes of the file",
            "hãy kiểm tra các dấu ngoặc kép trong tệp",
            file=name,
            line=rows.line_num,
        ) from None
    if header is None:
        msg = "the lineage is empty"
        raise _error(
            msg,
            "lineage.empty",
            "lineage trống",
            "start the file with the line successor,predecessor,date,share",
            "hãy bắt đầu tệp bằng dòng successor,predecessor,date,share",
            file=name,
        )
    return Lineage(links)


def _column(code: str) -> int | None:
    return {"lineage.bad_date": 3, "lineage.bad_share": 4}.get(code)


def load_lineage(path: str | os.PathLike[str]) -> Lineage:
    """Read a lineage from a CSV file ``successor,predecessor,date[,share]``.

    Each row names one predecessor of one successor and the successor's date
    (``2025-07-01`` or ``01/07/2025``); ``share`` (``1/3``, ``0.5``, ``50%``,
    exact) only where a predecessor was divided among successors. The file is
    UTF-8, at most :data:`MAX_LINEAGE_BYTES` bytes, read in linear time.

    Raises:
        DataError: The file cannot be read, is not UTF-8 or too large; its header
            is not ``successor,predecessor,date[,share]`` (``lineage.columns``); a
            row has an id, date or share that cannot be read (``lineage.bad_id``,
            ``lineage.bad_date``, ``lineage.bad_share``) or the wrong number of
            cells (``lineage.row``); or the lineage is wrong (see
            :class:`Lineage`). Each names the file and line.

    .. versionadded:: 0.4.0
    """
    name, text = read_text(path, what="lineage file", max_bytes=MAX_LINEAGE_BYTES, error=DataError)
    return loads_lineage(text, file=name)


def predecessor_ids(value: Iterable[str]) -> tuple[str, ...]:
    """A unit's ``predecessors=``: a list of ids (each as :func:`unit_id` reads it).

    Raises:
        DataError: Not a list of ids (``lineage.bad_id``), or an id given twice
            (``lineage.duplicate``).

    .. versionadded:: 0.4.0
    """
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, list | tuple):
        shown = safe_repr(value, limit=60)
        msg = f"predecessors must be a list of ids, such as ['P2', 'MT'], not {shown}"
        raise _error(
            msg,
            "lineage.bad_id",
            f"predecessors phải là một danh sách mã, ví dụ ['P2', 'MT'], không phải {shown}",
            "write predecessors = ['P2', 'MT']",
            "hãy ghi predecessors = ['P2', 'MT']",
        )
    ids = tuple(unit_id(item, "a predecessor id", "mã đơn vị tiền thân") for item in value)
    folded = [fold(i) for i in ids]
    for index, key in enumerate(folded):
        if key in folded[:index]:
            msg = f"the predecessor {ids[index]} is given twice"
            raise _error(
                msg,
                "lineage.duplicate",
                f"đơn vị tiền thân {ids[index]} được ghi hai lần",
                "name each predecessor once",
                "hãy ghi mỗi đơn vị tiền thân một lần",
            )
    return ids


def optional_date(value: dt.date | str | None) -> dt.date | None:
    """A unit's ``since=``: None, or a merger date (see :func:`merger_date`).

    .. versionadded:: 0.4.0
    """
    return None if value is None else merger_date(value)


def check_unit(unit_id_: str, predecessors: tuple[str, ...], since: dt.date | None) -> None:
    """Refuse a unit's own lineage fields that do not hold together.

    Raises:
        DataError: Predecessors without a date (``lineage.no_date``), or the unit
            among its own predecessors (``lineage.self_predecessor``).

    .. versionadded:: 0.4.0
    """
    if predecessors and since is None:
        msg = f"{unit_id_} has predecessors but no date: since when is it merged?"
        raise _error(
            msg,
            "lineage.no_date",
            f"{unit_id_} có đơn vị tiền thân nhưng không ghi ngày sáp nhập",
            "give since, e.g. since = 2025-07-01",
            "hãy ghi since, ví dụ since = 2025-07-01",
            member=unit_id_,
        )
    if fold(unit_id_) in {fold(p) for p in predecessors}:
        msg = f"{unit_id_} is named as its own predecessor"
        raise _error(
            msg,
            "lineage.self_predecessor",
            f"{unit_id_} được ghi là tiền thân của chính nó",
            "a successor keeps its host's code: list only the closed codes as predecessors",
            "đơn vị mới giữ mã của đơn vị đặt trụ sở: chỉ ghi các mã đã đóng là tiền thân",
            member=unit_id_,
        )
