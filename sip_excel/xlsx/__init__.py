"""Read workbook files into grids: values through python-calamine, formats and formulas from the XML.

python-calamine reads values many times faster than openpyxl but cannot see
number formats, formulas or error values.  The few things the plan reader
needs of those (which date cells are formatted as months, which cells hold a
formula or an Excel error) are taken from the sheet's XML in one regular
expression pass each; the small workbook and style parts are parsed with
defusedxml.  The file is only ever opened for reading.
"""
from __future__ import annotations

import logging
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from ..dates import is_date_format
from ..errors import WorkbookError
from ..alongside import alongside
from ..grid import Grid, Position, parse_cell_name

log = logging.getLogger(__name__)

NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# Excel's built-in number formats that show dates (ECMA-376 part 1, 18.8.30).
BUILTIN_DATE_FORMATS = {
    14: "dd/mm/yyyy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy",
    18: "h:mm AM/PM", 22: "dd/mm/yyyy h:mm", 27: "yyyy/m/d", 30: "m/d/yy",
    36: "yyyy/m/d", 50: "yyyy/m/d", 57: "yyyy/m/d",
}
_ERROR_CELL = re.compile(rb'<c r="([A-Z]+\d+)"[^>]*?\st="e"[^>]*>.*?<v>([^<]*)</v>', re.S)
_FORMULA_CELL = re.compile(rb'<c r="([A-Z]+\d+)"[^>]*>\s*<f\b[^>]*?(?:/>|>([^<]*)</f>)')
XML_PIECE = 1 << 22  # bytes of sheet XML scanned at a time
ALONGSIDE_BYTES = 1 << 21  # a sheet's XML bigger than this (some 5,000 actions) is scanned alongside calamine
_SAVE_AS = "Open it in Excel and use File > Save As > Excel Workbook (*.xlsx)."


def sniff(path: Path) -> None:
    """Refuse, in one line, anything that is not a readable .xlsx/.xlsm workbook."""
    if not path.exists():
        raise WorkbookError(f"{path}: no such file. Check the path and try again.")
    if path.is_dir():
        raise WorkbookError(f"{path} is a folder, not a workbook. Give the path of the .xlsx file.")
    with path.open("rb") as handle:
        head = handle.read(8)
    if not head:
        raise WorkbookError(f"{path} is empty (0 bytes). Use a saved copy of the plan workbook.")
    if head == OLE_MAGIC:
        if "EncryptedPackage".encode("utf-16-le") in path.read_bytes():
            raise WorkbookError(f"{path} is password-protected. Remove the password in Excel "
                                "(File > Info > Protect Workbook > Encrypt with Password) and save a copy.")
        raise WorkbookError(f"{path} is an old-style .xls workbook, which is not supported. {_SAVE_AS}")
    if not head.startswith(b"PK"):
        kind = "a text or CSV file" if _looks_like_text(head) else "not an Excel workbook"
        raise WorkbookError(f"{path} is {kind}, whatever its name says. {_SAVE_AS}")


def _looks_like_text(head: bytes) -> bool:
    return all(32 <= b < 127 or b in (9, 10, 13) for b in head) or head.startswith(b"\xef\xbb\xbf")


@dataclass
class _Parts:
    """Where each sheet's XML lives in the package, and which styles show dates."""

    sheet_paths: dict[str, str]
    date_styles: dict[int, str]


