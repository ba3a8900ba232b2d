"""Finding font faces: the project's fonts/ folder, fontconfig's list, names and aliases.

Why: a PDF must embed real files and never depend on what fontconfig happens to pick, so every
face is found by its names here and chosen explicitly (docgen.fonts.roles).
"""

from __future__ import annotations

import re
import subprocess
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..document import Role
from ..standard import face_key

FONT_SUFFIXES = (".ttf", ".otf", ".ttc", ".otc")

# Free stand-ins by role: (family as fontconfig lists it, style). No free 小标宋 exists.
FREE_FONTS: dict[Role, tuple[str, str]] = {
    Role.TITLE: ("Noto Serif CJK SC Black", "Black"),
    Role.BODY: ("FandolFang", "Regular"),
    Role.HEI: ("FandolHei", "Regular"),
    Role.KAI: ("FandolKai", "Regular"),
    Role.PAGE_NO: ("FandolSong", "Regular"),
}
# Rare characters (䶮, 𠮷) missing from a role font are looked up here, after the project's
# unassigned fonts. Serif first: it sits better next to 仿宋 than a sans face.
FALLBACK_FONTS: tuple[tuple[str, str], ...] = (
    ("Noto Serif CJK SC", "Regular"),
    ("Noto Sans CJK SC", "Regular"),
)
# Other names the same typefaces go by in font files and on Windows/macOS.
ALIASES: dict[str, tuple[str, ...]] = {
    "方正小标宋简体": ("方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXBSJW--GB1-0", "方正小标宋"),
    "仿宋_GB2312": ("FangSong_GB2312", "仿宋_GB2312"),
    "仿宋": ("FangSong", "STFangsong", "华文仿宋"),
    "黑体": ("SimHei", "STHeiti", "华文黑体"),
    "楷体_GB2312": ("KaiTi_GB2312",),
    "楷体": ("KaiTi", "STKaiti", "华文楷体"),
    "宋体": ("SimSun", "STSong", "华文宋体"),
    # Free faces an office template may name (the names Adobe's own files carry)
    "思源黑体": ("Source Han Sans SC", "Source Han Sans CN", "Source Han Sans"),
    "思源宋体": ("Source Han Serif SC", "Source Han Serif CN", "Source Han Serif"),
}
# The same design published under another family name: Google's Noto CJK builds of Adobe's
# Source Han. Used when the named face itself is absent, and reported as a substitution (a
# Word reader without 思源黑体 does not get the Noto build).
OTHER_BUILDS: dict[str, tuple[str, ...]] = {
    "思源黑体": ("Noto Sans CJK SC",),
    "思源宋体": ("Noto Serif CJK SC",),
}
NEVER = re.compile(r"cwtex", re.I)  # Traditional-only FangSong: 0.92 em advance, lacks 国/〇


def names_for(wanted: str) -> list[str]:
    """The configured name and its aliases, in order of preference; names compare as
    `face_key` makes them ("Source Han Sans SC" is "SourceHanSansSC")."""
    out = [wanted, *ALIASES.get(_canonical(wanted), ())]
    for key, alts in ALIASES.items():
        if face_key(wanted) in {face_key(a) for a in alts} and key not in out:
            out.append(key)
    return out


def _canonical(wanted: str) -> str:
    return next((key for key in ALIASES if face_key(key) == face_key(wanted)), wanted)


def other_builds(wanted: str) -> list[str]:
    """Names of the same design's other build (Source Han ↔ Noto CJK), for when no face
    carries the wanted name or an alias of it."""
    mine = {face_key(n) for n in names_for(wanted)}
    for key, builds in OTHER_BUILDS.items():
        if face_key(key) in mine:
            return list(builds)
        if face_key(wanted) in {face_key(b) for b in builds}:
            return names_for(key)
    return []


# ---------------------------------------------------------------------------------------------
# Finding faces


@dataclass(frozen=True, slots=True)
class Face:
    """One face inside a font file (collections hold several)."""

    path: Path
    index: int
    names: tuple[str, ...]  # families, full names and PostScript names as found
    style: str = ""

    @property
    def label(self) -> str:
        return self.path.name + (f"#{self.index}" if self.path.suffix.lower() in (".ttc", ".otc") else "")

    def matches(self, wanted: str) -> bool:
        keys = {face_key(n) for n in self.names}
        return any(face_key(w) in keys for w in names_for(wanted))


def _style_rank(face: Face, style: str) -> int:
    """Prefer the wanted style, then regular faces, never bold for text."""
    styles = [x.strip() for x in face.style.casefold().split(",")]
    if styles[0] == style.casefold():
        return 0
    if style.casefold() in styles:
        return 1
    if any(k in styles[0] for k in ("regular", "normal", "book", "medium")):
        return 2
    return 3


def _read_faces(path: Path) -> list[Face]:
    """Names of every face in a font file, read from its name table (fontTools)."""
    from fontTools.ttLib import TTCollection, TTFont, TTLibError

    try:
        if path.suffix.lower() in (".ttc", ".otc"):
            fonts = list(TTCollection(str(path), lazy=True).fonts)
        else:
            fonts = [TTFont(str(path), lazy=True)]
    except (TTLibError, OSError, AssertionError, ValueError):
        return []
    faces = []
    for i, font in enumerate(fonts):
        names, style = [], ""
        for rec in font["name"].names:
            if rec.nameID in (1, 4, 6, 16):
                try:
                    names.append(rec.toUnicode())
                except UnicodeDecodeError:
                    continue
            elif rec.nameID in (2, 17) and not style:
                style = rec.toUnicode()
        faces.append(Face(path, i, tuple(dict.fromkeys(n.strip() for n in names if n.strip())),
                          style))
    return faces


_project_lock = threading.Lock()
_project_cache: dict[tuple[str, float], list[Face]] = {}


def project_faces(project_dir: Path) -> list[Face]:
    """Faces in the project's fonts/ folder, re-read when the folder changes."""
    folder = Path(project_dir) / "fonts"
    if not folder.is_dir():
        return []
    files = sorted(p for p in folder.rglob("*") if p.suffix.lower() in FONT_SUFFIXES)
    key = (str(folder.resolve()), max([folder.stat().st_mtime, *(p.stat().st_mtime for p in files)]))
    with _project_lock:
        if key not in _project_cache:
            _project_cache[key] = [f for p in files for f in _read_faces(p)]
        return _project_cache[key]


@cache
def system_faces() -> tuple[Face, ...]:
    """Every face fontconfig knows, from one `fc-list` call (about 10 ms)."""
    fmt = "%{file}\t%{index}\t%{family}\t%{fullname}\t%{postscriptname}\t%{style}\n"
    try:
        out = subprocess.run(["fc-list", "--format", fmt], capture_output=True, text=True,
                             check=False, timeout=30).stdout
    except (OSError, subprocess.SubprocessError):
        return ()
    faces = []
    for line in sorted(out.splitlines()):
        parts = line.split("\t")
        if len(parts) != 6 or not parts[0]:
            continue
        file, index, family, full, ps, style = parts
        names = [n for field_ in (family, full, ps) for n in field_.split(",") if n]
        faces.append(Face(Path(file), int(index or 0), tuple(names), style))
    return tuple(faces)


def _find(faces: Iterable[Face], wanted: str, style: str = "Regular") -> Face | None:
    hits = [f for f in faces if f.matches(wanted) and not NEVER.search(" ".join(f.names))]
    if not hits:
        return None
    return min(hits, key=lambda f: (_style_rank(f, style), str(f.path), f.index))

