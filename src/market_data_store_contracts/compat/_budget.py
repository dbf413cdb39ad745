"""A deterministic work budget for one direction of a comparison.

A comparison of nested ``allOf``/``anyOf``/``oneOf``/``not`` can multiply its work: each branch
of one side paired with each of the other, each pair with the examples that test it. The budget
counts that work in steps, never in time, so that an answer does not depend on the machine or
its load: a comparison opened, a pair of branches compared, a pair of branches intersected in a
normal form, an instance validated. Past :data:`MAX_STEPS` the comparison stops and the answer is
undecided (``COMPLEXITY_UNDECIDED``), which the promise allows: never a false "compatible",
"incompatible" only with a verified witness.
"""

from __future__ import annotations

from ._schema import Side

#: Steps one direction of a comparison may take. The largest pair of the corpus takes a few
#: hundred; a pair under 2 KB that reaches this limit answers within a second here.
MAX_STEPS = 5_000


class OverBudget(Exception):
    """The comparison took more than its budget of steps."""


class Budget:
    """The steps left to one direction of a comparison, shared by its walker, the reversed
    walkers it opens for ``not`` and their normal forms. Validations are counted by each side
    (``Side.validations``) and charged at the next step."""

    def __init__(self, *sides: Side, limit: int = MAX_STEPS) -> None:
        self.limit = limit
        self.spent = 0
        self._sides = sides
        self._seen = [side.validations for side in sides]

    def charge(self, steps: int = 1) -> None:
        """Spend ``steps`` (and the validations made since the last charge); raise
        :class:`OverBudget` once the total passes the limit."""
        for index, side in enumerate(self._sides):
            steps += side.validations - self._seen[index]
            self._seen[index] = side.validations
        self.spent += steps
        if self.spent > self.limit:
            raise OverBudget(self.limit)

    @property
    def reason(self) -> str:
        return f"the comparison needs more than {self.limit} steps (branch pairs and validations)"
