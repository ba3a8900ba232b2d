"""An office template's own face for the 版记 (公文版记), the 附件 label (公文附件标签) and the page
number (公文页码, or the page-number footers' runs) reaches both outputs: Word names it in the
runs, the PDF draws those characters with the file resolved for it. A face of the wrong class is
refused by the template check, like every other style (write/docx/template_rules.py)."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from font_support import renamed_fang
from lxml import etree
from office_support import OFFICE, office_copy

from docgen import fonts as fontmod
from docgen import office_template
from docgen import standard as S
from docgen.api import document_from_plan
from docgen.document import Role
from docgen.fonts.reporting import report
from docgen.write import RenderContext
from docgen.write import pdf as pdfw
from docgen.write.docx import render as render_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
FANG = fontmod._find(fontmod.system_faces(), "FandolFang")
CC = "抄送：市防汛抗旱指挥部办公室。"
PRINTED = "2023年5月10日印发"
LABEL = "附件"
COLOPHON_FACE = "示例仿宋"  # a licensed 仿宋 stand-in in the project's fonts/ folder
LABEL_FACE = "思源黑体"  # a 黑体 (drawn with Noto Sans CJK, another file than the free 黑体)
PAGE_NO_FACE = "思源宋体"  # a 宋体 (drawn with Noto Serif CJK, another file than the free 宋体)
ATTACHMENT = "附件:\n  - 标题: 防汛责任人名单\n    内容: 各县（区）防汛责任人名单另行印发。\n"
STYLES = zipfile.ZipFile(OFFICE / "样式.docx").read("word/styles.xml").decode()


def with_face(styles: str, name: str, face: str) -> str:
    """`styles` with the East Asian face of the style Word shows as `name` set to `face`."""
    at = styles.index(f'<w:name w:val="{name}"/>')
    end = styles.index("</w:style>", at)
    style = re.sub(r'w:eastAsia="[^"]*"', f'w:eastAsia="{face}"', styles[at:end], count=1)
    return styles[:at] + style + styles[end:]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The example template with 版记, 附件标识 and 页码 each in another face of its class,
    a plan with an attachment using it; its Word parts and PDF characters, built once."""
    if FANG is None:
        pytest.skip("Fandol fonts not installed")
    folder = tmp_path_factory.mktemp("faces")
    styles = with_face(with_face(with_face(STYLES, "公文版记", COLOPHON_FACE), "公文附件标签",
                                 LABEL_FACE), "公文页码", PAGE_NO_FACE)
    plan = office_copy(folder, "样式.docx", STYLES, styles, member="word/styles.xml")
    plan.write_text(plan.read_text(encoding="utf-8").replace("版记:", ATTACHMENT + "版记:"),
                    encoding="utf-8")
    renamed_fang(folder / "fonts" / "shili-fang.otf", COLOPHON_FACE, "ShiliFangSong-Regular",
                 CC + "示例市应急管理局办公室" + PRINTED + "0123456789")
    doc = document_from_plan(plan)
    fs = fontmod.resolve(doc.options.project_dir, doc.options.fonts)
    z = zipfile.ZipFile(io.BytesIO(render_docx(doc, RenderContext())))
    ctx = RenderContext()
    with pdfplumber.open(io.BytesIO(pdfw.render(doc, ctx))) as pdf:
        pages = [[(c["text"], c["fontname"].split("+", 1)[-1], c["top"]) for c in p.chars]
                 for p in pdf.pages]
    return {"doc": doc, "fs": fs, "docx": z, "pages": pages, "warnings": ctx.warnings,
            "folder": folder}


def pdf_fonts(pages, text: str) -> set[str]:
    """The font names drawing the first occurrence of `text` on any page."""
    for chars in pages:
        line = "".join(c[0] for c in chars)
        if text in line:
            at = line.index(text)
            return {c[1] for c in chars[at:at + len(text)]}
    raise AssertionError(f"{text} not in the PDF")


def word_faces(z: zipfile.ZipFile, text: str) -> set[str]:
    """The East Asian faces the runs of the first paragraph holding `text` name."""
    root = etree.fromstring(z.read("word/document.xml"))
    p = next(p for p in root.iter(f"{W}p") if text in "".join(p.itertext()))
    return {r.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") for r in p.iter(f"{W}r")
            if "".join(r.itertext())}


def test_J4_template_colophon_face_draws_the_pdf_colophon(built) -> None:
    own = built["fs"].own["colophon"]
    assert own.origin == "项目字体" and own.face.path.name == "shili-fang.otf"
    assert own.info.ps_name != built["fs"].get(Role.BODY).info.ps_name
    for text in (CC, PRINTED):
        (name,) = pdf_fonts(built["pages"], text)
        assert name.startswith(own.info.ps_name), name


def test_J4_template_colophon_face_is_named_in_the_word_colophon_runs(built) -> None:
    for text in (CC, PRINTED):
        assert word_faces(built["docx"], text) == {COLOPHON_FACE}


def test_B12_template_attachment_label_face_draws_the_pdf_label(built) -> None:
    fs = built["fs"]
    own = fs.own["attach_label"]
    assert own.info.ps_name != fs.get(Role.HEI).info.ps_name  # not the free 黑体's file
    page = next(p for p in built["pages"] if "".join(c[0] for c in p).startswith(LABEL))
    (name,) = {c[1] for c in page[:len(LABEL)]}
    assert name.startswith(own.info.ps_name), name
    assert any(f"附件标识（模板样式）需要 {LABEL_FACE}" in w for w in built["warnings"])


