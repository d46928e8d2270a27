"""The LibreOffice half of ``build_macro_workbook.py``; it runs in LibreOffice's own Python (``python3-uno``).

    /usr/bin/python3 libreoffice_helper.py vba WORKBOOK.xlsx OUT.bin NAME=MODULE.bas ...
        compile the VBA modules into a VBA project (``xl/vbaProject.bin``)
    /usr/bin/python3 libreoffice_helper.py picture WORKBOOK.xlsm OUT.pdf FIRST_COLUMN LAST_COLUMN LAST_ROW
        open the workbook and print its top rows, buttons included, to PDF
    /usr/bin/python3 libreoffice_helper.py controls WORKBOOK.xlsm
        print (as JSON) the buttons LibreOffice finds on the first sheet and the macro each runs
    /usr/bin/python3 libreoffice_helper.py notes WORKBOOK.xlsm STEPS.json
        put a staff note on the first sheet, run SipExcel.ApplyNotes for each step
        ([remove, add, texts]) and print (as JSON) the notes after each

Why LibreOffice: writing a VBA project (MS-OVBA: a compound file of compressed
module streams) needs a real writer. LibreOffice's VBA export is maintained, and
oletools' ``olevba`` reads its output back to the same source text.
"""
from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

import uno  # LibreOffice's Python bridge
from com.sun.star.beans import PropertyValue

PROJECT = "VBAProject"


def prop(name: str, value):
    item = PropertyValue()
    item.Name, item.Value = name, value
    return item


def vba_source(path: Path) -> str:
    """A .bas file's code without the ``Attribute VB_`` lines the VBA editor writes (LibreOffice adds its own)."""
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    return "\n".join(line for line in text.split("\n") if not line.startswith("Attribute VB_"))


@contextlib.contextmanager
def office():
    """A headless LibreOffice for the length of the block: (desktop, scratch folder)."""
    soffice = shutil.which("soffice")
    if not soffice:
        raise SystemExit("LibreOffice is needed: apt-get install -y libreoffice-calc-nogui python3-uno")
    with tempfile.TemporaryDirectory() as folder:
        pipe = f"sipexcel{os.getpid()}"
        process = subprocess.Popen([soffice, "--headless", "--invisible", "--norestore",
                                    f"-env:UserInstallation=file://{folder}/profile", f"--accept=pipe,name={pipe};urp;"],
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        desktop = None
        try:
            local = uno.getComponentContext()
            resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
            for _ in range(120):
                try:
                    context = resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                    break
                except Exception:  # noqa: BLE001  not listening yet
                    time.sleep(0.5)
            else:
                raise SystemExit("LibreOffice did not start.")
            desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
            yield desktop, Path(folder)
        finally:
            if desktop is not None:
                with contextlib.suppress(Exception):
                    desktop.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=60)
            if process.poll() is None:
                process.kill()


def open_copy(desktop, workbook: Path, folder: Path, *extra):
    """Open a copy of ``workbook`` in the scratch folder: LibreOffice's lock file goes there, never next to
    the real workbook, and nothing LibreOffice does can reach the original."""
    copy = folder / f"copy-{workbook.name}"
    shutil.copyfile(workbook, copy)
    document = desktop.loadComponentFromURL(copy.as_uri(), "_blank", 0, (prop("Hidden", True), *extra))
    if document is None:
        raise SystemExit(f"LibreOffice could not open {workbook}.")
    return document


def vba_project(workbook: Path, target: Path, modules: list[tuple[str, Path]]) -> None:
    """Compile ``modules`` (name, .bas file) into a VBA project, written to ``target``."""
    from com.sun.star.script.ModuleType import NORMAL

    with office() as (desktop, folder):
        document = open_copy(desktop, workbook, folder)
        libraries = document.BasicLibraries
        libraries.VBACompatibilityMode = True
        libraries.ProjectName = PROJECT
        if not libraries.hasByName(PROJECT):
            libraries.createLibrary(PROJECT)
        library = libraries.getByName(PROJECT)
        for name, path in modules:
            info = uno.createUnoStruct("com.sun.star.script.ModuleInfo")
            info.ModuleType = NORMAL
            library.insertModuleInfo(name, info)
            library.insertByName(name, "Option VBASupport 1\n" + vba_source(path))
        saved = folder / "with-macros.xlsm"
        document.storeToURL(saved.as_uri(), (prop("FilterName", "Calc MS Excel 2007 VBA XML"),))
        document.close(True)
        with zipfile.ZipFile(saved) as package:
            target.write_bytes(package.read("xl/vbaProject.bin"))


