"""document.xml: the Document tree as WordprocessingML paragraphs and tables.

Every top-level body element is one string in `Body.parts`, so an appended attachment
file can be inserted by element index (docxcompose) without parsing the XML back.
"""

from __future__ import annotations

import re

from ... import attached
from ... import standard as L
from ...document import (
    Attachment,
    AttachmentNote,
    Colophon,
    Fonts,
    Issued,
    Kind,
    Paragraph,
    Role,
)
from ...layout import (
    DocNoLine,
    LaidBlock,
    LaidOut,
    LaidTable,
    Mark,
    Masthead,
    PageBreak,
    SignatureBlock,
    SplitParagraph,
)
from ..letterhead import OfficeLetterhead
from . import parts as P
from .pages import Picture, anchored_picture, anchored_rect, page_pngs
from .xml import R_NS, W_NS, XML_HEAD, PPr, border, para, run

LINE = L.LINE_PITCH_TWIPS
CHAR = round(L.BODY_PT * L.TWIPS_PER_PT)  # one 3号 character in twips (320), the unit of indents
BODY_W = L.BODY_W_TWIPS
# The red rule is the bottom border of an empty paragraph that follows the 发文字号 line.
# The 字号's em box is centred in its exact 579-twip line (LibreOffice, Word), so its
# bottom sits (579 - 320) / 2 twips above the line bottom; the rule paragraph's height
# makes up the rest of the 4 mm.
DOCNO_GLYPH_GAP_TWIPS = (LINE - L.BODY_PT * L.TWIPS_PER_PT) // 2
RED_RULE_LINE_TWIPS = round(L.RED_RULE_BELOW_DOCNO_MM * L.MM_PT * L.TWIPS_PER_PT
                            - DOCNO_GLYPH_GAP_TWIPS)
ATTACH_LABEL_TWIPS = 3 * CHAR  # "附件：" before the names
ATTACH_NUMBER_TWIPS = round(1.5 * CHAR)  # "1." + gap before the name (fits "10.")
C4 = L.ONE_C4_TWIPS  # one 4号 character
RULE_SHAPE_ID = 901  # drawing ids of the 信函格式's rule strokes (pictures count from 1)


BODY_SECT = "\x00body-sectPr\x00"  # placeholder for the body's w:sectPr (see Body.xml)


