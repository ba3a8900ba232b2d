"""A character no font draws is an error that names the office's 版头 template only when it comes
from that template (模板/版头.docx as write/letterhead.py loads it), not from any file whose name
ends in .docx — and the letterhead is glyph-checked whatever its file is called."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from office_support import office_copy

from docgen import fonts as fontmod
from docgen.api import document_from_plan
from docgen.errors import DocgenError, Loc
from docgen.write import letterhead

PUA = "\ue000"  # private use: no font has a glyph for it


def refused(doc) -> tuple[str, Loc | None]:
    """The one problem glyph checking raises for `doc`."""
    with pytest.raises(DocgenError) as exc:
        fontmod.glyph_plan(doc, fontmod.resolve(doc.options.project_dir, doc.options.fonts))
    (problem,) = exc.value.problems
    return problem.message, problem.loc


def test_letterhead_character_without_glyph_names_the_letterhead_template(tmp_path: Path) -> None:
    plan = office_copy(tmp_path, "版头.docx", "示例市应急管理局", f"示例市应急{PUA}理局")
    message, loc = refused(document_from_plan(plan))
    assert "U+E000" in message and "出现在版头模板 版头.docx 中" in message
    assert loc.file == str(tmp_path / "模板" / "版头.docx")


def test_letterhead_under_another_file_name_is_still_checked_and_named(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Known as the 版头 by how it was loaded, not by a .docx suffix."""
    plan = office_copy(tmp_path, "版头.docx", "示例市应急管理局", f"示例市应急{PUA}理局")
    (tmp_path / "模板" / "版头.docx").rename(tmp_path / "模板" / "本局红头")
    monkeypatch.setattr(letterhead, "TEMPLATE_NAME", "本局红头")
    message, loc = refused(document_from_plan(plan))
    assert "出现在版头模板 本局红头 中" in message
    assert loc.file == str(tmp_path / "模板" / "本局红头")


def test_text_from_another_docx_is_not_called_the_letterhead(tmp_path: Path) -> None:
    """A character of the title, located in a file that happens to be a .docx (no 模板 at
    all): the error points there without claiming it is in a 版头 template."""
    plan = tmp_path / "plan.yaml"
    plan.write_text(f"文种: 通告\n标题: 关于{PUA}的通告\n发文机关: 某局\n成文日期: 2022-10-08\n"
                    "缘由: 为做好工作\n事项: [按时完成]\n", encoding="utf-8")
    doc = document_from_plan(plan)
    elsewhere = Loc(str(tmp_path / "转发的文件.docx"), 2, 5)
    message, loc = refused(dataclasses.replace(doc, title_loc=elsewhere))
    assert "U+E000" in message and "版头模板" not in message
    assert loc == elsewhere
