"""Bad input: one clear line on stderr, exit code 2, no traceback, and the file left as it was."""
from __future__ import annotations

import hashlib
import io
import os
import shutil
import struct
import subprocess
import sys
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from .conftest import HEADER, SAMPLE, action_row


def _empty(path: Path) -> None:
    path.write_bytes(b"")


def _truncated(path: Path) -> None:
    path.write_bytes(SAMPLE.read_bytes()[:3000])


def _csv(path: Path) -> None:
    path.write_text("Ref,Action,End,RAG status\n1.1,Do it,Jun-17,Green\n")


def _xls(path: Path) -> None:
    import xlwt

    book = xlwt.Workbook()
    book.add_sheet("Plan").write(0, 0, "Ref")
    book.save(str(path))


def _zip(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")


def _docx(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")


def _password(path: Path) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    encrypted = io.BytesIO()
    with SAMPLE.open("rb") as plain:
        file = OOXMLFile(plain)
        file.encrypt("secret", encrypted)
    path.write_bytes(encrypted.getvalue())


def _workbook(path: Path, rows: list[list]) -> None:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    workbook.save(path)


def _no_plan(path: Path) -> None:
    _workbook(path, [["Budget"], ["Line", "Amount"], ["Staff", 100]])


def _missing_column(path: Path) -> None:
    _workbook(path, [["Priority 1: A"], HEADER[:-1], action_row()[:-1]])


def _bomb(path: Path) -> None:
    _workbook(path, [["x"]])
    entities = '<!ENTITY a0 "lol">' + "".join(f'<!ENTITY a{i} "{f"&a{i - 1};" * 10}">' for i in range(1, 10))
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    parts["xl/worksheets/sheet1.xml"] = (f'<?xml version="1.0"?><!DOCTYPE w [{entities}]>'
                                         + sheet.replace("<t>x</t>", "<t>&a9;</t>")).encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)


def _damaged_sheet(path: Path) -> None:
    """The sample, with zeros written over the middle of its plan sheet's compressed data."""
    with zipfile.ZipFile(SAMPLE) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item, source.read(item.filename))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as package:
        sheet = package.getinfo("xl/worksheets/sheet1.xml")
    start = sheet.header_offset + 30 + len(sheet.filename.encode()) + len(sheet.extra) + 200
    data[start:start + 64] = bytes(64)
    path.write_bytes(bytes(data))


def _settings_date(label: str, value: object):
    """A plan whose Settings sheet gives `label` a date the date arithmetic would run off the calendar with."""

    def make(path: Path) -> None:
        workbook = Workbook()
        for row in (["Priority 1: A"], HEADER, action_row()):
            workbook.active.append(row)
        settings = workbook.create_sheet("Settings")
        settings.append(["Validation"])
        settings.append([label, value])
        settings["B2"].number_format = "dd/mm/yyyy"
        workbook.save(path)

    return make


def _fifo(path: Path) -> None:
    os.mkfifo(path)


def _lock_file(path: Path) -> None:
    """What Excel writes beside a workbook while it is open: the user's name, padded, in 165 bytes."""
    path.write_bytes(bytes([8]) + b"J Bloggs" + b" " * 45 + "J Bloggs".encode("utf-16-le").ljust(111, b"\x20"))


def _xlsb(path: Path) -> None:
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.bin", b"\x83\x01\x00")


def _method(code: int) -> Callable[[Path], None]:
    """The sample with its plan sheet's zip entry saying it is compressed with another method (9: Deflate64)."""
    def make(path: Path) -> None:
        shutil.copy(SAMPLE, path)
        _patch_entry(path, "xl/worksheets/sheet1.xml", lambda header, local: struct.pack_into(
            "<H", header, 8 if local else 10, code))
    return make


def _zip_encrypted(path: Path) -> None:
    shutil.copy(SAMPLE, path)
    _patch_entry(path, "xl/worksheets/sheet1.xml", lambda header, local: struct.pack_into(
        "<H", header, 6 if local else 8, struct.unpack_from("<H", header, 6 if local else 8)[0] | 1))


def _patch_entry(path: Path, name: str, patch: Callable[[bytearray, bool], None]) -> None:
    """Change a field of one entry's local header and central-directory record, in place."""
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as package:
        offset = package.getinfo(name).header_offset
    local = bytearray(data[offset:offset + 30])
    patch(local, True)
    data[offset:offset + 30] = local
    central = data.find(b"PK\x01\x02")
    while central != -1:
        length = struct.unpack_from("<H", data, central + 28)[0]
        if bytes(data[central + 46:central + 46 + length]) == name.encode():
            record = bytearray(data[central:central + 46])
            patch(record, False)
            data[central:central + 46] = record
        central = data.find(b"PK\x01\x02", central + 4)
    path.write_bytes(bytes(data))


def _lzma(path: Path) -> None:
    with zipfile.ZipFile(SAMPLE) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_LZMA) as target:
        for item in source.infolist():
            target.writestr(item.filename, source.read(item.filename))


