"""附件 文件 as pages: an attached .pdf or .docx turned into PDF pages both writers can place.

Why one module: both outputs must carry every attachment (issue 9, 6) and agree on how many
pages it takes. The PDF writer appends the pages themselves; the Word writer shows an attached
.pdf as full-page images and appends an attached .docx as Word content (docxcompose). What
every writer needs first is the attachment as a PDF: a .pdf as it is, a .docx converted once
by LibreOffice (private profile, timeout) and cached by the file's hash, so a rebuild gives the
same bytes and costs nothing. Without LibreOffice a .docx cannot reach the PDF: that is an
error naming the file and the fix, never a PDF with the attachment silently left out.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .document import Attachment, Issued
from .errors import DocgenError, Loc

# The document-information key naming the pages (1-based, comma-separated) that show an attached
# or issued file: `docgen verify` checks their page numbers, not their content, which is the
# file's own (its margins, fonts and colours are not docgen's typesetting).
ATTACHED_PAGES_KEY = "/DocgenAttachedPages"
# The Word file's counterpart: hidden bookmarks (a leading "_" keeps them out of Word's bookmark
# list) named so around each appended .docx.
ATTACHED_BOOKMARK = "_docgen_attached_"

CONVERT_TIMEOUT_S = 180  # LibreOffice's first start on a cold machine takes ~10 s; a hang, not
CACHE_FORMAT = "v3"  # part of converted files' names: a new conversion recipe gets new names
# v2: the .docx is converted as docgen's Word file shows it (write.docx.as_appended); v3: and
# laid out without hanzi/digit autospace, as Word lays it out (_MACRO)


@dataclass(frozen=True, slots=True)
class FilePages:
    """An attachment file as PDF pages: its PDF bytes and each page's size in pt."""

    path: Path
    pdf: bytes
    sizes: tuple[tuple[float, float], ...]  # (width, height) in pt, page by page

    @property
    def count(self) -> int:
        return len(self.sizes)

    @property
    def is_docx(self) -> bool:
        return self.path.suffix.lower() == ".docx"


def cache_dir() -> Path:
    """$XDG_CACHE_HOME/docgen/attachments, else ~/.cache/docgen/attachments."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "docgen" / "attachments"


def _where(att: Attachment) -> Loc:
    return att.loc or Loc(att.file or "")


def pages(att: Attachment, subject: str = "附件文件") -> FilePages:
    """The attachment's file as PDF pages; DocgenError when it cannot be read or converted,
    naming the file as `subject` (附件文件, 印发的文件 …)."""
    assert att.file, "pages() is for attachments with a 文件"
    path = Path(att.file)
    try:
        st = path.stat()
        return _pages(str(path), st.st_mtime_ns, st.st_size, subject)
    except OSError as exc:
        raise DocgenError(f"读不到{subject}“{path.name}”（{exc.strerror or exc}），公文没有生成："
                          "请检查文件是否存在、是否可读", _where(att)) from None
    except DocgenError as exc:
        raise DocgenError(exc.problems[0].message, _where(att)) from None


def issued_pages(issued: Issued) -> FilePages:
    """The .docx/.pdf a 通知 issues or forwards (印发/转发), as PDF pages like an attachment's:
    both writers place them after the notice and before the attachments."""
    assert issued.file, "issued_pages() is for an issued 文件"
    return pages(Attachment(issued.verb, (), file=issued.file, loc=Loc(issued.file)),
                 f"{issued.verb}的文件")


@lru_cache(maxsize=32)  # by path and stat: a batch attaching one file reads and hashes it once
def _pages(path: str, mtime_ns: int, size: int, subject: str) -> FilePages:
    suffix = Path(path).suffix.lower()
    data = Path(path).read_bytes()
    if suffix == ".pdf":
        pdf = data
    elif suffix == ".docx":
        pdf = docx_to_pdf(Path(path), data, subject)
    else:
        raise DocgenError(f"{subject}“{Path(path).name}”不是 .docx 或 .pdf：请改用这两种文件之一")
    return FilePages(Path(path), pdf, page_sizes(pdf, Path(path).name, subject))


def page_sizes(pdf: bytes, name: str, subject: str = "附件文件") -> tuple[tuple[float, float], ...]:
    """Each page's displayed size in pt (rotation applied), read with pypdf."""
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(pdf))
        out = []
        for page in reader.pages:
            w, h = float(page.mediabox.width), float(page.mediabox.height)
            if (page.rotation or 0) % 180:
                w, h = h, w
            out.append((w, h))
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise DocgenError(f"{subject}“{name}”不是完好的 PDF（{exc}）：请用原程序重新导出 PDF") from None
    if not out:
        raise DocgenError(f"{subject}“{name}”没有任何页面：请检查文件内容")
    return tuple(out)


