"""End to end: the real `sip-excel` command on the sample workbook."""
from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from sip_excel.cli import main


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "sip_excel.cli", *args], capture_output=True, text=True,
                          timeout=120)


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def findings(sample: Path) -> list[dict]:
    result = run("validate", str(sample), "--format", "json")
    assert result.returncode == 1, result.stderr
    return json.loads(result.stdout)["findings"]


# Known defects of the real 2017-18 plan, by cell.
KNOWN_DEFECTS = [
    ("SIP202", "B83", "4.1"),  # Priority 4 uses ref 4.1 twice...
    ("SIP204", "B83", "4.1"),  # ...because Excel turned 4.10 into the number 4.1
    ("SIP304", "E67", "3.11"),  # Priority 3: ends Mar-17, starts Apr-17
    ("SIP304", "E68", "3.12"),
    ("SIP503", "H19", "1.1"),  # DLT lead typed in Cyrillic
    ("SIP503", "G100", "1.5"),  # lead officer with a Greek Eta
    ("SIP403", "J32", "1.12"),  # 'c Completed'
    ("SIP403", "J124", "A5.5"),  # 's Completed'
    ("SIP402", "J157", "7.1"),  # 'dieen'
    ("SIP302", "E52", "2.12"),  # end date typed as the number 1
    ("SIP303", "D19", "1.1"),  # 'April 2017' typed as text
    ("SIP401", "J20", "1.2"),  # no RAG status
    ("SIP502", "G51", "2.11"),  # 'IA TOTAL'
    ("SIP201", "B113", ""),  # no ref in Priority 5
    ("SIP306", "E40", "2.2"),  # due Jul-17, Amber at 31 Aug 2017
    ("SIP404", "J50", "2.10"),  # Green though due Jun-17
    ("SIP603", "I73", "4.1"),  # "will be written by end July", read in August
    ("SIP604", "I45", "2.5"),  # "As above."
]


@pytest.mark.parametrize(("code", "cell", "ref"), KNOWN_DEFECTS, ids=[f"{c}-{cell}" for c, cell, _ in KNOWN_DEFECTS])
def test_known_defects_of_the_sample_are_found_at_their_cells(findings, code, cell, ref):
    assert (code, cell, ref) in {(f["code"], f["cell"], f["ref"]) for f in findings}


def test_json_findings_carry_every_field(findings):
    first = findings[0]
    assert list(first) == ["code", "severity", "message", "sheet", "cell", "row", "column", "ref", "priority",
                           "value", "suggestion"]
    dup = next(f for f in findings if f["code"] == "SIP204")
    assert dup == {**dup, "sheet": "SIP 2017-18", "row": 83, "column": "Ref:", "priority": 4, "value": 4.1,
                   "suggestion": "4.10", "severity": "error"}


def test_text_output_groups_by_priority_then_counts(sample):
    result = run("validate", str(sample))
    out = result.stdout
    assert result.returncode == 1
    assert out.index("Priority 1: Safeguarding") < out.index("Priority 5: improvements") < out.index("Counts by code")
    assert "  B83   4.1    SIP204 error" in out
    assert out.splitlines()[-1] == "113 actions checked on 'SIP 2017-18' at 31 Aug 2017: 130 errors, 94 warnings."


def test_select_ignore_and_exit_code(sample):
    only_overdue = run("validate", str(sample), "--select", "SIP306", "--format", "json")
    codes = {f["code"] for f in json.loads(only_overdue.stdout)["findings"]}
    assert codes == {"SIP306"}
    assert only_overdue.returncode == 0  # warnings only
    assert run("validate", str(sample), "--select", "SIP3", "--ignore", "SIP306,SIP303").returncode == 1


@pytest.mark.parametrize("flag", ["--select", "--ignore"])
def test_a_code_that_matches_no_check_is_refused_not_read_as_no_problems(sample, flag):
    result = run("validate", str(sample), flag, "SIP9")
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == (f"sip-excel: error: {flag} SIP9: no check has that code or starts with it. "
                             "'sip-excel rules' lists the codes (e.g. SIP3 or SIP401).\n")


@pytest.mark.parametrize("command", [["validate", "--output"], ["report", "--output"]])
def test_an_output_folder_that_does_not_exist_is_refused_before_the_work(sample, tmp_path, command):
    target = tmp_path / "missing" / "out.docx" if command[0] == "report" else tmp_path / "missing" / "out.csv"
    result = run(command[0], str(sample), command[1], str(target))
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr == f"sip-excel: error: the folder {target.parent} does not exist. Create it or choose " \
                            "another output path.\n"


