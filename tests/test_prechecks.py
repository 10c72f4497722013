"""The checks decode runs before the HMAC, on the worst shapes benchmarks/prechecks.py times.

No timing here (benchmarks/RESULTS.md has the costs): these pin what each check
says about each shape at the 8 KB limit, and the nesting scan against a plain
character-by-character reference on random JSON.
"""
import json
import random
import sys
import unittest

import capability
from capability import jws, scopes
from capability.exc import BadSignatureError, MalformedTokenError

from .support import frozen_clock

KEY = "prechecks-test-key"
SID = "AC0123456789abcdef0123456789abcdef"
PAYLOAD = b'{"iss":"' + SID.encode("ascii") + b'","exp":1700003600}'


def signed(header):
    return jws.sign(PAYLOAD, KEY.encode("ascii"), header=header)


def at_limit(make):
    """``make(fill)`` for the largest fill whose token fits in MAX_TOKEN_LENGTH."""
    low, high = 0, jws.MAX_TOKEN_LENGTH
    while low < high:
        middle = (low + high + 1) // 2
        if len(make(middle)) <= jws.MAX_TOKEN_LENGTH:
            low = middle
        else:
            high = middle - 1
    return make(low)


def header_of(prefix, unit, suffix=b""):
    return lambda fill: signed(prefix + unit * fill + suffix)


def members(fill):
    return signed(b'{"alg":"HS256",' + b"".join(
        ('"m%d":0,' % index).encode("ascii") for index in range(fill)) + b'"m0":1}')


TOWERS = b"[" * 14 + b"]" * 14 + b","  # with {"x":[ around them, 16 deep

# (label, fill -> token, expected error, exact message or None for "decodes")
SHAPES = [
    ("unterminated escaped quotes after 17 brackets (the old regex's worst case)",
     header_of(b"[" * 17 + b'"', b'\\"'), MalformedTokenError,
     "header nests deeper than 16 levels"),
    ("towers of brackets exactly 16 deep", header_of(b'{"alg":"HS256","x":[', TOWERS, b"0]}"),
     None, None),
    ("towers of brackets 17 deep", header_of(b'{"alg":"HS256","x":[[', TOWERS, b"0]]}"),
     MalformedTokenError, "header nests deeper than 16 levels"),
    ("brackets and escaped quotes inside strings do not nest",
     header_of(b'{"alg":"HS256","x":' + b"[" * 15 + b"]" * 15 + b',"y":"', b'[{\\\\\\"', b'"}'),
     None, None),
    ("many members, the first repeated last", members, MalformedTokenError,
     'header has the member "m0" twice'),
    ("many escaped strings, a lone surrogate last",
     header_of(b'{"alg":"HS256","x":[', b'"\\u00e9\\ud83d\\ude00",', b'"\\ud800"]}'),
     MalformedTokenError, "header has a string with a lone UTF-16 surrogate"),
    ("many escaped strings, all well paired",
     header_of(b'{"alg":"HS256","x":[', b'"\\u00e9\\ud83d\\ude00",', b'""]}'), None, None),
    ("an integer of thousands of digits", header_of(b'{"alg":"HS256","x":', b"9", b"}"),
     MalformedTokenError, "header has an integer beyond 2**53 - 1"),
    ("a float of thousands of digits", header_of(b'{"alg":"HS256","x":1.', b"0", b"1}"),
     None, None),
    ("a string of thousands of escapes", header_of(b'{"alg":"HS256","x":"', b"\\u0041", b'"}'),
     None, None),
    ("many '.' separators", lambda fill: "a." * fill + "a", MalformedTokenError,
     "token has 4096 segments separated by '.'; a JWS has 3"),
]


def reference_depth(text):
    """The deepest nesting in JSON text, one character at a time."""
    depth = deepest = 0
    in_string = escaped = False
    for char in text:
        if in_string:
            if escaped:
                escaped = False
            elif char == "\\":
                escaped = True
            elif char == '"':
                in_string = False
        elif char == '"':
            in_string = True
        elif char in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif char in "]}":
            depth -= 1
    return deepest


