"""The package's promises about itself: its public names and what it imports."""
import os
import subprocess
import sys
import unittest

import capability

from .support import BARE_PYTHON

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
            if isinstance(thing, type) and issubclass(thing, Exception):
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


if __name__ == "__main__":
    unittest.main()
