"""The JWS layer: RFC test vectors, strict base64url, constant-time compare."""
import hmac
import os
import unittest

import capability
from capability import decoding, jws
from capability.encoding import b64url_decode, b64url_encode
from capability.exc import BadSignatureError, MalformedTokenError

from . import support  # noqa: F401  (gives Python 2.7 subTest)

# RFC 7515, Appendix A.1 (HS256): the JWK's "k", the exact header and payload
# octets (CRLF and a space inside), and the compact serialization.
RFC7515_KEY = ("AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9"
               "CAow")
RFC7515_HEADER = b'{"typ":"JWT",\r\n "alg":"HS256"}'
RFC7515_PAYLOAD = b'{"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}'
RFC7515_TOKEN = (
    "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9"
    ".eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ"
    ".dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")

# RFC 7520, section 4.4 (HMAC-SHA2 integrity protection), with the symmetric
# key of section 3.5; the payload is the section 4 text, in UTF-8.
RFC7520_KEY = "hJtXIZ2uSN5kbQfbtTNWbpdmhkV8FJG-Onbc6mxCcYg"
RFC7520_HEADER = b'{"alg":"HS256","kid":"018c0ae5-4d9b-471b-bfd6-eef314bc7037"}'
RFC7520_PAYLOAD = (u"It\u2019s a dangerous business, Frodo, going out your door. You step onto "
                   u"the road, and if you don't keep your feet, there\u2019s no knowing where you "
                   u"might be swept off to.").encode("utf-8")
RFC7520_TOKEN = (
    "eyJhbGciOiJIUzI1NiIsImtpZCI6IjAxOGMwYWU1LTRkOWItNDcxYi1iZmQ2LWVlZjMxNGJjNzAzNyJ9"
    ".SXTigJlzIGEgZGFuZ2Vyb3VzIGJ1c2luZXNzLCBGcm9kbywgZ29pbmcgb3V0IHlvdXIgZG9vci4gWW91IHN0ZXAgb250"
    "byB0aGUgcm9hZCwgYW5kIGlmIHlvdSBkb24ndCBrZWVwIHlvdXIgZmVldCwgdGhlcmXigJlzIG5vIGtub3dpbmcgd2hl"
    "cmUgeW91IG1pZ2h0IGJlIHN3ZXB0IG9mZiB0by4"
    ".s0h6KThzkfBBBkLspW1h84VsJZFTsPPqMDA7g1Md7p0")


def key(k):
    return b64url_decode(k.encode("ascii"), "key", ValueError)


class RfcVectorTest(unittest.TestCase):

    def test_rfc7515_a1_sign(self):
        self.assertEqual(jws.sign(RFC7515_PAYLOAD, key(RFC7515_KEY), header=RFC7515_HEADER),
                         RFC7515_TOKEN)

    def test_rfc7515_a1_verify(self):
        header, payload = jws.verify(RFC7515_TOKEN, key(RFC7515_KEY))
        self.assertEqual(header, {"typ": "JWT", "alg": "HS256"})
        self.assertEqual(payload, RFC7515_PAYLOAD)
        self.assertRaises(BadSignatureError, jws.verify, RFC7515_TOKEN, key(RFC7520_KEY))

    def test_rfc7515_a1_is_not_a_twilio_token(self):
        # Verifies at the JWS layer, but "joe" is no account SID. (The key is
        # binary, which decode() refuses as an auth token, so call verify.)
        with self.assertRaises(MalformedTokenError) as caught:
            decoding.verify_claims(RFC7515_TOKEN, key(RFC7515_KEY))
        self.assertIn("iss", str(caught.exception))

    def test_rfc7520_4_4_sign(self):
        self.assertEqual(jws.sign(RFC7520_PAYLOAD, key(RFC7520_KEY), header=RFC7520_HEADER),
                         RFC7520_TOKEN)

    def test_rfc7520_4_4_verify(self):
        header, payload = jws.verify(RFC7520_TOKEN, key(RFC7520_KEY))
        self.assertEqual(header["kid"], "018c0ae5-4d9b-471b-bfd6-eef314bc7037")
        self.assertEqual(payload, RFC7520_PAYLOAD)
        self.assertRaises(BadSignatureError, jws.verify, RFC7520_TOKEN, key(RFC7515_KEY))

    def test_rfc7520_payload_is_not_json(self):
        self.assertRaises(MalformedTokenError, decoding.verify_claims, RFC7520_TOKEN,
                          key(RFC7520_KEY))
        self.assertRaises(MalformedTokenError, capability.decode_unverified, RFC7520_TOKEN)

    def test_split_returns_the_signing_input(self):
        signing_input, header, payload, signature = jws.split(RFC7520_TOKEN)
        self.assertEqual(signing_input, RFC7520_TOKEN.rsplit(".", 1)[0].encode("ascii"))
        self.assertEqual((header, payload), (RFC7520_HEADER, RFC7520_PAYLOAD))
        self.assertEqual(len(signature), 32)


