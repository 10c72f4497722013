"""The runner's checks of what users install: stubs and typed use.

Called by tests/__main__.py with the test venv (mypy); each check
returns ``(label, passed, failed, skipped, output)`` like the runner's own.
"""
import os
import re
import subprocess

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE_DIR = os.path.join(ROOT, "capability")
TIMEOUT = 300  # seconds for one command


def run(args, log, cwd=ROOT, env=None):
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


def mypy_env(venv):
    return dict(os.environ, MYPY_CACHE_DIR=os.path.join(venv, "mypy-cache"))


def run_stubtest(venv):
    """mypy's stubtest: every module has a stub, and the stubs match the code."""
    log = []
    missing = [path for path in modules() if not os.path.exists(path + "i")]
    ok = run([os.path.join(venv, "bin", "python"), "-m", "mypy.stubtest", "capability"],
             log, env=mypy_env(venv))
    if missing:
        log.append("no stub for: %s. Write the .pyi beside each module, in the style of "
                   "capability/client.pyi." % ", ".join(missing))
    if not ok:
        log.append("The stubs (capability/*.pyi) disagree with the code: fix the stub of "
                   "each name that an 'error:' line above gives.")
    checked = re.search(r"(?:checked|found in) (\d+) modules", log[1])
    passed = int(checked.group(1)) - len(missing) if ok and checked else 0
    return "stubtest", passed, int(not ok) + len(missing), 0, "\n".join(log)


def run_mypy_strict(venv):
    """``mypy --strict`` on the typed example, and on misuses it must catch."""
    log = []
    ok = run([os.path.join(venv, "bin", "python"), "-m", "mypy", "--strict",
              "examples/typed_usage.py", "tests/typed_misuse.py"], log, env=mypy_env(venv))
    return "mypy-strict", int(ok), int(not ok), 0, "\n".join(log)