class PrecheckShapesTest(unittest.TestCase):

    def test_each_shape_at_the_size_limit(self):
        for label, make, error, message in SHAPES:
            with self.subTest(label):
                token = at_limit(make)
                self.assertGreater(len(token), jws.MAX_TOKEN_LENGTH - 64, label)
                with frozen_clock(1700000000):
                    if error is None:
                        self.assertEqual(capability.decode(token, KEY)["iss"], SID, label)
                        self.assertRaises(BadSignatureError, capability.decode, token, "other")
                        continue
                    with self.assertRaises(error) as caught:
                        capability.decode(token, KEY)
                self.assertEqual(str(caught.exception), message, label)

    def test_no_regular_expression_runs_on_a_token(self):
        # A backtracking pattern is what made these shapes cost 100 ms; decoding
        # now uses none. json binds its own re at import, so make the decoder first.
        jws._decoder()

        class NoRegularExpressions(object):
            def __getattr__(self, name):
                raise AssertionError("re.%s used while decoding" % name)

        saved = sys.modules["re"]
        sys.modules["re"] = NoRegularExpressions()
        try:
            for label, make, error, message in SHAPES:
                with self.subTest(label):
                    with frozen_clock(1700000000):
                        try:
                            capability.decode(at_limit(make), KEY)
                        except capability.InvalidTokenError:
                            pass
        finally:
            sys.modules["re"] = saved

    def test_the_scope_pattern_runs_only_once_the_signature_matched(self):
        # check_scopes matches each scope with one precompiled, linear pattern, built
        # on first use; none of that may happen for a token whose signature fails.
        jws._decoder()
        cap = capability.Capability("AC" + "0" * 32, KEY)
        cap.allow_client_incoming("alice")
        with frozen_clock(1700000000):
            good = cap.generate()
        forged = good.rpartition(".")[0] + "." + "A" * 43
        saved, scopes._usual = scopes._usual, None
        sys.modules["re"], saved_re = None, sys.modules["re"]  # any use of re fails
        try:
            with frozen_clock(1700000000):
                with self.assertRaises(BadSignatureError):
                    capability.decode(forged, KEY)
        finally:
            sys.modules["re"], scopes._usual = saved_re, saved
        with frozen_clock(1700000000):
            self.assertEqual(capability.decode(good, KEY)["scope"],
                             "scope:client:incoming?clientName=alice")

    def test_nesting_scan_agrees_with_a_character_scan(self):
        rng = random.Random(20261204)
        strings = ['"a[{\\\\"', '"\\"[["', '"x\\\\\\\\"', '"]}"', '"\\\\\\"{"']

        def value(depth):
            if depth > 20 or rng.random() < 0.3:
                return rng.choice(["1", "null"] + strings)
            items = [value(depth + 1) for _ in range(rng.randint(0, 3))]
            if rng.random() < 0.5:
                return "[" + ",".join(items) + "]"
            return "{" + ",".join('"k%d":%s' % pair for pair in enumerate(items)) + "}"

        for _ in range(500):
            text = value(0)
            json.loads(text)  # the generator makes JSON
            depth = reference_depth(text)
            for limit in (depth - 1, depth, depth + 1):
                self.assertEqual(jws._deeper_than(text.encode("ascii"), limit), depth > limit,
                                 (text, limit))

    def test_unclosed_brackets_count_around_closed_ones(self):
        # 10 never closed around 9 closed is 19 deep to a parser that reads on to the end.
        self.assertTrue(jws._deeper_than(b"[" * 10 + b"[" * 9 + b"]" * 9, 16))
        self.assertFalse(jws._deeper_than(b"[" * 7 + b"[" * 9 + b"]" * 9, 16))
        self.assertFalse(jws._deeper_than(b"[" * 16, 16))
        self.assertTrue(jws._deeper_than(b"[" * 17, 16))
        self.assertFalse(jws._deeper_than(b'["' + b"[" * 40 + b'"]', 16))

    def test_long_integers_are_refused_uncounted(self):
        for digits in ("9007199254740991", "-9007199254740991", "999999999999999"):
            self.assertEqual(jws._integer(digits), int(digits))
        for digits in ("9007199254740992", "-9007199254740992", "1" + "0" * 5000):
            self.assertRaises(jws._Refused, jws._integer, digits)


if __name__ == "__main__":
    unittest.main()
