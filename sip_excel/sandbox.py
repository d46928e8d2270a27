"""Filling in a Word template safely: a Jinja sandbox that cannot run code, loop for ever or fill the memory.

A template is a document someone may have e-mailed to the manager, so it is treated as untrusted code:

- it renders in Jinja's ``ImmutableSandboxedEnvironment`` (no ``__globals__``, no private attributes, no
  changing the tool's own lists), may look only into plain values (text, numbers, dates, lists, dicts),
  and ``range`` is capped;
- every loop step, call, filter and piece of output is counted against a budget and a deadline, checked
  by the rendering itself, so the limit holds where there are no threads or signals (the same code runs
  in Pyodide inside Excel); SIGALRM is only a backstop, where the platform has it, for one slow call;
- operators and filters that multiply text (``*``, ``+``, ``~``, ``center``, ``replace``, ``join``,
  ``format``, ...) are checked before they allocate.
"""
from __future__ import annotations

import datetime as dt
import decimal
import re
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from functools import update_wrapper
from typing import Any

from jinja2 import nodes, pass_context
from jinja2.runtime import Context, markup_join, str_join
from jinja2.sandbox import MAX_RANGE, ImmutableSandboxedEnvironment, SecurityError
from jinja2.utils import _PassArg
from jinja2.visitor import NodeTransformer
from markupsafe import Markup

from .errors import TemplateError

TIME_LIMIT = 60.0  # seconds; the 10,000-action report renders in a few
MAX_STEPS = 5_000_000  # loop steps, calls, filters and outputs; the bundled template takes 45 an action
CALL_STEPS = 10  # a call (a macro, a method) costs about ten loop steps' time, so it counts as ten
MAX_TEXT = 10_000_000  # characters in any one value, or items in any one list
MAX_OUTPUT = 256_000_000  # characters the template may write in all
MAX_NUMBER = 100_000  # the largest width, count or repeat a filter or method may be given
MAX_INT_BITS = 32_768  # numbers beyond about 10,000 digits are refused before they are computed

# Types a template may look into; anything else (the chart's DocxTemplate, say) is opaque to it.
_OPEN_TYPES = (str, int, float, bool, decimal.Decimal, dt.date, dt.time, dt.timedelta, list, tuple, dict,
               set, frozenset, type(None))
_OPEN_MODULES = ("jinja2", "markupsafe")  # loop, namespace, cycler, Markup
_GROWING_STR_METHODS = frozenset({"translate", "maketrans", "expandtabs"})
_WIDTH_STR_METHODS = frozenset({"center", "ljust", "rjust", "zfill"})
# Filters whose numbers are widths, counts or lengths (a default(2017) or sum(start=...) is only a value).
_SIZED_FILTERS = frozenset({"center", "indent", "wordwrap", "truncate", "batch", "slice", "round", "tojson"})
_NUMBERS = re.compile(r"\d+")
_PRINTF_SPEC = re.compile(r"%(?:\([^)]*\))?[-+ #0]*(\*|\d*)(?:\.(\*|\d*))?")
_FORMAT_SPEC = re.compile(r"\{[^{}]*\}")
_NESTED_FIELD = re.compile(r"\{[^{}]*\{")
_NOTHING = Markup("")


class TemplateLimit(SecurityError):
    """Rendering stopped: the template asked for more than a committee report could need."""


class _Budget:
    """What one render may still spend: a deadline, loop steps and calls, and characters of output."""

    def __init__(self, limit: float) -> None:
        self.limit = limit
        self.deadline = time.monotonic() + limit
        self.steps = 0
        self.output = 0

    def step(self, count: int = 1) -> None:
        self.steps += count
        if self.steps > MAX_STEPS:
            raise TemplateLimit(f"it does more work than any report needs (over {MAX_STEPS:,} loop steps and calls)")
        if time.monotonic() > self.deadline:
            raise TemplateLimit(f"it ran for more than {self.limit:g} seconds")

    def write(self, value: Any) -> None:
        self.write_length(len(value) if isinstance(value, str) else 0)

    def write_length(self, length: int) -> None:
        self.output += length
        if self.output > MAX_OUTPUT:
            raise TemplateLimit(f"it writes more than {MAX_OUTPUT:,} characters")
        self.step()


def _refuse_size(size: int, what: str) -> None:
    if size > MAX_TEXT:
        raise TemplateLimit(f"{what} would make more than {MAX_TEXT:,} characters or items")


def _size(value: Any) -> int:
    return len(value) if isinstance(value, (str, list, tuple)) else 0


def _check_numbers(numbers: Iterable[Any], what: str) -> None:
    for number in numbers:
        if isinstance(number, int) and not isinstance(number, bool) and abs(number) > MAX_NUMBER:
            raise TemplateLimit(f"{what} was given {number}, more than the {MAX_NUMBER:,} allowed")


def _check_format(text: str, args: Iterable[Any], what: str) -> None:
    """Widths and precisions in a format string (`%09999d`, `{:>9999}`) and the numbers that fill `*` widths."""
    specs = [m.group(0) for m in _PRINTF_SPEC.finditer(text)] + [s.partition(":")[2]
                                                                   for s in _FORMAT_SPEC.findall(text)]
    _check_numbers((int(n) for spec in specs for n in _NUMBERS.findall(spec)), what)
    if any("*" in spec for spec in specs) or _NESTED_FIELD.search(text):  # widths taken from the arguments
        _check_numbers(args, what)


