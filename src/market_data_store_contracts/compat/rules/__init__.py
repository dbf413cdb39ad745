"""The rules: one small function per change, each registered once in :data:`RULES`.

One module per subject: ``_types`` (types and finite value sets), ``_numbers``, ``_strings``,
``_arrays``, ``_objects``, ``_conditionals`` (if/then/else, dependentSchemas), ``_combinators``
(not, unions, caveats, references), ``_lexical`` (draft-04's lexical ``integer``, checked on
both whole sides after the walk); ``_base`` holds the pair a rule is handed and the change it
yields.

A rule only compares a matched pair handed to it by the walker (``_walk``, which no rule
imports: the pair carries a :class:`Context` with what rules may ask): two branches of the
same kind, an old branch with no counterpart, one property slot... It *yields* changes and never
prints or raises. A change names the spot in both documents, says what happened in one
past-tense sentence and, when it can, proposes a witness: an instance the old schema accepts
and the new one rejects. The walker wraps the witness into a whole document and has it verified
by ``jsonschema`` before it is reported.

Rule IDs follow buf's grammar: ``<SUBJECT>_<CHANGE>``; ``*_UNDECIDED`` rules fire where the
checker cannot prove containment and will not guess (the verdict is then "not compatible").
"""

from __future__ import annotations

from ._arrays import (
    array_contains_added,
    array_max_items_lowered,
    array_min_items_raised,
    array_unique_items_added,
    contains_undecided,
)
from ._base import Change, Context, Handler, Pair, Rule, Sides, SidesHandler, Within
from ._combinators import (
    complexity_undecided,
    keyword_undecided,
    not_added,
    not_undecided,
    old_schema_empty,
    one_of_undecided,
    union_undecided,
)
from ._conditionals import condition_tightened, dependent_schema_tightened
from ._lexical import integer_read_lexically, lexical_integer_undecided
from ._numbers import (
    multiple_of_changed,
    multiple_of_undecided,
    number_maximum_lowered,
    number_minimum_raised,
    number_undecided,
)
from ._objects import (
    additional_properties_closed,
    dependent_required_added,
    object_max_properties_lowered,
    object_min_properties_raised,
    property_names_narrowed,
    property_removed,
    property_required_added,
)
from ._strings import (
    pattern_added,
    pattern_changed,
    pattern_properties_unjoinable,
    pattern_undecided,
    string_max_length_lowered,
    string_min_length_raised,
)
from ._types import const_changed, enum_added, enum_value_removed, type_narrowed


def _rule(
    id: str,
    purpose: str,
    scope: str,
    handler: Handler,
    *kinds: str,
    breaking: bool = True,
    sides: SidesHandler | None = None,
) -> Rule:
    return Rule(id, purpose, scope, handler, kinds, breaking, sides)


