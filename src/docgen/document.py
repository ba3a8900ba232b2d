"""The format-neutral document tree: every writer renders exactly this, all text final.

Composers build it from a plan; writers (txt, docx, html, pdf) read it and know nothing
of YAML. Blocks are frozen dataclasses so a tree can be shared by worker processes and
hashed by value.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from enum import StrEnum

from .errors import Loc
from .standard import HEADING_ROLE, LATIN_FONT, OFFICIAL_FONTS


class Role(StrEnum):
    """Font roles of GB/T 9704; fonts are resolved per role (Word names, PDF files)."""

    TITLE = "标题"  # 小标宋
    BODY = "正文"  # 仿宋
    HEI = "黑体"
    KAI = "楷体"
    PAGE_NO = "页码"  # 宋体


class Kind(StrEnum):
    """Paragraph kinds; each maps to one named style in Word and one class in HTML."""

    BODY = "正文"  # first line indented 2 characters, wraps flush left, justified
    HEADING = "标题层级"  # a heading on its own line; `level` 1–4 picks font and style
    ADDRESSEE = "主送"  # flush left, ends with ：
    NOTE = "附注"  # （…）, indented 2 characters, below the date
    ATTENDANCE = "出席"  # 纪要: 出席：/请假：/列席： label (黑体) and names, wraps aligned after the ：


class Format(StrEnum):
    """GB/T 9704 formats: the 通用 (文件) format and the special ones (§10)."""

    GENERAL = "通用"
    LETTER = "信函"  # 函 (§10.1): 标志 30 mm from the paper top, red double rules, no number on page 1
    MINUTES = "纪要"  # 纪要 (§10.3): red 纪要 标志, attendance after the 正文, no 署名/印章


@dataclass(frozen=True, slots=True)
class Run:
    """Inline text. `role` overrides the paragraph's font (a run-in heading's lead)."""

    text: str
    role: Role | None = None
    bold: bool = False  # **…** in a prose field (docgen.prose reads the Markdown)
    italic: bool = False  # *…*


@dataclass(frozen=True, slots=True)
class Paragraph:
    kind: Kind
    runs: tuple[Run, ...]
    level: int | None = None  # outline level 1–4 for headings and run-in headings
    loc: Loc | None = None  # where the text came from, for glyph errors

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)


@dataclass(frozen=True, slots=True)
class Table:
    """A full-width table; the first `header_rows` rows repeat on every page."""

    rows: tuple[tuple[str, ...], ...]
    header_rows: int = 1
    widths: tuple[float, ...] | None = None  # relative column widths; None: from the content (layout/tables.py)
    loc: Loc | None = None


@dataclass(frozen=True, slots=True)
class AttachmentNote:
    """附件说明: 附件：名称, or 附件：1. 名称 / 2. 名称 aligned under 1."""

    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Signature:
    """署名 and 成文日期; `sealed` leaves room for a seal (date 4 characters in).

    `others`: the further agencies of a joint document, in issuing order (the host is `org`).
    `signer`: 签名章 mode — the 签发人's title of office and name (职务, 姓名); the 署名 is
    then that line, placed as spec B8 asks.
    """

    org: str
    date: str
    sealed: bool = False
    others: tuple[str, ...] = ()
    signer: tuple[str, str] | None = None

    @property
    def orgs(self) -> tuple[str, ...]:
        return ((self.org,) if self.org else ()) + self.others


Block = Paragraph | Table | AttachmentNote | Signature


@dataclass(frozen=True, slots=True)
class Letterhead:
    """版头: the red 发文机关标志 and what stands above and below it. Any part may be empty."""

    copy_no: str = ""
    secrecy: str = ""  # 密级★保密期限, e.g. 机密★1年
    urgency: str = ""
    org_mark: str = ""  # red 发文机关标志
    doc_number: str = ""  # 发文字号
    signers: tuple[str, ...] = ()  # 签发人 (上行文): 发文字号 then goes left
    joint: tuple[str, ...] = ()  # joint document: agency names stacked, 文件 to their right
    preprinted: bool = False  # 套印: paper with the 版头 printed; the area is left blank


@dataclass(frozen=True, slots=True)
class Attachment:
    """An attachment on pages of its own: label (附件1) on line 1, title on line 3."""

    label: str
    title_lines: tuple[str, ...]
    blocks: tuple[Block, ...] = ()
    file: str | None = None  # an existing .docx/.pdf to append, absolute path
    loc: Loc | None = None  # where the 文件 was named, for errors about the file


@dataclass(frozen=True, slots=True)
class Issued:
    """The document a 通知 issues (印发) or forwards (转发); not an attachment.

    It starts on a new page after the notice's 成文日期, with its own title and no 附件
    label, 版头, 署名 or date; page numbers run on. Either composed blocks or a file
    (.docx/.pdf) appended as it is. Its own attachments are the Document's attachments.
    """

    verb: str  # 印发 or 转发
    title_lines: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = ()
    file: str | None = None  # an existing .docx/.pdf, absolute path


@dataclass(frozen=True, slots=True)
class Colophon:
    """版记: 抄送 line and the 印发机关 / 印发日期 line, all text final."""

    cc: str = ""  # 抄送：…。
    printer: str = ""
    print_date: str = ""  # 2022年10月8日印发


@dataclass(frozen=True, slots=True)
class Fonts:
    """Font names by role as written into Word files (docgen.yaml 字体 overrides them)."""

    title: str = OFFICIAL_FONTS["标题"]
    body: str = OFFICIAL_FONTS["正文"]
    hei: str = OFFICIAL_FONTS["黑体"]
    kai: str = OFFICIAL_FONTS["楷体"]
    page_no: str = OFFICIAL_FONTS["页码"]
    latin: str = LATIN_FONT
    fallback: tuple[str, ...] = ()  # font names for rare characters (PDF), tried in order
    # An office template's own face per heading level 1–4 ("" = the level's role font), read
    # from its 样式.docx by docgen.office_template so that Word and PDF show the same face.
    headings: tuple[str, ...] = ()
    # The same for the 版记 (公文版记) and the 附件 label (公文附件标签); "" = the role's font.
    colophon: str = ""
    attach_label: str = ""

    def for_role(self, role: Role) -> str:
        return {Role.TITLE: self.title, Role.BODY: self.body, Role.HEI: self.hei,
                Role.KAI: self.kai, Role.PAGE_NO: self.page_no}[role]

    def heading_face(self, level: int) -> str:
        """The template's own face for a heading level, "" when it keeps the role's."""
        return self.headings[level - 1] if 0 < level <= len(self.headings) else ""

    def own_faces(self) -> dict[str, str]:
        """Slot (FACE_SLOTS) → the template's own face, for every element that has one: the
        one list font resolution, coverage and both writers' families are made from."""
        out = {f"h{lv}": face for lv, face in enumerate(self.headings, 1) if face}
        out.update((slot, face) for slot, face in (("colophon", self.colophon),
                                                  ("attach_label", self.attach_label)) if face)
        return out


