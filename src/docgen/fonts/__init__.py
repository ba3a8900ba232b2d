"""Fonts for the PDF and HTML writers: one font file per role, a cut-down cached copy, coverage.

Why: a PDF must embed real files, never depend on what fontconfig happens to pick, and never
show a blank box. The package is split by concern:
- discovery: finding faces (project fonts/ folder, fontconfig) by name and alias;
- cache: the user cache of coverage, metrics and cut/extracted face files;
- roles: one face per role, the free stand-ins and the fallback chain (`resolve`);
- coverage: which face draws each character of a document (`glyph_plan`);
- reporting: the table `docgen fonts` prints.
"""

from __future__ import annotations

from .cache import (
    CACHE_VERSION,
    FaceInfo,
    cache_dir,
    cut_face_file,
    face_info,
    full_face_file,
    repertoire,
)
from .coverage import GlyphPlan, document_text, glyph_plan, paragraph_role
from .discovery import (
    ALIASES,
    FALLBACK_FONTS,
    FONT_SUFFIXES,
    FREE_FONTS,
    NEVER,
    Face,
    _find,
    names_for,
    project_faces,
    system_faces,
)
from .reporting import report
from .roles import Fallback, FontSet, RoleFont, resolve

__all__ = [
    "ALIASES", "CACHE_VERSION", "FALLBACK_FONTS", "FONT_SUFFIXES", "FREE_FONTS", "NEVER", "Face",
    "FaceInfo", "Fallback", "FontSet", "GlyphPlan", "RoleFont", "_find", "cache_dir",
    "cut_face_file", "document_text", "face_info", "full_face_file", "glyph_plan", "names_for",
    "paragraph_role", "project_faces", "report", "repertoire", "resolve", "system_faces",
]
