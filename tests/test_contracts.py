"""Issue 9's contracts: errors carry data, validators return what they accept,
Token declares its hooks, and the package docstring's module map is the import ladder."""
import ast
import os
import pickle
import re
import unittest

import capability
from capability import checks
from capability.token import GENERATE, Token

from .support import ROOT, frozen_clock
from .test_hostile import API_KEY, FPA_HEADER, KEY, NOW, SID, claims, signed

# (label, token, the claim or header member MalformedTokenError names, or None)
MALFORMED = [
    ("no alg", signed(header=b'{"typ":"JWT"}'), "alg"),
    ("alg none", signed(header=b'{"alg":"none","typ":"JWT"}'), "alg"),
    ("crit", signed(header=b'{"alg":"HS256","crit":["x"]}'), "crit"),
    ("typ JWE", signed(header=b'{"alg":"HS256","typ":"JWE"}'), "typ"),
    ("cty JWT", signed(header=b'{"alg":"HS256","cty":"JWT"}'), "cty"),
    ("exp text", signed(claims(exp=b'"1"')), "exp"),
    ("exp missing", signed(b'{"iss":"' + SID.encode("ascii") + b'"}'), "exp"),
    ("nbf text", signed(claims(b',"nbf":"1"')), "nbf"),
    ("iat true", signed(claims(b',"iat":true')), "iat"),
    ("iss missing", signed(claims(iss=None)), "iss"),
    ("iss an API key", signed(claims(iss=API_KEY)), "iss"),
    ("iss a number", signed(b'{"iss":1,"exp":1700003600}'), "iss"),
    ("sub missing", signed(claims(iss=API_KEY), header=FPA_HEADER), "sub"),
    ("sub not AC", signed(claims(b',"sub":"' + API_KEY.encode("ascii") + b'"', iss=API_KEY),
                          header=FPA_HEADER), "sub"),
    ("scope null", signed(claims(b',"scope":null')), "scope"),
    ("scope not a URI", signed(claims(b',"scope":"scope:x"')), "scope"),
    ("scope bad escape", signed(claims(b',"scope":"scope:client:incoming?clientName=%zz"')),
     "scope"),
    ("two segments", "a.b", None),
    ("payload not JSON", signed(b"{"), None),
    ("header member twice", signed(header=b'{"alg":"HS256","alg":"HS256"}'), None),
]


def decode(token, leeway=0):
    with frozen_clock(NOW):
        return capability.decode(token, KEY, leeway)


def raised(function, *args):
    try:
        function(*args)
    except capability.CapabilityError as error:
        return error
    raise AssertionError("%s did not raise" % function.__name__)


class ErrorDataTest(unittest.TestCase):

    def test_malformed_token_names_the_claim(self):
        for label, token, claim in MALFORMED:
            with self.subTest(label):
                error = raised(decode, token)
                self.assertIsInstance(error, capability.MalformedTokenError, label)
                self.assertEqual(error.claim, claim, label)

    def test_expired_token_carries_exp(self):
        error = raised(decode, signed(claims(exp=b"1699999940")))
        self.assertIsInstance(error, capability.ExpiredTokenError)
        self.assertEqual(error.exp, 1699999940)
        self.assertEqual(str(error), "token expired at 2023-11-14 22:12:20 UTC, 60 seconds ago")
        self.assertEqual(raised(decode, signed(claims(exp=b"1699999999.5"))).exp, 1699999999.5)

    def test_not_yet_valid_token_carries_nbf(self):
        error = raised(decode, signed(claims(b',"nbf":1700000060')))
        self.assertIsInstance(error, capability.NotYetValidError)
        self.assertEqual(error.nbf, 1700000060)
        self.assertEqual(raised(decode, signed(claims(b',"nbf":1700000060')), 59).nbf,
                         1700000060)

    def test_from_jwt_errors_carry_data_too(self):
        cap = capability.ClientCapabilityToken(SID, KEY, ttl=60)
        with frozen_clock(NOW):
            token = cap.to_jwt()
        with frozen_clock(NOW + 61):
            error = raised(capability.ClientCapabilityToken.from_jwt, token, KEY)
        self.assertEqual(error.exp, NOW + 60)
        with frozen_clock(NOW - 1):
            self.assertEqual(raised(capability.ClientCapabilityToken.from_jwt, token, KEY).nbf,
                             NOW)
        with frozen_clock(NOW):
            wrong_kind = raised(capability.AccessToken.from_jwt, token, KEY)
        self.assertIsInstance(wrong_kind, capability.MalformedTokenError)
        self.assertIsNone(wrong_kind.claim)

    def test_data_defaults_to_none_and_survives_pickling(self):
        for cls, name in ((capability.MalformedTokenError, "claim"),
                          (capability.ExpiredTokenError, "exp"),
                          (capability.NotYetValidError, "nbf")):
            self.assertIsNone(getattr(cls("message"), name))
            error = cls("message", 7)
            self.assertEqual(str(error), "message")
            self.assertEqual(error.args, ("message",))
            copy = pickle.loads(pickle.dumps(error, 2))
            self.assertEqual((type(copy), str(copy), getattr(copy, name)), (cls, "message", 7))


