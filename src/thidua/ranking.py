"""Ranking (xếp hạng): the members of a cluster by score, with documented tie-breakers.

Units are ranked by total, highest first, with standard competition ranking
(1, 2, 2, 4). Equal totals are separated, in this order, by:

1. the points of the scheme's items in their declared order (the first item
   where the points differ decides);
2. the preference for women: a woman, or a collective with at least 70 %
   women, ranks ahead — where the data carry it. Its source is the decree in
   force on the day ranked for (policy ``ranking.preference`` of
   :mod:`thidua.legal`): Decree 98/2023/NĐ-CP, Art. 4 until 30/06/2025, Decree
   152/2025/NĐ-CP from 01/07/2025, each cited as unverified where it is;
3. otherwise the tie is kept (equal ranks) and reported: ties go to the
   competent authority (see the docs page "Scoring and ranking").

Every entry says how it was placed against those with the same total.

>>> ranked = rank([Entry("A", 90), Entry("B", 95), Entry("C", 90), Entry("D", 80)])
>>> [(r.member, r.rank) for r in ranked]
[('B', 1), ('A', 2), ('C', 2), ('D', 4)]
>>> ranked[1].explanation.vi
'đồng điểm với C; vẫn đồng hạng, cấp có thẩm quyền quyết định'

.. versionadded:: 0.1.0
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
from collections.abc import Callable, Iterable, Sequence
from fractions import Fraction
from itertools import chain, repeat
from typing import Any

import attrs

from thidua._choices import Choice
from thidua._text import printable, safe_repr
from thidua.errors import ArgumentTypeError, UsageError
from thidua.evaluation import Explanation
from thidua.legal import in_force
from thidua.numbers import MAX_DIGITS, format_number, to_fraction, to_share

__all__ = ["PREFERRED_WOMEN_SHARE", "Entry", "Placed", "Ranked", "rank"]

#: The share of women from which a collective is preferred: the ``share`` of every
#: version of the legal policy ``ranking.preference`` (see :mod:`thidua.legal`).
PREFERRED_WOMEN_SHARE = Fraction(7, 10)


def _member(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        given = printable(type(value).__name__)
        msg = f"member= must be a member id (text), not {given}"
        raise ArgumentTypeError(
            msg,
            code="argument.type",
            vi=f"tham số member= phải là mã đơn vị (chữ), không phải {given}",
        )


def _fraction(value: object) -> Fraction:
    return to_fraction(value, what="score")


_LIMIT = 10**MAX_DIGITS


def _fractions(value: Iterable[object]) -> tuple[Fraction, ...]:
    points = tuple(value)
    distinct = {id(v): v for v in points}.values()  # points shared by items: checked once
    if all(
        v.__class__ is Fraction and -_LIMIT < v.numerator < _LIMIT and v.denominator < _LIMIT
        for v in distinct
    ):  # within to_fraction's digits: taken as they are, as to_fraction takes them
        return points  # type: ignore[return-value]
    return tuple(_fraction(v) for v in points)


def _share(value: object) -> Fraction | None:
    return None if value is None else to_share(value, what="women_share")


@attrs.frozen
class Entry:
    """One member to rank: its total, the points that break ties, and its share of women.

    .. versionadded:: 0.1.0
    """

    #: Member id.
    member: str = attrs.field(validator=_member)
    #: Its total.
    total: Fraction = attrs.field(converter=_fraction)
    #: Points per scored item, in the scheme's declared order (tie-breaker 1).
    points: tuple[Fraction, ...] = attrs.field(default=(), converter=_fractions)
    #: Share of women (1 for a woman, 0 for a man; None when the data do not say).
    women_share: Fraction | None = attrs.field(default=None, converter=_share)

    @property
    def preferred(self) -> bool:
        """Whether the preference favours it (a woman, or a collective with ≥ 70 % women)."""
        return self.women_share is not None and self.women_share >= PREFERRED_WOMEN_SHARE


def _as_is(value: object) -> bool:
    """Whether Entry's converters take ``value`` as it is: a Fraction within their digits."""
    return (
        value.__class__ is Fraction
        and -_LIMIT < value.numerator < _LIMIT
        and value.denominator < _LIMIT
    )


