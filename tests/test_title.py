"""Title breaking (spec §5.3): between words, ≤ 20 characters a line, no hourglass."""

from __future__ import annotations

import pytest

from docgen.compose.title import break_title
from docgen.standard import text_width

TITLES = [
    "机关事务管理局秋冬季新冠肺炎疫情防控工作方案",
    "关于做好2021年春节期间新冠肺炎疫情防控工作的通告",
    "市民政局2021年新冠肺炎疫情防控工作总结",
    "某小学新型冠状病毒感染的肺炎疫情防控工作总结",
    "某某市某某区人民政府办公室关于进一步加强党政机关办公大楼安全管理和疫情防控工作的实施方案",
]


def test_short_title_stays_on_one_line() -> None:
    assert break_title("市民政局工作总结") == ("市民政局工作总结",)


@pytest.mark.parametrize("title", TITLES)
def test_lines_join_back_to_the_title_and_fit(title: str) -> None:
    lines = break_title(title)
    assert "".join(lines) == title
    assert all(2 <= text_width(line) <= 20 for line in lines)


@pytest.mark.parametrize("title", TITLES)
def test_no_line_starts_with_de_or_punctuation(title: str) -> None:
    for line in break_title(title)[1:]:
        assert line[0] not in "的，。、；：）》”"


@pytest.mark.parametrize("title", TITLES)
def test_three_lines_are_never_an_hourglass(title: str) -> None:
    widths = [text_width(s) for s in break_title(title)]
    if len(widths) == 3:
        assert not (widths[1] < widths[0] and widths[1] < widths[2])


def test_words_are_never_split() -> None:
    assert break_title(TITLES[0]) == ("机关事务管理局秋冬季", "新冠肺炎疫情防控工作方案")
    assert break_title(TITLES[1]) == ("关于做好2021年春节期间", "新冠肺炎疫情防控工作的通告")


# -- words kept whole, quotations never broken (issue 9 item 7) ---------------------------------

ORGS = ["某某省某某市应急管理局", "某某县人民政府办公室", "某某市机关事务管理局", "某某区卫生健康委员会"]
TERMS = ["安全生产", "疫情防控", "领导小组", "工作方案", "实施方案", "专项整治", "应急管理"]
VERBS = ["关于进一步加强", "关于印发", "关于调整", "关于做好"]


def _generated(n: int = 40) -> list[str]:
    """Long titles in the field's shape, from a fixed seed (every run checks the same ones)."""
    import random

    rnd = random.Random(9)
    out = []
    for _ in range(n):
        a, b = rnd.sample(TERMS, 2)
        out.append(f"{rnd.choice(ORGS)}{rnd.choice(VERBS)}{a}{b}{rnd.choice(['的通知', '的意见', ''])}")
    return out


def _breaks(lines: tuple[str, ...]) -> set[int]:
    ends, pos = set(), 0
    for line in lines[:-1]:
        pos += len(line)
        ends.add(pos)
    return ends


@pytest.mark.parametrize("title", _generated())
def test_field_terms_are_never_split(title: str) -> None:
    lines = break_title(title)
    assert len(lines) > 1
    for term in TERMS:
        start = title.find(term)
        if start >= 0:
            assert not any(start < b < start + len(term) for b in _breaks(lines)), lines


@pytest.mark.parametrize("title", _generated())
def test_breaks_fall_between_words(title: str) -> None:
    from docgen.compose.title import segment

    ends, pos = set(), 0
    for w in segment(title):
        pos += len(w)
        ends.add(pos)
    assert _breaks(break_title(title)) <= ends


@pytest.mark.parametrize("name", ["某某县安全生产专项整治工作方案", "疫情防控工作领导小组工作规则",
                                  "某某市安全生产考核办法"])
def test_never_breaks_inside_book_title_marks(name: str) -> None:
    lines = break_title(f"某某市人民政府办公室关于印发《{name}》的通知")
    assert any(f"《{name}》" in line for line in lines), lines


@pytest.mark.parametrize("quoted", ["四个意识", "放管服", "一网通办", "最多跑一次"])
def test_never_breaks_inside_quotation_marks(quoted: str) -> None:
    lines = break_title(f"某某市机关事务管理局关于深入开展“{quoted}”改革提升服务质量的实施方案")
    assert any(f"“{quoted}”" in line for line in lines), lines


