"""HTML writer: semantic markup, the grid numbers in CSS, fonts by file URL, project overrides."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest
from sample_document import sample_document

from docgen import standard as L
from docgen.document import Kind, Paragraph, Run
from docgen.write import RenderContext, html


@pytest.fixture(scope="module")
def page() -> str:
    return html.render(sample_document(), RenderContext()).decode("utf-8")


def _css(page: str) -> str:
    return re.search(r"<style>(.*)</style>", page, re.S).group(1)


def test_html_declares_language_title_and_dates(page):
    assert '<html lang="zh-CN">' in page
    assert "<title>机关事务管理局秋冬季新冠肺炎疫情防控工作方案</title>" in page
    assert 'content="2022-10-08T00:00:00+00:00"' in page


def test_title_lines_are_the_composers(page):
    h1 = re.search(r'<h1 class="title">(.*?)</h1>', page).group(1)
    assert h1.split("<br>") == list(sample_document().title_lines)


def test_paragraph_kinds_and_heading_levels_have_classes(page):
    assert '<p class="addressee">局机关各科室、局属各单位：</p>' in page
    assert '<p class="heading l1">一、指导思想</p>' in page
    assert '<p class="heading l2">（四）提升政治站位</p>' in page
    assert '<p class="body runin l2"><span class="kai">（一）' in page
    assert '<p class="note">（此件公开发布）</p>' in page


def test_css_carries_the_grid_numbers(page):
    css = _css(page)
    assert "size: 210mm 297mm" in css
    top, right, bottom, left = map(float, re.search(
        r"margin: ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm", css).groups())
    assert (top, right, left) == (37, 26, 28)
    # the page area holds 22 whole grid lines, as Word's and LibreOffice's line grid does
    assert abs((297 - top - bottom) * L.MM_PT - 22 * L.LINE_PITCH_PT) < 0.01
    assert f"font-size: {L.BODY_PT}pt" in css and f"line-height: {L.LINE_PITCH_PT}pt" in css
    assert f"letter-spacing: {L.CSS_LETTER_SPACING_PT}pt" in css
    indent = float(re.search(r"text-indent: ([\d.]+)pt", css).group(1))
    assert 31.5 <= indent <= 31.6
    assert re.search(r"body \{ margin: 0; \}", css)
    assert "orphans: 1; widows: 1" in css
    assert "break-after: avoid" in css
    assert "span.hei, span.kai { line-height: 1; }" in css


def test_css_is_not_html_escaped(page):
    assert "&#34;" not in _css(page) and "&quot;" not in _css(page)


def test_fonts_come_as_file_urls(page):
    faces = re.findall(r'@font-face \{ font-family: "([^"]+)"; src: url\("file://([^"]+)"\)', page)
    assert len(faces) >= 5
    assert any("docgen-body" in fam for fam, _ in faces)


def test_browser_preview_styles_present(page):
    assert "@media screen" in _css(page)


def test_letterhead_and_red_rule_markup(page):
    assert re.search(r'<h1 class="org-mark"><span class="mark-line" style="font-size: 36pt;'
                     r'[^"]*">某市机关事务管理局文件</span></h1>', page)
    assert '<div class="red-rule" role="separator"></div>' in page
    assert '<p class="head-line hei">机密★1年</p>' in page


def test_tables_have_repeating_header_group(page):
    assert re.search(r'<thead><tr><th class="center hei">序号</th>', page) and "<tbody>" in page


def test_attachments_and_colophon(page):
    assert page.count('<section class="attachment">') == 2
    assert '<footer class="colophon colophon-flow">' in page
    assert page.count('class="rule thick') == 2 and page.count('class="rule thin"') == 1


def test_text_is_escaped():
    doc = replace(sample_document(letterhead=False), attachments=(),
                  body=(Paragraph(Kind.BODY, (Run("a<b>&c"),)),))
    out = html.render(doc, RenderContext()).decode()
    assert "a&lt;b&gt;&amp;c" in out


def test_project_template_overrides_package(tmp_path):
    folder = tmp_path / "templates" / "html"
    folder.mkdir(parents=True)
    (folder / "gongwen.css.j2").write_text("/* project css */ html { color: #123456 }", "utf-8")
    out = html.render(sample_document(), RenderContext(project_dir=tmp_path)).decode()
    assert "/* project css */" in out and "margin: 37mm 26mm" not in out