def make_entries(
    members: Sequence[str],
    totals: Sequence[object],
    points: Sequence[tuple[object, ...]],
    women_shares: Sequence[object],
) -> list[Entry]:
    """``Entry(member, total, points, women_share)`` of each, the same entries.

    Where every value is one Entry's converters take as it is (Fractions within
    their digits, shares between 0 and 1, ids as text) the values are checked
    once -- points many entries share, once -- and set as they are; otherwise
    each entry is made by Entry itself, with its errors.

    .. versionadded:: 0.3.0
    """
    flat = list(chain.from_iterable(points))
    shares = [s for s in women_shares if s is not None]
    plain = (
        all(map(isinstance, members, repeat(str)))
        and all(map(_as_is, dict(zip(map(id, flat), flat, strict=True)).values()))
        and all(map(_as_is, totals))
        and all(map(_as_is, shares))
        and all(0 <= s.numerator <= s.denominator for s in shares)  # type: ignore[attr-defined]
        and all(p.__class__ is tuple for p in points)
    )
    if not plain:
        return list(map(Entry, members, totals, points, women_shares))
    made = []
    new, put = object.__new__, object.__setattr__
    for member, total, own, share in zip(members, totals, points, women_shares, strict=True):
        entry = new(Entry)  # as Entry's __init__ sets a frozen instance's fields
        put(entry, "member", member)
        put(entry, "total", total)
        put(entry, "points", own)
        put(entry, "women_share", share)
        made.append(entry)
    return made


class Placed(Choice):
    """How a member was placed against the members with the same total.

    .. versionadded:: 0.1.0
    """

    #: Its total differs from everyone else's.
    BY_TOTAL = "total"
    #: The points of the items in declared order separated it from every member
    #: with the same total.
    BY_ITEM = "item"
    #: The preference for women was needed against at least one of them.
    BY_PREFERENCE = "preference"
    #: Still tied: equal rank, for the competent authority to decide.
    TIED = "tied"


def _made(value: Explanation | Callable[[], Explanation]) -> Explanation:
    """An explanation, or the one its maker makes."""
    return value if isinstance(value, Explanation) else value()


@attrs.frozen(repr=False)
class Ranked:
    """A member's place.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.3.0
       The explanation is written when first read (it may also be given as its maker).
    """

    #: Member id.
    member: str
    #: Standard competition rank (1, 2, 2, 4).
    rank: int
    #: Its total.
    total: Fraction
    #: How it was placed against members with the same total.
    placed: Placed
    #: The members it is still tied with (same rank).
    tied_with: tuple[str, ...]
    #: How it was placed, or its maker: written when first read (:attr:`explanation`).
    _explanation: Explanation | Callable[[], Explanation] = attrs.field(
        eq=_made, alias="explanation"
    )

    @functools.cached_property
    def explanation(self) -> Explanation:
        """How it was placed, in Vietnamese and English (written when first read)."""
        return _made(self._explanation)

    def __repr__(self) -> str:
        return (
            f"Ranked(member={self.member!r}, rank={self.rank!r}, total={self.total!r}, "
            f"placed={self.placed!r}, tied_with={self.tied_with!r}, "
            f"explanation={self.explanation!r})"
        )


def _key(entry: Entry) -> tuple[Fraction, tuple[Fraction, ...], bool]:
    return entry.total, entry.points, entry.preferred


