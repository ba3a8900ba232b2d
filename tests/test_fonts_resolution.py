"""Font resolution by role, the cut-font cache and glyph coverage (docgen.fonts)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from font_support import renamed_fang
from fontTools.ttLib import TTFont

from docgen import fonts
from docgen.document import Fonts, Role

FANG = fonts._find(fonts.system_faces(), "FandolFang")
needs_fandol = pytest.mark.skipif(FANG is None, reason="Fandol fonts not installed")


def _tiny_font(dest: Path, family: str) -> Path:
    """A few-glyph copy of FandolFang renamed to `family` (a stand-in for a licensed font)."""
    return renamed_fang(dest, family, "TinyFang-Regular", "仿宋正文一二三")


@needs_fandol
def test_free_fonts_stand_in_by_role():
    fs = fonts.resolve(Path("/nonexistent"), Fonts())
    got = {r: rf.face.path.name for r, rf in fs.roles.items()}
    assert got[Role.BODY] == "FandolFang-Regular.otf"
    assert got[Role.HEI] == "FandolHei-Regular.otf"
    assert got[Role.KAI] == "FandolKai-Regular.otf"
    assert got[Role.PAGE_NO] == "FandolSong-Regular.otf"
    assert "NotoSerifCJK-Black" in got[Role.TITLE]


@needs_fandol
def test_substitution_notice_names_role_wanted_and_file():
    fs = fonts.resolve(Path("/nonexistent"), Fonts(body="仿宋_GB2312_不存在"))
    assert "字体替代：正文 需要 仿宋_GB2312_不存在，未找到，使用 FandolFang-Regular.otf" in fs.notices


@needs_fandol
def test_project_fonts_folder_wins_by_family_name(tmp_path):
    _tiny_font(tmp_path / "fonts" / "fs.ttf", "仿宋_GB2312")
    fs = fonts.resolve(tmp_path, Fonts())
    body = fs.roles[Role.BODY]
    assert body.origin == "项目字体" and body.face.path.parent == tmp_path / "fonts"
    assert not any(n.startswith("字体替代：正文") for n in fs.notices)


@needs_fandol
def test_aliases_match_latin_names(tmp_path):
    _tiny_font(tmp_path / "fonts" / "kt.ttf", "KaiTi_GB2312")
    assert fonts.resolve(tmp_path, Fonts()).roles[Role.KAI].origin == "项目字体"


def test_never_cwtex_fangsong():
    face = fonts.Face(Path("/x/cwTeXFangSong.ttf"), 0, ("cwTeX Q Fangsong", "仿宋"), "Regular")
    assert fonts._find([face], "仿宋") is None


@needs_fandol
def test_report_is_a_chinese_role_table(tmp_path):
    text = fonts.report(tmp_path, Fonts())
    assert text.splitlines()[0].split() == ["角色", "需要的字体", "使用的字体文件", "来源"]
    for role in ("标题", "正文", "黑体", "楷体", "页码"):
        assert any(line.startswith(role) for line in text.splitlines())
    assert "FandolFang-Regular.otf" in text
    assert "未找到" in text or "系统字体" in text


def test_repertoire_holds_gb2312_hanzi_and_document_marks():
    rep = fonts.repertoire()
    hanzi = [cp for cp in rep if 0x4E00 <= cp <= 0x9FFF]
    assert len(hanzi) == 6763
    assert all(ord(c) in rep for c in "〇★〔〕—…：；（）《》“”、。ABC123")


@needs_fandol
def test_cache_keyed_by_content_hash(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    a = _tiny_font(tmp_path / "a" / "x.ttf", "Tiny")
    b = tmp_path / "b" / "y.ttf"
    b.parent.mkdir()
    shutil.copy(a, b)
    assert fonts.face_info(a).key == fonts.face_info(b).key
    cut = fonts.cut_face_file(a)
    assert cut.parent == tmp_path / "cache" / "docgen" / "fonts"
    assert fonts.face_info(a).key in cut.name


@needs_fandol
def test_cut_font_keeps_gb2312_and_source_outlines():
    cut = fonts.resolve(".", Fonts()).roles[Role.BODY].cut_file()
    font = TTFont(str(cut), lazy=True)
    assert "CFF " in font  # FandolFang is CFF; the HarfBuzz cut keeps its outlines
    assert ord("国") in font.getBestCmap() and ord("〇") in font.getBestCmap()
    assert ord("䶮") not in font.getBestCmap()  # outside GB2312: drawn from the full face


@needs_fandol
def test_cache_file_names_carry_the_format_version(tmp_path, monkeypatch):
    """The cache dir is shared with older docgens: their files must never be read as ours."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    src = _tiny_font(tmp_path / "v" / "z.ttf", "TinyV")
    fonts.cut_face_file(src)
    names = [p.name for p in (tmp_path / "cache" / "docgen" / "fonts").iterdir()
             if p.name != "hashes.json" and not p.name.startswith(".")]  # .lock files
    assert len(names) == 2  # metadata and cut font
    assert all(n.startswith(f"v{fonts.CACHE_VERSION}-") for n in names)


@needs_fandol
def test_glyph_plan_sends_rare_chars_to_fallback():
    from pdf_probe import rare_document

    fs = fonts.resolve(".", Fonts())
    plan = fonts.glyph_plan(rare_document(), fs)
    routed = set().union(*plan.fallback.values())
    assert {0x4DAE, 0x20BB7} <= routed


@needs_fandol
def test_cut_font_is_read_by_a_strict_parser(tmp_path, monkeypatch):
    """typst (ttf-parser) rejects a name table HarfBuzz writes with every name kept."""
    typst = pytest.importorskip("typst")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    cut = fonts.cut_face_file(_tiny_font(tmp_path / "s" / "t.ttf", "TinyStrict"))
    (tmp_path / "only").mkdir()
    shutil.copy(cut, tmp_path / "only" / cut.name)
    found = typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                        font_paths=[str(tmp_path / "only")]).fonts()
    assert [f.family for f in found] == ["TinyStrict"]


@needs_fandol
def test_workers_starting_together_cut_a_font_once(tmp_path):
    """The first run's workers wait for one cut instead of each cutting the same font."""
    import os
    import subprocess
    import sys

    src = _tiny_font(tmp_path / "w" / "t.ttf", "TinyOnce")
    env = dict(os.environ, XDG_CACHE_HOME=str(tmp_path / "cache"))
    code = f"from pathlib import Path; from docgen.fonts import cut_face_file; cut_face_file(Path({str(src)!r}))"
    procs = [subprocess.Popen([sys.executable, "-c", code], env=env, stderr=subprocess.PIPE, text=True)
             for _ in range(3)]
    said = [p.communicate()[1] for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert sum(s.count("准备字体") for s in said) == 1, said
