"""The command line as a newcomer meets it (issue 12, items 1-6); stdlib only."""
import json
import unittest
from collections import OrderedDict

import capability
from capability import jws

from .support import frozen_clock, load_vectors, run_cli
from .test_cli import APP, ENV, KEY, SID, run

ACCESS = load_vectors("access_token.json")
NOW = 1700000000


def client_token(ttl=3600, params=()):
    cap = capability.Capability(SID, KEY)
    cap.allow_client_incoming("alice")
    cap.allow_client_outgoing(APP, OrderedDict(params))
    with frozen_clock(NOW):
        return cap.generate(ttl=ttl)


def decoded(argv, env=None, now=NOW, stdin=b""):
    """``(status, report in the order printed, stderr)`` of a decode run."""
    with frozen_clock(now):
        status, out, err = run(argv, env, stdin=stdin)
    return status, json.loads(out, object_pairs_hook=OrderedDict) if out else None, err


class VerdictTest(unittest.TestCase):
    """The JSON says whether the token may be used, not only whether the signature matched."""

    def test_a_valid_token(self):
        status, report, err = decoded(["decode", client_token()])
        self.assertEqual((status, err), (0, ""))
        self.assertEqual(list(report)[:2], ["valid", "verified"])
        self.assertEqual((report["valid"], report["verified"]), (True, True))
        self.assertNotIn("error", report)

    def test_each_reason_to_refuse_is_in_the_json(self):
        token = client_token()
        rows = [
            ("expired", ENV, NOW + 7200, True, "ExpiredTokenError",
             "token expired at 2023-11-14 23:13:20 UTC, 3600 seconds ago"),
            ("not yet valid", ENV, NOW - 60, True, "NotYetValidError",
             "token is not valid before 2023-11-14 22:13:20 UTC, 60 seconds from now"),
            ("no key", {}, NOW, False, "CredentialsError",
             "signature NOT verified: no auth token (set TWILIO_AUTH_TOKEN or use "
             "--auth-token-file PATH)"),
            ("another key", {"TWILIO_AUTH_TOKEN": "another"}, NOW, False, "BadSignatureError",
             "signature does not match the key (altered, forged, or signed with another auth "
             "token)"),
        ]
        for label, env, now, verified, error_class, message in rows:
            status, report, err = decoded(["decode", token], env, now)
            self.assertEqual(status, 1, label)
            self.assertEqual(list(report)[:3], ["valid", "error", "verified"], label)
            self.assertEqual(report["valid"], False, label)
            self.assertEqual(report["verified"], verified, label)
            self.assertEqual(report["error"], {"class": error_class, "message": message}, label)
            self.assertEqual(err, "capability: %s\n" % message, label)


class PastedTokenTest(unittest.TestCase):

    def test_surrounding_whitespace_is_dropped_as_on_stdin(self):
        token = client_token()
        for text in (token + "\n", " " + token + " ", "\t" + token + "\r\n"):
            status, report, err = decoded(["decode", text])
            self.assertEqual((status, err, report["valid"]), (0, "", True), repr(text[:2]))

    def test_quotes_and_schemes_are_named_with_the_fix(self):
        token = client_token()
        quotes = "capability: the token has quotes around it; remove the surrounding quotes\n"
        rows = [
            ('"%s"' % token, quotes),
            ("'%s'\n" % token, quotes),
            (u"\u201c%s\u201d" % token, quotes),
            ("Bearer " + token, "capability: the token starts with 'Bearer '; remove that "
                                "prefix\n"),
            ("bearer  " + token, "capability: the token starts with 'Bearer '; remove that "
                                 "prefix\n"),
            ("Authorization: Bearer " + token, "capability: the token has a space in it; "
                                               "remove what comes before it\n"),
            (token[:40] + "\n" + token[40:], "capability: the token has whitespace inside it "
                                              "(a line break from copying?); a token has "
                                              "none\n"),
            ("", "capability: the token is empty\n"),
            (" \n", "capability: the token is empty\n"),
            ("abc", "capability: token has no '.'; a JWS has 3 segments separated by '.'\n"),
        ]
        for text, message in rows:
            for argv, stdin in ((["decode", text], b""), (["decode", "-"], text.encode("utf-8"))):
                status, report, err = decoded(argv, stdin=stdin)
                self.assertEqual((status, err), (1, message), (argv[1], text[:9]))
                self.assertEqual(report["error"]["class"], "MalformedTokenError")
                self.assertNotIn(token.split(".")[1], err)


