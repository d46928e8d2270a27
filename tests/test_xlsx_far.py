"""Where a sheet's cells lie (sip_excel.xlsx.far): told before python-calamine reads densely, which would abort."""
from __future__ import annotations

import pytest

from sip_excel.xlsx.far import BeyondExcel, Survey, extent, survey

T = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"


def sheet(rows: str) -> bytes:
    return f'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns="{T}"><sheetData>{rows}</sheetData></worksheet>'.encode()


def single_quoted(xml: bytes) -> bytes:
    return xml.replace(b'r="', b"r='").replace(b'"/>', b"'/>").replace(b'">', b"'>")


@pytest.mark.parametrize(("cells", "far"), [
    ('<c r="A1"/><c r="J9"/>', False),
    ('<c r="A1"/><c r="AZ2"/>', False),  # a plan may well have 52 columns
    ('<c r="A1"/><c r="XFD1048576"/>', True),
    ('<c r="A1"/><c r="XFD1"/>', True),  # rows not counted one by one: taken at their most (99,999)
    ('<c r="A1"/><c r="A1048576"/>', True),
    ('<c r="A1"/><c r="ZZ999999"/>', True),
    ('<c r="A1"/><c r="BA10"/>', True),
])
def test_cells_far_apart_are_told_from_a_plan_that_is_just_big(cells, far):
    xml = sheet(f'<row r="1">{cells}</row>')
    assert survey(lambda: [xml]).far is far
    assert survey(lambda: [single_quoted(xml)]).far is far


def test_a_big_plan_is_dense():
    xml = sheet("".join(f'<row r="{r}">' + "".join(f'<c r="{c}{r}"><v>1</v></c>' for c in "ABCDEFGHIJ") + "</row>"
                        for r in range(1, 150_001, 3)))
    assert extent([xml]) == (149_998, 10, 500_000) and not survey(lambda: [xml]).far  # rows past 99,999: a plan's


@pytest.mark.parametrize("rows", [
    '<row r="1"><c r="A1"/><c/></row>',  # a cell without a reference: calamine counts its place
    '<row r="1"><c r="A1"/><c t="s"><v>0</v></c></row>',
    '<row r="1"><c r="A1"/><c s="1" r="B1"/></row>',  # its reference not first, as no writer writes it
    '<row r="1"><c r="A1"/></row><row><c r="A2"/></row>',  # a row without one
    '<row r="1"><c r="A1"/></row><row/>',
    '<row r="1"><c r="A1"/><c r="xfd1"/></row>',  # letters python-calamine reads, in lower case
    '<row r="1"><c r="A1"/><c r="$XFD$1"/></row>',
    '<row r="1"><c r="A1"/><c r=" XFD1"/></row>',
    '<row r="1"><c r="A1"/></row><row r="2x"/>',
    # under a prefix, which python-calamine does not look at: its local name is enough (a far cell so made it abort)
    '<row r="1"><c r="A1"/><x:c xmlns:x="urn:x" r="A2"/></row>',
    '<row r="1"><c r="A1"/></row><x:row xmlns:x="urn:x" r="2"/>',
])
def test_a_cell_or_row_python_calamine_could_place_otherwise_is_never_read_densely(rows):
    """1.1 million rows without a reference and a cell at their end made python-calamine abort the process, as did
    a cell 'xfd3' above one 'a1048576'."""
    assert survey(lambda: [sheet(rows)]) == Survey(True, None)


def test_far_references_are_found_where_they_start_in_the_xml():
    xml = sheet('<row r="1"><c r="A1"/><c r="BA1"/></row><row r="1048576"><c r="A1048576" s="1"/></row>')
    found = survey(lambda: [xml[:200], xml[200:]])  # pieces: the places are in the whole XML
    assert found.far and [xml[spot:spot + 8] for spot in found.spots] == [b'r="BA1"/', b'r="10485', b'r="A1048']


def test_many_columns_between_aa_and_az_are_searched_whole_and_found_alike():
    near = "".join(f'<c r="A{letter}{r}"/>' for r in range(1, 40) for letter in "ABCD")
    xml = sheet(f'<row r="1">{near}<c r="XFD1"/></row>')
    found = survey(lambda: [xml])
    assert found.far and [xml[spot:spot + 8] for spot in found.spots] == [b'r="XFD1"']


def test_a_sheet_laid_out_far_apart_has_too_many_far_cells_to_cut():
    xml = sheet("".join(f'<row r="{r}"><c r="XFD{r}"/></row>' for r in range(200_000, 203_000)))
    assert survey(lambda: [xml]) == Survey(True, None)


@pytest.mark.parametrize("reference", ["XFE1", "A1048577", "ABCD1", "A" + "9" * 5000])
def test_a_reference_past_excels_last_cell_is_refused(reference):
    with pytest.raises(BeyondExcel):
        survey(lambda: [sheet(f'<row r="1"><c r="{reference}"/></row>')])
