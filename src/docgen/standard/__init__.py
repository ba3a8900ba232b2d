"""GB/T 9704-2012 as data: its numbers, official font names by role and its rule table.

One package so that a number of the standard is written once: `docgen.layout` makes the
decisions from these numbers, the writers render them and `docgen.verify` checks files against
them. Import as `from docgen import standard as S` (S.LINE_PITCH_PT, S.OFFICIAL_FONTS,
S.rule("H6")).
"""

from __future__ import annotations

from .fonts import (
    HEADING_ROLE,
    LATIN_FONT,
    OFFICIAL_FONTS,
    ROLE_FACE_WORDS,
    face_key,
    in_role_class,
)
from .numbers import *  # noqa: F403 — the numbers are the package's interface
from .numbers import char_width, text_width
from .rules import RULES, Rule, rule

__all__ = ["HEADING_ROLE", "LATIN_FONT", "OFFICIAL_FONTS", "ROLE_FACE_WORDS", "RULES", "Rule",
           "char_width", "face_key", "in_role_class", "rule", "text_width"]
