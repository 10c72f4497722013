"""``python -m capability``: in-process through main(), and as a real process."""
import io
import json
import os
import shutil
import sys
import tempfile
import unittest

import capability
from capability.__main__ import main

from .support import frozen_clock, load_vectors, run_cli, write_secret

SID = "AC0123456789abcdef0123456789abcdef"
KEY = "abcdefghijklmnopqrstuvwxyz012345"
APP = "APfedcba9876543210fedcba9876543210"
ENV = {"TWILIO_ACCOUNT_SID": SID, "TWILIO_AUTH_TOKEN": KEY}
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(argv, environ=None, stdin=b""):
    """(status, stdout text, stderr text) of main() with the given environment."""
    out, err = io.BytesIO(), io.BytesIO()
    status = main(argv, stdin=io.BytesIO(stdin), stdout=out, stderr=err,
                  environ=dict(ENV) if environ is None else environ)
    return status, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")


class GenerateTest(unittest.TestCase):

    def test_same_token_as_the_library(self):
        vectors = load_vectors("client_capability.json")
        case = [c for c in vectors["cases"] if c["label"] == "incoming then outgoing"][0]
        env = {"TWILIO_ACCOUNT_SID": vectors["account_sid"],
               "TWILIO_AUTH_TOKEN": vectors["auth_token"]}
        with frozen_clock(vectors["now"]):
            status, out, err = run(["generate", "--incoming", "alice", "--outgoing",
                                    case["calls"][1][1], "--param", "user_id=42"], env)
        self.assertEqual((status, err), (0, ""))
        self.assertEqual(out, case["token"] + "\n")

    def test_every_option(self):
        with frozen_clock(1700000000):
            status, out, err = run(["generate", "--account-sid", SID, "--incoming", "bob",
                                    "--outgoing", APP, "--param", "to=a", "--param", "to=b",
                                    "--param", "x=1=2", "--events", "--filter", "CallSid=CA1",
                                    "--ttl", "600", "--no-nbf"], {"TWILIO_AUTH_TOKEN": KEY})
            self.assertEqual((status, err), (0, ""))
            claims = capability.decode(out.strip(), KEY)
        self.assertEqual(claims["exp"], 1700000600)
        self.assertNotIn("nbf", claims)
        cap = capability.Capability(SID, KEY)
        cap.allow_client_incoming("bob")
        cap.allow_client_outgoing(APP, {"to": ["a", "b"], "x": "1=2"})
        cap.allow_event_stream(CallSid="CA1")
        self.assertEqual(capability.parse_scopes(claims["scope"]), cap.scopes())

    def test_param_order_is_kept(self):
        with frozen_clock(1700000000):
            status, out, err = run(["generate", "--outgoing", APP, "--param", "b=1",
                                    "--param", "a=2"])
            claims = capability.decode(out.strip(), KEY)
        app_params = capability.parse_scope(claims["scope"]).params["appParams"]
        self.assertEqual(app_params, "b=1&a=2")

    def test_auth_token_from_a_file_or_stdin(self):
        directory = tempfile.mkdtemp()
        try:
            path = os.path.join(directory, "token")
            write_secret(path, KEY)
            env = {"TWILIO_ACCOUNT_SID": SID, "TWILIO_AUTH_TOKEN": "ignored"}
            with frozen_clock(1700000000):
                status, out, err = run(["generate", "--incoming", "a", "--auth-token-file", path],
                                       env)
                self.assertEqual(status, 0, err)
                capability.decode(out.strip(), KEY)
                status, out, err = run(["generate", "--incoming", "a", "--auth-token-file", "-"],
                                       env, stdin=KEY.encode("ascii") + b"\r\n")
                self.assertEqual(status, 0, err)
                capability.decode(out.strip(), KEY)
            status, out, err = run(["generate", "--incoming", "a", "--auth-token-file",
                                    os.path.join(directory, "missing-" + KEY)], env)
            self.assertEqual((status, out), (2, ""))
            self.assertIn("cannot read the --auth-token-file", err)
            self.assertNotIn(KEY, err)
        finally:
            shutil.rmtree(directory)

    def test_usage_and_configuration_errors_exit_2(self):
        rows = [
            (["generate"], ENV, "nothing to allow"),
            (["generate", "--param", "a=1", "--incoming", "x"], ENV, "--param needs --outgoing"),
            (["generate", "--filter", "a=1", "--incoming", "x"], ENV, "--filter needs --events"),
            (["generate", "--outgoing", APP, "--param", "novalue"], ENV, "KEY=VALUE"),
            (["generate", "--incoming", "a b"], ENV, "U+0020"),
            (["generate", "--incoming", "a", "--ttl", "0"], ENV, "ttl must be from 1"),
            (["generate", "--incoming", "a", "--ttl", "ten"], ENV,
             "error: --ttl takes a whole number\n"),
            (["generate", "--incoming", "a"], {"TWILIO_AUTH_TOKEN": KEY}, "no account SID"),
            (["generate", "--incoming", "a"], {"TWILIO_ACCOUNT_SID": SID}, "no auth token"),
            (["generate", "--incoming", "a"], {"TWILIO_ACCOUNT_SID": SID, "TWILIO_AUTH_TOKEN": ""},
             "no auth token"),
            (["generate", "--incoming", "a", "--account-sid", KEY], ENV, "does not start with"),
            (["generate", "--incoming", "a", "--auth-token-file", "-"], ENV, "is empty"),
            (["generate", "--incoming", "a", "--auth-token", KEY], ENV, "no option that takes"),
            (["generate", "--incoming", "a", "--auth-token=" + KEY], ENV, "no option that takes"),
            (["decode", "x.y.z", "--auth-token", KEY], ENV, "no option that takes"),
            (["decode", "--auth", KEY, "x.y.z"], ENV, "unrecognized arguments: --auth"),
            (["decode", "x.y.z", "--auth-token-fil", "/dev/null"], ENV, "no option that takes"),
            (["decode", "x.y.z", "--leeway", "-1"], ENV, "leeway"),
            (["decode", "x.y.z", "--leeway", "inf"], ENV, "leeway"),
            (["decode", "-", "--auth-token-file", "-"], ENV, "stdin cannot hold both"),
            (["decode"], ENV, ("TOKEN", "too few arguments")),  # Python 3, Python 2
            (["decode", "a", "b"], ENV, "error: unrecognized arguments: 1 extra value\n"),
            ([], ENV, ("choose a command: generate, access-token, taskrouter, decode or layer",
                       "too few arguments")),
            (["frobnicate"], ENV, "error: unknown command; the commands are generate, "
                                  "access-token, taskrouter, decode, layer\n"),
        ]
        for argv, env, words in rows:
            with self.subTest(argv=argv):
                status, out, err = run(argv, env, stdin=b"\n")
                self.assertEqual(status, 2, (argv, err))
                self.assertEqual(out, "", argv)
                words = words if isinstance(words, tuple) else (words,)
                self.assertTrue(any(word in err for word in words), (argv, err))
                self.assertEqual(err.count("\n"), 1, (argv, err))
                self.assertTrue(err.startswith("capability: error: "), err)
                self.assertNotIn(KEY, err, argv)