def soffice() -> str | None:
    """LibreOffice's command, when installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def cannot_convert(path: Path) -> bool:
    """Whether a PDF build would fail on this file for want of LibreOffice: a .docx that is
    not converted in the cache yet, on a machine without soffice (check warns before build)."""
    if path.suffix.lower() != ".docx" or soffice() is not None:
        return False
    try:
        data = path.read_bytes()
    except OSError:
        return False  # unreadable files are the loader's error, not this warning
    return not _cached_pdf(data).is_file()


def _cached_pdf(data: bytes) -> Path:
    """Where the conversion of a .docx with these bytes is kept (named by its hash)."""
    return cache_dir() / f"{CACHE_FORMAT}-{hashlib.sha256(data).hexdigest()}.pdf"


def docx_to_pdf(path: Path, data: bytes, subject: str = "附件文件") -> bytes:
    """The .docx as PDF: from the cache, else converted once by LibreOffice headless."""
    cached = _cached_pdf(data)
    if cached.is_file():
        return cached.read_bytes()
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        lock = open(cached.with_suffix(".lock"), "w")  # noqa: SIM115 (closed below)
    except OSError:  # no usable cache (read-only home): convert every time
        return _convert(path, as_word_shows(path, data, subject), subject)
    # One conversion per file at a time across worker processes: LibreOffice's PDF differs from
    # run to run (dates, IDs), so every document must take the one cached result.
    with lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if cached.is_file():
            return cached.read_bytes()
        pdf = _convert(path, as_word_shows(path, data, subject), subject)
        tmp_file = cached.with_name(f".{cached.name}.{os.getpid()}.tmp")
        tmp_file.write_bytes(pdf)
        os.replace(tmp_file, cached)
        return pdf


def as_word_shows(path: Path, data: bytes, subject: str) -> bytes:
    """The .docx appended to docgen's styles and page set-up, as the Word file shows it: what
    the PDF shows and layout counts, so both outputs agree on its look and pages (issue 9)."""
    import zipfile

    from .write.docx import as_appended

    try:
        return _overflow_flipped(as_appended(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocgenError(f"{subject}“{path.name}”不是完好的 Word 文件（{exc}）：请在 Word/WPS 里打开后另存为 .docx，"
                          "或另存为 PDF 后改用 .pdf 文件") from None


def _overflow_flipped(data: bytes) -> bytes:
    """docgen's styles say w:overflowPunct="0" (no punctuation past the right edge, ECMA-376);
    LibreOffice 7.4 reads the flag inverted (writerfilter DomainMapper: PARA_IS_HANGING_
    PUNCTUATION = value == 0) and hangs ，。 past the 版心. The copy it converts says "1", which
    it reads as no hanging — what Word does with the shipped file (tests/lo_support.py)."""
    import io
    import zipfile

    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            body = src.read(info)
            if info.filename == "word/styles.xml":
                body = body.replace(b'<w:overflowPunct w:val="0"/>', b'<w:overflowPunct w:val="1"/>')
            dst.writestr(info, body)
    return out.getvalue()


def _fonts_conf(project_dir: Path) -> str:
    """A fontconfig file for the conversion: the system's configuration, plus each official
    face name docgen's PDF draws with another face (仿宋_GB2312 → FandolFang …) mapped to that
    face, so the converted pages use the PDF's faces instead of fontconfig's fallback (a sans
    face for 仿宋). Project fonts' folders are added."""
    from xml.sax.saxutils import escape

    from .fonts.roles import resolve

    try:
        roles = resolve(project_dir).roles.values()
    except DocgenError:
        roles = ()
    dirs = sorted({str(rf.face.path.parent) for rf in roles})
    rules = "".join(
        f'<match target="pattern"><test name="family"><string>{escape(rf.wanted)}</string></test>'
        f'<edit name="family" mode="assign" binding="strong"><string>{escape(rf.face.names[0])}'
        "</string></edit></match>" for rf in roles if rf.substituted and rf.face.names)
    return ('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
            '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
            + "".join(f"<dir>{escape(d)}</dir>" for d in dirs) + rules + "</fontconfig>")


