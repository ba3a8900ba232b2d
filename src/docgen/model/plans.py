"""The three document kinds and the project defaults file, as typed models."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import field_validator

from .base import Strict, TextList, fail, field
from .common import (
    AttachmentSpec,
    Colophon,
    DateText,
    FontNames,
    Letterhead,
    Output,
    SectionItem,
)

WORKPLAN_KINDS = ("工作方案", "实施方案", "工作计划")
KINDS = (*WORKPLAN_KINDS, "通告", "总结")


def _check_units(value: Any) -> Any:
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list):
        for i, row in enumerate(value):
            if not isinstance(row, dict):
                raise fail(f"单位第 {i + 1} 项应为键值对，如 {{名称: 办公室}}。")
        return value
    raise fail("单位应为列表（每个单位一项），或者一个 .csv / .xlsx / .yaml 文件的路径。")


class PlanBase(Strict):
    """Keys every kind shares (FORMAT.md, Common keys)."""

    kind: str = field("文种", "文种：工作方案（实施方案、工作计划）、通告 或 总结", ...)
    title: TextList = field("标题", "标题；写成列表可指定换行", ..., examples=["某市机关事务管理局秋冬季疫情防控工作方案"])
    issuer: str = field("发文机关", "发文机关署名", ..., examples=["某市机关事务管理局"])
    date: DateText = field("成文日期", "成文日期，如 2022-10-08；草稿可写 待定", ..., examples=["2022-10-08", "待定"])
    addressee: str = field("主送机关", "主送机关，如 局机关各科室、局属各单位", "",
                           examples=["局机关各科室、局属各单位"])
    letterhead: Letterhead | None = field("版头", "红头：发文机关标志、发文字号等", None)
    closing: TextList | None = field("结语", "结尾的话；通告默认“特此通告。”，写空字符串表示没有", None,
                                     examples=["特此通告。", ""])
    attachments: list[AttachmentSpec] = field("附件", "附件列表", [])
    note: str = field("附注", "附注，如 此件公开发布（括号由 docgen 加）", "", examples=["此件公开发布"])
    seal: Literal["盖章", "无"] = field("印章", "盖章：留出印章位置；无（默认）", "无")
    colophon: Colophon | None = field("版记", "版记：抄送、印发机关、印发日期", None)
    units: Any = field("单位", "批量生成：单位列表，或 .csv/.xlsx/.yaml 文件路径", None)
    output: Output | None = field("输出", "输出文件名、格式、目录", None)
    fonts: FontNames | None = field("字体", "字体名称", None)

    _check_units = field_validator("units")(classmethod(lambda cls, v: _check_units(v)))


class WorkPlan(PlanBase):
    """工作方案 / 实施方案 / 工作计划."""

    kind: Literal["工作方案", "实施方案", "工作计划"] = field("文种", "工作方案、实施方案 或 工作计划", ...)
    intro: str = field("导语", "开头一段：为……，特制定本方案。", "",
                       examples=["为……，结合我局实际，特制定本方案。"])
    body: list[SectionItem] = field("正文", "编号的各部分，一、（一）1.（1）", [])


class Notice(PlanBase):
    """通告."""

    kind: Literal["通告"] = field("文种", "通告", ...)
    reason: str = field("缘由", "开头一段；docgen 会接上“，现就有关事宜通告如下：”", "",
                        examples=["为做好春节期间疫情防控工作，保障人民群众身体健康"])
    items: list[SectionItem] = field("事项", "通告事项，编号 一、二、……", ...)


class Summary(PlanBase):
    """总结."""

    kind: Literal["总结"] = field("文种", "总结", ...)
    intro: str = field("导语", "开头一段，以“现将有关情况总结如下：”结尾", "",
                       examples=["今年以来，……取得了一定成效。现将有关情况总结如下："])
    body: list[SectionItem] = field("正文", "编号的各部分", [])


MODEL_BY_KIND: dict[str, type[PlanBase]] = {
    **{k: WorkPlan for k in WORKPLAN_KINDS}, "通告": Notice, "总结": Summary}


class ProjectDefaults(Strict):
    """docgen.yaml: defaults merged under every plan of the project (the plan's keys win)."""

    issuer: str | None = field("发文机关", "默认发文机关", None)
    letterhead: Letterhead | None = field("版头", "默认版头", None)
    colophon: Colophon | None = field("版记", "默认版记", None)
    seal: Literal["盖章", "无"] | None = field("印章", "默认印章方式", None)
    output: Output | None = field("输出", "输出目录、格式、双面印刷", None)
    fonts: FontNames | None = field("字体", "字体名称", None)
    outside_attachments: TextList = field(
        "项目外附件目录", "附件“文件”可以取自的项目外文件夹（相对于 docgen.yaml，或绝对路径）；"
        "只能写在 docgen.yaml 里。不写时附件只能放在项目里", [], examples=[["../共用附件"]])
