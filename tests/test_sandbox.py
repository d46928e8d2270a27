"""The Word template sandbox: a template cannot run code, loop for ever, or fill the memory."""
from __future__ import annotations

import re
import subprocess
import sys
import time
from contextlib import nullcontext
from pathlib import Path

import pytest
from docx import Document

from sip_excel import sandbox
from sip_excel.errors import TemplateError
from sip_excel.sandbox import GuardedEnvironment, TemplateLimit, render


def make_template(path: Path, text: str) -> Path:
    document = Document()
    document.add_paragraph(text)
    document.save(path)
    return path


# The payloads of issue 10, through the real command: one line, exit 2, no report written.
COMMAND_CASES = [
    ("code", "{{ cycler.__init__.__globals__.os.popen('id').read() }}", "may not do: access to attribute '__init__'"),
    ("range", "{% for i in range(10**9) %}x{% endfor %}", "range() counts to at most 100,000 here"),
    ("nested", "{% for a in range(99999) %}{% for b in range(99999) %}{% endfor %}{% endfor %}", "more work"),
    ("multiply", "{{ 'x' * 10**9 }}", "'*' would make more than"),
    # constant, so a plain Jinja would build it while checking the placeholders, before rendering (10 GB)
    ("folded", "{{ ('x' * 100000)|replace('x', 'x' * 100000) }}", "the filter 'replace' would make more than"),
]


