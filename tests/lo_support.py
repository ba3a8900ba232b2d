"""Render Documents to .pdf (WeasyPrint) and .docx, convert every .docx with one LibreOffice call,
and read both PDFs the same way: lines by baseline (mm from the page top), rules, footers.

Shared by the layout rule tests and the Word/PDF parity tests, so a module pays for one
soffice start whatever number of documents it checks.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import zipfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pdfplumber
from pdf_probe import group_lines

from docgen.document import Document
from docgen.write import RenderContext

MM = 72 / 25.4
FONTS_CONF = """<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  {rules}
</fontconfig>
"""
# The official names mapped to the free faces docgen's PDFs use (README: 字体).
ALIASES = {"仿宋_GB2312": "FandolFang", "楷体_GB2312": "FandolKai", "黑体": "FandolHei",
           "宋体": "FandolSong", "方正小标宋简体": "Noto Serif CJK SC",
           "Times New Roman": "FandolSong"}


HANGING = "，、：。；"  # what LibreOffice hangs past the right edge when it hangs punctuation


@dataclass
class Line:
    baseline: float  # mm from the page top
    x0: float
    x1: float
    text: str
    size: float
    red: bool
    chars: list = field(repr=False)


@dataclass
class Page:
    number: int
    lines: list[Line]
    rules: list[tuple[float, float, float, str]]  # x0, x1, y (mm), colour kind

    @property
    def body(self) -> list[Line]:
        return [ln for ln in self.lines if ln.baseline < 263]

    @property
    def footer(self) -> str:
        return "".join(ln.text for ln in self.lines if ln.baseline >= 263).replace(" ", "")


def _red(colour) -> bool:
    c = tuple(colour or ())
    if len(c) == 3:
        return c[0] > 0.8 and c[1] < 0.3 and c[2] < 0.3
    if len(c) == 4:
        return c[1] > 0.7 and c[2] > 0.7 and c[0] < 0.2
    return False


def read_pdf(path: Path) -> list[Page]:
    pages = []
    with pdfplumber.open(path) as pdf:
        for i, p in enumerate(pdf.pages, 1):
            lines = []
            for b, cs in group_lines(p):
                lines.append(Line(b, cs[0]["x0"] / MM, cs[-1]["x1"] / MM,
                                  "".join(c["text"] for c in cs),
                                  max(round(c["size"], 1) for c in cs),
                                  any(_red(c.get("non_stroking_color")) for c in cs), cs))
            rules = []
            for r in p.lines + p.rects:
                if abs(r["bottom"] - r["top"]) < 2 and r["x1"] - r["x0"] > 100 * MM:
                    col = r.get("non_stroking_color") or r.get("stroking_color")
                    rules.append((r["x0"] / MM, r["x1"] / MM, (r["top"] + r["bottom"]) / 2 / MM,
                                  "red" if _red(col) else "black"))
            pages.append(Page(i, lines, rules))
    return pages


# --- LibreOffice as an ECMA-376 client -------------------------------------------------------
# docgen's .docx states two paragraph settings that MS Word and WPS honour and LibreOffice 7.4
# does not (docs/decisions.md, "不悬挂标点"; both in writerfilter/source/dmapper/DomainMapper.cxx):
#   case NS_ooxml::LN_CT_PPrBase_overflowPunct:
#       rContext->Insert(PROP_PARA_IS_HANGING_PUNCTUATION, uno::Any(nIntValue == 0));
#   case NS_ooxml::LN_CT_PPrBase_autoSpaceDE:   break;   (and autoSpaceDN: ignored)
# The first is read inverted: our w:overflowPunct w:val="0" (ECMA: punctuation may NOT extend
# past the text extents) makes LibreOffice hang ，。 past the type area. The second is dropped,
# so LibreOffice keeps its default quarter em between hanzi and digits/Latin.
# To lay the file out as an ECMA-conforming client does, LibreOffice is given a *copy* with the
# overflowPunct value flipped, and — when the file says autoSpaceDE/DN="0" — its paragraph styles'
# ParaIsCharacterDistance is switched off through the API after loading. The shipped .docx is
# never changed; `as_is` conversions show what LibreOffice itself does with it.
_OVERFLOW = re.compile(rb'<w:overflowPunct(?: w:val="(0|1|false|true|off|on)")?/>')
_NO_AUTOSPACE = b'<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'


def ecma_copy(data: bytes) -> bytes:
    """The .docx bytes with every w:overflowPunct value flipped, for LibreOffice's inverted reading."""
    def flip(m: re.Match) -> bytes:
        on = m.group(1) in (None, b"1", b"true", b"on")
        return b'<w:overflowPunct w:val="%s"/>' % (b"0" if on else b"1")

    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename.startswith("word/") and info.filename.endswith(".xml"):
                body = _OVERFLOW.sub(flip, body)
            dst.writestr(info, body)
    return out.getvalue()


