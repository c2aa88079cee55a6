#!/usr/bin/env python3
"""Fails unless `tide parse` agrees with the syntax corpus on at least the given share of
its syntactic statements (the conformance runner's --json report)."""
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
print("syntax conformance: %d of %d syntactic statements agree (%.1f%%, required %.0f%%)"
      % (passed, len(checks), 100 * share, 100 * threshold))
if share < threshold:
    sys.exit(1)
