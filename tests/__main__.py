"""Run every test: ``python3 -m tests`` from the project root.

1. The stdlib suite (``python -m unittest discover``) on every interpreter of
   the promise: pyenv's CPython 2.7 and 3.6-3.13, and ``pypy3``.
2. The same tests under pytest in a venv (``.venv-test``) holding the oracles
   of tests/requirements.txt (twilio-python 9.13, PyJWT, hypothesis), where
   an oracle that fails to import is an error rather than a skip.
3. vermin, confirming the package's floor is Python 2.7 and 3.6 (stubs aside).
4. What users install (tests/deploy_checks.py): mypy's stubtest on the .pyi
   stubs, ``mypy --strict`` on the typed example, and the wheel from
   ``pip wheel .`` installed into fresh environments on 2.7, 3.6 and 3.13
   with the pip each ships, plus an sdist whose tests run.
5. The atheris fuzz target for decoding (tests/tools/fuzz_decode.py), for a bounded
   time on the venv's CPython: any exception outside the library's family
   fails the run.

Under ``CI=true`` a missing interpreter fails the run; elsewhere it is
reported and passed over. One summary line per interpreter, then a total.
"""
import glob
import hashlib
import os
import re
import shutil
import subprocess
import sys
from multiprocessing.pool import ThreadPool

from . import deploy_checks

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.join(ROOT, ".venv-test")
REQUIREMENTS = os.path.join(ROOT, "tests", "requirements.txt")
CPYTHONS = ["2.7", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]
IN_CI = os.environ.get("CI") == "true"


def interpreters():
    """[(label, path)] of the promise's interpreters, and the missing labels."""
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    found, missing = [], []
    for minor in CPYTHONS:
        paths = sorted(glob.glob(os.path.join(root, "versions", minor + ".*", "bin", "python")),
                       key=lambda p: [int(n) for n in re.findall(r"\d+", p.split("versions")[-1])])
        if paths:
            found.append(("cpython-" + paths[-1].split(os.sep)[-3], paths[-1]))
        else:
            missing.append("cpython-" + minor)
    pypy = shutil.which("pypy3")
    if pypy:
        found.append(("pypy3", pypy))
    else:
        missing.append("pypy3")
    return found, missing


def run_unittest(label_python):
    label, python = label_python
    env = dict(os.environ)
    env.pop("CAPABILITY_REQUIRE_ORACLES", None)
    proc = subprocess.run([python, "-m", "unittest", "discover", "-v", "-s", "tests", "-t", "."],
                          cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.stdout.decode("utf-8", "replace")
    # Passes are counted one by one: "Ran N" leaves out skips on 3.12.1 alone.
    passed = len(re.findall(r" \.\.\. ok$", out, re.M))
    bad = sum(int(n) for n in re.findall(r"(?:failures|errors|unexpected successes)=(\d+)", out))
    skipped = sum(int(n) for n in re.findall(r"skipped=(\d+)", out))
    if proc.returncode != 0 and not bad:
        bad = 1
    return label, passed, bad, skipped, out


def ensure_venv():
    stamp = os.path.join(VENV, "requirements.sha256")
    with open(REQUIREMENTS, "rb") as f:
        digest = hashlib.sha256(f.read()).hexdigest()
    if os.path.exists(stamp) and open(stamp).read() == digest:
        return
    shutil.rmtree(VENV, ignore_errors=True)
    subprocess.check_call([sys.executable, "-m", "venv", VENV])
    subprocess.check_call([os.path.join(VENV, "bin", "python"), "-m", "pip", "install", "-q",
                           "--disable-pip-version-check", "-r", REQUIREMENTS])
    with open(stamp, "w") as f:
        f.write(digest)


def run_pytest():
    env = dict(os.environ, CAPABILITY_REQUIRE_ORACLES="1")
    proc = subprocess.run([os.path.join(VENV, "bin", "python"), "-m", "pytest", "-q", "-p",
                           "no:cacheprovider", "tests"], cwd=ROOT, env=env,
                          stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.stdout.decode("utf-8", "replace")
    counts = dict((word, int(n)) for n, word in re.findall(r"(\d+) (passed|failed|skipped|errors?)", out))
    bad = counts.get("failed", 0) + counts.get("error", 0) + counts.get("errors", 0)
    if proc.returncode != 0 and not bad:
        bad = 1
    return "pytest-oracles", counts.get("passed", 0), bad, counts.get("skipped", 0), out


def run_vermin():
    proc = subprocess.run([os.path.join(VENV, "bin", "vermin"), "-q", "--no-tips", "--violations",
                           "-t=2.7-", "-t=3.6-", "--eval-annotations",
                           "--exclude-regex", r"\.pyi$", "capability"],
                          cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    ok = proc.returncode == 0
    return "vermin-2.7-3.6", int(ok), int(not ok), 0, proc.stdout.decode("utf-8", "replace")


FUZZ_SECONDS = int(os.environ.get("CAPABILITY_FUZZ_SECONDS", "40"))


def run_fuzz():
    env = dict(os.environ, PYTHONPATH=ROOT)
    proc = subprocess.run([os.path.join(VENV, "bin", "python"), os.path.join("tests", "fuzz_decode.py"),
                           "-max_total_time=%d" % FUZZ_SECONDS, "-rss_limit_mb=2048",
                           "-print_final_stats=1"],
                          cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    out = proc.stdout.decode("utf-8", "replace")
    runs = re.search(r"^Done (\d+) runs", out, re.M)
    ok = proc.returncode == 0 and runs is not None
    label = "atheris-fuzz-%ds%s" % (FUZZ_SECONDS, "-%s-runs" % runs.group(1) if runs else "")
    return label, int(ok), int(not ok), 0, out


def main():
    found, missing = interpreters()
    results = []
    for label in missing:
        print("%s: missing%s" % (label, " (required under CI=true)" if IN_CI else ", passed over"))
        if IN_CI:
            results.append((label, 0, 1, 0, "interpreter not found"))
    pool = ThreadPool(2)
    stdlib = pool.map_async(run_unittest, found)
    ensure_venv()
    results.extend(stdlib.get())
    results.append(run_pytest())
    results.append(run_vermin())
    results.append(deploy_checks.run_stubtest(VENV))
    results.append(deploy_checks.run_mypy_strict(VENV))
    results.append(deploy_checks.run_packaging(VENV))
    results.append(run_fuzz())
    for label, passed, failed, skipped, out in results:
        if failed:
            sys.stdout.write("----- %s -----\n%s\n" % (label, out.rstrip()))
    for label, passed, failed, skipped, out in results:
        line = "%s: %d passed, %d failed" % (label, passed, failed)
        print(line + (", %d skipped" % skipped if skipped else ""))
    failed = sum(r[2] for r in results)
    print("total: %d passed, %d failed" % (sum(r[1] for r in results), failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
