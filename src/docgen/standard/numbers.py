"""The numbers of GB/T 9704-2012 in one place; layout, both writers and the checker read them.

Units are named in every constant. Values come from ../shared/spec/GBT9704.md §10.
(This was docgen/layout.py; docgen/layout/ now holds the decisions made from these numbers.)
"""

from __future__ import annotations

MM_PT = 72 / 25.4  # pt per mm
TWIPS_PER_PT = 20
EMU_PER_MM = 36000

# Page and type area (版心)
PAGE_W_MM, PAGE_H_MM = 210, 297
MARGIN_MM = {"top": 37, "bottom": 35, "left": 28, "right": 26}
BODY_W_MM, BODY_H_MM = 156, 225
BODY_BOX_MM = (28, 37, 184, 262)  # x0, y0, x1, y1 from the page's top-left
TWIPS = {"page_w": 11906, "page_h": 16838, "top": 2098, "bottom": 1984, "left": 1588, "right": 1474}
BODY_W_TWIPS = TWIPS["page_w"] - TWIPS["left"] - TWIPS["right"]  # 8844

# The 22 × 28 grid
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
LINE_PITCH_PT, LINE_PITCH_TWIPS = 28.95, 579  # never 29 pt / 580: Word then fits only 21 lines
CHAR_PITCH_PT = 15.793  # 156 mm / 28
# Word's and LibreOffice's line grid (docGrid "lines") holds whole grid lines only: a page's
# text must end by the 22nd line, 22 × 28.95 pt = 224.68 mm under the 版心 top, 0.32 mm above
# the 版心's bottom edge. Layout and the PDF count with this height, so a page that is full to
# within that 0.32 mm breaks at the same line in both outputs (issue 9, corpus-t195).
GRID_BODY_H_PT = LINES_PER_PAGE * LINE_PITCH_PT  # 636.9 pt
GRID_BOTTOM_MM = BODY_BOX_MM[1] + GRID_BODY_H_PT / MM_PT  # 261.68 mm from the paper's top
RUN_CONDENSE_TWIPS = -5  # Word run w:spacing (−0.25 pt): 28 characters fit 156 mm
# One condensing for both writers (the PDF's letter-spacing is Word's run spacing): a line of
# text is as wide in the PDF as in Word, so both break it at the same character (issue 9).
CSS_LETTER_SPACING_PT = RUN_CONDENSE_TWIPS / TWIPS_PER_PT  # −0.25 pt; 28 × 15.75 = 441 ≤ 442.2
CHAR_ADVANCE_PT = 16 + RUN_CONDENSE_TWIPS / 20  # 15.75 pt: one condensed 3号 character as drawn
INDENT_2C_PT = 2 * CHAR_ADVANCE_PT  # 31.5 pt: two condensed characters
BODY_W_PT = BODY_W_MM * MM_PT  # 442.2 pt
# 首行空二字 is two characters as drawn (31.5 pt = 630 twips) in both writers, so the first line's
# text stands on the grid's third column; RIGHT_4C / ONE_C4 are the standard's 字 of 16 pt.
INDENT_2C_TWIPS = round(INDENT_2C_PT * TWIPS_PER_PT)  # 630
RIGHT_4C_TWIPS, ONE_C4_TWIPS = 1280, 280

# Type sizes (号 → pt)
SIZE_PT = {"初号": 42, "小初": 36, "一号": 26, "小一": 24, "二号": 22, "小二": 18, "三号": 16,
           "小三": 15, "四号": 14, "小四": 12, "五号": 10.5, "小五": 9}
