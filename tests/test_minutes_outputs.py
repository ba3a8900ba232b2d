"""纪要格式 (GB/T 9704 §10.3) in both outputs: 出席/请假/列席 one blank line below the 正文,
2 characters in, 黑体 labels, names 仿宋, wrapped lines aligned after the ：; no 署名 or date."""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

import pdfplumber
import pytest
from conftest import run_cli

from docgen import standard as S

PLAN = """文种: 纪要
标题: 疫情防控工作专题会议纪要
发文机关: 某市机关事务中心
成文日期: 2020-02-03
版头: {发文机关标志: 某市机关事务中心会议纪要}
会议: {时间: 2020年2月3日上午, 地点: 中心三楼会议室, 主持人: 张三}
正文:
  - 标题: 关于加强组织领导。
    内容: 会议决定成立疫情防治领导组，周密组织，密切配合，确保疫情防控工作落到实处。
出席: [张三, 李四, 王五, 赵六, 钱八, 孙七, 周九, 吴十, 郑一, 王二, 冯三, 陈四, 褚五, 卫六, 蒋七]
请假: 沈八（出差）
"""
MM = 72 / 25.4


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("minutes")
    (folder / "jiyao.yaml").write_text(PLAN, encoding="utf-8")
    result = run_cli("build", folder / "jiyao.yaml", "-o", folder / "out", "--format", "docx,pdf")
    assert result.returncode == 0, result.stderr
    return folder / "out"


@pytest.fixture(scope="module")
def lines(built: Path) -> list[list[dict]]:
    """Text lines of page 1, top to bottom, characters left to right."""
    with pdfplumber.open(built / "jiyao.pdf") as pdf:
        rows: dict[int, list[dict]] = {}
        for c in pdf.pages[0].chars:
            if not c["text"].isspace() and c["top"] < 262 * MM:
                rows.setdefault(round(c["bottom"]), []).append(c)
        return [sorted(r, key=lambda c: c["x0"]) for _, r in sorted(rows.items())]


def text(line: list[dict]) -> str:
    return "".join(c["text"] for c in line)


def test_attendance_starts_two_characters_in_after_a_blank_line(lines) -> None:
    i = next(n for n, ln in enumerate(lines) if text(ln).startswith("出席："))
    assert abs(lines[i][0]["x0"] / MM - (S.MARGIN_MM["left"] + S.INDENT_2C_PT / MM)) < 1
    gap = (lines[i][0]["bottom"] - lines[i - 1][0]["bottom"]) / S.LINE_PITCH_PT
    assert 1.9 < gap < 2.1  # one empty grid line between the 正文 and 出席


def test_attendance_labels_are_hei_and_names_fang(lines) -> None:
    for ln in lines:
        if re.match(r"(出席|请假)：", text(ln)):
            assert all("Hei" in c["fontname"] for c in ln[:2]), text(ln)
            assert all("Fang" in c["fontname"] for c in ln[3:] if ord(c["text"]) > 0x2E7F)


def test_attendance_wraps_align_after_the_colon(lines) -> None:
    i = next(n for n, ln in enumerate(lines) if text(ln).startswith("出席："))
    after_colon = lines[i][3]["x0"]
    # the first line is justified (its label spreads a little): within 1 mm (spec: ±0.5 C)
    assert abs(lines[i + 1][0]["x0"] - after_colon) / MM < 1, text(lines[i + 1])
    assert text(lines[i + 2]).startswith("请假：")


def test_minutes_have_no_signature_or_date_line(lines) -> None:
    assert not any(re.fullmatch(r"\d{4}年\d{1,2}月\d{1,2}日", text(ln)) for ln in lines)
    assert "某市机关事务中心" not in [text(ln) for ln in lines]


def test_word_attendance_hangs_after_its_label(built: Path) -> None:
    xml = zipfile.ZipFile(built / "jiyao.docx").read("word/document.xml").decode()
    para = re.search(r"<w:p><w:pPr>((?:(?!</w:pPr>).)*)</w:pPr>(?:(?!</w:p>).)*出席：", xml)
    assert para, "no 出席 paragraph"
    ind = re.search(r'<w:ind w:left="(\d+)" w:hanging="(\d+)"/>', para.group(1))
    assert ind and int(ind[1]) - int(ind[2]) == S.INDENT_2C_TWIPS
    assert abs(int(ind[2]) - 3 * S.CHAR_ADVANCE_PT * 20) < 2
    assert f'w:before="{S.LINE_PITCH_TWIPS}"' in para.group(1)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_verify_checks_the_minutes_format(built: Path, fmt: str) -> None:
    result = run_cli("verify", built / f"jiyao.{fmt}")
    assert result.returncode == 0, result.stdout
    assert re.search(r"S3 纪要格式：出席、请假、列席：通过", result.stdout)
