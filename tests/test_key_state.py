"""HMAC written out in capability/jws.py: same bytes as ``hmac``, bounded per-key cache.

No timings here; speed is measured by benchmarks/.
"""
import hashlib
import hmac
import os
import subprocess
import unittest

from capability import jws
from capability.encoding import b64url_encode, to_native

from .support import BARE_PYTHON

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# 64 bytes is SHA-256's block: shorter keys are padded, longer ones hashed first.
KEYS = [b"k", b"abcdefghijklmnopqrstuvwxyz012345", b"x" * 63, b"y" * 64, b"z" * 65, b"\xff" * 200]
PAYLOADS = [b"{}", b'{"iss":"AC"}', b"p" * 55, b"q" * 56, b"r" * 64, b"s" * 1000]


def reference(payload, key):
    signing_input = jws._SIGNING_PREFIX + b64url_encode(payload)
    mac = hmac.new(key, signing_input, hashlib.sha256).digest()
    return to_native(signing_input + b"." + b64url_encode(mac))


class HandWrittenHmacTest(unittest.TestCase):

    def setUp(self):
        self.saved = jws._sha256
        jws._key_states.clear()

    def tearDown(self):
        jws._sha256 = self.saved
        jws._key_states.clear()

    def check_with(self, sha256):
        jws._sha256 = lambda: sha256
        jws._key_states.clear()
        for key in KEYS:
            for payload in PAYLOADS:
                # Twice: the first call makes the key's state, the second reuses it.
                self.assertEqual(jws.sign(payload, key), reference(payload, key))
                self.assertEqual(jws.sign(payload, key), reference(payload, key))

    def test_builtin_sha256_matches_hmac_module(self):
        if jws._builtin_sha256 is None:
            self.skipTest("this interpreter has no built-in SHA-256")
        self.check_with(jws._builtin_sha256)

    def test_hashlib_sha256_matches_hmac_module(self):
        self.check_with(hashlib.sha256)

    def test_hmac_sha256_matches_hmac_module(self):
        for key in KEYS:
            for message in PAYLOADS:
                self.assertEqual(jws.hmac_sha256(key, message),
                                 hmac.new(key, message, hashlib.sha256).digest())

    def test_hashlib_is_used_once_imported(self):
        # hashlib is imported by this test module, so the faster OpenSSL route is chosen.
        self.assertIs(jws._sha256(), hashlib.sha256)


class KeyCacheBoundTest(unittest.TestCase):

    def setUp(self):
        jws._key_states.clear()

    tearDown = setUp

    def test_state_is_made_once_per_key(self):
        jws.sign(b"{}", b"secret")
        states = jws._key_states[b"secret"]
        self.assertEqual(len(states), 2)  # the inner and outer SHA-256 states
        jws.sign(b"{}", b"secret")
        self.assertIs(jws._key_states[b"secret"], states)

    def test_cache_never_holds_more_than_max_keys(self):
        for number in range(jws.MAX_KEYS * 2 + 5):
            key = b"key-%d" % number
            jws.sign(b"{}", key)
            self.assertLessEqual(len(jws._key_states), jws.MAX_KEYS)
            self.assertIn(key, jws._key_states)
        # After many clears every key still signs correctly.
        self.assertEqual(jws.sign(b"{}", b"key-3"), reference(b"{}", b"key-3"))


class ImportCostTest(unittest.TestCase):

    def test_token_path_loads_no_heavy_module(self):
        script = (
            "import sys\n"
            "import capability\n"
            "cap = capability.Capability('AC' + '0' * 32, 'secret')\n"
            "cap.allow_client_incoming('alice')\n"
            "cap.allow_client_outgoing('AP' + '1' * 32, {'a b': 'c/d'})\n"
            "cap.generate()\n"
            "heavy = ['hashlib', '_hashlib', 'hmac', 'json', 'base64', 'urllib', 're',\n"
            "         'collections']\n"
            "sys.stdout.write(' '.join(m for m in heavy if m in sys.modules))\n")
        # -S -E: no site or environment, so only what capability imports is counted.
        out = subprocess.check_output(BARE_PYTHON + ["-c", script], cwd=ROOT)
        self.assertEqual(out.decode("ascii"), "")


if __name__ == "__main__":
    unittest.main()
