"""Cross-language proof: a TypeScript consumer reads the same bundle.

ajv (2020-12 mode) must give every golden example the verdict jsonschema gives, and TypeScript
types generated from the bundle must compile with ``consumer.ts``. ``make test`` installs the
node packages (``npm ci`` in tests/typescript); nothing here touches the network.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from golden_support import GOLDEN, jsonschema_table

TS = Path(__file__).resolve().parents[1] / "typescript"
BIN = TS / "node_modules" / ".bin"

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None, reason="node is not on PATH: the TypeScript consumer needs it"
)


@pytest.fixture(scope="module")
def node_modules() -> Path:
    missing = [
        str(path.relative_to(TS))
        for path in (
            BIN / "tsc",
            TS / "node_modules" / "ajv",
            TS / "node_modules" / "json-schema-to-typescript",
        )
        if not path.exists()
    ]
    if missing and shutil.which("npm") is None:
        pytest.skip("npm is not on PATH: the TypeScript consumer's modules cannot be installed")
    if missing:
        pytest.fail(
            f"tests/typescript/node_modules is not installed (missing {', '.join(missing)}): "
            "run `make test`, which runs `npm ci` there"
        )
    return TS / "node_modules"


def _node(*args: str | Path, cwd: Path = TS) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(arg) for arg in args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture(scope="module")
def generated(
    node_modules: Path, bundle_dir: Path, tmp_path_factory: pytest.TempPathFactory
) -> Path:
    """A compile folder: consumer.ts and tsconfig.json beside types generated from the bundle."""
    folder = tmp_path_factory.mktemp("typescript")
    shutil.copy(TS / "consumer.ts", folder)
    shutil.copy(TS / "tsconfig.json", folder)
    done = _node("node", TS / "gen-types.mjs", folder / "generated", bundle_dir)
    assert done.returncode == 0, done.stderr
    return folder


def test_ajv_gives_every_golden_example_the_verdict_jsonschema_gives(
    node_modules: Path, bundle_dir: Path
) -> None:
    done = _node("node", TS / "verdicts.mjs", bundle_dir, GOLDEN)
    assert done.returncode == 0, done.stderr
    ajv = json.loads(done.stdout)
    python = jsonschema_table()
    assert sum(len(cases) for cases in python.values()) > 60
    assert ajv == python


def test_types_generated_from_the_bundle_compile_with_the_consumer(generated: Path) -> None:
    assert sorted(path.relative_to(generated).as_posix() for path in generated.rglob("*.ts")) == [
        "consumer.ts",
        "generated/core/backpressure_level.ts",
        "generated/core/feedback_event.ts",
        "generated/core/health_component.ts",
        "generated/core/health_status.ts",
        "generated/core/probe.ts",
        "generated/store/feedback_event.ts",
    ]
    store = (generated / "generated" / "store" / "feedback_event.ts").read_text(encoding="utf-8")
    assert 'export type BackpressureLevel = "ok" | "soft" | "hard";' in store
    assert "reason?: Reason;" in store
    done = _node(BIN / "tsc", "--noEmit", "-p", generated, cwd=generated)
    assert (done.returncode, done.stdout) == (0, "")


def test_the_compile_check_fails_when_the_consumer_misreads_a_type(generated: Path) -> None:
    (generated / "generated" / "misread.ts").write_text(
        'import type { FeedbackEvent } from "./store/feedback_event";\n'
        "export const misread = (event: FeedbackEvent): string => event.reason;\n",
        encoding="utf-8",
    )
    try:
        done = _node(BIN / "tsc", "--noEmit", "-p", generated, cwd=generated)
    finally:
        (generated / "generated" / "misread.ts").unlink()
    assert done.returncode != 0
    assert "misread.ts" in done.stdout
    assert "Type 'Reason | undefined' is not assignable to type 'string'" in done.stdout
