"""Characters a plan must not contain, found with the line and column an editor shows.

Control characters print as boxes or vanish; U+2028/U+2029/U+0085 are line breaks to YAML
but not to most editors (every line number after them would be off); bidi controls reorder
text in Word and can make a unit's file name read as something else. All of them are
mistakes of copy and paste, so each is an error naming the character, its place and the fix.
"""

from __future__ import annotations

import re
import unicodedata

from ..errors import Loc, Problem

# Line breaks as editors count them (YAML would also break at U+0085, U+2028, U+2029).
LINE_BREAK = re.compile(r"\r\n|\r|\n")

_CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_SEPARATORS = "\u2028\u2029"
_BIDI = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
_INVISIBLE = "\u200b-\u200d\u2060\ufeff"
_NONCHARS = "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
FORBIDDEN = re.compile(f"[{_CONTROLS}{_SEPARATORS}{_BIDI}{_INVISIBLE}{_NONCHARS}]")
# The same characters plus tab, CR and LF: what may not stand in a one-line value such as
# a unit's 名称 that becomes a file name.
FORBIDDEN_IN_NAME = re.compile(f"[\t\r\n{FORBIDDEN.pattern[1:-1]}]")

_BIDI_SET = re.compile(f"[{_BIDI}]")
_SEPARATOR_SET = re.compile(f"[{_SEPARATORS}\x85]")


def describe(ch: str) -> str:
    """What the character is and how to get rid of it, in Chinese."""
    code = f"U+{ord(ch):04X}"
    name = unicodedata.name(ch, "")
    named = f"{code}（{name}）" if name else code
    if _BIDI_SET.match(ch):
        return (f"文字里有双向文字控制符 {named}：它看不见，却会让 Word 里的文字倒序显示，"
                "或让文件名看起来像别的名字。请删去它（在编辑器里用查找、替换，"
                f"按正则表达式搜索 \\u{ord(ch):04x}，替换为空）。")
    if _SEPARATOR_SET.match(ch):
        return (f"文字里有特殊的换行符 {named}：YAML 把它当作换行，大多数编辑器却不，"
                "行号因此对不上。请删去它，需要换行就直接按回车。")
    return (f"文字里有看不见的特殊字符 {named}，打印时会变成方框或消失："
            "请删去它（常见于从网页或 Word 复制的文字；编辑器里可用查找、替换，"
            f"按正则表达式搜索 \\u{ord(ch):04x}，替换为空）。")


def find(text: str, file: str, limit: int = 20) -> list[Problem]:
    """Each forbidden character with its line and column (lines split as editors split them);
    at most `limit` problems, the last one saying how many more there are."""
    out: list[Problem] = []
    total = 0
    if not FORBIDDEN.search(text):
        return out
    for line_no, line in enumerate(LINE_BREAK.split(text), 1):
        for hit in FORBIDDEN.finditer(line):
            total += 1
            if len(out) < limit:
                out.append(Problem(describe(hit.group(0)), Loc(file, line_no, hit.start() + 1)))
    if total > len(out):
        last = out[-1]
        out[-1] = Problem(f"{last.message}（同类字符还有 {total - len(out)} 处未列出。）", last.loc)
    return out


def strip(text: str) -> str:
    """The text without forbidden characters, so the rest can still be checked."""
    return FORBIDDEN.sub("", text)


def visible(text: str) -> str:
    """Text safe to show in a message: each forbidden character (and tab, CR, LF) written as
    \\uXXXX, so a terminal or a page cannot be made to reorder or hide what follows."""
    return FORBIDDEN_IN_NAME.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