def rank(
    entries: Iterable[Entry],
    *,
    items: Sequence[str] = (),
    on: dt.date | str | None = None,
) -> tuple[Ranked, ...]:
    """Rank members by total with the tie-breakers above; best first.

    The result depends only on the entries, not on their order: members of the
    same rank are listed by id.

    Args:
        entries: One per member.
        items: The names of the positions of :attr:`Entry.points` (the scheme's
            indicator ids), used in explanations.
        on: The day ranked for (the end of the period, or the day ranked as
            of): explanations cite the preference's source in force that day
            (None: the latest).

    Raises:
        UsageError: A member appears twice (code ``ranking.duplicate_member``), or
            the entries' points differ in length (``ranking.points_mismatch``).
        ArgumentTypeError: An entry is not an :class:`Entry`.
        NotFoundError: No version of the preference is in force on ``on``
            (``legal.not_in_force``: before 2024).
        ParseError: ``on`` is text that is not a date.

    .. versionadded:: 0.1.0
    .. versionchanged:: 0.4.0
       ``on=``: the preference cites the decree in force.
    """
    preference = in_force("ranking.preference", on)
    cited = (preference.cite("vi"), preference.cite("en"))
    if not isinstance(entries, Iterable) or isinstance(entries, str | bytes):
        given = printable(type(entries).__name__)
        msg = f"entries= must be a list of Entry objects, not {given}"
        raise ArgumentTypeError(
            msg,
            code="argument.type",
            vi=f"tham số entries= phải là một danh sách các Entry, không phải {given}",
        )
    pool = list(entries)
    for entry in () if all(map(isinstance, pool, repeat(Entry))) else pool:
        if not isinstance(entry, Entry):
            given = printable(type(entry).__name__)
            msg = f"entries must be Entry objects, not {given}"
            raise ArgumentTypeError(
                msg,
                code="argument.type",
                vi=f"các mục xếp hạng phải là Entry, không phải {given}",
            )
    seen: set[str] = set()
    for entry in () if len(set(map(_by_member, pool))) == len(pool) else pool:
        if entry.member in seen:
            shown = safe_repr(entry.member, limit=60)
            msg = f"member {shown} is ranked twice"
            raise UsageError(
                msg,
                code="ranking.duplicate_member",
                vi=f"đơn vị {shown} được xếp hạng hai lần",
                hint="give each member once",
                hint_vi="hãy ghi mỗi đơn vị một lần",
                member=entry.member,
            )
        seen.add(entry.member)
    if len(set(map(len, map(_points, pool)))) > 1:
        msg = "every entry needs the points of the same items"
        raise UsageError(
            msg,
            code="ranking.points_mismatch",
            vi="mọi mục xếp hạng phải có điểm của cùng các chỉ tiêu",
            hint="give each entry the points of every scored item, in the scheme's order",
            hint_vi="hãy ghi cho mỗi mục điểm của tất cả chỉ tiêu được chấm, theo thứ tự của"
            " thang điểm",
        )
    items = tuple(items)  # the explanations are written later: a copy of the names
    out: list[Ranked] = []
    start = 0
    for run, keys in _runs(pool):  # each run of members with the same total, once
        if keys is None:
            entry = run[0]
            out.append(
                Ranked(
                    entry.member,
                    start + 1,
                    entry.total,
                    Placed.BY_TOTAL,
                    (),
                    functools.partial(_by_total, entry.total),
                )
            )
        else:
            _place_run(run, keys, start, items, out, cited=cited)
        start += len(run)
    return tuple(out)


_by_member = operator.attrgetter("member")
_points = operator.attrgetter("points")

#: An entry's key made of values compared in C: each Fraction as (its float, itself)
#: -- the float, correctly rounded, never orders two Fractions the wrong way, and
#: the Fraction decides between equal floats -- so the key orders as :func:`_key`.
_Key = tuple[Any, ...]


