"""附件 文件 reaches both outputs (issue 9, 6): an attached .pdf is appended to the PDF and shown
as full-page pictures in Word; an attached .docx is appended in Word and converted for the PDF
with LibreOffice, or the build fails naming the file and the fix. Built from real plans with a
small .pdf made by docgen itself and a small .docx made with python-docx, probed in both outputs.
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from attachment_support import SMALL_PLAN
from robust_support import LOCATED, run

from docgen import attached
from docgen import standard as L
from docgen.write.docx.pages import DPI
from docgen.write.letterhead import EMU_PER_PT

PDF_TEXT = "这是作为附件的PDF文件的正文"
DOCX_TEXT = "应急预案正文：发生火情时立即报告。"
PLAN = """文种: 工作方案
标题: 测试附件并入的方案
发文机关: 某局
成文日期: 2022-10-08
正文:
  - 标题: 总体要求
    内容: 按照要求做好工作。
附件:
  - 标题: 联络人名单
    内容: 办公室，张三。
  - 标题: 值班安排表
    文件: small.pdf
  - 标题: 应急预案
    文件: extra.docx
版记:
  抄送: 市委办公室
  印发机关: 某局办公室
  印发日期: 2022-10-08
"""


@dataclass
class Built:
    folder: Path
    docx: bytes
    pdf: bytes
    small_pages: int

    def pdf_pages_text(self) -> list[str]:
        with pdfplumber.open(io.BytesIO(self.pdf)) as pdf:
            return [p.extract_text() or "" for p in pdf.pages]

    def document_xml(self) -> str:
        with zipfile.ZipFile(io.BytesIO(self.docx)) as zf:
            return zf.read("word/document.xml").decode("utf-8")


def build(folder: Path, out: str) -> tuple[bytes, bytes]:
    result = run("build", folder / "plan.yaml", "-o", folder / out, "--format", "docx,pdf",
                 "--jobs", "1")
    assert result.code == 0, result.stderr
    return (folder / out / "plan.docx").read_bytes(), (folder / out / "plan.pdf").read_bytes()


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    if attached.soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    import docx

    folder = tmp_path_factory.mktemp("attach")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(attached, "cache_dir", lambda: folder / "cache")
        (folder / "small.yaml").write_text(SMALL_PLAN, encoding="utf-8")
        assert run("build", folder / "small.yaml", "-o", folder, "--format", "pdf").code == 0
        extra = docx.Document()
        extra.add_paragraph(DOCX_TEXT)
        extra.save(str(folder / "extra.docx"))
        (folder / "plan.yaml").write_text(PLAN, encoding="utf-8")
        word, pdf = build(folder, "out")
    with pdfplumber.open(folder / "small.pdf") as small:
        pages = len(small.pages)
    return Built(folder, word, pdf, pages)


def test_attached_pdf_pages_follow_their_label_page_in_the_pdf(built: Built) -> None:
    texts = built.pdf_pages_text()
    label = next(i for i, t in enumerate(texts) if t.startswith("附件2"))
    assert "值班安排表" in texts[label]
    assert PDF_TEXT in texts[label + 1]


def test_attached_docx_is_converted_into_the_pdf(built: Built) -> None:
    texts = built.pdf_pages_text()
    label = next(i for i, t in enumerate(texts) if t.startswith("附件3"))
    assert "应急预案正文" in texts[label + 1]


def test_page_numbers_run_on_through_attached_pages(built: Built) -> None:
    """GB/T 9704 N5: attachments bound with the body are numbered on, without a gap."""
    with pdfplumber.open(io.BytesIO(built.pdf)) as pdf:
        # body, 附件1, 附件2 label, small.pdf's pages, 附件3 label, extra.docx's page
        bound = 1 + 1 + 1 + built.small_pages + 1 + 1
        assert "应急预案正文" in (pdf.pages[bound - 1].extract_text() or "")
        for n, page in enumerate(pdf.pages[:bound], 1):
            # In drawing order docgen's number comes last (an attached page lies under it).
            foot = "".join(c["text"] for c in page.chars
                           if c["top"] > L.BODY_BOX_MM[3] * L.MM_PT)
            assert re.search(r"(\d+)\D*$", foot)[1] == str(n), (n, foot)


def test_attached_pdf_page_shows_only_docgens_page_number(built: Built) -> None:
    """The attached 公文's page 1 lands on docgen's page 4: its own "— 1 —" (odd: right) is gone
    from the text layer and from the page, docgen's "— 4 —" (even: left) is there."""
    import pypdfium2 as pdfium

    foot = L.BODY_BOX_MM[3] * L.MM_PT
    with pdfplumber.open(built.folder / "small.pdf") as small:
        (theirs,) = [c for c in small.pages[0].chars if c["top"] > foot and c["text"] == "1"]
    texts = built.pdf_pages_text()
    index = next(i for i, t in enumerate(texts) if PDF_TEXT in t)
    with pdfplumber.open(io.BytesIO(built.pdf)) as pdf:
        digits = [c for c in pdf.pages[index].chars if c["top"] > foot and c["text"].isdigit()]
    assert [c["text"] for c in digits] == [str(index + 1)]
    ours = digits[0]
    assert theirs["x0"] - ours["x0"] > 50 * L.MM_PT  # the two numbers stand on opposite sides
    image = pdfium.PdfDocument(built.pdf)[index].render(scale=2).to_pil().convert("L")

    def ink(c: dict) -> int:
        box = tuple(round(v * 2) for v in (c["x0"], c["top"], c["x1"], c["bottom"]))
        return 255 - image.crop(box).getextrema()[0]  # darkest pixel: 0 on white

    assert ink(ours) > 128
    assert ink(theirs) < 64


