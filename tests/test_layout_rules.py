"""Layout decisions (docgen.layout) by rule: 版头 (H4, H6) and signature block (B6–B8, B10).

Each rule is checked on the decision itself, then on both outputs: the PDF (WeasyPrint) and the
.docx laid out by LibreOffice (one soffice call for the module), which must agree.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lo_support import MM, Page, render_both

from docgen import standard as S
from docgen.api import document_from_plan
from docgen.document import Letterhead, Signature
from docgen.layout.masthead import masthead, single_mark
from docgen.layout.signature import signature_block

C_MM = S.CHAR_ADVANCE_PT / MM  # one drawn character
EM_MM = S.BODY_PT / MM  # the standard's 字 in indents
FILLER = "为确保各项措施落到实处各科室要明确责任分工"

PLANS = {
    "long_mark": """
文种: 工作方案
标题: 某某区应急管理局安全生产工作方案
发文机关: 某某省某某市某某区应急管理局
成文日期: 2022-06-05
版头: {发文机关标志: 某某省某某市某某区应急管理局文件, 发文字号: 某机管〔2022〕15号, 签发人: [李四, 王五, 赵六]}
导语: 为做好安全生产工作，特制定本方案。
""",
    "joint": """
文种: 通告
标题: 关于做好春节期间疫情防控工作的通告
发文机关: [某市教育局, 某市财政局, 某市人力资源和社会保障局]
成文日期: 2021-01-20
版头: {发文字号: 某教发〔2021〕3号}
缘由: 近期境外疫情持续扩散蔓延
事项: [提倡就地过节，错峰返乡。]
""",
    "signed": """
文种: 工作方案
标题: 安全生产工作方案
发文机关: 某县应急管理局
成文日期: 2022-06-05
印章: 签名章
版头: {发文机关标志: 某县应急管理局文件, 发文字号: 某应急〔2022〕7号, 签发人: 李四（局长）}
导语: 为做好安全生产工作，特制定本方案。
""",
    # 19 full body lines fill page 1 after a one-line title: the 署名 and date would start page 2
    "keep": f"""
