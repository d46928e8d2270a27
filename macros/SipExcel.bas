Attribute VB_Name = "SipExcel"
' sip-excel: the buttons of the Service Improvement Plan workbook.
' Each macro is one RunPython call into sip_excel.excel; all the work happens in Python.
' Needs the xlwings add-in, or xlwings' standalone module (xlwings.bas) imported into this workbook,
' and Python with sip-excel installed (see "In Excel: the buttons" in README.md).
Option Explicit

' Check the plan: lists every problem on the Validation sheet and highlights the cells.
Sub ValidatePlan()
    RunPython "import sip_excel.excel as sip; sip.validate()"
End Sub

' Write the committee report (Word) next to this workbook, and open it.
Sub BuildReport()
    RunPython "import sip_excel.excel as sip; sip.build_report()"
End Sub

' Remove the highlights and notes that Validate added; staff formatting is left as it is.
Sub ClearMarks()
    RunPython "import sip_excel.excel as sip; sip.clear_marks()"
End Sub

' Add RAG drop-down lists and colours, and the Settings sheet if it is missing.
Sub SetUpWorkbook()
    RunPython "import sip_excel.excel as sip; sip.setup_workbook()"
End Sub

' As SetUpWorkbook, and also add a "Comment updated" column to every table of the plan.
Sub SetUpWorkbookWithCommentDates()
    RunPython "import sip_excel.excel as sip; sip.setup_workbook(None, comment_updated=True)"
End Sub
