"""Build the xlwings Lite edition of the sample plan, ``workbook/sip_2017_18_lite.xlsx``: no macros.

Run ``python workbook/build_lite_workbook.py --wheel URL`` (after ``build_sample.py``; needs XlsxWriter and
openpyxl, ``pip install -e ".[build]"``). URL is where the council's IT hosts sip-excel's wheel
(``python -m build`` makes it), or a package name such as ``sip-excel==0.1.0`` once a private index serves it.

The workbook is the ``.xlsx`` with these parts added and nothing else changed (a test compares the rest byte
for byte):

- ``xl/webextensions/webextension1.xml``: the xlwings Lite add-in (store id WA200008175) and its properties,
  each a JSON string: ``main.py`` (``workbook/lite/main.py``: four ``@script`` functions calling the buttons'
  entry points), ``requirements.txt``, ``pyodideVersion`` and ``addinVersion``; with
  ``xl/webextensions/taskpanes.xml`` and the relationships that open Lite's task pane with the workbook.
  The layout is that of public Lite workbooks saved by Excel (amararun/xlwings-lite-apps-codes-docs on
  GitHub, ``yahoo-finance/*.xlsx`` and ``technical-analysis/*.xlsx``, 2025-26): Excel writes it, Lite reads it.
- ``xl/drawings/drawing1.xml``: four shapes, Validate, Build report, Clear marks and Set up workbook, where the
  ``.xlsm`` has its buttons; each is named as ``main.py``'s ``@script(button="[name]Sheet!Cell")`` says and
  links to the cell under it, which is how Lite runs a script from a sheet (Office.js has no sheet buttons).

openpyxl would drop the web-extension parts on saving, so they are written at ZIP level.
"""
from __future__ import annotations

import argparse
import json
import sys
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
from build_macro_workbook import (BUTTONS, BUTTON_SIZE, PLAN_PART, REL_NS, _add_relationship, _free_id,  # noqa: E402
                                  _insert_in_sheet, scratch_sheet_like_the_plan)

SOURCE = HERE / "sip_2017_18.xlsx"
TARGET = HERE / "sip_2017_18_lite.xlsx"
MAIN = HERE / "lite" / "main.py"
# What Lite records about itself, as in the public workbooks above: the Python (Pyodide 0.27.5 is Python 3.12)
# and add-in it ran, and the xlwings and helper packages it needs ("# required" lines are Lite's own).
PYODIDE_VERSION = "0.27.5"
ADDIN_VERSION = "1.0.0.0-18"
LITE_XLWINGS = "0.33.11"
LITE_REQUIREMENTS = (f"xlwings=={LITE_XLWINGS}  # required", "python-dotenv==1.0.1  # required",
                     "pyodide-http  # required", "black  # required")
STORE_ID = "WA200008175"
WHEEL_PLACEHOLDER = "https://YOUR-COUNCIL.example/python/sip_excel-0.1.0-py3-none-any.whl"
SHAPE_NAMES = {"ValidatePlan": "sip_validate", "BuildReport": "sip_build_report", "ClearMarks": "sip_clear_marks",
               "SetUpWorkbook": "sip_setup_workbook"}  # the .xlsm's macro -> the Lite shape running the same

WEBEXTENSION_TYPE = "application/vnd.ms-office.webextension+xml"
TASKPANES_TYPE = "application/vnd.ms-office.webextensiontaskpanes+xml"
DRAWING_TYPE = "application/vnd.openxmlformats-officedocument.drawing+xml"
TASKPANES_REL = "http://schemas.microsoft.com/office/2011/relationships/webextensiontaskpanes"
WEBEXTENSION_REL = "http://schemas.microsoft.com/office/2011/relationships/webextension"
DRAWING_REL = f"{REL_NS}/drawing"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def webassembly_dependencies() -> list[str]:
    """sip-excel's dependencies as Lite installs them, read from pyproject.toml: those marked as not for
    WebAssembly left out. Named in requirements.txt so that IT and a data-protection officer see every package
    Lite fetches (micropip takes the pure-Python ones from PyPI, pandas, matplotlib and lxml from Pyodide's own
    builds)."""
    return [spec.split(";")[0].strip() for spec in project_dependencies()
            if "sys_platform != 'emscripten'" not in spec.replace('"', "'")]


def project_dependencies() -> list[str]:
    """pyproject.toml's [project] dependencies. tomllib is Python 3.11's; on 3.10 (which sip-excel supports)
    the same list is read from the installed package's metadata (README: `pip install -e .` comes first)."""
    try:
        import tomllib
    except ModuleNotFoundError:
        from importlib.metadata import requires

        return [spec for spec in requires("sip-excel") or [] if "extra ==" not in spec]
    return tomllib.loads((HERE.parent / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]


def requirements(wheel: str) -> str:
    return "\n".join((*LITE_REQUIREMENTS, *webassembly_dependencies(), wheel))


def webextension(main: str, requirements_txt: str) -> bytes:
    """Lite's part: each property's value is a JSON string, XML-escaped into the attribute."""
    properties = {"main.py": main, "pyodideVersion": PYODIDE_VERSION, "addinVersion": ADDIN_VERSION,
                  "requirements.txt": requirements_txt}
    values = "".join(f'<we:property name="{name}" value="{escape(json.dumps(value), {chr(34): "&quot;"})}"/>'
                      for name, value in properties.items())
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<we:webextension xmlns:we="http://schemas.microsoft.com/office/webextensions/webextension/2010/11" '
            'id="{6F3C8A52-1D5B-4E7A-9C2B-5A1E0F9B7D31}">'
            f'<we:reference id="{STORE_ID.lower()}" version="1.0.0.0" store="en-GB" storeType="OMEX"/>'
            f'<we:alternateReferences><we:reference id="{STORE_ID}" version="1.0.0.0" store="{STORE_ID}" '
            'storeType="OMEX"/></we:alternateReferences>'
            f'<we:properties>{values}</we:properties><we:bindings/>'
            f'<we:snapshot xmlns:r="{REL_NS}"/></we:webextension>').encode()


