#!/bin/sh
# build.sh OUTDIR: static, hidden-visibility BoringSSL from Debian's
# android-platform-external-boringssl source package. The tarball ships the
# generated source lists, assembly and err_data.c, so neither Go nor Perl is needed.
# Leaves OUTDIR/lib/{libcrypto,libssl}.a and OUTDIR/include.
set -eu
OUT=$(realpath -m "$1"); HERE=$(cd "$(dirname "$0")" && pwd)
SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
mkdir -p "$OUT/dl" && cd "$OUT/dl"
if ! ls android-platform-external-boringssl_*.orig.tar.* >/dev/null 2>&1; then
  # A temporary deb-src entry: same mirror and suites as the binary packages.
  L=/etc/apt/sources.list.d/zz-kiln-src.sources
  sed 's/^Types: deb$/Types: deb-src/' /etc/apt/sources.list.d/debian.sources | $SUDO tee $L >/dev/null
  trap '$SUDO rm -f $L; $SUDO apt-get update -qq || true' EXIT
  $SUDO apt-get update -qq
  apt-get source --download-only -qq android-platform-external-boringssl
  $SUDO rm -f $L; $SUDO apt-get update -qq; trap - EXIT
fi
SRC=$(find "$OUT" -maxdepth 1 -type d -name 'android-platform-external-boringssl-*' | head -1)
if [ -z "$SRC" ]; then
  tar -C "$OUT" -xf android-platform-external-boringssl_*.orig.tar.*
  SRC=$(find "$OUT" -maxdepth 1 -type d -name 'android-platform-external-boringssl-*' | head -1)
fi
cmake -S "$HERE" -B "$OUT/build" -G Ninja -DCMAKE_BUILD_TYPE=Release \
      -DBSSL_SRC="$SRC" -DBSSL_VISIBILITY=hidden >/dev/null
ninja -C "$OUT/build" crypto ssl >/dev/null
mkdir -p "$OUT/lib"
cp "$OUT/build/libcrypto.a" "$OUT/build/libssl.a" "$OUT/lib/"
rm -rf "$OUT/include"; cp -r "$SRC/src/include" "$OUT/include"