class Body:
    """Accumulates the body of one document; `xml()` gives document.xml."""

    def __init__(self, laid: LaidOut) -> None:
        self.laid = laid
        doc = self.doc = laid.doc
        self.fonts: Fonts = doc.options.fonts
        self.parts: list[str] = []
        self.page_break = False  # a PageBreak block came before the next paragraph
        self.before: int | None = None  # spacing owed to the next block (blank lines)
        self.file_slots: list[tuple[int, str]] = []  # (body index, path) for docxcompose
        self.pictures: list[Picture] = []  # pages of attached .pdf files (media parts)
        self.tail_section = False
        self.office: OfficeLetterhead | None = None  # an office's 版头.docx, set by render()
        self.attendance_end = -1  # len(parts) after the last 出席 line: the list continues there

    # -- helpers -------------------------------------------------------------------------
    def font(self, role: Role) -> str:
        return self.fonts.for_role(role)

    def r(self, text: str, role: Role = Role.BODY, bold: bool = False, extra: str = "",
          italic: bool = False, face: str = "") -> str:
        """A run in its role's face, or in `face`: the office template's own face for the
        element (Fonts.own_faces), the one the PDF draws it with too."""
        return run(text, face or self.font(role), self.fonts.latin, bold=bold, italic=italic,
                   extra=extra)

    def take_before(self) -> int | None:
        before, self.before = self.before, None
        return before

    def add(self, ppr: PPr, runs: str = "") -> None:
        self.parts.append(para(ppr, runs))

    # -- 版头 ----------------------------------------------------------------------------
    def masthead(self, m: Masthead) -> None:
        """Renders layout's 版头: head lines 1–3, the red 标志 at its top, 字号 lines, red rule."""
        if m.docno_below_rule:
            self.letter_masthead(m)
            return
        for hl in m.head_lines:
            self.add(PPr(style=P.S_HEAD_LINE), self.r(hl.text, hl.role) if hl.text else "")
        used = len(m.head_lines) * LINE
        mark_before = round(m.mark.top_mm * L.MM_PT * L.TWIPS_PER_PT) if m.mark else 0
        docno_before = max(0, mark_before - used)
        if m.mark is not None:
            self.mark(m.mark, max(0, mark_before - used))
            docno_before = round(m.docno_gap_lines * LINE)
        for i, dl in enumerate(m.docno_lines):
            self.docno_line(dl, docno_before if i == 0 else None)
        if not m.docno_lines:
            self.add(PPr(style=P.S_DOC_NUMBER, before=docno_before))
        for rule in m.rules:
            if rule.below == "docno":
                self.add(PPr(style=P.S_RED_RULE, line=RED_RULE_LINE_TWIPS))
        self.before = m.title_gap_lines * LINE

    def letter_masthead(self, m: Masthead) -> None:
        """信函格式 (§10.1): the 标志 in a frame placed on the page (w:framePr anchored to the
        page, its top layout's mm from the paper's top), the red double rules as filled
        rectangles anchored to the page, then the lines under the first rule in the flow:
        份号… flush left, the 发文字号 flush right (right tab at the 版心's edge) on line 1."""
        tw = L.TWIPS_PER_PT
        if m.mark is not None:
            ln = m.mark.lines[0]
            line = round(ln.size_pt * tw)
            frame = (f'<w:framePr w:w="{BODY_W}" w:h="{line}" w:hRule="exact" w:wrap="around" '
                     f'w:vAnchor="page" w:hAnchor="margin" w:xAlign="center" '
                     f'w:y="{round(m.mark.top_mm * L.MM_PT * tw)}"/>')
            self.add(PPr(style=P.S_ORG_MARK, frame=frame, line=line),
                     self.mark_run(ln.text, ln.size_pt, ln.scale_pct))
        shapes = "".join(
            anchored_rect(RULE_SHAPE_ID + 2 * i + k, f"红色双线{i + 1}-{k + 1}", rule.x0_mm,
                          (rule.top_mm or 0.0) + off, rule.length_mm, th, L.RED_HEX)
            for i, rule in enumerate(m.rules) for k, (off, th) in enumerate(rule.strokes()))
        before = round(m.flow_top_pt * tw)
        if not m.under_rule_lines:  # nothing under the rule: an exact spacer carries the rules
            self.add(PPr(style=P.S_TAIL, line=max(before, 20)), shapes)
        for i in range(m.under_rule_lines):
            head = m.head_lines[i] if i < len(m.head_lines) else None
            runs = self.r(head.text, head.role) if head and head.text else ""
            if i == 0:
                if m.docno_lines:
                    runs += self.r("\t" + m.docno_lines[0].docno)
                self.add(PPr(style=P.S_DOC_NUMBER, before=before, jc="left",
                             tabs=[("right", BODY_W)]), shapes + runs)
            else:
                self.add(PPr(style=P.S_HEAD_LINE), runs)
        self.before = m.title_gap_lines * LINE

    def mark_run(self, text: str, size: float, scale: int, spread: float = 0.0) -> str:
        """Red 标志 text at layout's size, horizontal scale (w:w) and spread (w:spacing; the
        last character carries none, so the spread never pushes it onto a new line)."""
        half = round(size * 2)
        tail = f'<w:sz w:val="{half}"/><w:szCs w:val="{half}"/>'
        if scale != 100:
            tail = f'<w:w w:val="{scale}"/>' + tail
        if not spread or len(text) < 2:
            return self.r(text, Role.TITLE, extra=tail)
        spaced = f'<w:spacing w:val="{round(spread * L.TWIPS_PER_PT)}"/>' + tail
        return (self.r(text[:-1], Role.TITLE, extra=spaced)
                + self.r(text[-1], Role.TITLE, extra=tail))

    def mark(self, mark: Mark, before: int) -> None:
        """One agency: one centred line. Joint: a borderless table, names spread to one
        width in the left cell, 文件 vertically centred in the right one."""
        if not mark.stacked:
            ln = mark.lines[0]
            self.add(PPr(style=P.S_ORG_MARK, before=before, line=round(ln.size_pt * L.TWIPS_PER_PT)),
                     self.mark_run(ln.text, ln.size_pt, ln.scale_pct))
            return
        # Names on exact lines of their size, spaced by `before`, so the first em box starts
        # at the table's top. A table cannot carry spacing: an empty exact paragraph does it.
        if before > 0:
            self.add(PPr(style=P.S_ORG_MARK, line=before))
        tw = L.TWIPS_PER_PT
        names_w = round(max(ln.width_pt for ln in mark.lines) * tw) + 20
        suffix_w = round((mark.suffix_gap_pt + mark.suffix_size_pt * len(mark.suffix)) * tw) + 20
        total = names_w + (suffix_w if mark.suffix else 0)
        gap = round((mark.line_pt - mark.lines[0].size_pt) * tw)
        cell_mar = ('<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="0" w:type="dxa"/>'
                    '<w:bottom w:w="0" w:type="dxa"/><w:right w:w="0" w:type="dxa"/></w:tblCellMar>')
        out = ['<w:tbl><w:tblPr>', f'<w:tblW w:w="{total}" w:type="dxa"/><w:jc w:val="center"/>',
               '<w:tblBorders><w:top w:val="nil"/><w:left w:val="nil"/><w:bottom w:val="nil"/>'
               '<w:right w:val="nil"/><w:insideH w:val="nil"/><w:insideV w:val="nil"/></w:tblBorders>',
               '<w:tblLayout w:type="fixed"/>', cell_mar,
               '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
               'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/></w:tblPr><w:tblGrid>',
               f'<w:gridCol w:w="{names_w}"/>']
        if mark.suffix:
            out.append(f'<w:gridCol w:w="{suffix_w}"/>')
        out.append("</w:tblGrid><w:tr><w:trPr><w:cantSplit/></w:trPr>")
        names = "".join(para(PPr(style=P.S_ORG_MARK, before=gap if i else None,
                                 line=round(ln.size_pt * tw), jc="left"),
                             self.mark_run(ln.text, ln.size_pt, ln.scale_pct, ln.spread_pt))
                        for i, ln in enumerate(mark.lines))
        out.append(f'<w:tc><w:tcPr><w:tcW w:w="{names_w}" w:type="dxa"/>'
                   f'<w:vAlign w:val="center"/></w:tcPr>{names}</w:tc>')
        if mark.suffix:
            suffix = para(PPr(style=P.S_ORG_MARK, line=round(mark.suffix_size_pt * tw), jc="right"),
                          self.mark_run(mark.suffix, mark.suffix_size_pt, 100))
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{suffix_w}" w:type="dxa"/>'
                       f'<w:vAlign w:val="center"/></w:tcPr>{suffix}</w:tc>')
        out.append("</w:tr></w:tbl>")
        self.parts.append("".join(out))

    def docno_line(self, dl: DocNoLine, before: int | None) -> None:
        """One 发文字号 / 签发人 line at layout's positions: left tabs, never a wrap."""
        if not dl.label and not dl.names:
            self.add(PPr(style=P.S_DOC_NUMBER, before=before, jc=dl.docno_align),
                     self.r(dl.docno))
            return
        tw = L.TWIPS_PER_PT
        label_pos, names_pos = round(dl.label_x_pt * tw), round(dl.names_x_pt * tw)
        ppr = PPr(style=P.S_DOC_NUMBER, before=before, jc="left", left=round(dl.docno_x_pt * tw),
                  tabs=[("left", label_pos), ("left", names_pos)])
        runs = self.r(dl.docno) if dl.docno else ""
        runs += self.r("\t" + dl.label, Role.BODY) if dl.label else self.r("\t\t")
        runs += self.r(dl.name_gap.join(dl.names), Role.KAI)
        self.add(ppr, runs)

    # -- 主体 ----------------------------------------------------------------------------
    def title(self, lines: tuple[str, ...], before: int | None) -> None:
        if not lines:
            return
        runs = self.r("\n".join(lines), Role.TITLE)
        self.add(PPr(style=P.S_TITLE, before=before), runs)

    def blocks(self, blocks: tuple[LaidBlock, ...]) -> None:
        for k, block in enumerate(blocks):
            if isinstance(block, Paragraph):
                self.paragraph(block)
            elif isinstance(block, LaidTable):
                self.table(block)
            elif isinstance(block, AttachmentNote):
                nxt = blocks[k + 1] if k + 1 < len(blocks) else None
                self.attachment_note(block, not isinstance(nxt, SignatureBlock)
                                     or nxt.keep_with_previous, isinstance(nxt, SignatureBlock))
            elif isinstance(block, SignatureBlock):
                self.signature(block)
            elif isinstance(block, PageBreak):
                self.page_break = True  # the next paragraph starts a page (layout, B10)
            elif isinstance(block, SplitParagraph):
                self.split_paragraph(block)

    def split_paragraph(self, sp: SplitParagraph) -> None:
        """Layout's page break inside a paragraph (B10's carried line): two paragraphs, the
        first justified to its last line (w:jc distribute: that line is a full line), the
        second on a new page without first-line indent. Not a w:br page break inside one
        paragraph: the line before it would end short (LibreOffice ends the paragraph there)."""
        self.paragraph(sp.head, full_last_line=True)
        self.page_break = True
        self.paragraph(sp.tail, continued=True)

    def paragraph(self, p: Paragraph, full_last_line: bool = False,
                  continued: bool = False) -> None:
        outline = None
        role = Role.BODY
        face = ""  # the office template's own face for this heading level (office_template)
        if p.kind is Kind.HEADING:
            level = min(max(p.level or 1, 1), 4)
            style = P.S_HEADING[level]
            role = Role(L.HEADING_ROLE[level])
            face = self.fonts.heading_face(level)
        elif p.kind is Kind.ADDRESSEE:
            style = P.S_ADDRESSEE
        elif p.kind is Kind.NOTE:
            style = P.S_NOTE
        elif p.kind is Kind.ATTENDANCE:
            self.attendance(p)
            return
        else:
            style = P.S_BODY
            if p.level:  # a run-in heading: navigable like a heading
                outline = min(max(p.level, 1), 4) - 1
        runs = "".join(
            run(r.text, face, self.fonts.latin, bold=r.bold, italic=r.italic)
            if face and (r.role or role) is role else
            self.r(r.text, r.role or role, r.bold, italic=r.italic) for r in p.runs)
        self.add(PPr(style=style, before=self.take_before(), outline=outline,
                     page_break_before=self.page_break, first_line=0 if continued else None,
                     jc="distribute" if full_last_line else ""), runs)
        self.page_break = False

    def attendance(self, p: Paragraph) -> None:
        """纪要 (GB/T 9704 §10.3): 出席：names, 2 characters in, wraps aligned after the ：;
        one blank line above the first of them."""
        label = p.runs[0].text if p.runs else ""
        label_w = round(L.text_width(label) * L.CHAR_ADVANCE_PT * L.TWIPS_PER_PT)
        before = self.take_before()
        if self.attendance_end != len(self.parts):
            before = LINE  # the first line of the list
        runs = "".join(self.r(r.text, r.role or Role.BODY, r.bold) for r in p.runs)
        self.add(PPr(style=P.S_BODY, before=before, left=L.INDENT_2C_TWIPS + label_w,
                     hanging=label_w), runs)
        self.attendance_end = len(self.parts)

    def table(self, t: LaidTable) -> None:
        """A laid-out table; after layout's PageBreak (B10: a table's last rows go with the
        署名) it starts a page: page break before its first cell's paragraph, which Word and
        LibreOffice apply to the table, with a 1 pt paragraph keeping it apart from the table's
        first part (two adjacent tables would merge into one)."""
        if self.before:  # a table cannot carry spacing: an empty grid line does it
            self.add(PPr(style=P.S_BODY))
            self.before = None
        if self.page_break and self.parts and self.parts[-1].startswith("<w:tbl>"):
            self.add(PPr(style=P.S_TAIL))
        self.parts.append(table_xml(t, self, self.page_break))
        self.page_break = False

    def attachment_note(self, note: AttachmentNote, keep: bool = True,
                        signed: bool = True) -> None:
        """附件：名称, or 附件：1. 名称 with later entries and wraps aligned under the names.
        Kept with the signature after it (`signed`; a 纪要's 出席 list is not kept with it, as
        in the PDF's CSS and layout's model) and, unless layout found the group fits under the
        body (`keep` False), with the body line before it (spec B10)."""
        if keep:
            self.keep_last_with_next()
        before = LINE
        if len(note.names) == 1:
            left = L.INDENT_2C_TWIPS + ATTACH_LABEL_TWIPS
            self.add(PPr(style=P.S_ATTACH_NOTE, keep_next=signed, before=before, left=left,
                         hanging=ATTACH_LABEL_TWIPS), self.r("附件：" + note.names[0]))
            self.before = None
            return
        left = L.INDENT_2C_TWIPS + ATTACH_LABEL_TWIPS + ATTACH_NUMBER_TWIPS
        for i, name in enumerate(note.names, 1):
            first = i == 1
            hanging = ATTACH_LABEL_TWIPS + ATTACH_NUMBER_TWIPS if first else ATTACH_NUMBER_TWIPS
            text = ("附件：" if first else "") + f"{i}.\t{name}"
            last = i == len(note.names)
            self.add(PPr(style=P.S_ATTACH_NOTE, keep_next=signed or not last,
                         before=before if first else None,
                         left=left,
                         hanging=hanging, tabs=[("left", left)]), self.r(text))
        self.before = None

    def signature(self, sb: SignatureBlock) -> None:
        """Renders layout's signature lines: left lines at a left indent, right lines at a
        right indent; the lines before it and each of its lines keep with the next."""
        if sb.keep_with_previous:
            self.keep_last_with_next()
        tw = L.TWIPS_PER_PT
        for i, ln in enumerate(sb.lines):
            last = i == len(sb.lines) - 1
            style = P.S_DATE if ln.kind == "date" else P.S_SIGNATURE
            x = round(ln.x_pt * tw)
            before = ln.blank_before * LINE or None
            if ln.cells:  # a row of joint 署名: each centred on a centre tab at its seal
                ppr = PPr(style=style, keep_next=not last, before=before, jc="left", left=0,
                          right=0, tabs=[("center", round(c * tw)) for _, c in ln.cells])
                self.add(ppr, self.r("".join("\t" + name for name, _ in ln.cells), ln.role))
                continue
            ppr = PPr(style=style, keep_next=not last, before=before,
                      jc=ln.align, left=x if ln.align == "left" else 0,
                      right=x if ln.align == "right" else 0)
            self.add(ppr, self.r(ln.text, ln.role))
        self.before = None

    def keep_last_with_next(self) -> None:
        """Keep-with-next on the paragraph before, so its last line goes with the next block."""
        if self.parts and self.parts[-1].startswith("<w:p>"):
            self.parts[-1] = _insert_keep_next(self.parts[-1])

    # -- 印发/转发 ------------------------------------------------------------------------
    def issued(self, d: Issued, blocks: tuple[LaidBlock, ...]) -> None:
        """The document a 通知 issues: a new page, its title on line 1, then its text."""
        if d.title_lines:
            self.add(PPr(style=P.S_TITLE, page_break_before=True),
                     self.r("\n".join(d.title_lines), Role.TITLE))
            self.before = LINE  # one blank line below the title
        self.blocks(blocks)
        if d.file and d.file.lower().endswith(".pdf"):  # pages as pictures, like an attached .pdf
            self.pdf_pages(attached.issued_pages(d), f"{d.verb}的文件")
        elif d.file:  # a forwarded .docx: appended as it is; its first paragraph gets the
            # page break (_page_break_before), so no empty page-break paragraph before it
            self.file_slots.append((len(self.parts), d.file))

    # -- 附件 ----------------------------------------------------------------------------
    def attachment(self, a: Attachment, blocks: tuple[LaidBlock, ...]) -> None:
        self.add(PPr(style=P.S_ATTACH_LABEL, page_break_before=True),
                 self.r(a.label, Role.HEI, face=self.fonts.attach_label))
        self.title(a.title_lines, LINE)  # line 3: one empty grid line after the label
        self.before = LINE
        self.blocks(blocks)
        if a.file and a.file.lower().endswith(".pdf"):
            self.pdf_pages(attached.pages(a), a.label)
        elif a.file:
            self.file_slots.append((len(self.parts), a.file))

    def pdf_pages(self, fp: attached.FilePages, label: str) -> None:
        """A .pdf (附件 or 印发/转发 文件): each page a full-page picture on a page of its own
        (pages.py)."""
        for n, png in enumerate(page_pngs(fp), 1):
            index = len(self.pictures) + 1
            pic = Picture(f"rIdPage{index}", f"word/media/page{index}.png", png)
            self.pictures.append(pic)
            self.add(PPr(style=P.S_BODY, page_break_before=True),
                     anchored_picture(pic.rid, index, f"{label} 第{n}页"))
        self.before = None

    # -- 版记 ----------------------------------------------------------------------------
    def colophon(self, c: Colophon) -> None:
        """A bottom-anchored floating table: its last rule is the type area's bottom edge.

        Horizontally it is placed relative to the page: LibreOffice imports a floating
        table as a floating frame only then (a full-width, margin-relative one stays
        inline). Cell margins are zero and the 1-character inset is a paragraph indent, so
        tblpX is the rule's left end whichever way a client treats cell margins.
        """
        rows: list[str] = []
        if c.cc:
            label_w = round(L.text_width(c.cc.split("：", 1)[0] + "：") * C4)
            rows.append(para(PPr(style=P.S_COLOPHON, left=C4 + label_w, right=C4,
                                 hanging=label_w), self.r(c.cc, face=self.fonts.colophon)))
        if c.printer or c.print_date:
            rows.append(para(PPr(style=P.S_COLOPHON, left=C4, right=C4,
                                 tabs=[("right", BODY_W - C4)]),
                             self.r(f"{c.printer}\t{c.print_date}", face=self.fonts.colophon)))
        if not rows:
            return
        borders = (border("top", P.THICK_SZ) + '<w:left w:val="nil"/>'
                   + border("bottom", P.THICK_SZ) + '<w:right w:val="nil"/>'
                   + border("insideH", P.THIN_SZ) + '<w:insideV w:val="nil"/>')
        if not self.laid.colophon_rules:  # 信函格式: no rules at all
            borders = "".join(f'<w:{side} w:val="nil"/>' for side in
                              ("top", "left", "bottom", "right", "insideH", "insideV"))
        out = [
            "<w:tbl><w:tblPr>",
            '<w:tblpPr w:leftFromText="0" w:rightFromText="0" w:topFromText="0" '
            'w:bottomFromText="0" w:vertAnchor="margin" w:horzAnchor="page" '
            f'w:tblpX="{L.TWIPS["left"]}" w:tblpYSpec="bottom"/>',
            '<w:tblOverlap w:val="never"/>',
            f'<w:tblW w:w="{BODY_W}" w:type="dxa"/><w:jc w:val="center"/>',
            f"<w:tblBorders>{borders}</w:tblBorders>",
            '<w:tblLayout w:type="fixed"/>',
            '<w:tblCellMar><w:left w:w="0" w:type="dxa"/>'
            '<w:right w:w="0" w:type="dxa"/></w:tblCellMar>',
            '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
            'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>',
            f'</w:tblPr><w:tblGrid><w:gridCol w:w="{BODY_W}"/></w:tblGrid>',
        ]
        for row in rows:
            out.append(f'<w:tr><w:trPr><w:cantSplit/></w:trPr><w:tc><w:tcPr>'
                       f'<w:tcW w:w="{BODY_W}" w:type="dxa"/></w:tcPr>{row}</w:tc></w:tr>')
        out.append("</w:tbl>")
        self.parts.append("".join(out))

    # -- whole document ------------------------------------------------------------------
    def build(self) -> None:
        doc = self.doc
        title_before = None
        office = self.office
        m = self.laid.masthead
        if m is not None:
            start = len(self.parts)
            if office is not None:
                from .office import paragraphs

                self.parts += paragraphs(office, self.fonts)
                title_before = m.title_gap_lines * LINE
            else:
                self.masthead(m)
                title_before = self.take_before()
            if m.reserved_only:  # 套印: the same paragraphs at the same heights, nothing drawn
                self.parts[start:] = [_blanked(part) for part in self.parts[start:]]
        self.title(doc.title_lines, title_before)
        if doc.title_lines:
            self.before = LINE  # 主送 (or the body) one blank line below the title
        self.blocks(self.laid.body)
        if doc.issued is not None:
            self.issued(doc.issued, self.laid.issued_blocks)
        for att, blocks in zip(doc.attachments, self.laid.attachment_blocks, strict=True):
            self.attachment(att, blocks)
        last_file = self.laid.last_file
        if doc.colophon is not None and last_file:
            if self.laid.pages is None:
                # The 版记 never shares a page with an attached file (as in the PDF).
                self.add(PPr(style=P.S_TAIL, page_break_before=True))
            elif not last_file.lower().endswith(".pdf"):
                # a .docx is inserted before this anchor, so the 版记 page decision
                # (colophon_page) comes after the file's last page
                self.add(PPr(style=P.S_TAIL))
        if doc.colophon is not None:
            self.colophon_page()
            self.colophon(doc.colophon)
        if not self.parts or self.parts[-1].startswith("<w:tbl>") or self.file_slots:
            # Word needs a paragraph after a table; it also anchors the floating 版记.
            self.add(PPr(style=P.S_TAIL))

    def colophon_page(self) -> None:
        """Renders layout's page decision for the 版记 (spec J5, N6): at the bottom of the last
        body page, on the next page, or after a blank page — then the body's section ends on
        its last paragraph and a final section with empty footers holds the blank page and
        the 版记 page."""
        pages = self.laid.pages
        if pages is None or pages.colophon != "own-page":
            return
        if pages.blank_before:
            body_sect = BODY_SECT  # the body's section ends here; xml() fills it in
            last = self.parts[-1] if self.parts else ""
            if last.startswith("<w:p><w:pPr>"):
                end = last.index("</w:pPr>")
                self.parts[-1] = last[:end] + body_sect + last[end:]
            elif last.startswith("<w:p>"):
                self.parts[-1] = "<w:p><w:pPr>" + body_sect + "</w:pPr>" + last[len("<w:p>"):]
            else:
                self.parts.append(para(PPr(style=P.S_TAIL)).replace(
                    "</w:pPr>", body_sect + "</w:pPr>", 1))
            self.tail_section = True
            self.add(PPr(style=P.S_TAIL))  # the blank page
        self.add(PPr(style=P.S_TAIL, page_break_before=True))

    def xml(self, sect_pr: str = P.SECT_PR_XML) -> str:
        """document.xml; `sect_pr` is the page set-up of the reference .docx. With a blank
        page before the 版记, the body's section ends early and a last section with empty
        footers follows (spec N6)."""
        m = self.laid.masthead
        if m is not None and not m.page1_numbered:  # 信函格式: page 1 has an empty footer
            sect_pr = P.first_page_blank(sect_pr)
        final = P.sect_pr_xml(sect_pr, numbered=False, new_page=True) if self.tail_section \
            else sect_pr
        return (XML_HEAD + f'<w:document xmlns:w="{W_NS}" xmlns:r="{R_NS}"><w:body>'
                + "".join(self.parts).replace(BODY_SECT, sect_pr) + final
                + "</w:body></w:document>")


