"""Run the tests: ``python3 -m tests`` from the project root runs every stage.

    python3 -m tests                          # everything (CI runs this)
    python3 -m tests --only stdlib            # standard library only: no venv, no network
    python3 -m tests --only stdlib,ruff --python cpython-3.13,pypy3
    python3 -m tests --only pytest -- tests/test_jws.py -k header

Stages, in order (``--list`` prints them):

stdlib     the stdlib suite (tests/tools/unittest_counts.py) on every interpreter of
           the promise: pyenv's CPython 2.7 and 3.6-3.13, and ``pypy3``.
pytest     the same tests under pytest in ``.venv-test``, which holds the pinned
           oracles of tests/requirements.txt; a missing oracle is an error, not a skip.
ruff       the linter (.ruff.toml) on the package, tests, examples and benchmarks.
vermin     the package's floor is Python 2.7 and 3.6 (stubs aside).
stubtest, mypy-strict, packaging   what users install (tests/deploy_checks.py).
fuzz       the atheris target for decoding (tests/tools/fuzz_decode.py), for a bounded time.
lambda     the Lambda handler under AWS's runtime client on CPython 3.9, 3.12 and 3.13
           (tests/tools/lambda_runtime.py).
browser    both browser pages in headless Chromium with Twilio's SDKs from npm
           (tests/tools/browser.py).
leftovers  the run left nothing in the checkout or in the temporary folder.

A stage is one line of STAGES: a name and a function of the run (``Run``) that
returns a ``Result`` or a list of them (``Stage("lambda", lambda_runtime.check)``),
or with ``per_python=True`` a function of the run, a label and an interpreter.
Each step prints a line as it starts and as it ends; the closing summary is one
``label: N passed, N failed[, N skipped]`` line per step and
``total: N passed, N failed``. Under ``CI=true`` a missing interpreter fails
the run; elsewhere it is reported and passed over.
"""
import argparse
import collections
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ElementTree
from multiprocessing.pool import ThreadPool

# The runner's own imports cache no bytecode in the checkout (all but tests/__init__.py,
# imported by ``-m tests`` before this line; ``python3 -B -m tests`` avoids that one too).
sys.dont_write_bytecode = True

from . import deploy_checks  # noqa: E402
from .tools import browser, lambda_runtime, pythons, unittest_counts  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".venv-test")
REQUIREMENTS = os.path.join(ROOT, "tests", "requirements.txt")
VENV_PYTHON = (3, 11)  # the oldest Python the pins of tests/requirements.txt install on
IN_CI = os.environ.get("CI") == "true"
FUZZ_SECONDS = int(os.environ.get("CAPABILITY_FUZZ_SECONDS", "40"))
JOBS = 2  # interpreters run side by side
ORACLES = ["twilio", "jwt", "hypothesis", "pytest"]  # what the pytest stage compares against

Result = collections.namedtuple("Result", "label passed failed skipped output")
Stage = collections.namedtuple("Stage", "name function per_python")
Stage.__new__.__defaults__ = (False,)


class StageError(Exception):
    """A stage cannot run at all (no venv, no index); the message says why."""


class Run(object):
    """What stages share: the chosen interpreters, pytest's extra arguments, one
    temporary folder (removed by the runner) and the environment for children.
    Stages in other modules make their results with ``run.Result``."""

    Result = Result

    def __init__(self, pythons_found, pytest_args, tmp):
        self.pythons = pythons_found
        self.pytest_args = pytest_args
        self.tmp = tmp
        self.started = snapshot()
        self._venv = None
        # Children write no bytecode into the checkout, and keep temporary files
        # (hypothesis's database too) inside the run's folder.
        self.env = dict(os.environ, TMPDIR=tmp, PYTHONDONTWRITEBYTECODE="1",
                        HYPOTHESIS_STORAGE_DIRECTORY=os.path.join(tmp, "hypothesis"))
        self.env.pop("CAPABILITY_REQUIRE_ORACLES", None)

    def venv(self):
        """The test venv's path, made or refreshed on first use; if that failed, every
        stage that needs it fails with the same message, without trying again."""
        if self._venv is None:
            try:
                ensure_venv(self.env)
                self._venv = VENV
            except StageError as error:
                self._venv = error
        if isinstance(self._venv, StageError):
            raise self._venv
        return self._venv

    def venv_tool(self, name):
        return os.path.join(self.venv(), "bin", name)