def test_as_of_flag_overrides_settings(sample):
    early = json.loads(run("validate", str(sample), "--select", "SIP306", "--as-of", "2017-05-01",
                           "--format", "json").stdout)
    assert early["as_of"] == "2017-05-01"
    assert not any(f["ref"] == "2.2" and f["priority"] == 2 for f in early["findings"])


@pytest.mark.parametrize("suffix", [".xlsx", ".csv", ".json"])
def test_output_files_and_the_input_is_unchanged_byte_for_byte(sample, tmp_path, suffix):
    before = digest(sample)
    target = tmp_path / f"findings{suffix}"
    result = run("validate", str(sample), "--output", str(target))
    assert result.returncode == 1, result.stderr
    assert digest(sample) == before
    if suffix == ".xlsx":
        rows = list(load_workbook(target).active.values)
        assert rows[0][:2] == ("code", "severity") and len(rows) == 225
    elif suffix == ".csv":
        assert len(list(csv.reader(target.open(encoding="utf-8-sig")))) == 225
    else:
        assert len(json.loads(target.read_text())["findings"]) == 224


def test_every_command_leaves_the_workbook_untouched(sample, tmp_path):
    before = digest(sample)
    for args in (["validate", str(sample)], ["rules"], ["validate", str(sample), "--output", str(sample)]):
        run(*args)
    assert digest(sample) == before


def test_output_over_the_input_is_refused(sample):
    result = run("validate", str(sample), "--output", str(sample), "--force")
    assert result.returncode == 2
    assert "never writes over it" in result.stderr


def test_formula_like_text_is_written_as_text(tmp_path):
    from openpyxl import Workbook

    from .conftest import HEADER, action_row

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Priority 1: Injection"])
    sheet.append(HEADER)
    sheet.append(action_row(ref="1.1", rag="=HYPERLINK(\"http://x\")", comments="-as above"))
    for cell in sheet[3]:
        cell.data_type = "s"
    source = tmp_path / "plan.xlsx"
    workbook.save(source)
    target = tmp_path / "out.xlsx"
    run("validate", str(source), "--output", str(target))
    values = [cell for row in load_workbook(target).active.iter_rows() for cell in row]
    texts = [c for c in values if isinstance(c.value, str) and c.value.startswith(("=", "-"))]
    assert texts and all(c.data_type == "s" for c in texts)
    csv_target = tmp_path / "out.csv"
    run("validate", str(source), "--output", str(csv_target))
    assert "'=HYPERLINK" in csv_target.read_text(encoding="utf-8-sig")


def test_rules_lists_the_catalogue(capsys):
    assert main(["rules"]) == 0
    out = capsys.readouterr().out
    assert "SIP204  error   Ref stored as a number (Excel turns 4.10 into 4.1)." in out
    assert len(out.splitlines()) >= 29


def test_help_teaches(capsys):
    with pytest.raises(SystemExit):
        main(["validate", "--help"])
    out = capsys.readouterr().out
    assert "examples:" in out and "--select" in out and "--as-of" in out


def test_bad_option_is_exit_2():
    assert run("validate", "x.xlsx", "--as-of", "31/08/2017").returncode == 2


def test_comment_history_saved_by_excel_is_used_by_the_command_line(sample):
    from openpyxl import load_workbook

    from sip_excel.api import load
    from sip_excel.history import HISTORY_HEADER, HISTORY_SHEET, fingerprint

    plan, _ = load(sample)
    comments = {(a.priority, a.ref): a.text("comments") for a in plan.actions}
    workbook = load_workbook(sample)
    history = workbook.create_sheet(HISTORY_SHEET)
    history.append(HISTORY_HEADER)
    history.append([2, "2.2", fingerprint(comments[(2, "2.2")]), dt.datetime(2017, 1, 10)])  # unchanged since January
    history.append([2, "2.7", "0123456789ab", dt.datetime(2017, 1, 10)])  # changed since: no date
    workbook.save(sample)
    found = json.loads(run("validate", str(sample), "--select", "SIP602", "--format", "json").stdout)["findings"]
    assert [(f["priority"], f["ref"]) for f in found] == [(2, "2.2")]
    assert "10 Jan 2017 (comment history)" in found[0]["message"]


