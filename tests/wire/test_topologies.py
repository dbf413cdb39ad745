"""The topology fixtures leave nothing running: every process they started is stopped when the
block ends, also when it ends with an exception."""

from __future__ import annotations

from pathlib import Path

import pytest

from .topologies import ClusterNodes


def fail_inside(cluster: ClusterNodes) -> None:
    """Start ``cluster``, check it serves, then fail inside its block as a test would."""
    with cluster:
        assert all(node.alive for node in cluster.nodes)
        with cluster.nodes[0].client() as client:
            assert client.ping()
        raise RuntimeError("a test failed")


def test_a_topology_stops_every_process_it_started_when_its_block_raises(
    redis_binary: str, tmp_path: Path
) -> None:
    cluster = ClusterNodes(redis_binary, tmp_path, size=1)
    with pytest.raises(RuntimeError, match="a test failed"):
        fail_inside(cluster)
    assert cluster.nodes
    for node in cluster.nodes:
        assert node.process is not None
        assert node.process.returncode is not None  # reaped, not merely signalled
        assert not node.alive