def test_a_quotation_longer_than_a_line_breaks_between_its_words() -> None:
    name = "某某省某某市某某区安全生产专项整治三年行动实施方案"  # 25 characters: cannot fit
    lines = break_title(f"关于印发《{name}》的通知")
    assert "".join(lines) == f"关于印发《{name}》的通知"
    assert all(text_width(line) <= 20 for line in lines)
    start = lines[0].find("安全生产") if "安全生产" in lines[0] else "".join(lines).find("安全生产")
    assert not any(start < b < start + 4 for b in _breaks(lines)), lines


@pytest.mark.parametrize(("title", "kept"), [
    ("某某市应急管理局2023年安全生产工作方案", "2023年"),
    ("某某县民政局关于2022年度工作情况的报告", "2022年度"),
    ("关于开展2024年第3季度消防安全大检查的通知", "3季度"),
])
def test_a_number_stays_with_its_measure_word(title: str, kept: str) -> None:
    lines = break_title(title)
    assert len(lines) > 1 and any(kept in line for line in lines), lines


def test_title_breaking_loads_neither_jieba_nor_its_full_dictionary() -> None:
    import subprocess
    import sys

    # Speed is bench/cold_start.py's business; this proves what is loaded, not how fast.
    code = ("import sys; from docgen.compose.title import break_title;"
            "print(break_title(" + repr(TITLES[4]) + "));"
            "print(sorted(m for m in sys.modules if m.split('.')[0] == 'jieba') or 'none')")
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True).stdout.splitlines()
    assert out[-1] == "none" and len(out) >= 2


def test_word_list_is_what_the_committed_script_makes(tmp_path) -> None:
    """tools/prune_title_dict.py regenerates title_words.txt exactly (jieba: dev extra)."""
    import subprocess
    import sys
    from pathlib import Path

    pytest.importorskip("jieba")
    root = Path(__file__).resolve().parent.parent
    out = tmp_path / "w.txt"
    subprocess.run([sys.executable, str(root / "tools" / "prune_title_dict.py"), "--out", str(out)],
                   check=True, capture_output=True)
    committed = root / "src" / "docgen" / "compose" / "title_words.txt"
    assert out.read_bytes() == committed.read_bytes()


def test_pdf_and_docx_show_the_composers_title_lines(tmp_path) -> None:
    """Both writers draw compose's title_lines: one generated long title with 《》, both files."""
    import io
    import zipfile

    import pdfplumber
    from lxml import etree

    from docgen.api import document_from_plan
    from docgen.write import RenderContext, docx, pdf

    title = "某某市人民政府办公室关于印发《某某市安全生产专项整治工作方案》的通知"
    plan = tmp_path / "t.yaml"
    plan.write_text(f"文种: 通告\n标题: {title}\n发文机关: 某某市人民政府办公室\n"
                    "成文日期: 2024-03-01\n事项:\n  - 内容: 现将有关事项通告如下。\n", "utf-8")
    doc = document_from_plan(plan)
    assert len(doc.title_lines) > 1 and "".join(doc.title_lines) == title
    ctx = RenderContext(project_dir=tmp_path)
    with pdfplumber.open(io.BytesIO(pdf.render(doc, ctx))) as p:
        chars = [c for c in p.pages[0].chars if abs(c["size"] - 22) < 0.5]
    rows: dict[int, list] = {}
    for c in chars:
        rows.setdefault(round(c["top"]), []).append(c)
    in_pdf = ["".join(c["text"] for c in sorted(r, key=lambda c: c["x0"])) for _, r in sorted(rows.items())]
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    xml = etree.fromstring(zipfile.ZipFile(io.BytesIO(docx.render(doc, ctx))).read("word/document.xml"))
    in_docx = []
    for para in xml.iter(f"{w}p"):
        text = "".join("\n" if el.tag == f"{w}br" else (el.text or "")
                       for el in para.iter(f"{w}t", f"{w}br"))
        if text.replace("\n", "") == title:
            in_docx = text.split("\n")
    assert in_pdf == in_docx == list(doc.title_lines)
