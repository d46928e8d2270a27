"""Build the macro-enabled sample plan, ``workbook/sip_2017_18.xlsm``, and its picture in the README.

Run ``python workbook/build_macro_workbook.py`` (after ``build_sample.py``). It needs
LibreOffice with its Python bridge (Debian: ``libreoffice-calc-nogui python3-uno``;
``LO_PYTHON`` names that Python, default ``/usr/bin/python3``) and poppler-utils.

The ``.xlsm`` is the ``.xlsx`` with these parts added and nothing else changed:

- ``xl/vbaProject.bin``: two VBA modules, compiled by LibreOffice
  (``libreoffice_helper.py``): ``SipExcel`` (``macros/SipExcel.bas``, the buttons'
  macros) and ``xlwings``, xlwings' standalone module from the installed xlwings, so
  ``RunPython`` works without the xlwings add-in. The module must match the xlwings
  that runs the Python side: pyproject.toml pins that version and a test checks it.
  The project declares code page 1252 (Western European), which LibreOffice leaves
  at 0 (``vba_codepage.py``).
- ``xl/worksheets/sheet3.xml``: the hidden ``xlwings.conf`` sheet, which turns on
  xlwings' ``USE UDF SERVER`` (on Windows, Python stays running between clicks).
  (xlwings' ``Dictionary`` class module is only used on the Mac; LibreOffice cannot
  declare class modules, so it is left out: on a Mac, use the xlwings add-in.)
- ``xl/drawings/vmlDrawing1.vml``: four form buttons (Developer > Insert > Button
  in Excel), written by XlsxWriter for a sheet with the plan's column widths, so
  each sits in the same cells; each runs one macro of ``SipExcel``.
- the relationships and content types that tie them in.

The plan's cells, styles and the Settings sheet are copied byte for byte, which a
test checks, along with olevba reading the macros back and LibreOffice showing
the buttons.
"""
from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
SOURCE = HERE / "sip_2017_18.xlsx"
TARGET = HERE / "sip_2017_18.xlsm"
MACROS = HERE.parent / "macros"
PICTURE = HERE.parent / "docs" / "workbook-buttons.png"
HELPER = HERE / "libreoffice_helper.py"
PLAN_PART = "xl/worksheets/sheet1.xml"
# (caption, macro, top-left cell) of the buttons: in the empty, frozen title rows above Comments.
BUTTONS = [("Validate", "ValidatePlan", "I2"), ("Build report", "BuildReport", "I4"),
           ("Clear marks", "ClearMarks", "I6"), ("Set up workbook", "SetUpWorkbook", "I8")]
BUTTON_SIZE = {"width": 170, "height": 30}  # pixels
PICTURE_AREA = ("5", "9", "22")  # columns F to J, rows 1 to 23 (0-based, inclusive)

MACRO_ENABLED = "application/vnd.ms-excel.sheet.macroEnabled.main+xml"
VBA_TYPE = "application/vnd.ms-office.vbaProject"
VML_TYPE = "application/vnd.openxmlformats-officedocument.vmlDrawing"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
VBA_REL = "http://schemas.microsoft.com/office/2006/relationships/vbaProject"
VML_REL = f"{REL_NS}/vmlDrawing"


def modules() -> list[tuple[str, Path]]:
    import xlwings

    return [("xlwings", Path(xlwings.__file__).parent / "xlwings.bas"), ("SipExcel", MACROS / "SipExcel.bas")]


def lo_python() -> str:
    return os.environ.get("LO_PYTHON", "/usr/bin/python3")


def compile_vba(source: Path, folder: Path) -> bytes:
    from vba_codepage import declare_code_page

    target = folder / "vbaProject.bin"
    # LibreOffice writes code page 0 whatever locale it runs under (vba_codepage.py): declare it afterwards.
    subprocess.run([lo_python(), str(HELPER), "vba", str(source), str(target),
                    *(f"{name}={path}" for name, path in modules())], check=True)
    return declare_code_page(target.read_bytes())


# xlwings' settings sheet: RunPython uses xlwings' COM server (the "UDF server") on Windows, so Python and the
# modules it imported stay loaded between clicks instead of starting afresh on every click.
XLWINGS_CONF = {"USE UDF SERVER": True}
CONF_PART = "xl/worksheets/sheet3.xml"
SHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
SHEET_REL = f"{REL_NS}/worksheet"


def xlwings_conf_sheet() -> bytes:
    """The xlwings.conf sheet: one setting a row, its name in A and its value in B."""
    rows = "".join(
        f'<row r="{n}"><c r="A{n}" t="inlineStr"><is><t>{key}</t></is></c>'
        f'<c r="B{n}" t="b"><v>{int(value)}</v></c></row>' for n, (key, value) in enumerate(XLWINGS_CONF.items(), 1))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
            f'<sheetData>{rows}</sheetData></worksheet>').encode()


def scratch_sheet_like_the_plan(source: Path, sheet_name: str | None = None):
    """An XlsxWriter workbook in memory and its one sheet, with the plan's column widths and row heights, so
    that what is drawn on it (buttons, shapes) sits where it will sit on the plan."""
    import xlsxwriter
    from openpyxl import load_workbook
    from openpyxl.utils import column_index_from_string

    plan = load_workbook(source).worksheets[0]
    scratch = io.BytesIO()
    book = xlsxwriter.Workbook(scratch, {"in_memory": True})
    sheet = book.add_worksheet(sheet_name or plan.title)
    for letter, dimension in plan.column_dimensions.items():
        if dimension.width:
            column = column_index_from_string(letter) - 1
            sheet.set_column(column, column, dimension.width)
    for row, dimension in plan.row_dimensions.items():
        if dimension.height:
            sheet.set_row(row - 1, dimension.height)
    return scratch, book, sheet


