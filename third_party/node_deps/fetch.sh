#!/bin/sh
# fetch.sh OUTDIR: Node's own codec libraries, taken from Debian's nodejs
# source package (the same 18.20.4 tarball third_party/v8_static uses):
#   OUTDIR/simdutf/  simdutf.{h,cpp} amalgamation (UTF-8/16/latin1, base64)
#   OUTDIR/base64/   aklomp/base64 (include/, lib/)
#   OUTDIR/zlib/     Chromium's zlib as Node bundles it: node:zlib must
#                    compress to the same bytes as Node, and stock zlib
#                    does not (different match finding)
# Only these folders are unpacked. Idempotent; the download is shared with
# the V8 build through $KILN_CACHE/dl. Read by Bazel as @node_deps
# (third_party/node_deps.BUILD). Never committed.
set -eu
VERSION=18.20.4+dfsg-1~deb12u2
OUT=$(realpath -m "$1")
CACHE=${KILN_CACHE:-$HOME/.cache/kiln}
STAMP=$OUT/.stamp-$VERSION
[ -f "$STAMP" ] && [ -f "$OUT/zlib/deflate.c" ] && exit 0
log() { printf 'node_deps: %s\n' "$*" >&2; }

# 1. The source package, once per machine, through a private apt state with a
#    deb-src entry: the system's apt lists and sources are not touched. The
#    lock keeps a concurrent V8 build from downloading the same files.
DL=$CACHE/dl/nodejs_$VERSION
mkdir -p "$DL"; exec 9>"$DL.lock"; flock 9
if [ ! -f "$DL/.complete" ]; then
  log "fetching nodejs $VERSION source package into $DL"
  A=$CACHE/dl/apt; mkdir -p "$A/sources" "$A/lists/partial" "$A/cache/archives/partial"
  sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$A/sources/debian-src.sources"
  set -- -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$A/sources" \
         -o Dir::State::Lists="$A/lists" -o Dir::Cache="$A/cache" \
         -o APT::Sandbox::User="$(id -un)" -o Debug::NoLocking=1
  apt-get "$@" -qq update
  (cd "$DL" && apt-get "$@" -qq source --download-only "nodejs=$VERSION")
  touch "$DL/.complete"
fi
flock -u 9

# 2. Unpack deps/simdutf, deps/base64 and deps/zlib only (about 3 MB), then
#    swap in.
log "unpacking deps/simdutf, deps/base64 and deps/zlib into $OUT"
TMP=$OUT.tmp; rm -rf "$TMP"; mkdir -p "$TMP"
tar -C "$TMP" --no-same-owner --strip-components=2 -xJf "$DL"/nodejs_*.orig.tar.xz \
    --wildcards '*/deps/simdutf/*' '*/deps/base64/*' '*/deps/zlib/*'
# deps/base64 wraps the upstream tree in base64/base64: flatten it.
mv "$TMP/base64" "$TMP/base64.node" && mv "$TMP/base64.node/base64" "$TMP/base64"
rm -rf "$TMP/base64.node" "$TMP/base64/test" "$TMP/base64/bin" "$TMP/base64"/*.png
rm -rf "$TMP/zlib/google" "$TMP/zlib/contrib/tests" "$TMP/zlib/contrib/bench"
[ -f "$TMP/simdutf/simdutf.cpp" ] && [ -f "$TMP/base64/lib/lib.c" ] &&
  [ -f "$TMP/zlib/deflate.c" ] ||
  { log "unexpected tarball layout"; exit 1; }
rm -rf "$OUT"; mv "$TMP" "$OUT"
touch "$STAMP"
