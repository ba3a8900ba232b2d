"""Layout's page decision reaches documents with an issued part (印发/转发) and attached files
(issue 9 item 4, spec J5/N6): the grid model's page count and the 版记's page are what the PDF
(pdfplumber) and the .docx laid out by LibreOffice show, and the 版记 is on an even page.

Plans: 印发通知 of generated 工作方案 (tests/corpus.py seeds chosen so the 版记 lands at the
bottom, on a page of its own, and after a blank page), plans with an attached .pdf made by
docgen itself, and 转发通知 of a .pdf and of a .docx (made with python-docx). One WeasyPrint
render each and one soffice call for all (plus one converting the forwarded .docx).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from attachment_support import SMALL_PLAN
from corpus import plan_text
from lo_support import WARNINGS, Page, render_both

from docgen import attached
from docgen.api import documents_from_path
from docgen.layout import lay_out
from docgen.write import RenderContext, pdf

NOTICE = """文种: 通知
标题: 关于印发《{title}》的通知
发文机关: 某市机关事务管理局
成文日期: 2022-06-28
版头:
  发文机关标志: 某市机关事务管理局文件
  发文字号: 某机管〔2022〕16号
主送机关: 局机关各科室、局属各单位
正文: 现将《{title}》印发给你们，请结合实际，认真贯彻执行。
印发: {file}
版记:
  抄送: 市委办公室，市政府办公室
  印发机关: 某市机关事务管理局办公室
  印发日期: 2022-06-28
"""
ATTACHED = """文种: 工作方案
标题: 测试附件并入的方案
发文机关: 某局
成文日期: 2022-10-08
正文:
  - 标题: 总体要求
    内容: 按照要求做好工作。
附件:
{notes}  - 标题: 值班安排表
    文件: small.pdf
版记:
  抄送: 市委办公室
  印发机关: 某局办公室
  印发日期: 2022-10-08
"""
NOTE = "  - 标题: 名单{n}\n    内容: 办公室，张三。\n"
FORWARD = """文种: 通知
标题: 关于转发《应急预案》的通知
发文机关: 某市机关事务管理局
成文日期: 2022-06-28
主送机关: 局机关各科室、局属各单位
正文: 现将《应急预案》转发给你们，请结合实际，认真贯彻执行。
转发: {file}
版记:
  抄送: 市委办公室，市政府办公室
  印发机关: 某市机关事务管理局办公室
  印发日期: 2022-06-28
"""
ISSUED_SEEDS = {3: "bottom", 14: "own-page", 28: "blank"}  # where the 版记 goes (checked)
ATTACHED_NOTES = {1: "blank", 2: "own-page"}  # 附件 before the file: odd/even body end
EXPECTED = {f"yinfa-{s:03d}": k for s, k in ISSUED_SEEDS.items()} | {
    f"attached-{n}": k for n, k in ATTACHED_NOTES.items()} | {
    "forward-pdf": "blank", "forward-docx": "blank"}  # 1 + 1 pages: a blank page, then the 版记
NAMES = list(EXPECTED)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    if attached.soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    import docx

    folder = tmp_path_factory.mktemp("pages-files")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(attached, "cache_dir", lambda: folder / "cache")
        return _build(folder, docx)


def _build(folder: Path, docx):
    paths = []
    for seed in ISSUED_SEEDS:
        inner = plan_text(seed)
        title = inner.splitlines()[1].split(": ", 1)[1].strip('"')
        (folder / f"inner-{seed:03d}.yaml").write_text(inner, encoding="utf-8")
        path = folder / f"yinfa-{seed:03d}.yaml"
        path.write_text(NOTICE.format(title=title, file=f"inner-{seed:03d}.yaml"), encoding="utf-8")
        paths.append(path)
    small = documents_from_path(_write(folder / "small.yaml", SMALL_PLAN))[0]
    (folder / "small.pdf").write_bytes(pdf.render(small, RenderContext()))
    for n in ATTACHED_NOTES:
        text = ATTACHED.format(notes="".join(NOTE.format(n=k) for k in range(1, n + 1)))
        paths.append(_write(folder / f"attached-{n}.yaml", text))
    plan = docx.Document()
    plan.add_paragraph("应急预案正文：发生火情时立即报告。")
    plan.save(str(folder / "plan.docx"))
    for suffix, file in (("pdf", "small.pdf"), ("docx", "plan.docx")):
        paths.append(_write(folder / f"forward-{suffix}.yaml", FORWARD.format(file=file)))
    docs = {p.stem: documents_from_path(p)[0] for p in paths}
    return docs, render_both(docs, folder / "out")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def _colophon_pages(pages: list[Page], printer: str) -> list[int]:
    return [p.number for p in pages if any(printer in ln.text and ln.text.endswith("印发")
                                           for ln in p.body)]


@pytest.mark.parametrize("name", NAMES)
def test_J5_model_page_count_is_what_pdf_and_libreoffice_show(built, name: str) -> None:
    docs, out = built
    pages = lay_out(docs[name]).pages
    assert pages is not None
    assert (pages.total, len(out[name]["pdf"]), len(out[name]["docx"])) == (pages.total,) * 3


@pytest.mark.parametrize("name", NAMES)
def test_J5_colophon_on_the_models_even_page_in_both(built, name: str) -> None:
    docs, out = built
    doc = docs[name]
    pages = lay_out(doc).pages
    assert pages is not None
    assert (pages.colophon, pages.blank_before) == {
        "bottom": ("bottom", False), "own-page": ("own-page", False),
        "blank": ("own-page", True)}[EXPECTED[name]]
    for fmt in ("pdf", "docx"):
        where = _colophon_pages(out[name][fmt], doc.colophon.printer)
        assert where == [pages.total], fmt
        assert pages.total % 2 == 0
    assert not [w for w in WARNINGS[name] if "排版模型" in w]


@pytest.mark.parametrize("name", NAMES)
def test_N6_blank_and_colophon_pages_unnumbered_as_decided(built, name: str) -> None:
    docs, out = built
    pages = lay_out(docs[name]).pages
    assert pages is not None
    for fmt in ("pdf", "docx"):
        numbered = [p.number for p in out[name][fmt] if p.footer]
        want = [n for n in range(1, pages.total + 1) if n not in pages.unnumbered]
        assert numbered == want, fmt
