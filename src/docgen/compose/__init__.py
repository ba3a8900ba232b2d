"""Compose a checked plan into the format-neutral Document (conventions of 公文, no formats)."""

from __future__ import annotations

import re
from pathlib import Path

from .. import office_template
from ..document import (
    Attachment,
    AttachmentNote,
    Block,
    Colophon,
    Document,
    Fonts,
    Format,
    Issued,
    Kind,
    Letterhead,
    Meta,
    Options,
    Paragraph,
    Role,
    Run,
    Signature,
    Table,
)
from ..errors import DocgenError
from ..load.plan import Plan
from ..model.common import AttachmentSpec, Section
from ..model.plans import Circular, Letter, Minutes, Notice, PlanBase, Upward
from ..model.values import parse_date
from .numbering import ar_date
from .sections import body, compose_sections, paragraphs, runs, task_table
from .title import break_title

NOTICE_LEAD_IN = "现就有关事宜通告如下："
NOTICE_CLOSING = "特此通告。"
# Default 结语 of each kind (条例 practice); 通知 has none unless the writer asks for 特此通知。
DEFAULT_CLOSING = {"通告": NOTICE_CLOSING, "请示": "妥否，请批示。", "报告": "特此报告。",
                   "函": "特此函告。", "复函": "特此函复。"}
MEETING_LABELS = (("时间", "time"), ("地点", "place"), ("主持人", "chair"))
ATTENDANCE_LABELS = (("出席", "present"), ("请假", "absent"), ("列席", "attending"))


def compose(plan: Plan) -> Document:
    m = plan.model
    loc_for = plan.loc
    blocks: list[Block] = []
    if m.addressee:
        text = m.addressee.strip().rstrip(":：") + "："
        blocks.append(Paragraph(Kind.ADDRESSEE, (Run(text),), loc=loc_for(("主送机关",))))
    date = parse_date(m.date)
    if isinstance(m, Minutes):
        blocks += meeting_lines(m, ar_date(date), loc_for)
    if isinstance(m, Notice):
        blocks += body(notice_reason(m.reason), loc_for(("缘由",)))
        blocks += compose_sections(m.items, 1, loc_for, ("事项",))
    else:
        blocks += body(m.intro, loc_for(("导语",)))
        blocks += compose_sections(m.body, 1, loc_for, ("正文",))
    for text in closing(m):
        blocks += body(text, loc_for(("结语",)))
    if m.attachments:
        blocks.append(AttachmentNote(tuple(a.title.strip() for a in m.attachments)))
    if isinstance(m, Minutes):  # 纪要格式: attendance instead of 署名, no seal
        blocks += attendance(m, loc_for)
    else:
        orgs = issuers(m)
        blocks.append(Signature(orgs[0] if orgs else "", ar_date(date), sealed=m.seal == "盖章",
                                others=tuple(orgs[1:]), signer=signer(m)))
    blocks += notes(m, loc_for)
    attachments = tuple(attachment(a, i, len(m.attachments), m, plan)
                        for i, a in enumerate(m.attachments))
    issued = None
    if isinstance(m, Circular) and m.issued_file():
        issued, attachments = issued_document(m, plan)
    return Document(
        meta=Meta(title="".join(m.title), author="、".join(issuers(m)), kind=m.kind, date=date,
                  source=plan.source.file),
        title_lines=title_of(m),
        body=tuple(blocks),
        letterhead=letterhead(m),
        attachments=attachments,
        colophon=colophon(m),
        options=options(m, plan.project_dir, template_dir(m, plan)),
        title_loc=loc_for(("标题",)),
        issued=issued,
        format=Format.LETTER if isinstance(m, Letter) else
        Format.MINUTES if isinstance(m, Minutes) else Format.GENERAL,
    )


def title_of(m: PlanBase) -> tuple[str, ...]:
    return tuple(m.title) if len(m.title) > 1 else break_title(m.title[0])


