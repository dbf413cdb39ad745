"""A JSON Schema compatibility checker that decides by instance sets and proves every break."""

from ._check import check
from ._format import FORMATS
from ._model import Finding, Report
from .rules import RULES, Rule

__all__ = ["FORMATS", "RULES", "Finding", "Report", "Rule", "check"]
