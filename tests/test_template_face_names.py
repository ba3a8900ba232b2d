"""A face an office's 样式.docx names in English or with spaces ("Source Han Sans SC", "SimHei",
"FangSong" …) is known as a face of its role's class (standard/fonts.py), accepted by the
template check, and drawn in the PDF with a file of that class — the same design's other
build or the class's free face — with the substitution reported."""

from __future__ import annotations

import io
from pathlib import Path

import pdfplumber
import pytest
from office_support import office_copy

from docgen import fonts as fontmod
from docgen import office_template
from docgen import standard as S
from docgen.api import document_from_plan
from docgen.write import RenderContext
from docgen.write import pdf as pdfw

HEADING = "一、工作目标"
OWN = 'w:eastAsia="思源黑体"'  # the example template's heading 1 face


@pytest.mark.parametrize(("name", "role"), [
    ("Source Han Sans SC", "黑体"), ("Noto Sans CJK SC", "黑体"), ("SimHei", "黑体"),
    ("思源黑体", "黑体"), ("Source Han Serif SC", "页码"), ("Noto Serif CJK SC", "页码"),
    ("SimSun", "页码"), ("FangSong", "正文"), ("FangSong_GB2312", "正文"), ("KaiTi", "楷体"),
    ("KaiTi_GB2312", "楷体"), ("FZXiaoBiaoSong-B05S", "标题"),
])
def test_F2_english_and_spaced_face_names_map_to_their_role(name: str, role: str) -> None:
    assert [r for r in S.ROLE_FACE_WORDS if S.in_role_class(r, name)] == [role]


def heading_template(tmp_path: Path, face: str) -> Path:
    return office_copy(tmp_path, "样式.docx", OWN, f'w:eastAsia="{face}"', member="word/styles.xml")


def test_B4_template_heading_in_source_han_sans_sc_passes_the_template_check(tmp_path: Path) -> None:
    heading_template(tmp_path, "Source Han Sans SC")
    assert office_template.check_folder(str(tmp_path / "模板")) == []


def test_B4_template_heading_in_a_serif_is_still_refused(tmp_path: Path) -> None:
    heading_template(tmp_path, "Source Han Serif SC")
    (problem,) = office_template.check_folder(str(tmp_path / "模板"))
    assert "heading 1" in problem.message and "Source Han Serif SC" in problem.message
    assert "B4" in problem.message


def test_B4_source_han_sans_sc_heading_is_drawn_with_a_sans_file_and_reported(tmp_path: Path) -> None:
    if fontmod._find(fontmod.system_faces(), "Source Han Sans SC") is not None:
        pytest.skip("Source Han Sans SC itself is installed: nothing is substituted")
    doc = document_from_plan(heading_template(tmp_path, "Source Han Sans SC"))
    assert doc.options.fonts.headings[0] == "Source Han Sans SC"
    fs = fontmod.resolve(doc.options.project_dir, doc.options.fonts)
    face = fs.headings[1].face
    assert any(S.in_role_class("黑体", n) for n in face.names), face.names  # a sans (黑体) face
    assert (f"字体替代：一级标题（模板样式）需要 Source Han Sans SC，未找到，使用 {face.label}"
            in fs.notices)
    ctx = RenderContext()
    with pdfplumber.open(io.BytesIO(pdfw.render(doc, ctx))) as pdf:
        chars = pdf.pages[0].chars
        at = "".join(c["text"] for c in chars).index(HEADING)
        drawn = {c["fontname"].split("+", 1)[-1] for c in chars[at:at + len(HEADING)]}
    assert len(drawn) == 1 and drawn.pop().startswith(fs.headings[1].info.ps_name)
    assert any("需要 Source Han Sans SC" in w for w in ctx.warnings)
