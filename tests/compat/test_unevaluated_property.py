"""The static reading of ``unevaluatedProperties``/``unevaluatedItems`` is an equivalence.

Random schemas put ``unevaluated*`` beside and under ``allOf``, ``$ref``, ``properties``,
``patternProperties``, ``additionalProperties``, ``prefixItems``, ``items`` (in 2019-09 the
array form and ``additionalItems``), and beside what keeps them undecided (``anyOf``,
``oneOf``, ``if``/``then``/``else``, ``dependentSchemas``, ``contains``, ``not``). For every
random instance, ``jsonschema`` must give the document as written (in its own dialect) and the
rewritten 2020-12 translation the same verdict: the rewrite may neither add nor drop an
instance. Every pointer of the rewritten translation must also lead back to a place in the
document as written.

CI runs 200 schemas with 40 instances each; ``HYPOTHESIS_PROFILE=deep`` 20 times as many
schemas.
"""

from __future__ import annotations

from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft201909Validator, Draft202012Validator

from market_data_store_contracts._documents.keywords import resolve_pointer, walk
from market_data_store_contracts.compat._reading import read_document
from market_data_store_contracts.compat._unevaluated import rewrite_unevaluated

from . import _fuzz

_SETTINGS = _fuzz.fuzz_settings(
    {"ci": 200, "deep": 4_000}, (HealthCheck.too_slow, HealthCheck.data_too_large)
)

_NAMES = ["a", "b", "xa", "xb", "c"]
_PATTERNS = ["^x", "a$", "^c"]
_LEAVES: list[Any] = [
    True,
    False,
    {},
    {"type": "string"},
    {"type": "integer"},
    {"const": 0},
    {"type": ["string", "null"]},
]
_DEFS = ["D0", "D1", "D2"]


def _leaf() -> st.SearchStrategy[Any]:
    return st.sampled_from(_LEAVES)


@st.composite
def _node(draw: st.DrawFn, depth: int, refs: list[str], static: bool) -> Any:
    """A schema object; ``refs``: the ``$defs`` it may name (never itself: no cycles);
    ``static``: whether to keep to allOf/$ref (most nodes) or use every applicator."""
    node: dict[str, Any] = {}
    sub = (lambda: _node(depth - 1, refs, static)) if depth > 0 else _leaf
    keywords = [
        "properties", "patternProperties", "additionalProperties", "prefixItems", "items",
        "allOf", "allOf", "$ref", "unevaluatedProperties", "unevaluatedProperties",
        "unevaluatedItems", "unevaluatedItems", "required", "not", "type",
    ]  # fmt: skip
    if not static:
        keywords += ["anyOf", "oneOf", "if", "then", "else", "dependentSchemas", "contains"]
    chosen = draw(st.lists(st.sampled_from(keywords), max_size=4, unique=True))
    for keyword in chosen:
        if keyword == "properties":
            names = draw(st.lists(st.sampled_from(_NAMES), min_size=1, max_size=3, unique=True))
            node[keyword] = {name: draw(sub()) for name in names}
        elif keyword == "patternProperties":
            patterns = st.lists(st.sampled_from(_PATTERNS), min_size=1, max_size=2, unique=True)
            node[keyword] = {pattern: draw(_leaf()) for pattern in draw(patterns)}
        elif keyword in {"prefixItems", "allOf", "anyOf", "oneOf"}:
            node[keyword] = draw(st.lists(sub(), min_size=1, max_size=3))
        elif keyword == "dependentSchemas":
            node[keyword] = {draw(st.sampled_from(_NAMES)): draw(sub())}
        elif keyword == "$ref" and refs:
            node[keyword] = "#/$defs/" + draw(st.sampled_from(refs))
        elif keyword == "required":
            node[keyword] = draw(st.lists(st.sampled_from(_NAMES), max_size=2, unique=True))
        elif keyword == "type":
            node[keyword] = draw(st.sampled_from(["object", "array", ["object", "array"]]))
        elif keyword in {"not", "if", "then", "else"}:
            node[keyword] = draw(sub())
        elif keyword != "$ref":  # additionalProperties, items, contains, unevaluated*
            node[keyword] = draw(_leaf()) if draw(st.booleans()) else draw(sub())
    return node


