"""Where things live in a checkout, read from ``pyproject.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from market_data_store_contracts.errors import ContractsError

DISTRIBUTION = "market-data-store-contracts"
PACKAGE = "market_data_store_contracts"

DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema"
CORE_ID_PREFIX = "urn:market-data:core:telemetry:"
STORE_ID_PREFIX = "urn:market-data:store:contracts:"


@dataclass(frozen=True)
class Project:
    """A checkout of this package: its schemas, its generated files and its settings."""

    root: Path
    core_module: str
    core_contracts: tuple[str, ...]

    @property
    def pyproject(self) -> Path:
        return self.root / "pyproject.toml"

    @property
    def core_schemas(self) -> Path:
        """The Core snapshot: written only by the generator."""
        return self.root / "schemas" / "core"

    @property
    def store_schemas(self) -> Path:
        """The Store's own declarations: written by people."""
        return self.root / "schemas" / "store"

    @property
    def package_dir(self) -> Path:
        return self.root / "src" / PACKAGE

    @property
    def generated_models(self) -> Path:
        """Generated Python: written only by the generator."""
        return self.package_dir / "_generated"

    @property
    def bundle_dir(self) -> Path:
        """The published schema bundle: written only by the generator."""
        return self.package_dir / "schemas" / "bundle"

    def relative(self, path: Path) -> str:
        """``path`` as shown to users: relative to the checkout, with forward slashes."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    @classmethod
    def load(cls, root: Path) -> Project:
        pyproject = root / "pyproject.toml"
        try:
            settings = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except OSError:
            raise ContractsError(
                str(pyproject), "cannot be read", hint="run inside a checkout or pass --root"
            ) from None
        except tomllib.TOMLDecodeError as error:
            raise ContractsError(str(pyproject), f"is not TOML: {error}") from None
        if settings.get("project", {}).get("name") != DISTRIBUTION:
            raise ContractsError(
                str(pyproject), f"is not the pyproject of {DISTRIBUTION}", pointer="/project/name"
            )
        table = settings.get("tool", {}).get(DISTRIBUTION, {})
        module = table.get("core-module")
        contracts = table.get("core-contracts")
        if not isinstance(module, str):
            raise ContractsError(
                str(pyproject), "must name the Core module", f"/tool/{DISTRIBUTION}/core-module"
            )
        if not isinstance(contracts, list) or not all(isinstance(c, str) for c in contracts):
            raise ContractsError(
                str(pyproject),
                "must list the Core contracts to snapshot",
                f"/tool/{DISTRIBUTION}/core-contracts",
            )
        return cls(root=root, core_module=module, core_contracts=tuple(contracts))
