"""The workbook as a zip package: every entry checked against :class:`Limits` before any part is inflated.

A 3 MB file can hold parts that inflate to gigabytes (a "zip bomb"); python-calamine
would build all of it in memory.  Both readers that see the package (Python's zipfile
here, and the zip crate inside python-calamine) stop at the size an entry declares, so
checking what every entry declares bounds what anything inflates; the parts read here
are counted as they inflate as well.
"""
from __future__ import annotations

import unicodedata
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from ..errors import WorkbookError
from .sniff import SAVE_AS

# Compression methods a zip entry may name (APPNOTE 4.4.5); Excel writes only stored and deflated.
_METHODS = {zipfile.ZIP_STORED: "stored", zipfile.ZIP_DEFLATED: "Deflate", 9: "Deflate64",
            zipfile.ZIP_BZIP2: "BZIP2", zipfile.ZIP_LZMA: "LZMA", 93: "Zstandard", 98: "PPMd"}
PIECE = 1 << 22  # bytes inflated at a time


@dataclass(frozen=True)
class Limits:
    """How big a workbook's parts may be, inflated; beyond these a file is refused, not read.

    A plan of 50,000 actions has a sheet of some 19 MB and a shared-strings part of some 3 MB, which
    inflate 9 to 12 times; real workbooks stay far inside these.
    """

    part_bytes: int = 1 << 30  # any one part
    total_bytes: int = 4 << 30  # all parts together
    ratio: int = 200  # inflated / compressed, for a part over ratio_floor
    ratio_floor: int = 1 << 20
    entries: int = 100_000


class Package:
    """A workbook's zip package, opened for reading once its entries have been checked."""

    def __init__(self, path: Path, limits: Limits = Limits()) -> None:
        self.path = path
        self.limits = limits
        try:
            self._zip = zipfile.ZipFile(path)
            self.infos = {info.filename: info for info in self._zip.infolist()}
        except (zipfile.BadZipFile, OSError, EOFError, ValueError) as error:
            raise WorkbookError(f"{path} is damaged or truncated and cannot be opened ({one_line(error)}). "
                                "Use an earlier saved copy, or open and repair it in Excel.") from None
        self._check_kind()
        self._check_entries()

    def close(self) -> None:
        self._zip.close()

    def __contains__(self, name: object) -> bool:
        return name in self.infos

    def _check_kind(self) -> None:
        names = self.infos
        if "xl/workbook.xml" in names:
            return
        if "xl/workbook.bin" in names:
            raise WorkbookError(f"{self.path} is an Excel binary workbook (.xlsb), which is not supported: save it as "
                                ".xlsx in Excel (File > Save As > Excel Workbook (*.xlsx)).")
        if "word/document.xml" in names:
            raise WorkbookError(f"{self.path} is a Word document, not a workbook. Give the path of the plan's "
                                ".xlsx file.")
        kind = "an OpenDocument spreadsheet" if "content.xml" in names else "a zip archive, not a workbook"
        raise WorkbookError(f"{self.path} is {kind}. {SAVE_AS}")

    def _check_entries(self) -> None:
        limits = self.limits
        if len(self.infos) > limits.entries:
            raise WorkbookError(f"{self.path} holds {len(self.infos):,} parts, far more than any workbook "
                                "(a possible 'zip bomb'), so it was not read. Use a copy saved by Excel.")
        total = 0
        for name, info in self.infos.items():
            if info.flag_bits & 0x1:
                raise WorkbookError(f"the part '{name}' of {self.path} is encrypted inside the zip, which Excel "
                                    "never does, so it was not read. Use a copy saved by Excel.")
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
                method = _METHODS.get(info.compress_type, f"method {info.compress_type}")
                raise WorkbookError(f"the part '{name}' of {self.path} is compressed with {method}, which Excel "
                                    f"never uses, so it was not read. {SAVE_AS}")
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > limits.part_bytes or (info.file_size > limits.ratio_floor and ratio > limits.ratio):
                raise self._bomb(name, info.file_size, ratio)
            total += info.file_size
        if total > limits.total_bytes:
            raise WorkbookError(f"the parts of {self.path} would inflate to {total:,} bytes in all, far beyond any "
                                "real workbook (a possible 'zip bomb'), so it was not read. Use a copy saved by Excel.")

    def _bomb(self, name: str, size: int, ratio: float) -> WorkbookError:
        return WorkbookError(f"the part '{name}' of {self.path} would inflate to {size:,} bytes ({ratio:,.0f} times "
                             "its compressed size), far beyond any real workbook (a possible 'zip bomb'), so it was "
                             "not read. Use a copy saved by Excel.")

    def pieces(self, name: str, where: str) -> Iterator[bytes]:
        """A part's bytes as they inflate, counted against the limits as they come."""
        info = self.infos[name]
        allowed = min(self.limits.part_bytes, info.file_size)  # zipfile stops there too; counting says so
        seen = 0
        with damaged_as_error(where), self._zip.open(info) as part:
            while piece := part.read(PIECE):
                seen += len(piece)
                if seen > allowed:
                    raise self._bomb(name, seen, seen / max(info.compress_size, 1))
                yield piece

    def read(self, name: str, where: str | None = None) -> bytes:
        """A whole part, inflated within the limits."""
        return b"".join(self.pieces(name, where or f"the part '{name}' of {self.path}"))

    def head(self, name: str, where: str | None = None, size: int = 4096) -> bytes:
        """The first bytes of a part (to look at its XML prolog), without inflating the rest."""
        with damaged_as_error(where or f"the part '{name}' of {self.path}"), self._zip.open(self.infos[name]) as part:
            return part.read(size)


@contextmanager
def damaged_as_error(where: str) -> Iterator[None]:
    """A part that cannot be decompressed (a damaged or truncated file) as one clear error."""
    try:
        yield
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError) as error:
        raise WorkbookError(f"{where} is damaged and could not be read ({one_line(error)}). Open and repair the "
                            "workbook in Excel, or use an earlier saved copy.") from None


def refuse_entities(xml_head: bytes, where: str) -> None:
    """Refuse XML that declares entities: a workbook never needs them, and an 'XML bomb' does."""
    if b"<!DOCTYPE" in xml_head[:4096] or b"<!ENTITY" in xml_head[:4096]:
        raise WorkbookError(f"{where} declares XML entities, which a real workbook never does "
                            "(a possible 'XML bomb'), so it was not read. Use a copy saved by Excel.")


def shown(text: str) -> str:
    """Text from the file as it may be shown on a terminal: control and bidi characters made visible."""
    if text.isprintable():
        return text
    return "".join(c if c.isprintable() and unicodedata.category(c) != "Cf" else
                   (f"\\x{ord(c):02x}" if ord(c) < 0x100 else f"<U+{ord(c):04X}>") for c in text)


def one_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:200] or type(error).__name__
