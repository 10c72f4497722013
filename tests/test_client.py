"""Capability: behaviour, bad input and secrets (stdlib only)."""
import json
import os
import unittest

import capability
from capability.encoding import b64url_encode

from .support import SECRETS, frozen_clock, refused, run_cli

SID = "AC0123456789abcdef0123456789abcdef"
SECRET = SECRETS[0]
APP = "APfedcba9876543210fedcba9876543210"


def alice(cap):
    """``cap`` allowing incoming calls to alice: generate() refuses a token allowing nothing."""
    cap.allow_client_incoming("alice")
    return cap


def claims_of(token):
    import base64
    segment = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)).decode("ascii"))


class ClaimsTest(unittest.TestCase):

    def test_claims_in_twilio_order_with_one_clock_read(self):
        cap = capability.Capability(SID, SECRET)
        cap.allow_client_incoming("alice")
        reads = []

        def clock():
            reads.append(1)
            return 1700000000.9 + len(reads)  # a clock read twice would disagree
        import time
        saved, time.time = time.time, clock
        try:
            token = cap.generate(ttl=600)
        finally:
            time.time = saved
        self.assertEqual(len(reads), 1)
        payload = token.split(".")[1]
        self.assertEqual(
            payload, b64url_encode((
                '{"scope":"scope:client:incoming?clientName=alice","iss":"%s",'
                '"exp":1700000601,"nbf":1700000001}' % SID).encode("ascii")).decode("ascii"))

    def test_nbf_false_leaves_it_out(self):
        cap = alice(capability.Capability(SID, SECRET))
        with frozen_clock(1700000000):
            self.assertNotIn("nbf", claims_of(cap.generate(nbf=False)))
            self.assertEqual(claims_of(cap.generate())["nbf"], 1700000000)

    def test_client_name_joins_outgoing_in_either_order(self):
        for first_incoming in (True, False):
            cap = capability.Capability(SID, SECRET)
            calls = [lambda: cap.allow_client_incoming("alice"),
                     lambda: cap.allow_client_outgoing(APP)]
            for call in (calls if first_incoming else calls[::-1]):
                call()
            outgoing = [s for s in cap.scopes() if s.privilege == "outgoing"][0]
            self.assertEqual(outgoing.params["clientName"], "alice")

    def test_scopes_replace_in_place(self):
        cap = capability.Capability(SID, SECRET)
        cap.allow_event_stream()
        cap.allow_client_incoming("alice")
        cap.allow_event_stream(CallSid="CA1")
        self.assertEqual([s.service for s in cap.scopes()], ["stream", "client"])
        self.assertEqual(cap.scopes()[0].params["params"], "CallSid=CA1")

    def test_params_mapping_and_keywords_combine(self):
        cap = capability.Capability(SID, SECRET)
        cap.allow_client_outgoing(APP, {"a": "1"}, b="2")
        self.assertEqual(cap.scopes()[0].params["appParams"], "a=1&b=2")

    def test_an_empty_list_still_writes_the_parameter(self):
        # twilio-python writes appParams (and params) when given any pair, even one that
        # encodes to nothing.
        cap = capability.Capability(SID, SECRET)
        cap.allow_client_outgoing(APP, {"to": []})
        cap.allow_event_stream(to=[])
        self.assertEqual([scope.to_string() for scope in cap.scopes()], [
            "scope:client:outgoing?appParams=&appSid=" + APP,
            "scope:stream:subscribe?params=&path=%2F2010-04-01%2FEvents"])
        self.assertEqual(claims_of(cap.generate())["scope"], " ".join(
            scope.to_string() for scope in cap.scopes()))

    def test_token_is_native_str_of_ascii(self):
        token = alice(capability.Capability(SID, SECRET)).generate()
        self.assertIsInstance(token, str)
        self.assertEqual(token.count("."), 2)


