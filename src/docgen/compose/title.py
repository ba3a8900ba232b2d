"""Title line breaking (spec §5.3): between words, trapezoid or diamond, never an hourglass.

One implementation for every writer: the composer stores the chosen lines in the tree.

Words come from jieba's dictionary, pruned to the frequent GB2312 words and the field's terms
(tools/prune_title_dict.py writes title_words.txt), and segmented the way jieba does without
its HMM: the most probable path through the word graph. Loading jieba and its full dictionary
cost ~1.7 s of a cold build for one title; this list loads in tens of milliseconds.
Never broken: a word, a number with its measure word (2023年), or a quotation in 《》, “”, ‘’ or （） that fits on a line.
"""

from __future__ import annotations

import itertools
import math
import re
from functools import lru_cache
from importlib import resources

from ..standard import NO_LINE_END, NO_LINE_START, TITLE_MAX_CHARS, text_width

# Words of the field a title must keep whole; jieba's dictionary lacks or splits them.
TERMS = ("新冠肺炎", "疫情防控", "领导小组", "工作方案", "实施方案", "工作计划", "工作总结",
         "工作要点", "工作报告", "工作意见", "指导意见", "管理办法", "实施细则", "安全生产",
         "应急管理", "应急预案", "专项整治", "专项行动", "机关事务管理局", "指挥部",
         "爱国卫生运动", "秋冬季", "春节期间", "常态化", "新型冠状病毒感染的肺炎", "新型冠状病毒",
         "防汛抗旱", "森林防火", "烟花爆竹", "消防安全", "食品安全", "安全隐患", "排查整治",
         "乡村振兴", "营商环境", "党风廉政建设", "意识形态", "主题教育", "扫黑除恶",
         "文明城市", "人居环境", "垃圾分类", "河长制", "林长制", "网格化", "高质量发展")
TERM_FREQ = 10**6
_HARD_MAX = 20  # 442 pt type area / 22 pt characters
# Latin and digits in a title line are measured at the widest advance of the faces that draw
# titles (Noto Serif CJK Black, docgen's free 小标宋 stand-in: digits 0.614 em, A–Z up to
# 1.11 em; Regular: 0.56 / 1.05), not at half a character: "《…2020年…方案》" measured at 0.5 em
# fitted exactly and WeasyPrint wrapped it inside 《》 while Word kept it (issue 9).
_DRAWN_EM = {**dict.fromkeys("0123456789", 0.62),
             **dict.fromkeys("ABCDEFGHIJKLMNOPQRSTUVWXYZ", 1.12),
             **dict.fromkeys("abcdefghijklmnopqrstuvwxyz", 0.92)}


def drawn_width(s: str) -> float:
    """A title line's width in 2号 characters as the widest title face draws it."""
    return sum(1.0 if text_width(ch) == 1 else _DRAWN_EM.get(ch, 0.62) for ch in s)


# Two single characters side by side are often a word the list lacks (缓报, 管控): break
# elsewhere when the shape allows. jieba's HMM glued such pairs; this costs nothing to load.
_SPLIT_SINGLES = 3.0
_FUNCTION_CHARS = set("的和与及或在为对把将以等了有是从向于由被给使并而其各每该本此之所由至")
_PAIRS = {"《": "》", "“": "”", "‘": "’", "（": "）", "(": ")", "〈": "〉", "【": "】"}
_ALNUM = re.compile(r"[A-Za-z0-9.%]+")
# A number keeps the measure word after it: 2023年, 2023年度, 3个月 (GB/T 15835 keeps them together).
_UNITS = ("年度", "周年", "季度", "年", "月", "日", "号", "届", "期", "批", "次", "个", "项", "件",
          "家", "万", "亿", "元", "天", "周", "人", "所", "条")


@lru_cache(maxsize=1)
def _dictionary() -> tuple[str, int, int, float]:
    """The word list as one text of sorted "word<TAB>frequency" lines, where its first word line
    starts, the longest word's length and log(total).

    Searched in place by bisection: reading the file is all the loading there is (splitting
    100 000 lines into a list or a dict would cost an object per word at every cold start)."""
    text = resources.files(__package__).joinpath("title_words.txt").read_text("utf-8")
    head = text[: text.index("\n")].split()  # "# total N longest M"
    return text, text.index("\n") + 1, int(head[4]), math.log(int(head[2]))


def _first_at_or_after(text: str, lo: int, key: str) -> int:
    """Start of the first line of the sorted `text` (from `lo`) that is >= key."""
    hi = len(text)
    while lo < hi:
        mid = (lo + hi) // 2
        start = text.rfind("\n", lo, mid) + 1 or lo
        end = text.find("\n", start)
        if text[start:end] < key:
            lo = end + 1
        else:
            hi = start
    return lo


