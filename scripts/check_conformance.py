#!/usr/bin/env python3
"""Fails unless the conformance runner's --json report shows at least the given share of
passing checks (for the syntax corpus: of its syntactic statements)."""
import json
import sys

report, threshold = sys.argv[1], float(sys.argv[2])
with open(report) as f:
    data = json.load(f)
checks = [c for c in data.get("results", data.get("checks", [])) if c.get("class", "syntactic") == "syntactic"]
if not checks:
    sys.exit("syntax conformance report has no syntactic checks: %s" % report)
passed = sum(1 for c in checks if c.get("status") == "pass")
share = passed / len(checks)
label = sys.argv[3] if len(sys.argv) > 3 else "conformance"
print("%s: %d of %d checks pass (%.1f%%, required %.0f%%)" % (label, passed, len(checks), 100 * share, 100 * threshold))
if share < threshold:
    sys.exit(1)
