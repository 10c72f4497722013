"""The command line against hostile input (issue 10, items 5, 7, 9 and 13); stdlib only."""
import json
import os
import shutil
import tempfile
import unicodedata
import unittest
from collections import OrderedDict

import capability
from capability import jws, report
from capability.encoding import text_type

from .support import SecretFileCase, frozen_clock, load_vectors, write_secret
from .test_cli import ENV, KEY, SID, run

ACCESS = load_vectors("access_token.json")
SK = ACCESS["signing_key_sid"]
WS = "WS" + "0" * 32
WK = "WK" + "1" * 32
NOW = 1700000000
SECRET = "s3cretValue0123456789abcdefABCDEF"
FPA = '{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"}'


def signed(claims, header=None, key=KEY):
    """A token of the JSON text ``claims``, signed with ``key``."""
    return jws.sign(claims.encode("utf-8"), key.encode("ascii"),
                    header.encode("ascii") if header else None)


class NoEchoTest(unittest.TestCase):
    """A usage error never repeats an argument's value: it may be a secret in the wrong place."""

    def test_a_secret_anywhere_on_the_line_is_not_echoed(self):
        access = ["access-token", "--identity", "alice", "--incoming"]
        rows = [
            (["--auth-token", SECRET, "decode", "x.y.z"], "no option that takes the auth token"),
            (["--auth-token=" + SECRET, "generate"], "no option that takes the auth token"),
            (["--api-secret", SECRET, "access-token"], "no option that takes the API key secret"),
            (access + ["--api-secret", SECRET], "no option that takes the API key secret"),
            (["decode", "x.y.z", "--auth-tokens=" + SECRET], "no option that takes the auth "
                                                             "token"),
            ([SECRET], "unknown command; the commands are"),
            ([SECRET, "--incoming", "a"], "unknown command; the commands are"),
            (["generate", "--incoming", "a", "--ttl", SECRET], "--ttl takes a whole number"),
            (["decode", "x.y.z", "--leeway", SECRET], "--leeway takes a number"),
            (["generate", "--incoming", "a", SECRET], "unrecognized arguments: 1 extra value"),
            (["generate", "--incoming", "a", "-" + SECRET], "unrecognized arguments: 1 extra "
                                                            "value"),
            (["generate", "--incoming", "a", "--" + SECRET], "unrecognized arguments: 1 extra "
                                                             "value"),
            (["generate", "--incoming", "a", "--" + SECRET.lower()],
             "unrecognized arguments: 1 extra value"),
            (["generate", "--incoming", "a", "--foo=" + SECRET], "unrecognized arguments: --foo"),
            (["layer", os.path.join("no", "such", SECRET, "layer.zip")],
             "cannot write the layer zip: No such file or directory"),
        ]
        for argv, words in rows:
            status, out, err = run(argv, ENV, stdin=b"")
            self.assertEqual((status, out), (2, ""), argv)
            self.assertIn(words, err, argv)
            self.assertNotIn(SECRET[4:20], err, argv)
            self.assertEqual(err.count("\n"), 1, err)


class MixedKindsTest(unittest.TestCase):
    """describe() never fails; a token holding two kinds' members fits none (exit 1)."""

    def crafted(self):
        tr = ('"account_sid":"%s","workspace_sid":"%s","channel":"%s","policies":'
              '[{"url":"https://x","method":"GET","allow":true,"query_filter":{},'
              '"post_filter":{}},7,{"url":7}]' % (SID, WS, WK))
        scope = '"scope":"scope:client:incoming?clientName=a"'
        grants = '"grants":{"identity":"a","voice":{"incoming":{"allow":true}},"x":[1]}'
        base = '"exp":%d' % (NOW + 60)
        return [
            ("policies in an Access Token", FPA, '{"iss":"%s","sub":"%s",%s,%s,%s}'
             % (SK, SID, base, grants, tr)),
            ("a scope in an Access Token", FPA, '{"iss":"%s","sub":"%s",%s,%s,%s}'
             % (SK, SID, base, grants, scope)),
            ("policies beside a scope", None, '{"iss":"%s",%s,%s,%s}' % (SID, base, scope, tr)),
            ("grants in a TaskRouter token", None, '{"iss":"%s",%s,%s,%s}'
             % (SID, base, tr, grants)),
            ("all three", FPA, '{"iss":"%s","sub":"%s",%s,%s,%s,%s}'
             % (SK, SID, base, grants, scope, tr)),
        ]

    def test_mixed_tokens_fit_no_kind(self):
        for label, header, claims in self.crafted():
            token = signed(claims, header)
            for env, error_class in (({}, "CredentialsError"),
                                     ({"TWILIO_AUTH_TOKEN": KEY, "TWILIO_API_SECRET": KEY},
                                      "MalformedTokenError")):
                with frozen_clock(NOW):
                    status, out, err = run(["decode", token], env)
                self.assertEqual(status, 1, (label, err))
                self.assertNotIn("internal error", err, label)
                described = json.loads(out)
                self.assertEqual((described["kind"], described["error"]["class"]),
                                 ("unknown", error_class), label)
                for name in ("scopes", "grants", "policies", "identity"):
                    self.assertNotIn(name, described, label)
            self.assertEqual(described["error"]["message"], report.NO_KIND)

    def test_describe_never_fails_on_odd_members(self):
        odd = [None, True, 7, 1.5, u"text", [], [None], {}, {u"a": [{}]}, u"scope:x"]
        headers = [{u"alg": u"HS256"}, {u"alg": u"HS256", u"cty": u"twilio-fpa;v=1"}]
        for header in headers:
            for name in (u"scope", u"grants", u"policies", u"exp", u"nbf", u"channel",
                         u"account_sid"):
                for value in odd:
                    claims = {name: value, u"account_sid": SID, u"channel": WK}
                    claims[name] = value
                    for error in (None, capability.CredentialsError("no key")):
                        described, warnings = report.describe(header, claims, NOW, False, error)
                        self.assertIsInstance(report.to_json(described), text_type)


