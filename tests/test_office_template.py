"""An office's own 版头 (模板/版头.docx, filled with docxtpl) in the Word file and the PDF alike."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from office_support import OFFICE, office_copy
from office_support import OFFICE_PLAN as PLAN

from docgen.api import document_from_plan
from docgen.errors import DocgenError
from docgen.write import RenderContext
from docgen.write.docx import render as render_docx


@pytest.fixture(scope="module")
def doc():
    return document_from_plan(PLAN)


@pytest.fixture(scope="module")
def docx_xml(doc) -> tuple[str, list[str]]:
    z = zipfile.ZipFile(io.BytesIO(render_docx(doc, RenderContext())))
    return z.read("word/document.xml").decode(), z.namelist()


def test_placeholders_are_filled_with_the_plans_values(docx_xml) -> None:
    xml, _ = docx_xml
    assert "示应急〔2023〕8号" in xml and ">000001<" in xml
    assert "{{" not in xml and "}}" not in xml


def test_word_letterhead_carries_the_offices_emblem_and_wording(docx_xml) -> None:
    xml, names = docx_xml
    head = xml[:xml.index("示例市应急管理局</w:t>") + 30]
    assert "<w:drawing>" in head and 'r:embed="rIdLh1"' in head
    assert "word/media/lh1.png" in names
    assert (OFFICE / "徽标.png").read_bytes() == zipfile.ZipFile(
        io.BytesIO(render_docx(document_from_plan(PLAN), RenderContext()))).read(
        "word/media/lh1.png")


def test_pdf_shows_the_same_letterhead(doc) -> None:
    from docgen.write import pdf

    with pdfplumber.open(io.BytesIO(pdf.render(doc, RenderContext()))) as p:
        page = p.pages[0]
        (img,) = page.images
        assert abs((img["x1"] - img["x0"]) - 40) < 0.5  # the emblem at its size in the .docx
        red = "".join(c["text"] for c in page.chars
                      if tuple(c.get("non_stroking_color") or ()) in ((1, 0, 0), (1.0, 0.0, 0.0)))
        assert red.strip() == "示例市应急管理局"
        text = "".join(c["text"] for c in page.chars)
        assert "示应急〔2023〕8号" in text and "000001" in text
        mark = next(c for c in page.chars if c["text"] == "示" and c["size"] > 30)
        assert abs(img["x1"] - mark["x0"]) < 2  # emblem just left of the wording, as in Word


def test_unknown_placeholder_names_the_template_and_the_placeholder(tmp_path: Path) -> None:
    plan = office_copy(tmp_path, "版头.docx", "{{ 发文字号 }}", "{{ 文号 }}")
    with pytest.raises(DocgenError) as exc:
        render_docx(document_from_plan(plan), RenderContext())
    (problem,) = exc.value.problems
    assert "版头.docx" in problem.message and "{{ 文号 }}" in problem.message
    assert "发文字号" in problem.message  # the placeholders it could use
    assert problem.loc.file.endswith("版头.docx")


def test_missing_template_folder_is_a_located_error(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text(PLAN.read_text(encoding="utf-8").replace(
        "../templates/offices/示例局", "没有这个文件夹"), encoding="utf-8")
    with pytest.raises(DocgenError) as exc:
        document_from_plan(plan)
    (problem,) = exc.value.problems
    assert "找不到模板文件夹" in problem.message and problem.loc.line == 7


def test_example_office_plan_passes_verify_in_both_formats(cli, tmp_path: Path) -> None:
    out = tmp_path / "out"
    built = cli("build", PLAN, "-o", out, "--format", "docx,pdf")
    assert built.returncode == 0, built.stderr
    checked = cli("verify", out / "office-template.docx", out / "office-template.pdf")
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_new_copies_the_example_template_for_an_office(cli, tmp_path: Path) -> None:
    result = cli("new", "模板", tmp_path / "本局")
    assert result.returncode == 0, result.stderr
    assert {p.name for p in (tmp_path / "本局").iterdir()} == {"版头.docx", "样式.docx", "徽标.png"}
    again = cli("new", "模板", tmp_path / "本局")
    assert again.returncode == 1 and "没有覆盖" in again.stderr
