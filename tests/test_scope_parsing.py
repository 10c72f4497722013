"""Parsing scope strings: the inverse of Scope.to_string and encode_params."""
import unittest

import capability
from capability import Scope, parse_params, parse_scope, parse_scopes
from capability.exc import InvalidTypeError, MalformedTokenError
from capability.scopes import encode_params, unquote

from .support import load_vectors

APP = "APfedcba9876543210fedcba9876543210"


class ParseScopeTest(unittest.TestCase):

    def test_incoming(self):
        scope = parse_scope("scope:client:incoming?clientName=alice")
        self.assertEqual(scope, Scope("client", "incoming", {"clientName": "alice"}))
        self.assertEqual((scope.service, scope.privilege), ("client", "incoming"))

    def test_no_params(self):
        self.assertEqual(parse_scope("scope:stream:subscribe"), Scope("stream", "subscribe"))
        self.assertEqual(parse_scope(b"scope:stream:subscribe"), Scope("stream", "subscribe"))

    def test_app_params_stay_encoded_until_asked(self):
        scope = parse_scope("scope:client:outgoing?appParams=a%3D1%26b%3Dx%2By&appSid=" + APP)
        self.assertEqual(scope.params, {"appSid": APP, "appParams": "a=1&b=x+y"})
        self.assertEqual(parse_params(scope.params["appParams"]), [("a", "1"), ("b", "x y")])

    def test_serialize_round_trip(self):
        for text in ["scope:client:incoming?clientName=alice",
                     "scope:client:outgoing?appParams=a%3D1%26b%3Dx%2By&appSid=" + APP
                     + "&clientName=alice",
                     "scope:stream:subscribe?params=CallSid%3DCA1&path=%2F2010-04-01%2FEvents",
                     "scope:stream:subscribe",
                     "scope:client:outgoing?appParams=&appSid=" + APP]:
            self.assertEqual(parse_scope(text).to_string(), text)

    def test_golden_scopes_round_trip(self):
        vectors = load_vectors("client_capability.json")
        count = 0
        for case in vectors["cases"]:
            with self.subTest(case["label"]):
                claims = capability.decode_unverified(case["token"])[1]
                parsed = parse_scopes(claims["scope"])
                self.assertEqual(" ".join(s.to_string() for s in parsed), claims["scope"])
                count += len(parsed)
        self.assertGreater(count, 30)

    def test_several(self):
        scopes = parse_scopes("scope:client:incoming?clientName=a scope:stream:subscribe")
        self.assertEqual([s.privilege for s in scopes], ["incoming", "subscribe"])
        self.assertEqual(parse_scopes(""), [])

    def test_malformed_scopes(self):
        rows = [
            ("client:incoming", "is not scope:"),
            ("scope:client", "is not scope:"),
            ("scope:client:incoming:extra", "is not scope:"),
            ("Scope:client:incoming", "is not scope:"),
            ("scope::incoming", "empty"),
            ("scope:client:", "empty"),
            ("scope:cli ent:incoming", "A-Z a-z"),
            ("scope:cli%74nt:incoming", "A-Z a-z"),
            ("scope:client:incoming?", "no parameters"),
            ("scope:client:incoming?clientName", "no '='"),
            ("scope:client:incoming?clientName=a=b", "more than one '='"),
            ("scope:client:incoming?clientName=a&", "parameter 2 has no '='"),
            ("scope:client:incoming?&clientName=a", "parameter 1 has no '='"),
            ("scope:client:incoming?clientName=a&clientName=a", 'parameter "clientName" twice'),
            ("scope:client:incoming?clientName=%", "two hex digits"),
            ("scope:client:incoming?clientName=%4", "two hex digits"),
            ("scope:client:incoming?clientName=%4g", "two hex digits"),
            ("scope:client:incoming?clientName=%+4", "two hex digits"),
            ("scope:client:incoming?clientName=% 4", "two hex digits"),
            ("scope:client:incoming?clientName=%C3", "not UTF-8"),
            ("scope:client:incoming?clientName=%ED%A0%80", "not UTF-8"),
            ("scope:client:incoming?c%ffient=1", "parameter 1 key is not UTF-8"),
        ]
        for text, words in rows:
            with self.subTest(text):
                with self.assertRaises(MalformedTokenError) as caught:
                    parse_scope(text)
                self.assertIn(words, str(caught.exception), text)

    def test_malformed_lists_name_the_scope(self):
        with self.assertRaises(MalformedTokenError) as caught:
            parse_scopes("scope:client:incoming?clientName=a  scope:stream:subscribe")
        self.assertIn("scope 2 is not scope:", str(caught.exception))
        with self.assertRaises(MalformedTokenError) as caught:
            parse_scopes("scope:stream:subscribe scope:client:incoming?x=%zz")
        self.assertIn("scope 2, parameter 1 value has", str(caught.exception))
        self.assertRaises(MalformedTokenError, parse_scopes, " ")
        self.assertRaises(MalformedTokenError, parse_scopes, "scope:stream:subscribe ")

    def test_long_key_is_not_echoed(self):
        key = "k" * 100
        with self.assertRaises(MalformedTokenError) as caught:
            parse_scope("scope:a:b?%s=1&%s=2" % (key, key))
        self.assertNotIn(key, str(caught.exception))
        self.assertIn("a string", str(caught.exception))

    def test_types(self):
        for value in [None, 1, ["scope:a:b"]]:
            for parse in (parse_scope, parse_scopes, parse_params):
                self.assertRaises(InvalidTypeError, parse, value)
        self.assertRaises(capability.InvalidValueError, parse_scopes, b"\xff")


