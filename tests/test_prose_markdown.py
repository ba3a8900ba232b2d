"""Prose fields are Markdown: emphasis reaches every output, what a 公文 cannot hold is refused."""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from docx_support import NS, Docx, q, text_of

from docgen.api import document_from_plan
from docgen.document import Paragraph
from docgen.errors import DocgenError
from docgen.write import RenderContext

HEAD = "文种: 工作方案\n标题: 测试方案\n发文机关: 某局\n成文日期: 2022-10-08\n"
EMPHASIS = HEAD + (
    "导语: 为做好工作，**特制定本方案**。\n"
    "正文:\n"
    "  - 标题: 工作要求\n"
    "    内容: |\n"
    "      各科室要*高度重视*，**严格落实**\n"
    "      值班制度。\n"
    "\n"
    "      第二段照常。\n"
)


@pytest.fixture(scope="module")
def doc(tmp_path_factory):
    path = tmp_path_factory.mktemp("md") / "plan.yaml"
    path.write_text(EMPHASIS, encoding="utf-8")
    return document_from_plan(path)


def _para(doc, start: str) -> Paragraph:
    return next(p for p in doc.paragraphs() if p.text.startswith(start))


def test_double_asterisks_make_a_bold_run(doc) -> None:
    runs = _para(doc, "为做好工作").runs
    assert [(r.text, r.bold) for r in runs] == [
        ("为做好工作，", False), ("特制定本方案", True), ("。", False)]


def test_single_asterisks_make_an_italic_run_and_lines_join_without_spaces(doc) -> None:
    p = _para(doc, "各科室要")
    assert p.text == "各科室要高度重视，严格落实值班制度。"
    assert [r.text for r in p.runs if r.italic] == ["高度重视"]
    assert [r.text for r in p.runs if r.bold] == ["严格落实"]
    assert _para(doc, "第二段").text == "第二段照常。"


def test_no_markdown_marker_reaches_the_text(doc) -> None:
    for p in doc.paragraphs():
        assert "*" not in p.text


def test_word_marks_the_bold_and_italic_runs(doc) -> None:
    from docgen.write.docx import render

    d = Docx(render(doc, RenderContext()))
    p = next(p for p in d.body_paragraphs() if text_of(p).startswith("各科室要"))
    got = {"".join(r.itertext()): (r.find("w:rPr/w:b", NS) is not None,
                                   r.find("w:rPr/w:i", NS) is not None)
           for r in p.findall("w:r", NS)}
    assert got["严格落实"] == (True, False)
    assert got["高度重视"] == (False, True)
    assert got["各科室要"] == (False, False)
    assert all(r.find("w:rPr/w:rFonts", NS).get(q("eastAsia")) for r in p.findall("w:r", NS))


def test_html_marks_bold_as_strong_and_italic_as_em(doc) -> None:
    from docgen.write import html

    page = html.render(doc, RenderContext()).decode("utf-8")
    assert re.search(r"<strong[^>]*>特制定本方案</strong>", page)
    assert re.search(r"<em[^>]*>高度重视</em>", page)


def test_bold_is_visibly_bolder_in_the_pdf(doc) -> None:
    """Ink of the bold run against the same characters set plain (the fonts have no bold face)."""
    import pdfplumber

    from docgen.write import pdf

    data = pdf.render(doc, RenderContext())
    with pdfplumber.open(io.BytesIO(data)) as pp:
        page = pp.pages[0]
        chars = page.chars
        text = "".join(c["text"] for c in chars)
        bold_at = text.index("严格落实")
        plain_at = text.index("值班制度")

        def ink(i: int) -> int:
            cs = chars[i:i + 4]
            box = (cs[0]["x0"], min(c["top"] for c in cs), cs[-1]["x1"],
                   max(c["bottom"] for c in cs))
            img = page.crop(box).to_image(resolution=200).original.convert("L")
            return sum(img.histogram()[:128])

        assert ink(bold_at) > 1.2 * ink(plain_at)


REFUSED = [
    ("# 工作目标", "标题"),
    ("工作目标\n---", "标题"),
    ("- 第一项\n- 第二项", "列表"),
    ("1. 第一项", "编号列表"),
    ("详见[通知](https://example.cn/a)。", "链接"),
    ("![示意图](a.png)", "图片"),
    ("用`print()`输出。", "代码"),
    ("```\n代码\n```", "代码"),
    ("> 引用的话", "引用"),
    ("<span>文字</span>", "HTML"),
]


@pytest.mark.parametrize("text,what", REFUSED)
def test_markdown_a_gongwen_cannot_hold_is_a_located_error(tmp_path: Path, text: str,
                                                           what: str) -> None:
    block = "\n".join("      " + ln for ln in text.split("\n"))
    path = tmp_path / "plan.yaml"
    path.write_text(HEAD + "正文:\n  - 标题: 工作目标\n    内容: |\n" + block + "\n",
                    encoding="utf-8")
    with pytest.raises(DocgenError) as exc:
        document_from_plan(path)
    (problem,) = exc.value.problems
    assert (problem.loc.line, problem.loc.col) == (7, 9)
    assert what in problem.message and "不能" in problem.message


def test_check_reports_refused_markdown_with_file_line_col(cli, write_plan) -> None:
    result = cli("check", write_plan(HEAD + "导语: \"## 背景\"\n"))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert re.search(r"plan\.yaml:5:5: 错误：公文正文里不能有标题", result.stderr), result.stderr


def test_plain_prose_with_markdown_lookalikes_stays_text(tmp_path: Path) -> None:
    path = tmp_path / "plan.yaml"
    path.write_text(HEAD + "导语: 体温<37.3℃、2022-10-08至2022-11-01、1.5万元、A&B 照常。\n",
                    encoding="utf-8")
    p = next(iter(document_from_plan(path).paragraphs()))
    assert p.text == "体温<37.3℃、2022-10-08至2022-11-01、1.5万元、A&B 照常。"
