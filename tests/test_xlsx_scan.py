"""The sheet-XML scan: one table of XML snippets through both scanners, and writers' sheets scanned both ways."""
from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sip_excel.xlsx.package import Package
from sip_excel.xlsx.parts import read_parts
from sip_excel.xlsx.scan import fast_scan, is_plain, parsed_scan, scan, unescape, whole_cells

T = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/spreadsheetml/main"
STYLES = {1: "mmm-yy"}


def sheet(rows: str, root: str = f'<worksheet xmlns="{T}">', end: str = "</worksheet>") -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n{root}<sheetData>{rows}</sheetData>{end}'.encode()


MONTH_A1 = ({(0, 0): "mmm-yy"}, {}, {})
# (id, sheet XML, plain: the fast scan may read it, (number formats, formulas, errors))
CASES = [
    ("plain", sheet('<row r="1"><c r="A1" s="1"><v>42887</v></c></row>'), True, MONTH_A1),
    ("attributes after s", sheet('<row r="1"><c r="A1" s="1" t="n"><v>42887</v></c></row>'), True, MONTH_A1),
    ("attributes before s", sheet('<row r="1"><c r="A1" cm="1" s="1"><v>42887</v></c></row>'), True, MONTH_A1),
    ("s before r", sheet('<row r="1"><c s="1" r="A1"><v>42887</v></c></row>'), False, MONTH_A1),
    ("namespace prefix", sheet('<x:row r="1"><x:c r="A1" s="1"><x:v>42887</x:v></x:c></x:row>',
                               f'<x:worksheet xmlns:x="{T}">', "</x:worksheet>").replace(b"sheetData>", b"x:sheetData>")
     .replace(b"<sheetData", b"<x:sheetData"), False, MONTH_A1),
    ("Strict Open XML", sheet('<row r="1"><c r="A1" s="1"><v>42887</v></c></row>', f'<worksheet xmlns="{STRICT}">'),
     True, MONTH_A1),
    ("Strict, prefixed", sheet('<s:row r="1"><s:c s="1" r="A1"><s:v>1</s:v></s:c></s:row>',
                               f'<s:worksheet xmlns:s="{STRICT}">', "</s:worksheet>")
     .replace(b"<sheetData>", b"<s:sheetData>").replace(b"</sheetData>", b"</s:sheetData>"), False, MONTH_A1),
    ("single quotes", sheet("<row r='1'><c r='A1' s='1'><v>42887</v></c></row>"), False, MONTH_A1),
    ("single-quoted style", sheet("<row r=\"1\"><c r=\"A1\" s='1'><v>42887</v></c></row>"), False, MONTH_A1),
    ("line break in the tag", sheet('<row r="1"><c r="A1"\n s="1"><v>42887</v></c></row>'), False, MONTH_A1),
    ("spaces around =", sheet('<row r="1"><c r="A1" s = "1"><v>42887</v></c></row>'), False, MONTH_A1),
    ("character reference", sheet('<row r="1"><c r="A1" s="&#49;"><v>42887</v></c></row>'), False, MONTH_A1),
    ("cells without r", sheet('<row r="2"><c s="1"><v>1</v></c><c s="1"/></row>'), False,
     ({(1, 0): "mmm-yy", (1, 1): "mmm-yy"}, {}, {})),
    ("rows without r", sheet('<row><c s="1"/></row><row><c s="1"/></row>'), False,
     ({(0, 0): "mmm-yy", (1, 0): "mmm-yy"}, {}, {})),
    ("a cell in a comment", sheet('<row r="1"><!-- <c r="B1" s="1"> --><c r="A1" s="1"/></row>'), False, MONTH_A1),
    ("empty styled cell", sheet('<row r="4"><c r="D4" s="1"/></row>'), True, ({(3, 3): "mmm-yy"}, {}, {})),
    ("other style", sheet('<row r="1"><c r="A1" s="12"><v>42887</v></c></row>'), True, ({}, {}, {})),
    ("newer error value", sheet('<row r="2"><c r="B2" t="e"><f>SEQUENCE(3)</f><v>#SPILL!</v></c></row>'), True,
     ({}, {(1, 1): "SEQUENCE(3)"}, {(1, 1): "#SPILL!"})),
    ("error then a value", sheet('<row r="1"><c r="A1" t="e"/><c r="B1"><v>3</v></c></row>'), True, ({}, {}, {})),
    ("error styled as a date", sheet('<row r="1"><c r="A1" s="1" t="e"><v>#REF!</v></c></row>'), True,
     ({(0, 0): "mmm-yy"}, {}, {(0, 0): "#REF!"})),
    ("error, t before s", sheet('<row r="1"><c r="A1" t="e" s="1"><v>#GETTING_DATA</v></c></row>'), True,
     ({(0, 0): "mmm-yy"}, {}, {(0, 0): "#GETTING_DATA"})),
    ("formula with references", sheet('<row r="1"><c r="A1" t="str"><f>"a"&amp;"b"&amp;&#x41;1</f><v>ab</v></c></row>'),
     True, ({}, {(0, 0): '"a"&"b"&A1'}, {})),
    ("formula text", sheet('<row r="1"><c r="A1" t="str"><f>"a"&amp;"b"</f><v>ab</v></c></row>'), True,
     ({}, {(0, 0): '"a"&"b"'}, {})),
    ("shared formula", sheet('<row r="1"><c r="C1"><f t="shared" ref="C1:C3" si="0">A1+$B$1</f><v>3</v></c></row>'
                             '<row r="2"><c r="C2"><f t="shared" si="0"/><v>3</v></c></row>'
                             '<row r="3"><c r="C3"><f t="shared" si="0"/><v>3</v></c></row>'), True,
     ({}, {(0, 2): "A1+$B$1", (1, 2): "A2+$B$1", (2, 2): "A3+$B$1"}, {})),
    ("shared, master missing", sheet('<row r="2"><c r="C2"><f t="shared" si="7"/><v>3</v></c></row>'), True,
     ({}, {(1, 2): ""}, {})),
    ("array formula", sheet('<row r="1"><c r="A1"><f t="array" ref="A1:A2">B1:B2*2</f><v>2</v></c></row>'), True,
     ({}, {(0, 0): "B1:B2*2"}, {})),
]