class DecodeTest(unittest.TestCase):

    def token(self, ttl=3600, **kwargs):
        cap = capability.Capability(SID, KEY)
        cap.allow_client_incoming("alice")
        cap.allow_client_outgoing(APP, kwargs)
        with frozen_clock(1700000000):
            return cap.generate(ttl=ttl)

    def test_report(self):
        with frozen_clock(1700000060):
            status, out, err = run(["decode", self.token(user_id=42, to=["a", "b"])])
        self.assertEqual((status, err), (0, ""))
        report = json.loads(out)
        self.assertIs(report["verified"], True)
        self.assertEqual(report["header"], {"alg": "HS256", "typ": "JWT"})
        self.assertEqual(report["claims"]["iss"], SID)
        self.assertEqual(report["expires"], "2023-11-14 23:13:20 UTC (in 59 minutes)")
        self.assertEqual(report["not_before"], "2023-11-14 22:13:20 UTC (1 minute ago)")
        self.assertEqual(report["scopes"], [
            {"service": "client", "privilege": "incoming", "params": {"clientName": "alice"}},
            {"service": "client", "privilege": "outgoing",
             "params": {"appSid": APP, "clientName": "alice",
                        "appParams": {"user_id": "42", "to": ["a", "b"]}}}])
        self.assertEqual(report["warnings"], [])

    def test_token_from_stdin(self):
        with frozen_clock(1700000000):
            status, out, err = run(["decode", "-"], stdin=self.token().encode("ascii") + b"\n")
        self.assertEqual((status, err), (0, ""))
        self.assertIs(json.loads(out)["verified"], True)

    def test_auth_token_from_stdin(self):
        with frozen_clock(1700000000):
            status, out, err = run(["decode", self.token(), "--auth-token-file", "-"], {},
                                   stdin=KEY.encode("ascii") + b"\n")
        self.assertEqual((status, err), (0, ""))

    def test_without_a_key_the_content_is_shown_unverified_with_status_1(self):
        with frozen_clock(1700000000):
            status, out, err = run(["decode", self.token()], {})
        self.assertEqual(status, 1)
        self.assertIs(json.loads(out)["verified"], False)
        self.assertEqual(err, "capability: signature NOT verified: no auth token (set "
                              "TWILIO_AUTH_TOKEN or use --auth-token-file PATH)\n")

    def test_expired_shows_the_content_with_status_1(self):
        with frozen_clock(1700000000 + 7200):
            status, out, err = run(["decode", self.token()])
        self.assertEqual(status, 1)
        report = json.loads(out)
        self.assertIs(report["verified"], True)
        self.assertEqual(report["expires"], "2023-11-14 23:13:20 UTC (1 hour ago)")
        self.assertIn("token expired at 2023-11-14 23:13:20 UTC", err)
        with frozen_clock(1700000000 + 7200):
            status, out, err = run(["decode", self.token(), "--leeway", "3601"])
        self.assertEqual((status, err), (0, ""))

    def test_not_yet_valid(self):
        with frozen_clock(1700000000 - 90000):
            status, out, err = run(["decode", self.token()])
        self.assertEqual(status, 1)
        self.assertEqual(json.loads(out)["not_before"], "2023-11-14 22:13:20 UTC (in 1 day)")
        self.assertIn("not valid before", err)

    def test_invalid_tokens_exit_1_with_one_line_and_the_verdict(self):
        token = self.token()
        rows = [
            (token, {"TWILIO_AUTH_TOKEN": "another"}, "BadSignatureError",
             "signature does not match"),
            (token + "x", ENV, "MalformedTokenError", "signature is 33 bytes"),
            (token.replace(".", "..", 1), ENV, "MalformedTokenError", "4 segments"),
            ("", ENV, "MalformedTokenError", "the token is empty"),
            ("abc", ENV, "MalformedTokenError", "token has no '.'; a JWS has 3 segments"),
            (u"\u00e9" + token, ENV, "MalformedTokenError", "non-ASCII"),
        ]
        for text, env, error_class, words in rows:
            with self.subTest(words):
                with frozen_clock(1700000000):
                    status, out, err = run(["decode", text], env)
                self.assertEqual(status, 1, words)
                report = json.loads(out)
                self.assertEqual((report["valid"], report["verified"],
                                  report["error"]["class"]), (False, False, error_class))
                self.assertEqual(err, "capability: %s\n" % report["error"]["message"])
                self.assertIn(words, err)
                self.assertNotIn(token.split(".")[1], err)

    def test_auth_token_with_whitespace_is_a_configuration_error(self):
        status, out, err = run(["decode", self.token()], {"TWILIO_AUTH_TOKEN": KEY + " "})
        self.assertEqual((status, out), (2, ""))
        self.assertIn("whitespace", err)

    def test_twilio_js_pitfalls_are_warned_about(self):
        with frozen_clock(1700000000):
            status, out, err = run(["decode", self.token(note="a b", pct="100%", ok="x+y")])
        self.assertEqual(status, 0)
        warnings = json.loads(out)["warnings"]
        self.assertEqual(len(warnings), 2, warnings)
        self.assertIn('value of "note" has a space', warnings[0])
        self.assertIn('value of "pct" has \'%\'', warnings[1])
        self.assertEqual(err.count("capability: warning: "), 2)

    def test_malformed_nested_params_are_warned_about(self):
        from capability import jws
        payload = ('{"scope":"scope:client:outgoing?appSid=%s&appParams=a%%3D%%25zz","iss":"%s",'
                   '"exp":1700003600}' % (APP, SID)).encode("ascii")
        token = jws.sign(payload, KEY.encode("ascii"))
        with frozen_clock(1700000000):
            status, out, err = run(["decode", token])
        self.assertEqual(status, 0)
        report = json.loads(out)
        self.assertEqual(report["scopes"][0]["params"]["appParams"], "a=%zz")
        self.assertIn("two hex digits", report["warnings"][0])

    def test_foreign_tokens(self):
        for name in ("twilio_node_tokens.json", "official_ruby_php_tokens.json"):
            vectors = load_vectors(name)
            for entry in vectors["tokens"]:
                with self.subTest(entry["label"]):
                    with frozen_clock(vectors["issued_at"]):
                        status, out, err = run(["decode", entry["token"]],
                                               {"TWILIO_AUTH_TOKEN": vectors["auth_token"]})
                    self.assertEqual(status, 0, (entry["label"], err))
                    self.assertEqual(json.loads(out)["claims"], json.loads(entry["payload"]))