class BadInputTest(unittest.TestCase):

    def setUp(self):
        self.cap = capability.Capability(SID, SECRET)

    def assertRefused(self, error, words, call, *args, **kwargs):
        return refused(self, error, words, call, *args, **kwargs)

    def test_client_names(self):
        self.assertRefused(capability.InvalidValueError, ["empty"],
                           self.cap.allow_client_incoming, "")
        self.assertRefused(capability.InvalidValueError, ["' ' (U+0020)", "position 5"],
                           self.cap.allow_client_incoming, "alice bob")
        self.assertRefused(capability.InvalidValueError, ["U+00E9", "position 2"],
                           self.cap.allow_client_incoming, u"Jos\u00e9"[1:])
        self.assertRefused(capability.InvalidValueError, ["'-'"],
                           self.cap.allow_client_incoming, "a-b")
        self.assertRefused(capability.InvalidTypeError, ["client name", "int"],
                           self.cap.allow_client_incoming, 42)
        self.assertRefused(capability.InvalidTypeError, ["NoneType"],
                           self.cap.allow_client_incoming, None)
        # A refused call leaves the earlier grant alone.
        self.cap.allow_client_incoming("alice")
        self.assertRaises(capability.InvalidValueError, self.cap.allow_client_incoming, "a b")
        self.assertEqual(self.cap.client_name, "alice")

    def test_type_errors_are_also_builtin_type_and_value_errors(self):
        self.assertRaises(TypeError, self.cap.allow_client_incoming, 42)
        self.assertRaises(ValueError, self.cap.allow_client_incoming, 42)
        self.assertRaises(ValueError, self.cap.allow_client_incoming, "a b")

    def test_application_sid(self):
        for bad, words in [("AC0123456789abcdef0123456789abcdef", ["start with 'AP'"]),
                           ("APFEDCBA9876543210FEDCBA9876543210", ["lower-case hex"]),
                           ("APfedcba", ["8 characters"]),
                           ("", ["start with 'AP'"])]:
            message = self.assertRefused(capability.InvalidValueError, words,
                                         self.cap.allow_client_outgoing, bad)
            if bad:
                self.assertNotIn(bad, message)
        self.assertRefused(capability.InvalidTypeError, ["application_sid", "NoneType"],
                           self.cap.allow_client_outgoing, None)

    def test_ttl(self):
        alice(self.cap)
        self.assertRefused(capability.InvalidValueError, ["1 to 86400", "0"], self.cap.generate, 0)
        self.assertRefused(capability.InvalidValueError, ["86401"], self.cap.generate, 86401)
        self.assertRefused(capability.InvalidValueError, ["-5"], self.cap.generate, -5)
        for bad in (True, False, 600.0, "600", None):
            self.assertRefused(capability.InvalidTypeError, ["ttl", "whole number"],
                               self.cap.generate, bad)
        self.cap.generate(1)
        self.cap.generate(86400)

    def test_nbf_must_be_a_bool(self):
        for bad in (None, 0, 1, "yes"):
            self.assertRefused(capability.InvalidTypeError, ["nbf"], self.cap.generate, nbf=bad)

    def test_param_types(self):
        for bad, words in [(1.5, ["float"]), (True, ["bool"]), (None, ["NoneType"]),
                           ({"x": 1}, ["dict"]), ([["x"]], ["nested"]), ([1.0], ["float"]),
                           (object(), ["object"])]:
            self.assertRefused(capability.InvalidTypeError, ["'k'"] + words,
                               self.cap.allow_client_outgoing, APP, {"k": bad})
            self.assertRefused(capability.InvalidTypeError, ["'k'"] + words,
                               self.cap.allow_event_stream, k=bad)
        self.assertRefused(capability.InvalidTypeError, ["keys must be text", "int"],
                           self.cap.allow_client_outgoing, APP, {1: "x"})
        self.assertRefused(capability.InvalidTypeError, ["params must be a mapping", "list"],
                           self.cap.allow_client_outgoing, APP, [("a", "b")])
        self.assertRefused(capability.InvalidValueError, ["'a'", "both"],
                           self.cap.allow_client_outgoing, APP, {"a": "1"}, a="2")

    def test_params_that_are_not_utf8(self):
        self.assertRefused(capability.InvalidValueError, ["UTF-8"],
                           self.cap.allow_client_outgoing, APP, {"k": b"\xff\xfe"})
        self.assertRefused(capability.InvalidValueError, ["UTF-8"],
                           self.cap.allow_client_outgoing, APP, {"k": u"\ud800"})
        self.assertRefused(capability.InvalidValueError, ["UTF-8"],
                           self.cap.allow_client_outgoing, APP, {b"\xff": "v"})

    def test_refused_errors_do_not_chain_the_input(self):
        try:
            self.cap.allow_client_outgoing(APP, {"k": u"\ud800"})
        except capability.InvalidValueError as error:
            self.assertIsNone(getattr(error, "__context__", None))
            self.assertIsNone(getattr(error, "__cause__", None))


