"""Sections → paragraphs: numbering by depth, run-in headings, 列举, 领导小组, measures."""

from __future__ import annotations

from collections.abc import Callable

from .. import prose
from ..document import Block, Kind, Paragraph, Role, Run, Table
from ..errors import DocgenError, Loc
from ..model.common import MEASURE_FIELDS, LeadingGroup, Person, Section
from ..standard import HEADING_ROLE, text_width
from .numbering import HEADING_NUMBER, list_markers

RUN_IN_ENDINGS = ("。", "！", "？", "：")
LocFor = Callable[[tuple], Loc | None]


def parse(text: str, loc: Loc | None = None, role: Role | None = None) -> list[tuple[Run, ...]]:
    """Prose (Markdown) → paragraphs of runs; the model refused what a 公文 cannot hold."""
    try:
        return prose.parse(text, role)
    except prose.ProseError as exc:  # text composed from several checked pieces
        raise DocgenError(str(exc), loc) from None


def runs(text: str, role: Role | None = None) -> tuple[Run, ...]:
    """One paragraph's runs: **bold** and *italic* from the Markdown, the rest plain."""
    return tuple(r for para in parse(text, role=role) for r in para)


def paragraphs(text: str) -> list[str]:
    """Prose split on blank lines, emphasis markers removed (for table cells and names)."""
    return ["".join(r.text for r in para) for para in parse(text)]


def _join_lines(text: str) -> str:
    return prose.join_lines(text)


def body(text: str, loc: Loc | None = None) -> list[Paragraph]:
    return [Paragraph(Kind.BODY, rs, loc=loc) for rs in parse(text, loc)]


def _role(level: int) -> Role | None:
    role = HEADING_ROLE[level]
    return None if role == "正文" else Role(role)


def compose_sections(items: list[Section], level: int, loc_for: LocFor, path: tuple,
                     start: int = 1) -> list[Block]:
    """Number the items of one list at `level` (1–4) and lay out each one."""
    out: list[Block] = []
    number = start
    for i, sec in enumerate(items):
        here = (*path, i)
        if sec.plain is not None:
            label = HEADING_NUMBER[level](number)
            number += 1
            paras = parse(sec.plain, loc_for(here))
            first = paras[0] if paras else ()
            out.append(Paragraph(Kind.BODY, (Run(label), *first), level=level, loc=loc_for(here)))
            out += [Paragraph(Kind.BODY, rs, loc=loc_for(here)) for rs in paras[1:]]
            continue
        out += compose_section(sec, level, number if sec.title else None, loc_for, here)
        if sec.title:
            number += 1
    return out


def compose_section(sec: Section, level: int, number: int | None, loc_for: LocFor,
                    path: tuple) -> list[Block]:
    out: list[Block] = []
    content = parse(sec.content, loc_for((*path, "内容")))
    loc = loc_for(path)
    titled = sec.title is not None and number is not None
    run_in = titled and sec.title.strip().endswith(RUN_IN_ENDINGS)
    # 标题。一是……二是……: a run-in title with no 内容 takes a one-paragraph enumeration.
    points_in_title = run_in and bool(sec.points) and sec.points_mode == "一段" and not content
    if points_in_title:
        content = [runs("".join(enumeration_texts(sec.points, sec.points_marker)))]
    if titled:
        label = HEADING_NUMBER[level](number) + sec.title.strip()
        title_loc = loc_for((*path, "标题"))
        if run_in:
            first = content.pop(0) if content else ()
            out.append(Paragraph(Kind.BODY, (Run(label, _role(level)), *first),
                                 level=level, loc=title_loc))
        else:
            out.append(Paragraph(Kind.HEADING, (Run(label, _role(level)),), level=level,
                                 loc=title_loc))
    out += [Paragraph(Kind.BODY, rs, loc=loc_for((*path, "内容"))) for rs in content]
    if sec.group:
        out += leading_group(sec.group, loc_for((*path, "领导小组")))
    if sec.points and not points_in_title:
        texts = enumeration_texts(sec.points, sec.points_marker)
        if sec.points_mode == "一段":
            texts = ["".join(texts)]
        out += [Paragraph(Kind.BODY, runs(t), loc=loc_for((*path, "列举"))) for t in texts]
    if sec.table and sec.table.rows:
        out.append(Table(tuple(tuple(r) for r in sec.table.rows), loc=loc_for((*path, "表格"))))
    for label, value in sec.measures():
        out.append(Paragraph(Kind.BODY, (Run(f"{label}：{value}"),), loc=loc))
    if sec.items:
        if level >= 4:
            raise ValueError("nesting deeper than four levels is rejected by the loader")
        out += compose_sections(sec.items, level + 1, loc_for, (*path, "条目"))
    if sec.ending:
        out += body(sec.ending, loc_for((*path, "结尾")))
    return out