def notes(m: PlanBase, loc_for) -> list[Paragraph]:
    """附注 below the date: the writer's note, then a 上行文's （联系人：…；联系电话：…）."""
    out = []
    if m.note:
        note = m.note.strip()
        if not (note.startswith("（") and note.endswith("）")):
            note = f"（{note.strip('()（）')}）"
        out.append(Paragraph(Kind.NOTE, (Run(note),), loc=loc_for(("附注",))))
    if isinstance(m, Upward) and (m.contact.strip() or m.phone.strip()):
        parts = [f"{k}：{v.strip()}" for k, v in (("联系人", m.contact), ("联系电话", m.phone))
                 if v.strip()]
        out.append(Paragraph(Kind.NOTE, (Run("（" + "；".join(parts) + "）"),),
                             loc=loc_for(("联系人",))))
    return out


def meeting_lines(m: Minutes, date: str, loc_for) -> list[Paragraph]:
    """纪要: 时间：… / 地点：… / 主持人：… in 仿宋 (the 成文日期 when no 时间 is given); only
    出席/请假/列席 have 黑体 labels (GB/T 9704 §10.3)."""
    meeting = m.meeting
    if meeting is None:
        return []
    out = []
    for label, attr in MEETING_LABELS:
        value = getattr(meeting, attr).strip() or (date if attr == "time" else "")
        if value:
            out.append(Paragraph(Kind.BODY, (Run(f"{label}：{value}"),), loc=loc_for(("会议", label))))
    return out


def attendance(m: Minutes, loc_for) -> list[Paragraph]:
    """纪要格式 (GB/T 9704 §10.3): 出席：/请假：/列席： with 黑体 labels, names joined by 、."""
    out = []
    for label, attr in ATTENDANCE_LABELS:
        names = [n.strip() for n in getattr(m, attr) if n.strip()]
        if names:
            out.append(Paragraph(Kind.ATTENDANCE, (Run(f"{label}：", Role.HEI), Run("、".join(names))),
                                 loc=loc_for((label,))))
    return out


def issued_document(m: Circular, plan: Plan) -> tuple[Issued, tuple[Attachment, ...]]:
    """The issued plan without 版头, 主送, 署名, date and 附注; its attachments stay with it."""
    verb = (m.issued_file() or ("印发", ""))[0]
    if not isinstance(plan.issued, Plan):  # a .docx / .pdf (checked absolute path), appended as it is
        return Issued(verb, file=str(plan.issued) if plan.issued else None), ()
    inner = compose(plan.issued)
    blocks = tuple(b for b in inner.body if not isinstance(b, Signature)
                   and not (isinstance(b, Paragraph) and b.kind in (Kind.ADDRESSEE, Kind.NOTE)))
    return Issued(verb, inner.title_lines, blocks), inner.attachments


def notice_reason(reason: str) -> str:
    """End the 缘由 with the lead-in once; a writer's own …如下： is kept as written."""
    text = reason.strip()
    if not text or text.endswith(("如下：", "如下:")):
        return text
    return text.rstrip("，。；,.;") + "，" + NOTICE_LEAD_IN


def closing(m: PlanBase) -> list[str]:
    """结语: each kind's fixed phrase by default (通告 特此通告。, 请示 妥否，请批示。 …);
    an empty value means none."""
    if m.closing is None:
        key = "复函" if isinstance(m, Letter) and m.letter_kind == "复函" else m.kind
        return [DEFAULT_CLOSING[key]] if key in DEFAULT_CLOSING else []
    return [t for t in m.closing if t.strip()]


def letterhead(m: PlanBase) -> Letterhead | None:
    h = m.letterhead
    if h is None:
        return None
    secrecy = h.secrecy + (f"★{h.period}" if h.secrecy and h.period else "")
    orgs = issuers(m)
    return Letterhead(copy_no=h.copy_no, secrecy=secrecy, urgency=h.urgency, org_mark=h.org_mark,
                      doc_number=h.doc_number or "",
                      signers=tuple(_person(s)[0] for s in h.signers),
                      joint=tuple(orgs) if len(orgs) > 1 else (),
                      preprinted=h.preprinted == "是")


