"""Declare the VBA project's code page (Windows-1252) in a vbaProject.bin that LibreOffice compiled.

LibreOffice 7.4 writes PROJECTCODEPAGE = 0 in the project's ``dir`` stream whatever the locale it runs
under (we tried C, en_GB.UTF-8, en_GB.ISO-8859-1 and en_GB.CP1252); Excel reads the modules' source in
that code page, and 0 is not one. The modules are plain ASCII, which Windows-1252 reads unchanged.

The ``dir`` stream is compressed (MS-OVBA 2.4.1). It is decompressed, the code page set to 1252, and
compressed again with the specification's algorithm, which is LibreOffice's (it gives back LibreOffice's
bytes exactly). olefile can only rewrite a stream at its old size, so VersionMajor (PROJECTVERSION, a number
Excel sets itself on saving) is set to 0, which compresses to exactly the bytes the code page costs; the
builder checks the size and fails loudly if a future LibreOffice changes it.
"""
from __future__ import annotations

import tempfile
from pathlib import Path

CODE_PAGE = 1252
PROJECTCODEPAGE = b"\x03\x00\x02\x00\x00\x00"  # id 0x0003, size 2, then the code page (MS-OVBA 2.3.4.2.1.4)
PROJECTVERSION = b"\x09\x00\x04\x00\x00\x00"  # id 0x0009, Reserved 4, then VersionMajor (4 bytes), VersionMinor


def compress(data: bytes) -> bytes:
    """MS-OVBA 2.4.1.3 compression: chunks of 4,096 bytes, each token the longest earlier match (the nearest
    on a tie) of at least 3 bytes, or a literal."""
    out = bytearray([1])  # signature of a compressed container
    for start in range(0, len(data), 4096):
        chunk = data[start:start + 4096]
        body, i = bytearray(), 0
        while i < len(chunk):
            flag_at, flags = len(body), 0
            body.append(0)
            for bit in range(8):
                if i >= len(chunk):
                    break
                bit_count = max(4, (i - 1).bit_length()) if i > 1 else 4
                maximum = (0xFFFF >> bit_count) + 3
                best, offset = 0, 0
                for candidate in range(i - 1, -1, -1):
                    n = 0
                    while i + n < len(chunk) and chunk[candidate + n] == chunk[i + n] and n < maximum:
                        n += 1
                    if n > best:
                        best, offset = n, i - candidate
                if best >= 3:
                    body += (((offset - 1) << (16 - bit_count)) | (best - 3)).to_bytes(2, "little")
                    flags |= 1 << bit
                    i += best
                else:
                    body.append(chunk[i])
                    i += 1
            body[flag_at] = flags
        out += ((len(body) + 2 - 3) | 0xB000).to_bytes(2, "little") + body  # size - 3, signature, compressed
    return bytes(out)


def declare_code_page(vba_project: bytes, code_page: int = CODE_PAGE) -> bytes:
    """The same VBA project, its dir stream declaring ``code_page``."""
    import olefile
    from oletools.olevba import decompress_stream

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "vbaProject.bin"
        path.write_bytes(vba_project)
        with olefile.OleFileIO(str(path), write_mode=True) as ole:
            packed = ole.openstream("VBA/dir").read()
            directory = bytearray(decompress_stream(bytearray(packed)))
            if compress(bytes(directory)) != packed:
                raise SystemExit("This LibreOffice compresses the VBA dir stream differently; update vba_codepage.py.")
            at = directory.index(PROJECTCODEPAGE) + len(PROJECTCODEPAGE)
            directory[at:at + 2] = code_page.to_bytes(2, "little")
            version = directory.index(PROJECTVERSION) + len(PROJECTVERSION)
            directory[version:version + 4] = bytes(4)
            repacked = compress(bytes(directory))
            if len(repacked) != len(packed):
                raise SystemExit(f"The VBA dir stream would change size ({len(packed)} -> {len(repacked)} bytes); "
                                 "olefile cannot rewrite it: update vba_codepage.py.")
            ole.write_stream("VBA/dir", repacked)
        return path.read_bytes()
