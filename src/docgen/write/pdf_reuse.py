"""Per-process reuse of font work that repeats from one PDF to the next.

Why: a batch renders many documents with the same five faces. For every PDF, WeasyPrint 70
copies each whole face (2–6 MB, about 3 ms per document) out of HarfBuzz and cuts it with
HarfBuzz's subsetter, twice over; some faces (the 黑体 headings, the 宋体 page numbers) keep
the same glyphs in every document (about 5 ms per unit of the example batch). A face's bytes
never change, and a subset is a pure function of the face and the glyphs kept, so both are
kept here and handed back. Output is unchanged byte for byte (tests/test_pdf_reuse.py).

How it stays exact: entries are keyed by the HarfBuzz face's address, and each entry holds a
reference to that face: while the entry lives the face cannot be freed, so no other face can
get its address. The rest of a subset's key is everything `Font._harfbuzz_subset` reads: the
face index, the sorted glyph ids, hinting, and whether a .notdef outline is needed. Only the
copy `Font.__init__` makes is reused (subset results are new faces). Both tables are small
LRUs: memory stays flat over long batches.
"""

from __future__ import annotations

from collections import OrderedDict

SUPPORTED = "70.0"
MAX_SUBSETS = 32
MAX_FACES = 8  # a batch uses five to seven faces; each entry holds 2–6 MB

_subsets: OrderedDict = OrderedDict()
_faces: OrderedDict = OrderedDict()  # face address → (face reference, the face's bytes)
_in_font_init = [0]
ORIGINAL: dict = {}  # WeasyPrint's own functions, for tests that render without reuse
HITS = {"subset": 0, "face": 0}


def _remember(table: OrderedDict, key, value, limit: int) -> None:
    table[key] = value
    table.move_to_end(key)
    while len(table) > limit:
        table.popitem(last=False)


def install() -> None:
    """Wrap `Font.subset`, `Font.__init__` and its face copy once per process."""
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

    init_original = ORIGINAL["init"] = wfonts.Font.__init__
    data_original = ORIGINAL["get_hb_object_data"] = wfonts.get_hb_object_data

    def init(self, *args, **kwargs):
        _in_font_init[0] += 1
        try:
            init_original(self, *args, **kwargs)
        finally:
            _in_font_init[0] -= 1

    def get_hb_object_data(hb_object, ot_color=None, glyph=None):
        """`Font.__init__` copies the whole face (2–6 MB) out of HarfBuzz for every PDF;
        the bytes of a face never change, so the copy is made once per face."""
        if not _in_font_init[0] or ot_color is not None:
            return data_original(hb_object, ot_color, glyph)
        key = int(ffi.cast("uintptr_t", hb_object))
        hit = _faces.get(key)
        if hit is None:
            hit = (hb_object, data_original(hb_object))  # the entry keeps the face alive
            _remember(_faces, key, hit, MAX_FACES)
        else:
            _faces.move_to_end(key)
            HITS["face"] += 1
        return hit[1]

    subset._docgen_reuse = True  # type: ignore[attr-defined]
    wfonts.Font.subset = subset
    wfonts.Font.__init__ = init
    wfonts.get_hb_object_data = get_hb_object_data
