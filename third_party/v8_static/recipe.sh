# Sourced by build.sh (and read by the Bazel repository rule): everything that
# determines the static V8 archive. RECIPE_HASH keys the cache directory, so a
# change here builds a new archive next to the old one.
VERSION=18.20.4+dfsg-1~deb12u2   # nodejs source package; the deb12u3 .dsc is not on the mirror
V8_VERSION=10.2.154.26
PATCHES="CVE-2025-55131.patch"
PYTHON=/usr/bin/python3
CC=clang
CXX=clang++
# libnode's build config: system ICU 72, no pointer compression, no sandbox.
CONFIGURE_FLAGS="--ninja --with-intl=system-icu --shared-zlib --shared-brotli --shared-openssl --without-npm --without-corepack"
OPT=-O2
OPT_LOW=-O1
OPT_LOW_TARGETS="v8_initializers"
TARGETS="v8_snapshot v8_libplatform v8_base_without_compiler v8_compiler v8_init v8_libbase v8_libsampler v8_zlib"
ARCHIVES="v8_snapshot v8_libplatform v8_base_without_compiler v8_compiler v8_libbase v8_libsampler v8_zlib"
# Left out when unpacking (not read by configure or the V8 targets; ~300 of 400 MB).
UNPACK_EXCLUDES="--anchored --no-wildcards-match-slash --exclude=node-v*/test --exclude=node-v*/doc --exclude=node-v*/benchmark
  --exclude=node-v*/deps/openssl/openssl --exclude=node-v*/deps/openssl/config/archs"
RECIPE="$VERSION $V8_VERSION $PATCHES $CC $CXX $CONFIGURE_FLAGS $OPT $OPT_LOW $OPT_LOW_TARGETS $TARGETS $ARCHIVES"
RECIPE_HASH=$(printf '%s' "$RECIPE" | sha256sum | cut -c1-12)