class _Guard(NodeTransformer):
    """Rewrites a parsed template so that loops, joins with ``~`` and output go through the budget."""

    def visit_For(self, node: nodes.For) -> nodes.Node:
        self.generic_visit(node)
        node.iter = nodes.Filter(node.iter, "sip_loop", [], [], None, None, lineno=node.lineno)
        return node

    def visit_Concat(self, node: nodes.Concat) -> nodes.Node:
        self.generic_visit(node)
        return nodes.Filter(nodes.List(node.nodes, lineno=node.lineno), "sip_concat", [], [], None, None,
                            lineno=node.lineno)

    def visit_Output(self, node: nodes.Output) -> nodes.Node:
        # The template's own text stays constant (compiled in, never escaped) and is charged in one call;
        # each value is charged as it is written.
        self.generic_visit(node)
        constant = sum(len(child.data) for child in node.nodes if isinstance(child, nodes.TemplateData))
        children = [child if isinstance(child, nodes.TemplateData) else
                    nodes.Filter(child, "sip_out", [], [], None, None, lineno=child.lineno) for child in node.nodes]
        if constant:
            children.insert(0, nodes.Filter(nodes.Const(constant), "sip_text", [], [], None, None,
                                            lineno=node.lineno))
        node.nodes = children
        return node


@pass_context
def _loop(context: Context, iterable: Any) -> Iterator[Any]:
    budget = context.environment.budget
    budget.step()
    for item in iterable:
        budget.step()
        yield item


@pass_context
def _concat(context: Context, parts: list[Any]) -> str:
    context.environment.budget.step()
    texts = [part if isinstance(part, str) else str(part) for part in parts]  # each part made text once
    _refuse_size(sum(map(len, texts)), "joining text with ~")
    return markup_join(texts) if context.eval_ctx.autoescape else str_join(texts)


@pass_context
def _out(context: Context, value: Any) -> Any:
    context.environment.budget.write(value)
    return value


@pass_context
def _text(context: Context, length: int) -> Markup:
    context.environment.budget.write_length(length)
    return _NOTHING


