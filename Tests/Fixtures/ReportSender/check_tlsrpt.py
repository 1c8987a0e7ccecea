#!/usr/bin/env python3
"""Parses TLS reports (.json.gz / .json) and report mails (.eml) with parsedmarc, as a
report receiver would. Usage: check_tlsrpt.py FILE... Prints one JSON line per file
({"file":..., "report_type":..., "policies":[...], "report_id":...}) and exits non-zero on
the first file parsedmarc rejects (2) or when parsedmarc is missing (3)."""
import json
import sys

try:
    import parsedmarc
except ImportError:
    print("parsedmarc is not installed (scripts/install-deps --test installs it)", file=sys.stderr)
    sys.exit(3)

for path in sys.argv[1:]:
    try:
        if path.endswith(".eml"):
            with open(path, "rb") as handle:
                parsed = parsedmarc.parse_report_email(handle.read(), offline=True)
        else:
            parsed = parsedmarc.parse_report_file(path, offline=True)
    except Exception as error:  # parsedmarc raises its own error classes
        print(f"{path}: {type(error).__name__}: {error}", file=sys.stderr)
        sys.exit(2)
    report = parsed["report"]
    print(json.dumps({"file": path, "report_type": parsed["report_type"], "report_id": report["report_id"],
                      "organization_name": report["organization_name"],
                      "policies": report["policies"]}, default=str))
