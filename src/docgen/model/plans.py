"""The three document kinds and the project defaults file, as typed models."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, field_validator, model_validator

from .base import Prose, ProseList, Strict, TextList, fail, field
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
UPWARD_KINDS = ("请示", "报告")  # 上行文: 签发人 required, 联系人 printed as the 附注
KINDS = (*WORKPLAN_KINDS, "通告", "总结", "通知", *UPWARD_KINDS, "函", "纪要")


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

    kind: str = field("文种", "文种：工作方案（实施方案、工作计划）、通告、总结、通知、请示、报告、函 或 纪要", ...)
    title: TextList = field("标题", "标题；写成列表可指定换行", ..., examples=["某市机关事务管理局秋冬季疫情防控工作方案"])
    issuer: TextList = field("发文机关", "发文机关署名；联合行文写成列表，主办机关在前", ...,
                             examples=["某市机关事务管理局", ["某市教育局", "某市财政局"]])
    date: DateText = field("成文日期", "成文日期，如 2022-10-08；草稿可写 待定", ..., examples=["2022-10-08", "待定"])
    addressee: str = field("主送机关", "主送机关，如 局机关各科室、局属各单位", "",
                           examples=["局机关各科室、局属各单位"])
    letterhead: Letterhead | None = field("版头", "红头：发文机关标志、发文字号等", None)
    closing: ProseList | None = field("结语", "结尾的话；通告默认“特此通告。”，写空字符串表示没有", None,
                                     examples=["特此通告。", ""])
    attachments: list[AttachmentSpec] = field("附件", "附件列表", [])
    note: str = field("附注", "附注，如 此件公开发布（括号由 docgen 加）", "", examples=["此件公开发布"])
    seal: Literal["盖章", "签名章", "无"] = field(
        "印章", "盖章：留出印章位置；签名章：签发人职务和签名章（签发人写成 姓名（职务））；无（默认）", "无")
    colophon: Colophon | None = field("版记", "版记：抄送、印发机关、印发日期", None)
    units: Any = field("单位", "批量生成：单位列表，或 .csv/.xlsx/.yaml 文件路径", None)
    output: Output | None = field("输出", "输出文件名、格式、目录", None)
    fonts: FontNames | None = field("字体", "字体名称", None)
    template: str | None = field(
        "模板", "本单位的模板文件夹（样式.docx、版头.docx、html/），相对于写它的文件；"
        "通常写在 docgen.yaml 里", None, examples=["模板/某市机关事务管理局"])

    _check_units = field_validator("units")(classmethod(lambda cls, v: _check_units(v)))

    @model_validator(mode="after")
    def _signed_needs_signer(self) -> PlanBase:
        if self.seal == "签名章" and not (self.letterhead and self.letterhead.signers):
            raise fail("印章为 签名章 时，请在 版头 的 签发人 写出签发人，如 签发人: 张三（局长）。")
        return self


class WorkPlan(PlanBase):
    """工作方案 / 实施方案 / 工作计划."""

    kind: Literal["工作方案", "实施方案", "工作计划"] = field("文种", "工作方案、实施方案 或 工作计划", ...)
    intro: Prose = field("导语", "开头一段：为……，特制定本方案。", "",
                       examples=["为……，结合我局实际，特制定本方案。"])
    body: list[SectionItem] = field("正文", "编号的各部分，一、（一）1.（1）", [])


class Notice(PlanBase):
    """通告."""

    kind: Literal["通告"] = field("文种", "通告", ...)
    reason: Prose = field("缘由", "开头一段；docgen 会接上“，现就有关事宜通告如下：”", "",
                        examples=["为做好春节期间疫情防控工作，保障人民群众身体健康"])
    items: list[SectionItem] = field("事项", "通告事项，编号 一、二、……", ...)


class Summary(PlanBase):
    """总结."""

    kind: Literal["总结"] = field("文种", "总结", ...)
    intro: Prose = field("导语", "开头一段，以“现将有关情况总结如下：”结尾", "",
                       examples=["今年以来，……取得了一定成效。现将有关情况总结如下："])
    body: list[SectionItem] = field("正文", "编号的各部分", [])


def _prose_to_sections(value: Any) -> Any:
    """正文 written as one piece of prose is one unnumbered section (paragraphs on blank lines)."""
    return [{"内容": value}] if isinstance(value, str) else value


def _prose_schema(schema: dict[str, Any]) -> None:
    """Editors accept the prose form too."""
    array = {k: schema.pop(k) for k in ("type", "items") if k in schema}
    schema["anyOf"] = [{"type": "string"}, array]


Body = Annotated[list[SectionItem], BeforeValidator(_prose_to_sections)]


def _body_field(description: str, examples: list[Any] | None = None):
    return field("正文", description, [], examples=examples or [],
                 json_schema_extra=_prose_schema)


class Circular(PlanBase):
    """通知: an ordinary notice, or one that issues (印发) or forwards (转发) a document."""

    kind: Literal["通知"] = field("文种", "通知", ...)
    intro: Prose = field("导语", "开头一段（可不写，直接写正文）", "")
    body: Body = _body_field(
        "通知的内容：一段文字，或编号的各部分（一、（一）1.（1）），如成立领导小组的通知",
        ["现将《机关事务管理局秋冬季新冠肺炎疫情防控工作方案》印发给你们，请认真贯彻执行。"])
    issue: str | None = field(
        "印发", "随通知印发的计划文件（.yaml，相对于本文件）或现成的 .docx / .pdf；"
        "它紧接在成文日期之后另起一页，不算附件", None, examples=["workplan-jiguan.yaml"])
    forward: str | None = field(
        "转发", "随通知转发的文件（计划 .yaml 或 .docx / .pdf），排法同“印发”", None,
        examples=["上级通知.pdf"])

    def issued_file(self) -> tuple[str, str] | None:
        """(key, file) of the document this notice issues or forwards."""
        if self.issue:
            return "印发", self.issue
        if self.forward:
            return "转发", self.forward
        return None


class Upward(PlanBase):
    """上行文 (请示, 报告): 签发人 in the 版头, 联系人 and 联系电话 printed as the 附注."""

    intro: Prose = field("导语", "开头一段：缘由", "")
    body: Body = _body_field("正文：一段文字，或编号的各部分")
    contact: str = field("联系人", "联系人姓名，印在成文日期下的附注里", "", examples=["李四"])
    phone: str = field("联系电话", "联系电话，印在附注里", "", examples=["0394-1234567"])


class Request(Upward):
    """请示: asks one thing of one 主送机关; 结语 妥否，请批示。"""

    kind: Literal["请示"] = field("文种", "请示", ...)
    closing: ProseList | None = field("结语", "结尾的话；请示默认“妥否，请批示。”，写空字符串表示没有", None,
                                     examples=["妥否，请批示。", "以上请示当否，请批示。"])


class Report(Upward):
    """报告: reports to a superior and asks nothing; 结语 特此报告。"""

    kind: Literal["报告"] = field("文种", "报告", ...)
    closing: ProseList | None = field("结语", "结尾的话；报告默认“特此报告。”，写空字符串表示没有", None,
                                     examples=["特此报告。"])


class Letter(PlanBase):
    """函: between organs not subordinate to each other, in the 信函格式."""

    kind: Literal["函"] = field("文种", "函", ...)
    letter_kind: Literal["去函", "复函"] = field(
        "函类", "去函（默认，结语“特此函告。”）或 复函（结语“特此函复。”）", "去函")
    intro: Prose = field("导语", "开头一段", "")
    body: Body = _body_field("正文：一段文字，或编号的各部分")
    closing: ProseList | None = field("结语", "结尾的话；去函默认“特此函告。”，复函默认“特此函复。”", None,
                                     examples=["特此函告。", "特此函复。"])


class Meeting(Strict):
    """纪要's meeting lines."""

    time: str = field("时间", "会议时间，如 2023年5月10日上午；不写则用成文日期", "",
                      examples=["2023年5月10日上午"])
    place: str = field("地点", "会议地点", "", examples=["局三楼会议室"])
    chair: str = field("主持人", "主持人", "", examples=["张三（局长）"])


