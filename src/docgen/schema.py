"""The JSON Schema of the plan format, for editors (yaml-language-server) and tests."""

from __future__ import annotations

import json
from typing import Annotated, Any

from pydantic import Field, TypeAdapter

from .model.plans import Circular, Letter, Minutes, Notice, Report, Request, Summary, WorkPlan

SCHEMA_ID = "https://docgen.invalid/schema/plan.json"


def plan_schema() -> dict[str, Any]:
    """One schema for every kind: 文种 picks the branch (工作方案/实施方案/工作计划, 通告, 总结,
    通知, 请示, 报告, 函, 纪要)."""
    kinds = WorkPlan | Notice | Summary | Circular | Request | Report | Letter | Minutes
    adapter = TypeAdapter(Annotated[kinds, Field(discriminator="kind")])
    schema = adapter.json_schema(by_alias=True)
    schema["$schema"] = "http://json-schema.org/draft-07/schema#"
    schema["title"] = "docgen 计划文件"
    schema["description"] = "用 YAML 写的公文计划：文种、标题、发文机关、成文日期、正文……（见 docs/写作指南.md）"
    _strip_internal(schema)
    _accept_shorthands(schema["$defs"])
    return schema


# Chinese help for each part (class docstrings are for developers).
_DEF_HELP = {
    "WorkPlan": "工作方案（也写作 实施方案、工作计划）",
    "Notice": "通告",
    "Summary": "总结",
    "Circular": "通知：普通通知，或印发、转发一个文件的通知（印发: 方案.yaml）",
    "Request": "请示（上行文）：一文一事，只写一个主送机关；版头要写签发人；结语默认“妥否，请批示。”",
    "Report": "报告（上行文）：汇报工作，不夹带请示事项；版头要写签发人；结语默认“特此报告。”",
    "Letter": "函（信函格式）：去函结语默认“特此函告。”，复函默认“特此函复。”；版记不印印发机关和日期",
    "Minutes": "纪要（纪要格式）：会议时间、地点、主持人，正文之后列出席、请假、列席；不署名、不盖章",
    "Meeting": "会议：时间、地点、主持人",
    "Section": "一节：标题、内容、条目、列举、领导小组、表格、措施字段……；也可直接写一段文字",
    "Person": "人员：“姓名”、“姓名（职务）”或 {姓名: …, 职务: …}",
    "Office": "领导小组办公室：一句话，或 {设在: …, 主任: …}",
    "LeadingGroup": "领导小组：各职务一行，标签自动对齐",
    "TableSpec": "表格：行的列表（第一行是表头），或 任务分解",
    "Letterhead": "版头（红头）",
    "Colophon": "版记",
    "AttachmentSpec": "附件",
    "FontNames": "字体名称（Word 文件写入的字体名）",
    "Output": "输出设置",
}
_STRING = {"type": "string"}


def _accept_shorthands(defs: dict[str, Any]) -> None:
    """The loader accepts short forms (a string for a person, a section, a list of one)."""
    for name, help_text in _DEF_HELP.items():
        if name in defs:
            defs[name]["description"] = help_text
    for name in ("Section", "Person", "Office"):
        obj = defs.pop(name)
        defs[name + "详细"] = obj
        defs[name] = {"description": obj["description"],
                      "anyOf": [_STRING, {"$ref": f"#/$defs/{name}详细"}]}
    cell = {"type": ["string", "number"]}
    defs["TableSpec"] = {"description": _DEF_HELP["TableSpec"], "anyOf": [
        {"const": "任务分解"}, {"type": "array", "items": {"type": "array", "items": cell}}]}
    for model in defs.values():
        for prop in (model.get("properties") or {}).values():
            _widen(prop)


def _widen(prop: dict[str, Any]) -> None:
    """A list of strings or people also accepts a single value (the loader wraps it)."""
    if "anyOf" in prop:
        branches = prop["anyOf"]
    else:
        keep = {k: prop.pop(k) for k in ("title", "description", "default", "examples") if k in prop}
        branches = [dict(prop)]
        prop.clear()
        prop.update(keep, anyOf=branches)
    for branch in list(branches):
        items = branch.get("items") if branch.get("type") == "array" else None
        if items and (items == _STRING or items.get("$ref") == "#/$defs/Person"):
            branches.append(items)
    if len(branches) == 1:
        only = branches[0]
        del prop["anyOf"]
        prop.update(only)


def _strip_internal(node: Any) -> None:
    """Hide the internal 段落 key (a list item written as plain text) from editors."""
    if isinstance(node, dict):
        props = node.get("properties")
        if isinstance(props, dict):
            props.pop("段落", None)
        for v in node.values():
            _strip_internal(v)
    elif isinstance(node, list):
        for v in node:
            _strip_internal(v)


def schema_json() -> str:
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2) + "\n"
