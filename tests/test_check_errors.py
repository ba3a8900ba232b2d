"""`docgen check` on real bad files: exit code, file:line:col and a Chinese message with the fix."""

from __future__ import annotations

import re

import pytest

HEAD = "文种: 工作方案\n标题: 测试方案\n发文机关: 某局\n成文日期: 2022-10-08\n"


def check(cli, path):
    result = cli("check", path)
    assert "Traceback" not in result.stderr
    return result


def first_error(result) -> tuple[int, int, str]:
    m = re.search(r":(\d+):(\d+): 错误：(.*)", result.stderr)
    assert m, result.stderr
    return int(m[1]), int(m[2]), m[3]


def test_valid_plan_exits_zero(cli, write_plan) -> None:
    result = check(cli, write_plan(HEAD + "正文:\n  - 标题: 指导思想\n    内容: 以……为指导。\n"))
    assert result.returncode == 0
    assert "全部通过" in result.stdout


def test_error_line_starts_with_file_line_col(cli, write_plan) -> None:
    path = write_plan(HEAD.replace("2022-10-08", "2022-02-30"))
    result = check(cli, path)
    assert result.returncode == 1
    assert re.search(r"plan\.yaml:4:7: 错误：", result.stderr)


def test_unknown_key_suggests_the_closest(cli, write_plan) -> None:
    result = check(cli, write_plan(HEAD + "正文:\n  - 标提: 指导思想\n"))
    assert result.returncode == 1
    assert first_error(result)[:2] == (6, 5)
    assert "未知的键“标提”" in result.stderr and "是不是“标题”" in result.stderr


def test_full_width_colon_is_named_with_the_fix(cli, write_plan) -> None:
    result = check(cli, write_plan("文种: 工作方案\n标题：测试\n发文机关: 某局\n成文日期: 2022-10-08\n"))
    assert result.returncode == 1
    line, col, msg = first_error(result)
    assert (line, col) == (2, 3)
    assert "全角冒号" in msg and "标题: " in msg
    assert result.stderr.count("错误：") == 1  # no confusing follow-up parse error


def test_tab_indentation_is_rejected(cli, write_plan) -> None:
    result = check(cli, write_plan(HEAD + "正文:\n\t- 内容: x\n"))
    assert result.returncode == 1
    line, col, msg = first_error(result)
    assert (line, col) == (6, 1)
    assert "制表符" in msg and "空格" in msg


def test_wrong_indentation_points_at_the_line(cli, write_plan) -> None:
    result = check(cli, write_plan(HEAD + "正文:\n  - 标题: 指导思想\n     内容: 缩进错了\n"))
    assert result.returncode == 1
    line, _, msg = first_error(result)
    assert line == 7
    assert "缩进" in msg


def test_string_where_a_list_is_needed(cli, write_plan) -> None:
    result = check(cli, write_plan(HEAD + "正文:\n  - 标题: 一\n    条目: 这里应该是列表\n"))
    assert result.returncode == 1
    line, col, msg = first_error(result)
    assert (line, col) == (7, 9)
    assert "“条目”应为列表" in msg


def test_missing_required_key(cli, write_plan) -> None:
    result = check(cli, write_plan("文种: 工作方案\n标题: 测试\n发文机关: 某局\n"))
    assert result.returncode == 1
    assert "缺少必填项“成文日期”" in result.stderr


def test_unknown_kind_lists_the_known_ones(cli, write_plan) -> None:
    result = check(cli, write_plan("文种: 通知书\n标题: 测试\n"))
    assert result.returncode == 1
    line, col, msg = first_error(result)
    assert (line, col) == (1, 5)
    assert "未知的文种“通知书”" in msg and "工作方案、实施方案、工作计划、通告、总结" in msg


def test_unknown_leading_group_role_lists_the_roles(cli, write_plan) -> None:
    plan = HEAD + "正文:\n  - 标题: 组织保障\n    领导小组:\n      组场: 张三\n"
    result = check(cli, write_plan(plan))
    assert result.returncode == 1
    line, col, msg = first_error(result)
    assert (line, col) == (8, 7)
    assert "是不是“组长”" in msg and "常务副组长" in msg and "秘书长" in msg


@pytest.mark.parametrize("own", ["一、", "（一）", "1.", "（1）", "(二)"])
def test_heading_that_types_its_own_number(cli, write_plan, own: str) -> None:
    result = check(cli, write_plan(HEAD + f"正文:\n  - 标题: {own}指导思想\n"))
    assert result.returncode == 1
    line, col, msg = first_error(result)
    assert (line, col) == (6, 9)
    assert "不要自己写编号" in msg and "删去" in msg


def test_heading_starting_with_a_year_is_not_a_number(cli, write_plan) -> None:
    result = check(cli, write_plan(HEAD + "正文:\n  - 标题: 2022年工作回顾\n"))
    assert result.returncode == 0, result.stderr


