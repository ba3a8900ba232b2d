"""`docgen check` on files that used to end in a traceback or a wrong place (issue 12, 1/3/5/7).

Each test writes the real bad file, runs the CLI and asserts the located Chinese error and
exit code 1 (robust_support.run fails on any escaped exception or traceback).
"""

from __future__ import annotations

import sys
import time
import zipfile
from pathlib import Path

import pytest
from robust_support import HEAD, check_fails, run


def write(folder: Path, name: str, text: str | bytes) -> Path:
    path = folder / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def test_deep_nesting_is_a_located_error(tmp_path: Path) -> None:
    plan = write(tmp_path, "plan.yaml", HEAD + "正文: " + "[" * 400 + "]" * 400 + "\n")
    (err,) = check_fails(plan).errors()
    assert err[:2] == ("plan.yaml", 5) and "嵌套太深" in err[3]


def test_deep_nesting_prints_no_traceback_from_a_real_process(tmp_path: Path) -> None:
    import subprocess

    plan = write(tmp_path, "plan.yaml", HEAD + "正文: " + "[" * 2000 + "\n")
    result = subprocess.run([sys.executable, "-m", "docgen", "check", str(plan)],
                            capture_output=True, text=True, encoding="utf-8", timeout=60)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "plan.yaml:5:" in result.stderr


@pytest.mark.parametrize("value", ["[通告]", "{通告: 是}"])
def test_kind_that_is_not_text_is_a_located_error(tmp_path: Path, value: str) -> None:
    plan = write(tmp_path, "plan.yaml", f"文种: {value}\n标题: 测试\n发文机关: 某局\n成文日期: 2022-10-08\n")
    (err,) = check_fails(plan).errors()
    assert err[1:3] == (1, 5) and "“文种”应为一段文字" in err[3]


@pytest.mark.parametrize("odd", ["\u2028", "\x85", "\x0c"])
def test_csv_line_break_lookalike_keeps_later_rows_on_their_lines(tmp_path: Path, odd: str) -> None:
    write(tmp_path, "units.csv", f'名称,组长\n"甲{odd}镇",张三\n乙镇,李四,多出\n')
    plan = write(tmp_path, "plan.yaml", HEAD + "单位: units.csv\n导语: '{{ 单位.名称 }}'\n")
    errors = check_fails(plan).errors()
    extra = [e for e in errors if "多出了第 3 列" in e[3]]
    assert [e[:3] for e in extra] == [("units.csv", 3, 7)]


def _xlsx(folder: Path) -> Path:
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["名称", "组长"])
    book.active.append(["甲镇", "张三"])
    path = folder / "good.xlsx"
    book.save(path)
    return path


def _rewrite(src: Path, dst: Path, change) -> None:
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w") as zout:
        for name in zin.namelist():
            data = change(name, zin.read(name))
            if data is not None:
                zout.writestr(name, data)


SHEET = "xl/worksheets/sheet1.xml"


@pytest.mark.parametrize("damage", ["cut sheet xml", "missing sheet", "not a zip"])
def test_damaged_xlsx_is_an_error_at_the_units_line(tmp_path: Path, damage: str) -> None:
    good = _xlsx(tmp_path)
    bad = tmp_path / "units.xlsx"
    if damage == "cut sheet xml":
        _rewrite(good, bad, lambda n, d: d[: len(d) // 2] if n == SHEET else d)
    elif damage == "missing sheet":
        _rewrite(good, bad, lambda n, d: None if n == SHEET else d)
    else:
        bad.write_bytes(b"PK\x03\x04 this is not a workbook")
    plan = write(tmp_path, "plan.yaml", HEAD + "导语: '{{ 单位.名称 }}'\n单位: units.xlsx\n")
    (err,) = check_fails(plan).errors()
    assert err[:3] == ("plan.yaml", 6, 5) and "units.xlsx" in err[3] and "另存为" in err[3]


@pytest.mark.parametrize("ch", ["\x00", "\x07", "\x1b", "\x7f", "\x9b", "\uffff"])
def test_control_character_is_a_chinese_error_with_line_and_column(tmp_path: Path, ch: str) -> None:
    plan = write(tmp_path, "plan.yaml", HEAD + f"导语: 为做好{ch}工作\n")
    (err,) = check_fails(plan).errors()
    assert err[1:3] == (5, 8)
    assert f"U+{ord(ch):04X}" in err[3] and "请删去它" in err[3]
    assert "position" not in err[3] and "unacceptable" not in err[3]


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\x85"])
def test_lines_after_a_yaml_only_line_break_are_counted_as_editors_count(tmp_path: Path,
                                                                        sep: str) -> None:
    plan = write(tmp_path, "plan.yaml", HEAD + f"导语: 第一句{sep}第二句\n正文:\n  - 标提: 指导思想\n")
    errors = check_fails(plan).errors()
    assert (5, 8) in [e[1:3] for e in errors]  # the separator itself
    assert [e[1:3] for e in errors if "未知的键“标提”" in e[3]] == [(7, 5)]


@pytest.mark.parametrize("ch", [*map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A)),
                                "\u2060"])
