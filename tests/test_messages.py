"""Every decoding and parsing message, word for word: they are the user interface.

The hostile catalogue checks that each token fails for its own reason; this
table pins the exact text, so a message cannot rot unnoticed.
"""
import sys
import unittest

import capability
from capability import Scope, decoding, jws
from capability.scopes import encode_params, parse_params, parse_scope, parse_scopes, unquote

from .support import frozen_clock
from .test_hostile import API_KEY, FPA_HEADER, KEY, SID, claims, signed

GOOD = signed()


def decode(token):
    with frozen_clock(1700000000):
        return capability.decode(token, KEY)


def with_segment(index, value):
    parts = GOOD.split(".")
    parts[index] = value
    return ".".join(parts)


# (callable, arguments, exception class, exact message)
MESSAGES = [
    (decode, [None], capability.InvalidTypeError, "token must be text, not NoneType"),
    (decode, ["a" * 8193], capability.MalformedTokenError,
     "token is 8193 characters long; the limit is 8192"),
    (decode, [u"a\u00e9"], capability.MalformedTokenError,
     "token has a non-ASCII character at byte 1"),
    (decode, [b"ab\x80"], capability.MalformedTokenError,
     "token has a non-ASCII character at byte 2"),
    (decode, [u"a\ud800"], capability.MalformedTokenError, "token is not valid UTF-8 text"),
    (decode, ["a.b"], capability.MalformedTokenError,
     "token has 2 segments separated by '.'; a JWS has 3"),
    (decode, [with_segment(0, "e=")], capability.MalformedTokenError,
     "header is not canonical base64url: it has '=' padding"),
    (decode, [with_segment(1, "e+")], capability.MalformedTokenError,
     "payload is not canonical base64url: it has '+' or '/' (base64, not base64url)"),
    (decode, [with_segment(2, "e e")], capability.MalformedTokenError,
     "signature is not canonical base64url: it has whitespace"),
    (decode, [with_segment(2, "AAA\x7f")], capability.MalformedTokenError,
     "signature is not canonical base64url: it has a character outside A-Z a-z 0-9 - _"),
    (decode, [with_segment(2, "AAAA")], capability.MalformedTokenError,
     "signature is 3 bytes; HS256 gives 32"),
    (decode, [signed(key="other")], capability.BadSignatureError,
     "signature does not match the key (altered, forged, or signed with another auth token)"),
    (decode, [signed(header=b'{"typ":"JWT"}')], capability.MalformedTokenError,
     'header has no alg; only "HS256" is accepted'),
    (decode, [signed(header=b'{"alg":"hs256"}')], capability.MalformedTokenError,
     'header alg is "hs256"; only "HS256" is accepted'),
    (decode, [signed(header=b'{"alg":"HS256","crit":[]}')], capability.MalformedTokenError,
     "header has crit; no JWS extension is supported"),
    (decode, [signed(header=b'{"alg":"HS256","typ":"JWE"}')], capability.MalformedTokenError,
     'header typ is "JWE", not "JWT"'),
    (decode, [signed(header=b'{"alg":"HS256","typ":1}')], capability.MalformedTokenError,
     'header typ is a number, not "JWT"'),
    (decode, [signed(header=b'{"alg":"HS256","cty":"JWT"}')], capability.MalformedTokenError,
     'header cty is "JWT"; only "twilio-fpa;v=1" is known'),
    (decode, [signed(header=b'{"alg":"HS256","x":"\xff"}')], capability.MalformedTokenError,
     "header is not UTF-8"),
    (decode, [signed(header=b'{"alg":"HS256","x":' + b"[" * 16 + b"]" * 16 + b"}")],
     capability.MalformedTokenError, "header nests deeper than 16 levels"),
    (decode, [signed(header=b'{"alg":"HS256","alg":"HS256"}')], capability.MalformedTokenError,
     'header has the member "alg" twice'),
    (decode, [signed(header=b'{"alg":"HS256","x":NaN}')], capability.MalformedTokenError,
     "header has NaN, which JSON does not allow"),
    (decode, [signed(claims(b',"x":9007199254740992'))], capability.MalformedTokenError,
     "payload has an integer beyond 2**53 - 1"),
    (decode, [signed(claims(b',"x":' + b"1" * 5000))], capability.MalformedTokenError,
     "payload has an integer beyond 2**53 - 1"),
    (decode, [signed(claims(b',"x":1e999'))], capability.MalformedTokenError,
     "payload has a number too large for a float"),
    (decode, [signed(claims(b',"x":-1e999'))], capability.MalformedTokenError,
     "payload has a number too large for a float"),
    (decode, [signed(b"{")], capability.MalformedTokenError, "payload is not valid JSON"),
    (decode, [signed(b"[]")], capability.MalformedTokenError,
     "payload is an array, not a JSON object"),
    (decode, [signed(claims(b',"x":"\\udc00"'))], capability.MalformedTokenError,
     "payload has a string with a lone UTF-16 surrogate"),
    (decode, [signed(claims(exp=b'"1"'))], capability.MalformedTokenError,
     'exp is "1", not a number of seconds'),
    (decode, [signed(b'{"iss":"' + SID.encode("ascii") + b'"}')], capability.MalformedTokenError,
     "exp is missing; a token without expiry is refused"),
    (decode, [signed(claims(iss=None))], capability.MalformedTokenError, "iss is missing"),
    (decode, [signed(claims(iss=API_KEY), header=FPA_HEADER)], capability.MalformedTokenError,
     "sub is missing"),
    (decode, [signed(claims(iss=API_KEY))], capability.MalformedTokenError,
     "iss must be 'AC' followed by 32 lower-case hex digits; the value given does not start "
     "with 'AC'"),
    (decode, [signed(claims(b',"scope":null'))], capability.MalformedTokenError,
     "scope is null, not a string"),
    (decode, [signed(claims(exp=b"1699999940"))], capability.ExpiredTokenError,
     "token expired at 2023-11-14 22:12:20 UTC, 60 seconds ago"),
    (decode, [signed(claims(exp=b"1699999999"))], capability.ExpiredTokenError,
     "token expired at 2023-11-14 22:13:19 UTC, 1 second ago"),
    (decode, [signed(claims(b',"nbf":1700000060'))], capability.NotYetValidError,
     "token is not valid before 2023-11-14 22:14:20 UTC, 60 seconds from now"),
    (capability.decode_unverified, [jws.sign(b"{", b"k", header=b'{"alg":"HS256"}')],
     capability.MalformedTokenError, "payload is not valid JSON"),
    (capability.decode_unverified, [jws.sign(b"{}", b"k", header=b'[]')],
     capability.MalformedTokenError, "header is an array, not a JSON object"),
    (capability.decode, [GOOD, KEY, "1"], capability.InvalidTypeError,
     "leeway must be a number of seconds, not str"),
    (capability.decode, [GOOD, KEY, -1], capability.InvalidValueError,
     "leeway must be a number of seconds from 0 to 86400 (a day)"),
    (capability.decode, [GOOD, KEY, 10 ** 400], capability.InvalidValueError,
     "leeway must be a number of seconds from 0 to 86400 (a day)"),
    (capability.decode, [GOOD, KEY, 1e300], capability.InvalidValueError,
     "leeway must be a number of seconds from 0 to 86400 (a day)"),
    (parse_scope, ["client:incoming"], capability.MalformedTokenError,
     "scope is not scope:<service>:<privilege>"),
    (parse_scope, ["scope:a:"], capability.MalformedTokenError,
     "scope has a service or privilege that is empty or not A-Z a-z 0-9 _ . -"),
    (parse_scope, ["scope:a:b?"], capability.MalformedTokenError,
     "scope has '?' but no parameters"),
    (parse_scope, ["scope:a:b?k=1&k=2"], capability.MalformedTokenError,
     'scope has the parameter "k" twice'),
    (parse_scope, ["scope:a:b?k"], capability.MalformedTokenError,
     "scope, parameter 1 has no '='; a parameter is key=value"),
    (parse_scope, [None], capability.InvalidTypeError, "scope must be text, not NoneType"),
    (parse_scope, [b"\xff"], capability.InvalidValueError, "scope is not valid UTF-8 text"),
    (parse_scopes, ["scope:a:b scope:c"], capability.MalformedTokenError,
     "scope 2 is not scope:<service>:<privilege>"),
    (parse_scopes, [1], capability.InvalidTypeError, "scope must be text, not int"),
    (parse_params, ["a=1&b"], capability.MalformedTokenError,
     "params, parameter 2 has no '='; a parameter is key=value"),
    (parse_params, ["a=1=2"], capability.MalformedTokenError,
     "params, parameter 1 has more than one '='; a parameter is key=value"),
    (parse_params, ["a=%4"], capability.MalformedTokenError,
     "params, parameter 1 value has a '%' not followed by two hex digits"),
    (parse_params, ["%FF=1"], capability.MalformedTokenError,
     "params, parameter 1 key is not UTF-8 once percent-decoded"),
    (parse_params, [1], capability.InvalidTypeError, "params must be text, not int"),
    (unquote, [u"\ud800%41", "x"], capability.MalformedTokenError, "x is not valid UTF-8 text"),
    (encode_params, [[("a", 1.5)], "params"], capability.InvalidTypeError,
     "params['a'] must be text, a whole number or a list of those, not float"),
    (encode_params, [[(1, "a")], "params"], capability.InvalidTypeError,
     "params keys must be text, not int"),
    (encode_params, [[(b"\xff", "a")], "params"], capability.InvalidValueError,
     "a key of params is not valid UTF-8 text"),
    (encode_params, [[("a", [["b"]])], "params"], capability.InvalidTypeError,
     "params['a'] must not hold nested lists"),
    (encode_params, [[("a", b"\xff")], "params"], capability.InvalidValueError,
     "params['a'] is not valid UTF-8 text"),
    (Scope("client", "incoming", {"clientName": b"\xff"}).to_string, [],
     capability.InvalidValueError, "clientName is not valid UTF-8 text"),
]


