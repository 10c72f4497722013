"""The interpreters of the promise on this machine: pyenv's CPythons and ``pypy3``.

The test runner and its packaging check both ask here, so there is one answer
to "which Pythons do we have". Labels are ``cpython-X.Y.Z`` and ``pypy3``; a
wanted name matches a label exactly or as a version prefix (``cpython-3.13``
or ``3.13`` matches ``cpython-3.13.0``).
"""
import os
import re
import shutil
from collections import OrderedDict

CPYTHONS = ["2.7", "3.6", "3.7", "3.8", "3.9", "3.10", "3.11", "3.12", "3.13"]


def pyenv_root():
    return os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")


def discover():
    """``(found, missing)``: an OrderedDict label -> path, and the labels not found.

    For each minor the newest plain release under pyenv wins (``3.13.0t`` or
    ``3.12-dev`` builds are not the promise's interpreters).
    """
    versions = os.path.join(pyenv_root(), "versions")
    names = os.listdir(versions) if os.path.isdir(versions) else []
    found, missing = OrderedDict(), []
    for minor in CPYTHONS:
        releases = [name for name in names if re.match(r"^%s\.\d+$" % re.escape(minor), name)
                    and os.path.exists(os.path.join(versions, name, "bin", "python"))]
        if releases:
            newest = max(releases, key=lambda name: [int(n) for n in name.split(".")])
            found["cpython-" + newest] = os.path.join(versions, newest, "bin", "python")
        else:
            missing.append("cpython-" + minor)
    pypy = shutil.which("pypy3")
    if pypy:
        found["pypy3"] = pypy
    else:
        missing.append("pypy3")
    return found, missing


def matches(label, wanted):
    if not wanted.startswith(("cpython-", "pypy")):
        wanted = "cpython-" + wanted
    return label == wanted or label.startswith(wanted + ".")


def select(found, wanted):
    """``(chosen, unknown)``: the entries of ``found`` some wanted name matches, in
    ``found``'s order, and the wanted names that match none."""
    chosen = OrderedDict((label, path) for label, path in found.items()
                         if any(matches(label, name) for name in wanted))
    unknown = [name for name in wanted if not any(matches(label, name) for label in found)]
    return chosen, unknown