class _Keys:
    """The keys of entries (see :data:`_Key`), made for one ranking: their points repeat."""

    def __init__(self) -> None:
        #: Each point's key, by the point's id (the points are alive while ranking).
        self.seen: dict[int, tuple[float, Fraction]] = {}
        #: The key of the first point of each float, and of the other points of it.
        self.first: dict[float, tuple[float, Fraction]] = {}
        self.others: dict[float, list[tuple[float, Fraction]]] = {}

    def point(self, value: Fraction) -> tuple[float, Fraction]:
        """The point's key: one key for equal points (compared by identity, in C)."""
        rough = float(value)
        made = self.first.get(rough)
        if made is None:
            made = self.first[rough] = (rough, value)
        elif made[1] != value:
            same = self.others.setdefault(rough, [])
            made = next((key for key in same if key[1] == value), None)
            if made is None:
                made = (rough, value)
                same.append(made)
        self.seen[id(value)] = made
        return made

    def of(self, run: list[Entry]) -> list[_Key]:
        """The keys of the entries of a run (their points' keys made first)."""
        seen = self.seen
        flat = list(chain.from_iterable(e.points for e in run))
        found = dict(zip(map(id, flat), flat, strict=True))
        for new in found.keys() - seen.keys():
            self.point(found[new])
        get = seen.__getitem__
        return [(tuple(map(get, map(id, e.points))), e.preferred) for e in run]


def _runs(pool: list[Entry]) -> list[tuple[list[Entry], list[_Key] | None]]:
    """The runs of entries with the same total, best first, each sorted by key, best first.

    Entries of equal keys are listed by member id. Sorted first by their totals
    as floats, then each run of equal floats by the exact key: a float is the
    total correctly rounded, so a larger total is never a smaller float, and only
    totals of the same float can be out of order. Both sorts are stable, so equal
    keys keep the order by id. Each run of more than one entry comes with the
    keys of its entries (see :data:`_Key`); a run of one, with None.
    """
    by_id = sorted(pool, key=_by_member)
    try:
        rough = [float(e.total) for e in by_id]
    except OverflowError:  # pragma: no cover - totals have at most 100 digits
        rough = [0.0] * len(by_id)  # one run, sorted by the exact keys
    places = sorted(range(len(by_id)), key=rough.__getitem__, reverse=True)
    keys_of = _Keys().of
    out: list[tuple[list[Entry], list[_Key] | None]] = []
    start, count = 0, len(places)
    while start < count:
        value = rough[places[start]]
        end = start + 1
        while end < count and rough[places[end]] == value:
            end += 1
        if end == start + 1:
            out.append(([by_id[places[start]]], None))
        else:
            run = [by_id[p] for p in places[start:end]]
            out += _sorted(run, keys_of(run))
        start = end
    return out


def _sorted(run: list[Entry], keys: list[_Key]) -> list[tuple[list[Entry], list[_Key] | None]]:
    """A run of totals of the same float sorted by key: its runs of the same total."""
    total = run[0].total
    if all(e.total is total or e.total == total for e in run):  # the common case: one total
        keyed = sorted(zip(keys, run, strict=True), key=_first, reverse=True)
        return [([e for _, e in keyed], [k for k, _ in keyed])]
    out: list[tuple[list[Entry], list[_Key] | None]] = []
    keyed = sorted(  # by total first, then each total's run by key
        (((e.total, *k), e) for k, e in zip(keys, run, strict=True)), key=_first, reverse=True
    )
    low = 0
    for high in range(1, len(keyed) + 1):
        if high == len(keyed) or keyed[high][1].total != keyed[low][1].total:
            group = keyed[low:high]
            same = None if high - low == 1 else [k[1:] for k, _ in group]
            out.append(([e for _, e in group], same))
            low = high
    return out


def _first(pair: tuple[_Key, Entry]) -> _Key:
    return pair[0]


