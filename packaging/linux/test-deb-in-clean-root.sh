#!/usr/bin/env bash
# Proves the DEB on a machine that has nothing else: builds it with cpack from BUILD_DIR,
# makes a fresh Debian 12 root with debootstrap (the minimal base is cached between runs),
# installs the package there with apt (which must resolve every dependency by itself), runs
# `ponder --version` and a headless `ponder-cli` model run inside it, then removes the
# package and checks nothing of it is left. Needs root (chroot) and Debian's archive.
#
#   packaging/linux/test-deb-in-clean-root.sh BUILD_DIR [MODEL.gguf]
set -euo pipefail
build=$(cd "$1" && pwd)
model=${2:-}
cache=${PONDER_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/ponder}
log() { printf '[deb-test] %s\n' "$*"; }
[ "$(id -u)" -eq 0 ] || { echo "deb-test: must run as root (chroot)" >&2; exit 1; }
command -v debootstrap >/dev/null || { echo "deb-test: debootstrap is not installed (scripts/setup installs it)" >&2; exit 1; }

# The Debian archive this machine already uses (no host name is written into the repo).
uri=$(
  { grep -hE '^\s*URIs:' /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '{print $2}';
    grep -hE '^\s*deb\s' /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null \
      | sed -E 's/\[[^]]*\]//' | awk '{print $2}'; } \
  | grep -E '/debian/?$' | grep -v security | head -n1 || true
)
[ -n "$uri" ] || { echo "deb-test: no Debian archive URI in /etc/apt/sources.list*" >&2; exit 1; }

log "building the DEB"
(cd "$build" && cpack -G DEB >/dev/null)
deb=$(ls -t "$build"/ponder_*.deb | head -n1)
log "package: $(basename "$deb") ($(du -h "$deb" | cut -f1))"

base="$cache/debootstrap/bookworm-minbase.tar"
if [ ! -f "$base" ]; then
  log "creating a minimal Debian 12 root (cached in $base)"
  mkdir -p "$cache/debootstrap"
  tmp=$(mktemp -d)
  debootstrap --variant=minbase bookworm "$tmp" "$uri" >/dev/null
  tar -C "$tmp" -cf "$base.part" . && mv "$base.part" "$base"
  rm -rf "$tmp"
fi

root=$(mktemp -d /tmp/ponder-deb-root.XXXXXX)
cleanup() {
  for m in proc dev/pts dev var/cache/apt/archives; do umount "$root/$m" 2>/dev/null || true; done
  rm -rf "$root"
}
trap cleanup EXIT
tar -C "$root" -xf "$base"
cp /etc/resolv.conf "$root/etc/resolv.conf" 2>/dev/null || true
mount -t proc proc "$root/proc"
mount --bind /dev "$root/dev"
mount -t devpts devpts "$root/dev/pts" 2>/dev/null || true
mkdir -p "$cache/debootstrap/apt-archives/partial"
mount --bind "$cache/debootstrap/apt-archives" "$root/var/cache/apt/archives"
cp "$deb" "$root/tmp/"
[ -n "$model" ] && cp "$model" "$root/tmp/model.gguf"

in_root() { chroot "$root" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/root "$@"; }

log "installing into the clean root (apt resolves the dependencies)"
# The cached archives folder is owned by root, so apt fetches as root.
apt_opts=(-o APT::Sandbox::User=root)
in_root apt-get "${apt_opts[@]}" update -qq
in_root env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y -qq --no-install-recommends "/tmp/$(basename "$deb")" >/dev/null

log "ponder --version"
out=$(in_root ponder --version)
echo "$out"
echo "$out" | grep -qE '^Ponder [0-9]+\.[0-9]+\.[0-9]+' || { echo "deb-test: unexpected --version output" >&2; exit 1; }
in_root ponder-cli --help >/dev/null
if [ -n "$model" ]; then
  log "ponder-cli generate on a generated model (CPU, no display)"
  gen=$(in_root ponder-cli generate --model /tmp/model.gguf --prompt "Hello" --chat --max-tokens 64 --temp 0 --backend cpu)
  echo "$gen" | tail -n1
  # The scripted model's answer, as tests/engine/scripted_model.cpp defines it.
  echo "$gen" | tail -n1 | grep -q '"answer":"Hello! I am Ponder' || { echo "deb-test: generate gave an unexpected answer" >&2; exit 1; }
fi
for f in /usr/share/applications/io.github.ponderchat.Ponder.desktop /usr/share/metainfo/io.github.ponderchat.Ponder.metainfo.xml \
         /usr/share/icons/hicolor/256x256/apps/io.github.ponderchat.Ponder.png; do
  [ -f "$root$f" ] || { echo "deb-test: $f is not installed" >&2; exit 1; }
done

log "removing the package"
in_root env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" purge -y -qq ponder >/dev/null
left=$(in_root dpkg -L ponder 2>/dev/null || true)
for f in /usr/bin/ponder /usr/bin/ponder-cli /usr/share/applications/io.github.ponderchat.Ponder.desktop; do
  [ ! -e "$root$f" ] || { echo "deb-test: $f is still there after purge" >&2; exit 1; }
done
[ -z "$left" ] || { echo "deb-test: dpkg still lists files of ponder" >&2; exit 1; }
log "OK: installed, ran and removed cleanly"
