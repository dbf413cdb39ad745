"""``market_data_store_contracts.schemas``: ``index()`` and ``load()`` over the packaged files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from market_data_store_contracts import schemas


def test_the_public_names_are_exactly_all() -> None:
    assert schemas.__all__ == ["UnknownSchemaError", "index", "load"]
    assert sorted(name for name in vars(schemas) if not name.startswith("_")) == sorted(
        schemas.__all__
    )


def test_load_returns_what_the_index_points_at(bundle_dir: Path) -> None:
    entries = schemas.index()
    assert len(entries) == 6
    for entry in entries:
        on_disk = json.loads((bundle_dir / entry["file"]).read_text(encoding="utf-8"))
        assert schemas.load(entry["name"]) == on_disk
        assert on_disk["$id"] == entry["$id"]
        assert on_disk["title"] == entry["title"]


def test_load_gives_a_fresh_copy_each_time() -> None:
    first = schemas.load("store.FeedbackEvent")
    first["properties"].clear()
    assert "reason" in schemas.load("store.FeedbackEvent")["properties"]


def test_an_unknown_name_is_a_key_error_that_lists_the_valid_names() -> None:
    with pytest.raises(KeyError) as raised:
        schemas.load("FeedbackEvent")
    assert isinstance(raised.value, schemas.UnknownSchemaError)
    assert str(raised.value) == (
        "no published schema named 'FeedbackEvent'; valid names: core.BackpressureLevel, "
        "core.FeedbackEvent, core.HealthComponent, core.HealthStatus, core.Probe, "
        "store.FeedbackEvent (did you mean 'core.FeedbackEvent' or 'store.FeedbackEvent'?)"
    )
    with pytest.raises(schemas.UnknownSchemaError, match=r"'store\.Nope'; valid names: core\."):
        schemas.load("store.Nope")


def test_importing_the_schemas_api_loads_no_validator_or_generator() -> None:
    code = (
        "import sys, market_data_store_contracts.schemas as s; s.load('store.FeedbackEvent'); "
        "print(sorted(m for m in ('jsonschema', 'datamodel_code_generator', 'hypothesis', "
        "'referencing') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"
