"""Strict reading: YAML 1.1 surprises stay text, encodings, project defaults."""

from __future__ import annotations

from pathlib import Path

from docgen.api import document_from_plan
from docgen.load.plan import load_plan

HEAD = "文种: 工作方案\n标题: 测试方案\n发文机关: 某局\n成文日期: 2022-10-08\n"


def test_yaml11_words_numbers_and_dates_stay_text(write_plan) -> None:
    plan = load_plan(write_plan(
        "文种: 工作方案\n标题: 2022-10-08\n发文机关: 某局\n成文日期: 2022-10-08\n"
        "正文:\n  - 标题: 值守\n    内容: 0123\n    责任人: NO\n    责任科室: yes\n"))
    sec = plan.model.body[0]
    assert plan.model.title == ["2022-10-08"]
    assert (sec.content, sec.责任人, sec.责任科室) == ("0123", "NO", "yes")


def test_utf8_bom_is_read(write_plan) -> None:
    plan = load_plan(write_plan(b"\xef\xbb\xbf" + HEAD.encode()))
    assert plan.model.issuer == ["某局"]


def test_positions_point_at_values(write_plan) -> None:
    plan = load_plan(write_plan(HEAD + "正文:\n  - 标题: 指导思想\n"))
    loc = plan.loc(("正文", 0, "标题"))
    assert (loc.line, loc.col) == (6, 9)


def test_project_defaults_merge_under_the_plan(tmp_path: Path) -> None:
    (tmp_path / "docgen.yaml").write_text(
        "发文机关: 默认机关\n版记:\n  印发机关: 默认办公室\n  抄送: 默认抄送\n", encoding="utf-8")
    (tmp_path / "p.yaml").write_text(
        "文种: 总结\n标题: 总结\n成文日期: 2022-10-08\n版记:\n  抄送: 计划自己的抄送\n", encoding="utf-8")
    plan = load_plan(tmp_path / "p.yaml")
    assert plan.model.issuer == ["默认机关"]
    assert plan.model.colophon.printer == "默认办公室"
    assert plan.model.colophon.cc == "计划自己的抄送"  # the plan's keys win
    assert plan.project_dir == tmp_path.resolve()


def test_error_in_a_default_names_docgen_yaml(tmp_path: Path, cli) -> None:
    (tmp_path / "docgen.yaml").write_text("版头:\n  发文字号: 某〔22〕1号\n", encoding="utf-8")
    (tmp_path / "p.yaml").write_text(HEAD, encoding="utf-8")
    result = cli("check", tmp_path / "p.yaml")
    assert result.returncode == 1
    assert "docgen.yaml:2:9: 错误" in result.stderr


def test_folder_check_skips_project_file_and_unit_lists(tmp_path: Path, cli) -> None:
    (tmp_path / "docgen.yaml").write_text("发文机关: 某局\n", encoding="utf-8")
    (tmp_path / "units.yaml").write_text("- 名称: 甲\n- 名称: 乙\n", encoding="utf-8")
    (tmp_path / "p.yaml").write_text(HEAD, encoding="utf-8")
    result = cli("check", tmp_path)
    assert result.returncode == 0, result.stderr
    assert "检查了 1 个计划" in result.stdout


def test_pending_date_is_accepted_and_prints_blank(write_plan) -> None:
    doc = document_from_plan(write_plan(HEAD.replace("2022-10-08", "待定")))
    assert doc.meta.date is None
    assert "年　月　日" in doc.body[-1].date


def test_folded_text_joins_chinese_lines_without_spaces(write_plan) -> None:
    plan = load_plan(write_plan(HEAD + "导语: >-\n  为了落实，\n  特制定本方案。\n"))
    assert plan.model.intro == "为了落实，特制定本方案。"


def test_over_indented_list_item_is_reported_not_swallowed(cli, write_plan) -> None:
    path = write_plan(HEAD + "正文:\n  - 严格落实安全责任。\n      - 第二项\n")
    result = cli("check", path)
    assert result.returncode == 1
    assert "plan.yaml:7:7: 错误：" in result.stderr and "缩进多了" in result.stderr


def test_output_folder_from_project_defaults(tmp_path: Path, cli) -> None:
    (tmp_path / "docgen.yaml").write_text("输出:\n  目录: 成品\n  格式: txt\n", encoding="utf-8")
    (tmp_path / "p.yaml").write_text(HEAD, encoding="utf-8")
    result = cli("build", tmp_path / "p.yaml")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "成品" / "p.txt").is_file()
