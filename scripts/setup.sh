#!/bin/sh
# 一次性准备开发环境：系统软件包、免费字体、Python 虚拟环境。重复运行是安全的（已装好的会跳过）。
# One-time set-up on Debian 12: system packages, free fonts, the Python venv. Idempotent.
set -eu
cd "$(dirname "$0")/.."

SUDO=""
[ "$(id -u)" = 0 ] || SUDO="sudo"

# fonts-liberation2: Times New Roman (西文) resolves to Liberation Serif, metric-compatible; without
# it fontconfig picks DejaVu Serif, wider, and a full line no longer holds 28 characters.
APT_PKGS="libreoffice-writer-nogui poppler-utils libharfbuzz-subset0 libpango-1.0-0 libpangoft2-1.0-0 fonts-noto-cjk fonts-noto-cjk-extra fonts-liberation2 fontconfig python3-venv chromium chromium-driver"
missing=""
for p in $APT_PKGS; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "安装系统软件包：$missing"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# Fandol fonts (仿宋/黑体/楷体/宋体) live in texlive-lang-chinese; take only the font files.
FANDOL_DIR=/usr/local/share/fonts/fandol
[ "$(id -u)" = 0 ] || FANDOL_DIR="$HOME/.local/share/fonts/fandol"
if [ ! -f "$FANDOL_DIR/FandolFang-Regular.otf" ]; then
    echo "提取 Fandol 字体到 $FANDOL_DIR"
    tmp=$(mktemp -d)
    (cd "$tmp" && apt-get download -qq texlive-lang-chinese >/dev/null && dpkg -x texlive-lang-chinese_*.deb x)
    mkdir -p "$FANDOL_DIR"
    cp "$tmp"/x/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol/*.otf "$FANDOL_DIR"/
    rm -rf "$tmp"
    fc-cache -f >/dev/null
fi

if [ ! -x .venv/bin/python ]; then
    python3 -m venv .venv
fi
if [ ! -f .venv/.installed ] || [ pyproject.toml -nt .venv/.installed ]; then
    .venv/bin/pip install -q --upgrade pip
    .venv/bin/pip install -q -e '.[dev]'
    touch .venv/.installed
fi
