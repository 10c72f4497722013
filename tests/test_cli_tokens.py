"""``python -m capability access-token`` and ``taskrouter``: in-process and as a real process.

Where a golden vector holds the same calls, the command must print
twilio-python's token byte for byte; otherwise the library's own token at
the same clock.
"""
import io
import json
import os
import shutil
import tempfile
import unittest

import capability
from capability.__main__ import main

from .support import frozen_clock, labelled, load_vectors, run_cli, write_secret

ACCESS = load_vectors("access_token.json")
TASKROUTER = load_vectors("taskrouter.json")
AC = ACCESS["account_sid"]
SK = ACCESS["signing_key_sid"]
API_SECRET = ACCESS["secret"]
AUTH_TOKEN = TASKROUTER["auth_token"]
WS = TASKROUTER["workspace_sid"]
WK = "WK0123456789abcdef0123456789abcdef"
AP = "APfedcba9876543210fedcba9876543210"
ACCESS_ENV = {"TWILIO_ACCOUNT_SID": AC, "TWILIO_API_KEY": SK, "TWILIO_API_SECRET": API_SECRET}
TASKROUTER_ENV = {"TWILIO_ACCOUNT_SID": AC, "TWILIO_AUTH_TOKEN": AUTH_TOKEN}
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(argv, environ, stdin=b""):
    """(status, stdout text, stderr text) of main()."""
    out, err = io.BytesIO(), io.BytesIO()
    status = main(argv, stdin=io.BytesIO(stdin), stdout=out, stderr=err, environ=environ)
    return status, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")


class AccessTokenCommandTest(unittest.TestCase):

    def test_twilio_pythons_tokens(self):
        rows = [
            ("voice: incoming only", ["--identity", "alice", "--incoming"]),
            ("voice: outgoing without params, incoming_allow False",
             ["--identity", "alice", "--voice-app", AP]),
            ("video without a room", ["--identity", "bob", "--video"]),
            ("ttl 60", ["--identity", "alice", "--video-room", "daily standup", "--ttl", "60"]),
            ("region us1", ["--identity", "alice", "--incoming", "--region", "us1"]),
            ("region ie1", ["--region", "ie1", "--video-room", "daily standup",
                            "--identity", "alice"]),
            ("nbf left out", ["--identity", "alice", "--incoming", "--no-nbf"]),
        ]
        for label, options in rows:
            with self.subTest(label):
                with frozen_clock(ACCESS["now"]):
                    status, out, err = run(["access-token"] + options, ACCESS_ENV)
                self.assertEqual((status, err), (0, ""), label)
                self.assertEqual(out, labelled(ACCESS, label)["token"] + "\n", label)

    def test_same_as_the_library_and_decodes_back(self):
        options = ["--identity", "alice", "--incoming", "--voice-app", AP, "--video-room",
                   u"caf\u00e9", "--ttl", "600", "--region", "au1"]
        token = capability.AccessToken(AC, SK, API_SECRET, identity="alice", ttl=600,
                                       region="au1")
        token.add_grant(capability.VoiceGrant(incoming_allow=True, outgoing_application_sid=AP))
        token.add_grant(capability.VideoGrant(room=u"caf\u00e9"))
        with frozen_clock(1700000000):
            status, out, err = run(["access-token"] + options, ACCESS_ENV)
            self.assertEqual((status, err), (0, ""))
            self.assertEqual(out, token.to_jwt() + "\n")
            decoded = capability.AccessToken.from_jwt(out.strip(), API_SECRET)
            self.assertEqual(capability.decode(out.strip(), API_SECRET), decoded.payload)
        self.assertEqual(decoded.payload["grants"], {
            "voice": {"incoming": {"allow": True}, "outgoing": {"application_sid": AP}},
            "video": {"room": u"caf\u00e9"}, "identity": "alice"})
        self.assertEqual(decoded.payload["exp"] - decoded.payload["nbf"], 600)
        self.assertEqual(decoded.headers["twr"], "au1")

    def test_sids_from_options_and_the_secret_from_a_file_or_stdin(self):
        directory = tempfile.mkdtemp()
        try:
            path = os.path.join(directory, "secret")
            write_secret(path, API_SECRET)
            env = {"TWILIO_ACCOUNT_SID": "ACignored", "TWILIO_API_KEY": "SKignored",
                   "TWILIO_API_SECRET": "ignored"}
            options = ["access-token", "--identity", "alice", "--incoming", "--account-sid", AC,
                       "--api-key", SK]
            with frozen_clock(ACCESS["now"]):
                status, out, err = run(options + ["--api-secret-file", path], env)
                self.assertEqual((status, err), (0, ""))
                self.assertEqual(out, labelled(ACCESS, "voice: incoming only")["token"] + "\n")
                status, out, err = run(options + ["--api-secret-file", "-"], env,
                                       stdin=API_SECRET.encode("ascii") + b"\r\n")
                self.assertEqual((status, err), (0, ""))
                self.assertEqual(out, labelled(ACCESS, "voice: incoming only")["token"] + "\n")
        finally:
            shutil.rmtree(directory)


