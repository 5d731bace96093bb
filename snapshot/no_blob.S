  /* snapshot/trainer's stand-ins for the embedded blob and code caches:
     empty, so kiln bootstraps from its sources. */
  .section .rodata
  .global kiln_snapshot_blob
  .global kiln_snapshot_blob_len
  .global kiln_code_cache
  .global kiln_code_cache_len
  .balign 16
kiln_snapshot_blob:
kiln_code_cache:
  .balign 4
kiln_snapshot_blob_len:
kiln_code_cache_len:
  .long 0
  .section .note.GNU-stack,"",@progbits