@st.composite
def _document(draw: st.DrawFn) -> Any:
    static = draw(st.integers(0, 3)) > 0
    defs = {name: draw(_node(1, _DEFS[index + 1 :], static)) for index, name in enumerate(_DEFS)}
    root = draw(_node(2, _DEFS, static))
    # named, so that keywords beside a $ref are not ambiguous
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", **root, "$defs": defs}


_VALUES: list[Any] = [None, 0, 1, "s", True, [], {}]


def _instances() -> st.SearchStrategy[Any]:
    value = st.sampled_from(_VALUES)
    obj = st.dictionaries(st.sampled_from([*_NAMES, "zz", "xz"]), value, max_size=4)
    arr = st.lists(st.one_of(value, obj), max_size=4)
    nested = st.dictionaries(st.sampled_from(_NAMES), st.one_of(value, obj, arr), max_size=3)
    return st.one_of(obj, arr, nested, st.lists(arr, max_size=2), value)


def _to_2019_09(schema: Any) -> Any:
    """The same schema in 2019-09: ``prefixItems`` + ``items`` as array ``items`` +
    ``additionalItems``; ``$defs`` stays (2019-09 has it)."""
    if isinstance(schema, list):
        return [_to_2019_09(item) for item in schema]
    if not isinstance(schema, dict):
        return schema
    out = {key: _to_2019_09(value) for key, value in schema.items()}
    for keyword in ("properties", "patternProperties", "$defs", "dependentSchemas"):
        if keyword in schema:
            out[keyword] = {k: _to_2019_09(v) for k, v in schema[keyword].items()}
    if "prefixItems" in out:
        out["items"] = out.pop("prefixItems")
        if "items" in schema:
            out["additionalItems"] = _to_2019_09(schema["items"])
    for keyword in ("additionalProperties", "unevaluatedProperties"):
        # jsonschema 4.26 reads these, in a subschema under a 2019-09 unevaluatedProperties,
        # as maps of names (it evaluates the names a schema object has as keys), not as
        # schemas; only their boolean forms are read as the specification says
        if keyword in out and not isinstance(out[keyword], bool):
            out[keyword] = out[keyword] == {}
    if isinstance(out.get("items"), bool) and "additionalItems" not in out:
        # jsonschema 4.26 fails (len() of a bool) on a boolean 2019-09 items under
        # unevaluatedItems; the same meaning written as an object schema
        out["items"] = {} if out["items"] else {"not": {}}
    return out


def _rewritten(document: Any) -> tuple[Any, Any]:
    """The 2020-12 translation after the rewrite, and the translation object."""
    translation = read_document(document, "doc")
    rewrite_unevaluated({"urn:doc": translation}, "urn:doc")
    return translation.translated, translation


def _constraining(document: Any) -> int:
    """How many unevaluated* keywords of ``document`` may reject something."""
    return sum(
        1
        for _, node in walk(document)
        if isinstance(node, dict)
        for keyword in ("unevaluatedProperties", "unevaluatedItems")
        if node.get(keyword, True) not in (True, {})
    )


@_SETTINGS
@given(document=_document(), instances=st.lists(_instances(), min_size=40, max_size=40))
def test_the_rewrite_accepts_exactly_what_the_document_as_written_accepts(
    document: Any, instances: list[Any]
) -> None:
    for written, validator_class in (
        (document, Draft202012Validator),
        (
            {**_to_2019_09(document), "$schema": "https://json-schema.org/draft/2019-09/schema"},
            Draft201909Validator,
        ),
    ):
        translated, translation = _rewritten(written)
        original = validator_class(written)
        rewritten = Draft202012Validator(translated)
        for instance in instances:
            assert original.is_valid(instance) == rewritten.is_valid(instance), (
                written,
                translated,
                instance,
            )
        for pointer, _ in walk(translated):
            resolve_pointer(written, translation.original_pointer(pointer))


def test_the_generated_schemas_exercise_rewrites_and_undecided_ones() -> None:
    """The property above is only as good as its schemas: most must rewrite something."""
    rewritten = kept = 0

    # a count over a sample, not a search: the same sample in every profile
    @settings(max_examples=200, derandomize=True)
    @given(document=_document())
    def count(document: Any) -> None:
        nonlocal rewritten, kept
        before = _constraining(document)
        translated, _ = _rewritten(document)
        after = _constraining(translated)
        rewritten += after < before
        kept += after > 0

    count()
    assert rewritten >= 50
    assert kept >= 5