def execute(args, env, cwd=ROOT):
    """``(exit status, output)`` of a command, stderr folded into stdout."""
    proc = subprocess.run(args, cwd=cwd, env=env, stdout=subprocess.PIPE,
                          stderr=subprocess.STDOUT)
    return proc.returncode, proc.stdout.decode("utf-8", "replace")


def verdict(label, status, output):
    """A one-check Result: passed when the command exited 0."""
    ok = status == 0
    return Result(label, int(ok), int(not ok), 0, output)


def ensure_venv(env):
    """Make .venv-test from tests/requirements.txt, unless its stamp says it is current."""
    stamp = os.path.join(VENV, "requirements.sha256")
    with open(REQUIREMENTS, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if os.path.exists(stamp) and open(stamp).read() == digest:
        return
    if sys.version_info[:2] < VENV_PYTHON:
        raise StageError("the test venv needs Python %d.%d or newer for the pins of "
                         "tests/requirements.txt; run the tests with a newer python3"
                         % VENV_PYTHON)
    say("making .venv-test from tests/requirements.txt (about 370 MB from the package index)")
    shutil.rmtree(VENV, ignore_errors=True)
    status, output = execute([sys.executable, "-m", "venv", VENV], env)
    if status == 0:
        status, more = execute([os.path.join(VENV, "bin", "python"), "-m", "pip", "install",
                                "-q", "--disable-pip-version-check", "-r", REQUIREMENTS], env)
        output += more
    if status != 0:
        raise StageError("%s\ncould not install tests/requirements.txt into .venv-test: it needs "
                         "a package index (PyPI). `python3 -m tests --only stdlib` runs the "
                         "standard-library tests without one." % output.rstrip())
    with open(stamp, "w") as f:
        f.write(digest)


def missing_modules(run, names):
    """The modules of ``names`` the test venv cannot import."""
    probe = "import importlib.util, sys; print(' '.join(n for n in sys.argv[1:] " \
            "if importlib.util.find_spec(n) is None))"
    status, output = execute([run.venv_tool("python"), "-c", probe] + names, run.env)
    return output.split() if status == 0 else names


def run_stdlib(run, label, python):
    status, output = execute([python, "-m", "tests.tools.unittest_counts"], run.env)
    lines = [line for line in output.splitlines() if line.startswith(unittest_counts.MARKER)]
    if not lines:
        return Result(label, 0, 1, 0, output)
    counts = json.loads(lines[-1][len(unittest_counts.MARKER):])
    failed = counts["failed"] or int(status != 0)
    return Result(label, counts["passed"], failed, counts["skipped"], output)


def run_pytest(run):
    missing = missing_modules(run, ORACLES)
    if missing:
        return Result("pytest-oracles", 0, 1, 0, "the oracles %s are missing from .venv-test: "
                      "delete .venv-test to remake it from tests/requirements.txt"
                      % ", ".join(missing))
    report = os.path.join(run.tmp, "pytest-junit.xml")
    # Paths among the extra arguments replace the default "tests".
    paths = [] if any(not arg.startswith("-") for arg in run.pytest_args) else ["tests"]
    status, output = execute([run.venv_tool("python"), "-m", "pytest", "-q", "-p",
                              "no:cacheprovider", "--junitxml", report] + paths + run.pytest_args,
                             dict(run.env, CAPABILITY_REQUIRE_ORACLES="1"))
    if not os.path.exists(report):
        return Result("pytest-oracles", 0, 1, 0, output)
    totals = collections.Counter()
    for suite in ElementTree.parse(report).getroot().iter("testsuite"):
        for key in ("tests", "failures", "errors", "skipped"):
            totals[key] += int(suite.get(key, 0))
    failed = totals["failures"] + totals["errors"]
    passed = totals["tests"] - failed - totals["skipped"]
    return Result("pytest-oracles", passed, failed or int(status != 0), totals["skipped"], output)


def run_ruff(run):
    status, output = execute([run.venv_tool("ruff"), "check", "--no-cache", "capability", "tests",
                              "examples", "benchmarks"], run.env)
    return verdict("ruff", status, output)


def run_vermin(run):
    status, output = execute([run.venv_tool("vermin"), "-q", "--no-tips", "--violations",
                              "-t=2.7-", "-t=3.6-", "--eval-annotations",
                              "--exclude-regex", r"\.pyi$", "capability"], run.env)
    return verdict("vermin-2.7-3.6", status, output)


def run_fuzz(run):
    if missing_modules(run, ["atheris"]):
        message = "atheris is not installed (its wheels are for Linux only)"
        if IN_CI:
            return Result("atheris-fuzz", 0, 1, 0, message + ", and CI=true requires it")
        return Result("atheris-fuzz", 0, 0, 1, message + ": passed over")
    corpus = os.path.join(run.tmp, "fuzz-corpus")
    os.mkdir(corpus)
    target = os.path.join("tests", "tools", "fuzz_decode.py")
    status, output = execute([run.venv_tool("python"), target,
                              "-max_total_time=%d" % FUZZ_SECONDS, "-rss_limit_mb=2048",
                              "-print_final_stats=1", "-artifact_prefix=%s/" % run.tmp, corpus],
                             dict(run.env, PYTHONPATH=ROOT))
    # libFuzzer has no machine-readable report; its closing line is "Done N runs in S second(s)".
    runs = re.search(r"^Done (\d+) runs", output, re.M)
    ok = status == 0 and runs is not None
    label = "atheris-fuzz-%ds%s" % (FUZZ_SECONDS, "-%s-runs" % runs.group(1) if runs else "")
    return Result(label, int(ok), int(not ok), 0, output)


def snapshot():
    """What the run must not add to: the checkout's files (the test venv aside) and
    the names in the temporary folder that mention the project."""
    files = set()
    for folder, subfolders, names in os.walk(ROOT):
        # .venv-test, the Lambda runtimes' venvs and the npm folder are the run's own caches.
        subfolders[:] = [name for name in subfolders if folder != ROOT or
                         not (name == ".git" or name.startswith(".venv"))]
        files.update(os.path.relpath(os.path.join(folder, name), ROOT) for name in names)
    tmp = set(name for name in os.listdir(tempfile.gettempdir()) if "capability" in name)
    return files, tmp


def run_leftovers(run):
    files, tmp = snapshot()
    own = os.path.basename(run.tmp)
    left = ["in the checkout: " + path for path in sorted(files - run.started[0])]
    left += ["in %s: %s" % (tempfile.gettempdir(), name)
             for name in sorted(tmp - run.started[1]) if name != own]
    note = ("\n(on a machine shared with other runs of this project, their folders in %s "
            "show here too)" % tempfile.gettempdir())
    return Result("leftovers", int(not left), int(bool(left)), 0,
                  "the run left these behind:\n" + "\n".join(left) + note if left else "")


# One line per stage; the order is the order they run in, leftovers last.
STAGES = [
    Stage("stdlib", run_stdlib, per_python=True),
    Stage("pytest", run_pytest),
    Stage("ruff", run_ruff),
    Stage("vermin", run_vermin),
    Stage("stubtest", deploy_checks.run_stubtest),
    Stage("mypy-strict", deploy_checks.run_mypy_strict),
    Stage("packaging", deploy_checks.run_packaging),
    Stage("fuzz", run_fuzz),
    Stage("lambda", lambda_runtime.check),
    Stage("browser", browser.check),
    Stage("leftovers", run_leftovers),
]

_print_lock = threading.Lock()


def say(line):
    with _print_lock:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def step(label, function, *args):
    """Run one step, printing a line as it starts and as it ends; a list of Results."""
    say("start  %s" % label)
    started = time.time()
    try:
        results = function(*args)
    except StageError as error:
        results = Result(label, 0, 1, 0, str(error))
    results = results if isinstance(results, list) else [results]
    for result in results:
        say("end    %s: %s in %.1f s" % (result.label, "failed" if result.failed else "passed",
                                         time.time() - started))
    return results


def summary_line(result):
    line = "%s: %d passed, %d failed" % (result.label, result.passed, result.failed)
    return line + (", %d skipped" % result.skipped if result.skipped else "")


def parse_args(argv):
    parser = argparse.ArgumentParser(
        prog="python3 -m tests", description="Run the test stages (all of them by default).",
        epilog="Arguments after -- go to pytest (paths among them replace the default 'tests').")
    parser.add_argument("--only", metavar="STAGE[,STAGE]",
                        help="run only these stages: " + ", ".join(s.name for s in STAGES))
    parser.add_argument("--python", metavar="LABEL[,LABEL]",
                        help="run the per-interpreter stages on these only "
                             "(cpython-2.7, cpython-3.13.0, 3.12, pypy3)")
    parser.add_argument("--list", action="store_true",
                        help="print the stages and the interpreters found, then stop")
    if "--" in argv:
        cut = argv.index("--")
        argv, pytest_args = argv[:cut], argv[cut + 1:]
    else:
        pytest_args = []
    options = parser.parse_args(argv)
    options.pytest_args = pytest_args
    names = [s.name for s in STAGES]
    options.stages = STAGES
    if options.only:
        wanted = [name.strip() for name in options.only.split(",") if name.strip()]
        unknown = [name for name in wanted if name not in names]
        if unknown:
            parser.error("no stage %s; the stages are %s" % (", ".join(unknown), ", ".join(names)))
        options.stages = [s for s in STAGES if s.name in wanted]
    return parser, options


def main(argv=None):
    parser, options = parse_args(sys.argv[1:] if argv is None else argv)
    found, missing = pythons.discover()
    if options.python:
        found, unknown = pythons.select(found, options.python.split(","))
        if unknown:
            parser.error("no interpreter %s here; found %s" % (", ".join(unknown), ", ".join(
                pythons.discover()[0]) or "none"))
        missing = []
    if options.list:
        say("stages: " + ", ".join(s.name for s in options.stages))
        for label, path in found.items():
            say("%s: %s" % (label, path))
        for label in missing:
            say("%s: missing" % label)
        return 0
    results = []
    if any(s.per_python for s in options.stages):
        for label in missing:
            if IN_CI:
                results.append(Result(label, 0, 1, 0, "%s is missing, and CI=true requires every "
                                      "interpreter of the promise: install it (pyenv install %s, "
                                      "or apt-get install pypy3)" % (label, label.split("-")[-1])))
            say("%s: missing, %s" % (label, "required under CI=true" if IN_CI else "passed over"))
    tmp = tempfile.mkdtemp(prefix="capability-run-")
    try:
        run = Run(found, options.pytest_args, tmp)
        pool = ThreadPool(JOBS)
        try:
            for stage in options.stages:
                if stage.per_python:
                    steps = pool.map(lambda item: step(item[0], stage.function, run, *item),
                                     list(found.items()), chunksize=1)
                    results.extend(result for batch in steps for result in batch)
                else:
                    results.extend(step(stage.name, stage.function, run))
        finally:
            pool.close()
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    for result in results:
        if result.failed:
            say("----- %s -----\n%s" % (result.label, result.output.rstrip()))
    for result in results:
        say(summary_line(result))
    failed = sum(result.failed for result in results)
    say("total: %d passed, %d failed" % (sum(result.passed for result in results), failed))
    return 1 if failed or not results else 0


if __name__ == "__main__":
    sys.exit(main())
