"""``store-contracts consumers add NAME --contract C --reader SOURCE``: declare a consumer in
one command.

The reader is copied into ``schemas/consumers/NAME/`` (a file as it is; a ``python:`` model
resolved once into its validation-mode JSON Schema, so the gate needs no consumer's package
installed), ``origin.json`` beside it records where it came from and its sha256, and the
declaration is appended to ``pyproject.toml``. Everything is checked before anything is written:
the name, the contract, the reader (it must be a schema the checker reads). Nothing is fetched.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import tempfile
import tomllib
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from .._documents.io import dump_json, load_json, parse_json, write_atomic
from ..errors import ContractsError
from ._consumers import judge, writers
from ._declarations import PYTHON, Consumer, parse_consumers, python_reader, with_dialect
from ._frozen import Bundle
from ._policy import TABLE

__all__ = ["ORIGIN", "Added", "add_consumer", "consumers_dir"]

#: The file beside a recorded reader that says where it came from.
ORIGIN = "origin.json"


def consumers_dir(project: Any) -> Path:
    return Path(project.root) / "schemas" / "consumers"


@dataclass(frozen=True)
class Added:
    consumer: Consumer
    #: The recorded reader, relative to the checkout.
    reader: str
    sha256: str
    #: Its state against what the Store publishes now.
    state: str


def add_consumer(
    project: Any,
    bundle: Bundle,
    entry: dict[str, str],
    source: str,
) -> Added:
    """Record the reader ``source`` (a file, or ``python:module:Attr``) and declare ``entry``
    (name, contract and the optional keys; ``reader`` is filled in here)."""
    pyproject_text = project.pyproject.read_text(encoding="utf-8")
    file = project.relative(project.pyproject)
    settings = _toml(pyproject_text, file)
    parse_consumers(settings, file, bundle.entries)  # the declarations there are sound
    name = entry["name"]
    folder = consumers_dir(project) / name
    filename = _filename(source)
    declared = {**entry, "reader": project.relative(folder / filename)}
    text = pyproject_text.rstrip("\n") + "\n\n" + _declaration(declared)
    consumers = parse_consumers(_toml(text, file), file, bundle.entries)
    consumer = consumers[-1]
    if folder.exists():
        raise ContractsError(
            project.relative(folder),
            f"consumer {name!r}: the folder already exists",
            hint="remove it, or choose another name",
            document=False,
        )
    content, origin = _resolve(source, name, Path(project.root))
    reader = with_dialect(consumer, source, parse_json(content, source))
    verdicts = {
        judge(consumer, source, reader, w).verdict for w in writers(project, consumer, bundle, [])
    }
    digest = hashlib.sha256(content).hexdigest()
    _write_folder(folder, {filename: content, ORIGIN: _origin(origin, filename, digest)})
    try:
        write_atomic(project.pyproject, text)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    state = next((state for verdict, state in _STATES if verdict in verdicts), "ok")
    return Added(consumer, project.relative(folder / filename), digest, state)


#: a reading's verdict -> the consumer's state, the worst first
_STATES = (("incompatible", "broken"), ("undecided", "undecided"))


def _toml(text: str, file: str) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ContractsError(file, f"cannot be read as TOML: {error}") from None


def _declaration(entry: dict[str, str]) -> str:
    """One ``[[...consumers]]`` table; every value a TOML basic string (JSON's escapes are
    TOML's)."""
    order = ("name", "contract", "reader", "owner", "since", "dialect")
    lines = [f"[[tool.{TABLE}.consumers]]"]
    lines += [f"{key} = {json.dumps(entry[key])}" for key in order if key in entry]
    return "\n".join(lines) + "\n"


def _filename(source: str) -> str:
    """The reader's file name in the consumer's folder."""
    if source.startswith(PYTHON):
        return f"{_snake(source.rpartition(':')[2].rpartition('.')[2])}.json"
    name = Path(source).name
    return name if name.endswith(".json") else f"{name}.json"


def _resolve(source: str, name: str, root: Path) -> tuple[bytes, dict[str, Any]]:
    """The reader's bytes and its origin (a file in the checkout is named relative to it,
    any other as given)."""
    lead = f"consumer {name!r}: "
    if source.startswith(PYTHON):
        try:
            document = python_reader(source)
        except ContractsError as error:
            raise ContractsError(source, lead + error.message, document=False) from None
        origin: dict[str, Any] = {"source": source}
        distribution = _distribution(source.removeprefix(PYTHON).partition(":")[0])
        if distribution is not None:
            origin["distribution"] = distribution
        return dump_json(document).encode(), origin
    path = Path(source)
    if not path.is_file():
        raise ContractsError(source, lead + "the reader is not a file", document=False)
    load_json(path, source)  # JSON, or one line saying why not
    try:
        shown = path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        shown = source
    return path.read_bytes(), {"source": shown}


def _origin(origin: dict[str, Any], filename: str, digest: str) -> bytes:
    return dump_json({**origin, "reader": filename, "sha256": digest}).encode()


def _distribution(module: str) -> str | None:
    """``name version`` of the installed distribution that provides ``module``, if known."""
    top = module.partition(".")[0]
    names = metadata.packages_distributions().get(top, [])
    if not names:
        return None
    return f"{names[0]} {metadata.version(names[0])}"


def _snake(name: str) -> str:
    return re.sub(r"(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def _write_folder(folder: Path, files: dict[str, bytes]) -> None:
    """Create ``folder`` with ``files`` at once: written into a staging folder, renamed."""
    folder.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{folder.name}.", dir=folder.parent))
    try:
        for filename, content in files.items():
            (staging / filename).write_bytes(content)
        os.rename(staging, folder)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
