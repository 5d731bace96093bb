#!/bin/sh
# fetch.sh OUTDIR: ada 2.7.8, the WHATWG URL parser Node uses, unpacked from the
# separate orig-ada tarball of Debian's nodejs source package. Leaves
# OUTDIR/{include,src} for third_party/ada.BUILD. Idempotent.
#
# The source package is downloaded once into $KILN_CACHE/dl (shared with
# third_party/v8_static/build.sh) through a private apt state with a deb-src
# entry, so the system's apt lists and sources are not touched.
set -eu
VERSION=18.20.4+dfsg-1~deb12u2
CACHE=${KILN_CACHE:-$HOME/.cache/kiln}
OUT=$(realpath -m "$1")
[ -f "$OUT/.stamp-$VERSION" ] && exit 0
log() { printf 'ada: %s\n' "$*" >&2; }

DL=$CACHE/dl/nodejs_$VERSION
TARBALL=$(ls "$DL"/nodejs_*.orig-ada.tar.* 2>/dev/null | head -1 || true)
if [ -z "$TARBALL" ]; then
  log "fetching nodejs $VERSION source package into $DL"
  mkdir -p "$CACHE/dl"; exec 9>"$CACHE/dl/.lock-nodejs"; flock 9
  A=$CACHE/dl/apt; mkdir -p "$A/sources" "$A/lists/partial" "$A/cache/archives/partial" "$DL"
  sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$A/sources/debian-src.sources"
  set -- -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$A/sources" \
         -o Dir::State::Lists="$A/lists" -o Dir::Cache="$A/cache" \
         -o APT::Sandbox::User="$(id -un)" -o Debug::NoLocking=1
  apt-get "$@" -qq update
  (cd "$DL" && apt-get "$@" -qq source --download-only "nodejs=$VERSION")
  touch "$DL/.complete"
  TARBALL=$(ls "$DL"/nodejs_*.orig-ada.tar.* | head -1)
fi

log "unpacking $(basename "$TARBALL") into $OUT"
rm -rf "$OUT"; mkdir -p "$OUT"
tar -C "$OUT" --strip-components=1 -xf "$TARBALL" \
    --wildcards '*/include/*' '*/src/*' '*/LICENSE-MIT' '*/LICENSE-APACHE'
touch "$OUT/.stamp-$VERSION"
