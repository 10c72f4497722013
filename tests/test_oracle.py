"""Live comparisons with the references: twilio-python, PyJWT, urllib.

The twilio-python and PyJWT tests skip under plain unittest when those are
not installed; the runner's oracle run (CAPABILITY_REQUIRE_ORACLES=1) makes a
missing one an error instead.
"""
import random
import sys
import unittest
from collections import OrderedDict

import capability
from capability.scopes import encode_params, quote

from .support import frozen_clock, golden_token, load_vectors, optional_import

jwt = optional_import("jwt")
twilio_client = optional_import("twilio.jwt.client")
hypothesis = optional_import("hypothesis")
VECTORS = load_vectors("client_capability.json")


@unittest.skipIf(jwt is None, "PyJWT is not installed")
class PyJWTAcceptsTest(unittest.TestCase):

    def test_every_golden_token_verifies(self):
        for case in VECTORS["cases"]:
            with self.subTest(case["label"]):
                token = golden_token(VECTORS, case)
                claims = jwt.decode(token, VECTORS["auth_token"], algorithms=["HS256"],
                                    options={"verify_exp": False, "verify_nbf": False})
                self.assertEqual(claims["iss"], VECTORS["account_sid"])
                self.assertEqual(claims["exp"], VECTORS["now"] + case["ttl"])
                self.assertEqual("nbf" in claims, case["nbf"])
                self.assertEqual(jwt.get_unverified_header(token), {"alg": "HS256", "typ": "JWT"})
                with self.assertRaises(jwt.InvalidSignatureError):
                    jwt.decode(token, VECTORS["auth_token"] + "x", algorithms=["HS256"],
                               options={"verify_exp": False})


@unittest.skipIf(sys.version_info < (3, 7), "quote_plus kept '~' only from Python 3.7")
class UrllibAgreesTest(unittest.TestCase):
    """Our quoting against Python 3.7+'s urlencode on random text (stdlib only)."""

    def random_text(self, rng):
        alphabet = u" ~+%&=/?#-._!*'()[]aZ09\u00e9\u6771\U0001F600\x00\n"
        return u"".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))

    def test_quote_and_encode_params(self):
        from urllib.parse import quote_plus, urlencode
        rng = random.Random(20261128)
        for _ in range(2000):
            text = self.random_text(rng)
            self.assertEqual(quote(text.encode("utf-8")), quote_plus(text))
            pairs = []
            for _ in range(rng.randint(1, 3)):
                key = self.random_text(rng)
                values = [self.random_text(rng), rng.randint(-9, 10 ** 6),
                          [self.random_text(rng), 3]]
                pairs.append((key, rng.choice(values)))
            self.assertEqual(encode_params(pairs, "params"), urlencode(pairs, doseq=True))


if twilio_client is not None and hypothesis is not None:
    from hypothesis import given, settings, strategies as st

    ALL = list(range(0x20, 0x7f)) + [0xe9, 0x6771, 0x1F600, 0xa0, 0x2028]
    text = st.text(st.sampled_from([chr(c) for c in ALL]), max_size=12)
    names = st.text(st.sampled_from("abcXYZ019_"), min_size=1, max_size=10)
    sids = st.text(st.sampled_from("0123456789abcdef"), min_size=32, max_size=32)
    values = st.one_of(text, st.integers(-10 ** 20, 10 ** 20),
                       st.lists(st.one_of(text, st.integers(-100, 100)), max_size=3))
    params = st.lists(st.tuples(text.filter(lambda key: key != "application_sid"), values),
                      max_size=4, unique_by=lambda pair: pair[0])
    calls = st.lists(st.one_of(
        st.tuples(st.just("incoming"), names),
        st.tuples(st.just("outgoing"), sids.map(lambda hex_digits: "AP" + hex_digits), params),
        st.tuples(st.just("events"), params)), max_size=5)

    class TwilioAgreesTest(unittest.TestCase):
        """Random valid calls: our token is twilio-python's, byte for byte."""

        @settings(max_examples=400, deadline=None)
        @given(calls, sids, text.filter(lambda t: t and t == t.strip()),
               st.integers(1, 86400), st.booleans(), st.integers(0, 2 ** 31))
        def test_same_token(self, steps, account_hex, auth_token, ttl, nbf, now):
            account_sid = "AC" + account_hex
            ours = capability.Capability(account_sid, auth_token)
            theirs = twilio_client.ClientCapabilityToken(
                account_sid, auth_token, ttl=ttl,
                nbf=twilio_client.ClientCapabilityToken.GENERATE if nbf else None)
            for step in steps:
                if step[0] == "incoming":
                    ours.allow_client_incoming(step[1])
                    theirs.allow_client_incoming(step[1])
                elif step[0] == "outgoing":
                    ours.allow_client_outgoing(step[1], OrderedDict(step[2]))
                    theirs.allow_client_outgoing(step[1], **OrderedDict(step[2]))
                else:
                    ours.allow_event_stream(OrderedDict(step[1]))
                    theirs.allow_event_stream(**OrderedDict(step[1]))
            with frozen_clock(now + 0.5):
                if not steps:  # a token allowing nothing: only the twilio-python faces make it
                    self.assertRaises(capability.InvalidValueError, ours.generate, ttl, nbf)
                    return
                self.assertEqual(ours.generate(ttl=ttl, nbf=nbf), theirs.to_jwt())


if __name__ == "__main__":
    unittest.main()
