#!/bin/sh
# The release build (--config=release, docs/release.md): V8, ICU and libstdc++
# static, so the binary needs nothing but glibc. Skipped (one "ok" line) only
# when the static V8 archive is not in the cache: tools/setup-release.sh builds it.
#   KILN_RELEASE_FULL=1 also runs the JS and other CLI suites against it.
SUITE=release
. "$(dirname "$0")/lib.sh"
DEFAULT_KILN=$KILN

dir=$(sh "$ROOT/third_party/v8_static/build.sh" --print-dir)
if [ ! -f "$ROOT/third_party/deps/$(basename "$dir")/lib/libv8_monolith.a" ]; then
  ok "skipped (no cache: tools/setup-release.sh builds the static V8)"
  exit 0
fi

if ! (cd "$ROOT" && bazel build --config=release //:kiln > "$TMP/build.log" 2>&1); then
  not_ok build "$(tail -5 "$TMP/build.log")"
  exit 1
fi
ok build
KILN=$ROOT/bazel-release-bin/kiln

# Only glibc's libraries (libpthread/libdl are glibc too), plus the vDSO.
extra=$(ldd "$KILN" | awk '{print $1}' | grep -v -E \
  '^(linux-vdso\.so\.1|/lib64/ld-linux-x86-64\.so\.2|lib(c|m|pthread|dl|gcc_s)\.so\.[0-9]+)$')
check ldd-glibc-only "" "$extra"
# Nothing of V8, ICU, libstdc++ or BoringSSL is exported (all linked hidden).
check no-exported-deps "" "$(nm -D --defined-only "$KILN" | awk '{print $3}' |
  grep -E '^(_ZNK?2v8|_ZNK?6cppgc|_ZNK?6icu_|_ZNK?St|SSL_|SHA256|EVP_|ev_|deflate|inflate)|_72$' | head -3)"

same_as_node hello "$ROOT/examples/hello.js"
same_as_node intl-full-icu -p 'new Intl.NumberFormat("de-DE", {style: "currency", currency: "EUR"}).format(1234.5) + " " + new Date(0).toLocaleDateString("ja-JP", {timeZone: "UTC"})'
if [ -x "$DEFAULT_KILN" ]; then
  check same-v8-as-default "$("$DEFAULT_KILN" -p process.versions.v8 2>&1)" "$("$KILN" -p process.versions.v8 2>&1)"
fi
# A copy elsewhere runs alone: no rpath into the build tree is needed.
cp "$KILN" "$TMP/kiln" && check runs-when-copied "Hello from Kiln" "$(env -i "$TMP/kiln" "$ROOT/examples/hello.js" 2>&1)"

if [ "${KILN_RELEASE_FULL:-0}" = 1 ]; then
  export KILN
  sh "$ROOT/tests/run_js.sh" | sed 's/^\(not \)\{0,1\}ok - /&release:/' || FAILED=1
  for t in "$ROOT"/tests/cli/*_test.sh; do
    [ "$t" = "$ROOT/tests/cli/release_test.sh" ] && continue
    sh "$t" | sed 's/^\(not \)\{0,1\}ok - /&release:/' || FAILED=1
  done
fi
exit $FAILED