文种: 工作方案
标题: 安全生产工作方案
发文机关: 某县应急管理局
成文日期: 2022-06-05
导语: {(FILLER * 27)[:529]}。
""",
}


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> dict[str, dict[str, list[Page]]]:
    work = tmp_path_factory.mktemp("layout-rules")
    docs = {}
    for name, text in PLANS.items():
        path = work / f"{name}.yaml"
        path.write_text(text, encoding="utf-8")
        docs[name] = document_from_plan(path)
    from pdf_probe import lines_document

    docs["blank"] = lines_document(40)  # body ends on page 2 (even), no room for the 版记
    docs["odd"] = lines_document(10)  # body ends on page 1 (odd)
    return render_both(docs, work / "out")


BOTH = ["pdf", "docx"]


def find(pages: list[Page], text: str):
    for page in pages:
        for ln in page.body:
            if ln.text == text and not ln.red:
                return page, ln
    raise AssertionError(f"{text} not found")


# -- H4 发文机关标志 ------------------------------------------------------------------------------

def test_H4_long_mark_is_condensed_before_it_is_reduced() -> None:
    mark = single_mark("某某省某某市某某区应急管理局文件")  # 16 characters: 576 pt at 36 pt
    (line,) = mark.lines
    assert line.scale_pct == S.ORG_MARK_MIN_SCALE_PCT and line.size_pt < S.ORG_MARK_PT
    assert line.width_pt <= S.BODY_W_PT
    short = single_mark("某县应急管理局文件").lines[0]
    assert (short.size_pt, short.scale_pct) == (S.ORG_MARK_PT, 100)
    slight = single_mark("某某市某某区应急管理局文件").lines[0]  # 13: condensing alone fits
    assert slight.size_pt == S.ORG_MARK_PT and 80 <= slight.scale_pct < 100


@pytest.mark.parametrize("n", [8, 14, 20, 26, 34])
def test_H4_any_mark_fits_one_line(n: int) -> None:
    (line,) = single_mark(("某" * n)[:-2] + "文件").lines
    assert line.width_pt <= S.BODY_W_PT and line.size_pt >= S.ORG_MARK_MIN_PT


@pytest.mark.parametrize("fmt", BOTH)
def test_H4_one_agency_mark_on_one_line_same_in_both(out, fmt: str) -> None:
    red = [ln for ln in out["long_mark"][fmt][0].body if ln.red]
    assert len(red) == 1 and red[0].text == "某某省某某市某某区应急管理局文件"
    other = [ln for ln in out["long_mark"]["docx" if fmt == "pdf" else "pdf"][0].body if ln.red][0]
    assert abs(red[0].size - other.size) <= 0.5
    assert abs(red[0].x0 - other.x0) <= 1 and abs(red[0].x1 - other.x1) <= 1
    assert red[0].x0 >= 27 and red[0].x1 <= 185
    assert abs((red[0].x0 + red[0].x1) / 2 - 106) <= 1


@pytest.mark.parametrize("fmt", BOTH)
def test_H4_joint_names_one_a_line_with_wenjian_right_and_centred(out, fmt: str) -> None:
    chars = [c for ln in out["joint"][fmt][0].body if ln.red for c in ln.chars]
    suffix = sorted(chars, key=lambda c: c["x0"])[-2:]
    assert "".join(c["text"] for c in suffix) == "文件"
    names = [c for c in chars if c not in suffix]
    rows = sorted({round(c["top"] / MM) for c in names})
    assert len(rows) == 3  # one agency a line
    top, bottom = min(c["top"] for c in names), max(c["bottom"] for c in names)
    mid = (suffix[0]["top"] + suffix[0]["bottom"]) / 2
    assert abs(mid - (top + bottom) / 2) / MM <= 1.5  # 文件 vertically centred on the names
    assert suffix[0]["x0"] > max(c["x1"] for c in names)
    pdf_first = [ln for ln in out["joint"]["pdf"][0].body if ln.red][0]
    if fmt == "pdf":
        assert abs(min(c["top"] for c in pdf_first.chars) / MM - 72) <= 1.5
    else:  # LibreOffice's glyph boxes are not the font's: compare baselines with the PDF
        first = [ln for ln in out["joint"]["docx"][0].body if ln.red][0]
        assert abs(first.baseline - pdf_first.baseline) <= 2.5


# -- H6 签发人 ------------------------------------------------------------------------------------

def test_H6_signers_two_a_line_docno_on_the_last() -> None:
    m = masthead(Letterhead(org_mark="某局文件", doc_number="某〔2022〕1号",
                            signers=("李四", "王五", "赵六")))
    first, last = m.docno_lines
    assert first.names == ("李四", "王五") and first.label == "签发人：" and not first.docno
    assert last.names == ("赵六",) and last.docno == "某〔2022〕1号" and last.docno_align == "left"
    assert first.names_x_pt == last.names_x_pt


@pytest.mark.parametrize("fmt", BOTH)
def test_H6_docno_and_signers_share_a_line_and_never_wrap(out, fmt: str) -> None:
    lines = out["long_mark"][fmt][0].body
    first = next(ln for ln in lines if "签发人" in ln.text)
    last = next(ln for ln in lines if "某机管〔2022〕15号" in ln.text)
    assert first.text.endswith("签发人：李四　王五") or first.text.endswith("签发人：李四王五")
    assert last.text.endswith("赵六") and last.baseline > first.baseline  # 字号 on the last line
    assert abs(last.x0 - (28 + EM_MM)) <= 1  # 发文字号 1 character in
    assert abs(first.x1 - (184 - EM_MM)) <= 1.5  # names end 1 character in
    li4 = next(c for c in first.chars if c["text"] == "李")
    zhao = next(c for c in last.chars if c["text"] == "赵")
    assert abs(li4["x0"] - zhao["x0"]) / MM <= 0.5  # wrapped names align under the first


# -- B6–B8 署名 and 成文日期 ---------------------------------------------------------------------

def test_B7_unsealed_date_is_placed_by_its_first_character() -> None:
    right = S.BODY_W_PT - 2 * S.BODY_PT  # 右空二字
    org, date = signature_block(Signature("某市机关事务管理局", "2022年6月5日")).lines
    assert org.align == date.align == "left"
    assert abs(date.x_pt - org.x_pt - 2 * S.CHAR_ADVANCE_PT) < 0.01
    assert abs(org.x_pt + 9 * S.CHAR_ADVANCE_PT - right) < 0.01
    # a date longer than the 署名 allows: the date ends 2 characters in, the 署名 moves left
    org, date = signature_block(Signature("某县应急管理局", "2022年10月18日")).lines
    assert abs(date.x_pt - org.x_pt - 2 * S.CHAR_ADVANCE_PT) < 0.01
    assert abs(date.x_pt + 7 * S.CHAR_ADVANCE_PT - right) < 0.01


def test_B6_sealed_date_ends_four_characters_in() -> None:
    org, date = signature_block(Signature("某县应急管理局", "2022年10月18日", sealed=True)).lines
    assert date.align == "right" and date.x_pt == 4 * S.BODY_PT and org.align == "right"


@pytest.mark.parametrize("fmt", BOTH)
def test_B7_unsealed_date_two_characters_right_of_the_org_in_both(out, fmt: str) -> None:
    _, org = find(out["long_mark"][fmt], "某某省某某市某某区应急管理局")
    _, date = find(out["long_mark"][fmt], "2022年6月5日")
    assert abs(org.x1 - (184 - 2 * EM_MM)) <= 1
    assert abs(date.x0 - (org.x0 + 2 * C_MM)) <= 0.5  # also where digits get wider


@pytest.mark.parametrize("fmt", BOTH)
def test_B7_joint_orgs_stacked_host_first(out, fmt: str) -> None:
    pages = out["joint"][fmt]
    lines = [find(pages, t)[1] for t in ("某市教育局", "某市财政局", "某市人力资源和社会保障局")]
    assert lines[0].baseline < lines[1].baseline < lines[2].baseline
    for ln in lines:
        assert abs(ln.x1 - (184 - 2 * EM_MM)) <= 1
    _, date = find(pages, "2021年1月20日")
    assert abs(date.x0 - (lines[2].x0 + 2 * C_MM)) <= 0.5


@pytest.mark.parametrize("fmt", BOTH)
def test_B8_signed_title_and_name_then_date_four_characters_in(out, fmt: str) -> None:
    _, signer = find(out["signed"][fmt], "局长　　李四")
    _, date = find(out["signed"][fmt], "2022年6月5日")
    assert abs(signer.x1 - (184 - 4 * EM_MM)) <= 1
    assert abs(date.x1 - (184 - 4 * EM_MM)) <= 1.5
    assert 19 <= date.baseline - signer.baseline <= 22  # one blank line between


@pytest.mark.parametrize("fmt", BOTH)
def test_B10_a_page_never_holds_only_the_org_and_date(out, fmt: str) -> None:
    """The last body line goes with the 署名 in both outputs (layout's page break inside the
    last paragraph, which LibreOffice renders as Word does, unlike keep-with-next)."""
    pages = out["keep"][fmt]
    page, org = find(pages, "某县应急管理局")
    above = [ln for ln in page.body if ln.baseline < org.baseline]
    assert above, f"page {page.number} starts with the 署名"
    assert len(pages) == 2


def test_B10_word_breaks_the_page_inside_the_last_paragraph(tmp_path: Path) -> None:
    """Word: the carried line is a paragraph of its own that starts a page without first-line
    indent, the lines before it end justified to the right edge (w:jc distribute), and every
    signature line keeps with the next."""
    import re
    import zipfile

    from docgen.write import RenderContext, docx

    path = tmp_path / "k.yaml"
    path.write_text(PLANS["keep"], encoding="utf-8")
    data = docx.render(document_from_plan(path), RenderContext())
    xml = zipfile.ZipFile(__import__("io").BytesIO(data)).read("word/document.xml").decode()
    paras = re.findall(r"<w:p>.*?</w:p>", xml)
    i = next(k for k, p in enumerate(paras) if "某县应急管理局" in p and "GwSignature" in p)
    assert "<w:pageBreakBefore/>" in paras[i - 1] and 'w:firstLine="0"' in paras[i - 1]
    assert '<w:jc w:val="distribute"/>' in paras[i - 2]
    assert "<w:keepNext/>" in paras[i]


def _styles(runs) -> list[tuple]:
    """Font role and bold of every character."""
    return [(r.role, r.bold) for r in runs for _ in r.text]


def test_B10_carried_line_split_keeps_text_runs_and_the_model_lines() -> None:
    """A paragraph cut after its k-th line (layout.pages.split_paragraph): head + tail is the
    paragraph's text with each run's font and bold kept across the cut; the head is exactly
    the model's first k lines; the tail carries no outline level (it is not a new heading)."""
    from docgen.document import Kind, Paragraph, Role, Run
    from docgen.layout.pages import break_lines, split_paragraph

    lead = Run("（一）加强组织领导。", Role.KAI)
    text = "各单位要切实提高政治站位，把这项工作作为当前的重大政治任务来抓，" * 3
    p = Paragraph(Kind.BODY, (lead, Run(text[:40]), Run(text[40:], bold=True)), level=2)
    kai = tuple(r.role is Role.KAI for r in p.runs for _ in r.text)
    lines = break_lines(p.text, S.CHARS_PER_LINE, S.CHARS_PER_LINE - 2, kai)
    assert len(lines) >= 4
    for k in (1, 2, len(lines) - 1):
        sp = split_paragraph(p, k)
        assert sp.head.text == "".join(lines[:k]) and sp.head.text + sp.tail.text == p.text
        assert _styles(sp.head.runs + sp.tail.runs) == _styles(p.runs)
        assert sp.head.level == 2 and sp.tail.level is None