class Minutes(PlanBase):
    """纪要: 纪要格式, meeting lines, attendance after the 正文, no 署名 or 印章."""

    kind: Literal["纪要"] = field("文种", "纪要", ...)
    issuer: str = field("发文机关", "召开会议的机关（纪要不印署名）", "", examples=["某市机关事务管理局"])
    meeting: Meeting | None = field("会议", "会议：时间、地点、主持人", None)
    intro: Prose = field("导语", "开头一段：会议概况，如 2023年5月10日，张三局长主持召开局务会议……", "")
    body: Body = _body_field("正文：会议议定的事项，一段文字或编号的各部分")
    present: TextList = field("出席", "出席人员或单位，列表", [], examples=[["张三", "李四", "王五"]])
    absent: TextList = field("请假", "请假人员（可写原因），列表", [], examples=[["赵六（出差）"]])
    attending: TextList = field("列席", "列席人员或单位，列表", [], examples=[["办公室　孙七"]])


MODEL_BY_KIND: dict[str, type[PlanBase]] = {
    **{k: WorkPlan for k in WORKPLAN_KINDS}, "通告": Notice, "总结": Summary,
    "通知": Circular, "请示": Request, "报告": Report, "函": Letter, "纪要": Minutes}


def suggest_kind(text: str) -> str | None:
    """A known 文种 really close to an unknown one, else None (报告 is not 通告).

    Close means: the text contains a known kind (通知书 → 通知, 请示报告 → 请示), or it is a
    long kind with one character wrong (工作方按 → 工作方案). Two-character kinds differing
    in one character are different documents (通报, 公告), so they get no suggestion.
    """
    text = text.strip()
    inside = [k for k in KINDS if k in text]
    if inside:
        return min(inside, key=lambda k: (text.index(k), -len(k)))
    around = [k for k in KINDS if len(text) >= 2 and text in k]
    if around:
        return around[0]
    for k in KINDS:
        if len(k) >= 4 and len(text) == len(k) and sum(a != b for a, b in zip(k, text, strict=True)) == 1:
            return k
    return None


