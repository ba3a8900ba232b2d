"""docgen's own writers, checked by docgen verify: their sample_document() output must conform.

Skips cleanly while a writer module does not exist yet.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from docgen.verify import Status, format_findings, verify_file


def render(fmt: str, tmp_path: Path) -> Path:
    if importlib.util.find_spec(f"docgen.write.{fmt}") is None:
        pytest.skip(f"docgen.write.{fmt} 尚不存在")
    sample = pytest.importorskip("sample_document")
    from docgen.write import RenderContext, get_writer

    path = tmp_path / f"sample.{fmt}"
    path.write_bytes(get_writer(fmt)(sample.sample_document(), RenderContext()))
    return path


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_writer_sample_document_passes_verify(fmt: str, tmp_path: Path) -> None:
    findings = verify_file(render(fmt, tmp_path))
    assert not [f for f in findings if f.status is Status.FAIL], format_findings(findings)


def test_docx_and_pdf_checkers_word_each_rule_from_one_table(tmp_path: Path) -> None:
    """A rule found by both checkers has the same name and the same requirement text."""
    from docgen.standard import RULES

    docx = verify_file(render("docx", tmp_path))
    pdf = verify_file(render("pdf", tmp_path))
    shared = {f.rule for f in docx} & {f.rule for f in pdf}
    assert {"P1", "P2", "G1", "G2", "F2", "H5", "B9", "N1"} <= shared
    for f in docx + pdf:
        r = RULES[f.rule]
        assert f.name == r.name or f.name.startswith(r.name + "：")  # ：aspect of the rule
        assert f.expected.startswith(r.asks)
