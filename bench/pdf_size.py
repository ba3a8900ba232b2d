"""PDF size and render time: docgen as it is against variants of how fonts are embedded.

Run: .venv/bin/python bench/pdf_size.py [plan.yaml ...] [-n 5]

The pre-cut role fonts (docgen.fonts, HarfBuzz, CFF kept) are subset again by WeasyPrint for
each document. Variants, each measured in this run against docgen as it is (same process,
rounds alternating):
- zlib-9: pydyf's own compression level 9 (docgen caps it at 6, write/pdf.py);
- keep-subrs: WeasyPrint's subset without HarfBuzz's DESUBROUTINIZE flag;
- drop-vertical: WeasyPrint's subset also drops vhea/vmtx/VORG (vertical metrics; docgen sets
  no vertical text) and GDEF.
Prints bytes and median CPU ms per PDF, each as a ratio to as-is, then what the glyph slots
WeasyPrint keeps (RETAIN_GIDS: a document's glyphs keep their ids in the 7000-glyph cut font)
cost per font, measured with uharfbuzz on the same glyphs.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
import zlib
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))


def _subset_patch(desubroutinize: bool, extra_drop: tuple[bytes, ...]):
    """WeasyPrint 70's Font._harfbuzz_subset with two knobs (same two passes otherwise)."""
    from weasyprint.pdf import fonts as wf
    from weasyprint.text.ffi import ffi, harfbuzz
    from weasyprint.text.ffi import harfbuzz_subset as hbs

    def _subset(self, to_unicode, hinting):
        inp = ffi.gc(hbs.hb_subset_input_create_or_fail(), hbs.hb_subset_input_destroy)
        gids = hbs.hb_subset_input_glyph_set(inp)
        arr = ffi.new(f"hb_codepoint_t[{len(to_unicode)}]", sorted(to_unicode))
        harfbuzz.hb_set_add_sorted_array(gids, arr, len(to_unicode))
        desub = hbs.HB_SUBSET_FLAGS_DESUBROUTINIZE if desubroutinize else 0
        flags = hbs.HB_SUBSET_FLAGS_RETAIN_GIDS | hbs.HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED | desub
        if self.missing:
            flags |= hbs.HB_SUBSET_FLAGS_NOTDEF_OUTLINE
        hbs.hb_subset_input_set_flags(inp, flags)
        drop = hbs.hb_subset_input_set(inp, hbs.HB_SUBSET_SETS_DROP_TABLE_TAG)
        names = (b"BASE", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"GPOS", b"GSUB", b"JSTF", b"LTSH",
                 b"PCLT", b"SVG ", *extra_drop)
        tags = sorted(harfbuzz.hb_tag_from_string(n, -1) for n in names)
        harfbuzz.hb_set_add_sorted_array(drop, ffi.new(f"hb_codepoint_t[{len(tags)}]", tags), len(tags))
        face = ffi.gc(hbs.hb_subset_or_fail(self.hb_face, inp), harfbuzz.hb_face_destroy)
        gids = hbs.hb_subset_input_glyph_set(inp)
        keep = tuple(range(max(to_unicode) + 1))
        harfbuzz.hb_set_add_sorted_array(gids, ffi.new(f"hb_codepoint_t[{len(keep)}]", keep), len(keep))
        flags = hbs.HB_SUBSET_FLAGS_PASSTHROUGH_UNRECOGNIZED | desub
        if not hinting:
            flags |= hbs.HB_SUBSET_FLAGS_NO_HINTING
        if self.missing:
            flags |= hbs.HB_SUBSET_FLAGS_NOTDEF_OUTLINE
        hbs.hb_subset_input_set_flags(inp, flags)
        face = ffi.gc(hbs.hb_subset_or_fail(face, inp), harfbuzz.hb_face_destroy)
        data = wf.get_hb_object_data(face) if face else None
        if data:
            self.file_content = data

    return wf.Font, "_harfbuzz_subset", _subset


def _zlib9():
    import types

    import pydyf
    return pydyf, "zlib", types.SimpleNamespace(compress=zlib.compress, compressobj=zlib.compressobj)


@contextmanager
def patched(target):
    if target is None:
        yield
        return
    obj, name, value = target
    old = getattr(obj, name)
    setattr(obj, name, value)
    try:
        yield
    finally:
        setattr(obj, name, old)


VARIANTS = {
    "as-is": lambda: None,
    "zlib-9": _zlib9,
    "keep-subrs": lambda: _subset_patch(False, ()),
    "drop-vertical": lambda: _subset_patch(True, (b"GDEF", b"VORG", b"vhea", b"vmtx")),
}


def retained_slots(doc) -> None:
    """Compressed bytes of each role font subset with and without WeasyPrint's RETAIN_GIDS."""
    import uharfbuzz as hb

    from docgen import fonts as fontmod
    from docgen.write import RenderContext
    from docgen.write import html as htmlw

    fs = fontmod.resolve(htmlw.project_dir(doc, RenderContext()), doc.options.fonts)
    text = {ord(c) for c in repr(doc)}
    seen = set()
    for role, rf in fs.roles.items():
        path = rf.cut_file()
        if path in seen:
            continue
        seen.add(path)
        face = hb.Face(hb.Blob.from_file_path(str(path)), 0)
        font = hb.Font(face)
        gids = sorted({g for c in text if (g := font.get_nominal_glyph(c))})
        sizes = []
        for retain in (True, False):
            inp = hb.SubsetInput()
            for g in gids:
                inp.glyph_set.add(g)
            inp.flags = ((hb.SubsetFlags.RETAIN_GIDS if retain else 0) | hb.SubsetFlags.NO_HINTING
                         | hb.SubsetFlags.PASSTHROUGH_UNRECOGNIZED | hb.SubsetFlags.DESUBROUTINIZE)
            sizes.append(len(zlib.compress(hb.subset(face, inp).blob.data, 6)))
        print(f"  {role.value}: {Path(path).name}, {face.glyph_count} glyphs, {len(gids)} used: "
              f"{sizes[0] / 1024:.0f} KiB with ids kept, {sizes[1] / 1024:.0f} KiB renumbered")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("plans", nargs="*", default=["plans/workplan-jiguan.yaml"])
    ap.add_argument("-n", type=int, default=5)
    args = ap.parse_args()
    from docgen.compose import compose
    from docgen.load.plan import load_plan
    from docgen.write import RenderContext, get_writer

    render = get_writer("pdf")
    for plan_path in args.plans:
        plan = load_plan(ROOT / plan_path)
        doc = compose(plan)
        results: dict[str, tuple[int, list[float]]] = {}
        for _ in range(args.n + 1):  # the first round warms fonts and stylesheets
            for name, make in VARIANTS.items():
                with patched(make()):
                    t = time.process_time()
                    out = render(doc, RenderContext(project_dir=plan.project_dir))
                    dt = time.process_time() - t
                size, times = results.setdefault(name, (len(out), []))
                times.append(dt)
        print(f"{plan_path} (median of {args.n}):")
        base_size, base_times = results["as-is"]
        base_ms = statistics.median(base_times[1:]) * 1000
        for name, (size, times) in results.items():
            ms = statistics.median(times[1:]) * 1000
            print(f"  {name:14} {size:9d} bytes ({size / base_size:.3f})  {ms:6.0f} ms CPU "
                  f"({ms / base_ms:.2f})")
        print("  glyph slots kept by RETAIN_GIDS, per font, were all the document's characters "
              "drawn in it (zlib 6):")
        retained_slots(doc)


if __name__ == "__main__":
    main()