# --as-of: the ISO and the UK form; a wrong date is one line naming what is wrong, never an overflow.
AS_OF_CASES = [
    ("31/08/2017", 1, "2017-08-31"),
    ("2017-08-31", 1, "2017-08-31"),
    ("2017-02-30", 2, "'2017-02-30': February 2017 has no 30th"),
    ("31/04/2018", 2, "April 2018 has no 31st"),
    ("08/31/2017", 2, "there is no month 31"),
    ("9999-12-31", 2, "not in the years 2000 to 2100"),
    ("0001-01-01", 2, "not in the years 2000 to 2100"),
    ("tomorrow", 2, "'tomorrow' is not a date. Type it as 31/08/2017 or 2017-08-31"),
]


@pytest.mark.parametrize(("text", "code", "says"), AS_OF_CASES, ids=[c[0] for c in AS_OF_CASES])
def test_as_of_forms_and_mistakes(sample, text, code, says):
    result = run("validate", str(sample), "--as-of", text, "--format", "json")
    assert result.returncode == code
    if code == 1:
        assert json.loads(result.stdout)["as_of"] == says
    else:
        assert result.stdout == "" and len(result.stderr.splitlines()) == 1, result.stderr
        assert result.stderr.startswith("sip-excel: error: ") and says in result.stderr
        assert "Overflow" not in result.stderr and "validate --help" in result.stderr


ARGUMENT_MISTAKES = [
    (["validate"], "the following arguments are required: PLAN.xlsx", "sip-excel validate --help"),
    (["validate", "plan.xlsx", "--bogus"], "unrecognized arguments: --bogus", "sip-excel --help"),
    (["valdate", "plan.xlsx"], "invalid choice: 'valdate'", "sip-excel --help"),
    (["validate", "plan.xlsx", "--format", "xml"], "invalid choice: 'xml'", "sip-excel validate --help"),
]


@pytest.mark.parametrize(("args", "says", "hint"), ARGUMENT_MISTAKES,
                         ids=[" ".join(a) for a, _, _ in ARGUMENT_MISTAKES])
def test_a_command_line_mistake_is_one_line_with_a_hint(args, says, hint):
    result = run(*args)
    assert result.returncode == 2 and result.stdout == ""
    assert result.stderr.startswith("sip-excel: error: ") and says in result.stderr
    assert result.stderr.rstrip().endswith(f"See '{hint}'.") and len(result.stderr.splitlines()) == 1


@pytest.mark.parametrize(("command", "says"), [
    ("validate", "Check dates, refs"), ("rollup", "The plan's figures"), ("report", "Write the committee report"),
    ("rules", "List every check"),
])
def test_every_command_says_what_it_does(capsys, command, says):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = capsys.readouterr().out
    assert says in out


@pytest.mark.parametrize("command", ["validate", "rollup", "report"])
def test_help_says_how_the_plan_sheet_is_chosen(capsys, command):
    with pytest.raises(SystemExit):
        main([command, "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "the sheet whose plan table has the most actions" in out and "first sheet" not in out


@pytest.mark.parametrize("command", [[], ["validate"], ["rollup"], ["report"]])
def test_every_help_has_examples(capsys, command):
    with pytest.raises(SystemExit):
        main([*command, "--help"])
    out = capsys.readouterr().out
    assert "examples:\n  sip-excel " in out


def test_validate_csv_goes_to_stdout_like_the_csv_file(sample, tmp_path):
    target = tmp_path / "findings.csv"
    printed = run("validate", str(sample), "--format", "csv")
    run("validate", str(sample), "-o", str(target))
    assert printed.returncode == 1
    assert printed.stdout.splitlines() == target.read_text(encoding="utf-8-sig").splitlines()
    assert printed.stdout.startswith("code,severity,message,")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["validate"], ["rollup"]])
def test_a_full_stdout_is_one_line(sample, args):
    with open("/dev/full", "w") as full:
        result = subprocess.run([sys.executable, "-m", "sip_excel.cli", *args, str(sample)], stdout=full,
                                stderr=subprocess.PIPE, text=True, timeout=120)
    assert result.returncode == 2
    assert result.stderr == ("sip-excel: error: cannot write to the standard output: no space left to write. Free "
                             "some space on the drive, or write to another one.\n")


def _fifo(path: Path) -> Path:
    os.mkfifo(path)
    return path


