"""`docgen schema` is a JSON Schema that accepts every example plan and catches mistakes."""

from __future__ import annotations

import json

import jsonschema
import pytest
from conftest import PLANS, run_cli

from docgen.cli_support import find_plans
from docgen.load.yaml_reader import parse


@pytest.fixture(scope="module")
def schema() -> dict:
    result = run_cli("schema")
    assert result.returncode == 0
    data = json.loads(result.stdout)
    jsonschema.Draft7Validator.check_schema(data)
    return data


def plan_data(text: str) -> dict:
    return parse(text, "x.yaml").data


@pytest.mark.parametrize("path", find_plans([PLANS]), ids=lambda p: p.stem)
def test_schema_accepts_every_example_plan(schema: dict, path) -> None:
    jsonschema.validate(plan_data(path.read_text(encoding="utf-8")), schema)


def test_schema_rejects_a_typo_key(schema: dict) -> None:
    data = plan_data("文种: 总结\n标题: x\n发文机关: y\n成文日期: 2022-10-08\n正文:\n  - 标提: z\n")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


def test_schema_rejects_an_unknown_kind(schema: dict) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(plan_data("文种: 通知书\n标题: x\n发文机关: y\n成文日期: 2022-10-08\n"), schema)


def test_schema_keys_carry_chinese_titles_and_descriptions(schema: dict) -> None:
    props = schema["$defs"]["WorkPlan"]["properties"]
    for key in ("文种", "标题", "发文机关", "成文日期", "正文", "附件", "版记"):
        assert props[key]["title"] == key
        assert any("\u4e00" <= ch <= "\u9fff" for ch in props[key]["description"])


def test_schema_lists_the_leading_group_roles(schema: dict) -> None:
    roles = schema["$defs"]["LeadingGroup"]["properties"]
    assert {"组长", "常务副组长", "副组长", "成员", "秘书长"} <= set(roles)


def test_committed_schema_file_is_current() -> None:
    """plans/ point editors at ../docgen-schema.json: it must match `docgen schema`."""
    from conftest import ROOT

    committed = (ROOT / "docgen-schema.json").read_text(encoding="utf-8")
    assert committed == run_cli("schema").stdout, "run: docgen schema -o docgen-schema.json"
