"""Plain text: the composed document as it reads, one paragraph a line (for review diffs)."""

from __future__ import annotations

from pathlib import Path

from ..document import Attachment, AttachmentNote, Block, Document, Paragraph, Signature, Table
from . import RenderContext


def _block(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, Table):
        return ["\t".join(row) for row in block.rows]
    if isinstance(block, AttachmentNote):
        if len(block.names) == 1:
            return [f"附件：{block.names[0]}"]
        return [("附件：" if i == 1 else "") + f"{i}. {n}" for i, n in enumerate(block.names, 1)]
    if isinstance(block, Signature):
        return [block.org, block.date]
    raise TypeError(block)


def lines(doc: Document) -> list[str]:
    out: list[str] = []
    h = doc.letterhead
    if h:
        out += [x for x in (h.copy_no, h.secrecy, h.urgency, h.org_mark) if x]
        if h.signers:
            out.append(f"{h.doc_number}　签发人：{'　'.join(h.signers)}")
        elif h.doc_number:
            out.append(h.doc_number)
    out += list(doc.title_lines)
    for block in doc.body:
        out += _block(block)
    if doc.issued:  # 印发/转发: the issued document on its own pages, not an attachment
        out += ["", *doc.issued.title_lines]
        for block in doc.issued.blocks:
            out += _block(block)
        if doc.issued.file:
            out.append(f"〔{doc.issued.verb}：{Path(doc.issued.file).name}〕")
    for att in doc.attachments:
        out += _attachment(att)
    c = doc.colophon
    if c:
        out += [x for x in (c.cc, "　".join(y for y in (c.printer, c.print_date) if y)) if x]
    return out


def _attachment(att: Attachment) -> list[str]:
    out = ["", att.label, *att.title_lines]
    for block in att.blocks:
        out += _block(block)
    if att.file:
        out.append(f"〔附：{Path(att.file).name}〕")
    return out


def render(doc: Document, ctx: RenderContext) -> bytes:
    return ("\n".join(lines(doc)) + "\n").encode("utf-8")