def _inflating(part: str, opening: bytes, piece: bytes, closing: bytes) -> Callable[[Path], None]:
    """A one-cell workbook whose `part` inflates a thousand times (64 MB from some 64 KB: 64 pieces of 1 MB),
    written a piece at a time so that the test never holds it whole."""
    def make(path: Path) -> None:
        _workbook(path, [["x"]])
        with zipfile.ZipFile(path) as source:
            parts = {name: source.read(name) for name in source.namelist()}
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for name, data in parts.items():
                if name != part:
                    target.writestr(name, data)
            with target.open(part, "w", force_zip64=True) as stream:
                stream.write(opening)
                for _ in range(64):
                    stream.write(piece)
                stream.write(closing)
    return make


MAIN_NS = b'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
# Shared strings that inflate a thousand times.
_strings_bomb = _inflating("xl/sharedStrings.xml", b"<sst " + MAIN_NS + b"><si><t>", b"A" * (1 << 20), b"</t></si></sst>")
# A sheet of self-closing rows (3 GB in the wild): it once made the scan hang; now its size alone refuses it.
_rows_bomb = _inflating("xl/worksheets/sheet1.xml", b"<worksheet " + MAIN_NS + b"><sheetData>",
                   b'<row r="1"/>' * (1 << 20 >> 4) + b"    " * (1 << 16), b"</sheetData></worksheet>")


def _device(path: Path) -> None:
    path.symlink_to("/dev/zero")


def _sheet_with(row_xml: bytes) -> Callable[[Path], None]:
    """The sample with one more row in its plan sheet's XML, as no spreadsheet program would write it."""
    def make(path: Path) -> None:
        with zipfile.ZipFile(SAMPLE) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
            for item in source.infolist():
                data = source.read(item.filename)
                if item.filename == "xl/worksheets/sheet1.xml":
                    data = data.replace(b"</sheetData>", row_xml + b"</sheetData>")
                target.writestr(item, data)
    return make


CASES = [
    ("empty.xlsx", _empty, "is empty"),
    ("truncated.xlsx", _truncated, "damaged or truncated"),
    ("renamed.xlsx", _csv, "is a text or CSV file"),
    ("old.xls", _xls, "old-style .xls"),
    ("archive.xlsx", _zip, "a zip archive, not a workbook"),
    ("letter.xlsx", _docx, "is a Word document, not a workbook"),
    ("locked.xlsx", _password, "password-protected"),
    ("budget.xlsx", _no_plan, "SIP101: no plan table found"),
    ("norag.xlsx", _missing_column, "SIP102: sheet 'Sheet', header row 2: no 'RAG status' column"),
    ("bomb.xlsx", _bomb, "XML bomb"),
    ("damaged.xlsx", _damaged_sheet, "sheet 'SIP 2017-18' of"),
    ("planend.xlsx", _settings_date("Plan end", __import__("datetime").datetime(9999, 12, 31)),
     "Settings B2: 31/12/9999 is not in the years 2000 to 2100"),
    ("asof.xlsx", _settings_date("As of date", "31/12/9999"), "Settings B2: 31/12/9999 is not in the years 2000"),
    ("planstart.xlsx", _settings_date("Plan start", "0001-01-01"), "Settings B2: 01/01/0001 is not in the years"),
    ("pipe.xlsx", _fifo, "is a named pipe, not a saved file"),
    ("~$an.xlsx", _lock_file, "is the lock file Excel keeps beside a workbook while it is open"),
    ("binary.xlsx", _xlsb, "an Excel binary workbook (.xlsb)"),
    ("binary.xlsb", _xlsb, "save it as .xlsx"),
    ("deflate64.xlsx", _method(9), "is compressed with Deflate64"),
    ("lzma.xlsx", _lzma, "is compressed with LZMA"),
    ("zipcrypto.xlsx", _zip_encrypted, "is encrypted inside the zip"),
    ("strings-bomb.xlsx", _strings_bomb, "the part 'xl/sharedStrings.xml' of"),
    ("rows-bomb.xlsx", _rows_bomb, "the part 'xl/worksheets/sheet1.xml' of"),
    ("device.xlsx", _device, "is a device, not a saved file"),
    # References past XFD1048576 once crashed (Python's 4,300-digit limit), ran for minutes or ran out of memory.
    ("digits.xlsx", _sheet_with(b'<row r="' + b"9" * 5000 + b'"><c r="A' + b"9" * 5000 + b'"><v>1</v></c></row>'),
     "past Excel's last cell (XFD1048576)"),
    ("row-100m.xlsx", _sheet_with(b'<row r="99999999"><c r="A99999999"><v>1</v></c></row>'), "names row 99999999"),
    ("column-aaaa.xlsx", _sheet_with(b'<row r="200"><c r="AAAA200"><v>1</v></c></row>'), "names the cell AAAA200"),
    # Not well-formed XML that the fast scan once met first: the parser refuses it in its own words.
    ("char-ref.xlsx", _sheet_with(b'<row r="200"><c r="A200"><f>&#1114112;</f><v>1</v></c></row>'),
     "reference to invalid character number"),
    # References that name no cell: the own reader, which reads such sheets, once failed with an IndexError.
    ("dollar.xlsx", _sheet_with(b'<row r="2000"><c r="$XFD$2000"><v>1</v></c></row>'),
     "the cell reference '$XFD$2000' names no cell on a sheet"),
    ("spaced.xlsx", _sheet_with(b'<row r="2000"><c r=" B2000"><v>1</v></c></row>'),
     "the cell reference ' B2000' names no cell on a sheet"),
]


