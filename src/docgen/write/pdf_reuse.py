"""Per-process reuse of font subsets that repeat from one PDF to the next.

Why: a batch renders many documents with the same five faces, and some of them (the 黑体
headings, the 宋体 page numbers) draw the same glyphs in every document. WeasyPrint 70 cuts
every face with HarfBuzz's subsetter, twice over, for every PDF (about 5 ms per unit of the
example batch go to the two faces that repeat). The result is a pure function of the face
and the glyphs kept, so it is kept here and handed back when the same face keeps the same
glyphs. Output is unchanged byte for byte (tests/test_pdf_reuse.py renders with and without).

How it stays exact: a subset is keyed by the HarfBuzz face's address, and the entry holds a
reference to that face: while the entry lives the face cannot be freed, so no other face can
get its address. The rest of the key is everything `Font._harfbuzz_subset` reads: the face
index, the sorted glyph ids, hinting, and whether a .notdef outline is needed. The table is
a small LRU: memory stays flat over long batches.
"""

from __future__ import annotations

from collections import OrderedDict

SUPPORTED = "70.0"
MAX_SUBSETS = 32

_subsets: OrderedDict = OrderedDict()
ORIGINAL: dict = {}  # WeasyPrint's own functions, for tests that render without reuse
HITS = {"subset": 0}


def _remember(table: OrderedDict, key, value, limit: int) -> None:
    table[key] = value
    table.move_to_end(key)
    while len(table) > limit:
        table.popitem(last=False)


def install() -> None:
    """Wrap `Font.subset` once per process."""
    import weasyprint
    from weasyprint.pdf import fonts as wfonts
    from weasyprint.text.ffi import ffi

    if weasyprint.__version__ != SUPPORTED:
        raise RuntimeError(f"docgen 的字体复用补丁只支持 WeasyPrint {SUPPORTED}，"
                           f"当前为 {weasyprint.__version__}")
    if getattr(wfonts.Font.subset, "_docgen_reuse", False):
        return
    subset_original = ORIGINAL["subset"] = wfonts.Font.subset

    def subset(self, to_unicode, hinting):
        if not to_unicode:
            return subset_original(self, to_unicode, hinting)
        key = (int(ffi.cast("uintptr_t", self.hb_face)), self.index, bool(hinting),
               bool(self.missing), tuple(sorted(to_unicode)))
        hit = _subsets.get(key)
        if hit is not None:
            _subsets.move_to_end(key)
            HITS["subset"] += 1
            self.file_content = hit[1]
            return None
        before = self.file_content
        subset_original(self, to_unicode, hinting)
        if self.file_content is not before:  # HarfBuzz succeeded; failures are not kept
            _remember(_subsets, key, (self.hb_face, self.file_content), MAX_SUBSETS)
        return None

    subset._docgen_reuse = True  # type: ignore[attr-defined]
    wfonts.Font.subset = subset
