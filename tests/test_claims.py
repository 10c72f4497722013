"""jsonwriter.py and token.py: JSON as json.dumps writes it, the shared clock, and what the
token path imports."""
import copy
import json
import pickle
import random
import subprocess
import sys
import time
import unittest
from collections import OrderedDict

import capability
from capability.jsonwriter import Members, encode, jsonable, plain

from .support import BARE_PYTHON, SECRETS, frozen_clock
from .test_package import HEAVY, PROBE, ROOT

AC = "AC0123456789abcdef0123456789abcdef"
SK = "SK0123456789abcdef0123456789abcdef"
WS = "WS0123456789abcdef0123456789abcdef"
WK = "WK0123456789abcdef0123456789abcdef"
SECRET = SECRETS[1]

CHARS = [u"a", u"Z", u"0", u" ", u'"', u"\\", u"/", u"\n", u"\r", u"\t", u"\b", u"\f", u"\x00",
         u"\x1f", u"\x7f", u"\x80", u"\u00e9", u"\u2028", u"\ufeff", u"\uffff", u"\U0001F600",
         u"\U0010FFFF", u"~", u"<", u"&", u"'"]


def json_dumps(value):
    return json.dumps(value, separators=(",", ":")).encode("ascii")


def random_text(rng):
    return u"".join(rng.choice(CHARS) for _ in range(rng.randint(0, 8)))


def random_value(rng, depth=0):
    kind = rng.randint(0, 8 if depth < 3 else 5)
    if kind == 0:
        return rng.choice([None, True, False])
    if kind == 1:
        return rng.randint(-2 ** 70, 2 ** 70)
    if kind == 2:
        return rng.choice([0.0, -0.0, 0.1, 1e16, 1e-7, 2.5e300, -1.5]) * rng.random()
    if kind in (3, 4, 5):
        return random_text(rng)
    if kind in (6, 7):
        return OrderedDict((random_text(rng), random_value(rng, depth + 1))
                           for _ in range(rng.randint(0, 4)))
    return [random_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]


class EncodeTest(unittest.TestCase):

    def test_same_bytes_as_json_dumps_on_random_values(self):
        rng = random.Random(20261128)
        for _ in range(3000):
            value = random_value(rng)
            self.assertEqual(encode(jsonable(value, "value")), json_dumps(value), repr(value))

    def test_every_bmp_code_point_escapes_as_json_does(self):
        text = u"".join(chr(c) if sys.version_info[0] > 2 else unichr(c)  # noqa: F821
                        for c in range(0xd800))
        self.assertEqual(encode(jsonable(text, "text")), json_dumps(text))

    def test_members_keep_their_order_and_plain_gives_dicts(self):
        members = Members([("z", 1), ("a", Members([("y", [Members([("b", None)])])]))])
        self.assertEqual(encode(members), b'{"z":1,"a":{"y":[{"b":null}]}}')
        self.assertEqual(plain(members), {"z": 1, "a": {"y": [{"b": None}]}})

    def test_utf8_bytes_are_text(self):
        self.assertEqual(encode(jsonable({b"k": u"\u00e9".encode("utf-8")}, "v")),
                         b'{"k":"\\u00e9"}')

    def test_refused_values(self):
        for bad, error, words in [
                (float("nan"), capability.InvalidValueError, ["nan", "JSON"]),
                ({"k": [float("inf")]}, capability.InvalidValueError, ["v['k'][0]", "inf"]),
                ({1: "x"}, capability.InvalidTypeError, ["key", "int"]),
                ({"k": object()}, capability.InvalidTypeError, ["v['k']", "object"]),
                ({"k": {1, 2}}, capability.InvalidTypeError, ["set"]),
                (b"\xff", capability.InvalidValueError, ["UTF-8"]),
                (u"\ud800", capability.InvalidValueError, ["UTF-8"])]:
            with self.assertRaises(error) as caught:
                jsonable(bad, "v")
            for word in words:
                self.assertIn(word, str(caught.exception))

    def test_a_value_that_contains_itself_is_refused(self):
        loop = {}
        loop["self"] = loop
        with self.assertRaises(capability.InvalidValueError) as caught:
            jsonable(loop, "v")
        self.assertIn("deep", str(caught.exception))


