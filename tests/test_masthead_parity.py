"""The 版头 sits at the same height in the PDF and in the .docx as LibreOffice lays it out
(issue 9): layout decides the 标志's top (an exact line of the 标志's size, top_mm below the
版心 top) and its block height once; both writers render that, so the 标志's baselines, the
发文字号 and the red rule agree within 0.5 mm.

Measured by baseline (never pdfplumber's `top`, which depends on the descent each PDF producer
writes into the font descriptor). One WeasyPrint render and one soffice call for the module.
"""

from __future__ import annotations

import pytest
from corpus import write_corpus
from lo_support import render_both

from docgen.api import documents_from_path

TOL_MM = 0.5
# 195: a long 标志 condensed to 27.5 pt at 80 %; 2: three agencies stacked beside 文件
SEEDS = {"long-condensed": 195, "joint": 2}


@pytest.fixture(scope="module")
def both(tmp_path_factory):
    work = tmp_path_factory.mktemp("masthead")
    docs = {}
    for kind, seed in SEEDS.items():
        (path,) = write_corpus(work / "plans", [seed])
        docs[kind] = documents_from_path(path)[0]
    return render_both(docs, work / "out")


def _red_baselines(pages) -> list[float]:
    return [ln.baseline for ln in pages[0].lines if ln.red]


def _rule(pages) -> float:
    return next(y for _x0, _x1, y, kind in pages[0].rules if kind == "red")


@pytest.mark.parametrize("kind", SEEDS)
def test_H4_mark_lines_at_the_same_height_in_pdf_and_word(both, kind) -> None:
    pdf, word = _red_baselines(both[kind]["pdf"]), _red_baselines(both[kind]["docx"])
    assert len(pdf) == len(word) >= 1
    assert all(abs(a - b) <= TOL_MM for a, b in zip(pdf, word, strict=True)), (pdf, word)


@pytest.mark.parametrize("kind", SEEDS)
def test_H7_red_rule_at_the_same_height_in_pdf_and_word(both, kind) -> None:
    pdf, word = _rule(both[kind]["pdf"]), _rule(both[kind]["docx"])
    assert abs(pdf - word) <= TOL_MM, (pdf, word)