_RUN = re.compile(r"<w:r>.*?</w:r>", re.S)  # text runs and inline pictures alike


def _blanked(part: str) -> str:
    """A 版头 paragraph or table with its text removed and its red rule drawn in paper white
    (a rule switched off would also take its 0.5 mm out of the paragraph's height)."""
    part = _RUN.sub("", part).replace('w:color="FF0000"/></w:pBdr>', 'w:color="FFFFFF"/></w:pBdr>')
    if f'<w:pStyle w:val="{P.S_RED_RULE}"/>' in part:
        part = part.replace(f'<w:pStyle w:val="{P.S_RED_RULE}"/>',
                            f'<w:pStyle w:val="{P.S_RED_RULE}"/><w:pBdr>'
                            + border("bottom", P.RED_RULE_SZ, "FFFFFF") + "</w:pBdr>")
    return part


def _insert_keep_next(part: str) -> str:
    """A `w:p` string with w:keepNext added in schema order (right after w:pStyle)."""
    if "<w:keepNext/>" in part:
        return part
    if not part.startswith("<w:p><w:pPr>"):
        return "<w:p><w:pPr><w:keepNext/></w:pPr>" + part[len("<w:p>"):]
    at = len("<w:p><w:pPr>")
    if part.startswith("<w:pStyle", at):
        at = part.index("/>", at) + 2
    return part[:at] + "<w:keepNext/>" + part[at:]


