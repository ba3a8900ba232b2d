"""The font cache: per source face, its coverage and metrics, a cut copy, and (for collections)
the face extracted to a file of its own.

Why: subsetting a 65k-glyph CJK font costs seconds per document, so each role font is cut once
to the repertoire documents use (GB2312 and common punctuation) and stored in the user cache
dir, keyed by the source file's hash. The full face stays available for characters outside it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..errors import DocgenError

# Format of the cache's files, part of every file name (v4: cut with HarfBuzz, outlines kept,
# desubroutinized, standard names only).
# The cache dir is shared by every docgen on the machine, old and new: a new format must never
# read, or overwrite, a file an older docgen wrote under the same name.
CACHE_VERSION = "4"
# Windows language ids of the names a cut font keeps: English, Chinese (PRC, Taiwan, Hong Kong,
# Singapore), Japanese, Korean — the ones CJK fonts carry.
NAME_LANGS = (0x409, 0x804, 0x404, 0xC04, 0x1004, 0x411, 0x412)


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
# The cache: per source face, its coverage, metrics, a cut copy and (for collections) the face


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/docgen/fonts, else ~/.cache/docgen/fonts."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "docgen" / "fonts"


def progress(message: str) -> None:
    """Say what slow one-off preparation is happening (stderr, so stdout stays clean).
    Replaceable: a caller with its own progress display may set `cache.progress`."""
    print(message, file=sys.stderr, flush=True)


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
    out: set[int] = set()
    for lo, hi in ranges:  # set.update(range) runs in C: 4x faster than a generator per code point
        out.update(range(lo, hi + 1))
    return frozenset(out)


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


def _glyph_bounds(face, char: str) -> tuple[float, float] | None:
    """Vertical ink bounds (yMin, yMax) of a character in em, for placing the page-number dash.

    HarfBuzz reads one glyph; fontTools' glyph set decompiles every charstring (2 s on Noto)."""
    import uharfbuzz as hb

    font = hb.Font(face)
    gid = font.get_nominal_glyph(ord(char))
    ext = font.get_glyph_extents(gid) if gid else None
    if not ext or not ext.height:
        return None
    return (ext.y_bearing + ext.height) / face.upem, ext.y_bearing / face.upem


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
    """Coverage and metrics of a face, from the cache or read once (fontTools and HarfBuzz)."""
    k = (str(path), index)
    with _info_lock:
        if k in _infos:
            return _infos[k]
    key = f"v{CACHE_VERSION}-{_file_hash(path)}-{index}"
    meta = cache_dir() / f"{key}.json"
    try:
        data = json.loads(meta.read_text("utf-8"))
        if data.get("v") != CACHE_VERSION:
            raise ValueError
    except (OSError, ValueError):
        import uharfbuzz as hb
        from fontTools.ttLib import TTFont

        font = TTFont(str(path), fontNumber=index, lazy=True)  # small tables only: names, metrics
        face = hb.Face(hb.Blob.from_file_path(str(path)), index)  # cmap and one glyph, in C
        asc, desc = _vertical_metrics(font)
        data = {"v": CACHE_VERSION, "ps": font["name"].getDebugName(6) or path.stem,
                "family": font["name"].getDebugName(16) or font["name"].getDebugName(1) or "",
                "ascent": asc, "descent": desc, "dash": _glyph_bounds(face, "—"),
                "cover": _ranges(face.unicodes)}
        _atomic_write(meta, json.dumps(data).encode())
    info = FaceInfo(key, data["ps"], data["family"], data["ascent"], data["descent"],
                    tuple(data["dash"]) if data["dash"] else None, _unranges(data["cover"]))
    with _info_lock:
        _infos[k] = info
    return info


def _is_collection(path: Path) -> bool:
    with path.open("rb") as fh:
        return fh.read(4) == b"ttcf"


@contextlib.contextmanager
def _exclusive(out: Path) -> Iterator[None]:
    """One process prepares a cache file while the others wait, then reuse it: a build's
    workers start together and would otherwise all cut the same fonts on the first run."""
    import fcntl

    out.parent.mkdir(parents=True, exist_ok=True)
    with open(out.with_name(f".{out.name}.lock"), "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield


def full_face_file(path: Path, index: int = 0) -> Path:
    """A standalone file of the face: the source itself, or the face extracted from a collection."""
    if not _is_collection(path):
        return path
    out = cache_dir() / f"{face_info(path, index).key}-full{_outline_suffix(path, index)}"
    if out.exists():
        return out
    with _exclusive(out):
        if not out.exists():
            from fontTools.ttLib import TTFont

            progress(f"准备字体（只做一次）：从 {path.name} 中取出第 {index} 个字体")
            font = TTFont(str(path), fontNumber=index)
            tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
            font.save(str(tmp))
            os.replace(tmp, out)
    return out


_suffixes: dict[str, str] = {}


def _outline_suffix(path: Path, index: int) -> str:
    """.otf for CFF outlines, else .ttf; memoised by content key (asked at every PDF render)."""
    key = face_info(path, index).key
    if key not in _suffixes:
        from fontTools.ttLib import TTFont

        font = TTFont(str(path), fontNumber=index, lazy=True)
        _suffixes[key] = ".otf" if "CFF " in font or "CFF2" in font else ".ttf"
    return _suffixes[key]


def cut_face_file(path: Path, index: int = 0) -> Path:
    """The face cut to `repertoire()` with HarfBuzz's subsetter (built once, then cached).

    Outlines stay as they are (CFF stays CFF): converting 7000 CFF glyphs to TrueType took
    30-70 s per font, HarfBuzz cuts all five role fonts in about a second (bench/first_run.py)."""
    info = face_info(path, index)
    out = cache_dir() / f"{info.key}-cut{_outline_suffix(path, index)}"
    if out.exists():
        return out
    with _exclusive(out):
        if out.exists():  # another process cut it while this one waited
            return out
        import uharfbuzz as hb

        progress(f"准备字体（只在第一次使用该字体时进行）：裁剪 {path.name} 为常用字子集")
        face = hb.Face(hb.Blob.from_file_path(str(path)), index)
        inp = hb.SubsetInput()
        for cp in sorted(repertoire() & info.cover):
            inp.unicode_set.add(cp)
        # Desubroutinized: HarfBuzz cuts 3x faster, and WeasyPrint desubroutinizes what it embeds anyway.
        inp.flags = (hb.SubsetFlags.NO_HINTING | hb.SubsetFlags.NOTDEF_OUTLINE
                     | hb.SubsetFlags.DESUBROUTINIZE)
        # Keep the standard names in English and Chinese (PDF checkers read family names) and every
        # layout feature (Pango shapes with the cut font; WeasyPrint drops GSUB/GPOS when embedding).
        # Not "all names": HarfBuzz then writes a name table that stricter parsers (typst's) reject.
        for name_id in range(26):
            inp.sets(hb.SubsetInputSets.NAME_ID).add(name_id)
        for lang in NAME_LANGS:
            inp.sets(hb.SubsetInputSets.NAME_LANG_ID).add(lang)
        inp.sets(hb.SubsetInputSets.LAYOUT_FEATURE_TAG).invert()
        cut = hb.subset(face, inp)
        if cut is None:
            raise DocgenError(f"无法裁剪字体文件 {path}（HarfBuzz 子集化失败）；"
                              "请换用其他字体文件，或把它从 fonts/ 文件夹中移走")
        _atomic_write(out, cut.blob.data)
    return out


