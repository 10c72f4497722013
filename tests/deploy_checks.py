"""The runner's checks of what users install: stubs, typed use, wheel and sdist.

Stages of tests/__main__.py: each takes the run (its test venv, temporary
folder and environment) and returns the runner's ``Result``.
"""
import glob
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile

from .tools import pythons

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE_DIR = os.path.join(ROOT, "capability")
IN_CI = os.environ.get("CI") == "true"
# The Pythons the wheel is installed on, each with the pip it ships.
INSTALL_PYTHONS = ["cpython-2.7", "cpython-3.6", "cpython-3.13"]
TIMEOUT = 300  # seconds for one build or install; building may fetch setuptools
# What never goes into a build: VCS data, environments, caches, earlier builds.
NOT_SOURCE = shutil.ignore_patterns(".git", ".venv*", "build", "dist", "*.egg-info",
                                    "__pycache__", "*.py[cod]", ".mypy_cache",
                                    ".hypothesis", ".pytest_cache")

# Runs in a fresh environment: the installed package must make the golden tokens.
TOKEN_PROBE = r"""
import os, sys
import capability
root, home = sys.argv[1], os.path.realpath(sys.argv[2])
where = os.path.realpath(capability.__file__)
assert where.startswith(home + os.sep), "capability came from %s, not %s" % (where, home)
for name in ("py.typed", "client.pyi"):
    assert os.path.exists(os.path.join(os.path.dirname(where), name)), name + " not installed"
sys.path.append(root)  # after the import above: only for the vectors and their replay
from tests.support import golden_token, load_vectors
vectors = load_vectors("client_capability.json")
for case in vectors["cases"]:
    assert golden_token(vectors, case) == case["token"], case["label"]
print("%d golden tokens from %s" % (len(vectors["cases"]), where))
"""


