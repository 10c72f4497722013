"""``import capability`` stays light: decoding's imports are paid only by decoding."""
import json
import os
import subprocess
import sys
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HEAVY = ("json", "base64", "urllib", "re", "collections", "argparse")
# The baseline holds the stdlib modules the package needs anyway; on CPython
# they pull in nothing heavy, while PyPy's pure-Python hashlib imports re and
# base64 itself, which is not ours to avoid.
PROBE = """
import sys
import binascii, hashlib, hmac, os, time
before = set(sys.modules)
import capability
cap = capability.Capability("AC" + "0" * 32, "k")
cap.allow_client_incoming("alice")
cap.allow_client_outgoing("AP" + "0" * 32, {"a": "b c"})
token = cap.generate()
after_generate = set(sys.modules)
capability.decode(token, "k")
print(" ".join(sorted(after_generate - before)))
print(" ".join(sorted(set(sys.modules) - before)))
"""


def heavy(names):
    return sorted(name for name in names.split()
                  if name.split(".")[0] in HEAVY or name.split(".")[0] == "_json")


class ImportCostTest(unittest.TestCase):

    def test_generating_imports_none_of_the_heavy_modules(self):
        out = subprocess.check_output([sys.executable, "-S", "-c", PROBE], cwd=ROOT)
        generate_line, decode_line = out.decode("ascii").splitlines()
        self.assertIn("capability.decoding", generate_line.split())
        self.assertEqual(heavy(generate_line), [])
        # The probe can see an import: decoding does pull json in.
        self.assertIn("json", heavy(decode_line))


if __name__ == "__main__":
    unittest.main()
