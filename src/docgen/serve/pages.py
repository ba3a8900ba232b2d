"""The preview's HTML: the index, a plan's page with its problems and source lines, and the
document frame flowed into A4 sheets (numbers from docgen.layout) with page numbers."""

from __future__ import annotations

import html
import re
from collections.abc import Callable
from http import HTTPStatus
from pathlib import Path
from urllib.parse import quote, unquote

from .. import standard as L
from ..errors import Loc, Problem
from .site import Rendered, Site

MAX_PROBLEMS_SHOWN = 30  # as `docgen check` prints: a plan with 10,000 errors is one long page

# --- HTML ------------------------------------------------------------------------------

_E = html.escape
_GAP_MM = 10  # grey space between sheets
_EDGE_MM = 6  # grey space before the first sheet

BASE_CSS = """
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", sans-serif; margin: 0; color: #222;
       background: #f4f4f4; }
header.bar { position: sticky; top: 0; z-index: 2; display: flex; gap: 12px; align-items: center;
       padding: 8px 16px; background: #fff; border-bottom: 1px solid #ccc; min-height: 32px; }
header.bar h1 { font-size: 16px; margin: 0; flex: 1; overflow: hidden; text-overflow: ellipsis;
       white-space: nowrap; }
a { color: #0b57d0; }
a.btn { padding: 4px 10px; border: 1px solid #0b57d0; border-radius: 4px; text-decoration: none;
       white-space: nowrap; }
a.btn.off { color: #999; border-color: #ccc; pointer-events: none; }
.status { padding: 2px 8px; border-radius: 10px; font-size: 13px; white-space: nowrap; }
.status.ok { background: #e6f4ea; color: #137333; }
.status.bad { background: #fce8e6; color: #c5221f; }
main.wrap { padding: 16px 24px; }
table.plans { border-collapse: collapse; background: #fff; }
table.plans th, table.plans td { border: 1px solid #ddd; padding: 6px 12px; text-align: left; }
section.problems { background: #fff; border-left: 4px solid #c5221f; padding: 8px 16px;
       margin: 16px 24px; }
section.notices { background: #fff; border-left: 4px solid #e37400; padding: 4px 16px;
       margin: 16px 24px; }
.problem .msg { font-family: monospace; white-space: pre-wrap; margin: 12px 0 4px; }
pre.src { background: #f8f8f8; border: 1px solid #eee; padding: 6px 8px; margin: 0;
       overflow-x: auto; font-size: 14px; line-height: 1.5; }
pre.src .hit { background: #fce8e6; display: inline-block; min-width: 100%; }
pre.src mark { background: #f4b400; }
iframe#doc { position: fixed; top: 49px; left: 0; width: 100%; height: calc(100% - 49px);
       border: 0; background: #d9d9d9; }
"""


def sheet_css() -> str:
    """Screen CSS that flows the document into A4 sheets side by side, one 版心 per column.

    Multi-column layout with a fixed column height breaks lines exactly where a page would,
    so the preview shows where each page ends; the numbers come from docgen.layout.
    """
    m = L.MARGIN_MM
    gap = m["right"] + _GAP_MM + m["left"]
    period = L.PAGE_W_MM + _GAP_MM
    return f"""
@media screen {{
  html {{
    background-color: #d9d9d9;
    background-image: linear-gradient(to right, #fff {L.PAGE_W_MM}mm, transparent {L.PAGE_W_MM}mm);
    background-size: {period}mm {L.PAGE_H_MM}mm; background-repeat: repeat-x;
    background-position: {_EDGE_MM}mm {_EDGE_MM}mm;
  }}
  body {{
    box-sizing: content-box; width: {L.BODY_W_MM}mm; height: {L.BODY_H_MM}mm;
    margin: 0; background: transparent; box-shadow: none;
    padding: {_EDGE_MM + m["top"]}mm 0 {_EDGE_MM + m["bottom"]}mm {_EDGE_MM + m["left"]}mm;
    column-width: {L.BODY_W_MM}mm; column-gap: {gap}mm; column-fill: auto;
  }}
  section.attachment {{ margin-top: 0; padding-top: 0; border-top: 0; break-before: column; }}
  footer.colophon {{ margin-top: 0; }}
  footer.colophon.colophon-left, footer.colophon.colophon-page {{ break-before: column; }}
  .docgen-page-no {{ position: absolute; font-size: {L.PAGE_NO_PT}pt; line-height: 1;
    top: {_EDGE_MM + L.PAGE_NO_DASH_Y_MM - L.PAGE_NO_PT / L.MM_PT / 2:.2f}mm; }}
}}
"""


