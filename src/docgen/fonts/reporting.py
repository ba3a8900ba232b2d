"""`docgen fonts`: a Chinese table of the face each role uses, and what is missing."""

from __future__ import annotations

from pathlib import Path

from ..document import Fonts, Role
from .cache import cache_dir
from .roles import resolve


def report(project_dir: Path | str = ".", fonts: Fonts | None = None) -> str:
    """A Chinese table: role → wanted font → file used, and what is missing."""
    fs = resolve(project_dir, fonts)
    fonts = fonts or Fonts()
    rows = [("角色", "需要的字体", "使用的字体文件", "来源")]
    for role in Role:
        rf = fs.roles.get(role)
        if rf is None:
            rows.append((role.value, fonts.for_role(role), "（缺失）", "—"))
        else:
            rows.append((role.value, rf.wanted, str(rf.face.path) + (f"#{rf.face.index}"
                         if rf.face.label.endswith(f"#{rf.face.index}") else ""),
                         rf.origin + ("（替代）" if rf.substituted else "")))
    for f in fs.fallbacks:
        rows.append(("后备", "罕用字", f"{f.face.path}#{f.face.index}", "生僻字后备"))

    def w(s: str) -> int:
        return sum(2 if ord(c) > 0x2E7F else 1 for c in s)

    widths = [max(w(r[i]) for r in rows) for i in range(4)]
    lines = ["  ".join(c + " " * (widths[i] - w(c)) for i, c in enumerate(r)).rstrip() for r in rows]
    lines.insert(1, "-" * min(100, sum(widths) + 6))
    missing = [f"{r.value}：{n}" for r, n in fs.missing.items()]
    subs = [f"{rf.role.value}：{rf.wanted}" for rf in fs.roles.values() if rf.substituted]
    if subs:
        lines.append("")
        lines.append("未找到（已用免费字体替代）：" + "；".join(subs))
        lines.append(f"把有授权的字体文件放进 {Path(project_dir) / 'fonts'}/ 即可使用正式字体。")
    if missing:
        lines.append("缺失且无替代：" + "；".join(missing))
    lines.append(f"字体缓存：{cache_dir()}")
    return "\n".join(lines)