@pytest.mark.parametrize(("xml", "plain", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_both_scanners_read_the_snippet_alike(xml, plain, expected):
    assert is_plain([xml]) is plain
    assert tuple(parsed_scan([xml], STYLES)) == expected
    assert tuple(scan(lambda: [xml], STYLES)) == expected
    if plain:
        assert tuple(fast_scan([xml], STYLES)) == expected


@pytest.mark.parametrize("size", [7, 64, 1000])
def test_pieces_of_any_size_scan_alike(size):
    rows = "".join(f'<row r="{r}"><c r="A{r}" s="1"><v>1</v></c><c r="B{r}" t="e"><v>#N/A</v></c>'
                   f'<c r="C{r}"><f>A{r}+1</f><v>2</v></c></row>' for r in range(1, 200))
    xml = sheet(rows)
    pieces = [xml[i:i + size] for i in range(0, len(xml), size)]
    whole = tuple(fast_scan([xml], STYLES))
    assert len(whole[0]) == len(whole[1]) == len(whole[2]) == 199
    assert tuple(fast_scan(pieces, STYLES)) == whole == tuple(parsed_scan(pieces, STYLES))
    assert is_plain(pieces) and tuple(scan(lambda: pieces, STYLES)) == whole


def test_a_sheet_of_empty_rows_is_cut_in_pieces_without_copying_it_again():
    """Three million self-closing rows: the pieces carried over stay small, so the scan ends (it used to hang)."""
    block = b'<row r="1"/>' * 100_000
    pieces = [sheet("")[:-30]] + [block] * 30 + [b"</sheetData></worksheet>"]
    sizes = [len(piece) for piece in whole_cells(pieces)]
    assert max(sizes) <= len(block) + len(pieces[0]) and sum(sizes) == sum(map(len, pieces))


@pytest.mark.parametrize(("text", "expected"), [
    ("a&amp;b", "a&b"), ("&lt;&gt;&quot;&apos;", "<>\"'"), ("&#65;&#x42;", "AB"), ("&#x80;", "\x80"),
    ("plain", "plain"),
])
def test_unescape_is_xml_not_html(text, expected):
    assert unescape(text) == expected


# --- writers' sheets, scanned both ways -----------------------------------------------------------------------

FORMATS = ["mmm-yy", "dd/mm/yyyy", "d-mmm-yy", "0.00", "General", "yyyy-mm-dd h:mm", "@"]
ERRORS = ["#N/A", "#REF!", "#DIV/0!", "#VALUE!", "#NAME?", "#NUM!", "#NULL!"]
cell_values = st.one_of(
    st.integers(-10**6, 10**6), st.floats(allow_nan=False, allow_infinity=False, width=32),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)),
    st.tuples(st.just("formula"), st.sampled_from(["=A1+1", '="a"&"b"', "=SUM(A1:B2)", "=1/0", "=IF(A1>0,1,2)"])),
    st.tuples(st.just("error"), st.sampled_from(ERRORS)),
)
VARIED = [42, -3.5, "text", dt.date(2017, 6, 1), ("formula", "=A1+1"), ("error", "#N/A"), ("formula", '="a"&"b"'),
          ("error", "#REF!"), "=not a formula", 0.5]
