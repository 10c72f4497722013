"""Decoding real tokens: ours, and every official helper's style.

The tokens come from the helpers themselves (tests/vectors/*.json, with the
scripts that made them beside this file; the Ruby and PHP ones were made
outside this repository, see tests/vectors/official_ruby_php_tokens.md).
The expected claims are the token's own payload JSON, read here by the
standard library; the expected app parameters are the inputs each helper was
given.
"""
import base64
import json
import os
import unittest

import capability
from capability import jws

from .support import frozen_clock, load_vectors, replay

OURS = load_vectors("client_capability.json")
RUBY_PHP = load_vectors("official_ruby_php_tokens.json")
NODE = load_vectors("twilio_node_tokens.json")
PYTHON5 = load_vectors("twilio_python5_tokens.json")
ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef"
APP = "APfedcba9876543210fedcba9876543210"

# What each helper was asked to put in appParams/params (their inputs).
FOREIGN_PARAMS = {
    "legacy: incoming alice then outgoing user_id=42": [("user_id", "42")],
    "legacy: outgoing user_id=42 then incoming alice": [("user_id", "42")],
    "legacy: outgoing params a=1, b=\"x y\"": [("a", "1"), ("b", "x y")],
    "modern: outgoing client_name alice, params user_id=42": [("user_id", "42")],
    "modern (extra): outgoing params a=1, b=\"x y\"": [("a", "1"), ("b", "x y")],
    "php: outgoing only": [],
    "php: incoming alice then outgoing user_id=42": [("user_id", "42")],
    "php: outgoing user_id=42 then incoming alice": [("user_id", "42")],
    "php: outgoing params a=1, b=\"x y\"": [("a", "1"), ("b", "x y")],
    "php: event stream, no filters": [],
    "outgoing with clientName and params (space as %20)":
        [("user_id", "42"), ("b", "x y"), ("c", "a+b&c=d~!*'()")],
    "outgoing, non-ASCII param": [("name", u"Zo\u00eb \u6771\u4eac")],
    "event stream filters under appParams": [("CallSid", "CA1"), ("Status", "ringing")],
    "outgoing, params user_id=42 and b='x y~'": [("b", "x y~"), ("user_id", "42")],
    "incoming then outgoing": [("a", "1")],
    "event stream with a filter": [("CallSid", "CA1")],
}


def raw_claims(token):
    """The payload JSON, read without the library."""
    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(str(part + "=" * (-len(part) % 4))).decode("utf-8"))


def nested_params(scopes):
    """The decoded appParams/params of the scopes that carry them."""
    found = []
    for scope in scopes:
        for name in ("appParams", "params"):
            if name in scope.params:
                found.append(capability.parse_params(scope.params[name]))
    return found


