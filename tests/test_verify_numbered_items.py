"""verify reads docgen's own numbered items right (issue 9: verify failed correct output).

FORMAT.md: an item written as a plain string is a numbered body paragraph (通告 事项 一、……。),
set in the body face; a 标题 is a heading whose lead is 黑体/楷体. verify tells them apart by
face, and follows a paragraph the page break cuts onto the next page.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from corpus import write_corpus

from docgen.api import documents_from_path
from docgen.verify import Status, format_findings, verify_file
from docgen.verify.patterns import numbered_body
from docgen.write import RenderContext, docx, pdf

FANG, HEI = "仿宋_GB2312", "黑体"


def test_one_sentence_item_in_the_body_face_is_body_text() -> None:
    assert numbered_body("二、及时通报工作进展，层层压实责任。", {FANG})


def test_item_longer_than_its_first_sentence_in_one_face_is_body_text() -> None:
    assert numbered_body("一、严禁燃放烟花爆竹。违者依法处理，并追究有关人员责任。", {FANG})


def test_standalone_heading_in_the_body_face_is_still_a_heading() -> None:
    assert not numbered_body("一、组织领导", {FANG})


def test_one_sentence_heading_in_heiti_is_a_heading() -> None:
    assert not numbered_body("一、加强组织领导。", {HEI})


def test_run_in_lead_in_another_face_is_a_heading() -> None:
    assert not numbered_body("一、加强组织领导。各单位要切实提高政治站位。", {HEI, FANG})


# corpus plans (tests/corpus.py) that docgen verify failed: 65, a 通告 whose 二、 item is one
# short sentence; 148, a 通告 whose 二、 item the page break cuts after its first line
@pytest.fixture(scope="module")
def outputs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("numbered")
    out = {}
    for path in write_corpus(folder, [65, 148]):
        doc = documents_from_path(path)[0]
        for fmt, writer in (("docx", docx), ("pdf", pdf)):
            target = folder / f"{path.stem}.{fmt}"
            target.write_bytes(writer.render(doc, RenderContext()))
            out[f"{path.stem}.{fmt}"] = target
    return out


@pytest.mark.parametrize("name", ["corpus-065.docx", "corpus-065.pdf"])
def test_F2_one_sentence_item_passes_in_both(outputs: dict[str, Path], name: str) -> None:
    findings = verify_file(outputs[name])
    assert not [f for f in findings if f.status is Status.FAIL], format_findings(findings)


@pytest.mark.parametrize("name", ["corpus-148.docx", "corpus-148.pdf"])
def test_F2_item_cut_by_a_page_break_is_one_paragraph(outputs: dict[str, Path], name: str) -> None:
    findings = verify_file(outputs[name])
    assert not [f for f in findings if f.status is Status.FAIL], format_findings(findings)