def sheet_script() -> str:
    """Page numbers on the sheets (odd right, even left), placed once the columns exist."""
    m = L.MARGIN_MM
    return f"""
<script>
(function () {{
  function number() {{
    var mm = 96 / 25.4, period = {L.PAGE_W_MM + _GAP_MM} * mm, root = document.documentElement;
    document.querySelectorAll('.docgen-page-no').forEach(function (e) {{ e.remove(); }});
    var used = document.body.scrollWidth + {_EDGE_MM + m["left"]} * mm;
    var n = Math.max(1, Math.ceil((used - {_EDGE_MM} * mm) / period));
    for (var i = 0; i < n; i++) {{
      var e = document.createElement('div');
      e.className = 'docgen-page-no';
      e.textContent = '— ' + (i + 1) + ' —';
      var x0 = {_EDGE_MM} * mm + i * period;
      if (i % 2 === 0) {{
        e.style.left = (x0 + {m["left"] + L.BODY_W_MM} * mm) + 'px';
        e.style.transform = 'translateX(-100%) translateX(-{L.PAGE_NO_INSET_MM:.2f}mm)';
      }} else {{
        e.style.left = (x0 + {m["left"] + L.PAGE_NO_INSET_MM:.2f} * mm) + 'px';
      }}
      root.appendChild(e);
    }}
    root.setAttribute('data-sheets', String(n));
  }}
  window.addEventListener('load', function () {{
    number();
    if (document.fonts) document.fonts.ready.then(number);
  }});
}})();
</script>
"""


_FONT_URL = re.compile(r"""url\(\s*(["']?)file://([^"')]+?\.(?:ttf|otf|ttc|otc|woff2?))\1\s*\)""", re.I)


def localize_fonts(page: str, font_url: Callable[[Path], str]) -> str:
    """The writer embeds fonts by file:// URL (for WeasyPrint); a browser on http:// may not
    load those, and the preview would then break lines with other fonts than the PDF."""

    def swap(m: re.Match[str]) -> str:
        path = Path(unquote(m.group(2)))
        return f'url("{font_url(path)}")' if path.is_file() else m.group(0)

    return _FONT_URL.sub(swap, page)


def inject_sheets(page: str) -> str:
    """Add the sheet CSS and page numbers to the HTML writer's page, after its own styles."""
    extra = f"<style>{sheet_css()}</style>\n{sheet_script()}"
    i = page.lower().rfind("</head>")
    return page[:i] + extra + page[i:] if i >= 0 else extra + page


