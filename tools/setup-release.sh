#!/bin/sh
# tools/setup-release.sh: everything `bazel build --config=release //:kiln` needs
# on top of tools/setup.sh: the compiler and static libraries from Debian, then
# V8 compiled from Debian's nodejs source package (third_party/v8_static/build.sh).
# Idempotent; the V8 build (about 50 min on 2 cores) is paid once per machine and
# cached in ${KILN_CACHE:-~/.cache/kiln}/v8-static-<version>-<flags hash>/.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
log() { printf 'setup-release: %s\n' "$*" >&2; }
sh "$ROOT/tools/setup.sh"   # the default build's dependencies and the cache link

SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
# clang builds V8 (as Node's own gyp files are tuned for) and lld links kiln
# (its startup symbol ordering); libicu-dev has the
# static ICU archives; python3 runs Node's configure and V8's generators.
PKGS="clang lld libicu-dev python3 pkg-config ninja-build xz-utils patch binutils"
missing=
for p in $PKGS; do
  dpkg-query -W -f='${Status}\n' "$p" 2>/dev/null | grep -q 'ok installed' || missing="$missing $p"
done
if [ -n "$missing" ]; then
  log "apt-get install$missing"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing >/dev/null
fi

out=$(sh "$ROOT/third_party/v8_static/build.sh" --print-dir)
if [ -f "$out/lib/libv8_monolith.a" ]; then
  log "ok: static V8 cached in $out"
else
  log "building static V8 into $out (about 50 min on 2 cores; log: $out/build.log)"
  sh "$ROOT/third_party/v8_static/build.sh" "$out"
fi
log "ready: bazel build --config=release //:kiln  ->  bazel-release-bin/kiln"