class ClockTest(unittest.TestCase):
    """One clock read per token: exp, nbf and jti agree even when the clock ticks."""

    def ticking(self, make):
        reads = []

        def clock():
            reads.append(1)
            return 1700000000.9 + len(reads)
        saved, time.time = time.time, clock
        try:
            token = make()
        finally:
            time.time = saved
        self.assertEqual(len(reads), 1)
        return token

    def test_every_kind_reads_the_clock_once(self):
        access = capability.AccessToken(AC, SK, SECRET, identity="alice", ttl=600)
        payload = self.ticking(lambda: access.payload)
        self.assertEqual((payload["jti"], payload["nbf"], payload["exp"]),
                         (SK + "-1700000001", 1700000001, 1700000601))
        self.ticking(access.to_jwt)
        worker = capability.WorkerCapabilityToken(AC, SECRET, WS, WK)
        self.assertEqual(self.ticking(lambda: worker.payload)["exp"], 1700003601)
        self.ticking(lambda: worker.to_jwt(ttl=60))
        client = capability.ClientCapabilityToken(AC, SECRET)
        self.assertEqual(self.ticking(lambda: client.payload)["nbf"], 1700000001)
        self.ticking(client.to_jwt)

    def test_valid_until_must_be_ahead_and_within_a_day(self):
        with frozen_clock(1700000000.5):
            for valid_until, ok in [(1700000001, True), (1700086400, True), (1700000000, False),
                                    (1699999000, False), (1700086401, False)]:
                token = capability.AccessToken(AC, SK, SECRET, valid_until=valid_until)
                if ok:
                    self.assertEqual(token.payload["exp"], valid_until)
                else:
                    self.assertRaises(capability.InvalidValueError, token.to_jwt)
            token = capability.AccessToken(AC, SK, SECRET, valid_until=1700000000)
            self.assertEqual(len(token.to_jwt(ttl=5).split(".")), 3)  # ttl replaces valid_until

    def test_nbf_must_come_before_exp(self):
        with frozen_clock(1700000000):
            token = capability.AccessToken(AC, SK, SECRET, nbf=1700003600)
            with self.assertRaises(capability.InvalidValueError) as caught:
                token.to_jwt()
            self.assertIn("nbf", str(caught.exception))
            token.nbf = 1700003599
            token.to_jwt()

    def test_timing_arguments(self):
        for cls, args in [(capability.AccessToken, (AC, SK, SECRET)),
                          (capability.ClientCapabilityToken, (AC, SECRET))]:
            for name, bad in [("nbf", True), ("nbf", 1.5), ("nbf", "now"), ("ttl", 600.0),
                              ("ttl", None), ("valid_until", 1.7e9), ("valid_until", False)]:
                with self.assertRaises(capability.InvalidTypeError) as caught:
                    cls(*args, **{name: bad})
                self.assertIn(name, str(caught.exception))
            for ttl in (0, 86401):
                self.assertRaises(capability.InvalidValueError, cls, *args, ttl=ttl)
            token = cls(*args)
            self.assertRaises(capability.InvalidValueError, token.to_jwt, ttl=0)
            self.assertRaises(capability.InvalidTypeError, token.to_jwt, ttl="60")
            token.ttl = -1  # assigned attributes are checked when the token is signed
            self.assertRaises(capability.InvalidValueError, token.to_jwt)

    def test_generate_is_the_default_nbf_everywhere(self):
        for token in (capability.AccessToken(AC, SK, SECRET),
                      capability.WorkspaceCapabilityToken(AC, SECRET, WS),
                      capability.ClientCapabilityToken(AC, SECRET)):
            self.assertIs(token.nbf, capability.AccessToken.GENERATE)
            self.assertIs(token.GENERATE, capability.ClientCapabilityToken.GENERATE)
            self.assertEqual(repr(token.nbf), "GENERATE")
            self.assertIs(copy.deepcopy(token).nbf, token.GENERATE)
            self.assertIs(pickle.loads(pickle.dumps(token.nbf)), token.GENERATE)


TOKEN_PATH = r"""
import capability
g = [capability.VoiceGrant(incoming_allow=True, outgoing_application_sid="AP" + "1" * 32,
                           outgoing_application_params={"to": "+1555", "n": [1, 2.5, None]}),
     capability.VideoGrant(room=u"r\u00e9"), capability.ChatGrant(), capability.SyncGrant(),
     capability.TaskRouterGrant(role="worker"), capability.PlaybackGrant(grant={"a": 1})]
a = capability.AccessToken("AC" + "0" * 32, "SK" + "0" * 32, "secret", g, identity="alice",
                           region="ie1")
assert a.to_jwt().count(".") == 2 and a.payload and a.headers
w = capability.WorkerCapabilityToken("AC" + "0" * 32, "secret", "WS" + "0" * 32, "WK" + "0" * 32,
                                     allow_update_activities=True)
assert w.to_jwt().count(".") == 2
c = capability.ClientCapabilityToken("AC" + "0" * 32, "secret",
                                     allow_client_incoming={"client_name": "bob"})
assert c.to_jwt().count(".") == 2
assert capability.TwilioCapability("AC" + "0" * 32, "secret").generate().count(".") == 2
"""


class TokenPathImportTest(unittest.TestCase):
    """Making every kind of token imports nothing heavy (json, re, collections...)."""

    def imports(self, statement):
        out = subprocess.check_output(
            BARE_PYTHON + ["-c", PROBE.replace("import MODULES", statement)],
            cwd=ROOT)
        return set(line.split(" ", 1)[0] for line in out.decode("utf-8").splitlines())

    def test_token_path_stays_light(self):
        baseline = self.imports("import hashlib, hmac")
        for name in self.imports(TOKEN_PATH) - baseline:
            self.assertNotIn(name.split(".")[0], HEAVY, "making tokens pulls in " + name)


if __name__ == "__main__":
    unittest.main()
