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

' Not a button: Validate and Clear marks call this once per click to delete and add the tool's own cell notes,
' because Excel adds notes one cell at a time and a call from Python per cell is slow.
' removeAt, addAt and texts are arrays of cell addresses and note texts (or "" for none). Only notes the tool
' wrote (they start "sip-excel:") are deleted or replaced; a cell with a note of the staff's own keeps it.
Public Sub ApplyNotes(ByVal sheetName As String, ByVal removeAt As Variant, ByVal addAt As Variant, _
                      ByVal texts As Variant)
    Dim target As Worksheet, cell As Range, i As Long
    Set target = ThisWorkbook.Worksheets(sheetName)
    If IsArray(removeAt) Then
        For i = LBound(removeAt) To UBound(removeAt)
            Set cell = target.Range(removeAt(i))
            If Not cell.Comment Is Nothing Then
                If Left$(cell.Comment.Text, 10) = "sip-excel:" Then cell.Comment.Delete
            End If
        Next i
    End If
    If IsArray(addAt) Then
        For i = LBound(addAt) To UBound(addAt)
            Set cell = target.Range(addAt(i))
            If Not cell.Comment Is Nothing Then
                ' A note of the tool's that moved here when the rows were sorted: replace it.
                If Left$(cell.Comment.Text, 10) = "sip-excel:" Then cell.Comment.Delete
            End If
            If cell.Comment Is Nothing Then cell.AddComment CStr(texts(i))
        Next i
    End If
End Sub