class MessageTest(unittest.TestCase):

    def test_every_message(self):
        for function, args, error, message in MESSAGES:
            with self.subTest(message):
                with self.assertRaises(error) as caught:
                    function(*args)
                self.assertIs(type(caught.exception), error, message)
                self.assertEqual(str(caught.exception), message)

    def test_when(self):
        self.assertEqual(decoding.when(0), "1970-01-01 00:00:00 UTC")
        self.assertEqual(decoding.when(-1), "-1 seconds since 1970")
        self.assertEqual(decoding.when(253402300799), "9999-12-31 23:59:59 UTC")
        self.assertEqual(decoding.when(253402300800), "253402300800 seconds since 1970")
        self.assertEqual(decoding.when(1700000000.5), "2023-11-14 22:13:20 UTC")

    def test_nesting_counts_brackets_outside_strings_only(self):
        deep = b"[" * 15 + b"]" * 15
        accepted = [
            b'{"alg":"HS256","x":"' + b"[" * 40 + b'"}',
            b'{"alg":"HS256","x":"\\"' + b"{" * 40 + b'"}',
            b'{"alg":"HS256","x":"\\\\","y":' + deep + b"}",
            b'{"alg":"HS256","a":' + deep + b',"b":' + deep + b',"c":' + deep + b"}",
            b'{"alg":"HS256","a":' + b'{"a":' * 15 + b"1" + b"}" * 15 + b',"b":'
            + b'{"a":' * 15 + b"1" + b"}" * 15 + b"}",
        ]
        for header in accepted:
            self.assertEqual(decode(signed(header=header))["iss"], SID, header)
        refused = [
            b'{"alg":"HS256","x":"\\\\",' + b'"y":' * 1 + b"[" * 16 + b"]" * 16 + b"}",
            b'{"alg":"HS256","a":' + b'{"a":' * 16 + b"1" + b"}" * 16 + b"}",
            # Closing a bracket returns to the enclosing depth, here 2, not 1.
            b'{"alg":"HS256","a":{"b":[1],"c":' + b"[" * 15 + b"]" * 15 + b"}}",
        ]
        for header in refused:
            with self.assertRaises(capability.MalformedTokenError) as caught:
                decode(signed(header=header))
            self.assertEqual(str(caught.exception), "header nests deeper than 16 levels")

    def test_check_time_boundaries(self):
        claims_ = {"exp": 100, "nbf": 50}
        decoding.check_time(claims_, 50, 0)
        decoding.check_time(claims_, 99.999, 0)
        self.assertRaises(capability.ExpiredTokenError, decoding.check_time, claims_, 100, 0)
        self.assertRaises(capability.NotYetValidError, decoding.check_time, claims_, 49.999, 0)
        decoding.check_time(claims_, 49, 1)
        decoding.check_time(claims_, 100.5, 1)
        decoding.check_time({"exp": 100}, 0, 0)

    def test_scope_repr_and_inequality(self):
        scope = Scope("client", "incoming", {"clientName": "alice"})
        self.assertEqual(repr(scope), "Scope('client', 'incoming', {'clientName': 'alice'})")
        self.assertFalse(scope != parse_scope("scope:client:incoming?clientName=alice"))
        self.assertTrue(scope != Scope("client", "incoming"))
        self.assertTrue(scope != "scope:client:incoming?clientName=alice")

    def test_scope_keys_that_cannot_be_sorted(self):
        # sorted() cannot order bytes against text (on Python 2: non-ASCII bytes against
        # unicode) nor numbers against either; the library names the mix instead.
        cases = [({b"\xc3\xa9": "1", u"a": "2"}, "bytes and text")]
        if sys.version_info[0] > 2:
            cases += [({b"a": "1", u"b": "2"}, "bytes and text"),
                      ({1: "1", u"b": "2", 2.5: "3"}, "float, int and text")]
        for params, mix in cases:
            with self.subTest(mix):
                with self.assertRaises(capability.InvalidTypeError) as caught:
                    Scope("s", "p", params).to_string()
                self.assertIs(type(caught.exception), capability.InvalidTypeError)
                self.assertEqual(str(caught.exception), "scope parameter keys must be all text "
                                 "or all bytes, not a mix of " + mix)


if __name__ == "__main__":
    unittest.main()
