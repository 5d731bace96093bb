#!/bin/sh
# embed_blob.sh BLOB OUT.S [NAME]: an assembler file that embeds BLOB as
# NAME / NAME_len (NAME defaults to kiln_snapshot_blob).
set -eu
name=${3:-kiln_snapshot_blob}
# The blob's hash goes into the .S: the assembler's .incbin input is not a
# tracked dependency, so a new blob must change this file's text.
sum=$(sha256sum "$1" | cut -d' ' -f1)
cat > "$2" <<ASM
  /* blob sha256: $sum */
  .section .rodata
  .global $name
  .global ${name}_len
  .balign 16
$name:
  .incbin "$1"
${name}_end:
  .balign 4
${name}_len:
  .long ${name}_end - $name
  .section .note.GNU-stack,"",@progbits
ASM
