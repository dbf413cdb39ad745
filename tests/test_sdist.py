"""The source distribution holds what its own tests need, and its license."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

pytestmark = [
    pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs a git checkout to compare"),
    pytest.mark.skipif(shutil.which("git") is None, reason="git is not on PATH"),
]


@pytest.fixture(scope="module")
def sdist(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sdist built by the project's own build backend, unpacked."""
    builders = pytest.importorskip("hatchling.builders.sdist", reason="needs hatchling (dev)")
    out = tmp_path_factory.mktemp("dist")
    (archive,) = builders.SdistBuilder(str(ROOT)).build(directory=str(out))
    with tarfile.open(archive) as tar:
        tar.extractall(out, filter="data")
    (unpacked,) = [path for path in out.iterdir() if path.is_dir()]
    return unpacked


def _tracked(*folders: str) -> set[str]:
    done = subprocess.run(
        ["git", "ls-files", "--", *folders],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    return {line for line in done.stdout.splitlines() if (ROOT / line).is_file()}


def test_the_sdist_has_the_license_and_every_file_its_tests_use(sdist):
    shipped = {path.relative_to(sdist).as_posix() for path in sdist.rglob("*") if path.is_file()}
    top = {"LICENSE", "README.md", "CHANGELOG.md", "Makefile", "pyproject.toml", "mkdocs.yml"}
    assert top <= shipped
    needed = _tracked("src", "schemas", "codegen", "tests", "benchmarks", "scripts", "docs")
    assert needed <= shipped, sorted(needed - shipped)
    assert "MIT License" in (sdist / "LICENSE").read_text(encoding="utf-8")


def test_the_sdist_collects_the_same_tests_as_the_checkout(sdist):
    def collected(root: Path) -> list[str]:
        done = subprocess.run(
            [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == 0, done.stdout + done.stderr
        return sorted(line for line in done.stdout.splitlines() if "::" in line)

    tests = collected(sdist)
    assert "tests/test_benchmarks_smoke.py" in {line.split("::")[0] for line in tests}
    assert tests == collected(ROOT)