class NamesWhatTheUserSetTest(unittest.TestCase):

    def test_messages_name_the_variable_or_option(self):
        access_env = {"TWILIO_ACCOUNT_SID": ACCESS["account_sid"],
                      "TWILIO_API_KEY": ACCESS["signing_key_sid"],
                      "TWILIO_API_SECRET": ACCESS["secret"]}
        access = ["access-token", "--identity", "alice", "--incoming"]
        rows = [
            (access, dict(access_env, TWILIO_API_KEY=APP),
             "TWILIO_API_KEY must be 'SK' followed by 32 lower-case hex digits; the value "
             "given does not start with 'SK'"),
            (access + ["--api-key", APP], access_env,
             "--api-key must be 'SK' followed by 32 lower-case hex digits; the value given "
             "does not start with 'SK'"),
            (access, dict(access_env, TWILIO_API_KEY=ACCESS["signing_key_sid"] + " "),
             "TWILIO_API_KEY has leading or trailing whitespace"),
            (access, dict(access_env, TWILIO_API_SECRET=ACCESS["secret"] + "\n"),
             "TWILIO_API_SECRET has leading or trailing whitespace (a newline from a file?)"),
            (["generate", "--incoming", "a"], dict(ENV, TWILIO_ACCOUNT_SID=" " + SID),
             "TWILIO_ACCOUNT_SID has leading or trailing whitespace"),
            (["generate", "--incoming", "a", "--account-sid", SID + "\n"], ENV,
             "--account-sid has leading or trailing whitespace"),
            (["generate", "--incoming", "a", "--account-sid", ""], ENV, "--account-sid is empty"),
            (["generate", "--incoming", "a", "--account-sid", APP], ENV,
             "--account-sid must be 'AC' followed by 32 lower-case hex digits; the value given "
             "does not start with 'AC'"),
            (["generate", "--incoming", "a"], dict(ENV, TWILIO_AUTH_TOKEN=KEY + " "),
             "TWILIO_AUTH_TOKEN has leading or trailing whitespace (a newline from a file?)"),
            (["generate", "--incoming", ""], ENV,
             "the client name given to --incoming is empty (an unset shell variable?)"),
            (["generate", "--incoming", "a b"], ENV,
             "--incoming: client name has ' ' (U+0020) at position 1; Twilio allows only ASCII "
             "letters, digits and underscore"),
            (["generate", "--outgoing", ""], ENV,
             "--outgoing: application_sid must be 'AP' followed by 32 lower-case hex digits; "
             "the value given does not start with 'AP'"),
        ]
        for argv, env, message in rows:
            status, out, err = run(argv, env)
            self.assertEqual((status, out, err), (2, "", "capability: error: %s\n" % message))


