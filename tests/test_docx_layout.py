"""Word writer, checked through a real client: LibreOffice lays the .docx out, pdfplumber measures.

One LibreOffice call converts every document of the module (≈1 s each call, ~0.1 s a file).
The official font names are mapped to the free Fandol faces by a private fontconfig file
(Times New Roman → FandolSong, whose digits are half an em like TNR's).

LibreOffice lays the file out as an ECMA-376 client (MS Word, WPS) does: tests/lo_support.py
flips the w:overflowPunct it reads inverted (else it hangs ，、：。 past the type area) and switches
off the hanzi/digit autospace it keeps whatever w:autoSpaceDE says; the shipped file is unchanged.
Its PDFs give glyph boxes from the baseline up one em (descent 0), so vertical positions are
taken from baselines (pdf_probe.group_lines).
"""

from __future__ import annotations

import dataclasses
from itertools import pairwise
from pathlib import Path

import pytest
from lo_support import convert
from pdf_probe import group_lines
from sample_document import body, sample_document

from docgen.document import Document, Format
from docgen.standard import text_width
from docgen.write import RenderContext
from docgen.write.docx import render

pdfplumber = pytest.importorskip("pdfplumber")
MM = 72 / 25.4

ALIASES = {"仿宋_GB2312": "FandolFang", "楷体_GB2312": "FandolKai", "黑体": "FandolHei",
           "宋体": "FandolSong", "方正小标宋简体": "FandolSong", "Times New Roman": "FandolSong"}


def _documents() -> dict[str, Document]:
    doc = sample_document()
    docs = {
        "sample": doc,
        "sealed": sample_document(letterhead=False, sealed=True),
        # the last page filled almost to the bottom: the 版记 must still sit on the bottom edge
        "long": dataclasses.replace(doc, attachments=(), body=doc.body[:-3] + tuple(
            body("为确保各项措施落到实处，各科室要明确责任分工。" * 3) for _ in range(8))
            + doc.body[-3:]),
    }
    try:
        from docgen.api import documents_from_path
    except ImportError:
        return docs
    plans = Path(__file__).resolve().parents[1] / "plans"
    for path in sorted(plans.glob("*.yaml")):
        if path.name == "docgen.yaml":
            continue
        try:
            for i, d in enumerate(documents_from_path(path)):
                docs[f"{path.stem}-{i}"] = d
        except Exception:  # the plan's own tests report composer errors
            continue
    return docs


DOCS = _documents()


@dataclasses.dataclass
class Line:
    baseline: float  # mm from the page top
    x0: float
    x1: float
    text: str
    size: float
    chars: list


@dataclasses.dataclass
class Page:
    number: int
    lines: list[Line]
    rules: list[dict]  # horizontal lines/rects with x0, x1, y (mm), width (mm), colour


def _lines(page) -> list[Line]:
    return [Line(b, cs[0]["x0"] / MM, cs[-1]["x1"] / MM, "".join(c["text"] for c in cs),
                 max(round(c["size"], 1) for c in cs), cs) for b, cs in group_lines(page)]


def _rules(page) -> list[dict]:
    out = []
    for r in page.lines + page.rects:
        if abs(r["bottom"] - r["top"]) < 2 and r["x1"] - r["x0"] > 100 * MM:
            colour = r.get("stroking_color") or r.get("non_stroking_color")
            out.append({"x0": r["x0"] / MM, "x1": r["x1"] / MM, "y": (r["top"] + r["bottom"]) / 2 / MM,
                        "width": r.get("linewidth", 0) / MM, "colour": tuple(colour or ())})
    return out


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, list[Page]]:
    """Every document's .docx laid out by LibreOffice in one call, read as an ECMA client reads
    it (tests/lo_support.py: no hanging punctuation, no hanzi/digit autospace, as Word/WPS)."""
    work = tmp_path_factory.mktemp("lo")
    jobs = [(render(doc, RenderContext()), work / "pdf" / f"{name}.pdf", True)
            for name, doc in DOCS.items()]
    convert(jobs, work, ALIASES)
    out = {}
    for name in DOCS:
        with pdfplumber.open(work / "pdf" / f"{name}.pdf") as pdf:
            out[name] = [Page(i, _lines(p), _rules(p)) for i, p in enumerate(pdf.pages, 1)]
    return out


