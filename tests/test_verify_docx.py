"""The DOCX checker: a spec-built Option B file passes, each deliberate fault is found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from verify_docs import build_docx

from docgen.verify import Status, findings_to_json, format_findings, verify_file


def statuses(path: Path) -> dict[str, set[Status]]:
    out: dict[str, set[Status]] = {}
    for f in verify_file(path):
        out.setdefault(f.rule, set()).add(f.status)
    return out


def failing(path: Path) -> set[str]:
    return {f.rule for f in verify_file(path) if f.status is Status.FAIL}


def test_option_b_docx_passes_every_docx_rule(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "good.docx")
    findings = verify_file(path)
    assert [f for f in findings if f.status is Status.FAIL] == []
    assert {"P1", "P2", "P3", "P4", "G1", "G2", "F1", "F2", "N1", "N3", "N4"} <= {
        f.rule for f in findings if f.status is Status.PASS}


def test_P2_P3_P4_wrong_margins_fail(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "margins.docx", margins={"top": 1440, "left": 1800})
    assert {"P2", "P3", "P4"} <= failing(path)


def test_N1_missing_page_number_footer_fails(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "nopage.docx", page_numbers=False)
    assert "N1" in failing(path)


def test_G1_580_twip_lines_fail(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "580.docx", line_twips=580)
    assert "G1" in failing(path)


def test_G1_578_twip_lines_pass(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "578.docx", line_twips=578)
    assert Status.PASS in statuses(path)["G1"]


def test_F1_bold_heading_fails(tmp_path: Path) -> None:
    path = build_docx(tmp_path / "bold.docx", bold_heading=True)
    f1 = [f for f in verify_file(path) if f.rule == "F1"]
    assert f1[0].status is Status.FAIL
    assert "一、指导思想" in f1[0].measured


def test_format_findings_is_one_chinese_line_per_rule(tmp_path: Path) -> None:
    findings = verify_file(build_docx(tmp_path / "m.docx", margins={"top": 1440}))
    lines = format_findings(findings).splitlines()
    assert len(lines) == len(findings) + 1  # plus the summary line
    p2 = next(line for line in lines if line.startswith("P2"))
    assert "不符合" in p2 and "1440 twips" in p2 and "标准要求：天头 37±1 mm" in p2


def test_findings_to_json_keeps_chinese_and_fields(tmp_path: Path) -> None:
    data = json.loads(findings_to_json(verify_file(build_docx(tmp_path / "j.docx"))))
    assert {"rule", "name", "status", "measured", "expected", "where"} <= set(data[0])
    assert {d["status"] for d in data} <= {"通过", "不符合", "跳过"}


def test_verify_file_rejects_other_files(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="不支持"):
        verify_file(tmp_path / "a.txt")
