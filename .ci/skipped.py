"""The tests a JUnit report of pytest (--junitxml) says were skipped, each with its reason; exits 1
if there is one. `.ci/run` installs everything the tests need, so a skipped test there is a test
that did not run: a failure of the CI, not a footnote.

    python .ci/skipped.py REPORT.xml
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET


def skipped(report: str) -> tuple[int, list[str]]:
    """The number of tests in the report, and 'test: reason' for each skipped one."""
    cases = ET.parse(report).getroot().iter("testcase")
    total, found = 0, []
    for case in cases:
        total += 1
        for skip in case.iter("skipped"):
            found.append(f"{case.get('classname')}::{case.get('name')}: {skip.get('message', '').strip()}")
    return total, found


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print(__doc__.strip().splitlines()[-1].strip(), file=sys.stderr)
        return 2
    total, found = skipped(argv[0])
    if total == 0:
        print(f"FOUT: geen enkele test in {argv[0]}", file=sys.stderr)
        return 1
    for line in found:
        print(f"OVERGESLAGEN {line}", file=sys.stderr)
    if found:
        print(f"FOUT: {len(found)} van {total} tests overgeslagen", file=sys.stderr)
        return 1
    print(f"{total} tests, geen overgeslagen")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