def no_autospace(data: bytes) -> bool:
    """The file's Normal style asks for no space between hanzi and digits/Latin (ECMA autoSpaceDE/DN)."""
    return _NO_AUTOSPACE in zipfile.ZipFile(io.BytesIO(data)).read("word/styles.xml")


# StarBasic run by the one soffice call: load each file, optionally switch LibreOffice's
# hanzi/Latin spacing off in every paragraph style (what w:autoSpaceDE/DN="0" asks), export a PDF.
_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub ConvertAll(sList As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot; : args(0).Value = True
  Dim f(0) As New com.sun.star.beans.PropertyValue
  f(0).Name = &quot;FilterName&quot; : f(0).Value = &quot;writer_pdf_Export&quot;
  iFile = FreeFile
  Open sList For Input As #iFile
  Do While Not EOF(iFile)
    Line Input #iFile, sLine
    parts = Split(sLine, Chr(9))
    oDoc = StarDesktop.loadComponentFromURL(ConvertToURL(parts(0)), &quot;_blank&quot;, 0, args())
    If parts(2) = &quot;1&quot; Then
      oStyles = oDoc.StyleFamilies.getByName(&quot;ParagraphStyles&quot;)
      For i = 0 To oStyles.Count - 1
        oStyles.getByIndex(i).ParaIsCharacterDistance = False
      Next
    End If
    oDoc.storeToURL(ConvertToURL(parts(1)), f())
    oDoc.close(True)
  Loop
  Close #iFile
  StarDesktop.terminate()
End Sub
</script:module>
"""
_PROFILE: list[Path] = []  # one initialised LibreOffice profile per process


def _profile(soffice: str) -> Path:
    """A LibreOffice user profile holding the conversion macro (first start rewrites user/basic)."""
    if not _PROFILE:
        import tempfile

        prof = Path(tempfile.mkdtemp(prefix="docgen-lo-"))
        subprocess.run([soffice, f"-env:UserInstallation={prof.as_uri()}", "--headless",
                        "--terminate_after_init"], check=True, capture_output=True, timeout=120)
        (prof / "user/basic/Standard/Module1.xba").write_text(_MACRO, encoding="utf-8")
        _PROFILE.append(prof)
    return _PROFILE[0]


def fonts_env(work: Path, aliases: dict[str, str] = ALIASES) -> dict[str, str]:
    """Environment whose fontconfig maps the official font names to the free faces."""
    rules = "".join(
        f'<match target="pattern"><test name="family"><string>{k}</string></test>'
        f'<edit name="family" mode="assign" binding="strong"><string>{v}</string></edit></match>'
        for k, v in aliases.items())
    (work / "fonts.conf").write_text(FONTS_CONF.format(rules=rules), encoding="utf-8")
    return dict(os.environ, FONTCONFIG_FILE=str(work / "fonts.conf"))


def convert(jobs: list[tuple[bytes, Path, bool]], work: Path,
            aliases: dict[str, str] = ALIASES) -> None:
    """Lay out .docx bytes with LibreOffice into PDFs, all in one soffice call.

    Each job is (docx bytes, PDF path, ecma): with ecma the file is laid out as an ECMA-376
    client does (see above); without, exactly as LibreOffice reads it.
    """
    import pytest

    soffice = shutil.which("soffice")
    if not soffice:
        pytest.skip("LibreOffice (soffice) is not installed")
    src = work / "lo-in"
    src.mkdir(parents=True, exist_ok=True)
    lines = []
    for i, (data, pdf_path, ecma) in enumerate(jobs):
        path = src / f"{i:04d}.docx"
        path.write_bytes(ecma_copy(data) if ecma else data)
        pdf_path.parent.mkdir(parents=True, exist_ok=True)
        lines.append(f"{path}\t{pdf_path}\t{int(ecma and no_autospace(data))}\n")
    (work / "lo-jobs.txt").write_text("".join(lines), encoding="utf-8")
    macro = f'macro:///Standard.Module1.ConvertAll("{work / "lo-jobs.txt"}")'
    subprocess.run([soffice, f"-env:UserInstallation={_profile(soffice).as_uri()}", "--headless",
                    macro], check=True, capture_output=True, env=fonts_env(work, aliases),
                   timeout=300)
    missing = [str(p) for _, p, _ in jobs if not p.exists()]
    if missing:
        raise RuntimeError(f"LibreOffice did not write {len(missing)} PDFs, e.g. {missing[0]}")


def body_texts(pages: list[Page]) -> list[str]:
    """Body lines' text: 3号, not red, inside the 版心 (title, 版头 and footers left out)."""
    return [ln.text for p in pages for ln in p.body
            if 15.5 <= ln.size <= 16.5 and not ln.red and ln.baseline > 40]


def chinese_only(text: str) -> bool:
    return not any(ch.isascii() for ch in text)


@dataclass
class Breaks:
    """Body lines of the PDF that LibreOffice breaks at the same character (same line text)."""
    same_cjk: int = 0
    total_cjk: int = 0
    same_all: int = 0
    total_all: int = 0

    def add(self, pdf: list[Page], word: list[Page], doc: Document | None = None) -> Breaks:
        """Pages of attached files are left out (`doc` names them): not docgen's typesetting,
        and Word shows an attached .pdf as pictures."""
        skip = file_pages(pdf, doc) if doc is not None and len(pdf) == len(word) else set()
        theirs = Counter(body_texts([p for p in word if p.number not in skip]))
        for t in body_texts([p for p in pdf if p.number not in skip]):
            hit = theirs[t] > 0
            theirs[t] -= hit
            self.total_all += 1
            self.same_all += hit
            if chinese_only(t):
                self.total_cjk += 1
                self.same_cjk += hit
        return self

    @property
    def cjk_share(self) -> float:
        return self.same_cjk / max(self.total_cjk, 1)

    @property
    def all_share(self) -> float:
        return self.same_all / max(self.total_all, 1)


def label_pages(pages: list[Page]) -> list[int]:
    """Numbers of the pages that open an attachment (a body line reading 附件 or 附件N)."""
    return [p.number for p in pages if any(re.fullmatch(r"附件\d*", ln.text) for ln in p.body)]


def file_pages(pages: list[Page], doc: Document) -> set[int]:
    """Pages showing an attached .pdf/.docx: after the label page of an attachment with a 文件
    up to the next label page, or to the 版记 page at the end (issued files are not told apart)."""
    labels = label_pages(pages)
    out: set[int] = set()
    files = [a.file for a in doc.attachments]
    for k, start in enumerate(labels):
        if k < len(files) and files[k]:
            end = labels[k + 1] if k + 1 < len(labels) else len(pages) + 1
            out |= {n for n in range(start + 1, end)
                    if not any(ln.text.endswith("印发") for ln in pages[n - 1].body)}
    return out


WARNINGS: dict[str, list[str]] = {}  # the writers' warnings of the last render_both, by name


def render_both(docs: dict[str, Document], work: Path, as_is: tuple[str, ...] = ()
                ) -> dict[str, dict[str, list[Page]]]:
    """{name: {"pdf": pages, "docx": pages}}: WeasyPrint PDFs and LibreOffice PDFs of the .docx.

    LibreOffice lays each .docx out as an ECMA-376 client does (`convert`); the documents named
    in `as_is` are also laid out unmodified (key "docx-as-is"), in the same soffice call.
    """
    from docgen.write import docx, pdf

    work.mkdir(parents=True, exist_ok=True)
    jobs = []
    WARNINGS.clear()
    for name, doc in docs.items():
        ctx = RenderContext()
        (work / f"{name}.pdf").write_bytes(pdf.render(doc, ctx))
        data = docx.render(doc, ctx)
        (work / f"{name}.docx").write_bytes(data)  # the shipped file, as verify reads it
        WARNINGS[name] = list(ctx.warnings)
        jobs.append((data, work / "lo" / f"{name}.pdf", True))
        if name in as_is:
            jobs.append((data, work / "lo" / f"{name}.as-is.pdf", False))
    convert(jobs, work)
    out = {name: {"pdf": read_pdf(work / f"{name}.pdf"), "docx": read_pdf(work / "lo" / f"{name}.pdf")}
           for name in docs}
    for name in as_is:
        out[name]["docx-as-is"] = read_pdf(work / "lo" / f"{name}.as-is.pdf")
    return out
