"""Chinese numbering helpers (spec §8 test vectors)."""

from __future__ import annotations

import datetime as dt

import pytest

from docgen.compose.numbering import (
    ar_date,
    cn_digits,
    cn_int,
    h1,
    h2,
    h3,
    h4,
    list_markers,
    ordinal,
)


@pytest.mark.parametrize(("n", "text"), [
    (1, "一"), (9, "九"), (10, "十"), (11, "十一"), (19, "十九"), (20, "二十"), (21, "二十一"),
    (99, "九十九"), (100, "一百"), (101, "一百零一"), (110, "一百一十"), (111, "一百一十一"),
    (120, "一百二十"), (1001, "一千零一"), (1010, "一千零一十"), (2022, "二千零二十二"),
])
def test_cn_int_counting_form(n: int, text: str) -> None:
    assert cn_int(n) == text


@pytest.mark.parametrize(("n", "l1", "l2", "l3", "l4"), [
    (1, "一、", "（一）", "1.", "（1）"),
    (10, "十、", "（十）", "10.", "（10）"),
    (11, "十一、", "（十一）", "11.", "（11）"),
    (21, "二十一、", "（二十一）", "21.", "（21）"),
    (101, "一百零一、", "（一百零一）", "101.", "（101）"),
])
def test_heading_numbers_by_level(n: int, l1: str, l2: str, l3: str, l4: str) -> None:
    assert (h1(n), h2(n), h3(n), h4(n)) == (l1, l2, l3, l4)


def test_ordinal_and_digit_by_digit_years() -> None:
    assert ordinal(11) == "第十一"
    assert cn_digits(2022) == "二〇二二"
    assert cn_digits(2000) == "二〇〇〇"


def test_arabic_date_has_no_leading_zeros() -> None:
    assert ar_date(dt.date(2022, 6, 5)) == "2022年6月5日"
    assert ar_date(dt.date(2022, 10, 28)) == "2022年10月28日"


def test_pending_date_leaves_blank_figures() -> None:
    assert ar_date(None).strip("　") == "年　月　日"


@pytest.mark.parametrize(("style", "expected"), [
    ("一是", ["一是", "二是", "三是", "十一是"]),
    ("第一", ["第一，", "第二，", "第三，", "第十一，"]),
    ("一要", ["一要", "二要", "三要", "十一要"]),
])
def test_inline_enumeration_markers(style: str, expected: list[str]) -> None:
    marks = list_markers(style, 11)
    assert [marks[0], marks[1], marks[2], marks[10]] == expected


def test_first_then_last_markers() -> None:
    assert list_markers("首先", 4) == ["首先，", "其次，", "再次，", "最后，"]
