"""An office template's style choices reach both outputs; its mistakes are refused by check and
build alike (模板/样式.docx, 模板/版头.docx)."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from office_support import OFFICE, office_copy
from office_support import OFFICE_PLAN as PLAN

from docgen import fonts as fontmod
from docgen.api import document_from_plan
from docgen.document import Fonts
from docgen.errors import DocgenError
from docgen.write import RenderContext
from docgen.write import pdf as pdfw
from docgen.write.docx import render as render_docx

ROOT = Path(__file__).resolve().parents[1]
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
HEADING = "一、工作目标"


@pytest.fixture(scope="module")
def doc():
    return document_from_plan(PLAN)


def test_template_heading_face_is_named_in_the_word_heading_runs(doc) -> None:
    from lxml import etree

    z = zipfile.ZipFile(io.BytesIO(render_docx(doc, RenderContext())))
    root = etree.fromstring(z.read("word/document.xml"))
    styles = etree.fromstring(z.read("word/styles.xml"))
    h1 = next(p for p in root.iter(f"{W}p") if "".join(p.itertext()) == HEADING)
    assert h1.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "Heading1"
    faces = {r.get(f"{W}eastAsia") for r in h1.iter(f"{W}rFonts")}
    assert faces == {"思源黑体"}
    style = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "Heading1")
    assert style.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == "思源黑体"


def test_template_heading_face_draws_the_pdf_heading(doc) -> None:
    fs = fontmod.resolve(doc.options.project_dir, doc.options.fonts)
    own, role = fs.headings[1].info.ps_name, fs.get(fs.headings[1].role).info.ps_name
    assert own != role  # the template's face is another file than the 黑体 role's
    with pdfplumber.open(io.BytesIO(pdfw.render(doc, RenderContext()))) as pdf:
        chars = pdf.pages[0].chars
        text = "".join(c["text"] for c in chars)
        at = text.index(HEADING)
        names = {c["fontname"].split("+", 1)[-1] for c in chars[at:at + len(HEADING)]}
    assert len(names) == 1 and names.pop().startswith(own)


def test_absent_template_face_is_replaced_by_its_class_and_reported() -> None:
    fs = fontmod.resolve(ROOT, Fonts(headings=("方正黑体_GBK",)))
    assert fs.headings[1].face == fs.get(fs.headings[1].role).face  # the free 黑体
    assert any("一级标题" in n and "方正黑体_GBK" in n for n in fs.notices)


def test_template_body_face_reaches_word_runs_and_pdf_font_resolution(tmp_path: Path) -> None:
    """公文正文 set in another 仿宋 (方正仿宋_GBK): every body run names it in Word, and the PDF's
    正文 role looks for it (here absent: the free 仿宋 with the substitution reported)."""
    from lxml import etree

    styles = zipfile.ZipFile(OFFICE / "样式.docx").read("word/styles.xml").decode()
    at = styles.index('<w:name w:val="公文正文"/>')
    face = 'w:eastAsia="仿宋_GB2312"'
    old = styles[at:styles.index(face, at) + len(face)]
    plan = office_copy(tmp_path, "样式.docx", old, old.replace(face, 'w:eastAsia="方正仿宋_GBK"'),
                   member="word/styles.xml")
    doc = document_from_plan(plan)
    assert doc.options.fonts.body == "方正仿宋_GBK" and doc.options.fonts.headings[0] == "思源黑体"
    z = zipfile.ZipFile(io.BytesIO(render_docx(doc, RenderContext())))
    root = etree.fromstring(z.read("word/document.xml"))
    body = next(p for p in root.iter(f"{W}p") if "".join(p.itertext()).startswith("坚持人民至上"))
    assert {r.get(f"{W}eastAsia") for r in body.iter(f"{W}rFonts")} == {"方正仿宋_GBK"}
    fs = fontmod.resolve(doc.options.project_dir, doc.options.fonts)
    assert any(n.startswith("字体替代：正文 需要 方正仿宋_GBK") for n in fs.notices)


def test_template_changing_body_size_is_refused_by_check_and_build(cli, tmp_path: Path) -> None:
    body = 'w:eastAsia="仿宋_GB2312" w:cs="Times New Roman"/>'
    at = '<w:name w:val="公文正文"/>'
    styles = zipfile.ZipFile(OFFICE / "样式.docx").read("word/styles.xml").decode()
    old = styles[styles.index(at):styles.index(body, styles.index(at)) + len(body)]
    plan = office_copy(tmp_path, "样式.docx", old, old + '<w:sz w:val="30"/><w:szCs w:val="30"/>',
                   member="word/styles.xml")
    checked = cli("check", plan)
    built = cli("build", plan, "-o", tmp_path / "out", "--format", "docx,pdf")
    assert checked.returncode == 1 and built.returncode == 1
    for out in (checked.stdout + checked.stderr, built.stdout + built.stderr):
        line = next(ln for ln in out.splitlines() if "样式“公文正文”字号是 15" in ln)
        assert "样式.docx: 错误：" in line and "F4" in line and "GB/T 9704" in line


def test_check_names_an_unknown_letterhead_placeholder(cli, tmp_path: Path) -> None:
    plan = office_copy(tmp_path, "版头.docx", "{{ 发文字号 }}", "{{ 文号 }}")
    checked = cli("check", plan)
    assert checked.returncode == 1
    out = checked.stdout + checked.stderr
    assert "版头.docx" in out and "{{ 文号 }}" in out


@pytest.mark.parametrize("file", ["版头.docx", "样式.docx"])
def test_check_refuses_a_damaged_template_file(cli, tmp_path: Path, file: str) -> None:
    plan = office_copy(tmp_path)
    (tmp_path / "模板" / file).write_bytes(b"not a zip")
    checked = cli("check", plan)
    assert checked.returncode == 1
    out = checked.stdout + checked.stderr
    assert f"{file}: 错误：" in out and "不是有效的 Word 文件" in out


def test_check_refuses_a_missing_template_folder(cli, tmp_path: Path) -> None:
    plan = office_copy(tmp_path)
    shutil.rmtree(tmp_path / "模板")
    checked = cli("check", plan)
    assert checked.returncode == 1 and "找不到模板文件夹" in checked.stdout + checked.stderr


def test_letterhead_character_without_glyph_is_an_error_at_the_template(tmp_path: Path) -> None:
    pua = "\ue000"  # private use: no font draws it
    plan = office_copy(tmp_path, "版头.docx", "示例市应急管理局", f"示例市应急{pua}理局")
    doc = document_from_plan(plan)
    with pytest.raises(DocgenError) as exc:
        pdfw.render(doc, RenderContext())
    (problem,) = exc.value.problems
    assert pua in problem.message and "U+E000" in problem.message
    assert problem.loc.file.endswith("版头.docx")


def test_letterhead_character_on_preprinted_paper_is_not_drawn_so_not_refused(
        tmp_path: Path) -> None:
    """套印: the 版头 is on the paper; a character no font has in it stops nothing."""
    plan = office_copy(tmp_path, "版头.docx", "示例市应急管理局", "示例市应急\ue000理局")
    text = plan.read_text(encoding="utf-8").replace("版头:\n", "版头:\n  套印: 是\n", 1)
    plan.write_text(text, encoding="utf-8")
    doc = document_from_plan(plan)
    assert doc.letterhead.preprinted
    fontmod.glyph_plan(doc, fontmod.resolve(doc.options.project_dir, doc.options.fonts))


def test_editing_the_office_template_rebuilds_its_documents(tmp_path: Path) -> None:
    """The build manifest hashes the 模板 folder: a 样式.docx edited in Word is not 'unchanged'."""
    from docgen.build import build

    plan = office_copy(tmp_path)
    out = tmp_path / "out"
    assert build([plan], out, ("docx",)).count("built") == 1
    assert build([plan], out, ("docx",)).count("skipped") == 1
    style = tmp_path / "模板" / "样式.docx"
    style.write_bytes(style.read_bytes())  # same bytes: still unchanged
    assert build([plan], out, ("docx",)).count("skipped") == 1
    plan2 = office_copy(tmp_path / "b", "样式.docx", 'w:eastAsia="思源黑体"', 'w:eastAsia="黑体"',
                    member="word/styles.xml")
    shutil.copy(plan2.parent / "模板" / "样式.docx", style)
    assert build([plan], out, ("docx",)).count("built") == 1