class ForeignHelpersTest(unittest.TestCase):

    def check(self, vectors, key):
        seen = 0
        for entry in vectors["tokens"]:
            with self.subTest(entry["label"]):
                with frozen_clock(vectors["issued_at"]):
                    claims = capability.decode(entry["token"], entry.get("key", key))
                self.assertEqual(claims, json.loads(entry["payload"]), entry["label"])
                header, unverified = capability.decode_unverified(entry["token"])
                self.assertEqual(header, json.loads(entry["header"]), entry["label"])
                self.assertEqual(unverified, claims)
                if "scope" not in claims:
                    continue
                scopes = capability.parse_scopes(claims["scope"])
                self.assertEqual(len(scopes), len(claims["scope"].split(" ")))
                if entry["label"] in FOREIGN_PARAMS:
                    seen += 1
                    self.assertEqual(nested_params(scopes), [FOREIGN_PARAMS[entry["label"]]],
                                     entry["label"])
                else:
                    self.assertEqual(nested_params(scopes), [], entry["label"])
        return seen

    def test_ruby_and_php(self):
        self.assertGreaterEqual(len(RUBY_PHP["tokens"]), 24)
        self.assertEqual(self.check(RUBY_PHP, RUBY_PHP["auth_token"]), 13)

    def test_node(self):
        self.assertIn("twilio-node", NODE["generator"])
        self.assertEqual(self.check(NODE, NODE["auth_token"]), 3)
        with frozen_clock(NODE["issued_at"]):
            claims = capability.decode(NODE["tokens"][0]["token"], NODE["auth_token"])
        self.assertEqual(claims["iat"], NODE["issued_at"])

    def test_python5(self):
        self.assertIn("twilio-python 5.", PYTHON5["generator"])
        self.assertEqual(self.check(PYTHON5, None), 3)

    def test_python5_access_token_needs_its_api_secret(self):
        entry = [e for e in PYTHON5["tokens"] if "Access Token" in e["label"]][0]
        with frozen_clock(PYTHON5["issued_at"]):
            claims = capability.decode(entry["token"], entry["key"])
            with self.assertRaises(capability.BadSignatureError):
                capability.decode(entry["token"], RUBY_PHP["auth_token"])
        self.assertEqual(claims["sub"], ACCOUNT_SID)
        self.assertTrue(claims["iss"].startswith("SK"))

    def test_taskrouter_token_has_no_scope(self):
        entry = [e for e in PYTHON5["tokens"] if "TaskRouter" in e["label"]][0]
        with frozen_clock(PYTHON5["issued_at"]):
            claims = capability.decode(entry["token"], entry["key"])
        self.assertNotIn("scope", claims)
        self.assertEqual(claims["workspace_sid"][:2], "WS")

    def test_java_claim_order(self):
        # twilio-java cannot be installed here (no Maven registry), so this
        # INPUT is signed by us in twilio-java's order (iss, exp, scope; header
        # alg only, as jjwt writes it). The expected claims follow from it.
        payload = ('{"iss":"%s","exp":1700003600,"scope":"scope:client:incoming?clientName=alice '
                   'scope:client:outgoing?appSid=%s&appParams=user_id%%3D42&clientName=alice"}'
                   % (ACCOUNT_SID, APP)).encode("ascii")
        token = jws.sign(payload, b"java-key", header=b'{"alg":"HS256"}')
        with frozen_clock(1700000000):
            claims = capability.decode(token, "java-key")
        self.assertEqual(claims, json.loads(payload.decode("ascii")))
        scopes = capability.parse_scopes(claims["scope"])
        self.assertEqual([s.privilege for s in scopes], ["incoming", "outgoing"])
        self.assertEqual(nested_params(scopes), [[("user_id", "42")]])