def body_lines(page: Page) -> list[Line]:
    """Lines inside the type area (page number excluded)."""
    return [ln for ln in page.lines if ln.baseline < 263]


def units(line: Line) -> float:
    """Characters on a line: full-width and “”—… 1, ASCII 0.5 (no autospace, nothing hung)."""
    return text_width(line.text)


ALL = list(DOCS)


# -- §2 grid -----------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ALL)
def test_full_pages_hold_22_lines(pdfs, name: str) -> None:
    pages = pdfs[name]
    full = 0
    for page in pages:
        lines = [ln for ln in body_lines(page) if 15.5 <= ln.size <= 16.5]
        assert len(lines) <= 22, (page.number, len(lines))
        if lines and lines[0].baseline < 46 and lines[-1].baseline > 255 and len(lines) == len(
                body_lines(page)):
            # 22 grid lines from the first to the last; a blank line (before a 附件说明)
            # is a grid line without text
            pitch = (lines[-1].baseline - lines[0].baseline) / 21 * MM
            slots = 1 + sum(round((n.baseline - p.baseline) * MM / 28.95) for p, n in pairwise(lines))
            assert slots == 22, (page.number, [ln.text[:8] for ln in lines])
            assert 28.8 <= pitch <= 29.1, pitch
            full += 1
    text_pages = [p for p in pages if any(15.5 <= ln.size <= 16.5 for ln in body_lines(p))]
    if len(text_pages) > 3:  # a 版记 page of its own does not count
        assert full >= 1, "no full page found to check"


@pytest.mark.parametrize("name", ALL)
def test_full_lines_hold_28_characters(pdfs, name: str) -> None:
    checked = 0
    for page in pdfs[name]:
        lines = [ln for ln in body_lines(page) if 15.5 <= ln.size <= 16.5]
        for ln, nxt in pairwise(lines):
            wraps = abs(nxt.x0 - 28) < 0.5 and nxt.baseline - ln.baseline < 11
            if not wraps or ln.x1 < 175:  # only lines that continue a paragraph
                continue
            indent = round((ln.x0 - 28) / 5.57)  # a first line starts 2 characters in
            # 26–28: 避头尾 takes a character down with a ，。 (one short), and ASCII counted
            # as half a character may be wider (Times' + is 0.56 em): one more may not fit
            assert 26 <= units(ln) + indent <= 28, (page.number, ln.text)
            checked += 1
    assert checked >= 1


@pytest.mark.parametrize("name", ALL)
def test_text_stays_inside_the_type_area(pdfs, name: str) -> None:
    letter = DOCS[name].format is Format.LETTER
    for page in pdfs[name]:
        for ln in body_lines(page):
            if letter and page.number == 1 and ln.chars and all(_red(c) for c in ln.chars):
                continue  # 信函格式: the 标志 stands 30 mm from the paper's top (S1)
            assert ln.baseline >= 36 + 4, ln.text
            assert ln.x0 >= 27, ln.text
            assert ln.x1 <= 185, (page.number, ln.text, ln.x1)  # nothing hangs
            top = ln.baseline - ln.size / MM * 0.88  # ideographic em box above the baseline
            assert top >= 36, ln.text


@pytest.mark.parametrize("name", ALL)
def test_body_first_lines_start_two_characters_in(pdfs, name: str) -> None:
    doc = DOCS[name]
    starts = {p.text[:6] for p in doc.paragraphs() if p.kind.name in ("BODY", "HEADING")}
    seen = 0
    for page in pdfs[name]:
        for ln in body_lines(page):
            if ln.text[:6] in starts and ln.size == 16:
                assert abs(ln.x0 - (28 + 2 * 5.56)) <= 1, ln.text
                seen += 1
    assert seen >= 1


# -- §4.4 page numbers -------------------------------------------------------------------------

