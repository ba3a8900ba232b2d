"""Font resolution: one font file per role, a cut-down cached copy, and glyph coverage.

Why: a PDF must embed real files, never depend on what fontconfig happens to pick, and never
show a blank box. Each role (标题, 正文, 黑体, 楷体, 页码) resolves to ONE face, in this order:
the project's `fonts/` folder (licensed 方正/Windows fonts, matched by family name), the
configured name through fontconfig, then free fonts (Fandol, Noto). Every substitution is
reported once per build.

Speed: fontTools/HarfBuzz subsetting of a 65k-glyph CJK font costs seconds per document, so
each role font is cut once to the repertoire documents use (GB2312 and common punctuation) and
stored in the user cache dir, keyed by the source file's hash. The full face stays available
as a fallback for characters outside the cut, and a fallback chain (project extras, then Noto
CJK SC) covers rare name characters such as 䶮 or 𠮷.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import subprocess
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from .document import Document, Fonts, Kind, Paragraph, Role, Table
from .errors import DocgenError, Loc
from .layout import HEADING_ROLE

CACHE_VERSION = "1"
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
}
NEVER = re.compile(r"cwtex", re.I)  # Traditional-only FangSong: 0.92 em advance, lacks 国/〇


def _norm(name: str) -> str:
    return re.sub(r"[\s_\-]", "", name).casefold()


def names_for(wanted: str) -> list[str]:
    """The configured name and its aliases, in order of preference."""
    out = [wanted, *ALIASES.get(wanted, ())]
    for key, alts in ALIASES.items():
        if wanted in alts and key not in out:
            out.append(key)
    return out


# ---------------------------------------------------------------------------------------------
# Repertoire of the cut fonts


@cache
def repertoire() -> frozenset[int]:
    """Characters the cut fonts keep: all of GB2312, ASCII, Latin-1 and CJK punctuation."""
    chars: set[int] = set(range(0x20, 0x7F)) | set(range(0xA0, 0x100))
    for b1 in range(0xA1, 0xF8):
        for b2 in range(0xA1, 0xFF):
            with contextlib.suppress(UnicodeDecodeError):
                chars.add(ord(bytes((b1, b2)).decode("gb2312")))
    for lo, hi in ((0x2010, 0x2044), (0x2100, 0x2153), (0x2160, 0x217F), (0x2190, 0x2199),
                   (0x2460, 0x249B), (0x2E80, 0x2E80), (0x3000, 0x303F), (0x3200, 0x32B0),
                   (0xFE30, 0xFE4F), (0xFF01, 0xFF5E), (0xFFE0, 0xFFE6)):
        chars.update(range(lo, hi + 1))
    chars.update(ord(c) for c in "〇★☆〔〕—…·×÷±℃№‰※√")
    return frozenset(chars)


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
        keys = {_norm(n) for n in self.names}
        return any(_norm(w) in keys for w in names_for(wanted))


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


# ---------------------------------------------------------------------------------------------
# The cache: per source face, its coverage, metrics, a cut copy and (for collections) the face


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/docgen/fonts, else ~/.cache/docgen/fonts."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "docgen" / "fonts"


def _atomic_write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{threading.get_ident()}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def _file_hash(path: Path) -> str:
    """sha256 of the file, memoised on disk by (path, size, mtime): Noto CJK is 50 MB."""
    st = path.stat()
    memo = cache_dir() / "hashes.json"
    key = f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}"
    try:
        table = json.loads(memo.read_text("utf-8"))
    except (OSError, ValueError):
        table = {}
    if key in table:
        return table[key]
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    table[key] = h.hexdigest()[:24]
    _atomic_write(memo, json.dumps(table, ensure_ascii=False, indent=0).encode())
    return table[key]


def _ranges(cps: Iterable[int]) -> list[list[int]]:
    out: list[list[int]] = []
    for cp in sorted(cps):
        if out and out[-1][1] == cp - 1:
            out[-1][1] = cp
        else:
            out.append([cp, cp])
    return out


def _unranges(ranges: list[list[int]]) -> frozenset[int]:
    return frozenset(cp for lo, hi in ranges for cp in range(lo, hi + 1))


def _vertical_metrics(font) -> tuple[float, float]:
    """Ascent and descent in em as Pango/HarfBuzz take them (typo if USE_TYPO_METRICS, else hhea)."""
    upm = font["head"].unitsPerEm
    os2 = font.get("OS/2", None)
    hhea = font["hhea"]
    if os2 is not None and os2.fsSelection & (1 << 7):
        asc, desc = os2.sTypoAscender, os2.sTypoDescender
    elif hhea.ascent or hhea.descent:
        asc, desc = hhea.ascent, hhea.descent
    else:
        asc, desc = os2.sTypoAscender, os2.sTypoDescender
    return abs(asc) / upm, abs(desc) / upm


def _glyph_bounds(font, char: str) -> tuple[float, float] | None:
    """Vertical ink bounds (yMin, yMax) of a character in em, for placing the page-number dash."""
    from fontTools.pens.boundsPen import BoundsPen

    gid = font.getBestCmap().get(ord(char))
    if gid is None:
        return None
    gs = font.getGlyphSet()
    pen = BoundsPen(gs)
    gs[gid].draw(pen)
    if pen.bounds is None:
        return None
    upm = font["head"].unitsPerEm
    return pen.bounds[1] / upm, pen.bounds[3] / upm


@dataclass(frozen=True, slots=True)
class FaceInfo:
    """What we need to know about a face without opening it again."""

    key: str
    ps_name: str
    family: str
    ascent: float
    descent: float
    dash: tuple[float, float] | None  # U+2014 ink yMin/yMax in em
    cover: frozenset[int]


_info_lock = threading.Lock()
_infos: dict[tuple[str, int], FaceInfo] = {}


def face_info(path: Path, index: int = 0) -> FaceInfo:
    """Coverage and metrics of a face, from the cache or read once with fontTools."""
    k = (str(path), index)
    with _info_lock:
        if k in _infos:
            return _infos[k]
    key = f"{_file_hash(path)}-{index}"
    meta = cache_dir() / f"{key}.json"
    try:
        data = json.loads(meta.read_text("utf-8"))
        if data.get("v") != CACHE_VERSION:
            raise ValueError
    except (OSError, ValueError):
        from fontTools.ttLib import TTFont

        font = TTFont(str(path), fontNumber=index, lazy=True)
        asc, desc = _vertical_metrics(font)
        data = {"v": CACHE_VERSION, "ps": font["name"].getDebugName(6) or path.stem,
                "family": font["name"].getDebugName(16) or font["name"].getDebugName(1) or "",
                "ascent": asc, "descent": desc, "dash": _glyph_bounds(font, "—"),
                "cover": _ranges(font.getBestCmap())}
        _atomic_write(meta, json.dumps(data).encode())
    info = FaceInfo(key, data["ps"], data["family"], data["ascent"], data["descent"],
                    tuple(data["dash"]) if data["dash"] else None, _unranges(data["cover"]))
    with _info_lock:
        _infos[k] = info
    return info


def _is_collection(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(4) == b"ttcf"


def full_face_file(path: Path, index: int = 0) -> Path:
    """A standalone file of the face: the source itself, or the face extracted from a collection."""
    if not _is_collection(path):
        return path
    out = cache_dir() / f"{face_info(path, index).key}-full{_outline_suffix(path, index)}"
    if not out.exists():
        from fontTools.ttLib import TTFont

        font = TTFont(str(path), fontNumber=index)
        tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
        font.save(str(tmp))
        os.replace(tmp, out)
    return out


def _outline_suffix(path: Path, index: int) -> str:
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), fontNumber=index, lazy=True)
    return ".otf" if "CFF " in font or "CFF2" in font else ".ttf"


def cut_face_file(path: Path, index: int = 0) -> Path:
    """The face cut to `repertoire()` (built once, then read from the cache)."""
    info = face_info(path, index)
    out = cache_dir() / f"{info.key}-cut.ttf"
    if out.exists():
        return out
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(str(path), fontNumber=index)
    opts = subset.Options()
    opts.name_IDs = ["*"]
    opts.name_languages = ["*"]
    opts.layout_features = ["*"]
    opts.notdef_outline = True
    opts.hinting = False
    opts.desubroutinize = True
    sub = subset.Subsetter(opts)
    sub.populate(unicodes=sorted(repertoire() & info.cover))
    sub.subset(font)
    if "CFF " in font:
        _cff_to_truetype(font)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    font.save(str(tmp))
    os.replace(tmp, out)
    return out


def _cff_to_truetype(font) -> None:
    """Convert CFF outlines to quadratic glyf (smaller, faster to subset and embed per document)."""
    from fontTools.pens.cu2quPen import Cu2QuPen
    from fontTools.pens.ttGlyphPen import TTGlyphPen
    from fontTools.ttLib import newTable

    order = font.getGlyphOrder()
    gs = font.getGlyphSet()
    glyf = newTable("glyf")
    glyf.glyphOrder = order
    glyf.glyphs = {}
    upm = font["head"].unitsPerEm
    for name in order:
        pen = TTGlyphPen(gs)
        try:
            gs[name].draw(Cu2QuPen(pen, max_err=upm / 1000, reverse_direction=True))
        except (ValueError, IndexError, KeyError):
            pen = TTGlyphPen(gs)
        glyf[name] = pen.glyph()
    del font["CFF "]
    if "VORG" in font:
        del font["VORG"]
    font["glyf"] = glyf
    font["loca"] = newTable("loca")
    maxp = font["maxp"]
    maxp.tableVersion = 0x00010000
    for attr in ("maxZones", "maxTwilightPoints", "maxStorage", "maxFunctionDefs",
                 "maxInstructionDefs", "maxStackElements", "maxSizeOfInstructions",
                 "maxComponentElements"):
        setattr(maxp, attr, 0)
    maxp.maxZones = 1
    font["head"].indexToLocFormat = 0
    font["head"].glyphDataFormat = 0
    post = font["post"]
    post.formatType = 3.0  # no glyph names: smaller, and CID fonts have none anyway
    font.sfntVersion = "\x00\x01\x00\x00"
    font["glyf"].compile(font)  # fills loca; recalcs bounds on save


# ---------------------------------------------------------------------------------------------
# Resolution by role


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
        return self.origin == "免费字体" and not self.face.matches(self.wanted)

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

    def get(self, role: Role) -> RoleFont:
        if role not in self.roles:
            raise DocgenError(f"找不到{role.value}字体“{self.missing.get(role, '')}”，"
                              "也没有可替代的免费字体；请把字体文件放进项目的 fonts/ 文件夹，"
                              "或安装 Fandol / Noto CJK 字体（scripts/setup.sh）")
        return self.roles[role]


_sets_lock = threading.Lock()
_sets: dict[tuple, FontSet] = {}


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
        face, origin = _find(proj, wanted), "项目字体"
        if face is None:
            face, origin = _find(system_faces(), wanted), "系统字体"
        if face is None:
            free, style = FREE_FONTS[role]
            face, origin = _find(system_faces(), free, style), "免费字体"
            if face is not None:
                notices.append(f"字体替代：{role.value} 需要 {wanted}，未找到，使用 {face.label}")
            else:
                missing[role] = wanted
                continue
        roles[role] = RoleFont(role, wanted, face, origin, face_info(face.path, face.index))
        used.add((face.path, face.index))
    fallbacks = [Fallback(f, face_info(f.path, f.index)) for f in proj
                 if (f.path, f.index) not in used]
    for name, style in FALLBACK_FONTS:
        face = _find(system_faces(), name, style)
        if face is not None and (face.path, face.index) not in used:
            fallbacks.append(Fallback(face, face_info(face.path, face.index)))
    fs = FontSet(roles, fallbacks, missing, notices)
    with _sets_lock:
        _sets[key] = fs
    return fs


# ---------------------------------------------------------------------------------------------
# Glyph coverage of a document


def paragraph_role(p: Paragraph) -> Role:
    if p.kind is Kind.HEADING and p.level:
        return Role(HEADING_ROLE.get(p.level, Role.BODY.value))
    return Role.BODY


def document_text(doc: Document) -> Iterator[tuple[Role, str, Loc | None]]:
    """Every piece of text with the role font that will draw it and where it came from."""
    def blocks(bs) -> Iterator[tuple[Role, str, Loc | None]]:
        from .document import AttachmentNote, Signature

        for b in bs:
            if isinstance(b, Paragraph):
                base = paragraph_role(b)
                for r in b.runs:
                    yield (r.role or base), r.text, b.loc
            elif isinstance(b, Table):
                for i, row in enumerate(b.rows):
                    for cell in row:
                        yield (Role.HEI if i < b.header_rows else Role.BODY), cell, b.loc
            elif isinstance(b, AttachmentNote):
                yield Role.BODY, "附件：" + "".join(b.names) + "0123456789.", None
            elif isinstance(b, Signature):
                yield Role.BODY, b.org + b.date, None

    for line in doc.title_lines:
        yield Role.TITLE, line, doc.title_loc
    lh = doc.letterhead
    if lh:
        yield Role.BODY, lh.copy_no + lh.doc_number + "签发人：", None
        yield Role.HEI, lh.secrecy + lh.urgency, None
        yield Role.TITLE, lh.org_mark, None
        yield Role.KAI, "".join(lh.signers), None
    yield from blocks(doc.body)
    for att in doc.attachments:
        yield Role.HEI, att.label, None
        for line in att.title_lines:
            yield Role.TITLE, line, None
        yield from blocks(att.blocks)
    if doc.colophon:
        c = doc.colophon
        yield Role.BODY, c.cc + c.printer + c.print_date, None
    yield Role.PAGE_NO, "— 0123456789", None


def _skip(ch: str) -> bool:
    return ch.isspace() or ord(ch) < 0x20 or 0x200B <= ord(ch) <= 0x200F or ch == "\ufeff"


@dataclass(frozen=True)
class GlyphPlan:
    """Which characters need more than the cut role font, and which face draws them."""

    full: dict[Role, frozenset[int]]  # role → chars drawn from the role's full face
    fallback: dict[int, frozenset[int]]  # fallback index → chars it draws

    @property
    def empty(self) -> bool:
        return not self.full and not self.fallback


def glyph_plan(doc: Document, fs: FontSet, strict: bool = True, warn=None) -> GlyphPlan:
    """Check every character against its role font; raise DocgenError for one no font has."""
    full: dict[Role, set[int]] = {}
    fb: dict[int, set[int]] = {}
    seen: set[tuple[Role, str]] = set()
    for role, text, loc in document_text(doc):
        rf = fs.get(role)
        cut = rf.cut_cover
        for ch in text:
            if (role, ch) in seen or _skip(ch):
                continue
            seen.add((role, ch))
            cp = ord(ch)
            if cp in cut:
                continue
            if cp in rf.info.cover:
                full.setdefault(role, set()).add(cp)
                continue
            for i, f in enumerate(fs.fallbacks):
                if cp in f.info.cover:
                    fb.setdefault(i, set()).add(cp)
                    break
            else:
                names = "、".join([rf.face.label, *(f.face.label for f in fs.fallbacks)])
                msg = (f"字符“{ch}”（U+{cp:04X}）在{role.value}字体及后备字体（{names}）中都没有字形；"
                       "请改用常用字，或把含有该字的字体文件放进项目的 fonts/ 文件夹")
                if strict:
                    raise DocgenError(msg, loc)
                if warn:
                    warn(msg)
    return GlyphPlan({r: frozenset(v) for r, v in full.items()},
                     {i: frozenset(v) for i, v in fb.items()})


# ---------------------------------------------------------------------------------------------
# Report for `docgen fonts`


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
