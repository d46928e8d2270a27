"""The own value reader gives what python-calamine gives, for the sheets calamine can read, both ways."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from sip_excel.xlsx.package import Package
from sip_excel.xlsx.parts import read_parts
from sip_excel.xlsx.values import read_values, shared_strings

from .test_xlsx_scan import FORMATS, ERRORS, _write_openpyxl, _write_xlsxwriter

# Values whose reading python-calamine and the own reader agree on. Not here: a negative number in a date cell,
# which calamine reads as a time of day (the plan reader reports both as no date).
values = st.one_of(
    st.integers(0, 10**6), st.floats(0, 10**6, allow_nan=False, width=32).map(lambda f: round(f, 3)),
    st.integers(-10**6, -1).map(float),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12), st.booleans(),
    st.dates(dt.date(1990, 1, 1), dt.date(2100, 1, 1)),
    st.tuples(st.just("formula"), st.sampled_from(["=A1+1", '="a"&"b"', "=SUM(A1:B2)"])),
    st.tuples(st.just("error"), st.sampled_from(ERRORS)),
)
cells = st.dictionaries(st.tuples(st.integers(0, 30), st.integers(0, 12)),
                        st.tuples(values, st.sampled_from(FORMATS)), max_size=40).filter(
    lambda content: not any(isinstance(v, float) and v < 0 and f in FORMATS[:3] + FORMATS[5:6]
                            for v, f in content.values()))


def _both(path: Path) -> tuple[list, list, list]:
    import python_calamine

    book = python_calamine.CalamineWorkbook.from_path(str(path))
    by_calamine = [list(row) for row in book.get_sheet_by_name(book.sheet_names[0]).to_python(skip_empty_area=False)]
    package = Package(path)
    try:
        parts = read_parts(package)
        name = parts.sheets[0].path
        strings = (shared_strings(lambda: package.pieces("xl/sharedStrings.xml", "strings"))
                   if "xl/sharedStrings.xml" in package else [])
        fast = read_values(lambda: package.pieces(name, "sheet"), strings, parts)
        xml = package.read(name).replace(b"<c ", b"<c  ")  # two spaces: not as writers write, so parsed
        parsed = read_values(lambda: [xml], strings, parts)
    finally:
        package.close()
    return by_calamine, fast, parsed


@pytest.mark.parametrize("write", [_write_openpyxl, _write_xlsxwriter], ids=["openpyxl", "XlsxWriter"])
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(content=cells)
@example(content={(0, 0): (60.0, "mmm-yy"), (0, 1): (59.5, "mmm-yy"), (0, 2): (61.0, "mmm-yy")})  # 29 Feb 1900
def test_the_own_reader_reads_what_calamine_reads(tmp_path, write, content):
    path = tmp_path / "random.xlsx"
    write(path, {position: (value, number_format) for position, (value, number_format) in content.items()})
    by_calamine, fast, parsed = _both(path)
    assert fast == by_calamine
    assert parsed == by_calamine
