"""Text patterns and font accept-lists shared by the DOCX and PDF checkers (spec §3, §4, §8)."""

from __future__ import annotations

import re

from .. import standard as L

CN_NUM = "一二三四五六七八九十百"

# Heading levels (spec §4.2 B4 / §8): 一、 （一） 1. （1）
HEADING = {
    1: re.compile(f"^[{CN_NUM}]+、"),
    2: re.compile(f"^（[{CN_NUM}]+）"),
    3: re.compile(r"^\d+[.．](?!\d)"),
    4: re.compile(r"^（\d+）"),
}


def heading_level(text: str) -> int | None:
    for level, rx in HEADING.items():
        if rx.match(text):
            return level
    return None


HEADING_LEAD_MAX = 25  # characters, number included; a full first line (26) is never a lead


def lead_end(text: str) -> int:
    """End of a heading's lead: through the first 。, else the whole paragraph (run-in headings).

    A numbered paragraph whose first sentence is longer than HEADING_LEAD_MAX is a numbered body
    paragraph (一、到正规超市……。 in a 通告), not a heading: it has no lead (0), so its font is 正文.
    """
    cut = text.find("。")
    end = len(text) if cut < 0 else cut + 1
    return end if end <= HEADING_LEAD_MAX else 0


# Labels set in 黑体 on their own: 附件 on an attachment page, 纪要 出席/请假/列席
ATTACH_LABEL = re.compile(r"^附件\s*\d*$")
HEI_LEAD = re.compile(r"^(出席|请假|列席)[：:]")
SECRECY = re.compile(r"^(绝密|机密|秘密)")
URGENCY = re.compile(r"^(特急|加急|特提|平急)$")

# 发文字号 (H5): loose to find it, strict to judge it
DOCNO_LOOSE = re.compile(r"[\u4e00-\u9fff]+[〔\[【（(［]\s*\d{2,4}\s*[〕\]】）)］]\s*第?\s*\d+\s*号")
DOCNO_STRICT = re.compile(r"[\u4e00-\u9fff]+〔\d{4}〕[1-9]\d*号")

# 成文日期 (B9)
DATE_LOOSE = re.compile(r"[\d〇○零OＯ０-９一二三四五六七八九]{2,4}\s*年\s*[\d０-９一二三四五六七八九十]{1,3}\s*月"
                        r"\s*[\d０-９一二三四五六七八九十]{1,3}\s*日")
DATE_STRICT = re.compile(r"\d{4}年([1-9]|1[0-2])月([1-9]|[12]\d|3[01])日")

# 版记 lines (J2–J4)
COLOPHON_LINE = re.compile(r"^(抄送|主送)[：:]|\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日\s*印发$")

# Page number text (N1), spaces removed
PAGE_NO = re.compile(r"^—\s?(\d+)\s?—$")

# Font names by role (spec §3); DOCX names and PDF base names (subset prefix removed) alike


class FaceClass:
    """Whether a face name is of one role's class (standard.fonts: "Source Han Sans SC",
    "SimHei" and "黑体" alike), with a regex's `search` so call sites read the same."""

    def __init__(self, role: str) -> None:
        self.role = role

    def search(self, name: str) -> bool:
        return L.in_role_class(self.role, name)


FONT_ACCEPT: dict[str, FaceClass] = {role: FaceClass(role) for role in L.ROLE_FACE_WORDS}
TITLE_FALLBACK = FONT_ACCEPT["页码"]  # free fonts have no 小标宋: a 宋体 accepted with a note (PDF)
# Synthetic or true bold/italic faces. Heavy/Black weights are not matched: a heavy Song is the
# usual free stand-in for 小标宋, itself a heavy face (B1 reports the substitution).
BOLD = re.compile(r"bold|-bd\b|italic|oblique", re.I)


def numbered_body(text: str, faces: set[str | None]) -> bool:
    """A numbered paragraph set in one face throughout is a numbered body paragraph (通告 事项,
    FORMAT.md: a plain-string item, 一、到正规超市……。), not a heading with a run-in lead: when it
    runs past its first sentence, or is one whole sentence in the body face. A real run-in lead
    differs in face from the text after it; a standalone heading ends without 。."""
    text = text.rstrip()
    if len(faces) != 1:
        return False
    end = lead_end(text)
    if 0 < end < len(text):
        return True
    face = next(iter(faces))
    return face is not None and text.endswith(("。", "！", "？")) \
        and FONT_ACCEPT["正文"].search(face)


def has_cjk(text: str) -> bool:
    """True when the text has a character East Asian fonts draw (CJK, full-width punctuation)."""
    return any(ord(ch) > 0x2E7F for ch in text)


def units(text: str) -> float:
    """Width in 3号 character units: full-width 1, ASCII 0.5 (spec §2.5)."""
    return sum(L.char_width(ch) for ch in text if not ch.isspace() or ch == "\u3000")
