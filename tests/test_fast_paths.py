"""The fast paths taken for plain ASCII text give what the general paths give, and errors stay
precise."""
import sys
import unittest

from capability import CredentialsError, InvalidTypeError, InvalidValueError, Scope
from capability.checks import check_client_name, check_sid
from capability.scopes import encode_params, quote

from . import support  # noqa: F401  (gives Python 2.7 subTest)

SID = "AC0123456789abcdef0123456789abcdef"
APP = "APfedcba9876543210fedcba9876543210"
SAMPLES = [u"", u"plain", u"A-Z_a.z~09", u"a b", u"a+b", u"100%", u"x=y&z", u"~", u".-_",
           u"Zo\u00eb", u"\u6771\u4eac", u"\U0001F600", u"tab\tnew\nline", u"a/b?c#d"]


class QuoteTest(unittest.TestCase):

    @unittest.skipIf(sys.version_info < (3, 7), "quote_plus kept ~ unescaped from 3.7")
    def test_quote_matches_urllib_on_every_sample(self):
        from urllib.parse import quote_plus
        for text in SAMPLES:
            self.assertEqual(quote(text.encode("utf-8")), quote_plus(text), repr(text))

    def test_quote_returns_native_str(self):
        for text in SAMPLES:
            self.assertIsInstance(quote(text.encode("utf-8")), str)

    def test_text_bytes_and_native_give_the_same_query(self):
        for text in SAMPLES:
            expected = encode_params([(u"k", text)], "params")
            self.assertIsInstance(expected, str)
            self.assertEqual(encode_params([(u"k", text.encode("utf-8"))], "params"), expected)
            self.assertEqual(encode_params([(text or u"k", u"v")], "params"),
                             encode_params([((text or u"k").encode("utf-8"), b"v")], "params"))

    def test_scope_string_quotes_keys_and_values_of_any_text_type(self):
        for text in SAMPLES:
            quoted = quote(text.encode("utf-8"))
            for value in (text, text.encode("utf-8")):
                self.assertEqual(Scope("s", "p", {"k": value}).to_string(), "scope:s:p?k=" + quoted)
            if text:
                self.assertEqual(Scope("s", "p", {text: "v"}).to_string(),
                                 "scope:s:p?" + quoted + "=v")


class ErrorsStayPreciseTest(unittest.TestCase):

    def test_sid_checks(self):
        self.assertEqual(check_sid(SID, "AC", "account_sid", CredentialsError), SID)
        self.assertEqual(check_sid(SID.encode("ascii"), "AC", "account_sid", CredentialsError), SID)
        for bad, problem in [(SID.upper(), "other than lower-case hex"),
                             ("AC" + "0" * 31 + "g", "other than lower-case hex"),
                             ("AC" + "0" * 31 + " ", "other than lower-case hex"),
                             ("AC" + "0" * 33, "35 characters"),
                             (APP, "does not start with 'AC'")]:
            with self.assertRaises(CredentialsError) as caught:
                check_sid(bad, "AC", "account_sid", CredentialsError)
            self.assertIn(problem, str(caught.exception))
            self.assertNotIn(bad[2:], str(caught.exception))

    def test_client_name_error_names_the_first_bad_character(self):
        self.assertEqual(check_client_name(u"Agent_007"), "Agent_007")
        for name, where in [(u"al ice", "' ' (U+0020) at position 2"),
                            (u"\u00e9a", "U+00E9 at position 0"),
                            (u"ab-", "'-' (U+002D) at position 2")]:
            with self.assertRaises(InvalidValueError) as caught:
                check_client_name(name)
            self.assertIn(where, str(caught.exception))

    def test_param_errors_name_the_parameter(self):
        cases = [([("to", [["x"]])], InvalidTypeError, "params['to'] must not hold nested lists"),
                 ([("to", 1.5)], InvalidTypeError, "params['to'] must be text"),
                 ([("to", b"\xff")], InvalidValueError, "params['to'] is not valid UTF-8"),
                 ([(3, "x")], InvalidTypeError, "params keys must be text")]
        for params, error, message in cases:
            with self.subTest(message):
                with self.assertRaises(error) as caught:
                    encode_params(params, "params")
                self.assertIn(message, str(caught.exception))

    @unittest.skipIf(sys.version_info < (3,), "Python 2 encodes a lone surrogate without complaint")
    def test_lone_surrogate_is_refused_not_passed_through(self):
        with self.assertRaises(InvalidValueError):
            encode_params([("to", u"a\ud800")], "params")
        with self.assertRaises(InvalidValueError):
            Scope("s", "p", {"k": u"\ud800"}).to_string()

    def test_whole_number_values(self):
        self.assertEqual(encode_params([("n", [0, -5, 10 ** 20])], "params"),
                         "n=0&n=-5&n=100000000000000000000")


if __name__ == "__main__":
    unittest.main()