class HelpTest(unittest.TestCase):

    def help(self, argv):
        status, out, err = run_cli(argv + ["--help"], {})
        self.assertEqual((status, err), (0, ""))
        return out

    def test_every_help_ends_with_examples_environment_and_exit_status(self):
        from capability.__main__ import COMMANDS
        for argv in [[]] + [[name] for name in COMMANDS]:
            out = self.help(argv)
            examples = out[out.index("\nexamples:\n"):]
            lines = examples.split("\n\n")[0].splitlines()[2:]
            self.assertTrue(2 <= len(lines) <= 3 or argv == ["layer"], (argv, lines))
            for line in lines:
                self.assertTrue(line.startswith("  capability " + " ".join(argv)), line)
            self.assertIn("\nenvironment:", examples)
            self.assertIn("\n\nexit status: 0 ", examples)
        self.assertIn("  TWILIO_AUTH_TOKEN ", self.help(["generate"]))
        self.assertIn("  TWILIO_API_KEY ", self.help(["access-token"]))
        self.assertIn("  TWILIO_API_SECRET ", self.help(["decode"]))
        self.assertIn("exit status: 0 the token is valid; 1 it is not",
                      " ".join(self.help(["decode"]).split()))

    def test_generate_help_says_what_needs_what(self):
        out = " ".join(self.help(["generate"]).split())
        for words in ("a parameter for the app; needs --outgoing", "an event stream filter; "
                      "needs --events", "(ASCII letters, digits and underscore)"):
            self.assertIn(words, out)

    def test_a_misspelt_option_or_command_gets_the_closest(self):
        rows = [
            (["generate", "--incomin", "alice"],
             "unrecognized arguments: --incomin; did you mean --incoming?"),
            (["generate", "--incoming", "a", "--outgoin=" + APP],
             "unrecognized arguments: --outgoin; did you mean --outgoing?"),
            (["decode", "x", "--leway", "3"], "unrecognized arguments: --leway; did you mean "
                                              "--leeway?"),
            (["decod", "x"], "unknown command; did you mean decode?"),
            (["acces-token"], "unknown command; did you mean access-token?"),
            (["zzz"], "unknown command; the commands are generate, access-token, taskrouter, "
                      "decode, layer"),
        ]
        for argv, message in rows:
            status, out, err = run(argv, ENV)
            self.assertEqual((status, err), (2, "capability: error: %s\n" % message), argv)


class GenerateWarnsTest(unittest.TestCase):

    def test_params_twilio_js_misreads_warn_as_decode_does(self):
        with frozen_clock(NOW):
            status, token, err = run(["generate", "--outgoing", APP, "--param", "note=a b",
                                      "--param", "pct=100%", "--param", "ok=x", "--events",
                                      "--filter", "a b=1"])
        self.assertEqual(status, 0)
        decode_status, report, decode_err = decoded(["decode", token.strip()])
        self.assertEqual(err.splitlines(), decode_err.splitlines())
        self.assertEqual(err.splitlines(), [
            "capability: warning: client:outgoing appParams: the value of \"note\" has a space, "
            "which the token carries as '+'; the legacy twilio.js 1.4 client reads that '+' "
            "literally",
            "capability: warning: client:outgoing appParams: the value of \"pct\" has '%'; the "
            "legacy twilio.js 1.4 client percent-decodes values once more, so it may read "
            "another value or fail",
            "capability: warning: stream:subscribe params: the key \"a b\" has a space, which "
            "the token carries as '+'; the legacy twilio.js 1.4 client reads that '+' "
            "literally"])


class OrderTest(unittest.TestCase):
    """The documented member order, on Python 2.7 as on 3.x."""

    def test_report_header_and_claims_keep_their_order(self):
        status, report, err = decoded(["decode", client_token(params=[("b", "1"), ("a", "2")])])
        self.assertEqual(list(report), ["valid", "verified", "kind", "header", "claims",
                                        "scopes", "expires", "not_before", "warnings"])
        self.assertEqual(list(report["header"]), ["alg", "typ"])
        self.assertEqual(list(report["claims"]), ["scope", "iss", "exp", "nbf"])
        self.assertEqual([list(scope) for scope in report["scopes"]],
                         [["service", "privilege", "params"]] * 2)
        self.assertEqual(list(report["scopes"][1]["params"]),
                         ["appParams", "appSid", "clientName"])
        self.assertEqual(list(report["scopes"][1]["params"]["appParams"]), ["b", "a"])
        token = jws.sign(('{"iss":"%s","z":1,"exp":%d,"a":{"y":1,"b":2},"scope":'
                          '"scope:client:incoming?clientName=x"}' % (SID, NOW + 60))
                         .encode("ascii"), KEY.encode("ascii"))
        status, report, err = decoded(["decode", token])
        self.assertEqual(status, 0, err)
        self.assertEqual(list(report["claims"]), ["iss", "z", "exp", "a", "scope"])
        self.assertEqual(list(report["claims"]["a"]), ["y", "b"])


if __name__ == "__main__":
    unittest.main()