def test_pdf_with_attached_files_passes_verify(built: Built) -> None:
    path = built.folder / "out" / "plan.pdf"
    out = run("verify", path)
    assert out.code == 0, out.stdout


def test_attached_pdf_is_full_page_pictures_in_word(built: Built) -> None:
    xml = built.document_xml()
    anchors = re.findall(r"<wp:anchor\b.*?</wp:anchor>", xml)
    assert len(anchors) == built.small_pages
    a4 = (round(L.PAGE_W_MM * L.MM_PT * EMU_PER_PT), round(L.PAGE_H_MM * L.MM_PT * EMU_PER_PT))
    for a in anchors:
        assert 'behindDoc="1"' in a and 'relativeFrom="page"' in a
        assert f'<wp:extent cx="{a4[0]}" cy="{a4[1]}"/>' in a
    from PIL import Image

    with zipfile.ZipFile(io.BytesIO(built.docx)) as zf:
        media = sorted(n for n in zf.namelist() if n.startswith("word/media/"))
        assert len(media) == built.small_pages
        size = Image.open(io.BytesIO(zf.read(media[0]))).size
    assert size == (round(L.PAGE_W_MM * L.MM_PT * DPI / 72), round(L.PAGE_H_MM * L.MM_PT * DPI / 72))


def test_attached_docx_is_appended_in_word_on_a_page_of_its_own(built: Built) -> None:
    xml = built.document_xml()
    para = re.search(r"<w:p>(?:(?!</w:p>).)*" + DOCX_TEXT + r".*?</w:p>", xml)
    assert para and "<w:pageBreakBefore/>" in para.group(0)


def test_identical_input_gives_identical_bytes_with_attachments(built: Built) -> None:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(attached, "cache_dir", lambda: built.folder / "cache")
        attached._pages.cache_clear()
        word, pdf = build(built.folder, "again")
    assert word == built.docx
    assert pdf == built.pdf


def test_attachments_start_on_the_same_page_in_word_and_pdf(built: Built,
                                                                tmp_path: Path) -> None:
    (tmp_path / "plan.docx").write_bytes(built.docx)
    subprocess.run([shutil.which("soffice") or "soffice",
                    f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless",
                    "--convert-to", "pdf", "--outdir", str(tmp_path / "lo"),
                    str(tmp_path / "plan.docx")], capture_output=True, timeout=180, check=True)
    with pdfplumber.open(tmp_path / "lo" / "plan.pdf") as lo:
        word = [(p.extract_text() or "").replace(" ", "") for p in lo.pages]
    pdf = built.pdf_pages_text()

    def where(texts: list[str], needle: str) -> int:
        return next(i for i, t in enumerate(texts) if needle in t)

    # Every attachment starts on the same page in both (the 版记's even page is layout's).
    for needle in ("附件1", "附件2", "附件3", "应急预案正文"):
        assert where(word, needle) == where(pdf, needle), needle


def test_docx_attachment_without_libreoffice_fails_the_pdf_naming_the_file(
        built: Built, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attached, "soffice", lambda: None)
    monkeypatch.setattr(attached, "cache_dir", lambda: built.folder / "empty-cache")
    attached._pages.cache_clear()
    out = run("build", built.folder / "plan.yaml", "-o", built.folder / "nolo", "--format", "pdf",
              "--jobs", "1")
    assert out.code == 1
    (err,) = [m for m in LOCATED.finditer(out.stderr)]
    assert (Path(err["file"]).name, err["line"]) == ("plan.yaml", "14")
    assert "extra.docx" in err["msg"] and "LibreOffice" in err["msg"] and ".pdf" in err["msg"]
    assert not (built.folder / "nolo" / "plan.pdf").exists()
    assert run("build", built.folder / "plan.yaml", "-o", built.folder / "nolo", "--format",
               "docx", "--jobs", "1").code == 0


def test_check_warns_that_a_docx_attachment_needs_libreoffice_for_the_pdf(
        built: Built, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(attached, "soffice", lambda: None)
    monkeypatch.setattr(attached, "cache_dir", lambda: built.folder / "empty-cache")
    out = run("check", built.folder / "plan.yaml")
    assert out.code == 0  # a warning: the Word file can still be built
    warning = re.compile(r"^(?P<file>[^\n]+?):(?P<line>\d+):\d+: 警告：(?P<msg>.*LibreOffice.*)$", re.M)
    (warn,) = warning.finditer(out.stderr + out.stdout)
    assert (Path(warn["file"]).name, warn["line"]) == ("plan.yaml", "14")
    assert "extra.docx" in warn["msg"] and "--format docx" in warn["msg"]


def test_check_is_quiet_about_a_docx_attachment_libreoffice_can_convert(built: Built) -> None:
    out = run("check", built.folder / "plan.yaml")
    assert out.code == 0 and "LibreOffice" not in out.stderr + out.stdout
