"""署名 and 成文日期 geometry (spec B6–B8, §5.2), in pt from the 版心's edges.

Positions that the standard ties to the 署名's first character (unsealed: the date starts 2
characters right of it) are left edges: a client that widens digits (LibreOffice adds space
between hanzi and digits) then moves only the date's end, never its start. Positions tied to
the right edge (sealed: the date ends 4 characters in) are right edges for the same reason.
The 署名 is all hanzi, so its width is the same in every client.
"""

from __future__ import annotations

from .. import standard as S
from ..document import Signature
from .model import SigLine, SignatureBlock

C = S.CHAR_ADVANCE_PT  # a character as drawn: widths of text, shifts along a line of text
EM = S.BODY_PT  # the standard's 字 in indents (右空二字 = 32 pt = 640 twips, spec §5.2)


def width_pt(text: str) -> float:
    """Drawn width of 3号 text on the grid: hanzi one condensed character, ASCII half."""
    return S.text_width(text) * C


def _boundaries(text: str) -> int:
    """Places where a hanzi meets a half-width character (2022|年|10|月|8|日 has 5)."""
    wide = [S.char_width(ch) == 1 for ch in text]
    return sum(1 for a, b in zip(wide, wide[1:], strict=False) if a != b)


def centring_width_pt(text: str) -> float:
    """Width used to centre on a date: midway between clients that add a quarter character
    between hanzi and digits (LibreOffice, whatever autoSpaceDE says) and those that do not
    (Word, WeasyPrint), so the centring error stays under a quarter character in all."""
    return width_pt(text) + _boundaries(text) * S.AUTOSPACE_EM / 2 * S.BODY_PT


def unsealed(orgs: tuple[str, ...], date: str, blank: int) -> list[SigLine]:
    """B7: each 署名 right-indented 2 characters, stacked (joint: host first); the date's first
    character 2 characters right of the (longest) 署名's first character; a date longer than
    that room ends 2 characters in and the 署名 moves left with it."""
    right = S.SIG_UNSEALED_RIGHT_C * EM
    shift = S.SIG_DATE_SHIFT_C * C
    widest = max((width_pt(o) for o in orgs), default=0.0)
    start = S.BODY_W_PT - right - widest  # the longest 署名's first character
    date_x = start + shift
    if date and date_x + width_pt(date) > S.BODY_W_PT - right:
        date_x = S.BODY_W_PT - right - width_pt(date)
        start = date_x - shift
    lines = []
    for i, org in enumerate(orgs):
        x = start + (widest - width_pt(org))  # each 署名 ends at the same place
        lines.append(SigLine(org, "left", round(x, 2), blank if i == 0 else 0, kind="org"))
    if date:
        lines.append(SigLine(date, "left", round(date_x, 2), 0 if orgs else blank, kind="date"))
    return lines


def sealed(orgs: tuple[str, ...], date: str, blank: int) -> list[SigLine]:
    """B6: the date ends 4 characters in; the 署名 centred on the date (never past the edge).
    Joint documents (§7.3.5.1): the 署名 in rows under their seals, see `seal_rows`."""
    right = S.SIG_SEALED_RIGHT_C * EM
    w_date = centring_width_pt(date)
    if len(orgs) > 1:
        lines = seal_rows(orgs, S.BODY_W_PT - right - w_date / 2, blank)
    else:
        lines = [SigLine(org, "right", round(max(0.0, right + (w_date - width_pt(org)) / 2), 2),
                         blank, kind="org") for org in orgs]
    if date:
        lines.append(SigLine(date, "right", round(right, 2), 0 if orgs else blank, kind="date"))
    return lines


def seal_rows(orgs: tuple[str, ...], last_centre: float, blank: int) -> list[SigLine]:
    """§7.3.5.1: one seal per 署名, in issuing order left to right and top to bottom, each
    署名 centred under its seal; seals aligned in columns that never touch (a seal and a gap
    apart, wider for long names) and stay inside the 版心, three a row at most (two when a
    third does not fit), rows balanced (4 → 2 + 2, 5 → 3 + 2) and right-aligned so that the
    last 署名 — under the seal that also covers the date — is centred on the date. Rows are
    `SEAL_ROW_BLANK_LINES` blank lines apart, so seals of two rows never meet either."""
    seal = S.SEAL_DIAMETER_MM * S.MM_PT
    widest = max(width_pt(o) for o in orgs)
    pitch = max(seal + S.SEAL_GAP_MM * S.MM_PT, widest + 2 * C)
    reach = max(seal, widest) / 2  # a column's extent either side of its centre
    per = next((k for k in range(min(S.SEALS_PER_ROW_MAX, len(orgs)), 1, -1)
                if last_centre - (k - 1) * pitch - reach >= 0), 1)
    rows = -(-len(orgs) // per)
    sizes = [len(orgs) // rows + (1 if i < len(orgs) % rows else 0) for i in range(rows)]
    lines, at = [], 0
    for r, size in enumerate(sizes):
        names = orgs[at:at + size]
        at += size
        before = blank if r == 0 else S.SEAL_ROW_BLANK_LINES
        if size == 1:
            x = max(0.0, S.BODY_W_PT - last_centre - width_pt(names[0]) / 2)
            lines.append(SigLine(names[0], "right", round(x, 2), before, kind="org"))
            continue
        cells = tuple((name, round(last_centre - (size - 1 - j) * pitch, 2))
                      for j, name in enumerate(names))
        lines.append(SigLine("\u3000".join(names), "left", 0.0, before, kind="org",
                             cells=cells))
    return lines


def signed(signer: tuple[str, str], date: str, blank: int) -> list[SigLine]:
    """B8 (签名章): the 签发人's name where the stamp goes, ending 4 characters in, the title of
    office 2 characters left of it; the date one blank line below, 4 characters in."""
    title, name = signer
    right = S.SIG_SEALED_RIGHT_C * EM
    text = title + "\u3000" * S.SIG_TITLE_GAP_C + name if title else name
    lines = [SigLine(text, "right", round(right, 2), blank, kind="signer")]
    if date:
        lines.append(SigLine(date, "right", round(right, 2), 1, kind="date"))
    return lines


def signature_block(sig: Signature) -> SignatureBlock:
    """The placed lines of one Signature."""
    mode = "signed" if sig.signer is not None else "sealed" if sig.sealed else "unsealed"
    blank = S.SIGNATURE_BLANK_LINES_BY_MODE[mode]
    if mode == "signed":
        lines = signed(sig.signer, sig.date, blank)
    elif mode == "sealed":
        lines = sealed(sig.orgs, sig.date, blank)
    else:
        lines = unsealed(sig.orgs, sig.date, blank)
    return SignatureBlock(tuple(lines), mode)