class WorkbookFile:
    """An open workbook file: its sheet names and each sheet as a :class:`Grid`."""

    def __init__(self, path: str | Path) -> None:
        import python_calamine  # imported here so that `sip-excel --help` stays instant

        self.path = Path(path)
        sniff(self.path)
        try:
            self._zip = zipfile.ZipFile(self.path)
            names = set(self._zip.namelist())
        except (zipfile.BadZipFile, OSError, EOFError) as error:
            raise WorkbookError(f"{self.path} is damaged or truncated and cannot be opened ({error}). "
                                "Use an earlier saved copy, or open and repair it in Excel.") from None
        if "xl/workbook.xml" not in names:
            kind = ("an OpenDocument spreadsheet" if "content.xml" in names else
                    "a Word document" if "word/document.xml" in names else "a zip archive, not a workbook")
            raise WorkbookError(f"{self.path} is {kind}. {_SAVE_AS}")
        if "xl/sharedStrings.xml" in names:
            where = f"the shared strings of {self.path}"
            with _damaged_as_error(where), self._zip.open("xl/sharedStrings.xml") as part:
                _refuse_entities(part.read(4096), where)
        self._parts = self._read_parts()
        try:
            self._book = python_calamine.CalamineWorkbook.from_path(str(self.path))
        except Exception as error:  # calamine raises its own error types for damaged parts
            raise WorkbookError(f"{self.path} could not be read as a workbook ({_one_line(error)}). "
                                "Open and repair it in Excel, or use an earlier saved copy.") from None
        self.sheet_names: list[str] = list(self._book.sheet_names)

    def close(self) -> None:
        self._zip.close()
        self._book.close()

    def __enter__(self) -> WorkbookFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def grid(self, sheet: str) -> Grid:
        """The named sheet, as values plus the date formats, formulas and errors the reader needs."""
        path = self._parts.sheet_paths.get(sheet)
        if path in self._zip.namelist():  # refuse an XML bomb before anything parses the sheet
            with _damaged_as_error(f"sheet '{sheet}' of {self.path}"), self._zip.open(path) as part:
                _refuse_entities(part.read(4096), f"sheet '{sheet}' of {self.path}")
        big = path in self._zip.namelist() and self._zip.getinfo(path).file_size > ALONGSIDE_BYTES
        scanned = alongside(lambda: self._scan_sheet(sheet, path), worth_it=big)
        try:
            calamine_sheet = self._book.get_sheet_by_name(sheet)
            rows = calamine_sheet.to_python(skip_empty_area=False)
            merged = [((top, left), (bottom, right))
                      for (top, left), (bottom, right) in (calamine_sheet.merged_cell_ranges or [])]
        except BaseException as error:
            scanned(wanted=False)  # the scan, if it runs alongside, is no longer wanted: only wait for its end
            if isinstance(error, Exception):  # Ctrl-C and the like go on as they are
                raise WorkbookError(f"Sheet '{sheet}' of {self.path} could not be read ({_one_line(error)}). "
                                    "Open and repair the workbook in Excel.") from None
            raise
        number_formats, formulas, errors = scanned()
        return Grid(sheet=sheet, rows=[row if type(row) is list else list(row) for row in rows], merged=merged,
                    number_formats=number_formats, formulas=formulas, errors=errors)

    def _zip_of_own(self) -> zipfile.ZipFile:
        """The package opened afresh: its own file position, so that a scan in another process never moves
        the one this process reads from."""
        return zipfile.ZipFile(self.path)

    def _scan_sheet(self, sheet: str, path: str | None) -> tuple[dict[Position, str], dict[Position, str],
                                                                 dict[Position, str]]:
        """The date formats, formulas and error values of a sheet's cells, from its XML."""
        found: tuple[dict[Position, str], dict[Position, str], dict[Position, str]] = ({}, {}, {})
        with _damaged_as_error(f"sheet '{sheet}' of {self.path}"), self._zip_of_own() as package:
            for piece in self._sheet_xml(package, path):
                self._scan_sheet_xml(piece, *found)
        return found

    @staticmethod
    def _sheet_xml(package: zipfile.ZipFile, path: str | None) -> Iterator[bytes]:
        """A sheet's XML in pieces of whole rows: a big plan's sheet is tens of megabytes, and scanning it a
        piece at a time keeps the memory (and the time the system takes to hand it over) small."""
        if path not in package.namelist():
            return
        carry = b""
        with package.open(path) as part:
            while block := part.read(XML_PIECE):
                data = carry + block
                cut = data.rfind(b"</row>") + len(b"</row>")
                if cut < len(b"</row>"):
                    carry = data  # no row ends in it yet
                    continue
                yield data[:cut]
                carry = data[cut:]
        if carry:
            yield carry

    def _read_parts(self) -> _Parts:
        workbook = self._xml("xl/workbook.xml")
        rels = self._xml("xl/_rels/workbook.xml.rels")
        targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{NS_PKG_REL}Relationship")}
        sheet_paths = {}
        for sheet in workbook.iter(f"{NS_MAIN}sheet"):
            target = targets.get(sheet.get(f"{NS_REL}id"), "")
            path = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
            sheet_paths[sheet.get("name", "")] = path
        return _Parts(sheet_paths=sheet_paths, date_styles=self._date_styles())

    def _date_styles(self) -> dict[int, str]:
        """Style index -> number format, for the cell styles that show a date."""
        if "xl/styles.xml" not in self._zip.namelist():
            return {}
        styles = self._xml("xl/styles.xml")
        custom = {int(fmt.get("numFmtId", "0")): fmt.get("formatCode", "")
                  for fmt in styles.iter(f"{NS_MAIN}numFmt")}
        date_styles = {}
        cell_xfs = styles.find(f"{NS_MAIN}cellXfs")
        for index, xf in enumerate(cell_xfs if cell_xfs is not None else []):
            number_format_id = int(xf.get("numFmtId", "0"))
            code = custom.get(number_format_id) or BUILTIN_DATE_FORMATS.get(number_format_id)
            if code and is_date_format(code):
                date_styles[index] = code
        return date_styles

    def _xml(self, name: str):
        try:
            with _damaged_as_error(f"the part '{name}' of {self.path}"):
                return ElementTree.fromstring(self._zip.read(name))
        except KeyError:
            raise WorkbookError(f"{self.path} is missing its part '{name}', so it is not a complete workbook. "
                                "Open and repair it in Excel.") from None
        except (DefusedXmlException, ElementTree.ParseError) as error:
            raise WorkbookError(f"{self.path} contains unsafe or malformed XML in '{name}' ({_one_line(error)}) "
                                "and was not read. Use an earlier saved copy.") from None

    def _scan_sheet_xml(self, xml: bytes, number_formats: dict[Position, str], formulas: dict[Position, str],
                        errors: dict[Position, str]) -> None:
        styles = {str(index).encode(): code for index, code in self._parts.date_styles.items()}
        if styles:
            # <c r="D3" s="12" t="n">: the attributes before s, if any, are matched one by one, possessively
            # (++, *+: a cell that is not a date gives up at once instead of backtracking), and findall
            # keeps the loop over cells in C.
            pattern = re.compile(rb'<c r="([A-Z]++)(\d++)"(?: (?!s=)[\w:]++="[^"]*+")*+ s="(' + b"|".join(styles)
                                 + rb')"[\s/>]')
            found = pattern.findall(xml)
            if found:  # (row, column) -> format, put together in C: a big plan has a hundred thousand dates
                letters, rows, codes = zip(*found)
                positions = zip(map((-1).__add__, map(int, rows)), map(_ColumnNumbers().__getitem__, letters))
                number_formats.update(zip(positions, map(styles.__getitem__, codes)))
        if b"<f" in xml:
            from html import unescape  # formulas are rare in a plan; the import is not
            for match in _FORMULA_CELL.finditer(xml):
                text = (match[2] or b"").decode("utf-8", "replace")
                formulas[parse_cell_name(match[1].decode())] = unescape(text)
        if b't="e"' in xml:
            for match in _ERROR_CELL.finditer(xml):
                errors[parse_cell_name(match[1].decode())] = match[2].decode("utf-8", "replace")


class _ColumnNumbers(dict):
    """Column letters (bytes) -> 0-based column number, worked out once per letters."""

    def __missing__(self, letters: bytes) -> int:
        number = parse_cell_name(letters.decode() + "1")[1]
        self[letters] = number
        return number


@contextmanager
def _damaged_as_error(where: str) -> Iterator[None]:
    """A part that cannot be decompressed (a damaged or truncated file) as one clear error."""
    try:
        yield
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
        raise WorkbookError(f"{where} is damaged and could not be read ({_one_line(error)}). Open and repair the "
                            "workbook in Excel, or use an earlier saved copy.") from None


def _refuse_entities(xml_head: bytes, where: str) -> None:
    """Refuse XML that declares entities: a workbook never needs them, and an 'XML bomb' does."""
    if b"<!DOCTYPE" in xml_head[:4096] or b"<!ENTITY" in xml_head[:4096]:
        raise WorkbookError(f"{where} declares XML entities, which a real workbook never does "
                            "(a possible 'XML bomb'), so it was not read. Use a copy saved by Excel.")


def _one_line(error: BaseException) -> str:
    return " ".join(str(error).split())[:200] or type(error).__name__
