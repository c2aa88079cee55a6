"""Users, SCRAM-SHA-256 and TLS on the PostgreSQL port: users made with an embedded
`tide run` before the server starts, then `tide serve --auth scram` (and TLS) with psycopg
and psql, as a user would connect."""
import base64
import os
import shutil
import socket
import struct
import subprocess
import time

import psycopg
import pytest

from conftest import free_port, tide_binary


def run_sql(data_dir, sql):
    """Runs SQL with an embedded `tide run` (no server may hold the data directory)."""
    return subprocess.run([tide_binary(), "run", "--data", data_dir, "-"], input=sql, capture_output=True,
                          text=True, timeout=60)


class AuthServer:
    """A `tide serve` with extra flags (--auth, --tls-cert, --tls-key)."""

    def __init__(self, data_dir, *flags):
        self.data_dir = data_dir
        self.pg_port = free_port()
        self.http_port = free_port()
        self.log_path = os.path.join(os.path.dirname(data_dir), "serve-auth.log")
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [tide_binary(), "serve", "--data", data_dir, "--pg-port", str(self.pg_port),
             "--http-port", str(self.http_port), *flags],
            stdout=self.log, stderr=subprocess.STDOUT)
        deadline = time.time() + 30
        while time.time() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("tide serve exited with %s: %s" % (self.process.returncode, self.output()))
            try:
                socket.create_connection(("127.0.0.1", self.pg_port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("tide serve did not start listening")

    def output(self):
        if not self.log.closed:
            self.log.flush()
        with open(self.log_path) as f:
            return f.read()

    def conninfo(self, user, password=None, sslmode="disable"):
        info = "host=127.0.0.1 port=%d user=%s sslmode=%s connect_timeout=10" % (self.pg_port, user, sslmode)
        if password is not None:
            info += " password=%s" % password
        return info

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


USERS_SQL = """
CREATE USER alice OPTIONS (password = 'Wonder-land 42');
CREATE USER bob OPTIONS (password = 'first');
ALTER USER bob SET OPTIONS (password = 'second');
CREATE USER carol OPTIONS (password = 'gone');
DROP USER carol;
"""


@pytest.fixture(scope="module")
def certificate(tmp_path_factory):
    if shutil.which("openssl") is None:
        pytest.skip("openssl is not installed")
    d = tmp_path_factory.mktemp("tls")
    cert, key = str(d / "server.crt"), str(d / "server.key")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                    "-days", "1", "-keyout", key, "-out", cert], check=True, capture_output=True, timeout=60)
    return cert, key


@pytest.fixture(scope="module")
def users_dir(tmp_path_factory):
    data = str(tmp_path_factory.mktemp("auth") / "data")
    r = run_sql(data, USERS_SQL)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "Wonder-land" not in r.stdout + r.stderr
    return data


@pytest.fixture(scope="module")
def scram_server(users_dir):
    s = AuthServer(users_dir, "--auth", "scram")
    try:
        yield s
    finally:
        s.stop()


def test_right_password_connects(scram_server):
    with psycopg.connect(scram_server.conninfo("alice", "'Wonder-land 42'"), autocommit=True) as c:
        assert c.execute("SELECT 1 AS x").fetchone() == (1,)
        assert c.info.user == "alice"
        assert not c.pgconn.ssl_in_use
    with psycopg.connect(scram_server.conninfo("bob", "second")) as c:
        assert c.execute("SELECT 2").fetchone() == (2,)


def test_wrong_password_is_28P01(scram_server):
    for user, password in [("alice", "wrong"), ("bob", "first"), ("carol", "gone"), ("nobody", "x")]:
        with pytest.raises(psycopg.OperationalError) as e:
            psycopg.connect(scram_server.conninfo(user, password))
        assert 'password authentication failed for user "%s"' % user in str(e.value)
        # The same answer for unknown and known users: nothing tells them apart.
        assert "does not exist" not in str(e.value)


def test_no_password_is_refused(scram_server):
    if shutil.which("psql") is None:
        pytest.skip("psql is not installed")
    env = {k: v for k, v in os.environ.items() if k != "PGPASSWORD"}
    r = subprocess.run(["psql", scram_server.conninfo("alice"), "-w", "-c", "SELECT 1"], capture_output=True,
                       text=True, timeout=30, env=dict(env, PGPASSFILE=os.devnull))
    assert r.returncode != 0
    assert "password" in r.stderr