class CredentialsTest(unittest.TestCase):

    def setUp(self):
        self.environ = dict(os.environ)
        for name in ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN"):
            os.environ.pop(name, None)
        capability.configure()

    def tearDown(self):
        os.environ.clear()
        os.environ.update(self.environ)
        capability.configure()

    def refused(self, *args, **kwargs):
        with self.assertRaises(capability.CredentialsError) as caught:
            capability.Capability(*args, **kwargs)
        message = str(caught.exception)
        self.assertNotIn(SECRET, message)
        self.assertNotIn(SECRET.strip(), message)
        return message

    def test_missing_names_what_and_where(self):
        message = self.refused()
        self.assertIn("account SID", message)
        self.assertIn("TWILIO_ACCOUNT_SID", message)
        self.assertIn("capability.configure(account_sid=...)", message)
        message = self.refused(SID)
        self.assertIn("auth token", message)
        self.assertIn("TWILIO_AUTH_TOKEN", message)

    def test_empty_environment_variable_counts_as_missing(self):
        os.environ["TWILIO_ACCOUNT_SID"] = ""
        os.environ["TWILIO_AUTH_TOKEN"] = ""
        self.assertIn("no account SID", self.refused())

    def test_precedence_argument_then_configure_then_environment(self):
        other = "AC" + "1" * 32
        os.environ["TWILIO_ACCOUNT_SID"] = "AC" + "2" * 32
        os.environ["TWILIO_AUTH_TOKEN"] = "from-env"
        self.assertEqual(capability.Capability().account_sid, "AC" + "2" * 32)
        capability.configure(account_sid=other, auth_token="from-configure")
        self.assertEqual(capability.Capability().account_sid, other)
        self.assertEqual(capability.Capability(SID).account_sid, SID)
        with frozen_clock(1700000000):
            by_configure = alice(capability.Capability(SID)).generate()
            by_argument = alice(capability.Capability(SID, "from-configure")).generate()
            by_env = alice(capability.Capability(SID, "from-env")).generate()
        self.assertEqual(by_configure, by_argument)
        self.assertNotEqual(by_configure, by_env)
        capability.configure()
        self.assertEqual(capability.Capability().account_sid, "AC" + "2" * 32)

    def test_malformed_account_sid_is_not_echoed(self):
        message = self.refused(SECRET, SID)  # swapped
        self.assertIn("'AC' followed by 32 lower-case hex digits", message)
        self.assertIn("account_sid", message)
        os.environ["TWILIO_ACCOUNT_SID"] = SECRET
        self.assertIn("TWILIO_ACCOUNT_SID", self.refused(auth_token="x"))

    def test_auth_token_shape(self):
        self.assertIn("empty", self.refused(SID, ""))
        self.assertIn("whitespace", self.refused(SID, SECRET + "\n"))
        self.assertIn("whitespace", self.refused(SID, " " + SECRET))
        self.assertIn("int", self.refused(SID, 12345))
        os.environ["TWILIO_AUTH_TOKEN"] = SECRET + "\n"
        message = self.refused(SID)
        self.assertIn("TWILIO_AUTH_TOKEN", message)
        self.assertIn("whitespace", message)

    def test_configure_checks_at_once(self):
        self.assertRaises(capability.CredentialsError, capability.configure, account_sid="AC1",
                          auth_token=None)
        self.assertRaises(capability.CredentialsError, capability.configure, account_sid=None,
                          auth_token="")

    def test_configure_replaces_both_and_refuses_half_a_call(self):
        os.environ["TWILIO_ACCOUNT_SID"] = "AC" + "2" * 32
        capability.configure(account_sid=SID, auth_token=SECRET)
        for kwargs, missing in (({"auth_token": SECRET}, "account_sid"),
                                ({"account_sid": SID}, "auth_token")):
            with self.assertRaises(capability.CredentialsError) as caught:
                capability.configure(**kwargs)
            self.assertEqual(str(caught.exception), (
                "configure() replaces every setting and %s was left out: pass %s=... too, or "
                "%s=None to take it from the argument or the environment" % ((missing,) * 3)))
        # The refused calls left the earlier settings whole.
        self.assertEqual(capability.Capability().account_sid, SID)
        # None is explicit: the SID comes from the environment again, nothing is merged.
        capability.configure(account_sid=None, auth_token=SECRET)
        self.assertEqual(capability.Capability().account_sid, "AC" + "2" * 32)
        capability.configure(account_sid=SID, auth_token=None)
        self.assertIn("auth token", self.refused())
        capability.configure()
        self.assertIn("no auth token", self.refused(SID))

    def test_bytes_and_text_credentials_agree(self):
        with frozen_clock(1700000000):
            self.assertEqual(alice(capability.Capability(SID, SECRET)).generate(),
                             alice(capability.Capability(SID.encode("ascii"),
                                                         SECRET.encode("ascii"))).generate())

    def test_secret_never_in_repr_or_str(self):
        cap = capability.Capability(SID, SECRET)
        cap.allow_client_incoming("alice")
        with frozen_clock(1700000000):
            token = cap.generate()
        for text in (repr(cap), str(cap)):
            self.assertIn(SID, text)
            self.assertNotIn(SECRET, text)
            self.assertNotIn(token, text)
            self.assertNotIn(token.split(".")[2], text)