class OwnTokensTest(unittest.TestCase):

    def test_golden_vectors_decode_to_their_payload(self):
        for case in OURS["cases"]:
            with self.subTest(case["label"]):
                with frozen_clock(OURS["now"]):
                    claims = capability.decode(case["token"], OURS["auth_token"])
                self.assertEqual(claims, raw_claims(case["token"]), case["label"])
                self.assertEqual(claims["iss"], OURS["account_sid"])
                self.assertEqual(claims["exp"], OURS["now"] + case["ttl"])
                self.assertEqual("nbf" in claims, case["nbf"])

    def test_parsed_scopes_are_the_scopes_generated(self):
        for case in OURS["cases"]:
            with self.subTest(case["label"]):
                cap = replay(capability.Capability(OURS["account_sid"], OURS["auth_token"]),
                             case["calls"])
                with frozen_clock(OURS["now"]):
                    claims = capability.decode(case["token"], OURS["auth_token"])
                parsed = capability.parse_scopes(claims["scope"])
                self.assertEqual(parsed, cap.scopes(), case["label"])
                self.assertEqual(" ".join(s.to_string() for s in parsed), claims["scope"])

    def test_app_params_decode_to_the_calls(self):
        for case in OURS["cases"]:
            with self.subTest(case["label"]):
                expected = {}  # a repeated call replaces the earlier one
                for call in case["calls"]:
                    given = call[2] if call[0] == "outgoing" and len(call) > 2 else (
                        call[1] if call[0] == "events" and len(call) > 1 else [])
                    pairs = []
                    for key, value in given:
                        for item in value if isinstance(value, list) else [value]:
                            pairs.append((key, u"%s" % (item,)))
                    expected[call[0]] = pairs
                with frozen_clock(OURS["now"]):
                    claims = capability.decode(case["token"], OURS["auth_token"])
                found = [p for p in nested_params(capability.parse_scopes(claims["scope"]))]
                self.assertEqual(sorted(found), sorted(p for p in expected.values() if p),
                                 case["label"])

    def test_round_trip_with_the_clock(self):
        cap = capability.Capability(ACCOUNT_SID, "secret")
        cap.allow_client_incoming("alice")
        with frozen_clock(1700000000.5):
            token = cap.generate(ttl=60)
            self.assertEqual(capability.decode(token, "secret")["exp"], 1700000060)
        with frozen_clock(1700000059.999):
            capability.decode(token, "secret")
        with frozen_clock(1700000060):
            with self.assertRaises(capability.ExpiredTokenError) as caught:
                capability.decode(token, "secret")
        self.assertIn("2023-11-14 22:14:20 UTC", str(caught.exception))
        with frozen_clock(1700000069.5):
            capability.decode(token, "secret", leeway=10)
        with frozen_clock(1700000070):
            self.assertRaises(capability.ExpiredTokenError, capability.decode, token, "secret",
                              leeway=10)

    def test_not_before(self):
        cap = capability.Capability(ACCOUNT_SID, "secret")
        cap.allow_client_incoming("alice")
        with frozen_clock(1700000000):
            token = cap.generate()
        with frozen_clock(1700000000):
            capability.decode(token, "secret")
        with frozen_clock(1699999999.5):
            with self.assertRaises(capability.NotYetValidError) as caught:
                capability.decode(token, "secret")
            capability.decode(token, "secret", leeway=0.5)
            capability.decode(token, "secret", leeway=1)
        self.assertIn("2023-11-14 22:13:20 UTC", str(caught.exception))
        with frozen_clock(1699999998.5):
            self.assertRaises(capability.NotYetValidError, capability.decode, token, "secret",
                              leeway=1)
        with frozen_clock(1699999000):
            token = cap.generate(nbf=False)
        with frozen_clock(1000000000):
            capability.decode(token, "secret")

    def test_expiry_is_checked_before_not_before(self):
        token = jws.sign(('{"iss":"%s","exp":10,"nbf":20}' % ACCOUNT_SID).encode("ascii"), b"k")
        with frozen_clock(15):
            self.assertRaises(capability.ExpiredTokenError, capability.decode, token, "k")
        with frozen_clock(5):
            self.assertRaises(capability.NotYetValidError, capability.decode, token, "k")

    def test_times_may_be_fractional(self):
        token = jws.sign(('{"iss":"%s","exp":10.5,"nbf":9.5,"iat":9.5}'
                          % ACCOUNT_SID).encode("ascii"), b"k")
        with frozen_clock(10.25):
            self.assertEqual(capability.decode(token, "k")["exp"], 10.5)
        with frozen_clock(10.5):
            self.assertRaises(capability.ExpiredTokenError, capability.decode, token, "k")
        with frozen_clock(9.25):
            self.assertRaises(capability.NotYetValidError, capability.decode, token, "k")

    def test_far_times_are_described_without_overflow(self):
        token = jws.sign(('{"iss":"%s","exp":-9007199254740991}' % ACCOUNT_SID).encode("ascii"),
                         b"k")
        with self.assertRaises(capability.ExpiredTokenError) as caught:
            capability.decode(token, "k")
        self.assertIn("-9007199254740991 seconds since 1970", str(caught.exception))
        token = jws.sign(('{"iss":"%s","exp":9007199254740991,"nbf":9007199254740990}'
                          % ACCOUNT_SID).encode("ascii"), b"k")
        with self.assertRaises(capability.NotYetValidError) as caught:
            capability.decode(token, "k")
        self.assertIn("9007199254740990 seconds since 1970", str(caught.exception))


