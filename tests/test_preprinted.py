"""版头.套印: on preprinted paper the 版头 area is left blank at its exact height, in both outputs."""

from __future__ import annotations

import dataclasses
import io

import pdfplumber
import pytest
from docx_support import NS, q, render_docx, text_of
from sample_document import sample_document

from docgen.write import RenderContext


def _doc(preprinted: bool):
    doc = sample_document()
    return dataclasses.replace(doc, letterhead=dataclasses.replace(doc.letterhead,
                                                                   preprinted=preprinted))


def _title_index(d) -> int:
    return next(i for i, p in enumerate(d.body_paragraphs()) if text_of(p).startswith("机关事务"))


def test_word_keeps_the_letterhead_paragraphs_without_their_text() -> None:
    plain, blank = render_docx(_doc(False)), render_docx(_doc(True))
    n = _title_index(plain)
    assert _title_index(blank) == n
    for a, b in zip(plain.body_paragraphs()[:n], blank.body_paragraphs()[:n], strict=True):
        assert text_of(b) == ""
        assert b.find("w:r", NS) is None
        # every paragraph keeps its style and spacing: the area keeps its height
        assert a.find("w:pPr/w:spacing", NS) is None or (
            dict(a.find("w:pPr/w:spacing", NS).attrib) == dict(b.find("w:pPr/w:spacing", NS).attrib))
    assert any(text_of(p) for p in plain.body_paragraphs()[:n])
    attr = q("color")
    colors = {el.get(attr) for el in blank.document.iter() if el.get(attr)}
    assert "FF0000" not in colors  # the red rule is not drawn


@pytest.fixture(scope="module")
def pdfs():
    from docgen.write import pdf

    return {flag: pdf.render(_doc(flag), RenderContext()) for flag in (False, True)}


def _first_page(data: bytes):
    with pdfplumber.open(io.BytesIO(data)) as p:
        page = p.pages[0]
        return list(page.chars), list(page.rects) + list(page.lines)


def test_pdf_draws_nothing_in_the_letterhead_area_and_the_title_stays_put(pdfs) -> None:
    chars_plain, _ = _first_page(pdfs[False])
    chars_blank, rules_blank = _first_page(pdfs[True])
    title_plain = next(c for c in chars_plain if c["size"] > 20 and c["text"] == "秋")
    title_blank = next(c for c in chars_blank if c["size"] > 20 and c["text"] == "秋")
    assert abs(title_plain["top"] - title_blank["top"]) < 0.1
    assert not [c for c in chars_blank if c["bottom"] <= title_blank["top"] - 30]
    assert not [r for r in rules_blank if r["bottom"] <= title_blank["top"] - 30]
    assert [c for c in chars_plain if c["bottom"] <= title_plain["top"] - 30]  # it had a 版头
