"""印发通知 in both outputs: the issued plan follows the notice's date on a new page with its
own title, no 附件 label; its 任务分解 follows it; page numbers run on; one 版记 at the end.

Built once (plans/tongzhi-yinfa.yaml issuing plans/workplan-jiguan.yaml) through the CLI.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from conftest import PLANS, run_cli
from pdf_probe import footer_chars

from docgen import standard as S

PLAN = PLANS / "tongzhi-yinfa.yaml"
ISSUED_TITLE = "机关事务管理局秋冬季新冠肺炎疫情防控工作方案"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("issued")
    result = run_cli("build", PLAN, "-o", out, "--format", "docx,pdf")
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def pages(built: Path) -> list[dict]:
    """Per page: text lines (top, size, text) of the 版心 and the footer text."""
    out = []
    with pdfplumber.open(built / f"{PLAN.stem}.pdf") as pdf:
        for page in pdf.pages:
            lines: dict[float, list[dict]] = {}
            for c in page.chars:
                if c["top"] < S.MARGIN_MM["top"] * S.MM_PT + S.BODY_H_MM * S.MM_PT:
                    lines.setdefault(round(c["bottom"]), []).append(c)
            body = [(top, round(cs[0]["size"]), "".join(c["text"] for c in sorted(cs, key=lambda c: c["x0"])))
                    for top, cs in sorted(lines.items())]
            foot = "".join(c["text"] for c in footer_chars(page)).replace(" ", "")
            out.append({"lines": body, "footer": foot})
    return out


def texts(page: dict) -> list[str]:
    return [t for _, _, t in page["lines"]]


def test_issued_plan_starts_a_new_page_after_the_notice_date(pages: list[dict]) -> None:
    first = texts(pages[0])
    assert first[-1] == "2022年6月28日"
    top_size, top_text = pages[1]["lines"][0][1:]
    assert top_size == round(S.TITLE_PT)  # 2号 title on the new page's first line
    assert "".join(t for _, s, t in pages[1]["lines"] if s == round(S.TITLE_PT)) == ISSUED_TITLE


def test_issued_plan_is_not_an_attachment_of_the_notice(pages: list[dict]) -> None:
    notice = "".join(texts(pages[0]))
    assert "附件：" not in notice
    assert not any(re.fullmatch(r"附件\d*", t) for t in texts(pages[1]))


def test_issued_plan_has_no_signature_or_date_of_its_own(pages: list[dict]) -> None:
    rest = "\n".join(t for p in pages[1:] for t in texts(p))
    assert "2022年6月26日" not in rest  # the plan's own 成文日期
    assert "局机关各科室、局属各单位：" not in rest  # its own 主送


def test_issued_plan_keeps_its_task_table_after_it(pages: list[dict]) -> None:
    labels = [i for i, p in enumerate(pages) if texts(p) and texts(p)[0] == "附件"]
    assert len(labels) == 1 and labels[0] > 1
    table_page = "".join(texts(pages[labels[0]]))
    assert "疫情防控任务分解表" in table_page and "工作任务" in table_page


def test_page_numbers_run_on_through_the_issued_plan(pages: list[dict]) -> None:
    numbers = [int(m[1]) for p in pages if (m := re.fullmatch(r"—(\d+)—", p["footer"]))]
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= len(pages) - 2


def test_one_colophon_closes_the_whole_on_an_even_page(pages: list[dict]) -> None:
    where = [i for i, p in enumerate(pages) if any(t.endswith("印发") for t in texts(p))]
    assert where == [len(pages) - 1] and len(pages) % 2 == 0


def test_word_output_puts_the_issued_title_on_a_new_page(built: Path) -> None:
    xml = zipfile.ZipFile(built / f"{PLAN.stem}.docx").read("word/document.xml").decode()
    paras = re.findall(r"<w:p>.*?</w:p>", xml)
    texts_ = ["".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)) for p in paras]
    date = texts_.index("2022年6月28日")
    title = next(i for i, t in enumerate(texts_) if t == ISSUED_TITLE)
    assert title > date and "<w:pageBreakBefore/>" in paras[title]
    assert not any(re.fullmatch(r"附件\d*", t) for t in texts_[date:title])
    assert texts_.count("2022年6月28日") == 1 and "2022年6月26日" not in texts_


def test_forwarded_docx_follows_the_date_on_a_new_page_in_word(tmp_path: Path) -> None:
    import docx

    upper = docx.Document()
    upper.add_paragraph("上级机关关于做好防汛工作的通知正文")
    upper.save(str(tmp_path / "上级通知.docx"))
    plan = tmp_path / "zhuanfa.yaml"
    plan.write_text("文种: 通知\n标题: 关于转发《上级机关关于做好防汛工作的通知》的通知\n发文机关: 某镇人民政府\n"
                    "成文日期: 2023-05-10\n主送机关: 各村委会\n正文: 现将上级通知转发给你们，请认真贯彻落实。\n"
                    "转发: 上级通知.docx\n", encoding="utf-8")
    result = run_cli("build", plan, "-o", tmp_path / "out", "--format", "docx")
    assert result.returncode == 0, result.stderr
    xml = zipfile.ZipFile(tmp_path / "out" / "zhuanfa.docx").read("word/document.xml").decode()
    date, forwarded = xml.index("2023年5月10日"), xml.index("上级机关关于做好防汛工作的通知正文")
    assert date < forwarded and "<w:pageBreakBefore/>" in xml[date:forwarded]
    assert "附件" not in xml[date:forwarded]