def _placed_by_counting(path: Path) -> None:
    """100,000 rows without a reference, then a row of 16,384 cells without one: python-calamine counts them to
    XFD100001 and asked for 1,600 million cells. (Random heights keep the part from looking like a zip bomb.)"""
    random = __import__("random").Random(1)
    rows = b"".join(b'<row ht="%d"/>' % random.randrange(10**9) for _ in range(100_000))
    _sheet_with(rows + b"<row>" + b"<c/>" * 16_383 + b"<c><v>1</v></c></row>")(path)


# Sheets python-calamine would have placed far off, as it reads them: each once aborted the process.
READ = [
    ("lower-case.xlsx", _sheet_with(b'<row r="2000"><c r="xfd2000"><v>1</v></c></row>'
                                    b'<row r="2001"><c r="a1048576"><v>1</v></c></row>')),
    ("prefixed.xlsx", _sheet_with(b'<row r="1048576"><x:c xmlns:x="urn:x" r="XFD1048576"><x:v>1</x:v></x:c></row>')),
    ("counted.xlsx", _placed_by_counting),
]


@pytest.mark.parametrize(("name", "make"), READ, ids=[c[0] for c in READ])
def test_cells_placed_far_in_other_forms_are_read_never_an_abort(tmp_path, name, make):
    path = tmp_path / name
    make(path)
    result = subprocess.run([sys.executable, "-m", "sip_excel.cli", "validate", str(path)], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 1 and "113 actions checked" in result.stdout, result.stderr[-300:]


@pytest.mark.parametrize(("name", "make", "message"), CASES, ids=[c[0] for c in CASES])
@pytest.mark.parametrize("command", ["validate"])
def test_bad_input_is_one_clear_line_and_exit_2(tmp_path, name, make, message, command):
    path = tmp_path / name
    make(path)
    before = _fingerprint(path)
    result = subprocess.run([sys.executable, "-m", "sip_excel.cli", command, str(path)], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("sip-excel: error: ") and message in lines[0]
    assert "Traceback" not in result.stderr
    assert _fingerprint(path) == before


def _fingerprint(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.is_file() else str(path.stat().st_mode)


def test_missing_file_and_folder(tmp_path):
    for target, message in ((tmp_path / "nope.xlsx", "no such file"), (tmp_path, "is a folder")):
        result = subprocess.run([sys.executable, "-m", "sip_excel.cli", "validate", str(target)],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 2 and message in result.stderr


def test_unknown_setting_names_its_cell(tmp_path):
    path = tmp_path / "plan.xlsx"
    shutil.copy(SAMPLE, path)
    from openpyxl import load_workbook

    workbook = load_workbook(path)
    workbook["Settings"]["A2"] = "Comittee"
    workbook.save(path)
    result = subprocess.run([sys.executable, "-m", "sip_excel.cli", "validate", str(path)], capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2
    assert "Settings A2: unknown setting 'Comittee'" in result.stderr


def test_formulas_and_error_values_in_cells_are_findings(tmp_path):
    path = tmp_path / "formulas.xlsx"
    _workbook(path, [["Priority 1: A"], HEADER, action_row(ref="1.1"), action_row(ref="1.2")])
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    # Excel writes a formula with its cached result, and an error value with t="e".
    start = sheet.index('<c r="E3"')
    end = sheet.index("</c>", start) + 4
    sheet = sheet[:start] + '<c r="E3" t="e"><f>1/0</f><v>#DIV/0!</v></c>' + sheet[end:]
    start = sheet.index('<c r="I4"')
    end = sheet.index("</c>", start) + 4
    sheet = sheet[:start] + '<c r="I4" t="str"><f>"On "&amp;"track"</f><v>On track</v></c>' + sheet[end:]
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    result = subprocess.run([sys.executable, "-m", "sip_excel.cli", "validate", str(path), "--select", "SIP1",
                             "--format", "json"], capture_output=True, text=True, timeout=60)
    import json

    found = [(f["code"], f["cell"], f["value"]) for f in json.loads(result.stdout)["findings"]]
    assert found == [("SIP106", "E3", "#DIV/0!"), ("SIP105", "I4", '="On "&"track"')]
    assert result.returncode == 1