def buttons_vml(source: Path) -> bytes:
    """The buttons' VML, as XlsxWriter writes it for a sheet with the plan's column widths and row heights."""
    scratch, book, sheet = scratch_sheet_like_the_plan(source)
    for caption, macro, cell in BUTTONS:
        sheet.insert_button(cell, {"macro": macro, "caption": caption, **BUTTON_SIZE})
    book.close()
    with zipfile.ZipFile(scratch) as package:
        return package.read("xl/drawings/vmlDrawing1.vml")


def _add_relationship(rels: str, rel_id: str, rel_type: str, target: str) -> str:
    return rels.replace("</Relationships>",
                        f'<Relationship Id="{rel_id}" Type="{rel_type}" Target="{target}"/></Relationships>')


def _free_id(rels: str) -> str:
    used = {int(n) for n in re.findall(r'Id="rId(\d+)"', rels)}
    return f"rId{max(used, default=0) + 1}"


def _insert_in_sheet(sheet: str, element: str, followers: tuple[str, ...]) -> str:
    """The sheet's XML with ``element`` (which names a relationship) put before the first of the elements the
    schema says must follow it (or at the end), and the relationships namespace declared if it is not yet."""
    if 'xmlns:r="' not in sheet[:sheet.index(">", sheet.index("<worksheet"))]:
        sheet = sheet.replace("<worksheet ", f'<worksheet xmlns:r="{REL_NS}" ', 1)
    anchor = min((sheet.find(tag) for tag in followers if tag in sheet), default=sheet.rindex("</worksheet>"))
    return sheet[:anchor] + element + sheet[anchor:]


def assemble(source: Path, target: Path, vba: bytes, vml: bytes) -> Path:
    """Copy every part of ``source`` and add the VBA project and the buttons."""
    with zipfile.ZipFile(source) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    if any(name.startswith("xl/drawings/") for name in parts) or "xl/worksheets/_rels/sheet1.xml.rels" in parts:
        raise SystemExit("The sample already has drawings or sheet relationships; extend build_macro_workbook.py.")

    types = parts["[Content_Types].xml"].decode()
    types = types.replace("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", MACRO_ENABLED)
    types = types.replace("</Types>", f'<Default Extension="bin" ContentType="{VBA_TYPE}"/>'
                                      f'<Default Extension="vml" ContentType="{VML_TYPE}"/></Types>')
    workbook_rels = parts["xl/_rels/workbook.xml.rels"].decode()
    workbook_rels = _add_relationship(workbook_rels, _free_id(workbook_rels), VBA_REL, "vbaProject.bin")
    if CONF_PART in parts:
        raise SystemExit("The sample already has a third sheet; extend build_macro_workbook.py.")
    conf_id = _free_id(workbook_rels)
    workbook_rels = _add_relationship(workbook_rels, conf_id, SHEET_REL, "worksheets/sheet3.xml")
    types = types.replace("</Types>", f'<Override PartName="/{CONF_PART}" ContentType="{SHEET_TYPE}"/></Types>')
    workbook = parts["xl/workbook.xml"].decode()
    sheet_id = max(int(n) for n in re.findall(r'sheetId="(\d+)"', workbook)) + 1
    workbook = workbook.replace("</sheets>", f'<sheet xmlns:r="{REL_NS}" name="xlwings.conf" sheetId="{sheet_id}" '
                                             f'state="hidden" r:id="{conf_id}"/></sheets>')

    # legacyDrawing comes after pageMargins/pageSetup/headerFooter/breaks/drawing and before tableParts/extLst.
    sheet = _insert_in_sheet(parts[PLAN_PART].decode(), '<legacyDrawing r:id="rId1"/>',
                             ("<legacyDrawingHF", "<picture", "<oleObjects", "<controls", "<webPublishItems",
                              "<tableParts", "<extLst"))
    sheet_rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
                  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                  f'<Relationship Id="rId1" Type="{VML_REL}" Target="../drawings/vmlDrawing1.vml"/></Relationships>')

    parts.update({
        "[Content_Types].xml": types.encode(), "xl/_rels/workbook.xml.rels": workbook_rels.encode(),
        PLAN_PART: sheet.encode(), "xl/worksheets/_rels/sheet1.xml.rels": sheet_rels.encode(),
        "xl/workbook.xml": workbook.encode(), CONF_PART: xlwings_conf_sheet(),
        "xl/vbaProject.bin": vba, "xl/drawings/vmlDrawing1.vml": vml,
    })
    partial = target.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():
            package.writestr(zipfile.ZipInfo(name, date_time=(2017, 8, 31, 0, 0, 0)), data,
                             compress_type=zipfile.ZIP_DEFLATED)
    partial.replace(target)
    return target


def draw_picture(workbook: Path = TARGET, target: Path = PICTURE) -> Path:
    """The top of the plan with its buttons, as LibreOffice shows the .xlsm (read back from the file)."""
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "picture.pdf"
        subprocess.run([lo_python(), str(HELPER), "picture", str(workbook), str(pdf), *PICTURE_AREA], check=True)
        subprocess.run(["pdftoppm", "-r", "110", "-png", "-singlefile", str(pdf), str(target.with_suffix(""))],
                       check=True)
    return target


def build(source: Path = SOURCE, target: Path = TARGET) -> Path:
    with tempfile.TemporaryDirectory() as folder:
        vba = compile_vba(source, Path(folder))
    return assemble(source, target, vba, buttons_vml(source))


if __name__ == "__main__":
    print(build())
    print(draw_picture())
    sys.exit(0)
