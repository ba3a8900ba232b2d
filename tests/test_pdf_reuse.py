"""Per-process reuse of font work (write/pdf_reuse.py): faster, and not a byte different."""

from __future__ import annotations

from pathlib import Path

from docgen.api import documents_from_path
from docgen.write import RenderContext, pdf, pdf_reuse

BATCH = Path(__file__).resolve().parents[1] / "plans" / "batch" / "towns-flood.yaml"


def test_reused_faces_and_subsets_leave_pdf_bytes_unchanged(monkeypatch):
    from weasyprint.pdf import fonts as wfonts

    docs = documents_from_path(BATCH)[:2]  # two towns: same headings, other names
    ctx = RenderContext(project_dir=BATCH.parent)
    pdf.render(docs[0], ctx)  # installs the patch and fills the tables
    before = dict(pdf_reuse.HITS)
    reused = pdf.render(docs[1], ctx)
    assert pdf_reuse.HITS["subset"] > before["subset"], "the 黑体/页码 subsets are reused"
    assert pdf_reuse.HITS["face"] >= before["face"] + 5, "every face's bytes are reused"
    monkeypatch.setattr(wfonts.Font, "subset", pdf_reuse.ORIGINAL["subset"])
    monkeypatch.setattr(wfonts.Font, "__init__", pdf_reuse.ORIGINAL["init"])
    monkeypatch.setattr(wfonts, "get_hb_object_data", pdf_reuse.ORIGINAL["get_hb_object_data"])
    assert pdf.render(docs[1], ctx) == reused