# -- 版心: 22 whole grid lines -------------------------------------------------------------------

def test_page_holds_22_whole_grid_lines_and_no_line_past_the_22nd() -> None:
    """Word's and LibreOffice's `lines` grid ends a page at its 22nd grid line (636.9 pt), not at
    the 版心's 225 mm (637.8 pt): a line ending 0.3 pt past it goes to the next page, in the
    model as in both writers (corpus-t195 was a page longer in Word)."""
    from docgen.layout.pages import PAGE_H, _Flow

    assert abs(PAGE_H - S.LINES_PER_PAGE * S.LINE_PITCH_PT) < 1e-9
    flow = _Flow()
    flow.lines(S.LINES_PER_PAGE)
    assert flow.page == 1
    flow.lines(1)
    assert (flow.page, flow.y) == (2, S.LINE_PITCH_PT)
    shifted = _Flow()
    shifted.y = 0.3  # a 版头 whose height is not whole grid lines
    shifted.lines(S.LINES_PER_PAGE)
    assert shifted.page == 2


# -- J5 / N6 版记 page and unnumbered pages -------------------------------------------------------

def test_J5_layout_decides_where_the_colophon_goes() -> None:
    from pdf_probe import lines_document

    from docgen.layout import lay_out

    blank = lay_out(lines_document(40)).pages
    assert (blank.body_pages, blank.colophon, blank.blank_before) == (2, "own-page", True)
    assert blank.unnumbered == (3, 4) and blank.total == 4
    odd = lay_out(lines_document(10)).pages
    assert (odd.body_pages, odd.colophon, odd.blank_before, odd.unnumbered) == (1, "own-page", False, ())


