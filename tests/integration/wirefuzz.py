"""Random and mutated PostgreSQL protocol traffic against a running server.

Each connection sends a start-up packet (usually valid), then a stream of messages: valid
messages, messages whose payload bytes are mutated inside valid framing (the parser must
reject or the session must answer them), and pure random bytes (which break framing, so
the server must answer with an error and close). Used by the integration test (a few
hundred connections) and by benchmarks/wire_fuzz.py (a million messages)."""
import random
import socket
import struct


def message(kind, payload):
    return kind + struct.pack("!i", len(payload) + 4) + payload


SEEDS = [
    message(b"Q", b"SELECT 1 AS x\0"),
    message(b"Q", b"SELECT concat('a', 'b') AS y; SELECT 2 AS z\0"),
    message(b"P", b"s1\0SELECT $1 AS v\0" + struct.pack("!hi", 1, 23)),
    message(b"B", b"\0s1\0" + struct.pack("!hhh", 0, 1, 0)[:4] + struct.pack("!i", 1) + b"7" + struct.pack("!h", 0)),
    message(b"D", b"S\0"),
    message(b"D", b"Ps1\0"),
    message(b"E", b"\0" + struct.pack("!i", 0)),
    message(b"C", b"Ss1\0"),
    message(b"H", b""),
    message(b"S", b""),
    # A prepared deployment call (after SETUP): once its calls prove short, the server runs
    # its Bind, Describe, Execute and Sync on the event loop.
    message(b"P", b"dc\0EXECUTE DEPLOYMENT fuzzdb.calls VALUES ($1, $2, $3)\0" + struct.pack("!hiii", 3, 20, 25, 20)),
    message(b"B", b"\0dc\0" + struct.pack("!hh", 0, 3) + b"".join(
        struct.pack("!i", len(v)) + v for v in (b"7", b"k1", b"5000")) + struct.pack("!h", 0)),
    message(b"D", b"P\0"),
]

# Statements to run on the server before fuzzing: the database and deployment the
# deployment-call seeds use.
SETUP = [
    "CREATE DATABASE IF NOT EXISTS fuzzdb",
    "USE fuzzdb",
    "CREATE TABLE IF NOT EXISTS ev (id bigint, k string, ts timestamp, INDEX(KEY=k, TS=ts))",
    "INSERT INTO ev VALUES (1, 'k1', 1000), (2, 'k1', 2000)",
    "DEPLOY IF NOT EXISTS calls SELECT id, count(id) OVER w AS n FROM ev "
    "WINDOW w AS (PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN 1h PRECEDING AND CURRENT ROW)",
]


def prepare(connection):
    """Runs SETUP on a psycopg connection (autocommit)."""
    for statement in SETUP:
        connection.execute(statement)


def startup(user=b"fuzz"):
    body = struct.pack("!i", 196608) + b"user\0" + user + b"\0\0"
    return struct.pack("!i", len(body) + 4) + body


def mutate(rng, data):
    data = bytearray(data)
    if len(data) > 5 and rng.random() < 0.7:
        # Keep the type byte and length; damage the payload only.
        for _ in range(rng.randint(1, 3)):
            data[rng.randrange(5, len(data))] = rng.randrange(256)
    else:
        for _ in range(rng.randint(1, 3)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    return bytes(data)


def one_connection(port, rng, messages):
    """Sends up to `messages` messages on one connection; returns how many were sent."""
    sent = 0
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    try:
        s.sendall(startup() if rng.random() < 0.9 else bytes(rng.randrange(256) for _ in range(rng.randint(1, 24))))
        for _ in range(messages):
            r = rng.random()
            if r < 0.45:
                data = rng.choice(SEEDS)
            elif r < 0.95:
                data = mutate(rng, rng.choice(SEEDS))
            else:
                data = bytes(rng.randrange(256) for _ in range(rng.randint(1, 40)))
            s.sendall(data)
            sent += 1
        s.sendall(message(b"S", b""))
        s.settimeout(0.05)
        try:
            while s.recv(1 << 16):
                pass
        except (socket.timeout, ConnectionError):
            pass
    except (ConnectionError, BrokenPipeError, socket.timeout):
        pass
    finally:
        s.close()
    return sent


def run(port, connections, messages_per_connection, seed, control=None, check_every=25):
    """Fuzzes `connections` connections; calls `control()` every `check_every` of them."""
    rng = random.Random(seed)
    total = 0
    for i in range(connections):
        total += one_connection(port, rng, messages_per_connection)
        if control is not None and i % check_every == 0:
            control(i)
    return total
