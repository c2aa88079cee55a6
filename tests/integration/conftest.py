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