@pytest.mark.parametrize("fmt", BOTH)
def test_J5_colophon_on_an_even_page_in_both(out, fmt: str) -> None:
    for name in ("blank", "odd"):
        pages = out[name][fmt]
        assert len(pages) % 2 == 0
        assert any(ln.text.endswith("印发") for ln in pages[-1].body)


@pytest.mark.parametrize("fmt", BOTH)
def test_N6_blank_page_and_the_colophon_page_after_it_carry_no_number(out, fmt: str) -> None:
    pages = out["blank"][fmt]
    assert [p.footer for p in pages] == ["—1—", "—2—", "", ""]
    assert not pages[2].body  # the blank page
    odd = out["odd"][fmt]
    assert [p.footer for p in odd] == ["—1—", "—2—"]  # no blank page: the 版记 page is numbered


def test_J5_minutes_attendance_list_counts_its_blank_line_and_hanging_wraps() -> None:
    """纪要 (§10.3): the page model gives the 出席/请假 list the blank line both writers put above
    it, and wraps its names after the label's ：(2 + 3 characters in), as both writers draw it."""
    from docgen.document import Kind, Paragraph, Role, Run
    from docgen.layout.pages import LINE, _blocks, _Flow, paragraph_breaks

    names = "、".join(["欧阳志远", "司马长青", "张伟", "上官晓明"] * 4)
    present = Paragraph(Kind.ATTENDANCE, (Run("出席：", Role.HEI), Run(names)))
    absent = Paragraph(Kind.ATTENDANCE, (Run("请假：", Role.HEI), Run("李四")))
    lines = paragraph_breaks(present)
    assert len(lines) == 4  # 74 characters: 26 on the first line, then 23 a line (28: 3 lines)
    assert lines[0].startswith("出席：") and all(S.text_width(ln) <= 23 for ln in lines[1:])
    flow = _Flow()
    _blocks(flow, (Paragraph(Kind.BODY, (Run(FILLER),)), present, absent), [])
    assert flow.y == pytest.approx((1 + 1 + 4 + 1) * LINE)  # body, blank line, 出席 (4), 请假 (no second blank)
