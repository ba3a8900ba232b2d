"""verify judges docgen's typesetting, not an attached file's own content (issue 9: attached
.pdf/.docx files in both outputs must pass every rule).

An office attaches what it has: a PDF with its own margins and a coloured heading, a .docx with
Word's Title and Heading styles. docgen marks the pages (PDF: a document-information key) and the
paragraphs (Word: hidden bookmarks) that show such a file; verify checks their page numbers only
and says so. Without the marks the same files fail P4/P5/F2 — the checks still run elsewhere.
"""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from docgen.api import documents_from_path
from docgen.attached import ATTACHED_BOOKMARK, ATTACHED_PAGES_KEY
from docgen.verify import Status, format_findings, verify_file
from docgen.write import RenderContext, docx, pdf

PLAN = """文种: 通知
标题: 关于做好应急值守工作的通知
发文机关: 某县应急管理局
成文日期: 2024-03-05
主送机关: 各乡镇人民政府
正文: 为做好应急值守工作，现将有关事项通知如下。请认真贯彻执行。
附件:
  - 标题: 值班安排表
    文件: 值班表.pdf
  - 标题: 应急预案
    文件: 预案.docx
"""


def _foreign_pdf(path: Path) -> None:
    """WeasyPrint's default margins (outside the 版心), a blue heading, a sans CJK face."""
    from weasyprint import HTML

    HTML(string='<body style="font-family: Noto Sans CJK SC"><h1 style="color:#1F497D">值班安排表</h1>'
                "<p>三月份值班人员安排如下，请各单位遵照执行。</p></body>").write_pdf(path)


def _word_file(path: Path) -> None:
    """python-docx's Title (blue, 26 pt, theme font) and unnumbered Heading 1."""
    import docx as python_docx

    d = python_docx.Document()
    d.add_heading("应急预案", 0)
    d.add_heading("组织机构", level=1)
    d.add_paragraph("成立应急工作领导小组，负责统一指挥。" * 4)
    d.save(str(path))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    if not shutil.which("soffice"):
        pytest.skip("LibreOffice (soffice) is not installed")
    folder = tmp_path_factory.mktemp("attached")
    _foreign_pdf(folder / "值班表.pdf")
    _word_file(folder / "预案.docx")
    (folder / "plan.yaml").write_text(PLAN, encoding="utf-8")
    doc = documents_from_path(folder / "plan.yaml")[0]
    out = {}
    for fmt, writer in (("docx", docx), ("pdf", pdf)):
        out[fmt] = folder / f"plan.{fmt}"
        out[fmt].write_bytes(writer.render(doc, RenderContext()))
    return out


def failing(path: Path) -> set[str]:
    return {f.rule for f in verify_file(path) if f.status is Status.FAIL}


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_attached_files_content_is_not_judged_in_either_output(outputs, fmt: str) -> None:
    findings = verify_file(outputs[fmt])
    assert not [f for f in findings if f.status is Status.FAIL], format_findings(findings)


def test_pdf_report_names_the_attached_pages(outputs) -> None:
    p4 = next(f for f in verify_file(outputs["pdf"]) if f.rule == "P4")
    assert "附上的文件，只查页码" in p4.measured


def test_attached_pages_still_need_their_page_numbers(outputs) -> None:
    n1 = next(f for f in verify_file(outputs["pdf"]) if f.rule == "N1")
    assert n1.status is Status.PASS and "页有「— N —」" in n1.measured


def test_unmarked_pdf_pages_are_judged(outputs, tmp_path: Path) -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(outputs["pdf"]))
    writer.add_metadata({ATTACHED_PAGES_KEY: ""})  # no page marked
    buf = io.BytesIO()
    writer.write(buf)
    (tmp_path / "unmarked.pdf").write_bytes(buf.getvalue())
    assert {"P4", "P5"} <= failing(tmp_path / "unmarked.pdf")


def test_unmarked_word_paragraphs_are_judged(outputs, tmp_path: Path) -> None:
    import re
    import zipfile

    src = zipfile.ZipFile(outputs["docx"])
    with zipfile.ZipFile(tmp_path / "unmarked.docx", "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            if name == "word/document.xml":
                assert ATTACHED_BOOKMARK.encode() in data
                data = re.sub(rb"<w:bookmark(Start|End) [^>]*w:id=\"9\d{4}\"[^>]*/>", b"", data)
            dst.writestr(name, data)
    assert "F2" in failing(tmp_path / "unmarked.docx")
