"""Properties of rule checking: exactness, monotonicity, unit invariance, round trips."""

from __future__ import annotations

import operator
import unicodedata
from fractions import Fraction

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

import thidua
from thidua import Comparison, Op, Quantity, Status, check, parse_rule
from thidua.rules._vietnamese import phrase_table
from thidua.strategies import decimals, rules

ops = st.sampled_from(list(Op))

ORACLE = {
    Op.GE: operator.ge,
    Op.GT: operator.gt,
    Op.LE: operator.le,
    Op.LT: operator.lt,
    Op.EQ: operator.eq,
    Op.NE: operator.ne,
}


def _status(holds: bool) -> Status:
    return Status.ACHIEVED if holds else Status.NOT_ACHIEVED


@given(
    numerator=st.integers(0, 10**6),
    denominator=st.integers(1, 10**6),
    threshold=decimals(places=4, min_value=0, max_value=200),
    op=ops,
)
def test_rate_checks_match_fraction_oracle(
    numerator: int, denominator: int, threshold: Fraction, op: Op
) -> None:
    """A rate n/d against a percent threshold is judged exactly as Fraction arithmetic says."""
    rule = Comparison(op, Quantity(threshold, "percent"))
    expected = ORACLE[op](Fraction(numerator, denominator), threshold / 100)
    assert check(rule, thidua.ratio(numerator, denominator)) is _status(expected)


@given(actual=decimals(), threshold=decimals(), op=ops)
def test_plain_checks_match_fraction_oracle(actual: Fraction, threshold: Fraction, op: Op) -> None:
    """Decimal values given as text are compared exactly, never through floats."""
    text = f"{op.value} {Quantity(threshold, 'household')}"
    assert check(text, str(Quantity(actual, "household")), number_format="en") is _status(
        ORACLE[op](actual, threshold)
    )


@given(
    value=st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9),
    threshold=decimals(),
)
def test_floats_mean_their_shortest_decimal(value: float, threshold: Fraction) -> None:
    """A caller's float means its shortest decimal representation (repr)."""
    expected = Fraction(repr(value)) >= threshold
    assert check(Comparison(Op.GE, Quantity(threshold)), value) is _status(expected)


@given(a=decimals(), b=decimals(), threshold=decimals(), op=st.sampled_from([Op.GE, Op.GT]))
def test_raising_the_actual_never_loses_more_is_better(
    a: Fraction, b: Fraction, threshold: Fraction, op: Op
) -> None:
    """For >= and >, raising the actual never turns achieved into not achieved."""
    low, high = sorted((a, b))
    rule = Comparison(op, Quantity(threshold))
    if check(rule, low) is Status.ACHIEVED:
        assert check(rule, high) is Status.ACHIEVED


@given(a=decimals(), b=decimals(), threshold=decimals(), op=st.sampled_from([Op.LE, Op.LT]))
def test_lowering_the_actual_never_loses_less_is_better(
    a: Fraction, b: Fraction, threshold: Fraction, op: Op
) -> None:
    """For <= and <, lowering the actual never turns achieved into not achieved."""
    low, high = sorted((a, b))
    rule = Comparison(op, Quantity(threshold))
    if check(rule, high) is Status.ACHIEVED:
        assert check(rule, low) is Status.ACHIEVED


@given(
    millions=decimals(places=3, min_value=0, max_value=10**5),
    target=decimals(places=2, min_value=0, max_value=100),
    op=ops,
)
def test_money_in_million_or_billion_dong_gives_the_same_status(
    millions: Fraction, target: Fraction, op: Op
) -> None:
    """The same amount in triệu đồng, tỷ đồng or đồng gives the same status."""
    rule = Comparison(op, Quantity(target, "billion_VND"))
    in_million = check(rule, Quantity(millions, "million_VND"))
    in_billion = check(rule, Quantity(millions / 1000, "billion_VND"))
    in_dong = check(rule, Quantity(millions * 10**6, "VND"))
    assert in_million is in_billion is in_dong


@given(
    numerator=st.integers(0, 1000),
    denominator=st.integers(1, 1000),
    target=decimals(places=2, min_value=0, max_value=100),
    op=ops,
)
def test_percent_and_fraction_give_the_same_status(
    numerator: int, denominator: int, target: Fraction, op: Op
) -> None:
    """A rate as a fraction, as a percent, or as numerator/denominator gives the same status."""
    rule = Comparison(op, Quantity(target, "percent"))
    value = Fraction(numerator, denominator)
    as_fraction = check(rule, Quantity(value, "dimensionless"))
    as_percent = check(rule, Quantity(value * 100, "percent"))
    as_ratio = check(rule, thidua.ratio(numerator, denominator))
    assert as_fraction is as_percent is as_ratio


