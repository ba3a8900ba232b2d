"""GB/T 9704 geometry of the PDF writer, probed with pdfplumber (spec/GBT9704.md, PDF column)."""

from __future__ import annotations

import re

import pytest
from pdf_probe import (
    MM,
    L,
    baseline,
    body_lines,
    colour,
    footer_chars,
    full_lines,
    is_red,
    line_text,
    mm,
    render_pdf,
    units,
)


@pytest.fixture(scope="module")
def sample():
    return render_pdf("sample").pdf


def test_pages_are_a4(sample):
    for page in sample.pages:
        assert abs(page.width - L.PAGE_W_MM * MM) < 1
        assert abs(page.height - L.PAGE_H_MM * MM) < 1


def test_text_stays_inside_type_area(sample):
    x0, y0, x1, y1 = L.BODY_BOX_MM
    for page in sample.pages:
        for c in page.chars:
            if mm(c["top"]) > y1 + 1:  # page number, checked elsewhere
                continue
            assert x0 - 1 <= mm(c["x0"]) and mm(c["x1"]) <= x1 + 1, c["text"]
            assert y0 - 1 <= mm(c["top"]) and mm(c["bottom"]) <= y1 + 1, c["text"]


def test_line_pitch_is_28_95pt(sample):
    steps = []
    for page in sample.pages:
        bls = [baseline(page, ln[0]) for ln in body_lines(page)]
        steps += [(b - a) * MM for a, b in zip(bls, bls[1:], strict=False) if (b - a) * MM < 1.5 * L.LINE_PITCH_PT]
    assert len(steps) > 40
    assert all(abs(s - L.LINE_PITCH_PT) <= 0.3 for s in steps), sorted(set(round(s, 2) for s in steps))


def test_full_pages_hold_22_lines(sample):
    full = [p for p in sample.pages[1:] if len(body_lines(p)) >= 20]
    assert full, "the sample must have a full body page"
    for page in full:
        lines = body_lines(page)
        assert len(lines) == L.LINES_PER_PAGE
        assert abs(baseline(page, lines[0][0]) - 44.25) < 0.5  # first grid line (E3)
        assert abs(baseline(page, lines[-1][0]) - 258.73) < 0.5  # last grid line (E3)


def _indent_units(line) -> float:
    return 2.0 if mm(line[0]["x0"]) > L.BODY_BOX_MM[0] + 5 else 0.0


NO_START = set("，。、；：？！）》」』”’…—")


def test_full_lines_hold_28_characters(sample):
    lines = full_lines(sample)
    assert len(lines) >= 20  # enough wrapped lines for the share below to mean something
    short = []
    for _, line, nxt in lines:
        u = units(line) + _indent_units(line)
        assert u <= L.CHARS_PER_LINE, line_text(line)
        if u >= 27.5:
            continue
        # One character fewer is right when 避头尾 pushed it down with the punctuation after
        # it, or when a 黑体 run-in lead has wider digits than 仿宋 (楷体 leads' digits are 仿宋's).
        text = line_text(nxt)
        pushed = len(text) > 1 and text[1] in NO_START
        wide_digits = any(ch["text"].isdigit() and "Fang" not in ch["fontname"] for ch in line)
        assert u >= 26.5 and (pushed or wide_digits), (u, line_text(line))
        short.append(line)
    assert len(short) < len(lines) / 2


def test_full_lines_end_flush_at_type_area_right(sample):
    """Every wrapped line ends at 184 mm: needs write/cjk_justify.py (WeasyPrint only
    stretches spaces, so a line shortened by 避头尾 would end one character early)."""
    right = L.BODY_BOX_MM[2]
    for _, line, _ in full_lines(sample):
        assert abs(mm(line[-1]["x1"]) - right) <= 0.3, (mm(line[-1]["x1"]), line_text(line))


