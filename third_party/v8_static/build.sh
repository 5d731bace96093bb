#!/bin/sh
# build.sh [OUTDIR]: V8 10.2 as one static archive, compiled from the V8 inside
# Debian's nodejs source package with Node's own gyp files, for the release build
# (bazel build --config=release). Leaves OUTDIR/lib/libv8_monolith.a; the headers
# used with it are libnode-dev's (same V8, same Debian patch), not copied here.
#
#   OUTDIR defaults to ${KILN_CACHE:-~/.cache/kiln}/v8-static-<version>-<flags hash>,
#   which is where the Bazel release config looks; `build.sh --print-dir` prints it.
#   Idempotent: does nothing when the archive exists. The download is cached in
#   $KILN_CACHE/dl. About 50 min on 2 cores (nice 19, -j2: the machine is shared).
set -eu
HERE=$(cd "$(dirname "$0")" && pwd)
CACHE=${KILN_CACHE:-$HOME/.cache/kiln}
. "$HERE/recipe.sh"   # VERSION, V8_VERSION, CONFIGURE_FLAGS, TARGETS, ... RECIPE_HASH
if [ "${1:-}" = --print-dir ]; then echo "$CACHE/v8-static-$V8_VERSION-$RECIPE_HASH"; exit 0; fi
OUT=$(realpath -m "${1:-$CACHE/v8-static-$V8_VERSION-$RECIPE_HASH}")
[ -f "$OUT/lib/libv8_monolith.a" ] && exit 0
log() { printf 'v8_static: %s\n' "$*" >&2; }
# One build per OUTDIR at a time: a second caller waits, then finds the archive.
mkdir -p "$(dirname "$OUT")"; exec 9>"$OUT.lock"; flock 9
[ -f "$OUT/lib/libv8_monolith.a" ] && exit 0
JOBS=${KILN_V8_JOBS:-2}

# 1. Fetch the source package once, through a private apt state with a deb-src
#    entry (same mirror and suites as the binary sources): the system's apt lists
#    and sources are not touched, so concurrent apt users are not disturbed.
DL=$CACHE/dl/nodejs_$VERSION
if [ ! -f "$DL/.complete" ]; then
  log "fetching nodejs $VERSION source package into $DL"
  A=$CACHE/dl/apt; mkdir -p "$A/sources" "$A/lists/partial" "$A/cache/archives/partial" "$DL"
  sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources > "$A/sources/debian-src.sources"
  set -- -o Dir::Etc::SourceList=/dev/null -o Dir::Etc::SourceParts="$A/sources" \
         -o Dir::State::Lists="$A/lists" -o Dir::Cache="$A/cache" \
         -o APT::Sandbox::User="$(id -un)" -o Debug::NoLocking=1
  apt-get "$@" -qq update
  (cd "$DL" && apt-get "$@" -qq source --download-only "nodejs=$VERSION")
  touch "$DL/.complete"
fi

# 2. Unpack all but tests, docs and the bundled OpenSSL (100 of 400 MB).
SRC=$OUT/src
if [ ! -f "$SRC/.patched" ]; then
  log "unpacking into $SRC"
  rm -rf "$SRC"; mkdir -p "$SRC"
  tar -C "$SRC" --strip-components=1 -xJf "$DL"/nodejs_*.orig.tar.xz $UNPACK_EXCLUDES
  # Debian's security patch that adds ArrayBuffer::NewBackingStoreForNodeLTS,
  # which libnode-dev's headers declare: both builds then share one V8 API.
  mkdir -p "$OUT/debian"
  tar -C "$OUT/debian" --strip-components=1 -xJf "$DL"/nodejs_*.debian.tar.xz debian/patches
  for p in $PATCHES; do
    log "patch $p"; patch -d "$SRC" -p1 -s --no-backup-if-mismatch < "$OUT/debian/patches/$p"
  done
  touch "$SRC/.patched"
fi

# 3. Configure with Node's gyp (ninja generator), then set the optimisation
#    levels in the generated files: -O2 for what ships, -O1 for the code that
#    only runs inside mksnapshot at build time.
B=$SRC/out/Release
if [ ! -f "$B/.configured" ]; then
  log "configure: $CONFIGURE_FLAGS"
  (cd "$SRC" && CC=$CC CXX=$CXX $PYTHON configure.py $CONFIGURE_FLAGS >"$OUT/configure.log" 2>&1) ||
    { tail -20 "$OUT/configure.log" >&2; exit 1; }
  find "$B/obj" -name '*.ninja' -exec sed -i "s/ -O3 / $OPT /g; s/ -O3\$/ $OPT/" {} +
  for t in $OPT_LOW_TARGETS; do
    find "$B/obj" -name "$t.ninja" -exec sed -i "s/ $OPT / $OPT_LOW /g; s/ $OPT\$/ $OPT_LOW/" {} +
  done
  touch "$B/.configured"
fi

# 4. Build. Resumable: ninja picks up where an interrupted run stopped.
log "ninja -j$JOBS $TARGETS (log: $OUT/build.log)"
start=$(date +%s)
echo "== $(date -u '+%F %T') ninja -j$JOBS" >>"$OUT/build.log"
nice -n 19 ninja -C "$B" -j"$JOBS" $TARGETS >>"$OUT/build.log" 2>&1 ||
  { tail -30 "$OUT/build.log" >&2; exit 1; }
log "built in $(( $(date +%s) - start )) s" 2>&1 | tee -a "$OUT/build.log" >&2

# 5. gyp leaves thin archives; pack their objects into one ordinary archive.
#    Members are named by basename and some repeat (heap/sweeper.o and
#    heap/cppgc/sweeper.o), so stage each object under a unique name first.
log "packing $ARCHIVES"
rm -rf "$OUT/objs" "$OUT/lib"; mkdir -p "$OUT/objs" "$OUT/lib"
for a in $ARCHIVES; do
  f=$(find "$B/obj" -name "lib$a.a" | head -1)
  [ -n "$f" ] || { log "missing lib$a.a"; exit 1; }
  ar t "$f"   # a thin archive lists its members' paths, here absolute
done > "$OUT/objects.txt"
n=0
while read -r o; do
  n=$((n + 1)); ln -f "$o" "$OUT/objs/$n.$(basename "$o")" 2>/dev/null || cp "$o" "$OUT/objs/$n.$(basename "$o")"
done < "$OUT/objects.txt"
(cd "$OUT/objs" && ls | sort -n | xargs ar qcS "$OUT/lib/libv8_monolith.a.tmp")
ranlib "$OUT/lib/libv8_monolith.a.tmp"
[ "$(ar t "$OUT/lib/libv8_monolith.a.tmp" | wc -l)" = "$n" ] || { log "packing lost members"; exit 1; }
rm -rf "$OUT/objs"
mv "$OUT/lib/libv8_monolith.a.tmp" "$OUT/lib/libv8_monolith.a"
printf '%s\n' "$RECIPE" > "$OUT/RECIPE"
log "ok: $OUT/lib/libv8_monolith.a ($(du -m "$OUT/lib/libv8_monolith.a" | cut -f1) MB)"