def segment(text: str) -> list[str]:
    """Words of `text`: jieba's most probable path (no HMM); digits and Latin stay together."""
    words_text, body, longest, log_total = _dictionary()
    n = len(text)
    route: list[tuple[float, int]] = [(0.0, n)] * (n + 1)
    for i in range(n - 1, -1, -1):
        best: tuple[float, int] | None = None
        for j in range(i + 1, min(n, i + longest) + 1):
            frag = text[i:j]
            at = _first_at_or_after(words_text, body, frag)
            if not words_text.startswith(frag, at):
                break  # no word starts with frag: none longer either
            if words_text.startswith(frag + "\t", at):
                logp = math.log(int(words_text[at + len(frag) + 1:words_text.index("\n", at)]))
                if best is None or logp - log_total + route[j][0] >= best[0]:
                    best = (logp - log_total + route[j][0], j)
        route[i] = best or (route[i + 1][0] - log_total, i + 1)  # unknown: frequency 1
    words: list[str] = []
    i = 0
    while i < n:
        j = route[i][1]
        m = _ALNUM.match(text, i)
        if m and j == i + 1:  # a run of digits/Latin is one word
            j = m.end()
        words.append(text[i:j])
        i = j
    return words


def _quotes(words: list[str]) -> list[str]:
    """Join each 《…》, “…” (and similar) that fits on one line into one unbreakable word."""
    out: list[str] = []
    i = 0
    while i < len(words):
        w = words[i]
        close = _PAIRS.get(w[-1]) if w else None
        end = next((j for j in range(i + 1, len(words)) if close and close in words[j]), None)
        if end is not None and drawn_width(joined := "".join(words[i:end + 1])) <= _HARD_MAX:
            out.append(joined)
            i = end + 1
        else:
            out.append(w)
            i += 1
    return out


def _single(word: str) -> bool:
    """A lone content character: likely part of a word the list lacks (理发室, 缓报)."""
    return len(word) == 1 and "\u4e00" <= word <= "\u9fff" and word not in _FUNCTION_CHARS


def _words(title: str) -> list[str]:
    merged: list[str] = []
    for w in _quotes(segment(title)):  # keep punctuation attached to the word it belongs to
        after_number = merged and merged[-1][-1].isdigit() and w.startswith(_UNITS)
        if merged and (w[0] in NO_LINE_START or merged[-1][-1] in NO_LINE_END or after_number):
            merged[-1] += w
        else:
            merged.append(w)
    return merged


def _cost(lines: list[str]) -> float:
    widths = [text_width(s) for s in lines]
    if max(drawn_width(s) for s in lines) > _HARD_MAX or min(widths) < 2:
        return float("inf")
    if len(widths) == 3 and widths[1] < widths[0] and widths[1] < widths[2]:
        return float("inf")  # hourglass
    cost = max(widths) - min(widths)
    if len(widths) == 3 and not (widths[0] >= widths[1] >= widths[2]):
        cost += 0.5 if widths[1] >= max(widths[0], widths[2]) else 2  # diamond is fine
    for line in lines[1:]:
        if line.startswith("关于"):
            cost -= 2  # 关于 opens the subject: the classic break point
        if line.startswith("的"):
            cost += 10
    for line in lines[:-1]:
        if line.endswith("的"):
            cost += 3
    return cost


_MAX_LINES = 4
_MAX_WORDS = 60  # C(59, 3) cuts ≈ 0.3 s; real titles have far fewer words


def _greedy(words: list[str]) -> tuple[str, ...]:
    """Words packed into lines of at most _HARD_MAX (a title too long for any good shape)."""
    lines: list[str] = []
    for w in words:
        if lines and drawn_width(lines[-1] + w) <= _HARD_MAX:
            lines[-1] += w
        else:
            lines.append(w)
    return tuple(lines)


def break_title(title: str, max_chars: int = TITLE_MAX_CHARS) -> tuple[str, ...]:
    """Lines of a title; a title that fits in one line stays whole."""
    title = title.strip()
    if text_width(title) <= max_chars and drawn_width(title) <= _HARD_MAX:
        return (title,)
    words = _words(title)
    if text_width(title) > _MAX_LINES * _HARD_MAX or len(words) > _MAX_WORDS:
        return _greedy(words)  # no shape fits, or C(words, 3) cuts would take minutes
    best: tuple[float, tuple[str, ...]] = (float("inf"), (title,))
    for n_lines in range(2, _MAX_LINES + 1):
        for cuts in itertools.combinations(range(1, len(words)), n_lines - 1):
            bounds = (0, *cuts, len(words))
            lines = ["".join(words[a:b]) for a, b in itertools.pairwise(bounds)]
            cost = _cost(lines) + (n_lines - 2) * 4  # fewer lines when they fit
            cost += sum(_SPLIT_SINGLES for c in cuts if _single(words[c - 1]) or _single(words[c]))
            if cost < best[0]:
                best = (cost, tuple(lines))
        if best[0] < float("inf"):
            break
    return best[1]
