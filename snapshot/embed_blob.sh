#!/bin/sh
# embed_blob.sh BLOB OUT.S: an assembler file that embeds BLOB as
# kiln_snapshot_blob / kiln_snapshot_blob_len.
set -eu
# The blob's hash goes into the .S: the assembler's .incbin input is not a
# tracked dependency, so a new blob must change this file's text.
sum=$(sha256sum "$1" | cut -d' ' -f1)
cat > "$2" <<ASM
  /* blob sha256: $sum */
  .section .rodata
  .global kiln_snapshot_blob
  .global kiln_snapshot_blob_len
  .balign 16
kiln_snapshot_blob:
  .incbin "$1"
kiln_snapshot_blob_end:
  .balign 4
kiln_snapshot_blob_len:
  .long kiln_snapshot_blob_end - kiln_snapshot_blob
  .section .note.GNU-stack,"",@progbits
ASM
