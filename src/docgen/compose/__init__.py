"""Compose a checked plan into the format-neutral Document (conventions of 公文, no formats)."""

from __future__ import annotations

from pathlib import Path

from ..document import (
    Attachment,
    AttachmentNote,
    Block,
    Colophon,
    Document,
    Fonts,
    Kind,
    Letterhead,
    Meta,
    Options,
    Paragraph,
    Run,
    Signature,
    Table,
)
from ..load.plan import Plan
from ..model.common import AttachmentSpec, Section
from ..model.plans import Notice, PlanBase
from ..model.values import parse_date
from .numbering import ar_date
from .sections import body, compose_sections, paragraphs, runs, task_table
from .title import break_title

NOTICE_LEAD_IN = "现就有关事宜通告如下："
NOTICE_CLOSING = "特此通告。"


def compose(plan: Plan) -> Document:
    m = plan.model
    loc_for = plan.loc
    blocks: list[Block] = []
    if m.addressee:
        text = m.addressee.strip().rstrip(":：") + "："
        blocks.append(Paragraph(Kind.ADDRESSEE, (Run(text),), loc=loc_for(("主送机关",))))
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
    date = parse_date(m.date)
    blocks.append(Signature(m.issuer.strip(), ar_date(date), sealed=m.seal == "盖章"))
    if m.note:
        note = m.note.strip()
        if not (note.startswith("（") and note.endswith("）")):
            note = f"（{note.strip('()（）')}）"
        blocks.append(Paragraph(Kind.NOTE, (Run(note),), loc=loc_for(("附注",))))
    title_lines = tuple(m.title) if len(m.title) > 1 else break_title(m.title[0])
    return Document(
        meta=Meta(title="".join(m.title), author=m.issuer.strip(), kind=m.kind, date=date,
                  source=plan.source.file),
        title_lines=title_lines,
        body=tuple(blocks),
        letterhead=letterhead(m),
        attachments=tuple(attachment(a, i, len(m.attachments), m, plan)
                          for i, a in enumerate(m.attachments)),
        colophon=colophon(m),
        options=options(m, plan.project_dir),
        title_loc=loc_for(("标题",)),
    )


def notice_reason(reason: str) -> str:
    """End the 缘由 with the lead-in once; a writer's own …如下： is kept as written."""
    text = reason.strip()
    if not text or text.endswith(("如下：", "如下:")):
        return text
    return text.rstrip("，。；,.;") + "，" + NOTICE_LEAD_IN


def closing(m: PlanBase) -> list[str]:
    """结语: 通告 defaults to 特此通告。; an empty value means none."""
    if m.closing is None:
        return [NOTICE_CLOSING] if isinstance(m, Notice) else []
    return [t for t in m.closing if t.strip()]


def letterhead(m: PlanBase) -> Letterhead | None:
    h = m.letterhead
    if h is None:
        return None
    secrecy = h.secrecy + (f"★{h.period}" if h.secrecy and h.period else "")
    return Letterhead(copy_no=h.copy_no, secrecy=secrecy, urgency=h.urgency, org_mark=h.org_mark,
                      doc_number=h.doc_number or "", signers=tuple(h.signers))


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
    return Attachment(label, break_title(a.title.strip()), tuple(blocks), file)


def options(m: PlanBase, project_dir: Path) -> Options:
    f = m.fonts
    fonts = Fonts(title=f.标题, body=f.正文, hei=f.黑体, kai=f.楷体, page_no=f.页码, latin=f.西文,
                  fallback=tuple(f.备用)) if f else Fonts()
    double = (m.output.double_sided == "是") if m.output else True
    return Options(fonts=fonts, double_sided=double, project_dir=str(project_dir))


__all__ = ["compose", "paragraphs", "runs"]