#: Every rule, by ID. The walker calls the rules of a scope in this order.
RULES: dict[str, Rule] = {
    rule.id: rule
    for rule in (
        _rule(
            "TYPE_NARROWED",
            "Checks that every JSON type the old schema accepts is still accepted.",
            "missing",
            type_narrowed,
            sides=integer_read_lexically,
        ),
        _rule(
            "ENUM_ADDED",
            "Checks that a type is not newly restricted to a list of values.",
            "missing",
            enum_added,
        ),
        _rule(
            "ENUM_VALUE_REMOVED",
            "Checks that every value of an old enum (or old null/boolean) is still accepted.",
            "values",
            enum_value_removed,
        ),
        _rule(
            "CONST_CHANGED",
            "Checks that the one value an old const allowed is still accepted.",
            "values",
            const_changed,
        ),
        _rule(
            "NUMBER_MINIMUM_RAISED",
            "Checks that the lower bound of numbers is not raised (integer-aware).",
            "branch",
            number_minimum_raised,
            "integer",
            "number",
        ),
        _rule(
            "NUMBER_MAXIMUM_LOWERED",
            "Checks that the upper bound of numbers is not lowered (integer-aware).",
            "branch",
            number_maximum_lowered,
            "integer",
            "number",
        ),
        _rule(
            "NUMBER_UNDECIDED",
            "Checks that number bounds compare the same way read as decimals and as doubles.",
            "branch",
            number_undecided,
            "integer",
            "number",
        ),
        _rule(
            "MULTIPLE_OF_CHANGED",
            "Checks that every old number is still a multiple of the new multipleOf.",
            "branch",
            multiple_of_changed,
            "integer",
            "number",
        ),
        _rule(
            "MULTIPLE_OF_UNDECIDED",
            "Checks that a multipleOf change could be decided.",
            "branch",
            multiple_of_undecided,
            "integer",
            "number",
        ),
        _rule(
            "STRING_MIN_LENGTH_RAISED",
            "Checks that minLength of strings is not raised.",
            "branch",
            string_min_length_raised,
            "string",
        ),
        _rule(
            "STRING_MAX_LENGTH_LOWERED",
            "Checks that maxLength of strings is not lowered or added.",
            "branch",
            string_max_length_lowered,
            "string",
        ),
        _rule(
            "PATTERN_ADDED",
            "Checks that no pattern is added to strings that had none.",
            "branch",
            pattern_added,
            "string",
        ),
        _rule(
            "PATTERN_CHANGED",
            "Checks that a changed pattern still accepts the strings the old one did.",
            "branch",
            pattern_changed,
            "string",
        ),
        _rule(
            "PATTERN_UNDECIDED",
            "Checks that a new pattern could be compared with the old strings.",
            "branch",
            pattern_undecided,
            "string",
        ),
        _rule(
            "PATTERN_PROPERTIES_UNDECIDED",
            "Checks that patternProperties keys join into one pattern for additionalProperties.",
            "branch",
            pattern_properties_unjoinable,
            "object",
        ),
        _rule(
            "ARRAY_MIN_ITEMS_RAISED",
            "Checks that minItems of arrays is not raised.",
            "branch",
            array_min_items_raised,
            "array",
        ),
        _rule(
            "ARRAY_MAX_ITEMS_LOWERED",
            "Checks that maxItems of arrays is not lowered or added.",
            "branch",
            array_max_items_lowered,
            "array",
        ),
        _rule(
            "ARRAY_UNIQUE_ITEMS_ADDED",
            "Checks that uniqueItems is not added to arrays that allowed duplicates.",
            "branch",
            array_unique_items_added,
            "array",
        ),
        _rule(
            "ARRAY_CONTAINS_ADDED",
            "Checks that a contains constraint does not reject old arrays.",
            "branch",
            array_contains_added,
            "array",
        ),
        _rule(
            "CONTAINS_UNDECIDED",
            "Checks that a contains change could be decided.",
            "branch",
            contains_undecided,
            "array",
        ),
        _rule(
            "PROPERTY_REQUIRED_ADDED",
            "Checks that no property becomes required.",
            "branch",
            property_required_added,
            "object",
        ),
        _rule(
            "OBJECT_MIN_PROPERTIES_RAISED",
            "Checks that minProperties is not raised.",
            "branch",
            object_min_properties_raised,
            "object",
        ),
        _rule(
            "OBJECT_MAX_PROPERTIES_LOWERED",
            "Checks that maxProperties is not lowered or added.",
            "branch",
            object_max_properties_lowered,
            "object",
        ),
        _rule(
            "DEPENDENT_REQUIRED_ADDED",
            "Checks that no property becomes required in the presence of another.",
            "branch",
            dependent_required_added,
            "object",
        ),
        _rule(
            "NOT_ADDED",
            "Checks that a not constraint does not exclude an old value.",
            "branch",
            not_added,
        ),
        _rule(
            "NOT_UNDECIDED",
            "Checks that a not constraint could be compared with the old schema.",
            "branch",
            not_undecided,
        ),
        _rule(
            "CONDITION_TIGHTENED",
            "Checks that every old instance meets the then (or else) of each new if/then/else.",
            "branch",
            condition_tightened,
        ),
        _rule(
            "DEPENDENT_SCHEMA_TIGHTENED",
            "Checks that every old object with a name meets the new dependent schema of it.",
            "branch",
            dependent_schema_tightened,
            "object",
        ),
        _rule(
            "KEYWORD_UNDECIDED",
            "Checks that the new side uses only keywords the checker models (or is unchanged).",
            "branch",
            keyword_undecided,
            sides=lexical_integer_undecided,
        ),
        _rule(
            "UNION_UNDECIDED",
            "Checks that each old branch is covered by one new branch or has a counterexample.",
            "union",
            union_undecided,
        ),
        _rule(
            "ONE_OF_UNDECIDED",
            "Checks that the branches of a new oneOf are provably disjoint.",
            "caveat",
            one_of_undecided,
        ),
        _rule(
            "COMPLEXITY_UNDECIDED",
            "Checks that a schema's normal form stays small enough to compare.",
            "caveat",
            complexity_undecided,
        ),
        _rule(
            "PROPERTY_REMOVED",
            "Checks that a property the old schema allowed is not forbidden.",
            "property",
            property_removed,
        ),
        _rule(
            "ADDITIONAL_PROPERTIES_CLOSED",
            "Checks that property names outside properties stay allowed.",
            "other",
            additional_properties_closed,
        ),
        _rule(
            "PROPERTY_NAMES_NARROWED",
            "Checks that every property name of a closed old object passes the new propertyNames.",
            "names",
            property_names_narrowed,
        ),
        _rule(
            "OLD_SCHEMA_EMPTY",
            "Checks whether the contained side accepts nothing, which makes the verdict trivial.",
            "root",
            old_schema_empty,
            breaking=False,
        ),
    )
}


#: rules_for's answers: the walker asks the same few questions thousands of times per check
_RULES_FOR: dict[tuple[str, str | None], tuple[Rule, ...]] = {}


def rules_for(scope: str, kind: str | None = None) -> tuple[Rule, ...]:
    """The rules the walker calls at ``scope`` for a branch of ``kind``, in table order."""
    found = _RULES_FOR.get((scope, kind))
    if found is None:
        found = tuple(
            rule
            for rule in RULES.values()
            if rule.scope == scope and (not rule.kinds or kind in rule.kinds)
        )
        _RULES_FOR[scope, kind] = found
    return found


__all__ = [
    "RULES",
    "Change",
    "Context",
    "Handler",
    "Pair",
    "Rule",
    "Sides",
    "SidesHandler",
    "Within",
    "rules_for",
]
