#!/usr/bin/env python3
"""prebind.py LIB: make our private copy of Debian's libnode.so.108 cheap to load.

Debian links libnode with -z now (every symbol bound at load) and without
-Bsymbolic, so each start of a process that links it performs ~71,000 symbol
lookups, ~10 ms of a 25 ms hello world. This rewrites the copy unpacked into
Kiln's cache (never the system's) in two ways, both of which the static
linker could have chosen itself:

1. References from libnode to functions it defines itself are bound to
   them in the file (what -Bsymbolic-functions does at link time): data
   references become RELATIVE relocations and PLT slots hold the function.
   Only functions: objects (vtables, typeinfo, statics, GNU_UNIQUE) keep
   their symbolic relocations, so copy relocations and unique symbols in
   the executable still win, as they must.
2. PLT calls bind lazily (no BIND_NOW; RELRO ends before the GOT, i.e.
   partial RELRO, the default before distributions turned on -z now).

The rewrite is idempotent, atomic (temp file + rename) and checks the ELF
layout it relies on; anything unexpected leaves the file as it was.
"""
import os
import struct
import sys

DT_NULL, DT_PLTGOT, DT_BIND_NOW, DT_DEBUG, DT_FLAGS = 0, 3, 24, 21, 30
DT_RELACOUNT, DT_FLAGS_1 = 0x6FFFFFF9, 0x6FFFFFFB
DF_BIND_NOW, DF_1_NOW = 0x8, 0x1
PT_DYNAMIC, PT_GNU_RELRO = 2, 0x6474E552
R_64, R_GLOB_DAT, R_JUMP_SLOT, R_RELATIVE = 1, 6, 7, 8
STB_GLOBAL, STB_WEAK, STT_FUNC = 1, 2, 2


def sections(b):
    shoff, = struct.unpack_from('<Q', b, 0x28)
    shentsize, shnum, shstrndx = struct.unpack_from('<HHH', b, 0x3A)
    hdrs = [struct.unpack_from('<IIQQQQIIQQ', b, shoff + i * shentsize)
            for i in range(shnum)]
    strtab = hdrs[shstrndx][4]
    def name(h):
        o = strtab + h[0]
        return bytes(b[o:b.index(b'\0', o)]).decode()
    return {name(h): (h[4], h[5]) for h in hdrs}  # name -> (offset, size)


def bind_own_functions(b, secs):
    """Turns R_64/GLOB_DAT against functions defined here into RELATIVE ones;
    puts all RELATIVE relocations first, as DT_RELACOUNT requires."""
    off, size = secs['.dynsym']
    funcs = {}
    for i, o in enumerate(range(off, off + size, 24)):
        _, info, _, shndx, value, _ = struct.unpack_from('<IBBHQQ', b, o)
        if shndx != 0 and info & 15 == STT_FUNC and info >> 4 in (STB_GLOBAL, STB_WEAK):
            funcs[i] = value
    off, size = secs['.rela.dyn']
    relative, rest, changed = [], [], 0
    for o in range(off, off + size, 24):
        where, info, addend = struct.unpack_from('<QQq', b, o)
        kind, sym = info & 0xFFFFFFFF, info >> 32
        if kind in (R_64, R_GLOB_DAT) and sym in funcs:
            addend = funcs[sym] + (addend if kind == R_64 else 0)
            kind = info = R_RELATIVE
            changed += 1
        (relative if kind == R_RELATIVE else rest).append((where, info, addend))
    for i, r in enumerate(relative + rest):
        struct.pack_into('<QQq', b, off + i * 24, *r)
    # PLT slots of own functions: a lazy JUMP_SLOT only adds the load base
    # to what the file holds, so holding the function's address binds it.
    off, size = secs['.rela.plt']
    for o in range(off, off + size, 24):
        where, info, addend = struct.unpack_from('<QQq', b, o)
        if info & 0xFFFFFFFF == R_JUMP_SLOT and info >> 32 in funcs:
            at, target = file_offset(b, where), funcs[info >> 32] + addend
            if struct.unpack_from('<Q', b, at)[0] != target:
                struct.pack_into('<Q', b, at, target)
                changed += 1
    return len(relative), changed


