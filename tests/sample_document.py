"""A hand-built Document with every element, for writer tests independent of the composer."""

from __future__ import annotations

import datetime as dt

from docgen.document import (
    Attachment,
    AttachmentNote,
    Colophon,
    Document,
    Kind,
    Letterhead,
    Meta,
    Paragraph,
    Role,
    Run,
    Signature,
    Table,
)

LONG = ("局各科室要严格落实24小时值班制度，做到值班人员在岗、值班电话畅通、异常情况及时处理上报。"
        "遇到紧急情况，相关人员保证1小时内集结，所有工作人员手机保证24小时开通，严禁关机或不应答。")


def body(text: str) -> Paragraph:
    return Paragraph(Kind.BODY, (Run(text),))


def heading(level: int, text: str) -> Paragraph:
    return Paragraph(Kind.HEADING, (Run(text),), level=level)


def run_in(level: int, lead: str, text: str) -> Paragraph:
    role = {1: Role.HEI, 2: Role.KAI}.get(level)
    return Paragraph(Kind.BODY, (Run(lead, role=role), Run(text)), level=level)


def sample_document(letterhead: bool = True, sealed: bool = False) -> Document:
    blocks = [
        Paragraph(Kind.ADDRESSEE, (Run("局机关各科室、局属各单位："),)),
        body("为深入贯彻落实党中央、国务院的决策部署，确保党政机关办公大楼高效有序运转，特制定本方案。"),
        heading(1, "一、指导思想"),
        body(LONG * 2),
        heading(1, "二、组织保障"),
        body("成立局疫情防控工作领导小组，负责处置疫情防控的突发事件。"),
        body("组　　长：张　三（局长）"),
        body("副 组 长：王　五（副局长）、赵　六（副局长）"),
        heading(1, "三、疫情防控责任制"),
    ]
    for i, lead in enumerate(["认真落实干部职工24小时值班值守制度。", "加强物资保障。", "做好值班值守。"], 1):
        num = "（" + "一二三"[i - 1] + "）"
        blocks += [run_in(2, num + lead, LONG), body("责任科室：各科室"), body("责任人：各科室负责人")]
    blocks += [
        heading(2, "（四）提升政治站位"),
        run_in(3, "1.加强值守。", LONG),
        Paragraph(Kind.BODY, (Run("（1）"), Run("做好登记。")), level=4),
        Table((("序号", "工作任务", "责任科室", "责任人"),
               ("1", "认真落实干部职工24小时值班值守制度", "各科室", "各科室负责人"),
               ("2", "加强物资保障", "办公室", ""))),
        AttachmentNote(("疫情防控任务分解表", "联系人名单")),
        Signature("某市机关事务管理局", "2022年10月8日", sealed=sealed),
        Paragraph(Kind.NOTE, (Run("（此件公开发布）"),)),
    ]
    return Document(
        meta=Meta(title="机关事务管理局秋冬季新冠肺炎疫情防控工作方案", author="某市机关事务管理局",
                  kind="工作方案", date=dt.date(2022, 10, 8), source="sample.yaml"),
        title_lines=("机关事务管理局秋冬季新冠肺炎", "疫情防控工作方案"),
        body=tuple(blocks),
        letterhead=Letterhead(copy_no="000001", secrecy="机密★1年", urgency="特急",
                              org_mark="某市机关事务管理局文件", doc_number="某机管〔2022〕15号")
        if letterhead else None,
        attachments=(
            Attachment("附件1", ("疫情防控任务分解表",), (
                Table((("序号", "工作任务", "责任科室"), ("1", "认真落实值班值守制度", "各科室"))),)),
            Attachment("附件2", ("联系人名单",), (body("办公室：孙七，电话12345678。"),)),
        ),
        colophon=Colophon(cc="抄送：市委办公室，市政府办公室。", printer="某市机关事务管理局办公室",
                          print_date="2022年10月8日印发"),
    )
