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
        # dir(), not vars(): names of modules not loaded yet are listed all the same.
        public = set(name for name in dir(capability)
                     if not name.startswith("_") and not isinstance(
                         getattr(capability, name), type(sys)))
        self.assertEqual(sorted(capability.__all__), sorted(public))
        for name in capability.__all__:
            self.assertTrue(hasattr(capability, name), name)

    def test_every_public_name_has_one_home(self):
        homes = [name for names in capability._HOMES.values() for name in names]
        self.assertEqual(sorted(homes), sorted(capability.__all__))
        for module, names in capability._HOMES.items():
            loaded = __import__("capability." + module, fromlist=["_"])
            for name in names:
                self.assertIs(getattr(capability, name), getattr(loaded, name), name)

    def test_an_unknown_name_is_an_attribute_error(self):
        with self.assertRaises(AttributeError):
            capability.NoSuchThing
        with self.assertRaises(ImportError):
            from capability import NoSuchThing  # noqa: F401


LAZY_PROBE = r"""
import sys
import capability
loaded = lambda: sorted(name for name in sys.modules if name.startswith("capability."))
print(loaded())
cap = capability.Capability("AC" + "0" * 32, "secret")
cap.allow_client_incoming("alice")
cap.generate()
print(loaded())
names = {}
exec("from capability import " + ", ".join(capability.__all__), names)
print(sorted(name for name in names if not name.startswith("__")) == sorted(capability.__all__))
print(all(name in dir(capability) for name in capability.__all__))
print(sorted(set(capability.__all__) - set(vars(capability))))
"""


class LazyImportTest(unittest.TestCase):
    """Modules load when a name from them is first used (PEP 562), from Python 3.7."""

    def probe(self):
        out = subprocess.check_output([sys.executable, "-B", "-S", "-E", "-c", LAZY_PROBE],
                                      cwd=ROOT)
        return [eval(line) for line in out.decode("ascii").splitlines()]

    @unittest.skipIf(sys.version_info < (3, 7), "module __getattr__ needs Python 3.7")
    def test_a_capability_token_loads_only_what_it_uses(self):
        before, after, imported, listed, left = self.probe()
        self.assertEqual(before, [])
        self.assertEqual(after, ["capability.checks", "capability.client", "capability.credentials",
                                 "capability.encoding", "capability.exc", "capability.jws",
                                 "capability.scopes"])
        self.assertEqual((imported, listed, left), (True, True, []))

    @unittest.skipUnless(sys.version_info < (3, 7), "Python 2.7 and 3.6 import everything")
    def test_everything_is_imported_where_there_is_no_module_getattr(self):
        before, _, imported, listed, left = self.probe()
        for module in capability._HOMES:
            self.assertIn("capability." + module, before)
        self.assertEqual((imported, listed, left), (True, True, []))

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
