"""Resolution by role: one face per role (标题, 正文, 黑体, 楷体, 页码) and the fallback chain.

Order: the project's `fonts/` folder (licensed 方正/Windows fonts, matched by family name), the
configured name through fontconfig, then free fonts (Fandol, Noto). Every substitution is
reported once per build; a fallback chain (project extras, then Noto CJK SC) covers rare
name characters such as 䶮 or 𠮷.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..document import FACE_SLOTS, Fonts, Role
from ..errors import DocgenError
from .cache import FaceInfo, cut_face_file, face_info, full_face_file, repertoire
from .discovery import (
    FALLBACK_FONTS,
    FREE_FONTS,
    Face,
    _find,
    other_builds,
    project_faces,
    system_faces,
)


@dataclass(frozen=True, slots=True)
class RoleFont:
    """The face chosen for one role, where it came from, and its prepared files."""

    role: Role
    wanted: str
    face: Face
    origin: str  # 项目字体 / 系统字体 / 免费字体
    info: FaceInfo

    @property
    def substituted(self) -> bool:
        """The face is not the one named (nor that face under another of its names)."""
        return not self.face.matches(self.wanted)

    def cut_file(self) -> Path:
        return cut_face_file(self.face.path, self.face.index)

    def full_file(self) -> Path:
        return full_face_file(self.face.path, self.face.index)

    @property
    def cut_cover(self) -> frozenset[int]:
        return _cut_cover(self.info)


@cache
def _cut_cover(info: FaceInfo) -> frozenset[int]:
    return info.cover & repertoire()


@dataclass(frozen=True, slots=True)
class Fallback:
    face: Face
    info: FaceInfo

    def full_file(self) -> Path:
        return full_face_file(self.face.path, self.face.index)


@dataclass
class FontSet:
    """All roles resolved for one project and font configuration."""

    roles: dict[Role, RoleFont]
    fallbacks: list[Fallback]
    missing: dict[Role, str] = field(default_factory=dict)  # role → wanted name not found at all
    notices: list[str] = field(default_factory=list)  # substitution warnings (Chinese)
    # slot (document.FACE_SLOTS: h1–h4, colophon, attach_label) → the office template's own
    # face for that element (Fonts.own_faces), when it has one
    own: dict[str, RoleFont] = field(default_factory=dict)

    @property
    def headings(self) -> dict[int, RoleFont]:
        """Heading level → the template's own face for it."""
        return {int(slot[1:]): rf for slot, rf in self.own.items() if slot[:1] == "h"}

    def get(self, role: Role) -> RoleFont:
        if role not in self.roles:
            raise DocgenError(f"找不到{role.value}字体“{self.missing.get(role, '')}”，"
                              "也没有可替代的免费字体；请把字体文件放进项目的 fonts/ 文件夹，"
                              "或安装 Fandol / Noto CJK 字体（scripts/setup.sh）")
        return self.roles[role]

    def face(self, role: Role, slot: str = "") -> RoleFont:
        """The face drawing an element of `slot` (the template's own, if any) or a role."""
        return self.own.get(slot) or self.get(role)


_sets_lock = threading.Lock()
_sets: dict[tuple, FontSet] = {}


FREE = "免费字体"


def _face_for(proj: list[Face], wanted: str, role: Role) -> tuple[Face | None, str]:
    """The face for a wanted font name and where it came from: the project's fonts/ first,
    then installed fonts, then the same design's other build (Noto CJK for Source Han), then
    the free face of the role's class. The last two are substitutions (RoleFont.substituted)."""
    for name in [wanted, *other_builds(wanted)]:
        face = _find(proj, name)
        if face is not None:
            return face, "项目字体"
        face = _find(system_faces(), name)
        if face is not None:
            return face, "系统字体"
    free, style = FREE_FONTS[role]
    return _find(system_faces(), free, style), FREE


def resolve(project_dir: Path | str = ".", fonts: Fonts | None = None) -> FontSet:
    """Resolve every role once per (project, font names); cheap on later calls."""
    fonts = fonts or Fonts()
    proj = project_faces(Path(project_dir))
    key = (str(Path(project_dir).resolve()), fonts, tuple(proj))
    with _sets_lock:
        if key in _sets:
            return _sets[key]
    roles: dict[Role, RoleFont] = {}
    missing: dict[Role, str] = {}
    notices: list[str] = []
    used: set[tuple[Path, int]] = set()
    for role in Role:
        wanted = fonts.for_role(role)
        face, origin = _face_for(proj, wanted, role)
        if face is None:
            missing[role] = wanted
            continue
        rf = RoleFont(role, wanted, face, origin, face_info(face.path, face.index))
        if rf.substituted:
            notices.append(f"字体替代：{role.value} 需要 {wanted}，未找到，使用 {face.label}")
        roles[role] = rf
        used.add((face.path, face.index))
    own = _own_faces(proj, fonts, notices)
    fallbacks = [Fallback(f, face_info(f.path, f.index)) for f in proj
                 if (f.path, f.index) not in used]
    for name, style in FALLBACK_FONTS:
        face = _find(system_faces(), name, style)
        if face is not None and (face.path, face.index) not in used:
            fallbacks.append(Fallback(face, face_info(face.path, face.index)))
    fs = FontSet(roles, fallbacks, missing, notices, own)
    with _sets_lock:
        _sets[key] = fs
    return fs



def _own_faces(proj: list[Face], fonts: Fonts, notices: list[str]) -> dict[str, RoleFont]:
    """The office template's own faces (样式.docx: heading levels, 版记, 附件标识), found like
    a role's and, when absent, replaced by the free face of the element's class, with the
    substitution reported."""
    out: dict[str, RoleFont] = {}
    for slot, wanted in fonts.own_faces().items():
        role, name = FACE_SLOTS[slot]
        face, origin = _face_for(proj, wanted, role)
        if face is None:
            continue  # the role's own face draws it (its absence is reported there)
        rf = RoleFont(role, wanted, face, origin, face_info(face.path, face.index))
        if rf.substituted:
            notices.append(f"字体替代：{name}（模板样式）需要 {wanted}，未找到，使用 {face.label}")
        out[slot] = rf
    return out
