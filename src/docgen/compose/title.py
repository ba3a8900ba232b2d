"""Title line breaking (spec §5.3): between words, trapezoid or diamond, never an hourglass.

One implementation for every writer: the composer stores the chosen lines in the tree.
"""

from __future__ import annotations

import itertools
import logging
from functools import lru_cache

from ..layout import NO_LINE_END, NO_LINE_START, TITLE_MAX_CHARS, text_width

# Words of the field jieba's dictionary splits but a title must keep whole.
_TERMS = ("新冠肺炎", "疫情防控", "领导小组", "工作方案", "实施方案", "工作计划", "工作总结",
          "机关事务管理局", "指挥部", "爱国卫生运动", "秋冬季", "春节期间", "常态化", "新型冠状病毒感染的肺炎",
          "新型冠状病毒")
_HARD_MAX = 20  # 442 pt type area / 22 pt characters


@lru_cache(maxsize=1)
def _tokenizer():
    import jieba

    jieba.setLogLevel(logging.WARNING)
    tk = jieba.Tokenizer()
    for term in _TERMS:
        tk.add_word(term, freq=10**6)
    return tk


def _words(title: str) -> list[str]:
    words = list(_tokenizer().cut(title, HMM=True))
    merged: list[str] = []
    for w in words:  # keep punctuation attached to the word it belongs to
        if merged and (w[0] in NO_LINE_START or merged[-1][-1] in NO_LINE_END):
            merged[-1] += w
        else:
            merged.append(w)
    return merged


def _cost(lines: list[str]) -> float:
    widths = [text_width(s) for s in lines]
    if max(widths) > _HARD_MAX or min(widths) < 2:
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


def break_title(title: str, max_chars: int = TITLE_MAX_CHARS) -> tuple[str, ...]:
    """Lines of a title; a title that fits in one line stays whole."""
    title = title.strip()
    if text_width(title) <= max_chars:
        return (title,)
    words = _words(title)
    best: tuple[float, tuple[str, ...]] = (float("inf"), (title,))
    for n_lines in (2, 3, 4):
        for cuts in itertools.combinations(range(1, len(words)), n_lines - 1):
            bounds = (0, *cuts, len(words))
            lines = ["".join(words[a:b]) for a, b in itertools.pairwise(bounds)]
            cost = _cost(lines) + (n_lines - 2) * 4  # fewer lines when they fit
            if cost < best[0]:
                best = (cost, tuple(lines))
        if best[0] < float("inf"):
            break
    return best[1]