class NothingToAllowTest(unittest.TestCase):
    """A token with an empty scope lets a client do nothing: Capability refuses to make
    it, as the command line does; twilio-python's faces still make it (drop-in parity)."""

    def test_generate_without_an_allow_call_is_refused(self):
        cap = capability.Capability(SID, SECRET)
        for call in (cap.generate, lambda: cap.generate(ttl=600, nbf=False)):
            message = refused(self, capability.InvalidValueError, ["nothing to allow"], call)
            for method in ("allow_client_incoming", "allow_client_outgoing",
                           "allow_event_stream"):
                self.assertIn(method, message)
        cap.allow_event_stream()
        self.assertEqual(cap.generate().count("."), 2)

    def test_the_command_line_says_the_same(self):
        status, out, err = run_cli(["generate"], {"TWILIO_ACCOUNT_SID": SID,
                                                  "TWILIO_AUTH_TOKEN": SECRET})
        self.assertEqual((status, out), (2, ""))
        library = refused(self, capability.InvalidValueError, [],
                          capability.Capability(SID, SECRET).generate)
        self.assertIn(library.split(":")[0] + ":", err)

    def test_twilio_python_faces_keep_the_empty_token(self):
        with frozen_clock(1700000000):
            for token in (capability.ClientCapabilityToken(SID, SECRET).to_jwt(),
                          capability.TwilioCapability(SID, SECRET).generate()):
                self.assertEqual(claims_of(token)["scope"], "")


if __name__ == "__main__":
    unittest.main()
