"""Throw-away copies of this checkout, edited as a person would, and the gate run on them."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = Path("src/market_data_store_contracts")
STORE_EVENT = "schemas/store/feedback_event.json"


def copy_checkout(tmp_path: Path) -> Path:
    root = tmp_path / "checkout"
    ignore = shutil.ignore_patterns("__pycache__")
    root.mkdir()
    shutil.copy(ROOT / "pyproject.toml", root)
    for folder in ("schemas", "codegen", PACKAGE / "_generated", PACKAGE / "schemas" / "bundle"):
        shutil.copytree(ROOT / folder, root / folder, ignore=ignore)
    return root


def _cli(*commands: list[str], cache: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run ``store-contracts`` commands in one fresh process: the output and exit code of the
    last one (the ones before must succeed quietly). The gate's cache goes to ``cache`` (by
    default beside the checkout in the first command, so that tests never share one)."""
    if cache is None:
        cache = Path(commands[0][commands[0].index("--root") + 1]).parent / "cache"
    script = (
        "import io, sys\n"
        "from market_data_store_contracts.cli import run\n"
        "commands = " + repr([list(c) for c in commands]) + "\n"
        "for command in commands[:-1]:\n"
        "    out, err = io.StringIO(), io.StringIO()\n"
        "    code = run(command, out, err)\n"
        "    if code:\n"
        "        sys.exit(f'{command} exited {code}: {err.getvalue()}')\n"
        "sys.exit(run(commands[-1], sys.stdout, sys.stderr))\n"
    )
    return subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONPATH": "", "XDG_CACHE_HOME": str(cache)},
        timeout=300,
    )


def gate(
    root: Path, *options: str, generate: bool = False, cache: Path | None = None
) -> tuple[int, dict[str, Any]]:
    """The gate's exit code and JSON report on ``root`` (after ``make generate`` if asked)."""
    before = [["generate", "--root", str(root)]] if generate else []
    result = _cli(
        *before, ["check", "--root", str(root), "--format", "json", *options], cache=cache
    )
    assert result.stderr == ""
    report = json.loads(result.stdout)
    # Any supported Core may run these tests: when it is another release than the snapshot's,
    # the gate adds one info note saying so. It is pinned by test_this_checkout_is_clean; the
    # cases here are about the other findings.
    other_release = report["core_version"] != report["snapshot_core_version"]
    report["findings"] = [
        finding
        for finding in report["findings"]
        if not (other_release and finding["code"] == "CORE_VERSION_CHANGED")
    ]
    return result.returncode, report


def release(root: Path) -> subprocess.CompletedProcess[str]:
    return _cli(["release", "--root", str(root)])


def edit_json(path: Path, edit: Callable[[Any], Any]) -> None:
    document = json.loads(path.read_text())
    edit(document)
    path.write_text(json.dumps(document, indent=2))


def set_version(root: Path, version: str) -> None:
    pyproject = root / "pyproject.toml"
    text, count = re.subn(
        r'(?m)^version = "[^"]*"$', f'version = "{version}"', pyproject.read_text(), count=1
    )
    assert count == 1
    pyproject.write_text(text)


def add_to_policy(root: Path, toml: str) -> None:
    """Append ``toml`` (tables under ``[tool.market-data-store-contracts]``) to pyproject."""
    pyproject = root / "pyproject.toml"
    pyproject.write_text(pyproject.read_text() + "\n" + toml.strip() + "\n")


def codes(report: dict[str, Any]) -> list[str]:
    return sorted(finding["code"] for finding in report["findings"])