def test_cjk_justify_patch_spreads_short_lines():
    """The patch itself: without it a 避头尾 line ends short; with it, flush."""
    import io

    import pdfplumber

    from docgen.write import cjk_justify, pdf

    weasy, fc = pdf._weasy()
    text = "值" * 27 + "班，" + "值" * 10  # "班" cannot fit with "，" on line 1: pushed down
    html = ("<p style='width:442.2pt;margin:0;font:16pt/28.95pt FandolFang;"
            f"letter-spacing:-0.22pt;text-align:justify'>{text}</p>")

    def right_edge() -> float:
        data = weasy.HTML(string=html).write_pdf(font_config=fc)
        page = pdfplumber.open(io.BytesIO(data)).pages[0]
        first = min(round(c["top"]) for c in page.chars)
        return max(c["x1"] for c in page.chars if round(c["top"]) == first) - min(
            c["x0"] for c in page.chars)

    assert cjk_justify.installed()
    try:
        cjk_justify.inline.justify_line = cjk_justify._original
        unpatched = right_edge()
    finally:
        cjk_justify.install()
    patched = right_edge()
    assert 442.2 - unpatched > 10  # one character short without the patch
    assert abs(patched - 442.2) < 0.5


def test_title_is_22pt_centred_in_composer_lines(sample):
    from sample_document import sample_document

    page = sample.pages[0]
    chars = [c for c in page.chars if abs(c["size"] - L.TITLE_PT) < 0.5]
    lines: dict[float, list] = {}
    for c in chars:
        lines.setdefault(round(baseline(page, c), 1), []).append(c)
    got = ["".join(c["text"] for c in sorted(v, key=lambda c: c["x0"])) for _, v in sorted(lines.items())]
    assert tuple(got) == sample_document().title_lines
    for v in lines.values():
        centre = mm((min(c["x0"] for c in v) + max(c["x1"] for c in v)) / 2)
        assert abs(centre - (L.BODY_BOX_MM[0] + L.BODY_BOX_MM[2]) / 2) <= 1


def _line_starting(pdf, prefix):
    for page in pdf.pages:
        for line in body_lines(page):
            if line_text(line).startswith(prefix):
                return line
    raise AssertionError(prefix)


@pytest.mark.parametrize(("prefix", "face"), [
    ("一、指导思想", "Hei"), ("（四）提升政治站位", "Kai"), ("1.加强值守", "Fang"),
    ("（1）做好登记", "Fang"), ("为深入贯彻", "Fang")])
def test_heading_fonts_follow_level(sample, prefix, face):
    line = _line_starting(sample, prefix)
    for c in line[:len(prefix)]:
        assert face in c["fontname"].split("+")[-1], (c["text"], c["fontname"])


def test_run_in_lead_in_kai_then_body_in_fang(sample):
    line = _line_starting(sample, "（一）认真落实")
    assert "Kai" in line[0]["fontname"]
    assert "Fang" in line[-1]["fontname"]


def test_page_numbers_dash_size_and_position(sample):
    for i, page in enumerate(sample.pages, 1):
        foot = sorted(footer_chars(page), key=lambda c: c["x0"])
        text = "".join(c["text"] for c in foot)
        assert re.fullmatch(rf"—\s?{i}\s?—", text), text
        assert all(abs(c["size"] - L.PAGE_NO_PT) < 0.1 for c in foot)
        assert all("Song" in c["fontname"] for c in foot)
        assert abs(baseline(page, foot[0]) - 270.48) < 0.5
        if i % 2:
            assert abs(mm(foot[-1]["x1"]) - (L.BODY_BOX_MM[2] - L.PAGE_NO_INSET_MM)) < 0.3
        else:
            assert abs(mm(foot[0]["x0"]) - (L.BODY_BOX_MM[0] + L.PAGE_NO_INSET_MM)) < 0.3


def test_org_mark_red_in_an_exact_line_at_72mm_centred(sample):
    """The 标志 sits where LibreOffice puts it in the .docx: an exact line of its size
    whose top is 72 mm down, the face's ascent and descent scaled into it (baseline at
    s·a/(a+d) below the line's top; pdfplumber's `top` depends on the producer's descent)."""
    from docgen.document import Role
    from docgen.fonts import resolve

    red = [c for c in sample.pages[0].chars if is_red(colour(c))]
    assert "".join(c["text"] for c in red) == "某市机关事务管理局文件"
    info = resolve().roles[Role.TITLE].info
    size = red[0]["size"] / MM
    want = L.BODY_BOX_MM[1] + L.ORG_MARK_TOP_FROM_BODY_MM + size * info.ascent / (info.ascent + info.descent)
    assert abs(baseline(sample.pages[0], red[0]) - want) < 0.3
    centre = mm((min(c["x0"] for c in red) + max(c["x1"] for c in red)) / 2)
    assert abs(centre - 106) <= 1


