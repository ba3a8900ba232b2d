"""Parts every document kind shares: 版头, 版记, 附件, sections, 领导小组, output options."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, BeforeValidator, model_validator

from .base import Prose, ProseList, Strict, TextList, fail, field
from .values import check_date, check_doc_number, check_heading

DateText = Annotated[str, AfterValidator(check_date)]
DocNumber = Annotated[str, AfterValidator(check_doc_number)]
HeadingText = Annotated[str, AfterValidator(check_heading)]

MEASURE_FIELDS = ("牵头单位", "责任单位", "责任科室", "配合单位", "责任人", "完成时限", "时间安排")
GROUP_ROLES = ("组长", "常务副组长", "副组长", "总指挥", "常务副总指挥", "副总指挥", "指挥长",
               "常务副指挥长", "副指挥长", "主任", "常务副主任", "副主任", "顾问", "秘书长", "成员")
LIST_MARKERS = ("一是", "第一", "一要", "首先")
TASK_TABLE = "任务分解"

_PERSON = re.compile(r"^(?P<name>[^（(]+?)\s*(?:[（(](?P<post>.+)[）)])?$")


class Person(Strict):
    """A person: "姓名", "姓名（职务）" or {姓名:, 职务:}."""

    name: str = field("姓名", "姓名，如 张三", ..., examples=["张三"])
    post: str = field("职务", "职务，如 局长", "", examples=["局长"])

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: object) -> object:
        if isinstance(value, str):
            m = _PERSON.match(value.strip())
            if not m:
                return {"姓名": value.strip()}
            return {"姓名": m["name"].strip(), "职务": (m["post"] or "").strip()}
        return value


def _to_list(value: object) -> object:
    return value if isinstance(value, list) else [value]


People = Annotated[list[Person], BeforeValidator(_to_list)]


class Office(Strict):
    """领导小组办公室: one sentence, or where it sits and who directs it."""

    text: Prose = field("说明", "一句话说明，如 领导小组办公室设在局办公室，孙七任办公室主任。", "")
    location: str = field("设在", "办公室设在哪里，如 局办公室", "")
    director: str = field("主任", "办公室主任，如 孙七", "")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: object) -> object:
        return {"说明": value} if isinstance(value, str) else value


class LeadingGroup(Strict):
    """领导小组: roles in a fixed order, one line each, labels aligned."""

    name: str = field("名称", "领导小组的名称，如 局疫情防控工作领导小组", "",
                      examples=["局疫情防控工作领导小组"])
    arrangement: Literal["并列", "分行"] = field(
        "排列", "同一职务多人时：并列（用、隔开，默认）或 分行（每人一行）", "并列")
    duties: ProseList = field("职责", "各职务的职责，每项一句", [])
    office: Office | None = field(
        "办公室", "一句话，或 {设在: 局办公室, 主任: 孙七}", None)
    组长: People | None = field("组长", "组长，一人或多人", None, examples=["张三（局长）"])
    常务副组长: People | None = field("常务副组长", "常务副组长", None)
    副组长: People | None = field("副组长", "副组长", None, examples=[["王五（副局长）", "赵六（副局长）"]])
    总指挥: People | None = field("总指挥", "总指挥", None)
    常务副总指挥: People | None = field("常务副总指挥", "常务副总指挥", None)
    副总指挥: People | None = field("副总指挥", "副总指挥", None)
    指挥长: People | None = field("指挥长", "指挥长", None)
    常务副指挥长: People | None = field("常务副指挥长", "常务副指挥长", None)
    副指挥长: People | None = field("副指挥长", "副指挥长", None)
    主任: People | None = field("主任", "主任", None)
    常务副主任: People | None = field("常务副主任", "常务副主任", None)
    副主任: People | None = field("副主任", "副主任", None)
    顾问: People | None = field("顾问", "顾问", None)
    秘书长: People | None = field("秘书长", "秘书长", None)
    成员: People | None = field("成员", "成员，可写姓名（职务）或岗位，如 办公室主任", None,
                              examples=[["办公室主任", "综合管理科科长"]])

    def roles(self) -> list[tuple[str, list[Person]]]:
        """The roles present, in the standard order."""
        return [(r, getattr(self, r)) for r in GROUP_ROLES if getattr(self, r)]


class TableSpec(Strict):
    """A table: rows (the first row is the header), or 任务分解 built from the measures."""

    rows: list[list[str]] = []
    task_breakdown: bool = False

    @model_validator(mode="before")
    @classmethod
    def _from_value(cls, value: object) -> object:
        if isinstance(value, str):
            if value.strip() != TASK_TABLE:
                raise fail(f"表格只能是行的列表，或者“{TASK_TABLE}”（由各项措施自动生成），"
                           f"这里是“{value}”。")
            return {"task_breakdown": True}
        if isinstance(value, list):
            for i, row in enumerate(value):
                if not isinstance(row, list):
                    raise fail(f"表格第 {i + 1} 行应为一个列表，如 [序号, 工作任务, 责任单位]。")
            return {"rows": [[str(c) for c in row] for row in value]}
        return value


def _section(value: object) -> object:
    """A plain string item is a numbered paragraph."""
    return {"段落": value} if isinstance(value, str) else value


class Section(Strict):
    """An item of 正文, 条目 or 事项: numbered by depth 一、→（一）→1.→（1）."""

    plain: Prose | None = field("段落", "（内部）列表里直接写的一段文字", None, exclude=True)
    title: HeadingText | None = field(
        "标题", "本节标题，不写编号；以。！？：结尾时与内容连成一段", None,
        examples=["指导思想", "加强物资保障。"])
    content: Prose = field("内容", "标题之后的正文；空一行分段；可用 **加粗**、*斜体*", "",
                         examples=["局各科室要严格落实24小时值班制度……"])
    items: list[SectionItem] = field("条目", "下一级条目，编号（一）、1.、（1）", [])
    points: ProseList = field("列举", "要点，排成 一是……二是……", [])
    points_mode: Literal["一段", "分段"] = field("列举方式", "一段（默认）或 分段（每点一段）", "一段")
    points_marker: Literal["一是", "第一", "一要", "首先"] = field(
        "列举标记", "一是（默认）、第一、一要 或 首先", "一是")
    ending: Prose = field("结尾", "条目或列举之后的一段话", "")
    group: LeadingGroup | None = field("领导小组", "领导小组成员名单", None)
    table: TableSpec | None = field("表格", "表格：行的列表（首行为表头），或 任务分解", None)
    牵头单位: str | None = field("牵头单位", "牵头单位", None, examples=["办公室"])
    责任单位: str | None = field("责任单位", "责任单位", None, examples=["各乡镇（街道）"])
    责任科室: str | None = field("责任科室", "责任科室", None, examples=["办公室"])
    配合单位: str | None = field("配合单位", "配合单位", None, examples=["局属各单位"])
    责任人: str | None = field("责任人", "责任人", None, examples=["各科室负责人"])
    完成时限: str | None = field("完成时限", "完成时限，如 2022年10月31日前 或 长期坚持", None,
                             examples=["2022年10月31日前", "长期坚持"])
    时间安排: str | None = field("时间安排", "时间安排", None, examples=["2022年10月—12月"])
    labels: dict[str, str] = field("标注", "其他标注行，如 {联系人: 孙七}", {})

    def measures(self) -> list[tuple[str, str]]:
        """Measure fields present, in the standard order, then 标注 in the order written."""
        out = [(k, getattr(self, k)) for k in MEASURE_FIELDS if getattr(self, k) is not None]
        return out + list(self.labels.items())


SectionItem = Annotated[Section, BeforeValidator(_section)]
# No Section.model_rebuild() here: models build on first use (defer_build), which resolves it.


class Letterhead(Strict):
    """版头 (red letterhead); every part optional."""

    org_mark: str = field("发文机关标志", "红色发文机关标志，如 某市机关事务管理局文件", "",
                          examples=["某市机关事务管理局文件"])
    doc_number: DocNumber | None = field("发文字号", "如 某机管〔2022〕15号", None,
                                         examples=["某机管〔2022〕15号"])
    copy_no: str = field("份号", "六位阿拉伯数字，如 000001", "", examples=["000001"])
    secrecy: Literal["", "绝密", "机密", "秘密"] = field("密级", "绝密、机密 或 秘密", "")
    period: str = field("保密期限", "如 1年", "", examples=["1年"])
    urgency: Literal["", "特急", "加急"] = field("紧急程度", "特急 或 加急", "")
    signers: TextList = field("签发人", "上行文的签发人，可多人", [])
    preprinted: Literal["是", "否"] = field(
        "套印", "是：用印好红头的公文纸打印，版头区域按原高度留白（Word 和 PDF 都一样）", "否")

    @model_validator(mode="after")
    def _copy_no(self) -> Letterhead:
        if self.copy_no and not re.fullmatch(r"\d{6}", self.copy_no):
            raise fail(f"份号“{self.copy_no}”应为 6 位阿拉伯数字，如 000001。")
        return self


class Colophon(Strict):
    """版记."""

    cc: str = field("抄送", "抄送机关，用，隔开；句号由 docgen 加", "",
                    examples=["市委办公室，市政府办公室"])
    printer: str = field("印发机关", "印发机关，如 某市机关事务管理局办公室", "",
                         examples=["某市机关事务管理局办公室"])
    print_date: DateText | None = field("印发日期", "如 2022-10-08", None, examples=["2022-10-08"])


class AttachmentSpec(Strict):
    """附件: content, a table, or an existing file appended."""

    title: str = field("标题", "附件名称（附件说明里的名称）", ..., examples=["疫情防控任务分解表"])
    content: Prose = field("内容", "附件正文", "")
    sections: list[SectionItem] = field("正文", "附件里的编号条目", [])
    table: TableSpec | None = field("表格", "表格：行的列表，或 任务分解", None)
    file: str | None = field("文件", "附在后面的现成文件（.docx 或 .pdf），相对于本计划", None,
                             examples=["附件/值班表.docx"])


class FontNames(Strict):
    """Official font names written into Word files (PDF resolves them to files)."""

    标题: str = field("标题", "标题字体", "方正小标宋简体")
    正文: str = field("正文", "正文字体", "仿宋_GB2312")
    黑体: str = field("黑体", "一级标题、密级等的黑体", "黑体")
    楷体: str = field("楷体", "二级标题的楷体", "楷体_GB2312")
    页码: str = field("页码", "页码字体", "宋体")
    西文: str = field("西文", "西文和数字字体", "Times New Roman")
    备用: TextList = field("备用", "生僻字的备用字体（PDF）", [])


FORMAT_NAMES = ("docx", "pdf", "html", "txt")


class Output(Strict):
    """输出: file name (may use placeholders), formats, folder."""

    file_name: str = field("文件名", "输出文件名（不含扩展名），可用 {{ 单位.名称 }}", "",
                           examples=["{{ 单位.名称 }}工作方案"])
    formats: TextList = field("格式", "docx、pdf、html、txt 中的一个或几个", [],
                              examples=[["docx", "pdf"]])
    folder: str = field("目录", "输出目录（相对于项目）", "", examples=["output"])
    double_sided: Literal["是", "否"] = field("双面印刷", "是（默认）：版记放在偶数页", "是")

    @model_validator(mode="after")
    def _formats(self) -> Output:
        for f in self.formats:
            if f not in FORMAT_NAMES:
                raise fail(f"未知的输出格式“{f}”。可用：{'、'.join(FORMAT_NAMES)}。")
        return self