def page(title: str, body: str, events: str | None = None, bar: str = "") -> str:
    """An outer page of the preview; `events` is the stream URL that triggers a reload."""
    script = ""
    if events:
        script = f"""<script>
(function () {{
  var key = 'docgen-scroll:' + location.pathname, frame = document.getElementById('doc');
  if (frame) frame.addEventListener('load', function () {{
    var s = JSON.parse(sessionStorage.getItem(key) || 'null');
    if (s) frame.contentWindow.scrollTo(s[0], s[1]);
  }});
  var es = new EventSource({_js(events)});
  es.addEventListener('change', function () {{
    es.close();
    if (frame && frame.contentWindow) {{
      var w = frame.contentWindow;
      sessionStorage.setItem(key, JSON.stringify([w.scrollX, w.scrollY]));
    }}
    location.reload();
  }});
}})();
</script>"""
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{_E(title)}</title><style>{BASE_CSS}</style></head>
<body>{bar}{body}{script}</body></html>"""


def _js(s: str) -> str:
    import json

    return json.dumps(s).replace("<", "\\u003c")


def url_of(prefix: str, rel: str) -> str:
    return f"/{prefix}/{quote(rel, safe='/')}"


def index_page(site: Site, rows: list[tuple[str, Rendered]], current: str) -> str:
    if rows:
        lines = []
        for rel, r in rows:
            cls = "ok" if r.ok else "bad"
            lines.append(
                f'<tr><td><a href="{_E(url_of("p", rel))}">{_E(rel)}</a></td>'
                f"<td>{_E(r.title or '（无标题）')}</td><td>{_E(r.kind or '—')}</td>"
                f'<td><span class="status {cls}">{_E(r.status)}</span></td></tr>')
        table = ('<table class="plans"><thead><tr><th>文件</th><th>标题</th><th>文种</th>'
                 f"<th>状态</th></tr></thead><tbody>{''.join(lines)}</tbody></table>")
    else:
        table = "<p>这个文件夹里还没有计划。用 <code>docgen new 工作方案</code> 新建一个。</p>"
    bar = f'<header class="bar"><h1>docgen 预览：{_E(str(site.root))}</h1></header>'
    body = f'<main class="wrap">{table}<p>保存计划后，本页会自动刷新。</p></main>'
    return page("docgen 预览", body, f"/events/?v={current}", bar)


def plan_page(site: Site, rel: str, r: Rendered) -> str:
    q = quote(rel, safe="/")
    buttons = []
    for fmt, label in (("docx", "下载 Word（.docx）"), ("pdf", "下载 PDF")):
        cls = "btn" if r.ok else "btn off"
        tip = "" if r.ok else ' title="计划有错误，改好后才能下载"'
        buttons.append(f'<a class="{cls}" id="download-{fmt}" href="/download/{fmt}/{_E(q)}"{tip}>'
                       f"{label}</a>")
    cls = "ok" if r.ok else "bad"
    bar = (f'<header class="bar"><a href="/">← 全部计划</a>'
           f'<h1 title="{_E(rel)}">{_E(r.title or rel)}</h1>'
           f'<span class="status {cls}" id="status">{_E(r.status)}</span>{"".join(buttons)}</header>')
    parts = []
    if r.notices:
        items = "".join(f'<p class="msg">{_E(str(p))}</p>' for p in r.notices)
        parts.append(f'<section class="notices">{items}</section>')
    if r.ok:
        parts.append(f'<iframe id="doc" src="{_E(url_of("doc", rel))}?v={r.stamp}" '
                     f'title="公文预览"></iframe>')
    else:
        parts.append(problems_html(site, r.errors))
    return page(f"{r.title or rel} — docgen 预览", "".join(parts),
                f"{url_of('events', rel)}?v={r.stamp}", bar)


def missing_page(rel: str, current: str) -> str:
    body = (f'<section class="problems"><p>找不到计划“{_E(rel)}”。如果正在保存，稍等片刻本页会自动刷新。'
            '</p><p><a href="/">← 全部计划</a></p></section>')
    return page("找不到计划 — docgen 预览", body, f"{url_of('events', rel)}?v={current}")


def problems_html(site: Site, problems: list[Problem]) -> str:
    """Each problem as the CLI prints it, with the offending lines of the source below it."""
    out = [f'<section class="problems" id="problems"><h2>计划有 {len(problems)} 个错误</h2>'
           "<p>改好并保存后，本页会自动刷新。</p>"]
    texts: dict[Path, list[str] | None] = {}
    for p in problems[:MAX_PROBLEMS_SHOWN]:
        out.append(f'<div class="problem"><p class="msg">{_E(str(p))}</p>')
        src = _source_lines(site, p.loc, texts)
        if src:
            out.append(src)
        out.append("</div>")
    if len(problems) > MAX_PROBLEMS_SHOWN:
        out.append(f"<p>……另有 {len(problems) - MAX_PROBLEMS_SHOWN} 条未列出：先改好上面这些。</p>")
    out.append("</section>")
    return "".join(out)


def _source_lines(site: Site, loc: Loc | None, texts: dict[Path, list[str] | None]) -> str:
    """Two lines either side of loc, the line itself highlighted; only files under the root."""
    if loc is None or not loc.line:
        return ""
    path = Path(loc.file)
    path = (path if path.is_absolute() else Path.cwd() / path).resolve()
    if not site.inside(path):
        return ""
    if path not in texts:
        try:
            texts[path] = path.read_bytes().decode("utf-8", "replace").splitlines()
        except OSError:
            texts[path] = None
    lines = texts[path]
    if not lines or loc.line > len(lines):
        return ""
    rows = []
    width = len(str(min(len(lines), loc.line + 2)))
    for n in range(max(1, loc.line - 2), min(len(lines), loc.line + 2) + 1):
        text = lines[n - 1].replace("\t", "→")
        if n == loc.line:
            c = max(0, loc.col - 1)
            if c < len(text):
                text_html = f"{_E(text[:c])}<mark>{_E(text[c])}</mark>{_E(text[c + 1:])}"
            else:
                text_html = _E(text)
            rows.append(f'<span class="hit">{n:>{width}} │ {text_html}</span>')
        else:
            rows.append(f"{n:>{width}} │ {_E(text)}")
    return f'<pre class="src">{chr(10).join(rows)}</pre>'


def message_page(status: HTTPStatus, message: str) -> str:
    body = (f'<section class="problems"><h2>{status.value} {_E(status.phrase)}</h2>'
            f'<p>{_E(message)}</p><p><a href="/">← 全部计划</a></p></section>')
    return page(f"{status.value} — docgen 预览", body)


def document_page(doc, ctx, font_url: Callable[[Path], str]) -> str:
    """The HTML writer's page for the preview frame: fonts by token URL, A4 sheets."""
    from ..write import get_writer

    page_html = get_writer("html")(doc, ctx).decode("utf-8")
    return inject_sheets(localize_fonts(page_html, font_url))