def table_xml(t: LaidTable, body: Body, page_break: bool = False) -> str:
    """A full-width ruled table as layout/tables.py decided it: widths (tblW and tblGrid both
    set, for WPS), 黑体 header rows repeated on every page (w:tblHeader), rows never split
    (w:cantSplit), header and penultimate rows kept with the next (w:keepNext on each
    paragraph), cells centred or flush left, never justified."""
    widths = [round(w * L.TWIPS_PER_PT) for w in t.widths_pt]
    widths[-1] = BODY_W - sum(widths[:-1])
    edge = "".join(border(s, round(t.rule_pt * 8))
                   for s in ("top", "left", "bottom", "right", "insideH", "insideV"))
    pad_x, pad_y = round(t.pad_x_pt * L.TWIPS_PER_PT), round(t.pad_y_pt * L.TWIPS_PER_PT)
    out = [
        "<w:tbl><w:tblPr>",
        f'<w:tblW w:w="{BODY_W}" w:type="dxa"/><w:jc w:val="center"/>',
        f"<w:tblBorders>{edge}</w:tblBorders>",
        '<w:tblLayout w:type="fixed"/>',
        f'<w:tblCellMar><w:top w:w="{pad_y}" w:type="dxa"/><w:left w:w="{pad_x}" w:type="dxa"/>'
        f'<w:bottom w:w="{pad_y}" w:type="dxa"/><w:right w:w="{pad_x}" w:type="dxa"/></w:tblCellMar>',
        '<w:tblLook w:val="0000" w:firstRow="0" w:lastRow="0" w:firstColumn="0" '
        'w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>',
        "</w:tblPr><w:tblGrid>",
        "".join(f'<w:gridCol w:w="{w}"/>' for w in widths),
        "</w:tblGrid>",
    ]
    for r, row in enumerate(t.rows):
        out.append("<w:tr><w:trPr><w:cantSplit/>" + ("<w:tblHeader/>" if row.header else "")
                   + "</w:trPr>")
        role = t.header_role if row.header else t.cell_role
        for c, (cell, w) in enumerate(zip(row.cells, widths, strict=True)):
            ppr = PPr(style=P.S_TABLE, keep_next=row.keep_with_next, jc=cell.align,
                      page_break_before=page_break and r == c == 0)
            out.append(f'<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/><w:vAlign w:val="center"/>'
                       f"</w:tcPr>{para(ppr, body.r(cell.text, role))}</w:tc>")
        out.append("</w:tr>")
    out.append("</w:tbl>")
    return "".join(out)
