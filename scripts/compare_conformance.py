#!/usr/bin/env python3
"""Fails unless two conformance reports (--json) agree check by check: the same checks pass.
Used to hold the server (`--dsn`) to what the embedded engine (`--tide`) does. Up to
`--tolerate N` differing checks (default 2) are listed but allowed: a few cases depend on the
wall clock (TTL relative to now) and can land on either side of an expiry between two runs."""
import json
import sys


def passing(path):
    with open(path) as f:
        data = json.load(f)
    checks = data.get("results", data.get("checks", []))
    return {(c["mode"], c["id"]) for c in checks if c.get("status") == "pass"}, len(checks)


args = sys.argv[1:]
tolerate = 2
if "--tolerate" in args:
    i = args.index("--tolerate")
    tolerate = int(args[i + 1])
    del args[i:i + 2]
sys.argv[1:] = args
embedded, embedded_total = passing(sys.argv[1])
server, server_total = passing(sys.argv[2])
label = sys.argv[3] if len(sys.argv) > 3 else "conformance"
print("%s: embedded %d/%d pass, server %d/%d pass" % (label, len(embedded), embedded_total, len(server), server_total))
only_embedded = sorted(embedded - server)
only_server = sorted(server - embedded)
for mode, case in only_embedded[:20]:
    print("  passes embedded, fails over the wire: %s %s" % (mode, case))
for mode, case in only_server[:20]:
    print("  passes over the wire, fails embedded: %s %s" % (mode, case))
if len(only_embedded) + len(only_server) > tolerate or embedded_total != server_total:
    sys.exit(1)
