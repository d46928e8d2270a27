"""The Word template: where it is, opening it, and naming before rendering any placeholder it cannot fill."""
from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import Any

from ..errors import TemplateError
from ..sandbox import GuardedEnvironment


def _bundled_template() -> Path:
    """The template that ships with sip-excel (top-level templates/ in the source tree)."""
    from importlib.resources import files

    try:
        return Path(str(files("sip_excel.templates") / "committee_report.docx"))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent.parent / "templates" / "committee_report.docx"


DEFAULT_TEMPLATE = _bundled_template()


def open_template(path: Path | None):
    """Load a template, refusing in one line anything that is not a usable .docx."""
    from docxtpl import DocxTemplate

    given = bool(path)
    path = Path(path) if path else DEFAULT_TEMPLATE
    if not path.is_file():
        raise TemplateError(f"template {path} not found. Check the path given with --template." if given else
                            f"template {path} not found. Give an existing .docx with --template, or reinstall "
                            "sip-excel to restore templates/committee_report.docx.")
    if not zipfile.is_zipfile(path):
        raise TemplateError(f"template {path} is not a Word .docx file. Save it from Word as 'Word Document "
                            "(*.docx)'.")
    try:
        return DocxTemplate(str(path))
    except Exception as error:
        raise TemplateError(f"template {path} could not be opened as a Word document ({error}).") from None


_TAG = re.compile(r"\{[{%].*?(?:[%}]\}|(?=\{[{%])|$)", re.S)
_BLOCKS = {"for": "endfor", "if": "endif", "macro": "endmacro", "call": "endcall", "filter": "endfilter",
           "set": "endset", "with": "endwith", "block": "endblock", "raw": "endraw", "autoescape": "endautoescape"}


def broken_tag(source: str) -> str:
    """The first {{ }} or {% %} in the template's text (Word's XML set aside) that Jinja cannot read on its own,
    as the manager typed it; '' when each reads alone (a block left open, say). Jinja names only a line, and
    Word's document is one line of XML."""
    from jinja2 import TemplateSyntaxError

    text = re.sub(r"<[^>]+>", "", source)
    environment = GuardedEnvironment()
    for tag in _TAG.findall(text):
        keyword = re.match(r"\{%-?\s*(\w+)", tag)
        if keyword and (keyword[1].startswith("end") or keyword[1] in ("else", "elif")):
            continue  # a block's middle or end reads only with its start
        set_block = keyword and keyword[1] == "set" and "=" in tag  # '{% set x = 1 %}' has no end
        closing = _BLOCKS.get(keyword[1], "") if keyword and not set_block else ""
        try:
            environment.parse(tag + (f"{{% {closing} %}}" if closing else ""))
        except TemplateSyntaxError:
            return tag.strip()[:60]
    return ""


def check_template(template, context: dict[str, Any], path: Path | None) -> None:
    """Name, before anything is rendered, every placeholder the template uses that the tool cannot fill."""
    from jinja2 import TemplateSyntaxError

    try:
        # The sandbox's environment here too: a plain one would already build a constant text bomb
        # ('x' * 10**9) while merely listing the placeholders.
        unknown = sorted(template.get_undeclared_template_variables(jinja_env=GuardedEnvironment(),
                                                                    context=context))
    except TemplateSyntaxError as error:
        near = broken_tag(error.source or "")
        raise TemplateError(f"template {path or DEFAULT_TEMPLATE} has a broken placeholder"
                            f"{f' near {near!r}' if near else ''}: {(error.message or '').rstrip('.')}. Check the "
                            "braces {{ }} and {% %} in Word.") from None
    if unknown:
        known = ", ".join(sorted(context))
        raise TemplateError(f"template {path or DEFAULT_TEMPLATE} uses placeholder(s) the tool cannot fill: "
                            f"{', '.join('{{ ' + name + ' }}' for name in unknown)}. Known placeholders: {known}.")
