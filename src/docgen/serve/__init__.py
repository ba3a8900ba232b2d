"""`docgen serve`: a local preview of the plans under a folder, refreshed on every save.

Office writers keep an editor and a browser side by side: each save re-renders the plan and
the page reloads itself. A plan that does not load shows its Chinese errors with the source
lines instead of the document. Split by concern: site (plans, safe lookups, rendering),
pages (HTML), events (live reload), http (requests and what is refused), command (start).
"""

from __future__ import annotations

from .command import RemoteRefused, make_server, serve
from .http import DOWNLOAD_TYPES, Handler, PreviewServer, is_loopback
from .site import Refused, Rendered, Site, render_plan, stamp, watched_files

__all__ = ["DOWNLOAD_TYPES", "Handler", "PreviewServer", "Refused", "RemoteRefused", "Rendered",
           "Site", "is_loopback", "make_server", "render_plan", "serve", "stamp", "watched_files"]
