"""A 通知 that forwards (转发) or issues (印发) a .pdf/.docx file: both outputs carry the file's
pages right after the notice's 成文日期, page numbers running on (GB/T 9704 N5), the 版记 on a
page of its own after them. PDF: the file's pages drawn on placeholder pages (the attachment
mechanism); Word: an issued .pdf as full-page pictures, an issued .docx appended as Word text.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from conftest import run_cli

FILE_TEXT = "上级机关关于做好防汛工作的通知第{}页"
PLAN = """文种: 通知
标题: 关于转发《上级机关关于做好防汛工作的通知》的通知
发文机关: 某镇人民政府
成文日期: 2023-05-10
主送机关: 各村委会
正文: 现将上级通知转发给你们，请认真贯彻落实。
转发: {file}
版记: {{印发机关: 某镇党政办公室, 印发日期: 2023-05-10}}
"""


def forwarded_pdf(path: Path, pages: int = 2) -> None:
    """A small A4 PDF of `pages` pages, each saying which page it is (WeasyPrint)."""
    from weasyprint import HTML

    body = "".join(f'<p style="break-before: page">{FILE_TEXT.format(n)}</p>' for n in range(1, pages + 1))
    HTML(string=f"<html><body>{body}</body></html>").write_pdf(str(path))


@pytest.fixture(scope="module")
def built_pdf_file(tmp_path_factory) -> tuple[Path, str]:
    folder = tmp_path_factory.mktemp("forward-pdf")
    forwarded_pdf(folder / "上级通知.pdf")
    (folder / "zhuanfa.yaml").write_text(PLAN.format(file="上级通知.pdf"), encoding="utf-8")
    result = run_cli("build", folder / "zhuanfa.yaml", "-o", folder / "out", "--format", "docx,pdf")
    assert result.returncode == 0, result.stderr
    return folder / "out", result.stderr


def page_texts(path: Path) -> list[str]:
    with pdfplumber.open(path) as pdf:
        return [(p.extract_text() or "").replace(" ", "") for p in pdf.pages]


def test_forwarded_pdf_pages_follow_the_notice_in_the_pdf(built_pdf_file) -> None:
    out, _ = built_pdf_file
    texts = page_texts(out / "zhuanfa.pdf")
    first = next(i for i, t in enumerate(texts) if FILE_TEXT.format(1) in t)
    assert "2023年5月10日" in texts[first - 1]  # right after the notice's date
    assert FILE_TEXT.format(2) in texts[first + 1]
    # one placeholder page per page of the file, the 版记 on a page of its own after them
    assert len(texts) == first + 3 + (1 if (first + 3) % 2 else 0)
    assert "印发" in texts[-1] and FILE_TEXT.format(2) not in texts[-1]


def test_page_numbers_run_on_through_the_forwarded_pdf(built_pdf_file) -> None:
    out, _ = built_pdf_file
    texts = page_texts(out / "zhuanfa.pdf")
    first = next(i for i, t in enumerate(texts) if FILE_TEXT.format(1) in t)
    for i in (first, first + 1):
        assert re.search(rf"—{i + 1}—", texts[i]), texts[i]


def test_forwarded_pdf_becomes_full_page_pictures_in_word(built_pdf_file) -> None:
    out, stderr = built_pdf_file
    with zipfile.ZipFile(out / "zhuanfa.docx") as z:
        media = sorted(n for n in z.namelist() if n.startswith("word/media/page"))
        xml = z.read("word/document.xml").decode()
    assert len(media) == 2
    date = xml.index("2023年5月10日")
    pictures = [m.start() for m in re.finditer(r'<pic:cNvPr id="\d+" name="转发的文件 第\d页"', xml)]
    assert len(pictures) == 2 and all(p > date for p in pictures)
    assert xml.count('relativeFrom="page"') >= 4  # anchored at the page corner, full page
    assert "只并入" not in stderr and "只在 Word" not in stderr  # no more "PDF lacks it" warning


@pytest.mark.skipif(not shutil.which("soffice"), reason="LibreOffice (soffice) is not installed")
def test_forwarded_docx_reaches_the_pdf(tmp_path: Path) -> None:
    import docx

    upper = docx.Document()
    upper.add_paragraph(FILE_TEXT.format(1))
    upper.save(str(tmp_path / "上级通知.docx"))
    (tmp_path / "zhuanfa.yaml").write_text(PLAN.format(file="上级通知.docx"), encoding="utf-8")
    result = run_cli("build", tmp_path / "zhuanfa.yaml", "-o", tmp_path / "out", "--format", "pdf")
    assert result.returncode == 0, result.stderr
    texts = page_texts(tmp_path / "out" / "zhuanfa.pdf")
    first = next(i for i, t in enumerate(texts) if FILE_TEXT.format(1) in t)
    assert "2023年5月10日" in texts[first - 1] and re.search(rf"—{first + 1}—", texts[first])


def test_an_unreadable_forwarded_pdf_is_named_as_the_forwarded_file(tmp_path: Path) -> None:
    from docgen import attached
    from docgen.document import Issued
    from docgen.errors import DocgenError

    bad = tmp_path / "上级通知.pdf"
    bad.write_bytes(b"%PDF-1.4 not really")
    with pytest.raises(DocgenError) as exc:
        attached.issued_pages(Issued("转发", file=str(bad)))
    (problem,) = exc.value.problems
    assert problem.message.startswith("转发的文件“上级通知.pdf”不是完好的 PDF"), problem.message
    assert "附件" not in problem.message