def file_offset(b, vaddr):
    phoff, = struct.unpack_from('<Q', b, 0x20)
    phentsize, phnum = struct.unpack_from('<HH', b, 0x36)
    for i in range(phnum):
        p_type, _, p_offset, p_vaddr, _, p_filesz, _, _ = struct.unpack_from(
            '<IIQQQQQQ', b, phoff + i * phentsize)
        if p_type == 1 and p_vaddr <= vaddr < p_vaddr + p_filesz:
            return p_offset + vaddr - p_vaddr
    raise ValueError('address %#x is not in the file' % vaddr)


def main(path):
    b = bytearray(open(path, 'rb').read())
    if b[:6] != b'\x7fELF\x02\x01' or struct.unpack_from('<H', b, 0x12)[0] != 62:
        return 'not an x86-64 ELF64 file'
    secs = sections(b)
    if not all(s in secs for s in ('.dynsym', '.rela.dyn', '.rela.plt', '.dynamic')):
        return 'no dynamic relocation sections'
    phoff, = struct.unpack_from('<Q', b, 0x20)
    phentsize, phnum = struct.unpack_from('<HH', b, 0x36)
    relro = None
    for i in range(phnum):
        o = phoff + i * phentsize
        if struct.unpack_from('<I', b, o)[0] == PT_GNU_RELRO:
            relro = o
    dyn_off, dyn_size = secs['.dynamic']
    dyn = {}
    for o in range(dyn_off, dyn_off + dyn_size, 16):
        tag, _ = struct.unpack_from('<qQ', b, o)
        if tag == DT_NULL:
            break
        dyn[tag] = o
    if DT_RELACOUNT not in dyn or DT_PLTGOT not in dyn:
        return 'no DT_RELACOUNT or DT_PLTGOT'

    relacount, changed = bind_own_functions(b, secs)
    struct.pack_into('<Q', b, dyn[DT_RELACOUNT] + 8, relacount)
    for tag, bit in ((DT_FLAGS, DF_BIND_NOW), (DT_FLAGS_1, DF_1_NOW)):
        if tag in dyn:
            value, = struct.unpack_from('<Q', b, dyn[tag] + 8)
            struct.pack_into('<Q', b, dyn[tag] + 8, value & ~bit)
    if DT_BIND_NOW in dyn:
        struct.pack_into('<qQ', b, dyn[DT_BIND_NOW], DT_DEBUG, 0)
    if relro is not None:
        # Lazy binding writes the GOT's PLT slots: RELRO must end before them.
        pltgot, = struct.unpack_from('<Q', b, dyn[DT_PLTGOT] + 8)
        vaddr, = struct.unpack_from('<Q', b, relro + 16)
        memsz, = struct.unpack_from('<Q', b, relro + 40)
        if vaddr < pltgot <= vaddr + memsz:
            struct.pack_into('<QQ', b, relro + 32, pltgot - vaddr, pltgot - vaddr)
    tmp = path + '.prebind'
    with open(tmp, 'wb') as f:
        # In 64 KiB writes, as cp does: one huge write leaves the page cache
        # in large folios that map whole into every process (+7 MiB RSS).
        for i in range(0, len(b), 1 << 16):
            f.write(b[i:i + (1 << 16)])
    os.chmod(tmp, os.stat(path).st_mode)
    os.rename(tmp, path)
    print('prebind: %s: %d references to own functions bound, lazy PLT'
          % (os.path.basename(path), changed))
    return None


if __name__ == '__main__':
    why = main(sys.argv[1])
    if why:
        print('prebind: %s left as it is: %s' % (sys.argv[1], why), file=sys.stderr)
