"""Read workbook files into grids: values through python-calamine, formats and formulas from the XML.

python-calamine reads values many times faster than openpyxl but cannot see number
formats, formulas or error values, so those are scanned from the sheet's XML
(:mod:`.scan`); the small parts are parsed with defusedxml (:mod:`.parts`).  Before
anything reads it, the file is sniffed (:mod:`.sniff`), every entry of its zip
package is checked against :class:`Limits` (:mod:`.package`), and each sheet is
surveyed (:mod:`.far`): a sheet python-calamine cannot read (newer error values, impossible
dates, cells spread far apart or placed by counting) is read by :mod:`.values` instead, or,
where only a few cells lie far off, its near cells by calamine and the far ones by
:mod:`.values` (:mod:`.trim`).  The file is only ever opened for reading.
"""
from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

from ..alongside import Alongside
from ..errors import WorkbookError
from ..grid import Grid
from .calamine import CalamineCannot, Merged, open_book, sheet_values
from .package import Limits, Package, one_line, refuse_entities, shown
from .parts import BUILTIN_DATE_FORMATS, read_parts
from .far import BeyondExcel, Survey, survey
from .scan import BadReference, SheetScan
from .scan import scan as scan_sheet
from .sniff import OLE_MAGIC, lock_file_beside, sniff
from .trim import near_and_far
from .values import read_cells, read_values, shared_strings

log = logging.getLogger(__name__)

ALONGSIDE_BYTES = 1 << 21  # sheets' XML bigger than this (some 5,000 actions) is surveyed and scanned alongside
_SURVEY, _SCAN = "survey", "scan "  # the names of that work: the survey of every sheet, the scan of one
SHARED_STRINGS = "xl/sharedStrings.xml"
# What the other sheets become in the copy of the package calamine reads the near cells of one sheet from.
_OTHER_SHEET = re.compile(r"xl/worksheets/[^/]+\.xml")  # a sheet's XML, not its relationships (_rels/)
_SHARED_STRING = re.compile(rb"""\st\s*=\s*["']s["']""")  # a cell whose value is an index into the shared strings
_EMPTY_SHEET = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>'