def taskpanes() -> bytes:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            '<wetp:taskpanes xmlns:wetp="http://schemas.microsoft.com/office/webextensions/taskpanes/2010/11">'
            '<wetp:taskpane dockstate="right" visibility="1" width="438" row="3">'
            f'<wetp:webextensionref xmlns:r="{REL_NS}" r:id="rId1"/></wetp:taskpane></wetp:taskpanes>').encode()


def shapes(source: Path, sheet_name: str) -> tuple[bytes, bytes]:
    """The four shapes' drawing and its relationships (the links to the cells under them), as XlsxWriter writes
    them for a sheet with the plan's column widths and row heights, so each sits where the .xlsm's button does."""
    scratch, book, sheet = scratch_sheet_like_the_plan(source, sheet_name)
    quoted = "'" + sheet_name.replace("'", "''") + "'"
    for caption, _, cell in BUTTONS:
        sheet.insert_textbox(cell, caption, {**BUTTON_SIZE, "url": f"internal:{quoted}!{cell}",
                                             "fill": {"color": "#DDEBF7"}, "font": {"bold": True},
                                             "align": {"vertical": "middle", "horizontal": "center"}})
    book.close()
    with zipfile.ZipFile(scratch) as package:
        drawing = package.read("xl/drawings/drawing1.xml").decode()
        rels = package.read("xl/drawings/_rels/drawing1.xml.rels")
    for number, (_, macro, _) in enumerate(BUTTONS, start=1):
        drawing = drawing.replace(f'name="TextBox {number}"', f'name="{SHAPE_NAMES[macro]}"', 1)
    return drawing.encode(), rels


def plan_sheet_name(parts: dict[str, bytes]) -> str:
    import re

    return re.search(r'<sheet [^>]*name="([^"]+)"', parts["xl/workbook.xml"].decode())[1].replace("&amp;", "&")


def assemble(source: Path, target: Path, wheel: str) -> Path:
    """Copy every part of ``source`` and add Lite's parts and the shapes."""
    with zipfile.ZipFile(source) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    if any(name.startswith(("xl/drawings/", "xl/webextensions/")) for name in parts) \
            or "xl/worksheets/_rels/sheet1.xml.rels" in parts:
        raise SystemExit("The sample already has drawings or sheet relationships; extend build_lite_workbook.py.")
    drawing, drawing_rels = shapes(source, plan_sheet_name(parts))

    types = parts["[Content_Types].xml"].decode().replace("</Types>", "".join(
        f'<Override PartName="/{name}" ContentType="{kind}"/>' for name, kind in (
            ("xl/drawings/drawing1.xml", DRAWING_TYPE), ("xl/webextensions/taskpanes.xml", TASKPANES_TYPE),
            ("xl/webextensions/webextension1.xml", WEBEXTENSION_TYPE))) + "</Types>")
    package_rels = parts["_rels/.rels"].decode()
    package_rels = _add_relationship(package_rels, _free_id(package_rels), TASKPANES_REL,
                                     "xl/webextensions/taskpanes.xml")
    # <drawing> comes after pageMargins/pageSetup/headerFooter/breaks and before legacyDrawing/tableParts/extLst.
    sheet = _insert_in_sheet(parts[PLAN_PART].decode(), '<drawing r:id="rId1"/>',
                             ("<legacyDrawing", "<picture", "<oleObjects", "<controls", "<webPublishItems",
                              "<tableParts", "<extLst"))
    relationships = f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="{PACKAGE_RELS}">'

    parts.update({
        "[Content_Types].xml": types.encode(), "_rels/.rels": package_rels.encode(), PLAN_PART: sheet.encode(),
        "xl/worksheets/_rels/sheet1.xml.rels": (relationships + f'<Relationship Id="rId1" Type="{DRAWING_REL}" '
                                                'Target="../drawings/drawing1.xml"/></Relationships>').encode(),
        "xl/drawings/drawing1.xml": drawing, "xl/drawings/_rels/drawing1.xml.rels": drawing_rels,
        "xl/webextensions/webextension1.xml": webextension(MAIN.read_text(encoding="utf-8"), requirements(wheel)),
        "xl/webextensions/taskpanes.xml": taskpanes(),
        "xl/webextensions/_rels/taskpanes.xml.rels": (relationships + f'<Relationship Id="rId1" '
                                                      f'Type="{WEBEXTENSION_REL}" Target="webextension1.xml"/>'
                                                      '</Relationships>').encode(),
    })
    partial = target.with_suffix(".partial")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in parts.items():  # fixed dates, so the same inputs give the same bytes
            package.writestr(zipfile.ZipInfo(name, date_time=(2017, 8, 31, 0, 0, 0)), data,
                             compress_type=zipfile.ZIP_DEFLATED)
    partial.replace(target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--wheel", default=WHEEL_PLACEHOLDER,
                        help="where Lite installs sip-excel from: the URL of its wheel, or a requirement such as "
                             "sip-excel==0.1.0 served by a private index (default: a placeholder to replace)")
    parser.add_argument("--output", type=Path, default=TARGET)
    parser.add_argument("--print-xlwings", action="store_true", help="print the xlwings version Lite pins, and stop")
    args = parser.parse_args(argv)
    if args.print_xlwings:
        print(LITE_XLWINGS)
        return 0
    print(assemble(SOURCE, args.output, args.wheel))
    return 0


if __name__ == "__main__":
    sys.exit(main())
