#!/bin/sh
# 在全新的 Debian 12 chroot 里验证 README 的两条命令（证明干净的机器能通过）。
# Prove the README's two commands on a clean Debian 12: debootstrap a chroot, copy a clean clone
# of the branch (default: main) and ../shared into it, run both commands inside, print the result.
#
# Usage (root; slow — minutes of downloads and the whole test suite):
#   nice tools/fresh-machine.sh [REPO_DIR] [BRANCH]
# Env: FRESH_ROOT (default /var/tmp/docgen-fresh; reused when it exists, FRESH_NEW=1 rebuilds it),
#      MIRROR (default http://deb.debian.org/debian).
set -eu

REPO=$(cd "${1:-$(dirname "$0")/..}" && git rev-parse --show-toplevel)
BRANCH=${2:-main}
ROOT=${FRESH_ROOT:-/var/tmp/docgen-fresh}
MIRROR=${MIRROR:-http://deb.debian.org/debian}
SHARED=$(cd "$REPO/.." && pwd)/shared

[ "$(id -u)" = 0 ] || { echo "需要 root 运行（debootstrap、mount）"; exit 2; }
command -v debootstrap >/dev/null || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
}

if [ "${FRESH_NEW:-0}" = 1 ]; then rm -rf "$ROOT"; fi
if [ ! -x "$ROOT/usr/bin/apt-get" ]; then
    echo "== debootstrap bookworm → $ROOT"
    debootstrap --variant=minbase --include=ca-certificates,git,sudo bookworm "$ROOT" "$MIRROR" \
        > "$ROOT.debootstrap.log" 2>&1 || { tail -20 "$ROOT.debootstrap.log"; exit 1; }
fi
cp /etc/resolv.conf "$ROOT/etc/resolv.conf"
# Where TLS goes through an intercepting proxy (this sandbox), pip needs the host's CA bundle:
# it is passed on only when the host itself points pip at one (PIP_CERT). A real machine needs none.
CERT_ENV=""
if [ -n "${PIP_CERT:-}" ] && [ -f "$PIP_CERT" ]; then
    cp "$PIP_CERT" "$ROOT/etc/ssl/certs/host-ca.crt"
    CERT_ENV="PIP_CERT=/etc/ssl/certs/host-ca.crt"
fi

mounted=""
cleanup() {
    for m in $mounted; do umount -l "$m" 2>/dev/null || true; done
}
trap cleanup EXIT INT TERM
for m in proc dev dev/pts dev/shm sys; do
    mkdir -p "$ROOT/$m"
    case $m in
        proc) mount -t proc proc "$ROOT/proc" ;;
        sys) mount -t sysfs sys "$ROOT/sys" ;;
        dev/shm) mount -t tmpfs -o mode=1777 shm "$ROOT/dev/shm" ;;
        *) mount --bind "/$m" "$ROOT/$m" ;;
    esac
    mounted="$ROOT/$m $mounted"
done

echo "== clean clone of $BRANCH ($(git -C "$REPO" rev-parse --short "$BRANCH")) and shared/"
rm -rf "$ROOT/work"
mkdir -p "$ROOT/work"
git clone -q --branch "$BRANCH" "$REPO" "$ROOT/work/docgen"
if [ -d "$SHARED" ]; then
    cp -rL "$SHARED" "$ROOT/work/shared"
    chmod -R a-w "$ROOT/work/shared"
fi

run() {  # one README command inside the chroot, as a new user would type it
    echo "== chroot: $1"
    chroot "$ROOT" /usr/bin/env -i HOME=/root PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
        LANG=C.UTF-8 $CERT_ENV sh -c "cd /work/docgen && $1"
}
status=0
run "./scripts/setup.sh && .venv/bin/docgen build plans/" || status=$?
echo "== exit $status"
ls "$ROOT/work/docgen/output" 2>/dev/null | head -20
run "./scripts/setup.sh && .venv/bin/python -m pytest" || status=$?
echo "== exit $status"
exit "$status"