class ParseParamsTest(unittest.TestCase):

    def test_plus_and_percent_20_are_spaces(self):
        self.assertEqual(parse_params("a=x+y&b=x%20y"), [("a", "x y"), ("b", "x y")])
        self.assertEqual(parse_params("a=x%2By"), [("a", "x+y")])

    def test_hex_in_either_case(self):
        self.assertEqual(parse_params("a=%2f%2F%c3%a9"), [("a", u"//\u00e9")])

    def test_repeated_keys_stay_in_order(self):
        self.assertEqual(parse_params("to=a&n=1&to=b"), [("to", "a"), ("n", "1"), ("to", "b")])

    def test_empty_keys_and_values(self):
        self.assertEqual(parse_params(""), [])
        self.assertEqual(parse_params("=v&e="), [("", "v"), ("e", "")])

    def test_raw_characters_are_kept(self):
        self.assertEqual(parse_params(u"p=/a~!*'()?:@\u00e9 "), [("p", u"/a~!*'()?:@\u00e9 ")])

    def test_inverse_of_encode_params(self):
        rows = [
            [("a", "1")],
            [("q", u"a b&c=d+e%f/g?h#i~j\u00e9\U0001F600")],
            [("to", "alice"), ("to", "bob"), ("", ""), ("k k", "v+v")],
        ]
        for pairs in rows:
            with self.subTest(pairs=pairs):
                encoded = encode_params(pairs, "params")
                self.assertEqual(parse_params(encoded), pairs)
                self.assertEqual(encode_params(parse_params(encoded), "params"), encoded)

    def test_unquote(self):
        self.assertEqual(unquote(u"plain", "x"), u"plain")
        self.assertEqual(unquote(u"a+b%20%C3%A9", "x"), u"a b \u00e9")
        self.assertEqual(unquote(u"%25%2B", "x"), u"%+")
        self.assertEqual(unquote(u"%41%42", "x"), u"AB")
        self.assertEqual(unquote(u"\u00e9%41", "x"), u"\u00e9A")
        self.assertEqual(unquote(u"%41\u00e9", "x"), u"A\u00e9")
        with self.assertRaises(MalformedTokenError) as caught:
            unquote(u"%", "the thing")
        self.assertEqual(str(caught.exception),
                         "the thing has a '%' not followed by two hex digits")


if __name__ == "__main__":
    unittest.main()