class TaskRouterCommandTest(unittest.TestCase):

    def test_twilio_pythons_worker_tokens(self):
        base = ["taskrouter", "--workspace", WS, "--worker", WK]
        rows = [
            ("worker: defaults", []),
            ("worker: allow_update_activities=True", ["--update-activities"]),
            ("worker: allow_update_reservations=True", ["--update-reservations"]),
            ("worker: nbf left out, ttl 600", ["--no-nbf", "--ttl", "600"]),
        ]
        for label, options in rows:
            with self.subTest(label):
                with frozen_clock(TASKROUTER["now"]):
                    status, out, err = run(base + options, TASKROUTER_ENV)
                self.assertEqual((status, err), (0, ""), label)
                self.assertEqual(out, labelled(TASKROUTER, label)["token"] + "\n", label)

    def test_same_as_the_library_and_decodes_back(self):
        token = capability.WorkerCapabilityToken(AC, AUTH_TOKEN, WS, WK, ttl=28800,
                                                 allow_update_activities=True,
                                                 allow_update_reservations=True)
        with frozen_clock(1700000000):
            status, out, err = run(["taskrouter", "--workspace", WS, "--worker", WK,
                                    "--update-reservations", "--update-activities",
                                    "--ttl", "28800", "--account-sid", AC, "--auth-token-file",
                                    "-"], {}, stdin=AUTH_TOKEN.encode("ascii"))
            self.assertEqual((status, err), (0, ""))
            self.assertEqual(out, token.to_jwt() + "\n")
            decoded = capability.WorkerCapabilityToken.from_jwt(out.strip(), AUTH_TOKEN)
        self.assertEqual(decoded.payload["worker_sid"], WK)
        self.assertEqual(len(decoded.payload["policies"]), 9)


class CommandErrorsTest(unittest.TestCase):

    def test_usage_and_configuration_errors_exit_2(self):
        token_only = {"TWILIO_ACCOUNT_SID": AC, "TWILIO_AUTH_TOKEN": AUTH_TOKEN}
        access = ["access-token", "--identity", "alice", "--incoming"]
        worker = ["taskrouter", "--workspace", WS, "--worker", WK]
        rows = [
            (["access-token", "--identity", "alice"], ACCESS_ENV, "nothing to grant"),
            (["access-token", "--incoming"], ACCESS_ENV, ("required: --identity",
                                                          "--identity is required")),
            (access, {"TWILIO_API_KEY": SK, "TWILIO_API_SECRET": API_SECRET}, "no account SID"),
            (access, {"TWILIO_ACCOUNT_SID": AC, "TWILIO_API_SECRET": API_SECRET},
             "no API key SID: pass --api-key or set TWILIO_API_KEY"),
            (access, {"TWILIO_ACCOUNT_SID": AC, "TWILIO_API_KEY": SK},
             "no API key secret: set TWILIO_API_SECRET or use --api-secret-file PATH"),
            (access, dict(ACCESS_ENV, TWILIO_API_SECRET=""), "no API key secret"),
            (access, dict(token_only, TWILIO_API_KEY=SK), "no API key secret"),
            (access + ["--api-secret", API_SECRET], ACCESS_ENV,
             "no option that takes the API key secret"),
            (access + ["--api-secret=" + API_SECRET], ACCESS_ENV,
             "no option that takes the API key secret"),
            (access + ["--api-secret-fil", API_SECRET], ACCESS_ENV,
             "no option that takes the API key secret"),
            (access + ["--auth-token", API_SECRET], ACCESS_ENV,
             "no option that takes the auth token"),
            (access + ["--auth-token-file", "/dev/null"], ACCESS_ENV,
             "unrecognized arguments: --auth-token-file"),
            (access + ["--api-secret-file", "-"], ACCESS_ENV, "API key secret from "
                                                              "--api-secret-file is empty"),
            (access + ["--api-secret-file", os.path.join(ROOT, "missing-" + API_SECRET)],
             ACCESS_ENV, "cannot read the --api-secret-file"),
            (["access-token", "--identity", "alice", "--voice-app", "AP1"], ACCESS_ENV,
             "outgoing_application_sid must be 'AP'"),
            (["access-token", "--identity", "a b", "--incoming"], ACCESS_ENV, "U+0020"),
            (["access-token", "--identity", "", "--video"], ACCESS_ENV, "identity is empty"),
            (["access-token", "--identity", "a", "--video-room", ""], ACCESS_ENV,
             "room is empty"),
            (access + ["--region", "virginia"], ACCESS_ENV, "region must be a Twilio region"),
            (access + ["--ttl", "86401"], ACCESS_ENV, "ttl must be from 1"),
            (access + ["--api-key", API_SECRET], ACCESS_ENV, "does not start with 'SK'"),
            (access, dict(ACCESS_ENV, TWILIO_API_KEY=API_SECRET), "does not start with 'SK'"),
            (["taskrouter", "--worker", WK], token_only, ("required: --workspace",
                                                          "--workspace is required")),
            (["taskrouter", "--workspace", WS], token_only, ("required: --worker",
                                                             "--worker is required")),
            (["taskrouter", "--workspace", WS, "--worker", "WQ" + WK[2:]], token_only,
             "worker_sid must be 'WK'"),
            (["taskrouter", "--workspace", WK, "--worker", WK], token_only,
             "workspace_sid must be 'WS'"),
            (worker, {"TWILIO_AUTH_TOKEN": AUTH_TOKEN}, "no account SID"),
            (worker, {"TWILIO_ACCOUNT_SID": AC}, "no auth token: set TWILIO_AUTH_TOKEN"),
            (worker, ACCESS_ENV, "no auth token"),
            (worker + ["--auth-token", AUTH_TOKEN], token_only, "no option that takes"),
            (worker + ["--api-secret-file", "/dev/null"], token_only,
             "unrecognized arguments: --api-secret-file"),
            (worker + ["--ttl", "0"], token_only, "ttl must be from 1"),
            (worker, dict(token_only, TWILIO_AUTH_TOKEN=AUTH_TOKEN + "\n"), "whitespace"),
        ]
        for argv, env, words in rows:
            with self.subTest(argv=argv):
                status, out, err = run(argv, env, stdin=b"\n")
                self.assertEqual((status, out), (2, ""), (argv, err))
                words = words if isinstance(words, tuple) else (words,)
                self.assertTrue(any(word in err for word in words), (argv, err))
                self.assertEqual(err.count("\n"), 1, (argv, err))
                self.assertTrue(err.startswith("capability: error: "), err)
                self.assertNotIn(API_SECRET, err, argv)
                self.assertNotIn(AUTH_TOKEN, err, argv)