def picture(workbook: Path, target: Path, first_column: int, last_column: int, last_row: int) -> None:
    """Print the first sheet's top rows (columns ``first_column`` to ``last_column``, 0-based) to PDF as
    LibreOffice shows them, buttons included; the workbook is opened read-only and not saved."""
    from com.sun.star.table import CellRangeAddress

    with office() as (desktop, folder):
        document = open_copy(desktop, workbook, folder)
        sheet = document.Sheets.getByIndex(0)
        area = CellRangeAddress()
        area.Sheet, area.StartColumn, area.StartRow = 0, first_column, 0
        area.EndColumn, area.EndRow = last_column, last_row
        sheet.setPrintAreas((area,))
        page = sheet.DrawPage
        for index in range(page.Count):  # Excel's buttons are not printed by default; show them on this page
            shape = page.getByIndex(index)
            if hasattr(shape, "Control"):  # a form button (the Lite workbook's shapes print anyway)
                shape.Control.Printable = True
        style = document.StyleFamilies.getByName("PageStyles").getByName(sheet.PageStyle)
        style.IsLandscape, style.Width, style.Height = True, 29700, 21000
        style.ScaleToPagesX, style.ScaleToPagesY = 1, 1
        document.storeToURL(target.resolve().as_uri(), (prop("FilterName", "calc_pdf_Export"),))
        document.close(True)


def controls(workbook: Path) -> list[dict[str, object]]:
    """The form controls on the first sheet as LibreOffice reads them: label, kind and the scripts they run."""
    with office() as (desktop, folder):
        document = open_copy(desktop, workbook, folder)
        page = document.Sheets.getByIndex(0).DrawPage
        form = page.Forms.getByIndex(0) if page.Forms.Count else None
        found = []
        for index in range(page.Count):
            model = page.getByIndex(index).Control
            events = form.getScriptEvents(index) if form is not None and index < form.Count else ()
            found.append({"label": model.Label, "kind": model.ServiceName if hasattr(model, "ServiceName") else "",
                          "scripts": [event.ScriptCode for event in events]})
        libraries = document.BasicLibraries
        modules = sorted(libraries.getByName(PROJECT).getElementNames()) if libraries.hasByName(PROJECT) else []
        document.close(True)
    return [{"modules": modules}, *found]


def shapes(workbook: Path) -> list[dict[str, str]]:
    """The drawing shapes on the first sheet as LibreOffice reads them: name, text and hyperlink target."""
    with office() as (desktop, folder):
        document = open_copy(desktop, workbook, folder)
        page = document.Sheets.getByIndex(0).DrawPage
        found = []
        for index in range(page.Count):
            shape = page.getByIndex(index)
            link = shape.getPropertyValue("Hyperlink") if shape.getPropertySetInfo().hasPropertyByName(
                "Hyperlink") else ""
            found.append({"name": shape.Name, "text": shape.String if hasattr(shape, "String") else "",
                          "link": link})
        document.close(True)
    return found


def run_notes_macro(workbook: Path, steps: list[list[list[str]]], staff: dict[str, str]) -> list[dict[str, str]]:
    """Run the real ApplyNotes macro in LibreOffice's VBA mode; the notes (cell -> text) after each step."""
    from com.sun.star.table import CellAddress

    with office() as (desktop, folder):
        document = open_copy(desktop, workbook, folder, prop("MacroExecutionMode", 4))  # ALWAYS_EXECUTE_NO_WARN
        # LibreOffice's Basic cannot compile xlwings' module (Windows API declarations), and one module that
        # does not compile stops the whole project; ApplyNotes does not use it, so it is left out here.
        document.BasicLibraries.loadLibrary(PROJECT)
        document.BasicLibraries.getByName(PROJECT).removeByName("xlwings")
        sheet = document.Sheets.getByIndex(0)
        for address, text in staff.items():
            cell = sheet.getCellRangeByName(address).CellAddress
            position = CellAddress(0, cell.Column, cell.Row)
            sheet.Annotations.insertNew(position, text)
        script = document.getScriptProvider().getScript(
            f"vnd.sun.star.script:{PROJECT}.SipExcel.ApplyNotes?language=Basic&location=document")
        after = []
        for remove, add, texts in steps:
            script.invoke((sheet.Name, tuple(remove) or "", tuple(add) or "", tuple(texts) or ""), (), ())
            notes = {}
            for index in range(sheet.Annotations.Count):
                note = sheet.Annotations.getByIndex(index)
                position = note.Position
                name = sheet.getCellByPosition(position.Column, position.Row).AbsoluteName.split(".")[-1]
                notes[name.replace("$", "")] = note.String
            after.append(notes)
        document.close(True)
    return after


if __name__ == "__main__":
    command, source, *rest = sys.argv[1:]
    if command == "vba":
        vba_project(Path(source), Path(rest[0]), [(m.split("=", 1)[0], Path(m.split("=", 1)[1])) for m in rest[1:]])
    elif command == "picture":
        picture(Path(source), Path(rest[0]), *(int(n) for n in rest[1:]))
    elif command == "shapes":
        print(json.dumps(shapes(Path(source))))
    elif command == "notes":
        plan = json.loads(Path(rest[0]).read_text(encoding="utf-8"))
        print(json.dumps(run_notes_macro(Path(source), plan["steps"], plan["staff"])))
    else:
        print(json.dumps(controls(Path(source))))