@pytest.mark.parametrize(("name", "payload", "says"), COMMAND_CASES, ids=[c[0] for c in COMMAND_CASES])
def test_a_hostile_template_is_one_line_exit_2_and_nothing_written(sample, tmp_path, name, payload, says):
    template = make_template(tmp_path / "template.docx", payload)
    output = tmp_path / "report.docx"
    result = subprocess.run([sys.executable, "-m", "sip_excel.cli", "report", str(sample), "--template",
                             str(template), "-o", str(output)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 2
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("sip-excel: error: ") and says in lines[0], result.stderr
    assert "uid=" not in result.stderr + result.stdout
    assert not output.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["plan.xlsx", "template.docx"]


# Each line is refused by the sandbox before it can allocate or run far; the text names what was refused.
REFUSED = [
    ("{{ cycler.__init__.__globals__.os }}", "'__init__'"),
    ("{{ ''.__class__.__mro__ }}", "'__class__'"),
    ("{{ chart.tpl.save('x.docx') }}", "'tpl'"),  # the chart's DocxTemplate can save files: opaque
    ("{{ rows.append(1) }}", "'append'"),  # the tool's own lists cannot be changed
    ("{{ 'a'.translate({97: 'bbbb'}) }}", "'translate'"),
    ("{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}", "with ~"),
    ("{% set ns = namespace(s='x') %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}{% endfor %}", "'+'"),
    ("{{ [1] * 10**8 }}", "'*'"),
    ("{{ 2 ** 100000000 }}", "10,000 digits"),
    ("{% set n = 10 ** 5000 %}{{ n * n * n * n * n * n * n }}", "10,000 digits"),
    ("{{ 'x'|center(10**9) }}", "'center'"),
    ("{{ 'x'.rjust(10**9) }}", "'rjust'"),
    ("{{ [1]|batch(10**9, 0)|list }}", "'batch'"),
    ("{{ ('x' * 100000)|replace('x', 'x' * 100000) }}", "'replace'"),
    ("{{ ('x' * 100000).replace('x', 'x' * 100000) }}", "'replace'"),
    ("{{ ((range(100000)|list) * 100)|join('x' * 1000) }}", "'join'"),
    ("{{ ('x' * 1000).join(range(100000)|map('string')) }}", "'join'"),
    ("{{ ('a\n' * 100000)|indent('x' * 1000) }}", "'indent'"),
    ("{{ '%0999999999d'|format(1) }}", "999999999"),
    ("{{ '%0999999999d' % 1 }}", "999999999"),
    ("{{ '{:>999999999}'.format(1) }}", "999999999"),
    ("{{ '{:>{}}'.format(1, 999999999) }}", "999999999"),
    ("{% for i in range(3000) %}{% for j in range(3000) %}{% endfor %}{% endfor %}", "more work"),
    ("{% macro f(n) %}{% if n %}{{ f(n-1) }}{{ f(n-1) }}{% endif %}{% endmacro %}{{ f(40) }}", "more work"),
]


@pytest.mark.parametrize(("source", "says"), REFUSED, ids=[s for s, _ in REFUSED])
def test_the_sandbox_refuses(source, says):
    environment = GuardedEnvironment()
    with pytest.raises(Exception) as caught:
        environment.from_string(source).render(rows=[1, 2], chart=_Opaque())
    assert isinstance(caught.value, (TemplateLimit, sandbox.SecurityError, OverflowError))
    assert says in str(caught.value)


class _Opaque:
    tpl = "a DocxTemplate"


def test_lipsum_is_not_offered():
    """Its work grows inside one call, where no budget check reaches ({{ lipsum(60000) }} ran 10 s past the limit)."""
    from jinja2 import UndefinedError

    with pytest.raises(UndefinedError, match="'lipsum' is undefined"):
        GuardedEnvironment().from_string("{{ lipsum(60000) }}").render()


def test_what_a_report_template_does_still_works():
    source = ("{% for p in priorities %}{{ loop.index }}. {{ p.name|upper }} {{ p.title|truncate(9) }}"
              "{% if not loop.last %}; {% endif %}{% endfor %} | {{ 'x' ~ total ~ '%' }} {{ '%d%%'|format(total) }}"
              " {{ names|join(', ') }} {{ '<b>' }} {{ cycler('a', 'b').next() }} {{ range(3)|sum }}")
    text = GuardedEnvironment().from_string(source).render(
        priorities=[{"name": "Priority 1", "title": "Safeguarding & Early Help"}, {"name": "P2", "title": "Ofsted"}],
        total=12, names=["RG", "JF"])
    assert text == ("1. PRIORITY 1 Safegu...; 2. P2 Ofsted | x12% 12% RG, JF &lt;b&gt; a 3")


def test_the_deadline_holds_without_signals(tmp_path, monkeypatch):
    """In Pyodide there are no threads or signals: the rendering checks the clock itself."""
    monkeypatch.setattr(sandbox, "_alarm", lambda seconds: nullcontext())
    doc = _doc(tmp_path, "{% for a in range(2000) %}{% for b in range(2000) %}{{ b }}{% endfor %}{% endfor %}")
    started = time.monotonic()
    with pytest.raises(TemplateError, match="ran for more than 0.2 seconds"):
        render(doc, {}, limit=0.2)
    assert time.monotonic() - started < 5


@pytest.mark.skipif(not hasattr(__import__("signal"), "setitimer"), reason="SIGALRM is a POSIX backstop")
def test_sigalrm_stops_one_call_that_never_comes_back(tmp_path):
    doc = _doc(tmp_path, "{{ slow() }}")
    started = time.monotonic()
    with pytest.raises(TemplateError, match="ran for more than 0.2 seconds"):
        render(doc, {"slow": lambda: time.sleep(30)}, limit=0.2)
    assert time.monotonic() - started < 5
    import signal

    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)  # no alarm left running


def _doc(tmp_path: Path, text: str):
    from docxtpl import DocxTemplate

    return DocxTemplate(str(make_template(tmp_path / "t.docx", text)))


def test_numbers_that_are_only_values_are_not_limits():
    source = "{{ missing|default(2000000) }} {{ [1, 2]|sum(start=1000000) }} {{ '%d'|format(123456789) }}"
    assert GuardedEnvironment().from_string(source).render() == "2000000 1000003 123456789"


def test_tojson_indent_is_a_width():
    with pytest.raises(TemplateLimit, match="'tojson' was given 1000000000"):
        GuardedEnvironment().from_string("{{ [1]|tojson(indent=10**9) }}").render()


def test_the_templates_own_text_counts_towards_what_it_writes(monkeypatch):
    monkeypatch.setattr(sandbox, "MAX_OUTPUT", 1_000)
    fits = "{% for i in range(9) %}" + "x" * 100 + "{% endfor %}"
    assert GuardedEnvironment().from_string(fits).render() == "x" * 900
    with pytest.raises(TemplateLimit, match="writes more than 1,000 characters"):
        GuardedEnvironment().from_string(fits.replace("9", "11")).render()
    with pytest.raises(TemplateLimit, match="writes more than 1,000 characters"):
        GuardedEnvironment().from_string("{% for i in range(11) %}{{ text }}{% endfor %}").render(text="y" * 100)


@pytest.mark.parametrize(("text", "says"), [
    ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", "a macro calls itself without end"),
    ("{{ range(10**6)|list }}", "range() counts to at most 100,000 here"),
    ("{{ cycler.__init__.__globals__ }}", "tried something a template may not do: access to attribute '__init__'"),
])
def test_render_says_what_the_template_tried(tmp_path, text, says):
    with pytest.raises(TemplateError, match=re.escape(says)) as caught:
        render(_doc(tmp_path, text), {})
    assert "\n" not in str(caught.value) and "Use the bundled template" in str(caught.value)
