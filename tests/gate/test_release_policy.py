"""The release stage as a function: the seven Confluent levels across three releases, semver
bumps, and attacks on the promises (identical releases, random histories)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator

from market_data_store_contracts._documents.canonical import sha256, sha256_semantic
from market_data_store_contracts._gate._frozen import read_bundle
from market_data_store_contracts._gate._policy import LEVELS, Policy, Version, bump
from market_data_store_contracts._gate._releases import releases

NAME = "store.Event"


@dataclass(frozen=True)
class Checkout:
    """What the stage needs of a project: where things are and how to show them."""

    root: Path

    @property
    def pyproject(self) -> Path:
        return self.root / "pyproject.toml"

    def relative(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


def event(description: str = "An event.", **properties) -> dict:
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "type": "object",
        "description": description,
        "properties": {"x": {"type": "string"}, **properties},
        "required": ["x"],
    }


def write_bundle(folder: Path, version: str, schemas: dict[str, dict]) -> Path:
    entries = []
    for name, schema in schemas.items():
        file = f"store/{name.rpartition('.')[2].lower()}.json"
        (folder / file).parent.mkdir(parents=True, exist_ok=True)
        (folder / file).write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n")
        entries.append(
            {
                "name": name,
                "file": file,
                "sha256": sha256(schema),
                "sha256_semantic": sha256_semantic(schema),
            }
        )
    (folder / "index.json").write_text(json.dumps({"version": version, "schemas": entries}))
    return folder


def run_stage(tmp_path, history, current, level="FULL_TRANSITIVE", version="0.4.0", allowed=()):
    checkout = Checkout(tmp_path)
    frozen = [
        (
            Version.parse(v, "test", ""),
            read_bundle(
                write_bundle(tmp_path / "schemas/releases" / v, v, {NAME: s}), f"releases/{v}"
            ),
        )
        for v, s in history
    ]
    bundle = read_bundle(write_bundle(tmp_path / "bundle", version, {NAME: current}), "bundle")
    policy = Policy(Version.parse(version, "test", ""), level, {}, tuple(allowed))
    return releases(checkout, bundle, frozen, policy)


# The classic trap of non-transitive levels: 0.1.0 had an optional "y" string, 0.2.0 dropped it
# (compatible both ways: objects are open), 0.3.0 only reworded the docs, and now "y" comes back
# as an integer. Compatible with the latest release both ways, with the first in neither.
READDED = (
    [
        ("0.1.0", event(y={"type": "string"})),
        ("0.2.0", event()),
        ("0.3.0", event("Reworded.")),
    ],
    event(y={"type": "integer"}),
)
# Widening an enum: what the old models write is still read (BACKWARD), what the new ones write
# is not (FORWARD), against every release.
WIDENED = (
    [(v, event(x={"enum": ["a"]})) for v in ("0.1.0", "0.2.0", "0.3.0")],
    event(x={"enum": ["a", "c"]}),
)
B, F = "RELEASE_BACKWARD_BROKEN", "RELEASE_FORWARD_BROKEN"
EXPECTED = {  # level -> (codes for READDED, codes for WIDENED)
    "NONE": ([], []),
    "BACKWARD": ([], []),
    "BACKWARD_TRANSITIVE": ([B], []),
    "FORWARD": ([], [F]),
    "FORWARD_TRANSITIVE": ([F], [F, F, F]),
    "FULL": ([], [F]),
    "FULL_TRANSITIVE": ([B, F], [F, F, F]),
}


@pytest.mark.parametrize("level", list(LEVELS))
def test_each_level_across_three_releases(tmp_path, level):
    for scenario, expected in zip((READDED, WIDENED), EXPECTED[level], strict=True):
        history, current = scenario
        findings = run_stage(tmp_path / str(len(expected)), history, current, level)
        broken = [f for f in findings if f.severity == "breaking"]
        assert sorted(f.code for f in broken) == expected
        for found in broken:
            details = dict(found.details)
            if scenario is READDED:  # only the first release is broken
                assert details["release"] == "0.1.0"
            writer, reader = (
                (history[0][1], current)
                if details["direction"] == "backward"
                else (current, history[0][1])
            )
            assert Draft202012Validator(writer).is_valid(found.witness)
            assert not Draft202012Validator(reader).is_valid(found.witness)


def test_full_passes_and_full_transitive_fails_on_a_change_compatible_with_the_latest_only(
    tmp_path,
):
    assert not [f for f in run_stage(tmp_path / "a", *READDED, "FULL") if f.severity != "info"]
    codes = {f.code for f in run_stage(tmp_path / "b", *READDED, "FULL_TRANSITIVE")}
    assert codes == {B, F}


def test_twenty_identical_releases_give_what_one_gives(tmp_path):
    one = run_stage(tmp_path / "one", [("0.1.0", event())], event(y={"type": "integer"}))
    many = run_stage(
        tmp_path / "many",
        [(f"0.1.{n}", event(f"Docs {n}.")) for n in range(20)],
        event(y={"type": "integer"}),
    )
    assert [f.code for f in one] == [f.code for f in many] == []


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("0.4.0", "0.4.0", "none"),
        ("0.4.0", "0.4.1", "minor"),
        ("0.4.0", "0.5.0", "major"),
        ("0.4.3", "0.3.9", "behind"),
        ("0.0.3", "0.0.4", "major"),
        ("1.2.3", "1.2.4", "none"),
        ("1.2.3", "1.3.0", "minor"),
        ("1.2.3", "2.0.0", "major"),
        ("0.9.1", "1.0.0", "major"),
    ],
)
def test_semver_bumps_read_0x_as_cargo_does(old, new, expected):
    assert bump(Version.parse(old, "t", ""), Version.parse(new, "t", "")) == expected


versions = st.builds(Version, *(st.integers(0, 3) for _ in range(3)))


@given(versions, versions)
def test_a_bump_is_never_more_than_its_distance_allows(old, new):
    kind = bump(old, new)
    assert (kind == "behind") == (new < old)
    if kind == "major":
        assert new >= old.next("major")
        # semver: a major bump changes the leftmost non-zero component (Cargo for 0.x)
        leftmost = next((i for i, part in enumerate((old.major, old.minor)) if part), 2)
        assert (new.major, new.minor, new.patch)[: leftmost + 1] != (
            old.major,
            old.minor,
            old.patch,
        )[: leftmost + 1]
    if kind == "none":
        assert old <= new < old.next("minor")


# Random release histories of one property's type: every breaking finding the stage reports
# must be backed by a witness that the writer's schema accepts and the reader's rejects.
types = st.sampled_from(
    [
        {"type": "string"},
        {"type": "integer"},
        {"type": "number"},
        {"enum": ["a"]},
        {"enum": ["a", "b"]},
        {"type": "string", "maxLength": 2},
    ]
)


#: The checker runs in every example: no per-example deadline on a shared machine.
SLOW = settings(deadline=None, max_examples=60)


@SLOW
@given(st.lists(types, min_size=1, max_size=3), types, st.sampled_from(list(LEVELS)))
def test_every_reported_break_has_a_verified_witness(tmp_path_factory, history, current, level):
    tmp_path = tmp_path_factory.mktemp("history")
    past = [(f"0.{n}.0", event(y=schema)) for n, schema in enumerate(history, 1)]
    findings = run_stage(tmp_path, past, event(y=current), level, version="0.9.0")
    by_version = dict(past)
    for found in findings:
        if found.code not in {B, F}:
            continue
        details = dict(found.details)
        old = by_version[details["release"]]
        writer, reader = (
            (old, event(y=current))
            if details["direction"] == "backward"
            else (
                event(y=current),
                old,
            )
        )
        assert found.witness is not None
        assert Draft202012Validator(writer).is_valid(found.witness)
        assert not Draft202012Validator(reader).is_valid(found.witness)


def test_release_findings_in_every_format(tmp_path):
    from market_data_store_contracts._gate import GateReport
    from market_data_store_contracts._output import FORMATS, of_gate

    findings = run_stage(tmp_path, *WIDENED, "FORWARD")
    output = of_gate(GateReport("1.4.61", "1.4.61", sorted(findings)))
    [line, fix, verdict] = FORMATS["text"](output).splitlines()
    assert line.startswith(
        "bundle/store/event.json#/properties/x/enum: store.Event breaks FORWARD compatibility "
        "with release 0.3.0: an instance that the models of now write is rejected by 0.3.0's "
        "published schema: "
    )
    assert line.endswith('(RELEASE_FORWARD_BROKEN, breaking) witness: {"x": "c"}')
    assert fix.startswith("  fix: restore compatibility with 0.3.0, or give it up on purpose")
    assert verdict.startswith("breaking: ")
    [annotation, _] = FORMATS["github"](output).splitlines()
    assert annotation.startswith(
        "::error file=bundle/store/event.json,title=RELEASE_FORWARD_BROKEN::store.Event breaks"
    )
    assert annotation.endswith('Witness: {"x": "c"}')
    [found] = json.loads(FORMATS["json"](output))["findings"]
    assert {k: found[k] for k in ("contract", "release", "direction", "rejected_by")} == {
        "contract": NAME,
        "release": "0.3.0",
        "direction": "forward",
        "rejected_by": "0.3.0",
    }
    assert found["witness"] == {"x": "c"}


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        (
            'compatibility = "STRICT"',
            "pyproject.toml#/tool/market-data-store-contracts/compatibility: 'STRICT' is not a "
            "compatibility level; use one of NONE, BACKWARD, BACKWARD_TRANSITIVE, FORWARD, "
            "FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE",
        ),
        (
            '[tool.market-data-store-contracts.compatibility-by-contract]\n"store.X" = "full"',
            "pyproject.toml#/tool/market-data-store-contracts/compatibility-by-contract/store.X: "
            "'full' is not a compatibility level; use one of NONE, BACKWARD, BACKWARD_TRANSITIVE, "
            "FORWARD, FORWARD_TRANSITIVE, FULL, FULL_TRANSITIVE",
        ),
        (
            '[[tool.market-data-store-contracts.allowed-breaks]]\ncontract = "store.X"\n'
            'release = "0.4"\nreason = "r"',
            "pyproject.toml#/tool/market-data-store-contracts/allowed-breaks/0/release: '0.4' is "
            "not a release version MAJOR.MINOR.PATCH",
        ),
        (
            '[[tool.market-data-store-contracts.allowed-breaks]]\ncontract = "store.X"\n'
            'release = "0.4.0"',
            "pyproject.toml#/tool/market-data-store-contracts/allowed-breaks/0: must have exactly "
            "contract, release and reason",
        ),
    ],
    ids=["level", "override", "release", "no-reason"],
)
def test_a_bad_policy_is_one_line_naming_the_pointer(tmp_path, toml, message):
    from market_data_store_contracts._gate._policy import read_policy
    from market_data_store_contracts.errors import ContractsError

    (tmp_path / "pyproject.toml").write_text(
        '[project]\nversion = "0.4.0"\n[tool.market-data-store-contracts]\n' + toml + "\n"
    )
    with pytest.raises(ContractsError) as error:
        read_policy(Checkout(tmp_path))
    assert str(error.value) == message


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-5, 5) | st.text(max_size=3),
    lambda inner: (
        st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=3), inner, max_size=2)
    ),
    max_leaves=4,
)


@SLOW
@given(st.sampled_from(["description", "type", "properties", "required", "x-note"]), json_values)
def test_any_edit_of_a_frozen_file_is_found(tmp_path_factory, key, value):
    """Whatever a person writes into a frozen schema, the release no longer verifies, unless
    the edit leaves the canonical JSON as it was."""
    tmp_path = tmp_path_factory.mktemp("tamper")
    frozen = event()
    findings = run_stage(tmp_path, [("0.1.0", frozen)], frozen, "NONE")
    assert findings == []
    path = tmp_path / "schemas/releases/0.1.0/store/event.json"
    edited = {**frozen, key: value}
    path.write_text(json.dumps(edited))
    bundle = read_bundle(path.parent.parent, "releases/0.1.0")
    again = releases(
        Checkout(tmp_path),
        read_bundle(tmp_path / "bundle", "bundle"),
        [(Version(0, 1, 0), bundle)],
        Policy(Version(0, 1, 0), "NONE", {}, ()),
    )
    tampered = [f for f in again if f.code == "RELEASE_FILE_TAMPERED"]
    assert bool(tampered) == (sha256(edited) != sha256(frozen))


def test_a_frozen_file_that_is_no_json_schema_is_an_input_error_naming_it(tmp_path):
    """Its index agrees with it (written so), so it is no tampering: it cannot be compared."""
    from market_data_store_contracts.errors import ContractsError

    with pytest.raises(ContractsError) as error:
        run_stage(tmp_path, [("0.1.0", event(x={"type": 5}))], event())
    assert error.value.file == "schemas/releases/0.1.0/store/event.json"
    assert error.value.pointer == "/properties/x/type"


def test_an_allowed_break_stays_in_force_after_the_breaking_release_is_frozen(tmp_path):
    """Under a transitive level the break against 0.4.0 is found again in every later version;
    the entry keeps matching it, so it is neither stale nor breaking."""
    from market_data_store_contracts._gate._policy import AllowedBreak

    narrow = event(x={"enum": ["a"]})
    entry = AllowedBreak(NAME, Version(0, 4, 0), "x is a code now", "/allowed-breaks/0")
    history = [("0.4.0", event()), ("0.5.0", narrow)]
    for version in ("0.5.0", "0.5.1", "0.6.0"):
        findings = run_stage(tmp_path / version, history, narrow, version=version, allowed=[entry])
        assert [(f.code, f.severity) for f in findings] == [("RELEASE_BREAK_ALLOWED", "info")]
        assert findings[0].message.endswith("Allowed: x is a code now")


def test_each_allowed_break_is_matched_by_the_release_it_names(tmp_path):
    """Two entries, one per broken release: both are in use, none is stale, whatever their
    order in pyproject.toml."""
    from market_data_store_contracts._gate._policy import AllowedBreak

    history = [
        ("0.3.0", event(x={"enum": ["a", "b", "c"]})),
        ("0.4.0", event(x={"enum": ["a", "b"]})),
    ]
    current = event(x={"enum": ["a"]})
    later = AllowedBreak(NAME, Version(0, 4, 0), "b retired", "/allowed-breaks/0")
    earlier = AllowedBreak(NAME, Version(0, 3, 0), "c retired", "/allowed-breaks/1")
    findings = run_stage(
        tmp_path, history, current, "BACKWARD_TRANSITIVE", "0.5.0", [later, earlier]
    )
    by_release = {dict(f.details)["release"]: f for f in findings}
    assert {f.code for f in findings} == {"RELEASE_BREAK_ALLOWED"}
    assert by_release["0.3.0"].message.endswith("Allowed: c retired")
    assert by_release["0.4.0"].message.endswith("Allowed: b retired")