@pytest.mark.parametrize("name", ALL)
def test_page_numbers_alternate_sides(pdfs, name: str) -> None:
    after_blank = False
    letter = DOCS[name].format is Format.LETTER
    for page in pdfs[name]:
        blank = not body_lines(page)
        if letter and page.number == 1:  # 信函格式: page 1 shows no number (S1)
            assert not [ln for ln in page.lines if ln.baseline > 263]
            continue
        if blank or after_blank:  # N6: a blank page and the 版记 page after it are unnumbered
            assert not [ln for ln in page.lines if ln.baseline > 263]
            after_blank = blank
            continue
        (num,) = [ln for ln in page.lines if ln.baseline > 263]
        assert num.text == f"—{page.number}—", num.text
        assert abs(num.size - 14) < 0.2
        if page.number % 2:
            assert abs(num.x1 - 179.1) <= 0.8, num.x1
        else:
            assert abs(num.x0 - 32.9) <= 0.8, num.x0


@pytest.mark.parametrize("name", ALL)
def test_page_number_baseline_is_7_mm_below_type_area(pdfs, name: str) -> None:
    for page in pdfs[name]:
        for num in [ln for ln in page.lines if ln.baseline > 263]:  # N6 pages have none
            assert abs(num.baseline - 270.5) <= 1.0, num.baseline


# -- §4.1/4.2 title and 版头 ---------------------------------------------------------------------

@pytest.mark.parametrize("name", ALL)
def test_title_lines_are_centred_and_unsplit(pdfs, name: str) -> None:
    title = [ln for ln in pdfs[name][0].lines if abs(ln.size - 22) < 0.3]
    assert [ln.text for ln in title] == list(DOCS[name].title_lines)
    for ln in title:
        assert abs((ln.x0 + ln.x1) / 2 - 106) <= 1, ln.text


def _red(c) -> bool:
    col = c.get("non_stroking_color") or ()
    return len(col) == 3 and col[0] > 0.8 and col[1] < 0.3 and col[2] < 0.3


GENERAL_HEAD = [n for n in ALL if DOCS[n].letterhead and DOCS[n].format is not Format.LETTER]


@pytest.mark.parametrize("name", GENERAL_HEAD)  # 信函格式: tests/test_letter_format.py
def test_org_mark_is_red_centred_35_mm_below_type_area_top(pdfs, name: str) -> None:
    page = pdfs[name][0]
    (mark,) = [ln for ln in page.lines if ln.chars and all(_red(c) for c in ln.chars)]
    assert mark.text == DOCS[name].letterhead.org_mark
    em_top = mark.baseline - mark.size / MM * 0.88
    assert abs(em_top - 72) <= 1.5, em_top
    assert abs((mark.x0 + mark.x1) / 2 - 106) <= 1


@pytest.mark.parametrize("name", GENERAL_HEAD)
def test_red_rule_is_156_mm_and_4_mm_below_doc_number(pdfs, name: str) -> None:
    page = pdfs[name][0]
    red = [r for r in page.rules if r["colour"][:1] == (1.0,) and r["colour"][1:] == (0.0, 0.0)]
    assert red, page.rules
    rule = red[0]
    assert abs(rule["x0"] - 28) <= 0.5 and abs(rule["x1"] - rule["x0"] - 156) <= 1
    docno = next((ln for ln in page.lines if "〔" in ln.text and "号" in ln.text), None)
    if docno is None:  # a 纪要 标志 without 发文字号: the rule's place is layout's (S3)
        return
    glyph_bottom = docno.baseline + 0.12 * docno.size / MM  # em box bottom below the baseline
    assert abs(rule["y"] - glyph_bottom - 4) <= 1, (rule["y"], docno.baseline)


# -- §4.2 signature ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["sample", "sealed"])
def test_signature_rule_b6_b7_holds_in_libreoffice(pdfs, name: str) -> None:
    """B7 unsealed: 署名 ends 2 characters in, the date starts 2 characters right of the 署名's
    first character — also in LibreOffice, which widens the date by its CJK/digit autospace.
    B6 sealed: the date ends 4 characters in, the 署名 centred on it."""
    lines = [ln for p in pdfs[name] for ln in p.lines]
    org = next(ln for ln in lines if ln.text == "某市机关事务管理局")
    date = next(ln for ln in lines if ln.text == "2022年10月8日")
    sealed = DOCS[name].body[-2].sealed
    char = 16 / MM
    if sealed:
        assert abs(date.x1 - (184 - 4 * char)) <= 1  # date 4 characters in
        assert abs((org.x0 + org.x1) / 2 - (date.x0 + date.x1) / 2) <= 0.5 * char
    else:
        assert abs(org.x1 - (184 - 2 * char)) <= 1  # 署名 2 characters in
        assert abs(date.x0 - (org.x0 + 2 * 15.75 / 72 * 25.4)) <= 0.5  # 2 characters right
    assert 9.5 <= date.baseline - org.baseline <= 11  # the date on the next line


