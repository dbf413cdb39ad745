"""Write what the installed Pydantic emits for Core's snapshotted contracts, unnormalised.

Usage: ``python scripts/capture_core_schemas.py > tests/fixtures/core_schemas/pydantic-X.Y.Z.json``
run with a Python where the wanted Pydantic and Core are installed. The tests check that every
capture normalises to the same snapshot and bundle bytes.
"""

from __future__ import annotations

import json
import sys
import tomllib
import warnings
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    settings = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    table = settings["tool"]["market-data-store-contracts"]
    sys.path[:0] = [str(ROOT), str(ROOT / "src")]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # Core's class-based config warns on import
        from codegen._snapshot import live_schema

        module = table["core-module"]
        schemas = {name: live_schema(module, name) for name in table["core-contracts"]}
    captured = {
        "pydantic": metadata.version("pydantic"),
        "market-data-core": metadata.version("market-data-core"),
        "schemas": schemas,
    }
    sys.stdout.write(json.dumps(captured, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
