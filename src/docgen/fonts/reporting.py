"""`docgen fonts`: a Chinese table of the face each role uses, the faces an office 模板 asks
for, and what is missing or substituted."""

from __future__ import annotations

from pathlib import Path

from ..document import FACE_SLOTS, Fonts, Role
from .cache import cache_dir
from .roles import RoleFont, resolve

# Fonts attribute of a role an office's 样式.docx may set → the style's name as Word shows it
STYLE_OF_ROLE = {"body": ("公文正文", Role.BODY), "title": ("公文标题", Role.TITLE),
                 "page_no": ("公文页码（页脚）", Role.PAGE_NO)}
# Fonts attribute of an element with a style of its own → the style's name as Word shows it
STYLE_OF_ELEMENT = {"colophon": "公文版记", "attach_label": "公文附件标签"}


def _file(rf: RoleFont) -> str:
    return str(rf.face.path) + (f"#{rf.face.index}" if rf.face.label.endswith(f"#{rf.face.index}") else "")


def _source(rf: RoleFont) -> str:
    return rf.origin + ("（替代）" if rf.substituted else "")


def _table(rows: list[tuple[str, str, str, str]]) -> list[str]:
    def w(s: str) -> int:
        return sum(2 if ord(c) > 0x2E7F else 1 for c in s)

    widths = [max(w(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(c + " " * (widths[i] - w(c)) for i, c in enumerate(r)).rstrip() for r in rows]
    lines.insert(1, "-" * min(100, sum(widths) + 6))
    return lines


def report(project_dir: Path | str = ".", fonts: Fonts | None = None,
           template_dir: str | None = None) -> str:
    """A Chinese table: role → wanted font → file used, and what is missing. With the project's
    模板 folder, a second table: each face its 样式.docx asks for and the file drawing it."""
    fs = resolve(project_dir, fonts)
    fonts = fonts or Fonts()
    rows = [("角色", "需要的字体", "使用的字体文件", "来源")]
    for role in Role:
        rf = fs.roles.get(role)
        if rf is None:
            rows.append((role.value, fonts.for_role(role), "（缺失）", "—"))
        else:
            rows.append((role.value, rf.wanted, _file(rf), _source(rf)))
    for f in fs.fallbacks:
        rows.append(("后备", "罕用字", f"{f.face.path}#{f.face.index}", "生僻字后备"))
    lines = _table(rows)
    subs = [f"{rf.role.value}：{rf.wanted}" for rf in fs.roles.values() if rf.substituted]
    if template_dir:
        lines += ["", *_template_lines(fs, fonts, template_dir)]
        subs += [f"{FACE_SLOTS[slot][1]}（模板样式）：{rf.wanted}"
                 for slot, rf in fs.own.items() if rf.substituted]
    missing = [f"{r.value}：{n}" for r, n in fs.missing.items()]
    if subs:
        lines.append("")
        lines.append("未找到（已用替代字体）：" + "；".join(subs))
        lines.append(f"把有授权的字体文件放进 {Path(project_dir) / 'fonts'}/ 即可使用正式字体。")
    if missing:
        lines.append("缺失且无替代：" + "；".join(missing))
    lines.append(f"字体缓存：{cache_dir()}")
    return "\n".join(lines)


def _template_lines(fs, fonts: Fonts, template_dir: str) -> list[str]:
    """The faces the 模板's 样式.docx chose (office_template reads them as build does): per
    style the face, the file the PDF draws it with and where that file came from."""
    from ..office_template import style_faces

    faces = style_faces(template_dir)
    styles = Path(template_dir) / "样式.docx"
    if not faces.roles and not faces.headings and not faces.elements:
        what = "另选字体" if styles.is_file() else "样式.docx"
        return [f"模板 {template_dir} 没有{what}：各样式用上表角色的字体。"]
    rows = [("模板样式", "需要的字体", "使用的字体文件", "来源")]
    for attr, face in faces.roles:
        name, role = STYLE_OF_ROLE[attr]
        rf = fs.roles.get(role)
        if getattr(fonts, attr) != face:  # docgen.yaml 字体 set the role itself: it wins
            rows.append((name, face, f"（未采用：docgen.yaml 字体 写了 {getattr(fonts, attr)}）", "—"))
        elif rf is None:
            rows.append((name, face, "（缺失）", "—"))
        else:
            rows.append((name, face, _file(rf), _source(rf)))
    # heading levels and elements with a style of their own: both are FontSet.own slots
    own = [(f"heading {level}", f"h{level}", face)
           for level, face in enumerate(faces.headings, 1) if face]
    own += [(STYLE_OF_ELEMENT[attr], attr, face) for attr, face in faces.elements]
    for style, slot, face in own:
        rf = fs.own.get(slot)
        label = f"{style}（{FACE_SLOTS[slot][1]}）"
        rows.append((label, face, _file(rf), _source(rf)) if rf else (label, face, "（缺失）", "—"))
    return [f"模板 {styles} 要求的字体：", *_table(rows)]
