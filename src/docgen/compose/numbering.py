"""Chinese numbering of GB/T 9704 (spec §8): 一、→（一）→1.→（1）, 一是, dates."""

from __future__ import annotations

import datetime as dt

_DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))


def cn_int(n: int) -> str:
    """Counting form: 10 → 十, 11 → 十一, 20 → 二十, 101 → 一百零一, 110 → 一百一十."""
    if not 0 < n < 10000:
        raise ValueError(f"cn_int supports 1..9999, got {n}")
    out, zero = [], False
    for value, unit in _UNITS:
        q, n = divmod(n, value)
        if q:
            if zero:
                out.append("零")
            out.append(_DIGITS[q] + unit)
            zero = False
        elif out:
            zero = True
    if n:
        if zero:
            out.append("零")
        out.append(_DIGITS[n])
    text = "".join(out)
    return text[1:] if text.startswith("一十") else text


def h1(n: int) -> str:
    return f"{cn_int(n)}、"


def h2(n: int) -> str:
    return f"（{cn_int(n)}）"


def h3(n: int) -> str:
    return f"{n}."


def h4(n: int) -> str:
    return f"（{n}）"


HEADING_NUMBER = {1: h1, 2: h2, 3: h3, 4: h4}


def ordinal(n: int) -> str:
    return f"第{cn_int(n)}"


def cn_digits(number: int) -> str:
    """Digit by digit with 〇: 2022 → 二〇二二."""
    return "".join("〇" if d == "0" else _DIGITS[int(d)] for d in str(number))


def ar_date(day: dt.date | None) -> str:
    """2022年6月5日, no zero padding; None (待定) leaves the figures blank for handwriting."""
    if day is None:
        return "　　　　年　月　日"
    return f"{day.year}年{day.month}月{day.day}日"


def list_markers(style: str, count: int) -> list[str]:
    """Lead words of an inline enumeration: 一是/二是, 第一/第二, 一要/二要, 首先/其次/再次/最后."""
    if style == "第一":
        return [ordinal(i) + "，" for i in range(1, count + 1)]
    if style == "一要":
        return [cn_int(i) + "要" for i in range(1, count + 1)]
    if style == "首先":
        words = ["首先，"] + ["其次，"] + ["再次，"] * max(0, count - 3) + ["最后，"]
        return words[:count] if count > 1 else ["首先，"]
    return [cn_int(i) + "是" for i in range(1, count + 1)]
