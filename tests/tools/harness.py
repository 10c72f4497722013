"""What both real-runtime harnesses share: stopping what they start, and their report."""
from __future__ import print_function

import collections
import subprocess
import sys
import time

# The runner's Result: one per runtime or page.
Result = collections.namedtuple("Result", "label passed failed skipped output")


def stop(proc):
    """Stop a process we started, by its PID, and reap it."""
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def check(name, ensure, run):
    """A runner stage: ``ensure()`` then ``run()``, as Results; what ensure() cannot
    find fails the stage under CI=true and is skipped elsewhere."""
    try:
        ensure()  # what it cannot find, run() reports as skipped
    except Exception as error:  # an install that failed, or anything missing under CI=true
        return [Result(name, 0, 1, 0, "%s: %s" % (type(error).__name__, error))]
    return [Result(*result) for result in run()]


def main(name, ensure, run):
    """``ensure()``, then ``run()``'s output and the closing count; the exit status."""
    began = time.monotonic()
    missing = ensure()
    total = [0, 0, 0]
    for label, passed, failed, skipped, output in run():
        sys.stdout.write(output)
        total = [total[0] + passed, total[1] + failed, total[2] + skipped]
    for problem in missing:
        print("skipped: " + problem)
    print("%s: %.1f s" % (name, time.monotonic() - began))
    print("%d passed, %d failed, %d skipped" % tuple(total))
    return 1 if total[1] else 0


class Tally(object):
    """The lines and counts of one runtime's or page's checks."""

    def __init__(self, title):
        self.lines, self.passed, self.failed = [title], 0, 0

    def check(self, name, problem):
        """Count a check: ``problem`` is None when it passed, else what went wrong."""
        self.lines.append("  %s %s%s" % ("ok  " if problem is None else "FAIL", name,
                                         "" if problem is None else ": " + problem))
        if problem is None:
            self.passed += 1
        else:
            self.failed += 1
        return problem is None

    def result(self, label):
        return Result(label, self.passed, self.failed, 0, "\n".join(self.lines) + "\n")
