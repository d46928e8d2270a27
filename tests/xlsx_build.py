"""Workbook files for the reading tests, built in the test's folder: plans, and their XML edited by hand."""
from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import Workbook

from .conftest import HEADER, action_row

SHEET = "xl/worksheets/sheet1.xml"


def plan_file(path: Path, *actions: dict[str, Any], title: str = "Plan") -> Path:
    """A one-priority plan saved by openpyxl, its Start and End cells formatted as months (mmm-yy)."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = title
    sheet.append(["Priority 1: A priority"])
    sheet.append(HEADER)
    for values in actions or ({"ref": "1.1"}, {"ref": "1.2"}):
        sheet.append(action_row(**values))
    for row in range(3, sheet.max_row + 1):
        for column in (4, 5):
            sheet.cell(row, column).number_format = "mmm-yy"
    workbook.save(path)
    return path


def edit_parts(path: Path, edit: Callable[[dict[str, bytes]], None], method: int = zipfile.ZIP_DEFLATED) -> Path:
    """Rewrite the package with its parts changed by ``edit`` (a function of the name -> bytes mapping)."""
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    edit(parts)
    with zipfile.ZipFile(path, "w", method) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def edit_sheet(path: Path, edit: Callable[[str], str], part: str = SHEET) -> Path:
    def change(parts: dict[str, bytes]) -> None:
        parts[part] = edit(parts[part].decode()).encode()

    return edit_parts(path, change)


def set_cell(cell: str, inner: str, kind: str | None = None, style: bool = True) -> Callable[[str], str]:
    """An edit that gives a cell new content (``<v>...</v>``, ``<f>...</f><v>...</v>``), keeping its style
    (its number format) unless ``style`` is False."""
    def edit(xml: str) -> str:
        old = re.search(rf'<c r="{cell}"[^>]*?(?:/>|>.*?</c>)', xml)
        assert old, cell
        kept = re.search(r' s="\d+"', old[0]) if style else None
        kind_attribute = f' t="{kind}"' if kind else ""
        return xml.replace(old[0], f'<c r="{cell}"{kept[0] if kept else ""}{kind_attribute}>{inner}</c>')

    return edit


def add_rows(rows_xml: str) -> Callable[[str], str]:
    """An edit that adds rows at the end of the sheet's data."""
    return lambda xml: xml.replace("</sheetData>", rows_xml + "</sheetData>")
