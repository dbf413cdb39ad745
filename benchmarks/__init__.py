"""Benchmarks that hold the contract package to Core's own speed (``make bench``).

Each module exposes ``run(...) -> dict[str, float]``; :mod:`benchmarks._harness` runs them all,
prints the ratios and writes ``benchmarks/results/latest.json``.
"""
