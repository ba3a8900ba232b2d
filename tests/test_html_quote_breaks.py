"""Chinese quotation marks may start (“) or end (”) a line next to a hanzi (UAX #14 forbids it)."""

from __future__ import annotations

from docgen.write.html import breakable


def test_break_opportunity_before_opening_quote_after_hanzi() -> None:
    assert breakable("商家提供“冷链三证”，不采购") == "商家提供\u200b“冷链三证”，不采购"


def test_break_opportunity_after_closing_quote_before_hanzi() -> None:
    assert breakable("“四方”责任") == "“四方”\u200b责任"


def test_no_break_next_to_punctuation_or_latin() -> None:
    assert breakable("意识”，坚定") == "意识”，坚定"
    assert breakable("A“B”C") == "A“B”C"
