"""Batch expansion in the loader: units files, placeholders, overrides, errors, safe names."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from batch_support import BATCH_PLAN, make_units_xlsx
from conftest import PLANS, run_cli

from docgen.errors import DocgenError
from docgen.load.units import load_plan_units, read_unit_file, safe_name

PLAN = BATCH_PLAN + """\
    领导小组:
      组长: "{{ 单位.组长 }}"
版记:
  抄送: 县政府办公室
  印发机关: "{{ 单位.名称 }}党政办公室"
  印发日期: 2024-05-06
"""


def make(tmp_path: Path, csv: str, plan: str = PLAN) -> Path:
    (tmp_path / "units.csv").write_text(csv, encoding="utf-8")
    path = tmp_path / "plan.yaml"
    path.write_text(plan, encoding="utf-8")
    return path


def plans(path: Path) -> dict:
    return {u.unit.name: u for u in load_plan_units(path)}


def test_placeholders_fill_every_string(tmp_path: Path) -> None:
    got = plans(make(tmp_path, "名称,组长\n城关镇,张三\n河口镇,李四\n"))
    m = got["河口镇"].plan.model
    assert m.title == ["河口镇防汛工作方案"] and m.issuer == ["河口镇人民政府"]
    assert m.body[0].content == "由李四任组长。" and m.colophon.printer == "河口镇党政办公室"
    assert got["城关镇"].plan.model.body[0].group.组长 is not None


def test_top_level_column_overrides_the_plan_key(tmp_path: Path) -> None:
    got = plans(make(tmp_path, "名称,组长,主送机关\n城关镇,张三,各村委会\n"))
    assert got["城关镇"].plan.model.addressee == "各村委会"


def test_dotted_columns_override_nested_keys(tmp_path: Path) -> None:
    csv = "名称,组长,版记.抄送,版头.发文字号\n城关镇,张三,县委办公室,城政发〔2024〕3号\n"
    m = plans(make(tmp_path, csv))["城关镇"].plan.model
    assert m.colophon.cc == "县委办公室"
    assert "城政发〔2024〕3号" in str(m.letterhead.doc_number)


def test_empty_override_cell_keeps_the_plan_value(tmp_path: Path) -> None:
    got = plans(make(tmp_path, "名称,组长,版记.抄送\n城关镇,张三,\n河口镇,李四,县委\n"))
    assert got["城关镇"].plan.model.colophon.cc == "县政府办公室"
    assert got["河口镇"].plan.model.colophon.cc == "县委"


def test_overridden_value_is_checked_and_located_at_the_unit_cell(tmp_path: Path) -> None:
    got = plans(make(tmp_path, "名称,组长,成文日期\n城关镇,张三,\n河口镇,李四,2024-02-30\n"))
    assert got["城关镇"].error is None
    err = got["河口镇"].error
    assert err is not None
    text = str(err)
    assert re.search(r"units\.csv:3:\d+: 错误：单位“河口镇”（units\.csv 第 3 行）", text), text


def test_unknown_variable_names_plan_line_unit_and_row(tmp_path: Path) -> None:
    plan = PLAN.replace("由{{ 单位.组长 }}任组长。", "由{{ 单位.组长 }}任组长，电话{{ 单位.电话 }}。")
    got = plans(make(tmp_path, "名称,组长\n城关镇,张三\n", plan))
    text = str(got["城关镇"].error)
    assert re.search(r"plan\.yaml:8:\d+: 错误：单位“城关镇”（units\.csv 第 2 行）", text), text
    assert "单位.电话" in text and "名称、组长" in text


def test_default_filter_allows_a_missing_column(tmp_path: Path) -> None:
    plan = PLAN.replace("由{{ 单位.组长 }}任组长。", "电话{{ 单位.电话 | default('无') }}。")
    assert plans(make(tmp_path, "名称,组长\n城关镇,张三\n", plan))["城关镇"].plan.model.body[0].content == "电话无。"


@pytest.mark.parametrize("expr", ["{% for x in 单位 %}x{% endfor %}", "{{ 单位.名称.__class__ }}",
                                  "{{ 名称 }}", "{{ 单位.名称 | attr('x') }}", "{{ lipsum() }}"])
def test_statements_calls_and_bare_names_are_rejected_with_the_line(tmp_path: Path,
                                                                    expr: str) -> None:
    plan = PLAN.replace("由{{ 单位.组长 }}任组长。", f"'{expr}'")
    with pytest.raises(DocgenError) as info:
        load_plan_units(make(tmp_path, "名称,组长\n城关镇,张三\n", plan))
    assert re.search(r"plan\.yaml:8:\d+: 错误：", str(info.value)), str(info.value)


def test_unit_values_are_data_not_templates(tmp_path: Path) -> None:
    got = plans(make(tmp_path, "名称,组长\n城关镇,\"{{ 7*7 }}\"\n"))
    assert got["城关镇"].plan.model.body[0].content == "由{{ 7*7 }}任组长。"


def test_csv_with_excel_bom_keeps_the_first_column_name(tmp_path: Path) -> None:
    path = tmp_path / "u.csv"
    path.write_bytes("\ufeff名称,组长\r\n城关镇,张三\r\n".encode())
    units = read_unit_file(path, None)
    assert units[0].values == {"名称": "城关镇", "组长": "张三"}


def test_yaml_units_keep_strings_and_positions(tmp_path: Path) -> None:
    (tmp_path / "units.yaml").write_text("- 名称: 城关镇\n  组长: 0123\n  版记:\n    抄送: NO\n",
                                         encoding="utf-8")
    units = read_unit_file(tmp_path / "units.yaml", None)
    assert units[0].values == {"名称": "城关镇", "组长": "0123", "版记.抄送": "NO"}
    assert (units[0].locs["版记.抄送"].line, units[0].row) == (4, 1)


def test_units_written_in_the_plan(tmp_path: Path) -> None:
    plan = PLAN.replace("单位: units.csv", "单位:\n  - {名称: 城关镇, 组长: 张三}\n  - {名称: 河口镇, 组长: 李四}")
    assert sorted(plans(make(tmp_path, "", plan))) == ["城关镇", "河口镇"]


def test_missing_name_column_is_a_plan_error(tmp_path: Path) -> None:
    with pytest.raises(DocgenError, match="缺少“名称”一列"):
        load_plan_units(make(tmp_path, "单位名,组长\n城关镇,张三\n"))


def test_dotted_column_below_top_level_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(DocgenError, match=r"units\.csv:1:\d+: 错误：列名“领导小组\.组长”"):
        load_plan_units(make(tmp_path, "名称,领导小组.组长\n城关镇,张三\n"))


def test_row_without_name_fails_alone(tmp_path: Path) -> None:
    got = load_plan_units(make(tmp_path, "名称,组长\n城关镇,张三\n,李四\n"))
    assert [u.error is None for u in got] == [True, False]
    assert "第 3 行没有填“名称”" in str(got[1].error)


def test_committed_xlsx_is_the_csv_made_reproducibly(tmp_path: Path) -> None:
    folder = PLANS / "batch"
    make_units_xlsx(folder / "towns.csv", tmp_path / "towns.xlsx")
    assert (tmp_path / "towns.xlsx").read_bytes() == (folder / "towns.xlsx").read_bytes()
    csv_rows = [u.values for u in read_unit_file(folder / "towns.csv", None)]
    assert len(csv_rows) >= 20
    assert [u.values for u in read_unit_file(folder / "towns.xlsx", None)] == csv_rows


def test_check_does_not_take_units_data_files_for_plans(tmp_path: Path) -> None:
    make(tmp_path, "名称,组长\n城关镇,张三\n")
    (tmp_path / "units2.yaml").write_text("- 名称: 城关镇\n  组长: 张三\n", encoding="utf-8")
    result = run_cli("check", tmp_path)
    assert result.returncode == 0 and "1 个计划" in result.stdout, result.stdout + result.stderr


# --- safe file names ---------------------------------------------------------------------


@pytest.mark.parametrize("ch", list('/\\:*?"<>|') + ["\x00", "\x1f", "\x7f", "\u200b"])
def test_unsafe_characters_are_replaced(ch: str) -> None:
    assert safe_name(f"城关{ch}镇") == "城关_镇"


@pytest.mark.parametrize("name", ["CON", "prn", "Aux", "NUL", "COM1", "com9", "LPT1", "lpt9",
                                  "CON.txt", "nul.tar"])
def test_reserved_device_names_are_prefixed(name: str) -> None:
    assert safe_name(name) == f"_{name}"


@pytest.mark.parametrize("name", ["..", "../../etc/passwd", "a/../b", "...", " . "])
def test_dot_dot_never_survives(name: str) -> None:
    out = safe_name(name)
    assert ".." not in out and "/" not in out and out not in ("", ".")


def test_leading_and_trailing_dots_and_spaces_are_removed() -> None:
    assert safe_name(" .城关镇. ") == "城关镇"


def test_long_names_are_bounded_in_characters_and_bytes() -> None:
    assert len(safe_name("a" * 300)) == 100
    out = safe_name("镇" * 300)
    assert len(out.encode()) <= 200 and out == "镇" * 66


def test_empty_name_gets_a_placeholder() -> None:
    assert safe_name("///") == "___" and safe_name("") == "未命名"


def test_check_validates_every_unit_of_a_batch_plan(tmp_path) -> None:
    """`docgen check` expands 单位: a bad cell fails the check and names the unit's row."""
    import shutil

    from conftest import PLANS, run_cli

    folder = tmp_path / "batch"
    shutil.copytree(PLANS / "batch", folder)
    csv = folder / "towns.csv"
    lines = csv.read_text(encoding="utf-8").splitlines()
    lines[2] = lines[2].replace("河口政发〔2024〕4号", "河口政发〔24〕4号")
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = run_cli("check", folder / "towns-flood.yaml")
    assert result.returncode == 1
    assert "河口镇" in result.stderr and "第 3 行" in result.stderr and "四位" in result.stderr
    assert "Traceback" not in result.stderr
