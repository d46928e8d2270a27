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
from pathlib import Path
from typing import Any

from ..alongside import alongside
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

ALONGSIDE_BYTES = 1 << 21  # a sheet's XML bigger than this (some 5,000 actions) is scanned alongside calamine
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
        # Which sheets' cells lie too far apart for calamine's dense read (it would abort the process): looked at
        # before calamine reads any sheet, in this process (a third process beside calamine and the scan cost
        # more than it saved on two cores: validate went from 2.6 to 2.9 times the bare read at 50,000 actions).
        self._far: dict[str, Survey] | None = None
        # python-calamine's own workbook, opened when a sheet it reads densely is first read: a sheet read from a
        # trimmed copy (:mod:`.trim`) does without it, and opening it parses the shared strings.
        self._calamine: Any = None
        self.sheet_names: list[str] = [sheet.name for sheet in self._parts.sheets]
        self._warn_of_duplicates()

    def close(self) -> None:
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
        where = f"sheet '{shown(sheet)}' of {self.path}"
        if path is not None:  # refuse an XML bomb before anything parses the sheet
            refuse_entities(self._package.head(path, where), where)
        big = path is not None and self._package.infos[path].file_size > ALONGSIDE_BYTES
        scanned = alongside(lambda: self._scan(path, where), worth_it=big)  # under way while calamine reads
        merged: list[tuple[tuple[int, int], tuple[int, int]]] = []
        try:
            if self._far is None:
                self._far = self._far_sheets()
            found = self._far.get(sheet, Survey(False))
            if found.far and path is not None:
                rows, merged = self._near_and_far(sheet, path, where, found.spots)
            else:
                rows, merged = self._calamine_values(sheet, path, where)
        except BaseException:
            scanned(wanted=False)  # the scan, if it runs alongside, is no longer wanted: only wait for its end
            raise
        found = SheetScan(*scanned())
        return Grid(sheet=sheet, rows=rows, merged=merged, number_formats=found.number_formats,
                    formulas=found.formulas, errors=found.errors, date1904=self._parts.date1904)

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

    def _far_sheets(self) -> dict[str, Survey]:
        """Sheet name -> where its far cells are, if it has any (see :func:`.far.survey`)."""
        package = Package(self.path, self._package.limits)  # its own handle, apart from what calamine reads
        try:
            verdicts = {}
            for sheet in self._parts.sheets:
                if sheet.path in package:
                    try:
                        verdicts[sheet.name] = survey(lambda path=sheet.path: package.pieces(path, path))
                    except BeyondExcel as reference:
                        raise WorkbookError(
                            f"sheet '{shown(sheet.name)}' of {self.path} names {reference}, past Excel's "
                            "last cell (XFD1048576), so it was not read: the file was not saved by a spreadsheet "
                            "program. Open it in Excel or LibreOffice and save it again, or use an earlier copy."
                        ) from None
                    except WorkbookError:  # a damaged sheet: said when it is read, if it is
                        verdicts[sheet.name] = Survey(False)
            return verdicts
        finally:
            package.close()

    def _scan(self, path: str | None, where: str) -> tuple[dict, dict, dict]:
        """The date formats, formulas and error values of a sheet's cells, from its XML (in its own handle on
        the file, so that a scan in another process never moves the position this process reads from)."""
        from defusedxml import DefusedXmlException
        from defusedxml.ElementTree import ParseError

        if path is None:
            return {}, {}, {}
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