def test_nesting_deeper_than_four_levels(cli, write_plan) -> None:
    deep = ("正文:\n  - 标题: a\n    条目:\n      - 标题: b\n        条目:\n          - 标题: c\n"
            "            条目:\n              - 标题: d\n                条目:\n                  - 标题: e\n")
    result = check(cli, write_plan(HEAD + deep))
    assert result.returncode == 1
    line, _, msg = first_error(result)
    assert line == 14
    assert "超过四层" in msg


def test_impossible_date(cli, write_plan) -> None:
    result = check(cli, write_plan(HEAD.replace("2022-10-08", "2023-02-29")))
    assert result.returncode == 1
    assert "2023年2月没有29日" in first_error(result)[2]


def test_month_thirteen_is_impossible(cli, write_plan) -> None:
    result = check(cli, write_plan(HEAD.replace("2022-10-08", "2022-13-01")))
    assert "月份只能是 1 到 12" in first_error(result)[2]


@pytest.mark.parametrize(("number", "words"), [
    ("某机管[2022]15号", "六角括号"),
    ("某机管〔22〕15号", "四位"),
    ("某机管〔2022〕015号", "虚位"),
    ("某机管〔2022〕第15号", "不加“第”"),
    ("某机管〔2022〕15", "以“号”结尾"),
])
def test_malformed_document_number(cli, write_plan, number: str, words: str) -> None:
    result = check(cli, write_plan(HEAD + f"版头:\n  发文字号: {number}\n"))
    assert result.returncode == 1
    line, col, msg = first_error(result)
    assert (line, col) == (6, 9)
    assert words in msg and "某机管〔2022〕15号" in msg


def test_control_character_in_text(cli, write_plan) -> None:
    result = check(cli, write_plan(HEAD + '导语: "为了\\x07落实"\n'))
    assert result.returncode == 1
    line, col, msg = first_error(result)
    assert (line, col) == (5, 5)
    assert "U+0007" in msg


def test_duplicate_key_names_both_lines(cli, write_plan) -> None:
    result = check(cli, write_plan(HEAD + "标题: 又一个\n"))
    assert result.returncode == 1
    line, _, msg = first_error(result)
    assert line == 5 and "第 2 行" in msg


def test_aliases_are_refused_before_they_expand(cli, write_plan) -> None:
    bomb = HEAD + 'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
    for i, prev in zip("bcdefghij", "abcdefghi", strict=True):
        bomb += f"{i}: &{i} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n"
    result = check(cli, write_plan(bomb))
    assert result.returncode == 1
    assert "锚点和别名" in result.stderr


def test_every_problem_of_a_file_is_reported_in_one_run(cli, write_plan) -> None:
    plan = ("文种: 工作方案\n标题: 测试\n发文机关: 某局\n成文日期: 2022-02-30\n"
            "正文:\n  - 标提: x\n  - 标题: 一、y\n版头:\n  发文字号: 某〔22〕1号\n")
    result = check(cli, write_plan(plan))
    assert result.returncode == 1
    lines = [int(m) for m in re.findall(r"plan\.yaml:(\d+):\d+: 错误", result.stderr)]
    assert lines == [4, 6, 7, 9]


def test_gbk_file_is_read_correctly_with_a_notice(cli, write_plan) -> None:
    path = write_plan((HEAD + "导语: 为了落实。\n").encode("gbk"))
    result = check(cli, path)
    assert result.returncode == 0
    assert "GBK" in result.stderr and "UTF-8" in result.stderr
    txt = cli("build", path, "--format", "txt", "-o", path.parent / "out")
    assert "为了落实。" in (path.parent / "out" / "plan.txt").read_text(encoding="utf-8"), txt.stderr


def test_undecodable_file_says_save_as_utf8(cli, write_plan) -> None:
    result = check(cli, write_plan(b"\xff\xfe\x00\x01\x80\x80\xff" * 3))
    assert result.returncode == 1
    assert "另存为" in result.stderr and "UTF-8" in result.stderr


def test_missing_path_is_a_usage_error(cli, tmp_path) -> None:
    result = cli("check", tmp_path / "nope.yaml")
    assert result.returncode == 2
    assert "找不到" in result.stderr and "Traceback" not in result.stderr


def test_unknown_option_is_a_usage_error(cli) -> None:
    assert cli("check", "--bogus").returncode == 2


def test_missing_attachment_file_is_named(cli, write_plan) -> None:
    result = check(cli, write_plan(HEAD + "附件:\n  - 标题: 名单\n    文件: 名单.docx\n"))
    assert result.returncode == 1
    line, col, msg = first_error(result)
    assert (line, col) == (7, 9)
    assert "找不到附件文件“名单.docx”" in msg
