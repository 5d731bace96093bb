#!/bin/sh
# tools/setup.sh: install and unpack everything Kiln builds against, from Debian's
# packages only. Idempotent; a second run takes about a second.
#
#   KILN_CACHE (default ~/.cache/kiln) holds the unpacked .debs and the BoringSSL
#   build, outside the repository; third_party/deps is a symlink to it that the
#   WORKSPACE reads. Nothing fetched here is ever committed.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${KILN_CACHE:-$HOME/.cache/kiln}
mkdir -p "$CACHE"
log() { printf 'setup: %s\n' "$*" >&2; }

SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
# Tools and libraries installed system-wide (none of them conflicts with a
# nodesource nodejs). libnode108's own runtime dependencies come along here.
PKGS="bazel-bootstrap cmake ninja-build g++ xz-utils libev-dev zlib1g-dev
      libgtest-dev libbenchmark-dev libicu72 libuv1 libssl3 libc-ares2
      libnghttp2-14 libbrotli1 libbrotli-dev dpkg-dev python3"
missing=$(dpkg-query -W -f='${Package} ${Status}\n' $PKGS 2>/dev/null | grep -v 'ok installed' | cut -d' ' -f1 || true)
for p in $PKGS; do dpkg-query -W "$p" >/dev/null 2>&1 || missing="$missing $p"; done
if [ -n "$(echo $missing)" ]; then
  log "apt-get install $(echo $missing)"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

# Packages whose dependencies clash with nodesource's nodejs are unpacked, not
# installed: V8 (libnode108 + headers) and Node's HTTP parser sources.
SYSROOT=$CACHE/sysroot
STAMP=$SYSROOT/.stamp-deb12u3
if [ ! -f "$STAMP" ]; then
  log "unpacking libnode108 libnode-dev node-llhttp into $SYSROOT"
  rm -rf "$SYSROOT" "$CACHE/debs"; mkdir -p "$SYSROOT" "$CACHE/debs"
  (cd "$CACHE/debs" && apt-get download -qq libnode108 libnode-dev node-llhttp)
  for d in "$CACHE"/debs/*.deb; do dpkg -x "$d" "$SYSROOT"; done
  touch "$STAMP"
fi
# Our copy of libnode binds its own functions without symbol lookups and its
# PLT lazily: about 7 ms less per process start (third_party/libnode/prebind.py).
if [ ! -f "$SYSROOT/.stamp-prebind-1" ]; then
  python3 "$ROOT/third_party/libnode/prebind.py" "$SYSROOT/usr/lib/x86_64-linux-gnu/libnode.so.108" >&2 ||
    log "prebind failed: libnode left as Debian built it (slower to load)"
  touch "$SYSROOT/.stamp-prebind-1"
fi

# BoringSSL: static, hidden visibility, built from Debian's source package.
if [ ! -f "$CACHE/boringssl/lib/libcrypto.a" ]; then
  log "building BoringSSL (about 90 s on 2 cores)"
  sh "$ROOT/third_party/boringssl/build.sh" "$CACHE/boringssl"
fi

sh "$ROOT/third_party/ada/fetch.sh" "$CACHE/ada"  # WHATWG URL parser (ada)
sh "$ROOT/third_party/node_deps/fetch.sh" "$CACHE/node_deps"  # simdutf + base64 for bindings/buffer.cc
ln -sfn "$CACHE" "$ROOT/third_party/deps"
log "ok: $CACHE"
