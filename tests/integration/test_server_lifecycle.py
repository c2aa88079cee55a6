"""`tide serve` as an operator meets it: the data directory lock, graceful shutdown on
SIGTERM with acknowledged writes kept, /health, and a server that survives garbage."""
import json
import os
import random
import signal
import socket
import struct
import subprocess
import time
import urllib.request

import psycopg

from conftest import Server, tide_binary


def test_second_process_gets_a_clear_error(fresh_server):
    r = subprocess.run([tide_binary(), "run", "--data", fresh_server.data_dir, "-"], input="SELECT 1 AS x;",
                       capture_output=True, text=True, timeout=30)
    assert r.returncode != 0
    assert "is in use by process %d" % fresh_server.process.pid in r.stderr + r.stdout


def test_sigterm_shuts_down_gracefully_and_keeps_writes(tmp_path):
    data = str(tmp_path / "data")
    server = Server(data)
    with psycopg.connect(server.dsn(), autocommit=True) as c:
        c.execute("CREATE DATABASE d")
        c.execute("USE d")
        c.execute("CREATE TABLE t (id bigint, k string, ts timestamp, INDEX(KEY=k, TS=ts))")
        c.execute("INSERT INTO t VALUES (1, 'a', 1000), (2, 'a', 2000)")
    assert server.stop(signal.SIGTERM) == 0
    log = open(tmp_path / "serve.log").read()
    assert "TideDB stopped" in log
    r = subprocess.run([tide_binary(), "run", "--data", data, "--format", "json", "-"],
                       input="USE d; SELECT id FROM t;", capture_output=True, text=True, timeout=60)
    assert r.returncode == 0, r.stderr
    result = json.loads(r.stdout.strip().splitlines()[-1])
    assert sorted(row[0] for row in result["rows"]) == [1, 2]


def test_health_endpoint(server):
    with urllib.request.urlopen(server.http("/health"), timeout=10) as response:
        assert response.status == 200
        assert json.loads(response.read())["status"] == "ok"


def _garbage_connection(port, rng):
    """One connection that sends a valid or random start-up, then random or mutated messages."""
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    try:
        if rng.random() < 0.7:
            body = struct.pack("!i", 196608) + b"user\0fuzz\0\0"
            s.sendall(struct.pack("!i", len(body) + 4) + body)
        messages = [b"Q" + struct.pack("!i", 13) + b"SELECT 1\0",
                    b"P" + struct.pack("!i", 16) + b"\0SELECT $1\0\0\0",
                    b"B" + struct.pack("!i", 12) + b"\0\0\0\0\0\0\0\0",
                    b"E" + struct.pack("!i", 9) + b"\0\0\0\0\0", b"S" + struct.pack("!i", 4)]
        for _ in range(rng.randint(1, 8)):
            if rng.random() < 0.5:
                data = bytearray(rng.choice(messages))
                for _ in range(rng.randint(1, 3)):
                    data[rng.randrange(len(data))] = rng.randrange(256)
            else:
                data = bytes(rng.randrange(256) for _ in range(rng.randint(1, 40)))
            s.sendall(bytes(data))
        s.settimeout(0.2)
        try:
            while s.recv(65536):
                pass
        except (socket.timeout, ConnectionError):
            pass
    except (ConnectionError, BrokenPipeError):
        pass
    finally:
        s.close()


def test_wire_fuzz_keeps_serving_other_clients(server):
    rng = random.Random(int(os.environ.get("TIDE_FUZZ_SEED", "1234")))
    count = int(os.environ.get("TIDE_FUZZ_CONNECTIONS", "300"))
    with psycopg.connect(server.dsn(), autocommit=True) as good:
        for i in range(count):
            _garbage_connection(server.pg_port, rng)
            if i % 25 == 0:
                assert good.execute("SELECT %s AS x", (i,)).fetchone() == (i,)
        assert good.execute("SELECT 7 AS x").fetchone() == (7,)
    assert server.process.poll() is None, "the server died"