cells = st.dictionaries(st.tuples(st.integers(0, 30), st.integers(0, 12)),
                        st.tuples(cell_values, st.sampled_from(FORMATS)), max_size=40)


def _write_openpyxl(path: Path, content: dict) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet_ = workbook.active
    for (row, column), (value, number_format) in content.items():
        cell = sheet_.cell(row + 1, column + 1)
        if isinstance(value, tuple):
            value = value[1]  # a formula, or an error value (openpyxl writes '#N/A' as one)
        cell.value = value
        cell.number_format = number_format
    workbook.save(path)


def _write_xlsxwriter(path: Path, content: dict) -> None:
    import xlsxwriter

    workbook = xlsxwriter.Workbook(str(path))
    sheet_ = workbook.add_worksheet()
    formats = {code: workbook.add_format({"num_format": code}) for code in FORMATS}
    for (row, column), (value, number_format) in content.items():
        style = formats[number_format]
        if isinstance(value, tuple) and value[0] == "formula":
            sheet_.write_formula(row, column, value[1], style, 0)
        elif isinstance(value, tuple):
            sheet_.write_formula(row, column, "=NA()", style, value[1])  # the cached result is the error
        elif isinstance(value, dt.date):
            sheet_.write_datetime(row, column, dt.datetime.combine(value, dt.time()), style)
        elif isinstance(value, str):
            sheet_.write_string(row, column, value, style)
        else:
            sheet_.write_number(row, column, value, style)
    workbook.close()


def _both_ways(path: Path) -> None:
    package = Package(path)
    try:
        parts = read_parts(package)
        name = parts.sheets[0].path
        xml = package.read(name)
    finally:
        package.close()
    assert is_plain([xml])  # every writer writes what the fast scan reads
    assert tuple(fast_scan([xml], parts.date_styles)) == tuple(parsed_scan([xml], parts.date_styles))


@pytest.mark.parametrize("write", [_write_openpyxl, _write_xlsxwriter], ids=["openpyxl", "XlsxWriter"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=cells)
def test_writers_sheets_scan_alike_both_ways(tmp_path, write, content):
    path = tmp_path / "random.xlsx"
    write(path, content)
    _both_ways(path)


@pytest.fixture(scope="session")
def libreoffice_sheets(tmp_path_factory):
    """A few random workbooks, saved again by LibreOffice (one soffice run for all of them)."""
    if shutil.which("soffice") is None:
        pytest.fail("LibreOffice (soffice) is needed: bash .ci/run installs it")
    folder = tmp_path_factory.mktemp("libreoffice")
    sources = []
    for seed in range(3):
        content = {(0, 0): (dt.date(2017, 6, 1), "mmm-yy"), (1, 2): (("formula", "=A1+1"), "General")} if not seed \
            else {(r, c): (VARIED[(r * 7 + c * seed) % len(VARIED)], FORMATS[(r + c) % len(FORMATS)])
                  for r in range(12) for c in range(6)}
        source = folder / f"source{seed}.xlsx"
        _write_xlsxwriter(source, content)
        sources.append(source)
    out = folder / "out"
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{folder}/profile", "--convert-to",
                    "xlsx:Calc MS Excel 2007 XML", "--outdir", str(out), *map(str, sources)],
                   check=True, capture_output=True, timeout=180)
    return sorted(out.glob("*.xlsx"))


def test_libreoffice_sheets_scan_alike_both_ways(libreoffice_sheets):
    assert len(libreoffice_sheets) == 3
    for path in libreoffice_sheets:
        _both_ways(path)
    package = Package(libreoffice_sheets[0])
    try:
        parts = read_parts(package)
        found = fast_scan([package.read(parts.sheets[0].path)], parts.date_styles)
    finally:
        package.close()
    assert found.number_formats.get((0, 0), "").lower().startswith("mmm") and found.formulas == {(1, 2): "A1+1"}
