"""A catalogue of hostile tokens, each with the error it must raise.

Built from RFC 8725 and the CVE history of PyJWT, python-jose, joserfc and
jwcrypto: algorithm confusion, ``none``, duplicate members, malleable
base64, parser differentials, resource exhaustion. Each row is signed with
the right key unless it says otherwise, so the row fails for its own reason.
"""
import sys
import unittest

import capability
from capability import jws
from capability.encoding import b64url_encode
from capability.exc import (BadSignatureError, ExpiredTokenError, InvalidTypeError,
                            MalformedTokenError, NotYetValidError)

KEY = "hostile-test-key"
SID = "AC0123456789abcdef0123456789abcdef"
API_KEY = "SK0123456789abcdef0123456789abcdef"
NOW = 1700000000
GOOD_HEADER = b'{"alg":"HS256","typ":"JWT"}'
FPA_HEADER = b'{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"}'


def claims(extra=b"", iss=SID, exp=b"1700003600"):
    body = b'"iss":"' + iss.encode("ascii") + b'","exp":' + exp if iss is not None else b'"exp":' + exp
    return b"{" + body + extra + b"}"


def signed(payload=None, header=GOOD_HEADER, key=KEY):
    return jws.sign(claims() if payload is None else payload, key.encode("ascii"), header=header)


def segments(token):
    return token.split(".")


def with_segment(token, index, value):
    parts = segments(token)
    parts[index] = value
    return ".".join(parts)


def raw(header, payload, signature):
    """A token from raw JSON bytes and a raw signature, no signing."""
    return ".".join(b64url_encode(part).decode("ascii") for part in (header, payload, signature))


def unsigned_with_alg(alg):
    """Header ``alg`` as given, signed with HS256 so only the alg is wrong."""
    return signed(header=b'{"alg":' + alg + b',"typ":"JWT"}')


