"""The standard's package: one rule table covering the spec's ids, numbers in one place."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from docgen import standard as S

SPEC = Path(__file__).resolve().parents[1] / ".." / "shared" / "spec" / "GBT9704.md"


def test_rule_table_holds_every_rule_id_of_the_spec() -> None:
    if not SPEC.is_file():
        pytest.skip("../shared/spec/GBT9704.md 不在")
    ids = set(re.findall(r"^\| ([PGHBJNTS]\d{1,2}) \|", SPEC.read_text("utf-8"), re.M))
    assert {"P1", "G1", "H7", "B12", "J5", "N7", "T3", "S3"} <= ids
    assert ids <= set(S.RULES), sorted(ids - set(S.RULES))


def test_every_rule_has_a_chinese_name_and_requirement() -> None:
    for rid, r in S.RULES.items():
        assert r.id == rid and re.search(r"[\u4e00-\u9fff]", r.name) and len(r.asks) >= 6


def test_rule_requirements_quote_the_standards_numbers() -> None:
    assert f"{S.MARGIN_MM['top']}±1 mm" in S.rule("P2").asks
    assert f"{S.LINES_PER_PAGE} 行" in S.rule("G1").asks
    assert f"{S.RED_RULE_BELOW_DOCNO_MM} mm" in S.rule("H7").asks


def test_official_font_names_by_role_are_the_word_defaults() -> None:
    from docgen.document import Fonts

    f = Fonts()
    assert (f.title, f.body, f.hei, f.kai, f.page_no) == tuple(
        S.OFFICIAL_FONTS[k] for k in ("标题", "正文", "黑体", "楷体", "页码"))