def test_psql_with_pgpassword(scram_server):
    if shutil.which("psql") is None:
        pytest.skip("psql is not installed")
    base = ["psql", "-h", "127.0.0.1", "-p", str(scram_server.pg_port), "-U", "alice", "-w", "-At"]
    ok = subprocess.run(base + ["-c", "SELECT 40 + 2"], capture_output=True, text=True, timeout=30,
                        env=dict(os.environ, PGPASSWORD="Wonder-land 42", PGSSLMODE="disable"))
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.strip() == "42"
    bad = subprocess.run(base + ["-c", "SELECT 1"], capture_output=True, text=True, timeout=30,
                         env=dict(os.environ, PGPASSWORD="nope", PGSSLMODE="disable"))
    assert bad.returncode != 0
    assert "password authentication failed" in bad.stderr


def read_message(sock):
    """One backend message: (type byte, body)."""
    def exactly(n):
        data = b""
        while len(data) < n:
            chunk = sock.recv(n - len(data))
            if not chunk:
                raise EOFError("connection closed")
            data += chunk
        return data
    header = exactly(5)
    return header[:1], exactly(struct.unpack("!i", header[1:])[0] - 4)


def scram_attempt(port, user):
    """A raw SCRAM exchange with a wrong proof; returns the messages after the last step."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        params = b"user\x00" + user.encode() + b"\x00\x00"
        sock.sendall(struct.pack("!ii", 8 + len(params), 196608) + params)
        kind, body = read_message(sock)
        assert kind == b"R" and struct.unpack("!i", body[:4])[0] == 10
        assert body[4:] == b"SCRAM-SHA-256\x00\x00"
        first = b"n,,n=,r=abcdefghijklmnop"
        payload = b"SCRAM-SHA-256\x00" + struct.pack("!i", len(first)) + first
        sock.sendall(b"p" + struct.pack("!i", 4 + len(payload)) + payload)
        kind, body = read_message(sock)
        assert kind == b"R" and struct.unpack("!i", body[:4])[0] == 11
        server_first = dict(part.split("=", 1) for part in body[4:].decode().split(","))
        assert server_first["r"].startswith("abcdefghijklmnop") and server_first["i"] == "4096"
        final = ("c=biws,r=%s,p=%s" % (server_first["r"], base64.b64encode(bytes(32)).decode())).encode()
        sock.sendall(b"p" + struct.pack("!i", 4 + len(final)) + final)
        kind, body = read_message(sock)
        fields = {f[:1].decode(): f[1:].decode() for f in body.split(b"\x00") if f}
        return kind, fields, server_first["s"]


def test_error_code_is_28P01_for_known_and_unknown_users(scram_server):
    kind, fields, salt = scram_attempt(scram_server.pg_port, "alice")
    assert kind == b"E"
    assert (fields["S"], fields["C"]) == ("FATAL", "28P01")
    assert fields["M"] == 'password authentication failed for user "alice"'
    kind, fields, fake_salt = scram_attempt(scram_server.pg_port, "nobody")
    assert (kind, fields["C"]) == (b"E", "28P01")
    assert fields["M"] == 'password authentication failed for user "nobody"'
    # An unknown user gets a salt of the same shape, and the same one on every attempt.
    assert len(base64.b64decode(fake_salt)) == len(base64.b64decode(salt)) == 16
    assert scram_attempt(scram_server.pg_port, "nobody")[2] == fake_salt


def test_users_are_managed_over_the_wire_and_passwords_not_echoed(scram_server):
    with psycopg.connect(scram_server.conninfo("alice", "'Wonder-land 42'"), autocommit=True) as c:
        c.execute("CREATE USER erin OPTIONS (password = 'Topsecret9')")
        plan = c.execute("EXPLAIN ALTER USER erin SET OPTIONS (password = 'Topsecret9')").fetchall()
        assert "Topsecret9" not in repr(plan)
        with pytest.raises(psycopg.errors.DuplicateObject) as e:
            c.execute("CREATE USER erin OPTIONS (password = 'Topsecret9')")
        assert "Topsecret9" not in str(e.value)
        with pytest.raises(psycopg.errors.UndefinedObject):
            c.execute("DROP USER nobody")
        c.execute("ALTER USER erin SET OPTIONS (password = 'changed')")
    with psycopg.connect(scram_server.conninfo("erin", "changed")) as c:
        assert c.execute("SELECT 1").fetchone() == (1,)
    with pytest.raises(psycopg.OperationalError):
        psycopg.connect(scram_server.conninfo("erin", "Topsecret9"))
    assert "Topsecret9" not in scram_server.output()
    assert "Wonder-land" not in scram_server.output()


@pytest.fixture(scope="module")
def tls_server(tmp_path_factory, certificate):
    data = str(tmp_path_factory.mktemp("tls-data") / "data")
    r = run_sql(data, "CREATE USER alice OPTIONS (password = 'tls-pw');")
    assert r.returncode == 0, r.stdout + r.stderr
    cert, key = certificate
    s = AuthServer(data, "--auth", "scram", "--tls-cert", cert, "--tls-key", key)
    try:
        yield s
    finally:
        s.stop()


def test_tls_required_works(tls_server, certificate):
    with psycopg.connect(tls_server.conninfo("alice", "tls-pw", sslmode="require")) as c:
        assert c.pgconn.ssl_in_use
        assert c.execute("SELECT 'over tls'").fetchone() == ("over tls",)
    cert, _ = certificate
    info = "host=localhost port=%d user=alice password=tls-pw sslmode=verify-full sslrootcert=%s" % (
        tls_server.pg_port, cert)
    with psycopg.connect(info) as c:
        assert c.pgconn.ssl_in_use
    with pytest.raises(psycopg.OperationalError) as e:
        psycopg.connect(tls_server.conninfo("alice", "wrong", sslmode="require"))
    assert "password authentication failed" in str(e.value)


def test_tls_disabled_still_works(tls_server):
    with psycopg.connect(tls_server.conninfo("alice", "tls-pw", sslmode="disable")) as c:
        assert not c.pgconn.ssl_in_use
        assert c.execute("SELECT 1").fetchone() == (1,)


def test_many_tls_connections(tls_server):
    for _ in range(5):
        with psycopg.connect(tls_server.conninfo("alice", "tls-pw", sslmode="require")) as c:
            assert c.execute("SELECT 1").fetchone() == (1,)


def test_psql_over_tls(tls_server):
    if shutil.which("psql") is None:
        pytest.skip("psql is not installed")
    r = subprocess.run(["psql", "-h", "127.0.0.1", "-p", str(tls_server.pg_port), "-U", "alice", "-w", "-At",
                        "-c", "SELECT 7"], capture_output=True, text=True, timeout=30,
                       env=dict(os.environ, PGPASSWORD="tls-pw", PGSSLMODE="require"))
    assert r.returncode == 0, r.stderr
    assert r.stdout.strip() == "7"


def test_without_certificate_ssl_is_refused(scram_server):
    with pytest.raises(psycopg.OperationalError) as e:
        psycopg.connect(scram_server.conninfo("alice", "'Wonder-land 42'", sslmode="require"))
    assert "SSL" in str(e.value)
    with psycopg.connect(scram_server.conninfo("alice", "'Wonder-land 42'", sslmode="prefer")) as c:
        assert not c.pgconn.ssl_in_use


def test_bytes_after_sslrequest_are_refused(tls_server):
    # A client that does not wait for the answer: its early bytes came in plain text.
    with socket.create_connection(("127.0.0.1", tls_server.pg_port), timeout=10) as s:
        s.sendall(b"\x00\x00\x00\x08\x04\xd2\x16\x2f" + b"\x16\x03\x01\x00\x05hello")
        data = b""
        while True:
            chunk = s.recv(4096)
            if not chunk:
                break
            data += chunk
        assert not data.startswith(b"S")
        assert b"08P01" in data


def test_trust_is_the_loopback_default(tmp_path):
    data = str(tmp_path / "data")
    s = AuthServer(data)
    try:
        with psycopg.connect(s.conninfo("anyone")) as c:
            assert c.execute("SELECT 1").fetchone() == (1,)
    finally:
        s.stop()
    assert "auth=trust" in s.output()


def test_bad_tls_settings_stop_the_server(tmp_path, certificate):
    cert, key = certificate
    cases = [
        (["--tls-cert", cert], "both a certificate and a key"),
        (["--tls-cert", str(tmp_path / "missing.crt"), "--tls-key", key], "cannot load TLS certificate"),
        (["--tls-cert", cert, "--tls-key", cert], "TLS"),
        (["--auth", "password"], "auth must be trust or scram"),
    ]
    for flags, message in cases:
        r = subprocess.run([tide_binary(), "serve", "--data", str(tmp_path / "data"), "--pg-port", "0",
                            "--http-port", "0", *flags], capture_output=True, text=True, timeout=60)
        assert r.returncode == 2, (flags, r.stdout, r.stderr)
        assert message in r.stderr, (flags, r.stderr)