def test_copy_no_secrecy_urgency_on_lines_1_to_3(sample):
    lines = body_lines(sample.pages[0])[:3]
    assert [line_text(x) for x in lines] == ["000001", "机密★1年", "特急"]
    for n, line in enumerate(lines):
        assert abs(mm(line[0]["x0"]) - L.BODY_BOX_MM[0]) < 0.3
        assert abs(baseline(sample.pages[0], line[0]) - (44.25 + n * L.LINE_PITCH_PT / MM)) < 0.5
    assert all("Hei" in c["fontname"] for c in lines[1] + lines[2])


def test_doc_number_two_lines_below_org_mark_and_centred(sample):
    page = sample.pages[0]
    red_bottom = max(mm(c["bottom"]) for c in page.chars if is_red(colour(c)))
    line = _line_starting(sample, "某机管〔2022〕15号")
    line_top = mm(line[0]["top"]) - mm((L.LINE_PITCH_PT - L.BODY_PT) / 2)
    assert abs(line_top - red_bottom - 2 * mm(L.LINE_PITCH_PT)) < 0.5 * mm(L.LINE_PITCH_PT)
    assert abs(mm((line[0]["x0"] + line[-1]["x1"]) / 2) - 106) <= 1


def test_red_rule_156mm_4mm_below_doc_number(sample):
    page = sample.pages[0]
    rules = [r for r in page.rects if is_red(r["non_stroking_color"])]
    assert len(rules) == 1
    rule = rules[0]
    assert abs(mm(rule["width"]) - L.BODY_W_MM) < 0.5 and abs(mm(rule["x0"]) - 28) < 0.3
    docno_bottom = max(mm(c["bottom"]) for c in _line_starting(sample, "某机管"))
    assert abs(mm(rule["top"]) - docno_bottom - L.RED_RULE_BELOW_DOCNO_MM) < 0.5


def _colophon_rules(page):
    return sorted((r for r in page.rects if not is_red(r["non_stroking_color"])
                   and abs(mm(r["width"]) - L.BODY_W_MM) < 1), key=lambda r: r["top"])


def test_colophon_rules_end_on_type_area_bottom(sample):
    last = sample.pages[-1]
    rules = _colophon_rules(last)
    assert [round(mm(r["height"]), 2) for r in rules] == [
        L.COLOPHON_THICK_MM, L.COLOPHON_THIN_MM, L.COLOPHON_THICK_MM]
    assert all(abs(mm(r["x0"]) - L.BODY_BOX_MM[0]) < 0.3 for r in rules)
    assert abs(mm(rules[-1]["bottom"]) - L.BODY_BOX_MM[3]) <= 0.3
    text = "".join(c["text"] for c in last.chars)
    assert "抄送：市委办公室，市政府办公室。" in text and "2022年10月8日印发" in text
    for p in sample.pages[:-1]:
        assert not _colophon_rules(p)


def test_colophon_on_even_page_when_double_sided(sample):
    assert len(sample.pages) % 2 == 0
    assert _colophon_rules(sample.pages[-1])


def test_blank_page_before_colophon_is_unnumbered():
    pdf = render_pdf("blank").pdf
    assert len(pdf.pages) == 4
    blank, last = pdf.pages[2], pdf.pages[3]
    assert not blank.chars and not blank.rects
    assert not footer_chars(last)
    assert abs(mm(_colophon_rules(last)[-1]["bottom"]) - L.BODY_BOX_MM[3]) <= 0.3
    assert "".join(c["text"] for c in footer_chars(pdf.pages[1])).replace(" ", "") == "—2—"


def test_colophon_after_odd_page_moves_to_numbered_even_page():
    pdf = render_pdf("odd").pdf
    assert len(pdf.pages) == 2
    assert not _colophon_rules(pdf.pages[0])
    assert _colophon_rules(pdf.pages[1])
    assert "".join(c["text"] for c in footer_chars(pdf.pages[1])).replace(" ", "") == "—2—"


def test_single_sided_colophon_stays_on_last_body_page():
    pdf = render_pdf("single").pdf
    assert len(pdf.pages) == 1
    assert abs(mm(_colophon_rules(pdf.pages[0])[-1]["bottom"]) - L.BODY_BOX_MM[3]) <= 0.3


def _pitch_mm() -> float:
    return mm(L.CHAR_PITCH_PT)


