"""`docgen new`: every scaffold is a valid, fully commented plan; nothing is overwritten."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import jsonschema
import pytest

from docgen.load.yaml_reader import parse
from docgen.scaffold import SCAFFOLDS, scaffold_text
from docgen.schema import plan_schema, schema_json

KINDS = list(SCAFFOLDS)  # 工作方案 实施方案 工作计划 通告 总结
SCHEMA_LINE = "# yaml-language-server: $schema=docgen-schema.json"


def _keys(data: object) -> set[str]:
    if isinstance(data, dict):
        out = set(data)
        for v in data.values():
            out |= _keys(v)
        return out
    if isinstance(data, list):
        return set().union(*(_keys(v) for v in data)) if data else set()
    return set()


@pytest.mark.parametrize("kind", KINDS)
def test_new_writes_a_valid_plan_and_the_schema(kind: str, tmp_path: Path, cli) -> None:
    result = cli("new", kind, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    plan = tmp_path / f"{kind}.yaml"
    assert f"已新建 {kind}.yaml" in result.stdout
    text = plan.read_text(encoding="utf-8")
    assert text.splitlines()[0] == SCHEMA_LINE
    assert (tmp_path / "docgen-schema.json").read_text(encoding="utf-8") == schema_json()

    check = cli("check", plan.name, cwd=tmp_path)
    assert check.returncode == 0, check.stderr
    assert "全部通过" in check.stdout

    data = parse(text, plan.name).data
    assert data["文种"] == kind
    if kind in ("实施方案", "工作计划"):
        assert kind in data["标题"] and "工作方案" not in data["标题"]
    schema = plan_schema()
    jsonschema.validators.validator_for(schema)(schema).validate(data)


@pytest.mark.parametrize("kind", ["工作方案", "通告", "总结", "通知", "请示", "报告", "函", "纪要"])
def test_every_key_is_explained_in_a_comment(kind: str) -> None:
    text = scaffold_text(kind)
    comments = "\n".join(line for line in text.splitlines() if line.lstrip().startswith("#")
                         or " # " in line)
    missing = sorted(k for k in _keys(parse(text, "x.yaml").data) if k not in comments)
    assert not missing, f"keys without a Chinese comment: {missing}"
    assert re.search(r"[\u4e00-\u9fff]", comments)


def test_scaffold_is_dated_today() -> None:
    text = scaffold_text("工作方案", dt.date(2031, 2, 3))
    assert "成文日期: 2031-02-03" in text
    assert "印发日期: 2031-02-03" in text


def test_new_refuses_to_overwrite(tmp_path: Path, cli) -> None:
    plan = tmp_path / "工作方案.yaml"
    plan.write_text("我的内容\n", encoding="utf-8")
    result = cli("new", "工作方案", cwd=tmp_path)
    assert result.returncode == 1
    assert "已经存在" in result.stderr and "没有覆盖" in result.stderr
    assert plan.read_text(encoding="utf-8") == "我的内容\n"


def test_new_keeps_an_existing_schema_and_takes_a_file_name(tmp_path: Path, cli) -> None:
    (tmp_path / "plans").mkdir()
    (tmp_path / "plans" / "docgen-schema.json").write_text("{}", encoding="utf-8")
    result = cli("new", "通告", "plans/春节通告", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "plans" / "春节通告.yaml").is_file()
    assert (tmp_path / "plans" / "docgen-schema.json").read_text(encoding="utf-8") == "{}"
    assert "docgen-schema.json" not in result.stdout


def test_new_rejects_an_unknown_kind(tmp_path: Path, cli) -> None:
    result = cli("new", "通报", cwd=tmp_path)
    assert result.returncode == 1
    assert "未知的文种“通报”" in result.stderr and "工作方案" in result.stderr
    assert not list(tmp_path.iterdir())


def test_schema_file_is_valid_json() -> None:
    assert json.loads(schema_json())["title"] == "docgen 计划文件"


_COMMENTED_YAML = re.compile(r"^(\s*)# (\s*(?:[\u4e00-\u9fff]+: ?|- ).*)$")


@pytest.mark.parametrize("kind", ["工作方案", "通告", "总结", "通知", "请示", "报告", "函", "纪要"])
def test_commented_options_are_valid_once_uncommented(kind: str, tmp_path: Path, cli) -> None:
    """The optional keys shown as `# 键: 值` must work when the writer removes the `# `."""
    lines = []
    for line in scaffold_text(kind).splitlines():
        m = _COMMENTED_YAML.match(line)
        lines.append(m.group(1) + m.group(2) if m and "yaml-language-server" not in line else line)
    plan = tmp_path / "plan.yaml"
    plan.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert len(lines) > len([x for x in lines if x.lstrip().startswith("#")])
    for m in re.finditer(r"^\s*(?:文件|印发):\s*(\S+)", plan.read_text(encoding="utf-8"), re.M):
        attached = tmp_path / m.group(1)  # 附件 文件 / 印发 must exist and open: give a sample
        attached.parent.mkdir(parents=True, exist_ok=True)
        if attached.suffix == ".yaml":
            attached.write_text(scaffold_text("工作方案"), encoding="utf-8")
        else:
            import docx

            docx.Document().save(str(attached))
    result = cli("check", plan.name, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
