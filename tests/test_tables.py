"""Tables laid out once (layout/tables.py) and drawn alike by both writers (issue 9, 7): widths
from the content, a 黑体 header repeated on every page, cells centred or flush left but never
letter-spaced, rows never split and no lone last row. Real plans built by the CLI, both outputs
probed (docx XML; PDF with pdfplumber).
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
import pytest
from robust_support import run

from docgen import standard as L
from docgen.document import Table
from docgen.layout.tables import lay_out_table

HEADER = ("序号", "物资名称", "数量", "存放地点和管理要求")
NAME = "烟花爆竹"


def plan_text(rows: int) -> str:
    lines = ["文种: 工作方案", "标题: 长表格测试方案", "发文机关: 某局", "成文日期: 2022-10-08",
             "正文:", "  - 标题: 总体要求", "    内容: 按照要求做好工作。",
             "附件:", "  - 标题: 物资清单", "    表格:", "      - [" + ", ".join(HEADER) + "]"]
    lines += [f"      - ['{i}', {NAME}, '{i}0箱', 存放在专用仓库内由专人负责看管并定期检查登记第{i}项]"
              for i in range(1, rows + 1)]
    return "\n".join(lines) + "\n"


@dataclass
class Built:
    docx: bytes
    pdf: bytes

    def document_xml(self) -> str:
        with zipfile.ZipFile(io.BytesIO(self.docx)) as zf:
            return zf.read("word/document.xml").decode("utf-8")

    def table_xml(self) -> str:
        return re.search(r"<w:tbl>(?:(?!<w:tblpPr).)*?</w:tbl>", self.document_xml(), re.S)[0]

    def rows_by_page(self) -> list[list[int]]:
        """Row numbers (the 序号 column) on each page of the table."""
        out = []
        with pdfplumber.open(io.BytesIO(self.pdf)) as pdf:
            for page in pdf.pages:
                words = page.extract_words()
                x_first = [w for w in words if w["text"] == HEADER[0]]
                if not x_first:
                    out.append([])
                    continue
                col = x_first[0]
                out.append([int(w["text"]) for w in words if w["text"].isdigit()
                            and abs((w["x0"] + w["x1"]) / 2 - (col["x0"] + col["x1"]) / 2) < 8
                            and w["top"] < L.BODY_BOX_MM[3] * L.MM_PT])
        return out


def build(folder: Path, rows: int) -> Built:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "plan.yaml").write_text(plan_text(rows), encoding="utf-8")
    out = run("build", folder / "plan.yaml", "-o", folder / "out", "--format", "docx,pdf",
              "--jobs", "1")
    assert out.code == 0, out.stderr
    return Built((folder / "out" / "plan.docx").read_bytes(),
                 (folder / "out" / "plan.pdf").read_bytes())


@pytest.fixture(scope="module")
def long_table(tmp_path_factory: pytest.TempPathFactory) -> Built:
    return build(tmp_path_factory.mktemp("table"), 40)


def test_column_widths_come_from_the_content() -> None:
    rows = (HEADER,) + tuple((str(i), NAME, f"{i}0箱", "存放在专用仓库内由专人负责看管" * 2)
                             for i in range(1, 4))
    t = lay_out_table(Table(rows))
    assert sum(t.widths_pt) == pytest.approx(L.BODY_W_MM * L.MM_PT, abs=0.01)
    # Short columns keep their one-line width; the long text column takes the rest.
    for i, text in ((0, "序号"), (1, NAME), (2, "40箱")):
        assert t.widths_pt[i] >= L.text_width(text) * L.TABLE_PT + 2 * t.pad_x_pt
    assert t.widths_pt[3] == max(t.widths_pt)


def test_both_writers_use_the_same_column_widths(long_table: Built) -> None:
    grid = [int(w) for w in re.findall(r'<w:gridCol w:w="(\d+)"/>', long_table.table_xml())]
    edges = [sum(grid[:i]) / L.TWIPS_PER_PT for i in range(1, len(grid))]
    with pdfplumber.open(io.BytesIO(long_table.pdf)) as pdf:
        page = next(p for p in pdf.pages if HEADER[0] in (p.extract_text() or ""))
        xs = sorted({round(e["x0"], 1) for e in page.edges if e["orientation"] == "v"})
    left = min(xs)
    inner = [x - left for x in xs[1:-1]]
    assert len(inner) == len(edges)
    for x, e in zip(inner, edges, strict=True):
        assert x == pytest.approx(e, abs=1.0)


def test_header_is_heiti_in_both_outputs(long_table: Built) -> None:
    xml = long_table.table_xml()
    first_row = re.search(r"<w:tr>.*?</w:tr>", xml)[0]
    fonts = set(re.findall(r'w:eastAsia="([^"]+)"', first_row))
    assert fonts == {"黑体"}
    second_row = re.findall(r"<w:tr>.*?</w:tr>", xml)[1]
    assert "黑体" not in second_row
    with pdfplumber.open(io.BytesIO(long_table.pdf)) as pdf:
        for page in pdf.pages:
            head = [c for c in page.chars if c["text"] in "序号物资名称数量存放地点和管理要求"
                    and "Hei" in c["fontname"]]
            body = [c for c in page.chars if c["text"] in NAME]
            if body:
                assert len(head) >= len("".join(HEADER))
                assert all("Hei" not in c["fontname"] for c in body)


def test_header_row_repeats_on_every_page_of_a_long_table(long_table: Built) -> None:
    assert "<w:tblHeader/>" in re.search(r"<w:tr>.*?</w:tr>", long_table.table_xml())[0]
    assert long_table.table_xml().count("<w:tblHeader/>") == 1
    pages = [p for p in long_table.rows_by_page() if p]
    assert len(pages) >= 3
    with pdfplumber.open(io.BytesIO(long_table.pdf)) as pdf:
        for page in pdf.pages:
            text = (page.extract_text() or "").replace(" ", "")
            if NAME in text:
                assert "".join(HEADER) in text.replace("\n", "")


def test_one_line_cells_are_not_letter_spaced(long_table: Built) -> None:
    xml = long_table.table_xml()
    assert 'w:jc w:val="both"' not in xml and 'w:jc w:val="distribute"' not in xml
    with pdfplumber.open(io.BytesIO(long_table.pdf)) as pdf:
        page = next(p for p in pdf.pages if NAME in (p.extract_text() or ""))
        chars = page.chars
    runs = []
    for i in range(len(chars) - len(NAME) + 1):
        if "".join(c["text"] for c in chars[i:i + len(NAME)]) == NAME:
            runs.append(chars[i:i + len(NAME)])
    assert runs
    for run_ in runs:
        gaps = [b["x0"] - a["x1"] for a, b in zip(run_, run_[1:], strict=False)]
        assert max(gaps) < 0.2, gaps  # glyphs touch: no spacing spread across the cell


def test_short_column_is_centred_and_long_column_flush_left(long_table: Built) -> None:
    rows = re.findall(r"<w:tr>.*?</w:tr>", long_table.table_xml())
    aligns = re.findall(r'<w:jc w:val="(\w+)"/>', rows[1])
    assert aligns == ["center", "center", "center", "left"]


def test_rows_never_split_and_the_penultimate_row_keeps_with_the_last(long_table: Built) -> None:
    rows = re.findall(r"<w:tr>.*?</w:tr>", long_table.table_xml())
    assert all("<w:cantSplit/>" in r for r in rows)
    assert "<w:keepNext/>" in rows[-2] and "<w:keepNext/>" not in rows[-1]
    assert all("<w:keepNext/>" not in r for r in rows[1:-2])


def test_last_page_of_a_table_holds_at_least_two_rows(long_table: Built,
                                                      tmp_path: Path) -> None:
    """Build the table again with one row more than fills a page: the last row must not
    start the next page alone; the row before it goes with it."""
    pages = [p for p in long_table.rows_by_page() if p]
    full = pages[-2]  # a page the table filled
    assert len(pages[-1]) >= 2
    again = build(tmp_path, full[-1] + 1)
    last = [p for p in again.rows_by_page() if p][-1]
    assert last[-1] == full[-1] + 1
    assert len(last) >= 2, last


def test_pagination_model_counts_the_table_rows(long_table: Built, tmp_path: Path) -> None:
    """layout/pages.py measures the laid-out table: the body ends on the PDF's last page."""
    from docgen.compose import compose
    from docgen.layout import lay_out
    from docgen.load.plan import load_plan

    (tmp_path / "plan.yaml").write_text(plan_text(40), encoding="utf-8")
    pages = lay_out(compose(load_plan(tmp_path / "plan.yaml"))).pages
    with pdfplumber.open(io.BytesIO(long_table.pdf)) as pdf:
        assert pages is not None and pages.total == len(pdf.pages) > 2
