"""sip-excel's buttons in xlwings Lite: each script calls the entry point of the same name, as the VBA macros do.

The shapes at the top of the plan run them (each is linked to the cell under it); the xlwings Lite task pane
lists them too. All the work happens in the sip_excel package that requirements.txt installs.
"""
import xlwings as xw
from xlwings import script

from sip_excel import excel


@script(button="[sip_validate]SIP 2017-18!I2")
def validate(book: xw.Book):
    """Check the plan: every problem on the Validation sheet, with a link to its cell."""
    excel.validate(book, route="lite")


@script(button="[sip_build_report]SIP 2017-18!I4")
def build_report(book: xw.Book):
    """Write the committee report (Word) to Files > Import/Export, for download."""
    excel.build_report(book, route="lite")


@script(button="[sip_clear_marks]SIP 2017-18!I6")
def clear_marks(book: xw.Book):
    """Remove what Validate added to the plan."""
    excel.clear_marks(book, route="lite")


@script(button="[sip_setup_workbook]SIP 2017-18!I8")
def setup_workbook(book: xw.Book):
    """Add the Settings sheet, and the RAG drop-down lists where this Lite can."""
    excel.setup_workbook(book, route="lite")