@given(
    previous=decimals(min_value=0),
    offset=decimals(min_value=0, max_value=100),
    actual=decimals(min_value=0),
)
def test_previous_minus_offset_is_exact(
    previous: Fraction, offset: Fraction, actual: Fraction
) -> None:
    """`<= previous - X` compares with exactly previous - X."""
    rule = parse_rule(f"<= previous - {Quantity(offset)}")
    assert check(rule, actual, previous=previous) is _status(actual <= previous - offset)


@given(rule=rules())
def test_rules_round_trip_through_their_canonical_text(rule: thidua.Rule) -> None:
    """parse_rule(str(rule)) == rule for every rule of the grammar."""
    assert parse_rule(str(rule)) == rule
    assert hash(parse_rule(str(rule))) == hash(rule)


@given(rule=rules(), form=st.sampled_from(["NFC", "NFD"]), upper=st.booleans())
def test_canonical_text_is_read_in_any_case_and_normalisation(
    rule: thidua.Rule, form: str, upper: bool
) -> None:
    """Case and Unicode normalisation of the text do not change the rule."""
    text = unicodedata.normalize(form, str(rule))
    assume(not upper or "VND" not in text)
    assert parse_rule(text.upper() if upper else text) == rule


PHRASE_EXAMPLES = [
    example
    for row in phrase_table()
    if not row.meaning.startswith("refuse")
    for example in row.examples
]


@given(
    example=st.sampled_from(PHRASE_EXAMPLES),
    form=st.sampled_from(["NFC", "NFD"]),
    case=st.sampled_from([str, str.upper, str.title]),
)
def test_every_phrase_reads_the_same_in_any_case_and_normalisation(
    example: str, form: str, case: object
) -> None:
    """Each phrase-table example gives one rule, whatever its case and normalisation."""
    expected = parse_rule(example)
    text = unicodedata.normalize(form, case(example))  # type: ignore[operator]
    assert parse_rule(text) == expected


CHANGE_WORDS = [
    "tăng",
    "tăng ít nhất",
    "tăng tối thiểu",
    "giảm",
    "kéo giảm",
    "giảm ít nhất",
    "giảm tối thiểu",
    "có thêm",
    "tăng thêm",
    "thêm",
    "có thêm ít nhất",
    "phấn đấu tăng",
    "đạt điểm số giảm",
]


@given(
    words=st.sampled_from(CHANGE_WORDS),
    sign=st.sampled_from(["-", "+"]),
    number=st.sampled_from(["5", "02", "97,5", "1.000", "0"]),
    unit=st.sampled_from(["", "%", " %", " hộ", " người", "/năm", " hộ/năm", " tỷ đồng"]),
    tail=st.sampled_from(["", " so với năm trước", " so với cùng kỳ", " so với năm 2023"]),
    upper=st.booleans(),
)
def test_no_change_phrase_with_a_signed_number_parses(
    words: str, sign: str, number: str, unit: str, tail: str, *, upper: bool
) -> None:
    """A sign after a word of change would turn the change around: it is always refused."""
    text = f"{words} {sign}{number}{unit}{tail}"
    text = text.upper() if upper else text
    with pytest.raises(thidua.ParseError) as info:
        parse_rule(text)
    assert info.value.code == "rule.signed_change"


@pytest.mark.parametrize(
    ("text", "same_as"),
    [
        ("tăng -5%", "giảm 5%"),
        ("giảm -5%", "tăng 5%"),
        ("tăng +5%", "tăng 5%"),
        ("tăng thêm -3", "giảm 3"),
        ("giảm -2 hộ", "tăng 2 hộ"),
        ("có thêm -1", "giảm 1"),
        ("giảm ít nhất -2 hộ/năm", "tăng 2 hộ"),
        ("đạt -90% chỉ tiêu", "đạt 90% chỉ tiêu"),
        ("đạt +100% chỉ tiêu Thành phố giao", "đạt 100% chỉ tiêu Thành phố giao"),
    ],
)
def test_signed_changes_are_refused_and_say_how_to_write_them(text: str, same_as: str) -> None:
    """Each is refused with rule.signed_change and a hint to state the direction in words."""
    parse_rule(same_as)  # what the writer meant reads
    with pytest.raises(thidua.ParseError) as info:
        parse_rule(text)
    error = info.value
    assert error.code == "rule.signed_change"
    assert "'giảm 5%' instead of 'tăng -5%'" in error.message("en")
    assert "'giảm 5%' thay cho 'tăng -5%'" in error.message("vi")
    assert error.position is not None
    assert _norm(text)[error.position] in "+-"


def _norm(text: str) -> str:
    from thidua.rules._vietnamese import normalise

    return normalise(text)


@given(threshold=decimals(min_value=-1000, max_value=-1), op=ops)
def test_negative_thresholds_in_canonical_rules_stay(threshold: Fraction, op: Op) -> None:
    """'>= -5' is a legitimate canonical rule: only signs after words of change are refused."""
    rule = parse_rule(f"{op.value} {Quantity(threshold)}")
    assert rule == Comparison(op, Quantity(threshold))