# -o that must be refused even with --force; what is there stays as it was.
TARGETS = [
    ("folder", lambda tmp: tmp, "is a folder. Give a file name inside it"),
    ("device", lambda tmp: Path("/dev/null"), "is not an ordinary file"),
    ("fifo", lambda tmp: _fifo(tmp / "pipe.docx"), "is not an ordinary file"),
    ("template", lambda tmp: tmp / "template.docx", "the tool never writes over it"),
    ("long", lambda tmp: tmp / ("a" * 300 + ".docx"), "is too long. Use a shorter file name"),
]


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX devices and pipes")
@pytest.mark.parametrize(("name", "make", "says"), TARGETS, ids=[t[0] for t in TARGETS])
def test_report_output_that_is_refused(sample, tmp_path, name, make, says):
    import shutil

    from sip_excel.report import DEFAULT_TEMPLATE

    template = tmp_path / "template.docx"
    shutil.copy(DEFAULT_TEMPLATE, template)
    target = make(tmp_path)
    before = digest(template)
    result = run("report", str(sample), "--template", str(template), "-o", str(target), "--force")
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and says in result.stderr, result.stderr
    assert digest(template) == before and Path("/dev/null").is_char_device()
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["plan.xlsx", "template.docx"]
                                                                 + (["pipe.docx"] if name == "fifo" else []))


def test_the_bundled_template_is_never_an_output(sample, tmp_path, monkeypatch, capsys):
    from sip_excel import report_cli

    bundled = tmp_path / "committee_report.docx"
    bundled.write_bytes(report_cli.DEFAULT_TEMPLATE.read_bytes())
    monkeypatch.setattr(report_cli, "DEFAULT_TEMPLATE", bundled)
    assert main(["report", str(sample), "-o", str(bundled), "--force"]) == 2
    assert "never writes over it" in capsys.readouterr().err
    assert bundled.read_bytes() == report_cli.DEFAULT_TEMPLATE.read_bytes()


TEMPLATES = [
    ("book.xlsx", lambda sample, path: path.write_bytes(sample.read_bytes()), "is an Excel workbook, not a Word .docx"),
    ("macros.docm", lambda sample, path: path.write_bytes(b"PK"), "macro-enabled Word document (.docm)"),
    ("renamed.docx", lambda sample, path: path.write_bytes(sample.read_bytes()), "is an Excel workbook, whatever its"),
]


