"""The PDF checker on small WeasyPrint renders: the spec's CSS passes, each fault is found."""

from __future__ import annotations

from pathlib import Path

import pytest
from verify_docs import build_pdf

from docgen.verify import Status, verify_file


@pytest.fixture(scope="session")
def pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Render each variant once per session (WeasyPrint: well under a second each)."""
    d = tmp_path_factory.mktemp("verify_pdf")
    return {
        "good": build_pdf(d / "good.pdf"),
        "margins": build_pdf(d / "margins.pdf", margins_mm={"top": 30, "left": 20}),
        "29pt": build_pdf(d / "29pt.pdf", line_pt=29),
        "no_page_numbers": build_pdf(d / "nopage.pdf", page_numbers=False),
    }


def failing(path: Path) -> set[str]:
    return {f.rule for f in verify_file(path) if f.status is Status.FAIL}


def test_spec_css_pdf_passes_every_pdf_rule(pdfs: dict[str, Path]) -> None:
    findings = verify_file(pdfs["good"])
    assert [f for f in findings if f.status is Status.FAIL] == []
    assert {"P1", "P4", "G1", "G2", "F2", "F5", "B1", "N1", "N2", "N3"} <= {
        f.rule for f in findings if f.status is Status.PASS}


def test_P4_wrong_margins_fail(pdfs: dict[str, Path]) -> None:
    assert {"P3", "P4"} <= failing(pdfs["margins"])


def test_G1_29pt_line_pitch_fails(pdfs: dict[str, Path]) -> None:
    pitch = [f for f in verify_file(pdfs["29pt"]) if f.rule == "G1" and f.name.endswith("行距")]
    assert pitch[0].status is Status.FAIL
    assert "29.00 pt" in pitch[0].measured


def test_G1_29pt_lines_leave_21_lines(pdfs: dict[str, Path]) -> None:
    g1 = [f for f in verify_file(pdfs["29pt"]) if f.rule == "G1" and not f.name.endswith("行距")]
    assert g1[0].status is Status.FAIL and "21 行" in g1[0].measured


def test_N1_missing_page_number_fails(pdfs: dict[str, Path]) -> None:
    n1 = [f for f in verify_file(pdfs["no_page_numbers"]) if f.rule == "N1"]
    assert n1[0].status is Status.FAIL and "无页码" in n1[0].measured