# -- §4.3 版记 ---------------------------------------------------------------------------------

# 信函格式: a 版记 without rules (S1, tests/test_letter_format.py)
RULED_COLOPHON = [n for n in ALL if DOCS[n].colophon and DOCS[n].format is not Format.LETTER]


@pytest.mark.parametrize("name", RULED_COLOPHON)
def test_colophon_last_rule_lies_on_the_type_area_bottom(pdfs, name: str) -> None:
    last = pdfs[name][-1]
    black = sorted((r for r in last.rules if not r["colour"] or max(r["colour"]) < 0.2),
                   key=lambda r: r["y"])
    black = [r for r in black if abs(r["x1"] - r["x0"] - 156) <= 1]  # not table grid lines
    assert len(black) >= 2, last.rules
    assert abs(black[-1]["y"] - 262) <= 1, black[-1]
    for r in black[-2:]:
        assert abs(r["x0"] - 28) <= 0.5
    cc = next((ln for ln in last.lines if ln.text.startswith("抄送")), None)
    if cc is not None:
        assert abs(cc.size - 14) < 0.2 and abs(cc.x0 - (28 + 4.94)) <= 0.7
    printed = next((ln for ln in last.lines if ln.text.endswith("印发")), None)
    if printed is None:  # a 函's 版记 has no 印发机关/日期 line (信函格式)
        assert cc is not None and black[-2]["y"] < cc.baseline < black[-1]["y"]
        return
    assert abs(printed.x1 - (184 - 4.94)) <= 0.7 and abs(printed.x0 - (28 + 4.94)) <= 0.7
    assert black[-2]["y"] < printed.baseline < black[-1]["y"]


@pytest.mark.parametrize("name", RULED_COLOPHON)
def test_colophon_rules_are_thick_outside_thin_between(pdfs, name: str) -> None:
    last = pdfs[name][-1]
    rules = sorted((r for r in last.rules if abs(r["x1"] - r["x0"] - 156) <= 1
                    and (not r["colour"] or max(r["colour"]) < 0.2)), key=lambda r: r["y"])
    # The 版记 block only: its last 2 rules, 3 with a 抄送 line (a table's bottom border, also
    # 156 mm wide, may end just above the 版记).
    cc = any(ln.text.startswith("抄送") for ln in last.lines)
    rules = rules[-(3 if cc else 2):]
    widths = [round(r["width"], 2) for r in rules]
    assert abs(widths[0] - 0.35) <= 0.1 and abs(widths[-1] - 0.35) <= 0.1, widths
    for w in widths[1:-1]:
        assert abs(w - 0.25) <= 0.1, widths


PLAN_DOCS = [n for n in DOCS if n not in ("sample", "sealed", "long")]


@pytest.mark.parametrize("name", PLAN_DOCS)
def test_pdf_writer_gives_the_same_page_count_as_word(pdfs, name: str) -> None:
    """The PDF (WeasyPrint) and the .docx laid out by LibreOffice paginate alike, for every
    example plan (tongzhi-yinfa's seven pages of 方案 included): read as an ECMA client reads
    it, LibreOffice neither hangs ，。 (29-character lines) nor widens digits, which once added
    up to a page (docs/decisions.md, "PDF 与 Word 的分页")."""
    import io

    from docgen.write.pdf import render as render_pdf

    with pdfplumber.open(io.BytesIO(render_pdf(DOCS[name], RenderContext()))) as pdf:
        word = len(pdfs[name])
        # The PDF moves the 版记 to an even page (double-sided); the Word file cannot know
        # where its pages end and leaves it on the odd last page (docs/decisions.md).
        moved = DOCS[name].colophon is not None and word % 2 == 1
        assert len(pdf.pages) in ((word, word + 1) if moved else (word,))
