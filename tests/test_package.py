"""The package's promises about itself: its public names, what it imports, its metadata."""
import os
import re
import subprocess
import sys
import unittest

import capability

from .support import BARE_PYTHON
from .tools import pythons

try:
    from configparser import RawConfigParser
except ImportError:  # Python 2
    from ConfigParser import RawConfigParser

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# What `import capability` must not pull in: Lambda pays for each at cold start.
HEAVY = ("json", "base64", "urllib", "re", "collections", "email", "http", "typing")

PROBE = r"""
import os, sys
before = set(sys.modules)
import MODULES
stdlib = os.path.dirname(os.__file__)
for name in sorted(set(sys.modules) - before):
    module = sys.modules[name]
    path = getattr(module, "__file__", None) or ""
    where = "builtin" if not path else ("stdlib" if path.startswith(stdlib) else path)
    print("%s %s" % (name, where))
"""


class PublicNamesTest(unittest.TestCase):

    def test_all_is_honest(self):
        public = set(name for name in vars(capability)
                     if not name.startswith("_") and not isinstance(
                         getattr(capability, name), type(sys)))
        self.assertEqual(sorted(capability.__all__), sorted(public))
        for name in capability.__all__:
            self.assertTrue(hasattr(capability, name), name)

    def test_exceptions_form_one_family(self):
        for name in capability.__all__:
            thing = getattr(capability, name)
            if isinstance(thing, type) and issubclass(thing, Exception) \
                    and not issubclass(thing, Warning):
                self.assertTrue(issubclass(thing, capability.CapabilityError), name)


class ImportCostTest(unittest.TestCase):

    def imports(self, statement):
        out = subprocess.check_output(BARE_PYTHON + ["-c", PROBE.replace("MODULES", statement)],
                                      cwd=ROOT)
        return [line.split(" ", 1) for line in out.decode("utf-8").splitlines()]

    def test_import_pulls_in_only_the_standard_library(self):
        rows = self.imports("capability")
        self.assertTrue(any(name == "capability" for name, _ in rows), rows)
        # PyPy's own hashlib imports re and base64; only what we add on top counts.
        baseline = set(name for name, _ in self.imports("hashlib, hmac"))
        for name, where in rows:
            with self.subTest(name):
                if name.split(".")[0] == "capability":
                    continue
                self.assertIn(where, ("builtin", "stdlib"), name)
                if name not in baseline:
                    self.assertNotIn(name.split(".")[0], HEAVY,
                                     "import capability pulls in " + name)


class MetadataTest(unittest.TestCase):
    """setup.cfg says what the tests check: the Pythons, the licence, the release."""

    def setUp(self):
        config = RawConfigParser()
        config.read(os.path.join(ROOT, "setup.cfg"))
        self.metadata = dict(config.items("metadata"))
        self.classifiers = [line.strip() for line in self.metadata["classifiers"].splitlines()
                            if line.strip()]

    def test_classifiers_name_the_pythons_the_tests_run_on(self):
        versions = [line.rsplit(" :: ", 1)[1] for line in self.classifiers
                    if re.match(r"^Programming Language :: Python :: \d+\.\d+$", line)]
        self.assertEqual(versions, pythons.CPYTHONS)
        for implementation in ("CPython", "PyPy"):
            self.assertIn("Programming Language :: Python :: Implementation :: " + implementation,
                          self.classifiers)

    def test_licence_is_an_spdx_expression_alone(self):
        # setuptools writes License-Expression for license_expression; a `license` key
        # would be the legacy free-text field, and licence classifiers are deprecated.
        self.assertEqual(self.metadata["license_expression"], "MIT")
        self.assertNotIn("license", self.metadata)
        self.assertEqual([line for line in self.classifiers if line.startswith("License ::")], [])

    def test_a_release_has_a_dated_changelog_section(self):
        version = capability.__version__
        self.assertTrue(re.match(r"^\d+\.\d+\.\d+(\.dev\d+)?$", version), version)
        with open(os.path.join(ROOT, "CHANGELOG.md")) as f:
            changelog = f.read()
        self.assertIn("## [Unreleased]", changelog)
        if ".dev" not in version:
            dated = r"\n## \[%s\] - \d{4}-\d\d-\d\d\n" % re.escape(version)
            self.assertTrue(re.search(dated, changelog), "no dated section for " + version)


if __name__ == "__main__":
    unittest.main()
