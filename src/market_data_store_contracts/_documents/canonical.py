"""RFC 8785 (JSON Canonicalization Scheme) and the two digests of a published schema.

The canonical form is what any language can recompute: object members sorted by the UTF-16
code units of their names, no whitespace, strings escaped as ECMAScript's ``JSON.stringify``
does, numbers printed as ECMAScript's ``Number.prototype.toString`` prints an IEEE 754 double,
UTF-8 bytes. It is small enough to write here instead of adding a dependency to the package.

``sha256`` hashes the schema as published. ``sha256_semantic`` hashes it after removing the
keywords that only document (:data:`DOC_KEYWORDS` and every ``x-*`` extension), found only
where a keyword can stand, never in property names or instance data (``enum``, ``const``,
``default``): the same ``sha256_semantic`` means the same instances are valid and the same
defaults apply. ``default`` is an annotation in 2020-12, but consumers fill missing fields from
it (``source`` is ``"store"`` when absent), so changing it changes what an event means: it stays.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from .keywords import DOC_KEYWORDS, strip_keywords

__all__ = [
    "DOC_KEYWORDS",
    "canonical_json",
    "sha256",
    "sha256_semantic",
]

# DOC_KEYWORDS (from .keywords) are ignored by ``sha256_semantic``, with every ``x-*``;
# ``default`` is kept: it changes the generated code.


def _number(value: float) -> str:
    """``value`` as ECMAScript's ``Number.prototype.toString`` prints it (ECMA-262 6.1.6.1.20)."""
    if not math.isfinite(value):
        raise ValueError(f"{value!r} has no JSON form (RFC 8785 section 3.2.2.3)")
    if value == 0:
        return "0"  # also for -0.0
    sign = "-" if value < 0 else ""
    # repr() gives the shortest digits that round-trip, which is what ECMAScript requires;
    # value = 0.d1d2...dk * 10**n.
    parts = Decimal(repr(abs(value))).normalize().as_tuple()
    digits = "".join(map(str, parts.digits))
    k = len(digits)
    n = int(parts.exponent) + k
    if k <= n <= 21:
        text = digits + "0" * (n - k)
    elif 0 < n <= 21:
        text = f"{digits[:n]}.{digits[n:]}"
    elif -6 < n <= 0:
        text = "0." + "0" * -n + digits
    else:
        shift = n - 1
        mark = "+" if shift >= 0 else "-"
        head = digits if k == 1 else f"{digits[0]}.{digits[1:]}"
        text = f"{head}e{mark}{abs(shift)}"
    return sign + text


def _string(value: str) -> str:
    # json.dumps escapes exactly what JSON.stringify escapes: '"', '\\', the short forms
    # \b \t \n \f \r and \u00xx (lower case hex) for the other controls; nothing else.
    return json.dumps(value, ensure_ascii=False)


def _utf16_key(name: str) -> bytes:
    return name.encode("utf-16-be", "surrogatepass")


def _scalar(value: Any) -> str:
    if value is None:
        return "null"
    if value is True:
        return "true"
    if value is False:
        return "false"
    if isinstance(value, int):
        try:
            double = float(value)
        except OverflowError:
            double = math.inf
        if double != value:  # the number would change on its way through a double
            raise ValueError(f"integer {value} is not exactly representable as an IEEE 754 double")
        return _number(double)
    if isinstance(value, float):
        return _number(value)
    if isinstance(value, str):
        return _string(value)
    raise TypeError(f"{type(value).__name__} is not a JSON value")


def _serialize(value: Any) -> Iterator[str]:
    if isinstance(value, list | tuple):
        yield "["
        for index, item in enumerate(value):
            if index:
                yield ","
            yield from _serialize(item)
        yield "]"
    elif isinstance(value, dict):
        for name in value:
            if not isinstance(name, str):
                raise TypeError(f"object member names must be strings, got {name!r}")
        yield "{"
        for index, name in enumerate(sorted(value, key=_utf16_key)):
            if index:
                yield ","
            yield _string(name)
            yield ":"
            yield from _serialize(value[name])
        yield "}"
    else:
        yield _scalar(value)


def canonical_json(value: Any) -> bytes:
    """The RFC 8785 canonical form of a JSON value, as UTF-8 bytes.

    Raises ``ValueError`` for NaN, infinities, integers beyond 2**53 and lone surrogates,
    ``TypeError`` for anything that is not JSON.
    """
    try:
        return "".join(_serialize(value)).encode("utf-8")
    except UnicodeEncodeError as error:
        raise ValueError(f"a string holds a lone surrogate: {error.reason}") from None


def sha256(schema: Any) -> str:
    """Hex SHA-256 of the RFC 8785 form of ``schema``: changes with any byte of meaning or docs."""
    return hashlib.sha256(canonical_json(schema)).hexdigest()


def sha256_semantic(schema: Any) -> str:
    """Hex SHA-256 of ``schema`` without its documentation keywords: changes only when what
    the schema accepts, or a default, changes."""
    return sha256(strip_keywords(schema, DOC_KEYWORDS, extensions=True))