class ProcessTest(unittest.TestCase):
    """The real entry point, under the interpreter running the tests."""

    def issued_at(self, token):
        return capability.decode_unverified(token)[1]["nbf"]

    def test_access_token_then_decode(self):
        status, out, err = run_cli(["access-token", "--identity", "alice", "--incoming",
                                       "--video-room", "standup", "--region", "ie1"], ACCESS_ENV)
        self.assertEqual((status, err), (0, ""))
        token = out.strip()
        library = capability.AccessToken(AC, SK, API_SECRET, identity="alice", region="ie1",
                                         grants=[capability.VoiceGrant(incoming_allow=True),
                                                 capability.VideoGrant(room="standup")])
        with frozen_clock(self.issued_at(token)):
            self.assertEqual(token, library.to_jwt())
        status, out, err = run_cli(["decode", "-"], ACCESS_ENV, stdin=token.encode("ascii"))
        self.assertEqual((status, err), (0, ""))
        report = json.loads(out)
        self.assertEqual((report["kind"], report["identity"]), ("Access Token", "alice"))
        self.assertEqual([(g["class"], g["arguments"]) for g in report["grants"]],
                         [("VoiceGrant", {"incoming_allow": True}),
                          ("VideoGrant", {"room": "standup"})])

    def test_taskrouter_then_decode(self):
        status, out, err = run_cli(["taskrouter", "--workspace", WS, "--worker", WK,
                                       "--update-activities", "--ttl", "600"], TASKROUTER_ENV)
        self.assertEqual((status, err), (0, ""))
        token = out.strip()
        library = capability.WorkerCapabilityToken(AC, AUTH_TOKEN, WS, WK, ttl=600,
                                                   allow_update_activities=True)
        with frozen_clock(self.issued_at(token)):
            self.assertEqual(token, library.to_jwt())
        status, out, err = run_cli(["decode", token], TASKROUTER_ENV)
        self.assertEqual((status, err), (0, ""))
        report = json.loads(out)
        self.assertEqual(report["kind"], "TaskRouter worker token")
        self.assertTrue(report["policies"][-1].endswith("(allow_update_activities)"))

    def test_errors_are_one_line_without_a_traceback(self):
        for args, env in ((["access-token", "--identity", "a", "--incoming", "--api-secret",
                            API_SECRET], ACCESS_ENV),
                          (["access-token", "--identity", "a", "--incoming"], {}),
                          (["taskrouter", "--workspace", WS, "--worker", WK],
                           {"TWILIO_ACCOUNT_SID": AC})):
            status, out, err = run_cli(args, env)
            self.assertEqual((status, out), (2, ""))
            self.assertNotIn(API_SECRET, err)
            self.assertNotIn("Traceback", err)
            self.assertEqual(err.count("\n"), 1, err)

    def test_help_lists_the_commands(self):
        status, out, err = run_cli(["--help"], {})
        self.assertEqual(status, 0)
        for command in ("generate", "access-token", "taskrouter", "decode", "layer"):
            self.assertIn(command, out)
        for command in ("access-token", "taskrouter"):
            status, out, err = run_cli([command, "--help"], {})
            self.assertEqual(status, 0)
            self.assertNotIn("--api-secret ", out)
            self.assertNotIn("--auth-token ", out)


if __name__ == "__main__":
    unittest.main()
