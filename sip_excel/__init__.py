"""sip-excel: validate, roll up and report on a Service Improvement Plan workbook.

The public API lives in :mod:`sip_excel.api`; this module stays import-light
because every Excel button click starts Python afresh.
"""
from __future__ import annotations

__version__ = "0.1.0"