def _estimate(name: str, value: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> int:
    """How long a growing filter's result could be, before it is made."""
    text = value if isinstance(value, str) else ""
    if name == "replace" and len(args) >= 2:
        old, new = str(args[0]), str(args[1])
        return len(text) + (text.count(old) if old else len(text) + 1) * len(new)
    if name == "indent":
        width = args[0] if args else kwargs.get("width", 4)
        return len(text) + (text.count("\n") + 1) * (len(width) if isinstance(width, str) else int(width))
    if name == "wordwrap":
        wrap = args[2] if len(args) > 2 else kwargs.get("wrapstring") or "\n"
        return len(text) * (1 + len(str(wrap)))
    if name == "format":
        _check_format(text, (*args, *kwargs.values()), "format")
    return 0


def _guard_filter(budget: _Budget, name: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """A filter that counts as a step, refuses huge numbers and growth before it runs, and big results after."""
    first = 0 if _PassArg.from_obj(function) is None else 1  # where the filtered value sits among the arguments

    def guarded(*args: Any, **kwargs: Any) -> Any:
        budget.step()
        value, rest = args[first], args[first + 1:]
        if name in _SIZED_FILTERS:
            _check_numbers((*rest, *kwargs.values()), f"the filter '{name}'")
        if name == "join":
            value = list(value) if not isinstance(value, (list, tuple)) else value
            joiner = rest[0] if rest else kwargs.get("d", "")
            _refuse_size(sum(len(x) if isinstance(x, str) else 20 for x in value) + len(str(joiner)) * len(value),
                         "the filter 'join'")
            args = (*args[:first], value, *rest)
        else:
            _refuse_size(_estimate(name, value, rest, kwargs), f"the filter '{name}'")
        result = function(*args, **kwargs)
        _refuse_size(_size(result), f"the filter '{name}'")
        return result

    return update_wrapper(guarded, function)  # keeps jinja's pass_context / pass_environment marks


class GuardedEnvironment(ImmutableSandboxedEnvironment):
    """The sandbox, with a budget and deadline that the rendering itself checks.

    State: ``budget`` is the :class:`_Budget` of the render under way (one environment renders one document:
    its body, headers, footers and properties share it).
    """

    intercepted_binops = frozenset({"*", "+", "**", "%"})

    def __init__(self, limit: float = TIME_LIMIT) -> None:
        super().__init__(autoescape=True)
        self.budget = _Budget(limit)
        self.filters = {name: _guard_filter(self.budget, name, function) for name, function in self.filters.items()}
        self.filters.update(sip_loop=_loop, sip_concat=_concat, sip_out=_out, sip_text=_text)
        # Jinja's lorem-ipsum generator is no use in a committee report, and its work grows with its argument
        # inside one call, where no budget check can reach: {{ lipsum(10**7) }} would run for minutes.
        self.globals.pop("lipsum", None)

    def _generate(self, source: nodes.Template, *args: Any, **kwargs: Any) -> str:
        return super()._generate(_Guard().visit(source), *args, **kwargs)

    def is_safe_attribute(self, obj: Any, attr: str, value: Any) -> bool:
        if not (isinstance(obj, _OPEN_TYPES) or type(obj).__module__.split(".")[0] in _OPEN_MODULES):
            return False
        if isinstance(obj, str) and attr in _GROWING_STR_METHODS:
            return False
        return super().is_safe_attribute(obj, attr, value)

    def call(__self, __context: Context, __obj: Any, *args: Any, **kwargs: Any) -> Any:  # noqa: N805
        __self.budget.step(CALL_STEPS)
        owner, name = getattr(__obj, "__self__", None), getattr(__obj, "__name__", "")
        if isinstance(owner, str):
            if name in _WIDTH_STR_METHODS:
                _check_numbers((*args, *kwargs.values()), f"'{name}'")
            elif name == "replace" and len(args) >= 2:
                _refuse_size(_estimate("replace", owner, args, {}), "'replace'")
            elif name == "join" and args:
                items = list(args[0])
                _refuse_size(sum(map(_size, items)) + len(owner) * len(items), "'join'")
                args = (items, *args[1:])
        return super().call(__context, __obj, *args, **kwargs)

    def wrap_str_format(self, value: Any) -> Callable[..., str] | None:
        wrapper = super().wrap_str_format(value)
        if wrapper is None:
            return None
        text = value.__self__

        def checked(*args: Any, **kwargs: Any) -> str:
            _check_format(text, (*args, *kwargs.values(), *(args[0].values() if args and isinstance(args[0], dict)
                                                             else ())), "format")
            result = wrapper(*args, **kwargs)
            _refuse_size(len(result), "format")
            return result

        return checked

    def call_binop(self, context: Context, operator: str, left: Any, right: Any) -> Any:
        self.budget.step()
        if operator == "*":
            for sequence, count in ((left, right), (right, left)):
                if isinstance(sequence, (str, list, tuple)) and isinstance(count, int):
                    _refuse_size(len(sequence) * count, "'*'")
            if isinstance(left, int) and isinstance(right, int):
                _refuse_bits(abs(left).bit_length() + abs(right).bit_length())
        elif operator == "+":
            _refuse_size(_size(left) + _size(right), "'+'")
        elif operator == "**" and isinstance(left, int) and isinstance(right, int) and abs(left) > 1:
            _refuse_bits(abs(left).bit_length() * max(right, 0))
        elif operator == "%" and isinstance(left, str):
            _check_format(left, right if isinstance(right, (tuple, list)) else (right,), "'%'")
        return super().call_binop(context, operator, left, right)


def _refuse_bits(bits: int) -> None:
    if bits > MAX_INT_BITS:
        raise TemplateLimit("a number would have more than 10,000 digits")


@contextmanager
def _alarm(seconds: float) -> Iterator[None]:
    """SIGALRM a little after the deadline, for one call that never returns to Jinja; where there is one.

    Only in the main thread, and only when no other timer is running, so nobody else's alarm is disturbed.
    """

    def stop(signum: int, frame: Any) -> None:
        raise TemplateLimit(f"it ran for more than {seconds:g} seconds")

    try:
        import signal
        import threading

        if not (threading.current_thread() is threading.main_thread()
                and signal.getitimer(signal.ITIMER_REAL)[0] == 0):
            raise RuntimeError("the timer is not ours to use here")
        previous = signal.signal(signal.SIGALRM, stop)
    except Exception:  # no signals or timers (Windows, Pyodide in Excel), or not ours: the budget alone holds
        yield
        return
    try:
        signal.setitimer(signal.ITIMER_REAL, seconds * 1.1 + 1)
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def render(document: Any, context: dict[str, Any], *, template_name: str = "the template",
           limit: float = TIME_LIMIT) -> None:
    """Render a docxtpl document in the sandbox, or raise :class:`TemplateError` saying what it tried."""
    environment = GuardedEnvironment(limit)
    advice = "Use the bundled template, or ask the template's author what it does."
    try:
        with _alarm(limit):
            document.render(context, jinja_env=environment, autoescape=True)
    except TemplateLimit as error:
        raise TemplateError(f"{template_name} was stopped: {error}. A report template only needs placeholders "
                            f"and loops over the plan's lists. {advice}") from None
    except SecurityError as error:
        raise TemplateError(f"{template_name} tried something a template may not do: {str(error).rstrip('.')}. "
                            f"{advice}") from None
    except OverflowError as error:  # the sandbox's range() refuses to count so far
        if "range" not in str(error).lower():
            raise
        raise TemplateError(f"{template_name} was stopped: range() counts to at most {MAX_RANGE:,} here. "
                            f"{advice}") from None
    except RecursionError:
        raise TemplateError(f"{template_name} was stopped: a macro calls itself without end. {advice}") from None
    except MemoryError:
        raise TemplateError(f"{template_name} was stopped: it needed more memory than there is. {advice}") from None