class WorkbookFile:
    """An open workbook file: its sheet names, each sheet as a :class:`Grid`, and what a reader should be told.

    ``warnings`` are lines for the person running the tool (the workbook is open in Excel; two sheets share a
    name); nothing is wrong enough to stop, and each is said once.
    """

    def __init__(self, path: str | Path, limits: Limits = Limits()) -> None:
        self.path = Path(path)
        sniff(self.path)
        self.warnings: list[str] = []
        if (lock := lock_file_beside(self.path)) is not None:
            self.warnings.append(f"{shown(self.path.name)} is open in Excel (its lock file {shown(lock.name)} is "
                                 "beside it): changes not yet saved there are not included. Save it in Excel to "
                                 "include them.")
        self._package = Package(self.path, limits)
        if SHARED_STRINGS in self._package:
            where = f"the shared strings of {self.path}"
            refuse_entities(self._package.head(SHARED_STRINGS, where), where)
        self._parts = read_parts(self._package)
        self._strings: list[str] | None = None
        # python-calamine's own workbook, opened when a sheet it reads densely is first read (a sheet read from a
        # trimmed copy, :mod:`.trim`, does without it, and opening it parses the shared strings), or while the
        # sheets are surveyed in the other process.
        self._calamine: Any = None
        self.sheet_names: list[str] = [sheet.name for sheet in self._parts.sheets]
        # Started now, in one other process where the sheets are big: the survey of every sheet (which must come
        # before calamine reads any: a sheet whose cells lie far apart would abort the process), then the scan of
        # each sheet for formats, formulas and errors, while this process goes on (importing the rest of the
        # library, opening calamine's workbook, reading values).
        sheets = [sheet for sheet in self._parts.sheets if sheet.path in self._package]
        size = sum(self._package.infos[sheet.path].file_size for sheet in sheets)
        self._ahead = Alongside({_SURVEY: self._far_sheets,
                                 **{_SCAN + sheet.path: partial(self._scan, sheet.path, self._where(sheet.name))
                                    for sheet in sheets}}, worth_it=size > ALONGSIDE_BYTES)
        self._far: dict[str, Survey] | None = None
        self._warn_of_duplicates()

    def close(self) -> None:
        self._ahead.close()
        self._package.close()
        if self._calamine is not None:
            self._calamine.close()

    def __enter__(self) -> WorkbookFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def state(self, sheet: str) -> str:
        """'visible', 'hidden' or 'veryHidden' (hidden so that only VBA can show it again)."""
        listed = self._parts.sheet(sheet)
        return listed.state if listed else "visible"

    def warnings_for(self, plan_sheet: str) -> list[str]:
        """The warnings, and a word if the plan was read from a sheet hidden so that only VBA can show it."""
        if self.state(plan_sheet) != "veryHidden":
            return list(self.warnings)
        return [*self.warnings, f"the plan was read from the sheet '{shown(plan_sheet)}', which is very hidden "
                "(Excel's Unhide cannot show it; only VBA can). Check it is the plan you meant, or name one with "
                "--sheet."]

    def grid(self, sheet: str) -> Grid:
        """The named sheet, as values plus the date formats, formulas and errors the reader needs."""
        listed = self._parts.sheet(sheet)
        path = listed.path if listed and listed.path in self._package else None
        where = self._where(sheet)
        if path is not None:  # refuse an XML bomb before anything parses the sheet
            refuse_entities(self._package.head(path, where), where)
        if self._far is None:
            if self._calamine is None and self._ahead.would_wait():
                self._open_calamine_meanwhile()
            self._far = {name: Survey(*found) for name, found in self._ahead.result(_SURVEY).items()}
        found = self._far.get(sheet, Survey(False))
        if found.far and path is not None:
            rows, merged = self._near_and_far(sheet, path, where, found.spots)
        else:
            rows, merged = self._calamine_values(sheet, path, where)
        scanned = SheetScan(*self._ahead.result(_SCAN + path)) if path is not None else SheetScan({}, {}, {})
        return Grid(sheet=sheet, rows=rows, merged=merged, number_formats=scanned.number_formats,
                    formulas=scanned.formulas, errors=scanned.errors, date1904=self._parts.date1904)

    def _where(self, sheet: str) -> str:
        return f"sheet '{shown(sheet)}' of {self.path}"

    def _open_calamine_meanwhile(self) -> None:
        """Open python-calamine's workbook (its shared strings, styles and sheet list; no sheet's cells) while the
        other process surveys the sheets: this process would only wait for the survey. A workbook calamine cannot
        open is left for the reading of a sheet, which says so, if one needs calamine at all."""
        try:
            self._calamine = open_book(self.path)
        except WorkbookError:
            pass

    def _calamine_values(self, sheet: str, path: str | None, where: str) -> tuple[list[list[Any]], Merged]:
        """The values through python-calamine; through this package's own reader where calamine cannot."""
        try:
            if self._calamine is None:
                self._calamine = open_book(self.path)
            return sheet_values(self._calamine, sheet)
        except CalamineCannot as error:
            if path is None:
                raise WorkbookError(f"Sheet '{shown(sheet)}' of {self.path} could not be read ({error}). "
                                    "Open and repair the workbook in Excel.") from None
            log.debug("python-calamine could not read %s (%s); reading its XML instead", where, error)
            merged: Merged = []
            return self._own_values(path, where, merged), merged

    def _near_and_far(self, sheet: str, path: str, where: str,
                      spots: tuple[int, ...] | None) -> tuple[list[list[Any]], Merged]:
        """A sheet whose cells lie far apart: its near cells through calamine and the few far ones through the own
        reader where that can be done safely (:mod:`.trim`), else all of it through the own reader."""
        def parts() -> dict[str, bytes]:  # the package for calamine but this sheet, the other sheets left empty
            return {name: _EMPTY_SHEET if _OTHER_SHEET.fullmatch(name) else self._package.read(name)
                    for name in self._package.infos if name != path}

        def read_far(xml: bytes) -> dict[int, dict[int, Any]]:
            return self._own_values(path, where, [], lambda: [xml], read=read_cells,  # no shared string among
                                    strings=_SHARED_STRING.search(xml) is not None)  # them: no need for the table

        try:
            found = near_and_far(lambda: self._package.read(path, where), spots, sheet, path, parts, read_far)
        except CalamineCannot as error:
            log.debug("python-calamine could not read the near cells of %s (%s)", where, error)
            found = None
        if found is not None:
            return found
        merged: Merged = []
        return self._own_values(path, where, merged), merged

    def _own_values(self, path: str, where: str, merged: list, pieces: Callable[[], Iterable[bytes]] | None = None,
                    read: Callable[..., Any] = read_values, strings: bool = True) -> Any:
        """The sheet's values read by this package's own reader (``read``: rows, or cells by row and column)."""
        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import ParseError

        try:
            if self._strings is None and strings:
                self._strings = (shared_strings(lambda: self._package.pieces(SHARED_STRINGS, f"the shared strings "
                                                                             f"of {self.path}"))
                                 if SHARED_STRINGS in self._package else [])
            return read(pieces or (lambda: self._package.pieces(path, where)), self._strings or [], self._parts,
                        merged)
        except (DefusedXmlException, ParseError, BadReference) as error:
            raise WorkbookError(f"{where} could not be read ({one_line(error)}). Open and repair the workbook in "
                                "Excel, or use an earlier saved copy.") from None

    def _far_sheets(self) -> dict[str, tuple[bool, tuple[int, ...] | None]]:
        """Sheet name -> whether its cells lie far apart and where its far cells are (a :class:`.far.Survey` as a
        plain tuple, to travel between processes)."""
        package = Package(self.path, self._package.limits)  # its own handle, apart from what calamine reads
        try:
            verdicts = {}
            for sheet in self._parts.sheets:
                if sheet.path in package:
                    try:
                        verdicts[sheet.name] = tuple(survey(lambda path=sheet.path: package.pieces(path, path)))
                    except BeyondExcel as reference:
                        raise WorkbookError(
                            f"sheet '{shown(sheet.name)}' of {self.path} names {reference}, past Excel's "
                            "last cell (XFD1048576), so it was not read: the file was not saved by a spreadsheet "
                            "program. Open it in Excel or LibreOffice and save it again, or use an earlier copy."
                        ) from None
                    except WorkbookError:  # a damaged sheet: said when it is read, if it is
                        verdicts[sheet.name] = tuple(Survey(False))
            return verdicts
        finally:
            package.close()

    def _scan(self, path: str, where: str) -> tuple[dict, dict, dict]:
        """The date formats, formulas and error values of a sheet's cells, from its XML (in its own handle on
        the file, so that a scan in another process never moves the position this process reads from)."""
        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import ParseError

        package = Package(self.path, self._package.limits)
        try:
            return tuple(scan_sheet(lambda: package.pieces(path, where), self._parts.date_styles))
        except (DefusedXmlException, ParseError, BadReference) as error:
            raise WorkbookError(f"{where} could not be read ({one_line(error)}). Open and repair the workbook in "
                                "Excel, or use an earlier saved copy.") from None
        finally:
            package.close()

    def _warn_of_duplicates(self) -> None:
        seen: dict[str, str] = {}
        for listed in self._parts.sheets:
            key = listed.name.casefold()
            if key in seen:
                self.warnings.append(f"the workbook lists two sheets named '{shown(seen[key])}' (Excel would "
                                     f"never allow it); only the first is read. Rename one of them in Excel.")
            seen.setdefault(key, listed.name)


__all__ = ["WorkbookFile", "Limits", "sniff", "ALONGSIDE_BYTES", "BUILTIN_DATE_FORMATS", "OLE_MAGIC"]