class ControlCharactersTest(unittest.TestCase):
    """Nothing a terminal obeys reaches it: categories Cc, Cf, Zl and Zp are escaped."""

    HOSTILE = u"a\u009b31mb\u202ec\u2028d\u2029e\u0085f\u200bg\u007fh\U000e0041i\u061cj"

    def test_claims_and_policies_are_escaped_and_read_back_the_same(self):
        value = self.HOSTILE
        claims = json.dumps(OrderedDict([
            (u"iss", SID), (u"exp", NOW + 60), (u"note", value), (value, 1),
            (u"account_sid", SID), (u"workspace_sid", WS), (u"channel", WK),
            (u"policies", [{u"url": u"https://x/" + value, u"method": u"GET", u"allow": True,
                            u"query_filter": {}, u"post_filter": {}}])]))
        with frozen_clock(NOW):
            status, out, err = run(["decode", signed(claims)], ENV)
        self.assertEqual(status, 0, err)
        for char in out + err:
            self.assertTrue(char == u"\n" or unicodedata.category(char) not in report.HIDDEN,
                            "U+%04X" % ord(char))
        described = json.loads(out)
        self.assertEqual(described["claims"][u"note"], value)
        self.assertIn(value, described["claims"])
        self.assertEqual(described["policies"], [u"allow GET https://x/" + value])
        self.assertIn(u"\\u009b", out)
        self.assertIn(u"\\u202e", out)
        self.assertIn(u"\\udb40\\udc41", out)

    @unittest.skipIf(bytes is str, "Python 2 gives the command line bytes")
    def test_a_file_name_that_is_not_utf8_is_escaped_not_an_internal_error(self):
        # Python 3 hands such argv bytes over as lone surrogates, which UTF-8 cannot
        # write: shown as escapes, after the zip was written, not "internal error".
        folder = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, folder)
        path = os.path.join(folder, u"\udcff.zip")
        status, out, err = run(["layer", path], ENV)
        self.assertEqual((status, err), (0, ""))
        self.assertTrue(out.endswith(u"\\udcff.zip\n"), out)
        self.assertEqual(os.listdir(folder), [u"\udcff.zip"])

    def test_printable(self):
        # A lone surrogate (category Cs) as its escape: UTF-8 cannot write it.
        self.assertEqual(report.printable(u"a\udcffb"), u"a\\udcffb")
        self.assertEqual(report.printable(u"x\u202ey\n", keep=u"\n"), u"x\\u202ey\n")
        self.assertEqual(report.printable(u"x\ty\n"), u"x\\u0009y\\u000a")
        self.assertEqual(report.printable(u"caf\u00e9 \u2603"), u"caf\u00e9 \u2603")


@unittest.skipUnless(os.name == "posix", "file modes are POSIX")
class SecretFileTest(SecretFileCase):

    def generate(self):
        with frozen_clock(NOW):
            return run(["generate", "--incoming", "a", "--auth-token-file", self.path],
                       {"TWILIO_ACCOUNT_SID": SID})

    def test_a_file_others_can_read_is_warned_about(self):
        write_secret(self.path, KEY)
        status, out, err = self.generate()
        self.assertEqual((status, err), (0, ""))
        for mode in (0o640, 0o604, 0o644):
            os.chmod(self.path, mode)
            status, out, err = self.generate()
            self.assertEqual(status, 0)
            with frozen_clock(NOW):
                self.assertEqual(capability.decode(out.strip(), KEY)["iss"], SID)
            self.assertEqual(err, "capability: warning: the --auth-token-file can be read by "
                                  "other users (mode %04o); chmod 600 it\n" % mode)

    def test_size_limit(self):
        write_secret(self.path, "k" * 5000)
        status, out, err = self.generate()
        self.assertEqual((status, out, err), (2, "", "capability: error: the --auth-token-file "
                                                      "holds more than 4096 bytes; it should "
                                                      "hold the auth token alone\n"))
        with frozen_clock(NOW):
            status, out, err = run(["decode", "-"], {}, stdin=b"x" * 10)
            status, out, err = run(["generate", "--incoming", "a", "--auth-token-file", "-"],
                                   {"TWILIO_ACCOUNT_SID": SID}, stdin=b"k" * 4097)
        self.assertEqual((status, err), (2, "capability: error: the --auth-token-file holds "
                                            "more than 4096 bytes; it should hold the auth "
                                            "token alone\n"))


if __name__ == "__main__":
    unittest.main()
