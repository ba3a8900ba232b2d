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


def test_forked_worker_writes_font_faces_to_a_folder_of_its_own():
    """After prime() the parent's @font-face folder exists; a forked worker must not share it
    (WeasyPrint skips a face whose file is there, though the worker's fontconfig lacks it)."""
    import os

    doc = documents_from_path(BATCH)[0]
    pdf.prime(doc, RenderContext(project_dir=BATCH.parent))
    fc = pdf._state["font_config"]
    assert fc._folder is not None
    read, write = os.pipe()
    child = os.fork()
    if child == 0:  # pragma: no cover - the child reports through the pipe and leaves
        os.write(write, b"own" if fc._folder is None else b"shared")
        os._exit(0)
    os.close(write)
    os.waitpid(child, 0)
    assert os.read(read, 16) == b"own"