def issuers(m: PlanBase) -> list[str]:
    """发文机关 in issuing order (the host first); one for most documents."""
    names = [m.issuer] if isinstance(m.issuer, str) else m.issuer
    return [o.strip() for o in names if o.strip()]


_PERSON = re.compile(r"^(.+?)[（(](.+)[）)]$")


def _person(text: str) -> tuple[str, str]:
    """(姓名, 职务) of "姓名（职务）"; a bare name has no 职务."""
    m = _PERSON.match(text.strip())
    return (m.group(1).strip(), m.group(2).strip()) if m else (text.strip(), "")


def signer(m: PlanBase) -> tuple[str, str] | None:
    """印章: 签名章 — (职务, 姓名) of the first 签发人 (spec B8), None otherwise."""
    if m.seal != "签名章":
        return None
    signers = m.letterhead.signers if m.letterhead else []
    if not signers:
        return ("", "")
    name, title = _person(signers[0])
    return (title, name)


def colophon(m: PlanBase) -> Colophon | None:
    c = m.colophon
    if c is None or not (c.cc or c.printer or c.print_date):
        return None
    cc = ""
    if c.cc:
        cc = "抄送：" + c.cc.strip().removeprefix("抄送：").rstrip("。.，,") + "。"
    date = ar_date(parse_date(c.print_date)) + "印发" if c.print_date else ""
    return Colophon(cc=cc, printer=c.printer.strip(), print_date=date)


def attachment(a: AttachmentSpec, index: int, count: int, m: PlanBase, plan: Plan) -> Attachment:
    label = "附件" if count == 1 else f"附件{index + 1}"
    path = ("附件", index)
    blocks: list[Block] = list(body(a.content, plan.loc((*path, "内容"))))
    blocks += compose_sections(a.sections, 1, plan.loc, (*path, "正文"))
    if a.table:
        if a.table.task_breakdown:
            sections: list[Section] = list(getattr(m, "items", None) or getattr(m, "body", []))
            blocks.append(task_table(sections))
        else:
            blocks.append(Table(tuple(tuple(r) for r in a.table.rows), loc=plan.loc((*path, "表格"))))
    file = str((plan.path.parent / a.file).resolve()) if a.file else None
    loc = plan.loc((*path, "文件")) if a.file else None
    return Attachment(label, break_title(a.title.strip()), tuple(blocks), file, loc)


def template_dir(m: PlanBase, plan: Plan) -> str | None:
    """The office's 模板 folder, relative to the file that names it (plan or docgen.yaml)."""
    if not m.template:
        return None
    loc = plan.loc(("模板",))
    folder = (Path(loc.file).parent / m.template.strip()).resolve()
    if not folder.is_dir():
        raise DocgenError(f"找不到模板文件夹“{m.template.strip()}”（{folder}）：模板 要写一个文件夹，"
                          "里面放 样式.docx、版头.docx（都可选）；路径相对于写它的文件。"
                          "docgen new 模板 可以复制一份示例模板。", loc)
    return str(folder)


def options(m: PlanBase, project_dir: Path, template: str | None = None) -> Options:
    f = m.fonts
    fonts = Fonts(title=f.标题, body=f.正文, hei=f.黑体, kai=f.楷体, page_no=f.页码, latin=f.西文,
                  fallback=tuple(f.备用)) if f else Fonts()
    double = (m.output.double_sided == "是") if m.output else True
    fonts = office_template.apply(fonts, template)
    return Options(fonts=fonts, double_sided=double, project_dir=str(project_dir),
                   template_dir=template)


__all__ = ["compose", "paragraphs", "runs"]