def last_char_flipped(token):
    """Same bytes for a lenient decoder, a different string: the last char's spare bits set."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    index = alphabet.index(token[-1])
    return token[:-1] + alphabet[index | 1]


GOOD = signed()
SCOPE = b',"scope":"scope:client:incoming?clientName=alice"'
DEEP_ARRAY = b"[" * 3000 + b"]" * 3000

# (label, token, expected error, words the message must contain)
CATALOGUE = [
    # --- shape: segments, size, characters ---------------------------------
    ("empty string", "", MalformedTokenError, "the token is empty"),
    ("one segment", "abc", MalformedTokenError, "token has no '.'; a JWS has 3 segments"),
    ("two segments", ".".join(segments(GOOD)[:2]), MalformedTokenError, "2 segments"),
    ("four segments", GOOD + ".", MalformedTokenError, "4 segments"),
    ("JWE-shaped, five segments", GOOD + ".a.b", MalformedTokenError, "5 segments"),
    ("one character over the size cap", "a" * (jws.MAX_TOKEN_LENGTH + 1), MalformedTokenError,
     "limit"),
    ("bytes over the size cap", b"a" * (jws.MAX_TOKEN_LENGTH + 1), MalformedTokenError, "limit"),
    ("trailing newline", GOOD + "\n", MalformedTokenError, "whitespace"),
    ("leading space", " " + GOOD, MalformedTokenError, "whitespace"),
    ("tab inside the payload", with_segment(GOOD, 1, segments(GOOD)[1][:5] + "\t"
                                            + segments(GOOD)[1][5:]), MalformedTokenError,
     "whitespace"),
    ("non-ASCII character", GOOD[:10] + u"\u00e9" + GOOD[10:], MalformedTokenError,
     "non-ASCII character at byte 10"),
    ("non-ASCII byte", GOOD.encode("ascii")[:12] + b"\xff" + GOOD.encode("ascii")[12:],
     MalformedTokenError, "non-ASCII character at byte 12"),
    ("fullwidth dot as separator", GOOD.replace(".", u"\uff0e", 1), MalformedTokenError,
     "non-ASCII"),
    ("NUL byte", GOOD + "\x00", MalformedTokenError, "outside"),
    # --- base64url strictness ---------------------------------------------
    ("header with '=' padding", with_segment(GOOD, 0, segments(GOOD)[0] + "="),
     MalformedTokenError, "padding"),
    ("payload with '=' padding", with_segment(GOOD, 1, segments(GOOD)[1] + "=="),
     MalformedTokenError, "padding"),
    ("signature in standard base64 ('+' and '/')",
     with_segment(GOOD, 2, "+/" + segments(GOOD)[2][2:]), MalformedTokenError, "'+' or '/'"),
    ("signature with a '*'", with_segment(GOOD, 2, "*" + segments(GOOD)[2][1:]),
     MalformedTokenError, "outside"),
    ("non-canonical last signature character (spare bits set)", last_char_flipped(GOOD),
     MalformedTokenError, "stray low bits"),
    ("payload of impossible length", with_segment(GOOD, 1, segments(GOOD)[1] + "A"
                                                  * ((1 - len(segments(GOOD)[1])) % 4 or 4)),
     MalformedTokenError, "single character"),
    ("empty signature (alg none style)", with_segment(GOOD, 2, ""), MalformedTokenError,
     "0 bytes"),
    ("truncated signature", with_segment(GOOD, 2, segments(GOOD)[2][:-3]), MalformedTokenError,
     "30 bytes"),
    ("HS512-length signature", with_segment(GOOD, 2, b64url_encode(b"\x01" * 64).decode("ascii")),
     MalformedTokenError, "64 bytes"),
    ("empty header", raw(b"", claims(), b"\x00" * 32), MalformedTokenError, "header is not valid"),
    # --- algorithm --------------------------------------------------------
    ("alg none", unsigned_with_alg(b'"none"'), MalformedTokenError, '"none"'),
    ("alg None", unsigned_with_alg(b'"None"'), MalformedTokenError, '"None"'),
    ("alg lower-case hs256", unsigned_with_alg(b'"hs256"'), MalformedTokenError, '"hs256"'),
    ("alg HS512", unsigned_with_alg(b'"HS512"'), MalformedTokenError, '"HS512"'),
    ("alg RS256 (key confusion)", unsigned_with_alg(b'"RS256"'), MalformedTokenError, "RS256"),
    ("alg with a trailing space", unsigned_with_alg(b'"HS256 "'), MalformedTokenError,
     '"HS256 "'),
    ("alg as a number", unsigned_with_alg(b"256"), MalformedTokenError, "a number"),
    ("alg as a list", unsigned_with_alg(b'["HS256"]'), MalformedTokenError, "an array"),
    ("alg null", unsigned_with_alg(b"null"), MalformedTokenError, "null"),
    ("alg true", unsigned_with_alg(b"true"), MalformedTokenError, "true"),
    ("alg too long to show", unsigned_with_alg(b'"' + b"x" * 40 + b'"'), MalformedTokenError,
     "a string"),
    ("no alg", signed(header=b'{"typ":"JWT"}'), MalformedTokenError, "no alg"),
    ("duplicate alg, none then HS256", signed(header=b'{"alg":"none","alg":"HS256"}'),
     MalformedTokenError, 'member "alg" twice'),
    ("duplicate alg, both HS256", signed(header=b'{"alg":"HS256","alg":"HS256"}'),
     MalformedTokenError, "twice"),
    ("crit header", signed(header=b'{"alg":"HS256","crit":["exp"],"exp":1}'),
     MalformedTokenError, "crit"),
    ("b64 false with crit (RFC 7797)", signed(header=b'{"alg":"HS256","b64":false,"crit":["b64"]}'),
     MalformedTokenError, "crit"),
    ("typ JWE", signed(header=b'{"alg":"HS256","typ":"JWE"}'), MalformedTokenError, "typ"),
    ("typ as a number", signed(header=b'{"alg":"HS256","typ":1}'), MalformedTokenError, "typ"),
    ("cty JWT (nested token)", signed(header=b'{"alg":"HS256","cty":"JWT"}'),
     MalformedTokenError, "cty"),
    ("cty null", signed(header=b'{"alg":"HS256","cty":null}'), MalformedTokenError, "cty"),
    # --- header JSON --------------------------------------------------------
    ("header is an array", signed(header=b'["HS256"]'), MalformedTokenError, "not a JSON object"),
    ("header is a string", signed(header=b'"HS256"'), MalformedTokenError, "not a JSON object"),
    ("header is null", signed(header=b"null"), MalformedTokenError, "not a JSON object"),
    ("header is not JSON", signed(header=b"{alg:HS256}"), MalformedTokenError, "not valid JSON"),
    ("header with single quotes", signed(header=b"{'alg':'HS256'}"), MalformedTokenError,
     "not valid JSON"),
    ("header with trailing data", signed(header=GOOD_HEADER + b"{}"), MalformedTokenError,
     "not valid JSON"),
    ("header in UTF-16", signed(header=u'{"alg":"HS256"}'.encode("utf-16")),
     MalformedTokenError, "not UTF-8"),
    ("header in UTF-16-LE, no BOM", signed(header=u'{"alg":"HS256"}'.encode("utf-16-le")),
     MalformedTokenError, "not valid JSON"),
    ("header with a UTF-8 BOM", signed(header=b"\xef\xbb\xbf" + GOOD_HEADER),
     MalformedTokenError, "not valid JSON"),
    ("header with Latin-1 bytes", signed(header=b'{"alg":"HS256","x":"\xe9"}'),
     MalformedTokenError, "not UTF-8"),
    ("header with an encoded surrogate (CESU-8)", signed(header=b'{"alg":"HS256","x":"\xed\xa0\x80"}'),
     MalformedTokenError, "not UTF-8"),
    ("header with a lone surrogate escape", signed(header=b'{"alg":"HS256","x":"\\ud800"}'),
     MalformedTokenError, "lone UTF-16 surrogate"),
    ("header with a lone low surrogate in a key", signed(header=b'{"alg":"HS256","\\udc00":1}'),
     MalformedTokenError, "lone UTF-16 surrogate"),
    ("header with NaN", signed(header=b'{"alg":"HS256","x":NaN}'), MalformedTokenError, "NaN"),
    ("header with -Infinity", signed(header=b'{"alg":"HS256","x":-Infinity}'), MalformedTokenError,
     "-Infinity"),
    ("header nested 17 deep", signed(header=b'{"alg":"HS256","x":' + b"[" * 16 + b"]" * 16 + b"}"),
     MalformedTokenError, "deeper than 16"),
    ("header nested 3000 deep (RecursionError bait)", signed(header=DEEP_ARRAY),
     MalformedTokenError, "deeper"),
    ("header with a control character in a string", signed(header=b'{"alg":"HS256","x":"\x01"}'),
     MalformedTokenError, "not valid JSON"),
    # --- signature --------------------------------------------------------
    ("signed with another key", signed(key="another-key"), BadSignatureError, "does not match"),
    ("signed with an empty key", signed(key=""), BadSignatureError, "does not match"),
    ("signature of another token", with_segment(GOOD, 2, segments(signed(claims(SCOPE)))[2]),
     BadSignatureError, "does not match"),
    ("payload swapped after signing", with_segment(GOOD, 1, segments(signed(claims(SCOPE)))[1]),
     BadSignatureError, "does not match"),
    ("header swapped after signing (typ dropped)",
     with_segment(GOOD, 0, b64url_encode(b'{"alg":"HS256"}').decode("ascii")), BadSignatureError,
     "does not match"),
    ("signature of all zero bits", with_segment(GOOD, 2, "A" * 43), BadSignatureError,
     "does not match"),
    ("signature in the url-safe spelling of '+/'",
     with_segment(GOOD, 2, "-_" + segments(GOOD)[2][2:]), BadSignatureError, "does not match"),
    # --- payload JSON -----------------------------------------------------
    ("payload is an array", signed(b"[1]"), MalformedTokenError, "payload is an array"),
    ("payload is a number", signed(b"1700003600"), MalformedTokenError, "payload is a number"),
    ("payload is not JSON", signed(b"exp=1700003600"), MalformedTokenError, "not valid JSON"),
    ("payload is empty", signed(b""), MalformedTokenError, "not valid JSON"),
    ("payload with duplicate exp", signed(claims(b',"exp":1')), MalformedTokenError,
     'member "exp" twice'),
    ("payload with duplicate iss", signed(claims(b',"iss":"' + SID.encode("ascii") + b'"')),
     MalformedTokenError, 'member "iss" twice'),
    ("duplicate deep inside", signed(claims(b',"grants":{"voice":{"a":1,"a":2}}')),
     MalformedTokenError, "twice"),
    ("payload in UTF-16", signed(claims().decode("ascii").encode("utf-16")), MalformedTokenError,
     "not UTF-8"),
    ("payload in UTF-32", signed(claims().decode("ascii").encode("utf-32")), MalformedTokenError,
     "not UTF-8"),
    ("payload with NaN", signed(claims(b',"x":NaN')), MalformedTokenError, "NaN"),
    ("payload with Infinity", signed(claims(b',"x":Infinity')), MalformedTokenError, "Infinity"),
    ("exp 1e400 (overflows to inf)", signed(claims(exp=b"1e400")), MalformedTokenError,
     "too large"),
    ("exp -1e400", signed(claims(exp=b"-1e400")), MalformedTokenError, "too large"),
    ("integer past 2**53 - 1", signed(claims(b',"x":9007199254740992')), MalformedTokenError,
     "2**53"),
    ("negative integer past 2**53 - 1", signed(claims(b',"x":-9007199254740992')),
     MalformedTokenError, "2**53"),
    ("integer of 5000 digits", signed(claims(b',"x":' + b"9" * 5000)), MalformedTokenError,
     "2**53"),
    ("payload nested 3000 deep", signed(claims(b',"x":' + DEEP_ARRAY)), MalformedTokenError,
     "deeper"),
    ("lone surrogate in the scope", signed(claims(b',"scope":"\\udc00"')), MalformedTokenError,
     "surrogate"),
    # --- claims -----------------------------------------------------------
    ("no exp", signed(b'{"iss":"' + SID.encode("ascii") + b'"}'), MalformedTokenError,
     "exp is missing"),
    ("exp as a string", signed(claims(exp=b'"1700003600"')), MalformedTokenError,
     'exp is "1700003600"'),
    ("exp true", signed(claims(exp=b"true")), MalformedTokenError, "exp is true"),
    ("exp null", signed(claims(exp=b"null")), MalformedTokenError, "exp is null"),
    ("exp an object", signed(claims(exp=b"{}")), MalformedTokenError, "exp is an object"),
    ("nbf as a string", signed(claims(b',"nbf":"0"')), MalformedTokenError, "nbf is"),
    ("nbf false", signed(claims(b',"nbf":false')), MalformedTokenError, "nbf is false"),
    ("iat as a string", signed(claims(b',"iat":"1700000000"')), MalformedTokenError, "iat is"),
    ("iat true", signed(claims(b',"iat":true')), MalformedTokenError, "iat is true"),
    ("no iss", signed(claims(iss=None)), MalformedTokenError, "iss is missing"),
    ("iss with a trailing newline ($ matches before it)", signed(claims(iss=SID + "\\n")),
     MalformedTokenError, "35 characters"),
    ("iss in upper-case hex", signed(claims(iss="AC" + SID[2:].upper())), MalformedTokenError,
     "lower-case hex"),
    ("iss an API key without the Access Token cty", signed(claims(iss=API_KEY)),
     MalformedTokenError, "'AC'"),
    ("iss an application SID", signed(claims(iss="AP" + SID[2:])), MalformedTokenError, "'AC'"),
    ("iss one digit short", signed(claims(iss=SID[:-1])), MalformedTokenError, "33 characters"),
    ("iss a number", signed(b'{"iss":1,"exp":1700003600}'), MalformedTokenError,
     "iss must be text"),
    ("Access Token whose iss is an account SID", signed(claims(b',"sub":"' + SID.encode("ascii")
                                                               + b'"'), header=FPA_HEADER),
     MalformedTokenError, "'SK'"),
    ("Access Token without sub", signed(claims(iss=API_KEY), header=FPA_HEADER),
     MalformedTokenError, "sub is missing"),
    ("Access Token whose sub is an API key", signed(claims(b',"sub":"' + API_KEY.encode("ascii")
                                                           + b'"', iss=API_KEY), header=FPA_HEADER),
     MalformedTokenError, "sub must be 'AC'"),
    ("scope a number", signed(claims(b',"scope":1')), MalformedTokenError, "scope is a number"),
    ("scope a list", signed(claims(b',"scope":["scope:client:incoming?clientName=a"]')),
     MalformedTokenError, "scope is an array"),
    ("scope without the scope: prefix", signed(claims(b',"scope":"client:incoming"')),
     MalformedTokenError, "scope 1 is not scope:"),
    ("scope with a malformed escape", signed(claims(b',"scope":"scope:client:incoming?clientName=a%zz"')),
     MalformedTokenError, "hex digits"),
    ("scope with a truncated escape", signed(claims(b',"scope":"scope:client:incoming?clientName=a%2"')),
     MalformedTokenError, "hex digits"),
    ("scope escape that is not UTF-8", signed(claims(b',"scope":"scope:client:incoming?clientName=%ff"')),
     MalformedTokenError, "not UTF-8"),
    ("scope with a repeated parameter", signed(claims(
        b',"scope":"scope:client:incoming?clientName=a&clientName=b"')), MalformedTokenError,
     'parameter "clientName" twice'),
    ("scope with two spaces", signed(claims(SCOPE[:-1] + b'  scope:client:incoming?clientName=b"')),
     MalformedTokenError, "scope 2"),
    ("scope with a parameter but no '='", signed(claims(b',"scope":"scope:client:incoming?clientName"')),
     MalformedTokenError, "no '='"),
    ("scope with '?' and nothing after", signed(claims(b',"scope":"scope:client:incoming?"')),
     MalformedTokenError, "no parameters"),
    ("app params with a malformed escape", signed(claims(
        b',"scope":"scope:client:outgoing?appSid=AP1&appParams=a%3D%25"')), None, None),
    # --- the clock ----------------------------------------------------------
    ("expired", signed(claims(exp=b"1699999999")), ExpiredTokenError, "expired at"),
    ("expires exactly now", signed(claims(exp=b"1700000000")), ExpiredTokenError, "0 seconds ago"),
    ("not yet valid", signed(claims(b',"nbf":1700000001')), NotYetValidError, "not valid before"),
    # --- types --------------------------------------------------------------
    ("None", None, InvalidTypeError, "NoneType"),
    ("a number", 42, InvalidTypeError, "int"),
    ("a list of segments", segments(GOOD), InvalidTypeError, "list"),
]

# Rows that must pass: the catalogue's tokens are built right except for the flaw.
CONTROLS = [
    ("plain", GOOD),
    ("as bytes", GOOD.encode("ascii")),
    ("no typ (twilio-ruby 4.x)", signed(header=b'{"alg":"HS256"}')),
    ("typ lower-case", signed(header=b'{"alg":"HS256","typ":"jwt"}')),
    ("kid and unknown header members are ignored", signed(header=b'{"alg":"HS256","kid":"k","x":1}')),
    ("header nested exactly 16 deep", signed(header=b'{"alg":"HS256","x":' + b"[" * 15 + b"]" * 15
                                      + b"}")),
    ("integer exactly 2**53 - 1", signed(claims(b',"x":-9007199254740991'))),
    ("surrogate pair escape", signed(claims(b',"name":"\\ud83d\\ude00"'))),
    ("spaced JSON (twilio-python 5.x)", signed(b'{"iss": "' + SID.encode("ascii")
                                               + b'", "exp": 1700003600}')),
    ("Access Token", signed(claims(b',"sub":"' + SID.encode("ascii") + b'","grants":{}',
                                   iss=API_KEY), header=FPA_HEADER)),
    ("empty scope", signed(claims(b',"scope":""'))),
    ("scope with raw slashes (twilio-node)", signed(claims(
        b',"scope":"scope:stream:subscribe?path=/2010-04-01/Events"'))),
    ("exp a float", signed(claims(exp=b"1700000000.5"))),
    ("nbf exactly now", signed(claims(b',"nbf":1700000000'))),
    ("iat in the future is not checked", signed(claims(b',"iat":1800000000'))),
]


def _as_text(value):
    return value if isinstance(value, type(u"")) else value.decode("latin-1")


class HostileTokenTest(unittest.TestCase):

    def decode(self, token):
        from .support import frozen_clock
        with frozen_clock(NOW):
            return capability.decode(token, KEY)

    def test_catalogue(self):
        self.assertGreaterEqual(len(CATALOGUE), 100)
        for label, token, error, words in CATALOGUE:
            if error is None:
                continue
            try:
                self.decode(token)
            except capability.CapabilityError as caught:
                self.assertIs(type(caught), error, "%s: %r" % (label, caught))
                message = str(caught)
                self.assertIn(words, message, label)
                self.assertNotIn(KEY, message, label)
                if isinstance(token, (bytes, type(u""))) and len(token) > 20:
                    for part in _as_text(token).split("."):
                        if len(part) > 8:
                            self.assertNotIn(part, message, label)
                self.assertIsNone(getattr(caught, "__cause__", None), label)
                self.assertIsNone(getattr(caught, "__context__", None), label)
            else:
                self.fail("%s: accepted" % label)

    def test_invalid_tokens_are_value_errors(self):
        for label, token, error, words in CATALOGUE:
            if error is not None and issubclass(error, capability.InvalidTokenError):
                self.assertTrue(issubclass(error, ValueError), label)

    def test_controls_pass(self):
        for label, token in CONTROLS:
            self.assertEqual(self.decode(token)["exp"] > 0, True, label)

    def test_app_params_are_parsed_on_demand(self):
        # A signed token whose appParams value is a malformed query still
        # decodes: its outer scope is well formed. parse_params reports it.
        token = [row for row in CATALOGUE if row[2] is None][0][1]
        scope = capability.parse_scope(self.decode(token)["scope"])
        self.assertRaises(MalformedTokenError, capability.parse_params, scope.params["appParams"])

    def test_unverified_decoding_still_checks_the_shape(self):
        shape_errors = [row for row in CATALOGUE[:23]]
        for label, token, error, words in shape_errors:
            self.assertRaises(error, capability.decode_unverified, token)
        header, payload = capability.decode_unverified(unsigned_with_alg(b'"none"'))
        self.assertEqual(header["alg"], "none")
        self.assertRaises(MalformedTokenError, capability.decode_unverified,
                          signed(header=b'{"alg":"none","alg":"HS256"}'))
        self.assertRaises(InvalidTypeError, capability.decode_unverified, None)

    def test_size_cap_is_exact(self):
        with self.assertRaises(MalformedTokenError) as caught:
            self.decode("a" * jws.MAX_TOKEN_LENGTH)
        self.assertIn("has no '.'", str(caught.exception))
        pad = b""
        while True:
            token = signed(claims(b',"pad":"' + pad + b'"'))
            if len(token) > jws.MAX_TOKEN_LENGTH:
                break
            largest = token
            pad += b"x"
        self.assertGreaterEqual(len(largest), jws.MAX_TOKEN_LENGTH - 1)
        self.assertEqual(self.decode(largest)["pad"], "x" * (len(pad) - 1))
        with self.assertRaises(MalformedTokenError) as caught:
            self.decode(token)
        self.assertIn("limit is %d" % jws.MAX_TOKEN_LENGTH, str(caught.exception))

    def test_deep_nesting_does_not_touch_the_recursion_limit(self):
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(200)
        try:
            self.assertRaises(MalformedTokenError, self.decode, signed(header=DEEP_ARRAY))
        finally:
            sys.setrecursionlimit(limit)


if __name__ == "__main__":
    unittest.main()
