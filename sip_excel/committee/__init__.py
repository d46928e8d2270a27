"""The committee report: a typed context from the plan, sentences, the appendix, and render-then-save.

Import from the modules (``committee.render.prepare``); this package itself stays empty so that
``sip_excel.narrative`` can use ``committee.sentences`` without loading the Word libraries.
"""
