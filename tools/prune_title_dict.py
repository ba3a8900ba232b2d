"""Write the title breaker's word list: jieba's dictionary pruned to what titles need.

Why: loading jieba's full dictionary (349k words) costs ~1.6 s of a cold `docgen build`, and
importing jieba another ~0.1 s (pkg_resources) — to break one title. Titles are written in
GB2312 and the breaker only needs word boundaries, so the list keeps the frequent words made
of GB2312 characters, every single character, and the field's terms (compose/title.py).
The word probabilities stay jieba's: the total of the full dictionary is kept in the header.

Run (needs the dev extra's jieba): .venv/bin/python tools/prune_title_dict.py [--min-freq 10]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "docgen" / "compose" / "title_words.txt"


def gb2312(word: str) -> bool:
    try:
        word.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--min-freq", type=int, default=10)
    ap.add_argument("--out", type=Path, default=OUT)
    args = ap.parse_args()
    import jieba

    sys.path.insert(0, str(ROOT / "src"))
    from docgen.compose.title import TERM_FREQ, TERMS

    src = Path(jieba.__file__).parent / "dict.txt"
    total = 0
    kept: dict[str, int] = {}
    for line in src.read_text("utf-8").splitlines():
        word, freq = line.split(" ")[:2]
        total += int(freq)
        if gb2312(word) and (len(word) == 1 or int(freq) >= args.min_freq):
            kept[word] = int(freq)
    for term in TERMS:
        kept[term] = TERM_FREQ
        total += TERM_FREQ
    lines = sorted(f"{w}\t{f}" for w, f in kept.items())
    body = f"# total {total} longest {max(map(len, kept))}\n" + "".join(x + "\n" for x in lines)
    args.out.write_bytes(body.encode("utf-8"))
    print(f"{len(kept)} words of {src} → {args.out} ({args.out.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
