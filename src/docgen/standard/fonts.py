"""Official font names of GB/T 9704 by role (spec §3), as written into Word files.

Word resolves these names on the reader's machine; PDFs embed files found for the same roles
(docgen.fonts). docgen.yaml 字体 may override the names per project (document.Fonts).
"""

from __future__ import annotations

OFFICIAL_FONTS = {
    "标题": "方正小标宋简体",
    "正文": "仿宋_GB2312",
    "黑体": "黑体",
    "楷体": "楷体_GB2312",
    "页码": "宋体",
}
LATIN_FONT = "Times New Roman"
HEADING_ROLE = {1: "黑体", 2: "楷体", 3: "正文", 4: "正文"}  # 一、黑体 （一）楷体 1.（1）仿宋
