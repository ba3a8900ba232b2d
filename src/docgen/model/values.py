"""Checks of single values (dates, 发文字号, heading text) with messages that say the fix."""

from __future__ import annotations

import datetime as dt
import re

from .base import fail

PENDING = "待定"
_ISO = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_CN = re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")


def parse_date(text: str) -> dt.date | None:
    """2022-10-08 or 2022年10月8日 → date; 待定 → None. Raises a Chinese error otherwise."""
    text = text.strip()
    if text == PENDING:
        return None
    m = _ISO.match(text) or _CN.match(text)
    if not m:
        raise fail(f"日期“{text}”的格式不对：请写成 2022-10-08（年-月-日），草稿可写“待定”。")
    y, mo, d = (int(g) for g in m.groups())
    if not 1 <= mo <= 12:
        raise fail(f"日期“{text}”不存在：月份只能是 1 到 12。")
    try:
        return dt.date(y, mo, d)
    except ValueError:
        raise fail(f"日期“{text}”不存在：{y}年{mo}月没有{d}日。") from None


def check_date(text: str) -> str:
    parse_date(text)
    return text.strip()


_DOCNO = re.compile(r"^[\u4e00-\u9fff]+〔\d{4}〕[1-9]\d*号$")


def check_doc_number(text: str) -> str:
    """发文字号: 机关代字〔2022〕15号 — full year in 〔〕, no leading zero, no 第, ends in 号."""
    t = text.strip()
    if _DOCNO.match(t):
        return t
    example = "如：某机管〔2022〕15号"
    if re.search(r"[\[【（(]\s*\d{2,4}\s*[\]】）)]", t):
        raise fail(f"发文字号“{t}”的年份要用六角括号〔〕，不用 [ ]、【】或（），{example}。")
    m = re.search(r"〔(\d*)〕", t)
    if not m:
        raise fail(f"发文字号“{t}”缺少用六角括号〔〕括起的年份，{example}。")
    if len(m.group(1)) != 4:
        raise fail(f"发文字号“{t}”的年份要写全四位（〔2022〕，不写〔22〕），{example}。")
    rest = t[m.end():]
    if rest.startswith("第"):
        raise fail(f"发文字号“{t}”的序号前不加“第”，{example}。")
    if not rest.endswith("号"):
        raise fail(f"发文字号“{t}”要以“号”结尾，{example}。")
    if re.match(r"0\d*", rest):
        raise fail(f"发文字号“{t}”的序号不编虚位（不写 015 或 0），{example}。")
    raise fail(f"发文字号“{t}”的格式不对：应为 机关代字〔年份〕序号号，{example}。")


_OWN_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十百]+[、，.．]|[（(][一二三四五六七八九十百]+[）)]"
    r"|\d+[.．、](?!\d)|[（(]\d+[）)]|\d+[)）]|第[一二三四五六七八九十]+[，、是])"
)


def check_heading(text: str) -> str:
    """Writers never type numbers: docgen numbers headings by depth."""
    m = _OWN_NUMBER.match(text)
    if m:
        own = m.group(0).strip()
        raise fail(f"标题不要自己写编号“{own}”：docgen 按层级自动编号（一、（一）1.（1））。"
                   f"请删去“{own}”。")
    return text
