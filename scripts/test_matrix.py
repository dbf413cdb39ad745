"""Run the test suite on the oldest and the newest dependency sets the package declares.

Usage: ``python scripts/test_matrix.py [SET ...] [-- PYTEST_ARGS ...]`` (``make test-matrix``).

Each set gets its own virtualenv under ``.venv-matrix/<set>``, rebuilt when ``pyproject.toml``
or the set's definition changes; the suite then runs with that venv's Python. A set whose Python
is not installed is reported as skipped, never as passed. Prints one line per set (installed
versions, passed, failed, skipped, seconds) and exits 1 if any set failed.
"""

from __future__ import annotations

import glob
import hashlib
import json
import os
import shutil
import subprocess
import sys
import time
import tomllib
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MATRIX = ROOT / ".venv-matrix"


@dataclass(frozen=True)
class Set:
    """One supported dependency set: a Python, pins on top of the package, the extras."""

    name: str
    python: str
    pins: tuple[str, ...]
    extras: str
    purpose: str


SETS = (
    Set(
        "oldest",
        "3.11",
        ("pydantic==2.7.*", "market-data-core==1.2.0"),
        "compat,test",
        "the floors of the models and the checker; the generator needs Pydantic >= 2.8.2, "
        "so its tests skip",
    ),
    Set(
        "codegen-floor",
        "3.11",
        ("pydantic==2.8.2", "market-data-core==1.2.0"),
        "tools,test",
        "the oldest set with every tool installed",
    ),
    Set(
        "newest",
        "3.11",
        ("pydantic", "market-data-core==1.4.61"),
        "tools,test",
        "the latest Pydantic with the latest Core",
    ),
    Set(
        "py313",
        "3.13",
        ("pydantic", "market-data-core==1.4.61"),
        "tools,test",
        "the newest set on Python 3.13",
    ),
)


def find_python(version: str) -> str | None:
    """An interpreter of ``version``: on PATH, or installed by pyenv."""
    candidates = [shutil.which(f"python{version}")]
    candidates += sorted(
        glob.glob(os.path.expanduser(f"~/.pyenv/versions/{version}.*/bin/python{version}"))
    )
    for candidate in candidates:
        if not candidate:
            continue
        probe = subprocess.run(
            [candidate, "-c", "import sys; print(sys.version_info[:2])"],
            capture_output=True,
            text=True,
            check=False,
        )
        if probe.returncode == 0:
            return candidate
    return None


def declared(extras: str) -> str:
    """The requirements a set installs from ``pyproject.toml``: the base and its extras,
    following extras that name other extras of this package."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    optional: dict[str, list[str]] = project["optional-dependencies"]
    found: list[str] = list(project["dependencies"])
    pending, seen = extras.split(","), set()
    while pending:
        extra = pending.pop()
        if extra in seen:
            continue
        seen.add(extra)
        for requirement in optional[extra]:
            if requirement.startswith(f"{project['name']}["):
                pending += requirement.partition("[")[2].rstrip("]").split(",")
            else:
                found.append(requirement)
    return json.dumps(sorted(found))


def ensure_venv(spec: Set, python: str) -> Path:
    venv = MATRIX / spec.name
    key = hashlib.sha256(f"{declared(spec.extras)}{spec!r}{python}".encode()).hexdigest()
    stamp = venv / ".installed"
    if stamp.is_file() and stamp.read_text() == key:
        return venv
    shutil.rmtree(venv, ignore_errors=True)
    subprocess.run([python, "-m", "venv", str(venv)], check=True)
    pip = [str(venv / "bin" / "python"), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, "--upgrade", "pip"], check=True)
    subprocess.run(
        [*pip, "--upgrade", "-e", f"{ROOT}[{spec.extras}]", *spec.pins], check=True, cwd=ROOT
    )
    stamp.write_text(key)
    return venv


def versions(venv: Path) -> str:
    code = (
        "import sys, json; from importlib import metadata as m; "
        "names = ['pydantic', 'market-data-core', 'datamodel-code-generator'];"
        "found = {}\n"
        "for n in names:\n"
        "    try: found[n] = m.version(n)\n"
        "    except m.PackageNotFoundError: found[n] = None\n"
        "found['python'] = '.'.join(map(str, sys.version_info[:3])); print(json.dumps(found))"
    )
    out = subprocess.run(
        [str(venv / "bin" / "python"), "-c", code], capture_output=True, text=True, check=True
    )
    found = json.loads(out.stdout)
    return ", ".join(f"{name} {version}" for name, version in found.items() if version is not None)


def run_set(spec: Set, pytest_args: list[str]) -> tuple[str, bool]:
    python = find_python(spec.python)
    if python is None:
        return f"{spec.name}: skipped (no Python {spec.python} on this machine)", True
    venv = ensure_venv(spec, python)
    report = venv / "junit.xml"
    started = time.monotonic()
    result = subprocess.run(
        [
            str(venv / "bin" / "python"),
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            f"--junitxml={report}",
            # xunit2 refuses the statistics the property tests record with record_property
            "-o",
            "junit_family=xunit1",
            *pytest_args,
        ],
        cwd=ROOT,
        check=False,
    )
    elapsed = time.monotonic() - started
    suite = ET.parse(report).getroot()
    suite = suite if suite.tag == "testsuite" else suite[0]
    total = int(suite.get("tests", 0))
    failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    skipped = int(suite.get("skipped", 0))
    passed = total - failed - skipped
    line = (
        f"{spec.name} ({versions(venv)}): {passed} passed, {failed} failed, "
        f"{skipped} skipped, {elapsed:.0f} s"
    )
    return line, result.returncode == 0


def main(argv: list[str]) -> int:
    names, _, pytest_args = (
        (argv[: argv.index("--")], None, argv[argv.index("--") + 1 :])
        if "--" in argv
        else (argv, None, [])
    )
    unknown = sorted(set(names) - {spec.name for spec in SETS})
    if unknown:
        sys.stderr.write(
            f"test_matrix: unknown set {unknown[0]!r}; the sets are "
            f"{', '.join(spec.name for spec in SETS)}\n"
        )
        return 2
    chosen = [spec for spec in SETS if not names or spec.name in names]
    lines: list[str] = []
    ok = True
    for spec in chosen:
        print(f"== {spec.name}: {spec.purpose}", flush=True)
        line, passed = run_set(spec, pytest_args)
        lines.append(line)
        ok = ok and passed
    print("\n".join(["", "test matrix:", *(f"  {line}" for line in lines)]))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
