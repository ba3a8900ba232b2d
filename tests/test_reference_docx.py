"""Word styles, page set-up and footers come from a reference .docx (templates/docx/)."""

from __future__ import annotations

import dataclasses
import importlib.util
import io
import shutil
import zipfile
from pathlib import Path

import pytest
from docx_support import render_docx
from sample_document import sample_document

from docgen.document import Fonts
from docgen.errors import DocgenError
from docgen.write.docx import parts as P
from docgen.write.docx import reference

ROOT = Path(__file__).resolve().parents[1]


def _script():
    spec = importlib.util.spec_from_file_location(
        "make_reference_docx", ROOT / "scripts" / "make_reference_docx.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_shipped_reference_docx_is_current() -> None:
    """Regenerating from parts.py gives the committed file byte for byte (else: run the script)."""
    assert reference.PACKAGE_REFERENCE.read_bytes() == _script().build()


@pytest.mark.parametrize("fonts", [Fonts(), Fonts(body="仿宋", kai="楷体", latin="Arial")])
def test_parts_read_from_the_reference_equal_the_built_ones(fonts: Fonts) -> None:
    doc = sample_document()
    doc = dataclasses.replace(doc, options=dataclasses.replace(doc.options, fonts=fonts))
    d = render_docx(doc)
    assert d.zip.read("word/styles.xml").decode() == P.styles_xml(fonts)
    assert d.zip.read("word/settings.xml").decode() == P.SETTINGS_XML
    assert d.zip.read("word/footer1.xml").decode() == P.footer_xml(True, fonts)
    assert d.zip.read("word/footer2.xml").decode() == P.footer_xml(False, fonts)
    assert P.SECT_PR_XML in d.zip.read("word/document.xml").decode()


def _office_template(tmp_path: Path, edit=None) -> Path:
    """An office 模板 folder whose 样式.docx is docgen's reference, optionally edited."""
    folder = tmp_path / "模板"
    folder.mkdir()
    target = folder / reference.OFFICE_REFERENCE
    if edit is None:
        shutil.copy(reference.PACKAGE_REFERENCE, target)
        return folder
    src = zipfile.ZipFile(reference.PACKAGE_REFERENCE)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for info in src.infolist():
            data = src.read(info.filename)
            out.writestr(info, edit(info.filename, data.decode()).encode())
    target.write_bytes(buf.getvalue())
    return folder


def _render_with(folder: Path):
    doc = sample_document()
    return render_docx(dataclasses.replace(
        doc, options=dataclasses.replace(doc.options, template_dir=str(folder))))


def test_an_office_reference_changes_the_word_styles(tmp_path: Path) -> None:
    """A heading face changed within its class (黑体 → 方正黑体_GBK) reaches the output."""
    def edit(name: str, text: str) -> str:
        if name != "word/styles.xml":
            return text
        head = text.index('w:styleId="Heading1"')
        end = text.index("</w:style>", head)
        return text[:head] + text[head:end].replace('w:eastAsia="黑体"', 'w:eastAsia="方正黑体_GBK"') + text[end:]

    d = _render_with(_office_template(tmp_path, edit))
    h1 = d.style_by_id["Heading1"]
    from docx_support import NS, q
    assert h1.find("w:rPr/w:rFonts", NS).get(q("eastAsia")) == "方正黑体_GBK"


@pytest.mark.parametrize("style_id,old,new,rule", [
    ("GwBody", '<w:sz w:val="32"/>', '<w:sz w:val="28"/>', "F4"),
    ("Heading1", '<w:b w:val="0"/>', '<w:b/>', "F1"),
    ("Heading2", 'w:eastAsia="楷体_GB2312"', 'w:eastAsia="宋体"', "B4"),
    ("GwTitle", 'w:eastAsia="方正小标宋简体"', 'w:eastAsia="微软雅黑"', "F2"),
    ("Heading1", '<w:color w:val="000000"/>', '<w:color w:val="1F4E79"/>', "P5"),
])
def test_a_template_that_breaks_the_standard_names_the_style_and_the_rule(
        tmp_path: Path, style_id: str, old: str, new: str, rule: str) -> None:
    def edit(name: str, text: str) -> str:
        if name != "word/styles.xml":
            return text
        at = text.index(f'w:styleId="{style_id}"')
        end = text.index("</w:style>", at)
        part = text[at:end]
        if old not in part:  # the property is inherited: state it on the style itself
            part = part.replace("</w:rPr>", new + "</w:rPr>")
        else:
            part = part.replace(old, new)
        return text[:at] + part + text[end:]

    with pytest.raises(DocgenError) as exc:
        _render_with(_office_template(tmp_path, edit))
    messages = [p.message for p in exc.value.problems]
    name = {"GwBody": "公文正文", "Heading1": "heading 1", "Heading2": "heading 2",
            "GwTitle": "公文标题"}[style_id]
    assert any(f"样式“{name}”" in m and f"（{rule} " in m and "样式.docx" in m for m in messages), messages


def test_a_template_with_other_margins_is_refused(tmp_path: Path) -> None:
    def edit(name: str, text: str) -> str:
        return text.replace('w:top="2098"', 'w:top="1440"') if name == "word/document.xml" else text

    with pytest.raises(DocgenError) as exc:
        _render_with(_office_template(tmp_path, edit))
    assert any("（P2 " in p.message and "上边距" in p.message for p in exc.value.problems)


def _dangling_parts(data: bytes) -> list[str]:
    """Relationship targets of word/document.xml that the package does not hold: Word calls
    such a file damaged ("unreadable content") when an office opens it."""
    import re

    with zipfile.ZipFile(io.BytesIO(data)) as z:
        rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
        names = set(z.namelist())
    targets = re.findall(r'Target="([^"]+)"(?![^>]*TargetMode="External")', rels)
    return [t for t in targets if f"word/{t}" not in names]


@pytest.mark.parametrize("shipped", ["docx/reference.docx", "offices/示例局/样式.docx",
                                     "offices/示例局/版头.docx"])
def test_shipped_templates_hold_every_part_they_name(shipped: str) -> None:
    assert _dangling_parts((ROOT / "templates" / shipped).read_bytes()) == []


def test_built_word_files_hold_every_part_they_name() -> None:
    assert _dangling_parts(render_docx(sample_document()).data) == []