# StarBasic run by the conversion: docgen's styles say w:autoSpaceDE/DN="0" (no space between
# hanzi and digits/Latin, as Word lays the appended file out); LibreOffice 7.4's DOCX import
# drops the flag, so the macro switches its ParaIsCharacterDistance off in every paragraph
# style before exporting the PDF (tests/lo_support.py lays Word files out the same way).
_MACRO = """<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD OfficeDocument 1.0//EN" "module.dtd">
<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Module1"
 script:language="StarBasic">
Sub Convert(sIn As String, sOut As String)
  Dim args(0) As New com.sun.star.beans.PropertyValue
  args(0).Name = &quot;Hidden&quot; : args(0).Value = True
  Dim f(0) As New com.sun.star.beans.PropertyValue
  f(0).Name = &quot;FilterName&quot; : f(0).Value = &quot;writer_pdf_Export&quot;
  oDoc = StarDesktop.loadComponentFromURL(ConvertToURL(sIn), &quot;_blank&quot;, 0, args())
  oStyles = oDoc.StyleFamilies.getByName(&quot;ParagraphStyles&quot;)
  For i = 0 To oStyles.Count - 1
    oStyles.getByIndex(i).ParaIsCharacterDistance = False
  Next
  oDoc.storeToURL(ConvertToURL(sOut), f())
  oDoc.close(True)
  StarDesktop.terminate()
End Sub
</script:module>
"""


def _convert(path: Path, data: bytes, subject: str) -> bytes:
    """One LibreOffice headless conversion in a private profile (started once to create it,
    then running the conversion macro), with a timeout."""
    exe = soffice()
    if exe is None:
        raise DocgenError(
            f"{subject}“{path.name}”是 Word 文件，生成 PDF 时要用 LibreOffice 把它转成 PDF，但本机没有安装 "
            "LibreOffice：请安装（Debian/Ubuntu：sudo apt-get install libreoffice-writer），"
            "或把它另存为 PDF 后改用 .pdf 文件；只生成 Word 文件时可用 --format docx")
    with tempfile.TemporaryDirectory(prefix="docgen-lo-") as tmp:
        work = Path(tmp)
        src, out = work / "in.docx", work / "in.pdf"
        src.write_bytes(data)
        (work / "fonts.conf").write_text(_fonts_conf(path.parent), encoding="utf-8")
        env = dict(os.environ, FONTCONFIG_FILE=str(work / "fonts.conf"))
        profile = [exe, f"-env:UserInstallation={(work / 'profile').as_uri()}", "--headless",
                   "--norestore", "--nologo"]
        _run(profile + ["--terminate_after_init"], env, path, subject)
        module = work / "profile/user/basic/Standard/Module1.xba"
        if module.parent.is_dir():
            module.write_text(_MACRO, encoding="utf-8")
            _run(profile + [f'macro:///Standard.Module1.Convert("{src}","{out}")'], env, path, subject)
        if not out.is_file():  # no Basic in this LibreOffice: a plain conversion
            _run(profile + ["--convert-to", "pdf", "--outdir", str(work), str(src)], env, path, subject)
        if not out.is_file():
            raise DocgenError(f"LibreOffice 没能把{subject}“{path.name}”转成 PDF：请在 Word/LibreOffice "
                              "里打开检查，或另存为 PDF 后改用 .pdf 文件")
        return out.read_bytes()


def _run(cmd: list[str], env: dict[str, str], path: Path, subject: str) -> None:
    """soffice in its own session: on a timeout the whole LibreOffice process group goes, not
    just the launcher script (soffice.bin would otherwise keep running)."""
    import signal
    import subprocess  # here: a build without .docx attachments never starts a process (~10 ms)

    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True, env=env)
    try:
        proc.wait(timeout=CONVERT_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
        raise DocgenError(f"LibreOffice 转换{subject}“{path.name}”超过 {CONVERT_TIMEOUT_S} 秒没有完成："
                          "请在 Word/LibreOffice 里把它另存为 PDF，改用 .pdf 文件") from None