# Elements whose face an office template may choose apart from their role's (Fonts.own_faces):
# slot → (role whose class the face must be of and which draws it otherwise, name in messages)
FACE_SLOTS: dict[str, tuple[Role, str]] = {
    **{f"h{lv}": (Role(role), f"{'一二三四'[lv - 1]}级标题") for lv, role in HEADING_ROLE.items()},
    "colophon": (Role.BODY, "版记"), "attach_label": (Role.HEI, "附件标识"),
}


@dataclass(frozen=True, slots=True)
class Meta:
    """Document properties; `date` fixes every timestamp so output is byte-identical."""

    title: str
    author: str
    kind: str  # 文种
    date: dt.date | None = None  # 成文日期 (None for 待定)
    source: str = ""  # plan file, as given on the command line

    def timestamp(self) -> dt.datetime:
        """SOURCE_DATE_EPOCH if set, else the 成文日期 at midnight UTC, else 2000-01-01."""
        epoch = os.environ.get("SOURCE_DATE_EPOCH")
        if epoch and epoch.strip().isdigit():
            return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC)
        day = self.date or dt.date(2000, 1, 1)
        return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


@dataclass(frozen=True, slots=True)
class Options:
    """Project choices that change layout but are not content."""

    fonts: Fonts = field(default_factory=Fonts)
    double_sided: bool = True  # 版记 on an even page (PDF)
    project_dir: str = "."  # where fonts/ and templates/ are looked up
    template_dir: str | None = None  # an office's 模板 folder (样式.docx, 版头.docx, html/)


@dataclass(frozen=True, slots=True)
class Document:
    meta: Meta
    title_lines: tuple[str, ...]
    body: tuple[Block, ...]
    letterhead: Letterhead | None = None
    attachments: tuple[Attachment, ...] = ()
    colophon: Colophon | None = None
    options: Options = field(default_factory=Options)
    title_loc: Loc | None = None
    issued: Issued | None = None  # 印发/转发 通知: the issued document, before the attachments
    format: Format = Format.GENERAL

    def paragraphs(self):
        """Every paragraph of body, issued document and attachments, in reading order."""
        for block in self.body:
            if isinstance(block, Paragraph):
                yield block
        for block in self.issued.blocks if self.issued else ():
            if isinstance(block, Paragraph):
                yield block
        for att in self.attachments:
            for block in att.blocks:
                if isinstance(block, Paragraph):
                    yield block
