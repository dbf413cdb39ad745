"""The TypeScript consumers' readers, end to end: interfaces a consumer writes
(tests/typescript/readers/) turned into JSON Schema by ts-json-schema-generator
(tests/typescript/gen-readers.mjs). The committed readers must be what the generator writes
today: a stale one fails here. ``make test`` installs the node packages (``npm ci`` in
tests/typescript); nothing here touches the network.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from ._support import ROOT

TS = ROOT / "tests" / "typescript"
GENERATOR = TS / "node_modules" / "ts-json-schema-generator"
#: Every reader gen-readers.mjs writes, relative to the checkout.
READERS = (
    "schemas/consumers/dashboard/feedback_event.json",
    "tests/fixtures/consumers/dashboard-closed-ts/feedback_event.json",
    "tests/fixtures/consumers/throttler-ts/feedback_event.json",
)

pytestmark = pytest.mark.skipif(
    shutil.which("node") is None, reason="node is not on PATH: the TypeScript readers need it"
)


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    if not GENERATOR.exists():
        if shutil.which("npm") is None:
            pytest.skip("npm is not on PATH: ts-json-schema-generator cannot be installed")
        pytest.fail(
            "tests/typescript/node_modules has no ts-json-schema-generator: run `make test`, "
            "which runs `npm ci` there"
        )
    out = tmp_path_factory.mktemp("readers")
    done = subprocess.run(
        ["node", str(TS / "gen-readers.mjs"), str(out)],
        cwd=TS,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return out


@pytest.mark.parametrize("reader", READERS)
def test_the_committed_reader_is_what_the_generator_writes_today(regenerated, reader):
    fresh = (regenerated / reader).read_text(encoding="utf-8")
    committed = (ROOT / reader).read_text(encoding="utf-8")
    assert committed == fresh, f"{reader} is stale: run `npm run readers` in tests/typescript"


def test_the_generator_writes_only_the_readers_listed_here(regenerated):
    written = sorted(p.relative_to(regenerated).as_posix() for p in regenerated.rglob("*.json"))
    assert written == sorted(READERS)


def test_the_generated_readers_say_where_they_come_from(regenerated):
    text = (regenerated / READERS[0]).read_text(encoding="utf-8")
    assert (
        '"$comment": "Generated from tests/typescript/readers/dashboard.ts (FeedbackEvent) by '
        "ts-json-schema-generator "
    ) in text
    assert '"$schema": "http://json-schema.org/draft-07/schema#"' in text
