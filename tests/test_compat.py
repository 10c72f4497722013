"""ClientCapabilityToken and TwilioCapability: faces over Capability (stdlib only)."""
import unittest
from collections import OrderedDict

import capability

from .support import SECRETS, frozen_clock, refused
from .test_client import claims_of

AC = "AC0123456789abcdef0123456789abcdef"
SECRET = SECRETS[0]
AP = "APfedcba9876543210fedcba9876543210"
NOW = 1700000000


class ClientCapabilityTokenTest(unittest.TestCase):

    def test_same_token_as_capability(self):
        token = capability.ClientCapabilityToken(AC, SECRET, ttl=600)
        token.allow_client_outgoing(AP, user_id=42)
        token.allow_client_incoming("alice")
        token.allow_event_stream(CallSid="CA1")
        cap = capability.Capability(AC, SECRET)
        cap.allow_client_outgoing(AP, {"user_id": 42})
        cap.allow_client_incoming("alice")
        cap.allow_event_stream({"CallSid": "CA1"})
        with frozen_clock(NOW):
            self.assertEqual(token.to_jwt(), cap.generate(ttl=600))
            self.assertEqual(token.payload, claims_of(token.to_jwt()))
        self.assertEqual(token.headers, {"alg": "HS256", "typ": "JWT"})
        self.assertEqual((token.account_sid, token.client_name), (AC, "alice"))

    def test_valid_until_is_honoured(self):
        # twilio-python's constructor drops valid_until: the token lives an hour regardless.
        token = capability.ClientCapabilityToken(AC, SECRET, valid_until=NOW + 120)
        later = capability.ClientCapabilityToken(AC, SECRET)
        later.valid_until = NOW + 120
        with frozen_clock(NOW):
            self.assertEqual(claims_of(token.to_jwt())["exp"], NOW + 120)
            self.assertEqual(token.to_jwt(), later.to_jwt())
            self.assertEqual(claims_of(token.to_jwt(ttl=30))["exp"], NOW + 30)

    def test_explicit_and_absent_nbf(self):
        with frozen_clock(NOW):
            self.assertEqual(claims_of(capability.ClientCapabilityToken(
                AC, SECRET, nbf=NOW - 5).to_jwt())["nbf"], NOW - 5)
            self.assertNotIn("nbf", capability.ClientCapabilityToken(AC, SECRET, nbf=None).payload)

    def test_int_subclass_times_written_as_ints(self):
        # The claims are written with %s, which for an int subclass may not be its number.
        class Seconds(int):
            def __str__(self):
                return "not a number"
        token = capability.ClientCapabilityToken(AC, SECRET, nbf=Seconds(NOW - 5),
                                                 valid_until=Seconds(NOW + 60))
        with frozen_clock(NOW):
            claims = claims_of(token.to_jwt())
        self.assertEqual((claims["nbf"], claims["exp"]), (NOW - 5, NOW + 60))

    def test_int_subclass_ttl_written_as_its_number(self):
        # generate() adds ttl to the clock; a subclass's + must not write the claim.
        class Seconds(int):
            def __add__(self, other):
                return '1,"x":"injected"'
            __radd__ = __add__

            def __str__(self):
                return "not a number"
        cap = capability.Capability(AC, SECRET)
        cap.allow_client_incoming("alice")
        token = capability.ClientCapabilityToken(AC, SECRET, ttl=Seconds(60))
        with frozen_clock(NOW):
            self.assertEqual(claims_of(cap.generate(ttl=Seconds(60)))["exp"], NOW + 60)
            self.assertEqual(claims_of(token.to_jwt())["exp"], NOW + 60)
            self.assertEqual(claims_of(token.to_jwt(ttl=Seconds(60)))["exp"], NOW + 60)

    def test_constructor_keyword_form(self):
        token = capability.ClientCapabilityToken(
            AC, SECRET, allow_client_incoming={"client_name": "bob"},
            allow_client_outgoing=OrderedDict([("application_sid", AP), ("b", 1), ("a", 2)]),
            allow_event_stream={})
        self.assertEqual([scope.to_string() for scope in token._capability.scopes()], [
            "scope:client:outgoing?appParams=b%3D1%26a%3D2&appSid=" + AP + "&clientName=bob",
            "scope:client:incoming?clientName=bob",
            "scope:stream:subscribe?path=%2F2010-04-01%2FEvents"])
        for kwargs, error, words in [
                ({"allow_client_incomming": {"client_name": "x"}}, capability.InvalidTypeError,
                 ["unexpected keyword", "allow_client_incomming"]),
                ({"allow_client_incoming": "bob"}, capability.InvalidTypeError,
                 ["allow_client_incoming=", "dict", "str"]),
                ({"allow_client_incoming": {"name": "bob"}}, capability.InvalidTypeError,
                 ["'client_name'"]),
                ({"allow_client_outgoing": {"user": "x"}}, capability.InvalidTypeError,
                 ["application_sid", "NoneType"]),
                ({"allow_client_outgoing": {"application_sid": AP, "x": 1.5}},
                 capability.InvalidTypeError, ["float"])]:
            refused(self, error, words, capability.ClientCapabilityToken, AC, SECRET, **kwargs)

    def test_bad_input_is_the_core_refusal(self):
        token = capability.ClientCapabilityToken(AC, SECRET)
        refused(self, capability.InvalidValueError, ["client name", "' '"],
                token.allow_client_incoming, "a b")
        refused(self, capability.InvalidValueError, ["'AP'"], token.allow_client_outgoing, AC)
        refused(self, capability.CredentialsError, ["auth_token", "empty"],
                capability.ClientCapabilityToken, AC, "")
        # twilio-python's own keyword is a parameter here, not Capability's params mapping.
        token.allow_client_outgoing(AP, params="x")
        self.assertIn("appParams=params%3Dx", token._capability.scopes()[0].to_string())

    def test_never_a_token_in_str(self):
        token = capability.ClientCapabilityToken(AC, SECRET)
        token.allow_client_incoming("alice")
        with frozen_clock(NOW):
            jwt = token.to_jwt()
        for text in (str(token), repr(token)):
            self.assertNotIn(jwt.split(".")[2], text)
            self.assertNotIn(SECRET, text)
            self.assertIn("clientName=alice", text)


class TwilioCapabilityTest(unittest.TestCase):

    def test_generate_has_no_nbf_like_5x(self):
        cap = capability.TwilioCapability(AC, SECRET)
        cap.allow_client_incoming("alice")
        cap.allow_client_outgoing(AP, user="alice")
        with frozen_clock(NOW):
            claims = claims_of(cap.generate())
            self.assertEqual(claims_of(cap.generate(600))["exp"], NOW + 600)
            self.assertEqual(claims_of(cap.generate(expires=60))["exp"], NOW + 60)
        self.assertEqual(sorted(claims), ["exp", "iss", "scope"])
        self.assertEqual(claims["exp"], NOW + 3600)
        self.assertEqual(cap.payload(), {"scope": claims["scope"]})

    def test_bad_input_and_secrets(self):
        cap = capability.TwilioCapability(AC, SECRET)
        refused(self, capability.InvalidValueError, ["86400"], cap.generate, 86401)
        refused(self, capability.InvalidTypeError, ["whole number"], cap.generate, 60.5)
        self.assertNotIn(SECRET, repr(cap) + str(cap))
        self.assertNotIn(cap.generate().split(".")[2], str(cap))


if __name__ == "__main__":
    unittest.main()
