"""A module's names loaded on first use (PEP 562), each from the module that defines it."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any

__all__ = ["lazy_names"]


def _import(home: str, package: str, name: str) -> ModuleType:
    return importlib.import_module(home, package)


def lazy_names(
    module: str,
    namespace: dict[str, Any],
    homes: Mapping[str, str],
    load: Callable[[str, str, str], ModuleType] = _import,
) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``__getattr__`` and ``__dir__`` for ``module``, whose globals are ``namespace``: a name
    of ``homes`` is taken from its home module (relative to ``module`` where it starts with a
    dot) when first asked for, and kept in ``namespace`` from then on. ``load(home, module,
    name)`` imports a home; by default it is ``importlib.import_module``."""

    def __getattr__(name: str) -> Any:
        home = homes.get(name)
        if home is None:
            raise AttributeError(f"module {module!r} has no attribute {name!r}")
        value = getattr(load(home, module, name), name)
        namespace[name] = value
        return value

    def __dir__() -> list[str]:
        return sorted({*namespace, *namespace["__all__"]})

    return __getattr__, __dir__