class KeyTest(unittest.TestCase):

    def setUp(self):
        self.saved = dict(os.environ)
        os.environ.pop("TWILIO_AUTH_TOKEN", None)
        capability.configure()
        cap = capability.Capability(ACCOUNT_SID, "secret")
        cap.allow_client_incoming("alice")
        self.token = cap.generate()

    def tearDown(self):
        os.environ.clear()
        os.environ.update(self.saved)
        capability.configure()

    def test_argument_then_configure_then_environment(self):
        os.environ["TWILIO_AUTH_TOKEN"] = "wrong"
        self.assertRaises(capability.BadSignatureError, capability.decode, self.token)
        capability.configure(account_sid=None, auth_token="secret")
        self.assertEqual(capability.decode(self.token)["iss"], ACCOUNT_SID)
        self.assertRaises(capability.BadSignatureError, capability.decode, self.token, "wrong")
        capability.configure()
        os.environ["TWILIO_AUTH_TOKEN"] = "secret"
        self.assertEqual(capability.decode(self.token)["iss"], ACCOUNT_SID)
        self.assertEqual(capability.decode(self.token, b"secret")["iss"], ACCOUNT_SID)

    def test_no_key_or_an_empty_key_never_skips_verification(self):
        for args in [(), ("",), (b"",)]:
            with self.assertRaises(capability.CredentialsError) as caught:
                capability.decode(self.token, *args)
            self.assertNotIn(self.token, str(caught.exception))
        os.environ["TWILIO_AUTH_TOKEN"] = ""
        self.assertRaises(capability.CredentialsError, capability.decode, self.token)

    def test_key_with_whitespace_is_refused(self):
        self.assertRaises(capability.CredentialsError, capability.decode, self.token, "secret\n")

    def test_key_of_the_wrong_type(self):
        self.assertRaises(capability.CredentialsError, capability.decode, self.token, 42)

    def test_leeway_must_be_a_finite_number_of_seconds(self):
        for leeway in [True, "10", None, [1]]:
            self.assertRaises(capability.InvalidTypeError, capability.decode, self.token,
                              "secret", leeway)
        # 10 ** 400 raised a bare OverflowError and 1e300 switched expiry off.
        for leeway in [-1, -0.5, float("inf"), float("nan"), 86400.5, 86401, 10 ** 400, 1e300]:
            with self.assertRaises(capability.InvalidValueError) as caught:
                capability.decode(self.token, "secret", leeway)
            self.assertNotIsInstance(caught.exception, capability.InvalidTypeError)
        for leeway in [0, 0.0, 30, 2.5, 86400, 86400.0]:
            capability.decode(self.token, "secret", leeway)


if __name__ == "__main__":
    unittest.main()


class AccessAndTaskRouterVectorsTest(unittest.TestCase):
    """The other token kinds the library makes (golden vectors from twilio-python)."""

    def test_every_vector_decodes_to_its_payload(self):
        count = 0
        for name, key in (("access_token.json", "secret"), ("taskrouter.json", "auth_token"),
                          ("client_token.json", "auth_token")):
            vectors = load_vectors(name)
            for case in vectors["cases"]:
                with self.subTest(case["label"]):
                    with frozen_clock(vectors["now"]):
                        claims = capability.decode(case["token"], vectors[key])
                    self.assertEqual(claims, raw_claims(case["token"]), case["label"])
                    header = capability.decode_unverified(case["token"])[0]
                    if name == "access_token.json":
                        self.assertEqual(header["cty"], "twilio-fpa;v=1")
                        self.assertEqual(claims["sub"], vectors["account_sid"])
                    count += 1
        self.assertGreater(count, 20)
