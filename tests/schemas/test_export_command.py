"""``store-contracts export DIR`` writes the packaged bundle, byte for byte."""

from __future__ import annotations

import io
from pathlib import Path

from market_data_store_contracts.cli import run


def _run(*argv: str) -> tuple[int, str, str]:
    stdout, stderr = io.StringIO(), io.StringIO()
    code = run(list(argv), stdout, stderr)
    return code, stdout.getvalue(), stderr.getvalue()


def _tree(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_export_writes_the_packaged_files_into_a_new_nested_folder(
    tmp_path: Path, bundle_dir: Path
) -> None:
    target = tmp_path / "out" / "schemas"
    assert _run("export", str(target)) == (0, f"wrote 7 files to {target}\n", "")
    assert _tree(target) == _tree(bundle_dir)


def test_export_replaces_stale_bundle_files_and_leaves_other_files_alone(
    tmp_path: Path, bundle_dir: Path
) -> None:
    (tmp_path / "core").mkdir()
    (tmp_path / "core" / "probe.json").write_text("{}", encoding="utf-8")
    (tmp_path / "README.txt").write_text("mine", encoding="utf-8")
    code, _out, err = _run("export", str(tmp_path))
    assert (code, err) == (0, "")
    exported = _tree(tmp_path)
    assert exported.pop("README.txt") == b"mine"
    assert exported == _tree(bundle_dir)
    assert [path.name for path in tmp_path.rglob("*.tmp")] == []


def test_export_refuses_a_path_that_is_a_file_with_one_line(tmp_path: Path) -> None:
    target = tmp_path / "taken"
    target.write_text("x", encoding="utf-8")
    assert _run("export", str(target)) == (
        2,
        "",
        f"error: {target}: exists and is not a directory\n",
    )
    assert target.read_text(encoding="utf-8") == "x"


def test_export_without_a_folder_is_a_usage_error() -> None:
    code, out, err = _run("export")
    assert (code, out) == (2, "")
    assert err == "store-contracts export: the following arguments are required: DIR\n"
