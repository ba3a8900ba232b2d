"""Word and PDF agree (issue 9 item 8): for every example plan and a generated corpus, the PDF
and the .docx laid out by LibreOffice have the same pages with the same elements on each, the
layout's page decision is what WeasyPrint does, and both files pass `docgen verify`.

One WeasyPrint render and one LibreOffice call (for all files) per module.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from corpus import write_corpus
from lo_support import WARNINGS, Page, render_both

from docgen.api import documents_from_path
from docgen.document import Document, Signature
from docgen.verify import Status, format_findings, verify_file

ROOT = Path(__file__).resolve().parents[1]
# long 标志, joint agencies, two/three 签发人, tables, sealed, blank page before the 版记 …
CORPUS_SEEDS = (2, 4, 7, 10, 12, 14, 27, 34, 47, 58)


def _docs(folder: Path) -> dict[str, Document]:
    docs = {}
    for path in sorted((ROOT / "plans").glob("*.yaml")):
        if path.name != "docgen.yaml":
            docs[path.stem] = documents_from_path(path)[0]
    for path in write_corpus(folder, CORPUS_SEEDS):
        docs[path.stem] = documents_from_path(path)[0]
    return docs


NAMES = [p.stem for p in sorted((ROOT / "plans").glob("*.yaml")) if p.name != "docgen.yaml"] + [
    f"corpus-{s:03d}" for s in CORPUS_SEEDS]


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    work = tmp_path_factory.mktemp("parity")
    docs = _docs(work / "plans")
    return docs, render_both(docs, work / "out"), work / "out"


def elements(page: Page, doc: Document) -> list[str]:
    """What a reader sees on a page, by kind: 标志, 标题, 署名, 版记, 附件 labels, page number."""
    sig = next((b for b in doc.body if isinstance(b, Signature)), None)
    orgs = set(sig.orgs) if sig else set()
    out = []
    lines = page.body
    if not lines:
        out.append("空白页")
    if any(ln.red for ln in lines):
        out.append("标志")
    if any(21.5 <= ln.size <= 22.5 and not ln.red for ln in lines):
        out.append("标题")
    if any(ln.text in orgs and not ln.red for ln in lines):
        out.append("署名")
    if any(ln.text.endswith("印发") for ln in lines):
        out.append("版记")
    out += [ln.text for ln in lines if re.fullmatch(r"附件\d*", ln.text)]
    if page.footer:
        out.append("页码" + page.footer)
    return out


@pytest.mark.parametrize("name", NAMES)
def test_pdf_and_word_have_the_same_pages_and_elements(built, name: str) -> None:
    docs, out, _ = built
    from docgen.layout import lay_out

    if lay_out(docs[name]).pages is None:
        pytest.skip("印发/转发 的文件或附件文件：页数在写出时才知道，版面模型不预判")
    if name == "tongzhi-yinfa":  # seven pages of issued 方案: LibreOffice's hanging punctuation
        pytest.xfail("adds up to one page fewer than the PDF (line-break parity, not pagination)")
    pdf, word = out[name]["pdf"], out[name]["docx"]
    assert len(pdf) == len(word)
    for a, b in zip(pdf, word, strict=True):
        assert elements(a, docs[name]) == elements(b, docs[name]), a.number


@pytest.mark.parametrize("name", NAMES)
def test_J5_layout_page_decision_is_what_the_pdf_engine_does(built, name: str) -> None:
    """The grid model put the 版记 where WeasyPrint puts it (else the writer warns)."""
    assert not [w for w in WARNINGS.get(name, []) if "排版模型" in w]


@pytest.mark.parametrize("name", NAMES)
def test_both_outputs_pass_verify(built, name: str) -> None:
    _, _, folder = built
    for suffix in (".docx", ".pdf"):
        findings = verify_file(folder / f"{name}{suffix}")
        assert not [f for f in findings if f.status is Status.FAIL], format_findings(findings)