BODY_PT = SIZE_PT["三号"]
TITLE_PT = SIZE_PT["二号"]
COLOPHON_PT = SIZE_PT["四号"]
PAGE_NO_PT = SIZE_PT["四号"]
TABLE_PT = SIZE_PT["四号"]  # local practice: tables one size smaller than the body
ORG_MARK_PT = SIZE_PT["小初"]  # issuer's choice; 36 pt fits most 标志 on one line
# A 标志 too long for one line is first condensed horizontally down to ORG_MARK_MIN_SCALE_PCT
# (Word 字符缩放), then reduced in size down to ORG_MARK_MIN_PT, then condensed further: it
# never wraps (the standard leaves size to the issuer: 醒目、美观、庄重).
ORG_MARK_MIN_SCALE_PCT = 80
ORG_MARK_MIN_PT = SIZE_PT["二号"]
ORG_MARK_STACK_LINE = 1.15  # line pitch of a joint 标志's stacked names, in em
ORG_MARK_SUFFIX_GAP_EM = 0.5  # between the stacked names and 文件
TITLE_LINE_PT = 35  # exact line height of 2号 title lines (practice, §2.3)
TITLE_MAX_CHARS = 18  # a title line longer than this is broken (≤ 20 fit; practice leaves margin)

# Colours and rules
RED_HEX = "FF0000"
RED_RGB = (1.0, 0.0, 0.0)
ORG_MARK_TOP_FROM_BODY_MM = 35
RED_RULE_BELOW_DOCNO_MM = 4
RED_RULE_MM = 0.5
COLOPHON_THICK_MM, COLOPHON_THIN_MM = 0.35, 0.25

# 信函格式 (§10.1, spec S1): positions from the paper's edges, not the 版心
LETTER_MARK_TOP_FROM_PAPER_MM = 30  # 标志's top edge below the paper's top edge
LETTER_RULE_BELOW_MARK_MM = 4  # the thick-over-thin rule's top below the 标志's bottom
LETTER_RULE_FROM_PAPER_BOTTOM_MM = 20  # the thin-over-thick rule's bottom above the paper's bottom
LETTER_RULE_LEN_MM = 170  # both double rules, centred on the page (x 20–190 mm)
LETTER_GAP_PT = 7 / 8 * SIZE_PT["三号"]  # 3号汉字高度的7/8 (14 pt): rule → 发文字号 / 份号
# The double rules' strokes are not in the standard (practice: Word's 4.5 pt 文武线).
LETTER_RULE_THICK_MM, LETTER_RULE_THIN_MM, LETTER_RULE_SPACE_MM = 0.8, 0.3, 0.4

# Page numbers
PAGE_NO_DASH_Y_MM = 269.0  # 7 mm below the type area
PAGE_NO_INSET_MM = 14 / MM_PT  # one 4号 character in from the type area's edge
PAGE_NO_FOOTER_TWIPS = 1446  # w:pgMar/@w:footer for an exact-14 pt footer line (E5)

# HTML/PDF writer: vertical gaps in grid lines, and table rules (practice, not the standard)
DOCNO_BELOW_MARK_LINES = 2  # 发文字号: 标志下空二行 (§4.1 H5)
TITLE_BELOW_RULE_LINES = 2  # 标题: 2 blank lines below the red rule (§4.2 B1)
TABLE_RULE_PT, TABLE_CELL_PAD_PT = 0.5, (2, 4)  # cell border width; padding (vertical, horizontal)