def test_bidi_and_invisible_controls_are_errors_with_the_fix(tmp_path: Path, ch: str) -> None:
    plan = write(tmp_path, "plan.yaml", HEAD + f"导语: 甲乙{ch}丙丁\n")
    (err,) = check_fails(plan).errors()
    assert err[1:3] == (5, 7)
    assert f"U+{ord(ch):04X}" in err[3] and "请删去它" in err[3]


def test_unit_named_with_right_to_left_override_cannot_spoof_its_file_name(tmp_path: Path) -> None:
    write(tmp_path, "units.csv", "名称,组长\n城关镇\u202excod.exe,张三\n南山镇,李四\n")
    plan = write(tmp_path, "plan.yaml", HEAD + "单位: units.csv\n导语: '{{ 单位.名称 }}'\n")
    out = check_fails(plan)
    (err,) = out.errors()
    assert err[:3] == ("units.csv", 2, 1) and "U+202E" in err[3]
    assert "\u202e" not in out.stderr  # the message shows it as \u202e, not the character
    built = run("build", plan, "-o", tmp_path / "out", "--format", "txt", "--jobs", "1")
    assert built.code == 1
    names = [p.name for p in (tmp_path / "out").rglob("*.txt")]
    assert names == ["南山镇.txt"]


@pytest.mark.parametrize("name", [".", ".."])
def test_unit_named_only_dots_is_a_located_error(tmp_path: Path, name: str) -> None:
    write(tmp_path, "units.csv", f"名称,组长\n南山镇,李四\n{name},张三\n")
    plan = write(tmp_path, "plan.yaml", HEAD + "单位: units.csv\n导语: '{{ 单位.名称 }}'\n")
    (err,) = check_fails(plan).errors()
    assert err[:3] == ("units.csv", 3, 1) and f"单位名称“{name}”不能用作文件名" in err[3]


def test_thousands_of_unknown_keys_print_a_bounded_list_and_a_count(tmp_path: Path) -> None:
    plan = write(tmp_path, "plan.yaml", HEAD + "".join(f"未知{i}: 值\n" for i in range(3000)))
    out = check_fails(plan)
    assert len(out.errors()) == 30
    assert "另有 2970 条未列出（其中错误 2970 条）" in out.stderr
    assert len(out.stderr.splitlines()) == 32


def test_columns_named_like_dict_methods_print_their_values(tmp_path: Path) -> None:
    write(tmp_path, "units.csv", "名称,items,keys,values,get,copy\n甲镇,项,键,值,取,抄\n")
    plan = write(tmp_path, "plan.yaml", HEAD + "单位: units.csv\n导语: >-\n  {{ 单位.items }}{{ 单位.keys }}"
                 "{{ 单位.values }}{{ 单位['get'] }}{{ 单位.copy|trim }}\n")
    out = run("build", plan, "-o", tmp_path / "out", "--format", "txt", "--jobs", "1")
    assert out.code == 0, out.stderr
    text = (tmp_path / "out" / "plan" / "甲镇.txt").read_text(encoding="utf-8")
    assert "项键值取抄" in text and "method" not in text


def test_placeholder_output_is_bounded_and_refused_fast(tmp_path: Path) -> None:
    write(tmp_path, "units.csv", "名称\n甲镇\n")
    plan = write(tmp_path, "plan.yaml", HEAD + "单位: units.csv\n导语: '{{ 单位.名称|center(1000000000) }}'\n")
    start = time.monotonic()
    (err,) = check_fails(plan).errors()
    assert time.monotonic() - start < 5
    assert err[1:3] == (6, 5) and "center" in err[3] and "超过 100000 个字" in err[3]


def test_title_too_long_for_any_shape_is_broken_fast() -> None:
    from docgen.compose.title import break_title

    start = time.monotonic()
    lines = break_title("关于实行封闭式管理" + "坚决打赢疫情防控阻击战" * 40 + "的通告")
    assert time.monotonic() - start < 2
    assert len(lines) > 4 and "".join(lines).endswith("的通告")


@pytest.mark.parametrize("line", ["导语: [甲, 乙", "导语: {甲: 乙", "导语: @甲", "导语: |x\n  甲",
                                  "导语: &", "...\n导语: 甲", "- 甲"])
def test_yaml_syntax_errors_are_told_in_chinese(tmp_path: Path, line: str) -> None:
    import re

    plan = write(tmp_path, "plan.yaml", HEAD + line + "\n")
    (err,) = check_fails(plan).errors()
    assert err[1] >= 5 and not re.search(r"[A-Za-z]{4,}", err[3].replace("YAML", "")), err


def test_title_of_many_tiny_words_is_broken_fast() -> None:
    from docgen.compose.title import break_title

    start = time.monotonic()
    lines = break_title("关于实行封闭式管理坚决打赢疫情防控阻击" + "- " * 50 + "战的通告")
    assert time.monotonic() - start < 2
    assert "".join(lines).endswith("战的通告")