def _place_run(
    run: list[Entry],
    keys: list[_Key],
    start: int,
    items: tuple[str, ...],
    out: list[Ranked],
    *,
    cited: tuple[str, str],
) -> None:
    """Place the members of one run with the same total (``start``: the run's place).

    The run is sorted by key, best first (``keys``: each one's, see :data:`_Key`):
    members with the same points, and with the same key, are next to each other.
    """
    size = len(run)
    # the runs of the same key (tied), and of the same points (tied but for the preference)
    groups: list[tuple[int, int]] = []
    same_points: list[bool] = []  # for each key run: whether another key has its points
    first = 0
    for index in range(1, size + 1):
        if index == size or keys[index] != keys[first]:
            groups.append((first, index))
            first = index
    for number, (low, high) in enumerate(groups):
        points = keys[low][0]
        same_points.append(
            (number > 0 and keys[groups[number - 1][0]][0] == points)
            or (number + 1 < len(groups) and keys[high][0] == points)
        )
    for number, (low, high) in enumerate(groups):
        group = run[low:high]
        names = [e.member for e in group]
        if high - low == size:
            placed = Placed.TIED
        elif same_points[number]:
            placed = Placed.BY_PREFERENCE
        else:
            placed = Placed.BY_ITEM
        for offset, entry in enumerate(group):
            tied = tuple(names[:offset] + names[offset + 1 :])
            out.append(
                Ranked(
                    entry.member,
                    start + low + 1,
                    entry.total,
                    placed,
                    tied,
                    functools.partial(_placement, entry, run, tied, items, cited),
                )
            )


def _by_total(total: Fraction) -> Explanation:
    return Explanation(f"{_show(total, 'vi')} điểm", f"{_show(total, 'en')} points")


def _placement(
    entry: Entry,
    run: list[Entry],
    tied: tuple[str, ...],
    items: Sequence[str],
    cited: tuple[str, str],
) -> Explanation:
    """How ``entry`` was placed against the others of its run (the same total).

    ``cited``: the preference's source, in Vietnamese and English.
    """
    same_total = [o for o in run if o is not entry]
    names = ", ".join(o.member for o in same_total)
    head_vi, head_en = f"đồng điểm với {names}", f"same total as {names}"
    if tied and len(tied) == len(same_total):
        return Explanation(
            f"{head_vi}; vẫn đồng hạng, cấp có thẩm quyền quyết định",
            f"{head_en}; still tied, for the competent authority to decide",
        )
    tied_set = set(tied)
    separated = [o for o in same_total if o.member not in tied_set]
    key = _key(entry)
    groups: dict[tuple[bool, str], list[str]] = {}
    for other in separated:
        first = next(
            (i for i, (a, b) in enumerate(zip(entry.points, other.points, strict=True)) if a != b),
            None,
        )
        decider = "" if first is None else (items[first] if first < len(items) else f"#{first + 1}")
        groups.setdefault((_key(other) < key, decider), []).append(other.member)
    parts_vi, parts_en = [], []
    for (ahead, decider), members in groups.items():
        names = ", ".join(members)
        how_vi = (
            f"theo điểm chỉ tiêu {decider} (thứ tự đã công bố)"
            if decider
            else f"theo ưu tiên nữ / tập thể có từ 70% nữ ({cited[0]})"
        )
        how_en = (
            f"by the points of {decider} (declared order)"
            if decider
            else f"by the preference for women / collectives with ≥ 70 % women ({cited[1]})"
        )
        parts_vi.append(f"{'xếp trên' if ahead else 'xếp dưới'} {names} {how_vi}")
        parts_en.append(f"{'ahead of' if ahead else 'behind'} {names} {how_en}")
    vi, en = "; ".join(parts_vi), "; ".join(parts_en)
    if tied:
        vi += f"; vẫn đồng hạng với {', '.join(tied)}"
        en += f"; still tied with {', '.join(tied)}"
    return Explanation(f"{head_vi}; {vi}", f"{head_en}; {en}")


def _show(value: Fraction, locale: str) -> str:
    return format_number(value, locale=locale, max_decimals=4)