# Checker tolerances (docgen.verify): how far a conforming file may deviate (spec §2–§4, §9)
TWIPS_PER_MM = 1440 / 25.4
DOCGRID_CHARSPACE = -849  # linesAndChars grid with a 16 pt Normal font (spec §2.4 Option A)
POSITION_TOL_MM = 1  # margins, 版心 and positions the standard gives in mm: ±1 mm
PAGE_SIZE_TOL_TWIPS, PAGE_SIZE_TOL_PT = 20, 1
LINE_PITCH_TWIPS_OK = (578, 579)  # Word line spacing; 580 (29 pt) leaves only 21 lines
LINE_PITCH_PT_OK = (28.0, 28.99)  # PDF: mean baseline pitch on a page (28 pt still fits 22 lines)
LINE_PITCH_STEP_PT_OK = (28.0, 29.1)  # PDF: one baseline step, allowing coordinate rounding
RUN_CONDENSE_TWIPS_OK = (-6, -5)  # Word run w:spacing of the body (Option B)
DOCGRID_CHARSPACE_OK = (-900, -849)  # Word linesAndChars grid (Option A)
FULL_LINE_UNITS_OK = (27.5, 28)  # characters on a full line, ASCII counted as 0.5
PAGE_NO_INSET_MM_OK = (4.5, 6.0)  # "一字" of 4号 or 3号 (spec §11.2)
PAGE_NO_X_TOL_MM = 0.8  # PDF: odd x1 / even x0 of the page number
PAGE_NO_BASELINE_MM_OK = (269.5, 271.5)  # PDF: footer baseline from the page top
ORG_MARK_TOL_MM = 1.5  # PDF: top of the red 标志 (em-box top vs ink top)
# PDF: the 标志's exact line (height = size) read from its baseline, which sits a/(a+d) of the
# line below its top in Word/LibreOffice; CJK title faces give ~0.8 (Noto Serif CJK 0.80)
MARK_BASELINE_IN_LINE = 0.8
RED_RULE_HEIGHT_MM_OK = (0.25, 1.0)  # thickness is not in the standard; practice 0.35–0.5 mm
COLOPHON_RULE_TOL_MM = 0.1  # PDF: 版记 rule thickness
COLOPHON_RULE_DOCX_TOL_MM = 0.05  # Word border w:sz (eighths of a point): thick 7–9, thin 5–6


# 避头尾 (GB/T 15834 practice): marks that may not start a line, and marks that may not end one.
NO_LINE_START = frozenset("，。、；：？！）》」』”’〕】…—")
NO_LINE_END = frozenset("（《「『“‘〔【")

# Punctuation below U+2E80 that CJK fonts draw one character wide (“” ‘’ — … ·).
CJK_WIDE_PUNCT = frozenset("“”‘’—…·")


def char_width(ch: str) -> float:
    """Width of one character in 3号 character units: CJK and full-width 1, ASCII 0.5."""
    return 1.0 if ord(ch) > 0x2E7F or ch in CJK_WIDE_PUNCT else 0.5


def text_width(s: str) -> float:
    return sum(char_width(ch) for ch in s)


# Word writer (docx)
TABLE_LINE_PT = 20  # exact line height of 4号 table text, off the body grid
# Blank grid lines before the 署名 (spec B6–B8, §5.2): unsealed 1; sealed 3, room for a 42 mm seal
# whose top stays within a line of the body; 签名章 2.
SIGNATURE_BLANK_LINES = {False: 1, True: 3}
SIGNATURE_BLANK_LINES_BY_MODE = {"unsealed": 1, "sealed": 3, "signed": 2}
SIG_UNSEALED_RIGHT_C = 2  # 署名 right-indented 2 characters (B7)
SIG_DATE_SHIFT_C = 2  # the date's first character 2 characters right of the 署名's (B7)
SIG_SEALED_RIGHT_C = 4  # sealed / 签名章: date right-indented 4 characters (B6, B8)
AUTOSPACE_EM = 0.25  # LibreOffice's space between hanzi and digits (rendering-notes, issue 9)
# Joint sealed 署名 (§7.3.5.1): one seal per 署名, seals in rows, aligned, never touching or
# overlapping, within the 版心; two or three a row. A 42 mm seal spans 4.1 grid lines, so rows of
# 署名 are 5 lines apart (4 blank lines); columns at least a seal and a 3 mm gap apart.
SEAL_DIAMETER_MM = 42.0
SEAL_GAP_MM = 3.0
SEAL_ROW_BLANK_LINES = 4
SEALS_PER_ROW_MAX = 3
SIG_TITLE_GAP_C = 2  # 签名章: the 签发人's title of office 2 characters left of the stamp (B8)