def test_B12_template_attachment_label_face_is_named_in_the_word_label_run(built) -> None:
    root = etree.fromstring(built["docx"].read("word/document.xml"))
    label = next(p for p in root.iter(f"{W}p")
                 if p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "GwAttachLabel")
    assert "".join(label.itertext()) == LABEL
    assert {r.get(f"{W}eastAsia") for r in label.iter(f"{W}rFonts")} == {LABEL_FACE}


def test_N1_template_page_number_face_draws_every_pdf_page_number(built) -> None:
    fs = built["fs"]
    own = fs.get(Role.PAGE_NO)
    assert own.wanted == PAGE_NO_FACE and "NotoSerifCJK" in own.face.path.name
    below = (S.PAGE_H_MM - S.MARGIN_MM["bottom"]) * S.MM_PT  # under the 版心: page numbers
    numbers = [[c for c in p if c[2] > below] for p in built["pages"]]
    assert sum(1 for n in numbers if n) >= 3
    for n in numbers:
        assert all(f.startswith(own.info.ps_name) for _, f, _ in n), n


def test_N1_template_page_number_face_is_named_in_both_word_footers(built) -> None:
    z = built["docx"]
    for part in ("word/footer1.xml", "word/footer2.xml"):
        root = etree.fromstring(z.read(part))
        faces = {r.get(f"{W}eastAsia") for r in root.iter(f"{W}rFonts")}
        digits = {r.get(f"{W}ascii") for r in root.iter(f"{W}rFonts")}
        assert faces == {PAGE_NO_FACE} and digits == {PAGE_NO_FACE}, (part, faces, digits)


def footers_in(folder: Path, face: str, parts: tuple[str, ...] = ("footer1", "footer2")) -> Path:
    """A copy of the example template whose page-number footers' runs name `face` (as when an
    office selects the number in Word's footer and picks a face); returns its plan."""
    plan = office_copy(folder)
    path = folder / "模板" / "样式.docx"
    zin = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename in {f"word/{p}.xml" for p in parts}:
                data = data.decode().replace('"宋体"', f'"{face}"').encode()
            zout.writestr(info, data)
    path.write_bytes(buf.getvalue())
    return plan


def test_N1_page_number_face_set_on_the_footer_runs_is_the_one_both_outputs_use(tmp_path) -> None:
    """The face set on the footers' runs, not on the 公文页码 style, is what Word shows: it is
    the page number's for the PDF too, and the style follows."""
    doc = document_from_plan(footers_in(tmp_path, PAGE_NO_FACE))
    assert doc.options.fonts.page_no == PAGE_NO_FACE
    z = zipfile.ZipFile(io.BytesIO(render_docx(doc, RenderContext())))
    styles = etree.fromstring(z.read("word/styles.xml"))
    style = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "GwPageNo")
    assert style.find(f"{W}rPr/{W}rFonts").get(f"{W}eastAsia") == PAGE_NO_FACE


def test_N1_project_page_number_font_wins_over_the_template_footer_in_word_too(tmp_path) -> None:
    """docgen.yaml/plan 字体: 页码 wins over the template's face for the role (as for 正文): the
    Word footers the template's runs came from then name it too, as the PDF draws it."""
    plan = footers_in(tmp_path, PAGE_NO_FACE)
    plan.write_text(plan.read_text(encoding="utf-8") + "字体:\n  页码: SimSun\n", encoding="utf-8")
    doc = document_from_plan(plan)
    assert doc.options.fonts.page_no == "SimSun"
    z = zipfile.ZipFile(io.BytesIO(render_docx(doc, RenderContext())))
    for part in ("word/footer1.xml", "word/footer2.xml"):
        root = etree.fromstring(z.read(part))
        assert {r.get(f"{W}eastAsia") for r in root.iter(f"{W}rFonts")} == {"SimSun"}, part


def test_N1_template_page_number_footer_in_a_fangsong_is_refused(tmp_path) -> None:
    footers_in(tmp_path, "仿宋_GB2312")
    (problem,) = office_template.check_folder(str(tmp_path / "模板"))
    assert "页脚里的页码" in problem.message and "仿宋_GB2312" in problem.message
    assert "N1" in problem.message and problem.loc.file.endswith("样式.docx")


def test_docgen_fonts_lists_the_template_colophon_label_and_page_number_faces(built) -> None:
    doc = built["doc"]
    text = report(doc.options.project_dir, doc.options.fonts, doc.options.template_dir)
    colophon = next(ln for ln in text.splitlines() if ln.startswith("公文版记"))
    assert COLOPHON_FACE in colophon and "shili-fang.otf" in colophon and "项目字体" in colophon
    label = next(ln for ln in text.splitlines() if ln.startswith("公文附件标签"))
    assert LABEL_FACE in label and "NotoSansCJK" in label and "（替代）" in label
    page_no = next(ln for ln in text.splitlines() if ln.startswith("公文页码"))
    assert PAGE_NO_FACE in page_no and "NotoSerifCJK" in page_no


def test_N1_template_footers_numbering_in_two_faces_are_refused(tmp_path) -> None:
    """The PDF draws every page number in one face; odd and even footers in two faces would
    make Word differ from it on every other page."""
    footers_in(tmp_path, PAGE_NO_FACE, ("footer2",))
    (problem,) = office_template.check_folder(str(tmp_path / "模板"))
    assert "页脚里的页码" in problem.message and f"宋体、{PAGE_NO_FACE}" in problem.message
    assert "N1" in problem.message
