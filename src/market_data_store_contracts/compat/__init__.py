"""A JSON Schema compatibility checker that decides by instance sets and proves every break."""

from ..errors import ContractsError, StoreContractsError
from ._check import check
from ._report import Finding, Notice, Report
from .dialects import DIALECTS
from .rules import RULES, Rule

__all__ = [
    "DIALECTS",
    "RULES",
    "ContractsError",
    "Finding",
    "Notice",
    "Report",
    "Rule",
    "StoreContractsError",
    "check",
]