def command(args, log, env, cwd=ROOT):
    """Run a command, add it and its output to ``log``; True when it exits 0."""
    log.append("$ " + " ".join("<script>" if "\n" in arg else arg for arg in args))
    try:
        proc = subprocess.run(args, cwd=cwd, env=env, stdout=subprocess.PIPE,
                              stderr=subprocess.STDOUT, timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        log.append("timed out after %d s" % TIMEOUT)
        return False
    log.append(proc.stdout.decode("utf-8", "replace").rstrip())
    return proc.returncode == 0


def modules():
    """Paths of the package's modules, relative to the root."""
    found = []
    for folder, subfolders, names in os.walk(PACKAGE_DIR):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        found.extend(os.path.relpath(os.path.join(folder, name), ROOT)
                     for name in names if name.endswith(".py"))
    return sorted(found)


def mypy_env(run):
    return dict(run.env, MYPY_CACHE_DIR=os.path.join(run.venv(), "mypy-cache"))


def run_stubtest(run):
    """mypy's stubtest: every module has a stub, and the stubs match the code."""
    log = []
    missing = [path for path in modules() if not os.path.exists(path + "i")]
    # stubtest reads no MYPY_CACHE_DIR: a config file keeps its cache out of the checkout.
    config = os.path.join(run.tmp, "stubtest.ini")
    with open(config, "w") as f:
        f.write("[mypy]\ncache_dir = %s\n" % os.path.join(run.venv(), "mypy-cache"))
    ok = command([run.venv_tool("python"), "-m", "mypy.stubtest", "--mypy-config-file", config,
                  "capability"], log, mypy_env(run))
    if missing:
        log.append("no stub for: %s. Write the .pyi beside each module, in the style of "
                   "capability/client.pyi." % ", ".join(missing))
    if not ok:
        log.append("The stubs (capability/*.pyi) disagree with the code: fix the stub of "
                   "each name that an 'error:' line above gives.")
    checked = re.search(r"(?:checked|found in) (\d+) modules", log[1])
    passed = int(checked.group(1)) - len(missing) if ok and checked else 0
    return run.Result("stubtest", passed, int(not ok) + len(missing), 0, "\n".join(log))


def run_mypy_strict(run):
    """``mypy --strict`` on the typed example, and on misuses it must catch."""
    log = []
    ok = command([run.venv_tool("python"), "-m", "mypy", "--strict",
                  "examples/typed_usage.py", "tests/typed_misuse.py"], log, mypy_env(run))
    return run.Result("mypy-strict", int(ok), int(not ok), 0, "\n".join(log))


def clean_env(run):
    """The run's environment without pip settings or PYTHONPATH: a user's fresh shell."""
    env = dict((k, v) for k, v in run.env.items()
               if not k.startswith("PIP_") and k not in ("PYTHONPATH", "PYTHONHOME"))
    env["PIP_CONFIG_FILE"] = os.devnull  # no machine-wide index or constraints either
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    return env


def install(run, python, label, artifact, home, log):
    """Install the wheel (or, on 2.7, the sdist) into a fresh environment at ``home``
    with this Python's own pip.

    3.x: a venv, whose pip is the one the interpreter bundles (ensurepip).
    2.7 has no venv module; rather than add virtualenv to the interpreter, its
    bundled pip is run straight from the ensurepip wheel into a --target folder.
    Returns (python to run, extra environment) or None.
    """
    env = clean_env(run)
    if not label.startswith("cpython-2."):
        if not command([python, "-m", "venv", home], log, env):
            return None
        python = os.path.join(home, "bin", "python")
        ok = command([python, "-m", "pip", "install", "-q", "--no-index", "--no-deps", artifact],
                     log, env)
        return (python, {}) if ok else None
    lib = os.path.dirname(os.path.dirname(python))
    bundled = glob.glob(os.path.join(lib, "lib", "python2.7", "ensurepip", "_bundled",
                                     "pip-*.whl"))
    if not bundled:
        log.append("2.7 has no ensurepip wheel of pip under %s" % lib)
        return None
    ok = command([python, os.path.join(bundled[0], "pip"), "install", "-q", "--no-index",
                  "--no-deps", "--target", home, artifact], log, env)
    return (python, {"PYTHONPATH": home}) if ok else None


def check_wheel(wheelhouse, log, how="pip wheel ."):
    """Problems with the one wheel a build must make: its name and contents."""
    made = sorted(name for name in os.listdir(wheelhouse) if name.endswith(".whl"))
    if len(made) != 1 or not re.match(r"^capability-[^-]+-py2\.py3-none-any\.whl$", made[0]):
        return ["%s made %s, not one py2.py3-none-any wheel" % (how, made)], None
    wheel = os.path.join(wheelhouse, made[0])
    with zipfile.ZipFile(wheel) as archive:
        inside = set(name for name in archive.namelist() if ".dist-info/" not in name)
        metadata = [name for name in archive.namelist() if name.endswith(".dist-info/METADATA")]
        headers = archive.read(metadata[0]).decode("utf-8").split("\n\n")[0].splitlines()
    wanted = set(path.replace(os.sep, "/") for path in modules())
    wanted |= set(path + "i" for path in wanted) | set(["capability/py.typed"])
    problems = ["the wheel lacks " + name for name in sorted(wanted - inside)]
    # PEP 639: the licence as an SPDX expression, not the deprecated classifier.
    problems += ["the wheel's metadata lacks " + line for line in
                 ("License-Expression: MIT", "License-File: LICENSE") if line not in headers]
    problems += ["the wheel's metadata has the deprecated " + line for line in headers
                 if line.startswith("Classifier: License ::")]
    problems += ["the wheel holds " + name for name in sorted(inside - wanted)]
    log.append("%s: %d files besides its metadata" % (made[0], len(inside)))
    return problems, wheel


def check_sdist(run, sdists, src, log):
    """Problems with the sdist: one file, holding the tests, examples and benchmarks, runnable."""
    made = sorted(name for name in os.listdir(sdists) if not name.endswith(".whl"))
    if len(made) != 1 or not made[0].endswith(".tar.gz"):
        return ["the sdist build made %s, not one .tar.gz" % (made,)]
    top = made[0][:-len(".tar.gz")]
    with tarfile.open(os.path.join(sdists, made[0])) as archive:
        inside = set(name[len(top) + 1:] for name in archive.getnames())
        if hasattr(tarfile, "data_filter"):  # 3.12+ warns unless told how to filter
            archive.extractall(sdists, filter="data")
        else:
            archive.extractall(sdists)
    problems = []
    for folder in ("capability", "tests", "examples", "benchmarks"):
        for base, subfolders, names in os.walk(os.path.join(src, folder)):
            for name in names:
                path = os.path.relpath(os.path.join(base, name), src).replace(os.sep, "/")
                if path not in inside:
                    problems.append("the sdist lacks " + path)
    problems += ["the sdist holds " + name for name in sorted(inside)
                 if "__pycache__" in name or name.endswith((".pyc", ".pyo"))]
    # The sdist's tests, run from the unpacked sdist alone.
    if not command([sys.executable, "-m", "unittest", "discover", "-s", "tests", "-t", "."], log,
                   clean_env(run), cwd=os.path.join(sdists, top)):
        problems.append("the tests failed when run from the unpacked sdist")
    log.append("%s: %d entries" % (made[0], len(inside)))
    return problems


def check_release(run, release, log):
    """Problems ``twine check --strict`` finds in what would be uploaded: the
    metadata, and the README rendered as the long description."""
    files = sorted(os.path.join(release, name) for name in os.listdir(release))
    if command([run.venv_tool("twine"), "check", "--strict"] + files, log, run.env):
        return []
    return ["twine check failed: PyPI would refuse the metadata or not render the README"]


def run_packaging(run):
    """Build the wheel (pip wheel .) and the release (python -m build: the sdist and
    the wheel made from it) from clean copies; twine check the release; install the
    wheel into fresh environments on 2.7, 3.6 and 3.13 (on 2.7 the sdist too) and
    make the golden tokens there."""
    log, problems, passed, skipped = [], [], 0, 0
    tmp = tempfile.mkdtemp(prefix="packaging-", dir=run.tmp)
    try:
        src = os.path.join(tmp, "src")
        shutil.copytree(ROOT, src, ignore=NOT_SOURCE)
        python = run.venv_tool("python")
        wheelhouse = os.path.join(tmp, "wheelhouse")
        wheel = None
        if command([python, "-m", "pip", "wheel", "-q", "--no-deps", "-w", wheelhouse, "."], log,
                   run.env, cwd=src):
            found, wheel = check_wheel(wheelhouse, log)
            problems += found
        else:
            problems.append("pip wheel . failed")
        passed += not problems
        release = os.path.join(tmp, "release")
        build_src = os.path.join(tmp, "release-src")  # a fresh copy: the wheel build left files
        shutil.copytree(ROOT, build_src, ignore=NOT_SOURCE)
        sdist = None
        if command([python, "-m", "build", "--outdir", release, build_src], log, run.env):
            found = check_release(run, release, log)
            found += check_wheel(release, log, "python -m build")[0]
            sdist = glob.glob(os.path.join(release, "*.tar.gz"))[:1]
            found += check_sdist(run, release, build_src, log)  # unpacks it into release
            problems += found
            passed += not found
        else:
            problems.append("python -m build failed")
        chosen, missing = pythons.select(pythons.discover()[0], INSTALL_PYTHONS)
        for label in missing:
            message = "no %s under pyenv to install the wheel on" % label
            if IN_CI:
                problems.append(message + " (required under CI=true)")
            else:
                log.append(message + ": passed over")
                skipped += 1
        # 2.7's pip (19.2) also builds the sdist, with the interpreter's own setuptools:
        # the metadata must not need a newer one.
        installs = [(label, "wheel", wheel) for label in chosen if wheel]
        installs += [(label, "sdist", sdist[0]) for label in chosen
                     if sdist and label.startswith("cpython-2.")]
        for label, kind, artifact in installs:
            home = os.path.join(tmp, "env-%s-%s" % (label, kind))
            installed = install(run, chosen[label], label, artifact, home, log)
            if installed is None:
                problems.append("installing the %s on %s failed" % (kind, label))
                continue
            runner, extra = installed
            env = dict(clean_env(run), **extra)
            if command([runner, "-s", "-c", TOKEN_PROBE, ROOT, home], log, env, cwd=tmp):
                passed += 1
            else:
                problems.append("the %s installed on %s made wrong tokens" % (kind, label))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    log.extend("PROBLEM: " + problem for problem in problems)
    return run.Result("packaging", passed, len(problems), skipped, "\n".join(log))
