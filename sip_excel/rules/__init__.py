"""The rule catalogue: importing this package registers every rule."""
from __future__ import annotations

from . import comments, dates, people, rag, refs, structure  # noqa: F401  (registers the rules)
from .base import REGISTRY, ActionRule, Context, Rule

__all__ = ["REGISTRY", "ActionRule", "Context", "Rule", "all_rules"]


def all_rules() -> list[type[Rule]]:
    """Every rule, in code order."""
    return sorted(REGISTRY.values(), key=lambda rule: rule.code)
