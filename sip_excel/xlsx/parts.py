"""The small parts that describe a workbook: its sheets, their states and paths, the date system, date styles.

They are parsed with defusedxml and matched by local name, so a Strict Open XML workbook
(other namespaces) or one written with namespace prefixes reads the same.
"""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException

from ..dates import format_tokens, is_date_format
from ..errors import WorkbookError
from .package import Package, one_line

# Excel's built-in number formats that show dates (ECMA-376 part 1, 18.8.30).
BUILTIN_DATE_FORMATS = {
    14: "dd/mm/yyyy", 15: "d-mmm-yy", 16: "d-mmm", 17: "mmm-yy",
    18: "h:mm AM/PM", 22: "dd/mm/yyyy h:mm", 27: "yyyy/m/d", 30: "m/d/yy",
    36: "yyyy/m/d", 50: "yyyy/m/d", 57: "yyyy/m/d",
}
# Built-in formats that show a time of day or a duration, which python-calamine turns into times.
BUILTIN_TIME_FORMATS = {18: "h:mm AM/PM", 19: "h:mm:ss AM/PM", 20: "h:mm", 21: "h:mm:ss", 45: "mm:ss",
                        46: "[h]:mm:ss", 47: "mmss.0"}


@dataclass
class Sheet:
    """One sheet as the workbook lists it."""

    name: str
    path: str  # its part inside the package ("" if the workbook points nowhere)
    state: str = "visible"  # or "hidden", or "veryHidden" (only VBA can show it)


@dataclass
class Parts:
    """What the reader needs of the workbook before it reads any sheet."""

    sheets: list[Sheet]
    date_styles: dict[int, str]  # style index -> number format, for styles that show a date
    time_styles: dict[int, str] = field(default_factory=dict)  # styles that show a time or a duration
    date1904: bool = False  # old Mac Excel counts days from 1904

    def sheet(self, name: str) -> Sheet | None:
        return next((sheet for sheet in self.sheets if sheet.name == name), None)


def local(tag: str) -> str:
    """An element or attribute name without its namespace: Strict and Transitional name the same things."""
    return tag.rpartition("}")[2]


def read_parts(package: Package) -> Parts:
    workbook = parse(package, "xl/workbook.xml")
    rels_name = "xl/_rels/workbook.xml.rels"
    rels = parse(package, rels_name) if rels_name in package else None
    targets = {rel.get("Id"): rel.get("Target", "") for rel in (rels.iter() if rels is not None else ())
               if local(rel.tag) == "Relationship"}
    sheets, date1904 = [], False
    for element in workbook.iter():
        name = local(element.tag)
        if name == "workbookPr":
            date1904 = element.get("date1904", "false").strip().lower() in ("1", "true")
        elif name == "sheet":
            rid = next((value for key, value in element.attrib.items() if local(key) == "id"), None)
            target = targets.get(rid, "")
            path = (target.lstrip("/") if target.startswith("/")
                    else posixpath.normpath(posixpath.join("xl", target)) if target else "")
            sheets.append(Sheet(element.get("name", ""), path, element.get("state", "visible")))
    date_styles, time_styles = _styles(package)
    return Parts(sheets=sheets, date_styles=date_styles, time_styles=time_styles, date1904=date1904)


def _styles(package: Package) -> tuple[dict[int, str], dict[int, str]]:
    """Style index -> number format, for the cell styles that show a date, and for those that show a time."""
    if "xl/styles.xml" not in package:
        return {}, {}
    styles = parse(package, "xl/styles.xml")
    custom = {}
    cell_xfs = None
    for element in styles.iter():
        name = local(element.tag)
        if name == "numFmt":
            custom[_int(element.get("numFmtId"))] = element.get("formatCode", "")
        elif name == "cellXfs" and cell_xfs is None:
            cell_xfs = element
    date_styles, time_styles = {}, {}
    for index, xf in enumerate(xf for xf in (cell_xfs if cell_xfs is not None else []) if local(xf.tag) == "xf"):
        number_format_id = _int(xf.get("numFmtId"))
        code = custom.get(number_format_id) or BUILTIN_DATE_FORMATS.get(number_format_id)
        if code and is_date_format(code):
            date_styles[index] = code
        elif time := custom.get(number_format_id) or BUILTIN_TIME_FORMATS.get(number_format_id):
            if _is_time_format(time):
                time_styles[index] = time
    return date_styles, time_styles


def _is_time_format(code: str) -> bool:
    tokens = format_tokens(code)
    return "h" in tokens or "s" in tokens


def _int(text: str | None) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return -1


def parse(package: Package, name: str):
    """A small part of the package, parsed safely; one clear line if it cannot be."""
    where = f"the part '{name}' of {package.path}"
    if name not in package:
        raise WorkbookError(f"{package.path} is missing its part '{name}', so it is not a complete workbook. "
                            "Open and repair it in Excel.")
    try:
        return ElementTree.fromstring(package.read(name, where), forbid_dtd=True)
    except (DefusedXmlException, ElementTree.ParseError) as error:
        raise WorkbookError(f"{package.path} contains unsafe or malformed XML in '{name}' ({one_line(error)}) "
                            "and was not read. Use an earlier saved copy.") from None