class UsualHeaderTest(unittest.TestCase):

    def test_the_usual_header_gives_what_parsing_it_gives(self):
        token = jws.sign(b'{"iss":"x"}', b"secret")
        header, _ = jws.verify(token, b"secret")
        parsed = jws.check_alg(jws.load_object(jws.HEADER, "header"))
        self.assertEqual(header, parsed)
        self.assertEqual([type(name) for name in header], [type(name) for name in parsed])
        self.assertEqual(sorted(map(type, header.values()), key=str),
                         sorted(map(type, parsed.values()), key=str))

    def test_each_verify_returns_its_own_header(self):
        token = jws.sign(b'{"iss":"x"}', b"secret")
        first, _ = jws.verify(token, b"secret")
        first["alg"] = "none"
        self.assertEqual(jws.verify(token, b"secret")[0]["alg"], "HS256")


class ConstantTimeTest(unittest.TestCase):

    def test_signatures_are_compared_with_compare_digest_over_bytes(self):
        calls = []
        real = hmac.compare_digest

        def spy(a, b):
            calls.append((type(a), type(b), len(a), len(b)))
            return real(a, b)
        hmac.compare_digest = spy
        try:
            jws.verify(RFC7520_TOKEN, key(RFC7520_KEY))
            self.assertRaises(BadSignatureError, jws.verify, RFC7520_TOKEN, b"other")
        finally:
            hmac.compare_digest = real
        self.assertEqual(calls, [(bytes, bytes, 32, 32)] * 2)


class Base64UrlTest(unittest.TestCase):

    def decode(self, text):
        return b64url_decode(text, "segment", MalformedTokenError)

    def test_round_trip_every_length(self):
        for length in range(70):
            data = os.urandom(length)
            self.assertEqual(self.decode(b64url_encode(data)), data)

    def test_empty(self):
        self.assertEqual(self.decode(b""), b"")

    def test_rejections_name_the_problem(self):
        rows = [
            (b"YQ==", "'=' padding"),
            (b"YQ=", "'=' padding"),
            (b"+/8", "'+' or '/'"),
            (b"ab/c", "'+' or '/'"),
            (b"YW Jj", "whitespace"),
            (b"YWJj\n", "whitespace"),
            (b"\tYWJj", "whitespace"),
            (b"YW\x0bJj", "whitespace"),
            (b"YW\x0cJj", "whitespace"),
            (b"YW\rJj", "whitespace"),
            (b"YW.j", "outside"),
            (b"YW\x00j", "outside"),
            (b"YWJjZ", "single character"),
            (b"Y", "single character"),
            (b"YR", "stray low bits"),      # "a" is YQ; R sets a spare bit
            (b"YWJ", "stray low bits"),     # "ab" is YWI
            (b"YWK", "stray low bits"),
        ]
        for text, words in rows:
            with self.subTest(words):
                with self.assertRaises(MalformedTokenError) as caught:
                    self.decode(text)
                message = str(caught.exception)
                self.assertIn(words, message, text)
                self.assertTrue(message.startswith("segment is not canonical base64url: "), message)

    def test_every_spelling_of_a_two_byte_tail(self):
        # Of the 64 last characters after "YW", exactly one is canonical.
        alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        accepted = []
        for index in range(64):
            text = b"YW" + alphabet[index:index + 1]
            try:
                self.decode(text)
            except MalformedTokenError:
                continue
            accepted.append(text)
        self.assertEqual(len(accepted), 16)  # 18 bits hold 2 bytes; the 2 spare bits must be 0
        for text in accepted:
            self.assertEqual(b64url_encode(self.decode(text)), text)

    def test_accepts_exactly_what_encoding_gives_back(self):
        # Canonical means: some bytes encode to exactly this segment. Every
        # short segment over the alphabet and some near misses is tried.
        alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        chars = [alphabet[i:i + 1] for i in range(64)] + [
            b"=", b"+", b"/", b" ", b".", b"\n", b"\x00", b"\x80"]
        pairs = [a + b for a in chars for b in chars]
        segments = [b""] + chars + pairs + [b"Yw" + pair for pair in pairs] + [
            b"YWJj" + pair for pair in pairs]
        for segment in segments:
            try:
                data = self.decode(segment)
            except MalformedTokenError:
                data = None
            self.assertEqual(data is not None, self.canonical(segment, alphabet), segment)
            if data is not None:
                self.assertEqual(b64url_encode(data), segment)

    @staticmethod
    def canonical(segment, alphabet):
        """The definition, slowly: only the alphabet, and decoding then encoding gives it back."""
        import base64
        if len(segment) % 4 == 1 or segment.translate(None, alphabet):
            return False
        data = base64.urlsafe_b64decode(segment + b"=" * (-len(segment) % 4))
        return base64.urlsafe_b64encode(data).rstrip(b"=") == segment

if __name__ == "__main__":
    unittest.main()
