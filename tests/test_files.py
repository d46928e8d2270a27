"""Output files: written in one step, and readable by colleagues like any other new file."""
from __future__ import annotations

import os
import stat
import sys

import pytest

from sip_excel.errors import OutputError
from sip_excel.files import write_atomically


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permission bits")
@pytest.mark.parametrize("umask", [0o022, 0o027, 0o077])
def test_a_written_file_gets_the_permissions_of_any_new_file(tmp_path, umask):
    previous = os.umask(umask)
    try:
        target = write_atomically(tmp_path / "report.docx", lambda path: path.write_bytes(b"report"))
        plain = tmp_path / "plain.txt"
        plain.write_bytes(b"x")
    finally:
        os.umask(previous)
    assert stat.S_IMODE(target.stat().st_mode) == stat.S_IMODE(plain.stat().st_mode) == 0o666 & ~umask
    assert target.read_bytes() == b"report"


def test_a_failed_write_leaves_nothing_behind(tmp_path):
    def fail(path):
        path.write_bytes(b"half")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomically(tmp_path / "report.docx", fail)
    assert list(tmp_path.iterdir()) == []


def test_an_existing_file_is_kept_without_force(tmp_path):
    target = tmp_path / "report.docx"
    target.write_bytes(b"old")
    with pytest.raises(OutputError, match="already exists"):
        write_atomically(target, lambda path: path.write_bytes(b"new"))
    assert target.read_bytes() == b"old"


@pytest.mark.parametrize("error, says", [
    (PermissionError(13, "Permission denied"), "open in Word or Excel"),  # Windows, when the old report is open
    (OSError(28, "No space left on device"), "space on the drive"),
])
def test_a_failed_save_is_one_actionable_line_and_the_old_file_stays(tmp_path, monkeypatch, error, says):
    target = tmp_path / "report.docx"
    target.write_bytes(b"old")

    def refuse(source, destination):
        raise error

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(OutputError, match=says) as caught:
        write_atomically(target, lambda path: path.write_bytes(b"new"), force=True)
    assert "\n" not in str(caught.value)
    assert [p.name for p in tmp_path.iterdir()] == ["report.docx"] and target.read_bytes() == b"old"


def test_a_folder_that_cannot_be_written_in_is_named(tmp_path, monkeypatch):
    import tempfile

    def refuse(**kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    with pytest.raises(OutputError, match=f"cannot save in the folder {tmp_path}.*Permission denied"):
        write_atomically(tmp_path / "report.docx", lambda path: path.write_bytes(b"new"))


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX devices and pipes")
@pytest.mark.parametrize(("make", "says"), [
    (lambda tmp: tmp, "is a folder"),
    (lambda tmp: __import__("pathlib").Path("/dev/null"), "is not an ordinary file"),
    (lambda tmp: (os.mkfifo(tmp / "pipe.docx"), tmp / "pipe.docx")[1], "is not an ordinary file"),
    (lambda tmp: tmp / ("a" * 300 + ".docx"), "is too long"),
    (lambda tmp: tmp / "missing" / "report.docx", "the folder"),
])
def test_only_an_ordinary_file_is_ever_replaced_even_with_force(tmp_path, make, says):
    target = make(tmp_path)
    with pytest.raises(OutputError, match=says):
        write_atomically(target, lambda path: path.write_bytes(b"new"), force=True)
    assert os.path.exists("/dev/null") and not stat.S_ISREG(os.stat("/dev/null").st_mode)


def test_a_link_to_an_input_is_refused(tmp_path):
    plan = tmp_path / "plan.xlsx"
    plan.write_bytes(b"plan")
    link = tmp_path / "out.xlsx"
    link.symlink_to(plan)
    with pytest.raises(OutputError, match="never writes over it"):
        write_atomically(link, lambda path: path.write_bytes(b"new"), force=True, protect=[plan])
    assert plan.read_bytes() == b"plan"
