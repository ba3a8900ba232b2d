"""write/pdf.py parses docgen's own markup with expat: the same tree as the HTML5 parser."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import tinyhtml5
from corpus import write_corpus

from docgen.api import documents_from_path
from docgen.write import RenderContext, pdf
from docgen.write import html as htmlw

ROOT = Path(__file__).resolve().parents[1]


def _same(a, b, path: str = "html") -> None:
    """Tag, attributes, text and tail of every element, in order."""
    assert (a.tag, dict(a.attrib)) == (b.tag, dict(b.attrib)), path
    assert (a.text or None, a.tail or None) == (b.text or None, b.tail or None), path
    assert [c.tag for c in a] == [c.tag for c in b], path
    for i, (x, y) in enumerate(zip(a, b, strict=True)):
        _same(x, y, f"{path}/{x.tag}[{i}]")


def _plans(tmp: Path) -> list[Path]:
    shutil.copy(ROOT / "plans" / "docgen.yaml", tmp / "docgen.yaml")
    corpus = write_corpus(tmp, range(12))  # 标志 lengths, joint agencies, tables, signatures
    return [*sorted((ROOT / "plans").glob("*.yaml")), ROOT / "plans" / "batch" / "towns-flood.yaml",
            *corpus]


def test_fast_parse_gives_the_html5_parsers_tree(tmp_path):
    parsed = 0
    for path in _plans(tmp_path):
        if path.name == "docgen.yaml":
            continue
        doc = documents_from_path(path)[0]
        ctx = RenderContext(project_dir=path.parent)
        files = {i: 2 for i, a in enumerate(doc.attachments) if a.file}
        if doc.issued is not None and doc.issued.file:
            files[htmlw.ISSUED_FILE] = 2
        for mode in ("flow", "left", "page"):
            source = htmlw.build(doc, ctx, colophon_mode=mode, file_pages=files)
            fast = pdf.fast_tree(source)
            if fast is None:  # not XML-safe (a newline inside a tag): the HTML5 parser reads it
                continue
            parsed += 1
            _same(fast, tinyhtml5.parse(source, namespace_html_elements=False))
    assert parsed >= 60


@pytest.mark.parametrize("source", [
    '<!DOCTYPE html><html><head></head><body><p title="a\nb">x</p></body></html>',  # attr newline
    "<!DOCTYPE html><html><head></head><body><p>&nbsp;</p></body></html>",  # HTML-only entity
    "<!DOCTYPE html><html><head></head><body><p>x</body></html>",  # end tag left out
    "<!DOCTYPE html><html><head></head><body><p>x</p></body></html><p>y</p>",  # after </html>
])
def test_markup_expat_would_read_otherwise_goes_to_the_html5_parser(source):
    assert pdf.fast_tree(source) is None
