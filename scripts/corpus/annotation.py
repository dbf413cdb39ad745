"""Family ``annotation``: keywords that assert nothing."""

from __future__ import annotations

from collections.abc import Iterator

from ._shared import NO_WITNESS, Base, Edit, _edit


def annotation_edits(b: Base) -> Iterator[Edit]:
    s = b.schema
    o, i = b.opt_prop, b.int_prop
    yield (
        "description-edited",
        s,
        _edit(s, lambda n: n.update(description="Reworded description.")),
        True,
        "a description is an annotation",
        NO_WITNESS,
    )
    yield (
        "title-and-examples-added",
        s,
        _edit(s, lambda n: n["properties"][i].update(title="Count", examples=[1, 2])),
        True,
        "title and examples are annotations",
        NO_WITNESS,
    )
    yield (
        "default-changed",
        s,
        _edit(s, lambda n: n["properties"][o].update(default="changed")),
        True,
        "default is an annotation",
        NO_WITNESS,
    )
    yield (
        "default-invalid-added",
        s,
        _edit(s, lambda n: n["properties"][i].update(default=-1)),
        True,
        "even a default that violates the schema asserts nothing",
        NO_WITNESS,
    )
    yield (
        "comment-and-read-only",
        s,
        _edit(
            s, lambda n: (n.update({"$comment": "v2"}), n["properties"][o].update(readOnly=True))
        ),
        True,
        "$comment and readOnly are annotations",
        NO_WITNESS,
    )
