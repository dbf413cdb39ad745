"""Reading JSON documents with user-facing errors, and writing files atomically."""

from __future__ import annotations

import json
import math
import os
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ..errors import ContractsError

#: Documents larger than this are refused before parsing (a schema is a few KiB).
MAX_DOCUMENT_BYTES = 16 * 1024 * 1024
#: The argument that names standard input instead of a file.
STDIN = "-"
#: How standard input is named in messages.
STDIN_SHOWN = "<stdin>"


class WrittenFloat(float):
    """A JSON number written with a fraction or an exponent: the double Python's ``json`` makes
    of it (what ``jsonschema`` computes with), remembering the text it was written as (the
    decimal an arbitrary-precision reader computes with: ``9007199254740993.0`` is no double)."""

    written: str

    def __new__(cls, text: str) -> WrittenFloat:
        number = super().__new__(cls, text)
        number.written = text
        return number


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def load_json(path: Path | str, shown: str | None = None, *, written: bool = False) -> Any:
    """Read one JSON document, raising :class:`ContractsError` for any user mistake; errors
    name the file as ``shown`` (default: ``path`` as given). The string ``-`` reads standard
    input. ``written``: numbers with a fraction or exponent are read as
    :class:`WrittenFloat`."""
    if path == STDIN:
        return parse_json(_read_stdin(), STDIN_SHOWN if shown is None else shown, written=written)
    shown = str(path) if shown is None else shown
    path = Path(path)
    try:
        if path.is_dir():
            raise ContractsError(shown, "is a directory, not a JSON file", document=False)
        size = path.stat().st_size
        if size > MAX_DOCUMENT_BYTES:
            raise ContractsError(shown, _too_large(size))
        raw = path.read_bytes()
    except FileNotFoundError:
        raise ContractsError(shown, "no such file") from None
    except PermissionError:
        raise ContractsError(shown, "permission denied") from None
    except OSError as error:
        raise ContractsError(shown, f"cannot be read: {error.strerror or error}") from None
    return parse_json(raw, shown, written=written)


def _too_large(size: int | str) -> str:
    return f"is {size} bytes; documents over {MAX_DOCUMENT_BYTES} bytes (16 MiB) are refused"


def _read_stdin() -> bytes:
    raw: bytes = sys.stdin.buffer.read(MAX_DOCUMENT_BYTES + 1)
    if len(raw) > MAX_DOCUMENT_BYTES:
        raise ContractsError(STDIN_SHOWN, _too_large(f"more than {MAX_DOCUMENT_BYTES}"))
    return raw


def shown_name(argument: str) -> str:
    """How a file argument is named in messages: ``<stdin>`` for ``-``, else as given."""
    return STDIN_SHOWN if argument == STDIN else argument


def parse_json(raw: bytes, shown: str, *, written: bool = False) -> Any:
    """Parse JSON bytes that came from ``shown`` (a path or ``<stdin>``); ``written``: numbers
    with a fraction or exponent are read as
    :class:`WrittenFloat`."""
    if not raw.strip():
        raise ContractsError(shown, "is empty, expected a JSON document")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ContractsError(shown, f"is not UTF-8 (byte {error.start})") from None
    try:
        return json.loads(
            text, parse_constant=_reject_constant, parse_float=WrittenFloat if written else None
        )
    except json.JSONDecodeError as error:
        # json's own messages may end in "at" ("Unterminated string starting at").
        raise ContractsError(
            shown,
            f"is not JSON: {error.msg.removesuffix(' at')} at line {error.lineno} "
            f"column {error.colno}",
        ) from None
    except ValueError as error:  # NaN / Infinity, refused by _reject_constant
        raise ContractsError(shown, f"is not JSON: {error}") from None
    except RecursionError:
        raise ContractsError(shown, "is nested too deeply to read") from None


#: How JSON writes the numbers Python's ``json`` reads as infinities (beyond every double).
_INFINITIES = {math.inf: "1e400", -math.inf: "-1e400"}


def json_dumps(value: Any, **options: Any) -> str:
    """``json.dumps``, but an infinity (a witness read from the JSON text ``1e400``) is
    written as that text, never as ``Infinity``, which is no JSON."""
    text = json.dumps(value, allow_nan=True, **options)
    if "Infinity" not in text or not _has_infinity(value):
        return text
    # each infinity becomes a NUL-delimited marker string, replaced (with its quotes) after
    # encoding: the caller's options apply to everything else
    marked = json.dumps(_mark_infinities(value), **options)
    for infinity, written in _INFINITIES.items():
        marked = marked.replace(json.dumps(_marker(infinity)), written)
    return marked


def _marker(infinity: float) -> str:
    return f"\x00{'+' if infinity > 0 else '-'}infinity\x00"


def _has_infinity(value: Any) -> bool:
    if isinstance(value, float):
        return math.isinf(value)
    if isinstance(value, dict):
        return any(_has_infinity(item) for item in value.values())
    if isinstance(value, list | tuple):
        return any(_has_infinity(item) for item in value)
    return False


def _mark_infinities(value: Any) -> Any:
    if isinstance(value, float) and math.isinf(value):
        return _marker(value)
    if isinstance(value, dict):
        return {key: _mark_infinities(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_mark_infinities(item) for item in value]
    return value


def dump_json(document: Mapping[str, Any] | list[Any]) -> str:
    """The normal form of every JSON file this package writes: sorted keys, 2-space indent,
    real UTF-8, one trailing newline. Same document, same bytes."""
    return (
        json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False, allow_nan=False) + "\n"
    )


def stage(path: Path, text: str) -> Path:
    """Write ``text`` to a new temporary file beside ``path`` and return it: the first half of
    an atomic write, ``os.replace(staged, path)`` being the second. Nothing is left behind if
    writing fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return Path(tmp)


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file in the same folder and a rename,
    so a reader never sees a half-written file."""
    staged = stage(path, text)
    try:
        os.replace(staged, path)
    except BaseException:
        staged.unlink(missing_ok=True)
        raise