def test_unsealed_signature_two_chars_in_date_two_right(sample):
    org = _line_starting(sample, "某市机关事务管理局")
    date = _line_starting(sample, "2022年10月8日")
    assert abs(mm(org[-1]["x1"]) - (L.BODY_BOX_MM[2] - 2 * _pitch_mm())) < 1
    assert abs(mm(date[0]["x0"]) - mm(org[0]["x0"]) - 2 * _pitch_mm()) < 1


def test_sealed_date_four_chars_in_and_org_centred_on_it():
    pdf = render_pdf("sealed").pdf
    org = _line_starting(pdf, "某市机关事务管理局")
    date = _line_starting(pdf, "2022年10月8日")
    assert abs(mm(date[-1]["x1"]) - (L.BODY_BOX_MM[2] - 4 * _pitch_mm())) < 1
    centre = lambda ln: (ln[0]["x0"] + ln[-1]["x1"]) / 2  # noqa: E731
    assert abs(mm(centre(org) - centre(date))) < 0.5 * _pitch_mm()


def test_note_below_date_indented_two_chars(sample):
    note = _line_starting(sample, "（此件公开发布）")
    assert abs(mm(note[0]["x0"]) - (L.BODY_BOX_MM[0] + mm(L.INDENT_2C_PT))) < 0.5


def test_attachment_note_names_align_under_number(sample):
    first = _line_starting(sample, "附件：1.")
    second = _line_starting(sample, "2.联系人名单")
    one = next(c for c in first if c["text"] == "1")
    assert abs(mm(first[0]["x0"]) - (L.BODY_BOX_MM[0] + mm(L.INDENT_2C_PT))) < 0.5
    assert abs(second[0]["x0"] - one["x0"]) < 0.5 * MM


def test_attachments_start_new_page_label_line1_title_line3(sample):
    for label, title in (("附件1", "疫情防控任务分解表"), ("附件2", "联系人名单")):
        page = next(p for p in sample.pages if body_lines(p) and line_text(body_lines(p)[0]) == label)
        first = body_lines(page)[0]
        assert abs(baseline(page, first[0]) - 44.25) < 0.5 and "Hei" in first[0]["fontname"]
        t = [c for c in page.chars if abs(c["size"] - L.TITLE_PT) < 0.5]
        assert "".join(c["text"] for c in t) == title
        line3_top = L.BODY_BOX_MM[1] + 2 * mm(L.LINE_PITCH_PT)
        assert line3_top - 1 < min(mm(c["top"]) for c in t) < line3_top + mm(L.LINE_PITCH_PT)


def test_table_full_width_and_header_repeats():
    pdf = render_pdf("table").pdf
    assert len(pdf.pages) >= 2
    for page in pdf.pages:
        text = "".join(c["text"] for c in page.chars)
        assert "工作任务" in text
        xs = [e["x0"] for e in page.edges] + [e["x1"] for e in page.edges]
        assert abs(mm(min(xs)) - L.BODY_BOX_MM[0]) < 0.5
        assert abs(mm(max(xs)) - L.BODY_BOX_MM[2]) < 0.5


def test_all_fonts_embedded(sample):
    from pdfminer.pdftypes import resolve1

    seen = 0
    for page in sample.pages:
        fonts = resolve1(resolve1(page.page_obj.resources)["Font"])
        for ref in fonts.values():
            font = resolve1(ref)
            desc = font.get("FontDescriptor")
            if desc is None:
                desc = resolve1(resolve1(font["DescendantFonts"])[0])["FontDescriptor"]
            desc = resolve1(desc)
            assert any(k in desc for k in ("FontFile", "FontFile2", "FontFile3")), font
            seen += 1
    assert seen >= 5


def test_document_text_present_in_full(sample):
    from sample_document import sample_document

    from docgen.document import Paragraph, Table
    from docgen.fonts import document_text

    text = "".join(c["text"] for p in sample.pages for ln in body_lines(p) for c in ln)
    allchars = "".join(c["text"] for p in sample.pages for c in p.chars)
    doc = sample_document()
    for block in doc.body:
        if isinstance(block, Paragraph):
            assert re.sub(r"\s", "", block.text) in text, block.text
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row:
                    assert cell in allchars
    for _, piece, _ in document_text(doc):
        for ch in piece:
            if ch.strip() and ch not in "0123456789.签发人":
                assert ch in allchars, ch