class ValidatorTest(unittest.TestCase):

    def test_every_validator_returns_what_it_accepted(self):
        self.assertEqual(checks.check_sid(SID, "AC", "sid", ValueError), SID)
        self.assertEqual(checks.check_secret(u"key", "key"), b"key")
        self.assertEqual(checks.check_client_name(u"alice_1"), "alice_1")
        self.assertEqual(checks.check_text(b"Room 1", "room"), u"Room 1")
        self.assertEqual(checks.check_region(u"ie1"), "ie1")
        self.assertIsNone(checks.check_region(None))
        self.assertEqual(checks.check_ttl(600), 600)
        self.assertIs(checks.check_nbf(GENERATE), GENERATE)
        self.assertEqual(checks.check_nbf(NOW), NOW)
        self.assertEqual(checks.check_valid_until(NOW), NOW)
        self.assertEqual(checks.check_leeway(1.5), 1.5)

    def test_client_names_and_scope_words_differ_on_purpose(self):
        self.assertEqual(set(checks.SCOPE_NAME_CHARS) - set(checks.CLIENT_NAME_CHARS),
                         set(".-"))
        self.assertRaises(capability.InvalidValueError, checks.check_client_name, "a.b")
        self.assertEqual(capability.parse_scope("scope:a.b:c-d").service, "a.b")


class TokenHooksTest(unittest.TestCase):

    def test_a_subclass_without_hooks_fails_loudly(self):
        class Bare(Token):
            pass

        token = Bare()
        self.assertRaises(NotImplementedError, token.to_jwt)
        self.assertRaises(NotImplementedError, repr, token)
        token._key = b"key"
        self.assertRaises(NotImplementedError, token.to_jwt)
        self.assertIsNone(Bare.kind_problem({}, {}))

    def test_kind_problem_is_public_on_every_token_class(self):
        header = {"alg": "HS256", "typ": "JWT"}
        self.assertIsNone(capability.ClientCapabilityToken.kind_problem(header, {"scope": ""}))
        self.assertEqual(capability.AccessToken.kind_problem(header, {}),
                         'its header has no cty "twilio-fpa;v=1"')
        self.assertEqual(capability.WorkerCapabilityToken.kind_problem(header, {}),
                         "it has no policies list")


class ModuleMapTest(unittest.TestCase):

    def test_each_module_imports_only_modules_below_it_in_the_map(self):
        ladder = []
        for line in capability.__doc__.splitlines():
            if line.startswith("- ``"):
                ladder.extend(re.findall(r"``(\w+)``(?=[,:;])", line.split(": ")[0] + ":"))
                ladder.extend(re.findall(r"; ``(\w+)``:", line))
        package = os.path.join(ROOT, "capability")
        files = sorted(name[:-3] for name in os.listdir(package)
                       if name.endswith(".py") and name != "__init__.py")
        self.assertEqual(sorted(ladder), files)
        for name in files:
            with open(os.path.join(package, name + ".py")) as source:
                tree = ast.parse(source.read())
            for node in ast.walk(tree):
                if not isinstance(node, ast.ImportFrom) or node.level != 1:
                    continue
                used = [node.module] if node.module else [
                    alias.name for alias in node.names if alias.name in files]
                for module in used:
                    self.assertLess(ladder.index(module), ladder.index(name), "%s imports %s, "
                                    "which the map (bottom to top) lists after it" % (name, module))


if __name__ == "__main__":
    unittest.main()
