"""A renamed copy of FandolFang: the stand-in tests use for an office's own licensed font."""

from __future__ import annotations

from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from docgen import fonts

FANG = fonts._find(fonts.system_faces(), "FandolFang")


def renamed_fang(dest: Path, family: str, postscript: str, text: str) -> Path:
    """FandolFang cut to the glyphs of `text`, its family named `family`, written to `dest`."""
    assert FANG is not None, "Fandol fonts not installed"
    font = TTFont(str(FANG.path))
    sub = subset.Subsetter(subset.Options())
    sub.populate(text=text)
    sub.subset(font)
    for rec in font["name"].names:
        if rec.nameID in (1, 4, 16):
            rec.string = family
        elif rec.nameID == 6:
            rec.string = postscript
    dest.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(dest))
    return dest
