"""Official font names of GB/T 9704 by role (spec §3), as written into Word files, and the words
that tell which role's class another face belongs to.

Word resolves these names on the reader's machine; PDFs embed files found for the same roles
(docgen.fonts). docgen.yaml 字体 may override the names per project (document.Fonts).
"""

from __future__ import annotations

import re

OFFICIAL_FONTS = {
    "标题": "方正小标宋简体",
    "正文": "仿宋_GB2312",
    "黑体": "黑体",
    "楷体": "楷体_GB2312",
    "页码": "宋体",
}
LATIN_FONT = "Times New Roman"
HEADING_ROLE = {1: "黑体", 2: "楷体", 3: "正文", 4: "正文"}  # 一、黑体 （一）楷体 1.（1）仿宋

# The standard names a class of face per role (标题 小标宋, 正文 仿宋, 黑体, 楷体, 页码 宋体); an
# office may pick any face of the class. A face name belongs to a role's class when it holds
# one of the role's words — Chinese, the Windows/macOS English and pinyin names, and the free
# builds (Fandol, Adobe's Source Han, Google's Noto CJK) — and none of its exclusions, compared
# by `face_key` (no case, spaces, hyphens or underscores): "Source Han Sans SC" is a 黑体 as
# "SourceHanSansSC-Regular" and "思源黑体" are.
ROLE_FACE_WORDS: dict[str, tuple[str, ...]] = {
    "标题": ("小标宋", "xiaobiaosong", "fzxbs"),
    "正文": ("仿宋", "fangsong", "fang"),
    "黑体": ("黑体", "simhei", "hei", "思源黑体", "sourcehansans", "notosanscjk", "sanscjk"),
    "楷体": ("楷", "kaiti", "kai"),
    "页码": ("宋体", "simsun", "song", "思源宋体", "sourcehanserif", "notoserifcjk", "serifcjk",
             "ming"),
}
# 仿宋 and 小标宋 are not the 宋体 of the page numbers
ROLE_FACE_NOT: dict[str, tuple[str, ...]] = {"页码": ("仿宋", "fangsong", "小标宋", "xiaobiaosong")}


def face_key(name: str) -> str:
    """A face name as compared: lower case, without spaces, hyphens or underscores."""
    return re.sub(r"[\s_\-]", "", name).casefold()


def in_role_class(role: str, name: str) -> bool:
    """True when the face `name` is of the class the standard names for `role`."""
    key = face_key(name)
    return (any(w in key for w in ROLE_FACE_WORDS[role])
            and not any(w in key for w in ROLE_FACE_NOT.get(role, ())))