SCHEDULER_PATTERN = r"^(tcp|tls)://\S+:\d+$"


class BuildSettings(Strict):
    """构建 (docgen.yaml only): how `docgen build` runs its jobs."""

    scheduler: str = field("调度器", "Dask 调度器地址：批量任务交给 Dask 集群生成，如 tcp://10.0.0.5:8786"
                           "（命令行 --scheduler 优先）", "", examples=["tcp://10.0.0.5:8786"])

    @field_validator("scheduler")
    @classmethod
    def _address(cls, value: str) -> str:
        import re

        if value and not re.match(SCHEDULER_PATTERN, value.strip()):
            raise fail(f"调度器地址“{value}”不对：应写成 tcp://主机:端口，如 tcp://10.0.0.5:8786。")
        return value.strip()


class ProjectDefaults(Strict):
    """docgen.yaml: defaults merged under every plan of the project (the plan's keys win)."""

    issuer: TextList | None = field("发文机关", "默认发文机关", None)
    letterhead: Letterhead | None = field("版头", "默认版头", None)
    colophon: Colophon | None = field("版记", "默认版记", None)
    seal: Literal["盖章", "签名章", "无"] | None = field("印章", "默认印章方式", None)
    output: Output | None = field("输出", "输出目录、格式、双面印刷", None)
    fonts: FontNames | None = field("字体", "字体名称", None)
    template: str | None = field(
        "模板", "本单位的模板文件夹（样式.docx、版头.docx、html/），相对于 docgen.yaml", None,
        examples=["模板/某市机关事务管理局"])
    outside_attachments: TextList = field(
        "项目外附件目录", "附件“文件”可以取自的项目外文件夹（相对于 docgen.yaml，或绝对路径）；"
        "只能写在 docgen.yaml 里。不写时附件只能放在项目里", [], examples=[["../共用附件"]])
    build: BuildSettings | None = field("构建", "生成方式（只能写在 docgen.yaml 里）：调度器", None)
