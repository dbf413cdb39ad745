"""The generator's output kept between gate runs never changes a verdict."""

from __future__ import annotations

from ._support import PACKAGE, STORE_EVENT, codes, copy_checkout, edit_json, gate


def entries(cache):
    return sorted((cache / "market-data-store-contracts").glob("generated-*.json"))


def test_a_warm_run_gives_the_cold_verdict_and_keeps_one_entry(tmp_path):
    root, cache = copy_checkout(tmp_path), tmp_path / "cache"
    cold = gate(root, "--no-cache", cache=cache)
    assert entries(cache) == []
    first = gate(root, cache=cache)
    assert len(entries(cache)) == 1
    assert gate(root, cache=cache) == first == cold == (0, first[1])
    assert len(entries(cache)) == 1


def test_an_edited_declaration_is_stale_even_with_a_warm_cache(tmp_path):
    root, cache = copy_checkout(tmp_path), tmp_path / "cache"
    assert gate(root, cache=cache)[0] == 0
    edit_json(root / STORE_EVENT, lambda d: d["properties"]["reason"].update(maxLength=64))
    code, report = gate(root, cache=cache)
    assert (code, codes(report)) == (1, ["GENERATED_MODEL_STALE", "PUBLISHED_BUNDLE_STALE"])
    assert len(entries(cache)) == 2


def test_a_hand_edited_model_is_stale_with_a_warm_cache(tmp_path):
    root, cache = copy_checkout(tmp_path), tmp_path / "cache"
    assert gate(root, cache=cache)[0] == 0
    model = root / PACKAGE / "_generated" / "feedback_event.py"
    model.write_text(model.read_text() + "# a local tweak\n")
    assert codes(gate(root, cache=cache)[1]) == ["GENERATED_MODEL_STALE"]


def test_a_corrupt_or_unwritable_cache_is_only_slower(tmp_path):
    root, cache = copy_checkout(tmp_path), tmp_path / "cache"
    assert gate(root, cache=cache)[0] == 0
    [entry] = entries(cache)
    entry.write_text('{"truncated')
    assert gate(root, cache=cache) == (0, gate(root, "--no-cache", cache=cache)[1])
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be")
    assert gate(root, cache=blocked)[0] == 0
