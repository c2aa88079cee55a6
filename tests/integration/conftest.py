"""Integration tests: a real `tide serve` on free loopback ports, real clients.

The binary is $TIDE_BIN (default .build/debug/tide from the repository root)."""
import os
import pathlib
import socket
import subprocess
import tempfile
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]


def tide_binary():
    return os.environ.get("TIDE_BIN", str(ROOT / ".build" / "debug" / "tide"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    """A `tide serve` process on its own data directory and ports."""

    def __init__(self, data_dir, extra_args=(), log_name="serve.log"):
        self.data_dir = data_dir
        self.pg_port = free_port()
        self.http_port = free_port()
        self.log = open(os.path.join(os.path.dirname(data_dir), log_name), "w")
        self.process = subprocess.Popen(
            [tide_binary(), "serve", "--data", data_dir, "--pg-port", str(self.pg_port),
             "--http-port", str(self.http_port)] + list(extra_args),
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("tide serve exited with %s" % self.process.returncode)
            try:
                socket.create_connection(("127.0.0.1", self.pg_port), timeout=0.2).close()
                socket.create_connection(("127.0.0.1", self.http_port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("tide serve did not start listening")

    def dsn(self, db=""):
        return "postgresql://root@127.0.0.1:%d/%s" % (self.pg_port, db)

    def http(self, path):
        return "http://127.0.0.1:%d%s" % (self.http_port, path)

    def stop(self, sig=15):
        if self.process.poll() is None:
            self.process.send_signal(sig)
            try:
                return self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                return self.process.wait()
        return self.process.returncode


@pytest.fixture(scope="module")
def server():
    with tempfile.TemporaryDirectory() as tmp:
        data = os.path.join(tmp, "data")
        s = Server(data)
        try:
            yield s
        finally:
            s.stop()


@pytest.fixture()
def fresh_server():
    with tempfile.TemporaryDirectory() as tmp:
        s = Server(os.path.join(tmp, "data"))
        try:
            yield s
        finally:
            s.stop()


@pytest.fixture(scope="module")
def broker():
    """A tansu Kafka broker on loopback (through a TCP proxy the test may cut), per module."""
    from kafka import Broker
    with tempfile.TemporaryDirectory() as tmp:
        b = Broker(os.environ.get("TIDE_TANSU_LOG", os.path.join(tmp, "tansu.log")))
        try:
            yield b
        finally:
            b.stop()


class RestartingServers:
    """`tide serve` for this module, started again on a fresh data directory if a test made it
    exit, so one crash fails the test that caused it instead of every test after it."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.current = None
        self.started = 0

    def get(self):
        if self.current is None or self.current.process.poll() is not None:
            self.started += 1
            d = os.path.join(self.tmp, "run%d" % self.started)
            os.makedirs(d)
            self.current = Server(os.path.join(d, "data"))
        return self.current

    def log_tail(self, n=4000):
        with open(os.path.join(os.path.dirname(self.current.data_dir), "serve.log"), errors="replace") as f:
            text = f.read()
        lines = [l for l in text.splitlines()
                 if "Fatal error" in l or " crashed" in l or ("/Sources/Tide" in l and ".build/" not in l)]
        return "\n".join(lines[:30]) or text[-n:]

    def stop(self):
        if self.current is not None:
            self.current.stop()


@pytest.fixture(scope="module")
def servers():
    """One `RestartingServers` per test module."""
    with tempfile.TemporaryDirectory() as tmp:
        s = RestartingServers(tmp)
        try:
            yield s
        finally:
            s.stop()


@pytest.fixture()
def restarting_server(servers):
    """The module's server; a test during which it exits fails with the crash lines of its log."""
    s = servers.get()
    yield s
    if s.process.poll() is not None:
        pytest.fail("tide serve exited during this test (status %s); its log:\n%s"
                    % (s.process.returncode, servers.log_tail()))