def enumeration_texts(points: list[str], marker: str) -> list[str]:
    """Each point behind its marker: 一是……, 二是……; joined into one paragraph by default."""
    texts = [_join_lines(p) for p in points]
    return [m + t for m, t in zip(list_markers(marker, len(texts)), texts, strict=True)]


# --- 领导小组 ---------------------------------------------------------------------------

def pad_label(label: str, width: int) -> str:
    """Spread a role label to `width` characters with full-width spaces: 组　　长, 副　组　长."""
    n = len(label)
    if n >= width or n < 2:
        return label
    spaces, gaps = width - n, n - 1
    out = label[0]
    for i, ch in enumerate(label[1:]):
        out += "\u3000" * (spaces // gaps + (1 if i < spaces % gaps else 0)) + ch
    return out


def person_text(p: Person) -> str:
    """姓名（职务）; a two-character name is padded to line up with three-character ones."""
    name = p.name
    if len(name) == 2 and all("\u4e00" <= c <= "\u9fff" for c in name) and p.post:
        name = name[0] + "\u3000" + name[1]
    return f"{name}（{p.post}）" if p.post else name


def leading_group(group: LeadingGroup, loc: Loc | None) -> list[Paragraph]:
    """One line per role, labels aligned to the longest label (see docs/decisions.md)."""
    roles = group.roles()
    out: list[Paragraph] = []
    if not roles:
        return out
    width = max(len(r) for r, _ in roles)
    for role, people in roles:
        label = pad_label(role, width) + "："
        names = [person_text(p) for p in people]
        if group.arrangement == "分行":
            out.append(Paragraph(Kind.BODY, (Run(label + names[0]),), loc=loc))
            indent = "\u3000" * int(text_width(label))
            out += [Paragraph(Kind.BODY, (Run(indent + n),), loc=loc) for n in names[1:]]
        else:
            out.append(Paragraph(Kind.BODY, (Run(label + "、".join(names)),), loc=loc))
    if group.duties:
        clauses = [d.strip().rstrip("；;。，,") for d in group.duties if d.strip()]
        out.append(Paragraph(Kind.BODY, runs("；".join(clauses) + "。"), loc=loc))
    office = group.office
    if office:
        if office.text:
            out += body(office.text, loc)
        elif office.location:
            text = f"领导小组下设办公室，办公室设在{office.location}"
            text += f"，{office.director}任办公室主任" if office.director else ""
            out.append(Paragraph(Kind.BODY, (Run(text + "，负责日常工作。"),), loc=loc))
    return out


# --- 任务分解 -----------------------------------------------------------------------------

def task_table(sections: list[Section]) -> Table:
    """序号, 工作任务, then one column per measure field any measure uses (FORMAT.md)."""
    found: list[Section] = []

    def walk(items: list[Section]) -> None:
        for s in items:
            if any(getattr(s, f) is not None for f in MEASURE_FIELDS):
                found.append(s)
            walk(s.items)

    walk(sections)
    fields = [f for f in MEASURE_FIELDS if any(getattr(s, f) is not None for s in found)]
    rows = [("序号", "工作任务", *fields)]
    for n, s in enumerate(found, 1):
        task = (s.title or s.plain or next(iter(paragraphs(s.content)), "")).strip().rstrip("。")
        rows.append((str(n), task, *(getattr(s, f) or "" for f in fields)))
    widths = (1, 6, *(3 for _ in fields)) if fields else None
    return Table(tuple(rows), widths=widths)