@pytest.mark.parametrize(("name", "make", "says"), TEMPLATES, ids=[t[0] for t in TEMPLATES])
def test_a_template_that_is_not_a_word_document(sample, tmp_path, name, make, says):
    template = tmp_path / name
    make(sample, template)
    result = run("report", str(sample), "--template", str(template), "-o", str(tmp_path / "out.docx"))
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert result.stderr.startswith("sip-excel: error: template ") and says in result.stderr
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize(("where", "says"), [
    ("input", "permission denied for plan.xlsx. Ask for access"),
    ("output", "cannot write the output: permission denied for"),
])
def test_permission_denied_is_one_actionable_line(sample, tmp_path, monkeypatch, capsys, where, says):
    # Tests run as root, whom file permissions do not stop: the operating system's refusal is simulated.
    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied", "plan.xlsx")

    if where == "input":
        monkeypatch.setattr("sip_excel.api.load", refuse)
    else:
        monkeypatch.setattr("sip_excel.files._status", refuse)
    assert main(["validate", str(sample), "-o", str(tmp_path / "out.csv")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("sip-excel: error: ") and says in err and len(err.splitlines()) == 1


def test_a_plan_name_too_long_is_one_line(tmp_path):
    result = run("validate", str(tmp_path / ("a" * 300 + ".xlsx")))
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert "is too long. Use a shorter file name" in result.stderr and "unexpected" not in result.stderr


def _hostile_plan(path: Path) -> Path:
    """A plan whose cells hold what a terminal or a spreadsheet would obey, as Excel escapes it in the XML."""
    import zipfile

    from openpyxl import Workbook

    from .conftest import HEADER, action_row

    workbook = Workbook()
    workbook.active.append(["Priority 1: TITLE"])
    workbook.active.append(HEADER)
    workbook.active.append(action_row(ref="1.1", rag="RAG"))
    workbook.active.append(["SECTION"])  # a priority's second header row starts a section named by the text above
    workbook.active.append(HEADER)
    workbook.active.append(action_row(ref="1.2"))
    workbook.save(path)
    with zipfile.ZipFile(path) as source:
        parts = {name: source.read(name) for name in source.namelist()}
    sheet = parts["xl/worksheets/sheet1.xml"].decode()
    for placeholder, text in (("TITLE", "Safe _x001B_]0;pwned_x0007_ \u202eevil"), ("SECTION", "Sect _x001B_[2J"),
                              (">RAG<", ">Gr_x000B_ee_x0000_n_x001A__x001B_[2J<")):
        sheet = sheet.replace(placeholder, text)
    parts["xl/worksheets/sheet1.xml"] = sheet.encode()
    with zipfile.ZipFile(path, "w") as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return path


def test_plan_text_on_a_terminal_is_shown_not_obeyed(tmp_path):
    plan = _hostile_plan(tmp_path / "plan.xlsx")
    for args, shown in ((["validate"], "Safe \\x1b]0;pwned\\x07 <U+202E>evil"), (["rollup"], "Sect \\x1b[2J")):
        result = run(*args, str(plan))
        assert not any(c in result.stdout + result.stderr for c in "\x1b\x07\x0b\x00\x1a\u202e"), args
        assert shown in result.stdout, args
    validate = run("validate", str(plan)).stdout
    assert "'Gr\\x0bee\\x00n\\x1a\\x1b[2J' is not a BRAG status" in validate
    rows = json.loads(run("rollup", str(plan), "--format", "json").stdout)["rows"]
    assert "Section 2: Sect \x1b[2J" in [row["section"] for row in rows]
    exact = json.loads(run("validate", str(plan), "--format", "json").stdout)["findings"]
    assert "Gr\x0bee\x00n\x1a\x1b[2J" in [f["value"] for f in exact]


def test_findings_xlsx_with_control_characters_is_written(tmp_path):
    plan = _hostile_plan(tmp_path / "plan.xlsx")
    target = tmp_path / "findings.xlsx"
    result = run("validate", str(plan), "-o", str(target))
    assert result.returncode == 1, result.stderr
    values = [v for row in load_workbook(target).active.iter_rows(values_only=True) for v in row]
    assert "Gr\\x0bee\\x00n\\x1a\\x1b[2J" in values


@pytest.mark.parametrize(("command", "name", "example"), [
    ("validate", "results", "findings.xlsx"),
    ("validate", "results.csv", "findings.xlsx"),
    ("report", "reports", "committee-report.docx"),  # a report's folder is offered a report's name
])
def test_output_naming_a_folder_says_so(sample, tmp_path, command, name, example):
    folder = tmp_path / name
    folder.mkdir()
    result = run(command, str(sample), "-o", str(folder), "--force")
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert f"{folder} is a folder. Give a file name inside it, e.g. {folder / example}." in result.stderr
    assert list(folder.iterdir()) == []


def test_warnings_are_one_visible_line_each(sample):
    """A warning about the plan (from logging or the warnings module) quotes its text: shown, not obeyed."""
    script = ("import logging, sys, warnings\n"
              "import sip_excel.api as api\n"
              "load = api.load\n"
              "def warn_then_load(*args, **kwargs):\n"
              "    warnings.warn(\"sheet '\\x1b[2J' is very hidden\")\n"
              "    logging.getLogger('sip_excel.reader').warning('two sheets named %s', 'Plan\\u202e')\n"
              "    return load(*args, **kwargs)\n"
              "api.load = warn_then_load\n"
              "from sip_excel.cli import main\n"
              f"sys.exit(main(['validate', {str(sample)!r}, '--select', 'SIP2']))\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120)
    assert result.returncode == 1
    assert result.stderr.splitlines() == ["sip-excel: warning: sheet '\\x1b[2J' is very hidden",
                                          "sip-excel: warning: two sheets named Plan<U+202E>"]


def test_an_error_message_quoting_plan_or_typed_text_shows_it_safely(sample):
    result = run("validate", str(sample), "--sheet", "\x1b[2J\u202eevil")
    assert result.returncode == 2 and len(result.stderr.splitlines()) == 1
    assert "there is no sheet called '\\x1b[2J<U+202E>evil'" in result.stderr
    assert "\x1b" not in result.stderr and "\u202e" not in result.stderr


def test_an_output_of_another_kind_names_the_kinds_it_can_be(sample, tmp_path):
    result = run("validate", str(sample), "-o", str(tmp_path / "findings.txt"))
    assert result.returncode == 2 and result.stderr.startswith(
        "sip-excel: error: --output must end in .xlsx, .json or .csv; got 'findings.txt'.")
