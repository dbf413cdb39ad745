"""Run the drift gate against every given release of market-data-core.

Usage: python scripts/core_history.py [VERSION ...]   (default: every release in >=1.2,<2)

Builds one throwaway virtualenv with this checkout installed, then for each version installs
that Core release into it and runs ``store-contracts check --format json``. Prints a Markdown
table (version, status, exit code, findings) and exits 1 if any release was not clean.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run(*argv: str | Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(a) for a in argv], capture_output=True, text=True, check=check)


def released_versions(python: Path) -> list[str]:
    listing = run(python, "-m", "pip", "index", "versions", "market-data-core").stdout
    match = re.search(r"Available versions: (.*)", listing)
    if match is None:
        sys.exit(f"cannot list market-data-core releases:\n{listing}")
    versions = [v.strip() for v in match.group(1).split(",")]
    in_range = [
        v for v in versions if v.startswith("1.") and tuple(map(int, v.split("."))) >= (1, 2)
    ]
    return sorted(in_range, key=lambda v: tuple(map(int, v.split("."))))


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="core-history-") as tmp:
        venv = Path(tmp) / "venv"
        run(sys.executable, "-m", "venv", venv)
        python = venv / "bin" / "python"
        run(python, "-m", "pip", "install", "--quiet", f"{ROOT}[tools]")
        versions = argv or released_versions(python)
        print("| market-data-core | status | exit | findings |\n|---|---|---|---|", flush=True)
        failures = 0
        for version in versions:
            run(python, "-m", "pip", "install", "--quiet", f"market-data-core=={version}")
            result = run(
                venv / "bin" / "store-contracts",
                "check",
                "--root",
                ROOT,
                "--format",
                "json",
                check=False,
            )
            try:
                report = json.loads(result.stdout)
            except json.JSONDecodeError:
                print(
                    f"| {version} | error | {result.returncode} | {result.stderr.strip()[:200]} |"
                )
                failures += 1
                continue
            codes = ", ".join(sorted({f["code"] for f in report["findings"]})) or "none"
            if report["core_version"] != version:
                codes += f" (installed {report['core_version']}!)"
            failures += report["status"] != "clean" or report["core_version"] != version
            print(f"| {version} | {report['status']} | {result.returncode} | {codes} |", flush=True)
        print(f"\n{len(versions)} releases, {len(versions) - failures} clean, {failures} not clean")
        return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
