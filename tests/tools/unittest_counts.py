"""``python -m unittest discover -s tests -t .`` that also reports its counts.

    python -m tests.tools.unittest_counts

The test runner runs this on every interpreter (2.7 included) and reads the
last line, ``unittest-counts: {"passed": N, "failed": N, "skipped": N}``,
rather than scraping unittest's report: its "Ran N" line is not the number
of passes (3.12.1 alone leaves skips out of it), and subtests fail one by one.
"""
import json
import sys
import unittest

MARKER = "unittest-counts: "


class CountingResult(unittest.TextTestResult):
    passed = 0

    def addSuccess(self, test):
        super(CountingResult, self).addSuccess(test)
        self.passed += 1


def main():
    suite = unittest.TestLoader().discover("tests", top_level_dir=".")
    result = unittest.TextTestRunner(resultclass=CountingResult, verbosity=1).run(suite)
    failed = len(result.failures) + len(result.errors) + len(result.unexpectedSuccesses)
    counts = {"passed": result.passed, "failed": failed, "skipped": len(result.skipped)}
    sys.stderr.flush()
    sys.stdout.write(MARKER + json.dumps(counts, sort_keys=True) + "\n")
    return 0 if result.wasSuccessful() else 1


if __name__ == "__main__":
    sys.exit(main())