class LayerTest(unittest.TestCase):

    def test_layer_writes_the_zip(self):
        import zipfile
        directory = tempfile.mkdtemp()
        try:
            path = os.path.join(directory, "layer.zip")
            status, out, err = run(["layer", path], {})
            self.assertEqual((status, err), (0, ""))
            names = zipfile.ZipFile(path).namelist()
            self.assertIn("python/capability/decoding.py", names)
            self.assertEqual(out, "wrote %d files to %s\n" % (len(names), path))
            status, out, err = run(["layer", os.path.join(directory, "no", "such", "dir.zip")], {})
            self.assertEqual((status, out), (2, ""))
            self.assertIn("No such file or directory", err)
        finally:
            shutil.rmtree(directory)


class ProcessTest(unittest.TestCase):
    """The real entry point, under the interpreter running the tests."""

    def test_generate_then_decode(self):
        status, token, err = run_cli(["generate", "--incoming", "alice", "--outgoing", APP,
                                         "--param", u"name=Zo\u00eb".encode("utf-8")
                                         if sys.version_info[0] == 2 else u"name=Zo\u00eb"], ENV)
        self.assertEqual((status, err), (0, ""))
        self.assertEqual(token.count("."), 2)
        status, out, err = run_cli(["decode", "-"], ENV, stdin=token.encode("ascii"))
        self.assertEqual((status, err), (0, ""))
        report = json.loads(out)
        self.assertEqual(report["scopes"][1]["params"]["appParams"], {"name": u"Zo\u00eb"})

    def test_errors_are_one_line_without_a_traceback(self):
        status, out, err = run_cli(["decode", "not-a-token"], ENV)
        self.assertEqual(status, 1)
        self.assertEqual(json.loads(out)["error"]["message"],
                         "token has no '.'; a JWS has 3 segments separated by '.'")
        self.assertEqual(err, "capability: token has no '.'; a JWS has 3 segments separated by "
                              "'.'\n")
        status, out, err = run_cli(["decode", "x", "--auth-token", KEY], {})
        self.assertEqual(status, 2)
        self.assertNotIn(KEY, err)
        self.assertNotIn("Traceback", err)
        self.assertEqual(err.count("\n"), 1)

    def test_help_and_version(self):
        status, out, err = run_cli(["--help"], {})
        self.assertEqual(status, 0)
        self.assertIn("generate", out)
        self.assertNotIn("--auth-token ", out)
        status, out, err = run_cli(["--version"], {})
        self.assertEqual(status, 0)
        self.assertIn(capability.__version__, out + err)  # Python 2 prints it on stderr


if __name__ == "__main__":
    unittest.main()
