"""The families of the compatibility corpus: real-looking schema evolutions with known answers.

Every case is built from a base schema, a valid instance of it and one edit, so its answer
(is every instance of ``old`` an instance of ``new``?) follows from the edit; for an
incompatible edit the builder also writes the instance that shows it (the witness). Nothing
here asks the checker: ``scripts/build_compat_corpus.py`` validates every witness with the
``jsonschema`` validator of each side's own dialect and attacks every "compatible" with
generated instances of ``old`` before a case is written.

One module per family, named as the family is in the corpus (``object-…`` cases of each base,
the ``union/`` folder; ``dialect`` has one module per dialect); the bases are in :mod:`.bases`,
what every family shares in :mod:`._shared`. This module assembles them, in their order.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from ._shared import (
    DIALECTS,
    DRAFT7,
    NO_WITNESS,
    Case,
    Edit,
    _c,
    _needs_siblings,
    _slug,
    with_dialect,
)
from .annotation import annotation_edits
from .array import array_edits
from .bases import BASES
from .composition import composition_edits
from .dialect_2020_12 import draft2020_only
from .dialect_draft07 import draft07_only
from .enum import enum_edits
from .feedback import feedback_edits
from .idiom import idiom_edits
from .nested import nested_edits
from .number import number_edits
from .object import object_edits
from .string import string_edits
from .type import type_edits
from .union import union_edits

__all__ = ["NO_WITNESS", "Case", "all_cases"]


EDITORS = (
    ("object", object_edits),
    ("enum", enum_edits),
    ("type", type_edits),
    ("number", number_edits),
    ("string", string_edits),
    ("annotation", annotation_edits),
    ("nested", nested_edits),
    ("array", array_edits),
    ("composition", composition_edits),
)


def base_cases() -> Iterator[Case]:
    for base in BASES:
        for family, editor in EDITORS:
            for name, old, new, compatible, rationale, witness in editor(base):
                for dialect in DIALECTS:
                    if dialect == "draft-07" and (_needs_siblings(old) or _needs_siblings(new)):
                        continue
                    yield Case(
                        family=f"{dialect}/{base.name}",
                        name=f"{family}-{_slug(name)}",
                        old=with_dialect(old, dialect),
                        new=with_dialect(new, dialect),
                        compatible=compatible,
                        rationale=rationale,
                        witness=witness,
                        probes=[base.full, base.minimal],
                    )


def special_cases() -> Iterator[Case]:
    groups: list[tuple[str, Callable[[], Iterator[Edit]], tuple[str, ...]]] = [
        ("union", union_edits, tuple(DIALECTS)),
        ("feedback", feedback_edits, tuple(DIALECTS)),
        ("idiom", idiom_edits, tuple(DIALECTS)),
        ("dialect", draft07_only, ("draft-07",)),
        ("dialect", draft2020_only, ("2020-12",)),
    ]
    for family, editor, dialects in groups:
        for name, old, new, compatible, rationale, witness in editor():
            for dialect in dialects:
                if (
                    dialect == "draft-07"
                    and family != "dialect"
                    and (_needs_siblings(old) or _needs_siblings(new))
                ):
                    continue
                if dialect == "draft-07" and family == "dialect":
                    old_d = {"$schema": DRAFT7, **_c(old)}
                    new_d = {"$schema": DRAFT7, **_c(new)}
                else:
                    old_d, new_d = with_dialect(old, dialect), with_dialect(new, dialect)
                yield Case(
                    family=f"{dialect}/{family}",
                    name=_slug(name),
                    old=old_d,
                    new=new_d,
                    compatible=compatible,
                    rationale=rationale,
                    witness=witness,
                )


def all_cases() -> Iterator[Case]:
    yield from base_cases()
    yield from special_cases()
