"""PDF writer output: reproducible bytes, metadata, variants, glyph coverage, every plan."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pdfplumber
import pytest
from pdf_probe import (
    PLANS,
    L,
    baseline,
    body_lines,
    env_epoch,
    footer_chars,
    have_api,
    mm,
    render_pdf,
)
from sample_document import sample_document

from docgen.document import Kind, Paragraph, Run
from docgen.errors import DocgenError, Loc
from docgen.write import RenderContext, pdf


def _render(doc, **ctx) -> bytes:
    return pdf.render(doc, RenderContext(**ctx))


def test_same_document_gives_identical_bytes():
    assert _render(sample_document()) == render_pdf("sample").data


def test_source_date_epoch_fixes_dates_and_bytes():
    with env_epoch("1700000000"):
        a = _render(sample_document())
        b = _render(sample_document())
    assert a == b
    meta = pdfplumber.open(io.BytesIO(a)).metadata
    assert meta["CreationDate"].startswith("D:20231114221320")
    assert a != render_pdf("sample").data


def test_metadata_title_author_and_document_date():
    meta = pdfplumber.open(io.BytesIO(render_pdf("sample").data)).metadata
    assert meta["Title"] == "机关事务管理局秋冬季新冠肺炎疫情防控工作方案"
    assert meta["Author"] == "某市机关事务管理局"
    assert meta["CreationDate"].startswith("D:20221008000000")
    assert meta["ModDate"] == meta["CreationDate"]


def test_pdf_a3b_variant_declared():
    from pdfminer.pdftypes import resolve1

    data = _render(sample_document(), pdf_variant="pdf/a-3b")
    catalog = pdfplumber.open(io.BytesIO(data)).doc.catalog
    xmp = resolve1(catalog["Metadata"]).get_data()
    assert re.search(rb"pdfaid:part[^0-9]{0,3}3", xmp)
    assert re.search(rb"pdfaid:conformance[^A-Z]{0,3}B", xmp)
    assert "OutputIntents" in catalog


def test_pdf_is_tagged():
    catalog = render_pdf("sample").pdf.doc.catalog
    assert "StructTreeRoot" in catalog and "MarkInfo" in catalog


def test_missing_glyph_raises_with_char_code_and_loc():
    loc = Loc("plans/x.yaml", 12, 5)
    doc = replace(sample_document(letterhead=False), attachments=(),
                  body=(Paragraph(Kind.BODY, (Run("负责人：张\U00030000。"),), loc=loc),))
    with pytest.raises(DocgenError) as err:
        _render(doc)
    msg = str(err.value)
    assert "U+30000" in msg and "\U00030000" in msg
    assert msg.startswith("plans/x.yaml:12:5: 错误：")


def test_rare_name_chars_drawn_by_fallback_font_really_embedded():
    data = render_pdf("rare").pdf
    chars = [c for p in data.pages for c in p.chars]
    for ch in "䶮𠮷":
        hit = [c for c in chars if c["text"] == ch]
        assert hit, ch
        assert "fallback" in hit[0]["fontname"]


def test_rare_char_keeps_its_line_on_the_grid():
    page = render_pdf("rare").pdf.pages[0]
    lines = body_lines(page)
    steps = [(baseline(page, b[0]) - baseline(page, a[0])) * L.MM_PT
             for a, b in zip(lines, lines[1:], strict=False)]
    assert steps and all(abs(s - L.LINE_PITCH_PT) <= 0.3 for s in steps), steps


def test_font_substitutions_reported_once_in_chinese():
    warnings = render_pdf("sample").warnings
    body = [w for w in warnings if w.startswith("字体替代：正文")]
    if body:  # only when 仿宋_GB2312 is not installed
        assert len(body) == 1 and "FandolFang" in body[0]
    assert len(warnings) == len(set(warnings))


def _plans() -> list[Path]:
    if not PLANS.is_dir():
        return []
    return sorted(p for p in PLANS.glob("*.yaml") if p.name != "docgen.yaml")


@pytest.mark.skipif(not have_api(), reason="docgen.api.documents_from_path not there yet")
@pytest.mark.parametrize("plan", _plans(), ids=lambda p: p.name)
def test_every_plan_renders_on_the_grid(plan):
    from docgen.api import documents_from_path

    for doc in documents_from_path(plan):
        data = _render(doc, project_dir=plan.parent)
        with pdfplumber.open(io.BytesIO(data)) as out:
            x0, y0, x1, y1 = L.BODY_BOX_MM
            for i, page in enumerate(out.pages, 1):
                for c in page.chars:
                    if mm(c["top"]) <= y1 + 1:
                        assert x0 - 1 <= mm(c["x0"]) and mm(c["x1"]) <= x1 + 1, c["text"]
                foot = "".join(c["text"] for c in footer_chars(page)).replace(" ", "")
                assert foot in ("", f"—{i}—")
            text = "".join(c["text"] for p in out.pages for c in p.chars)
            for line in doc.title_lines:
                assert line in text
