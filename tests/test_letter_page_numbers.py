"""Page 1 of a 信函 carries no number (GB/T 9704 §10.1, spec S1 and N4) — also on 套印 paper and
when the 函 is one page long — while every page of an ordinary document is numbered (N1, N4).

The 函 plan is written to ../shared/FORMAT.md here and built and verified through the CLI,
as a user would; the ordinary documents are small renders with one number taken away
(tests/verify_docs.py), so each test shows one rule noticing one fault.
"""

from __future__ import annotations

from pathlib import Path

import pdfplumber
from conftest import run_cli
from verify_docs import build_docx, build_pdf

from docgen.verify import Status, verify_file
from docgen.verify.findings import LETTER_PAGE_ONE

ONE_PAGE_PREPRINTED_LETTER = """文种: 函
标题: 某市机关事务管理局关于商请协助采购疫情防控物资的函
发文机关: 某市机关事务管理局
成文日期: 2020-02-05
版头: {发文机关标志: 某市机关事务管理局, 发文字号: 某机管函〔2020〕3号, 套印: 是}
主送机关: 某市工业和信息化局
正文: 商请贵局在统筹调配防护物资时，协助我局采购医用外科口罩2万只、84消毒液1000升、红外测温枪20把，所需费用由我局按规定支付。
"""


def rule_status(path: Path, rule: str) -> list[tuple[Status, str]]:
    return [(f.status, f.measured) for f in verify_file(path) if f.rule == rule]


def test_N4_one_page_preprinted_letter_passes_verify_in_both_formats(tmp_path: Path) -> None:
    """A one-page 套印 函: nothing red and no number anywhere, yet a letter — verify passes."""
    plan = tmp_path / "tao-han.yaml"
    plan.write_text(ONE_PAGE_PREPRINTED_LETTER, encoding="utf-8")
    built = run_cli("build", plan, "-o", tmp_path / "out", "--format", "docx,pdf")
    assert built.returncode == 0, built.stderr
    pdf, docx = tmp_path / "out" / "tao-han.pdf", tmp_path / "out" / "tao-han.docx"
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == 1  # the case: no page 2 to show a 2
    result = run_cli("verify", pdf, docx)
    assert result.returncode == 0, result.stdout
    assert result.stdout.count("不符合 0，") == 2  # both files, every rule
    for path in (pdf, docx):
        findings = verify_file(path)
        assert [(f.status, f.measured) for f in findings if f.rule == "N4"] == [
            (Status.SKIP, LETTER_PAGE_ONE)]
        assert any(f.rule == "S1" and f.name.endswith("首页页码") and f.status is Status.PASS
                   for f in findings)


def test_N1_missing_number_on_page_2_of_an_ordinary_document_fails(tmp_path: Path) -> None:
    pdf = build_pdf(tmp_path / "odd-only.pdf", page_numbers="odd")
    assert (Status.FAIL, "第 2 页无页码") in rule_status(pdf, "N1")
    assert rule_status(pdf, "N4") == [(Status.PASS, "第 1 页有页码")]
    docx = build_docx(tmp_path / "odd-only.docx", page_numbers="odd")
    [(status, measured)] = rule_status(docx, "N1")
    assert status is Status.FAIL and "偶数页页脚无 PAGE 页码域" in measured


def test_N4_unnumbered_page_one_under_an_ordinary_blank_head_fails(tmp_path: Path) -> None:
    """One page, no number, the title as low as under a 通用格式 版头 left to 套印 paper (137 mm):
    not a letter, so page 1 must be numbered."""
    pdf = build_pdf(tmp_path / "blank-head.pdf", page_numbers=False, paragraphs=2, blank_head_mm=100)
    with pdfplumber.open(pdf) as doc:
        assert len(doc.pages) == 1
    assert rule_status(pdf, "N4") == [(Status.FAIL, "第 1 页无页码")]
