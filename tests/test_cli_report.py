"""capability/report.py, the decode command's report, and the command table (stdlib only)."""
import unittest

import capability
from capability import __main__ as cli
from capability import report

from .support import frozen_clock, load_vectors

ACCESS = load_vectors("access_token.json")
TASKROUTER = load_vectors("taskrouter.json")
CLIENT = load_vectors("client_token.json")


def vector(vectors, label):
    return [case for case in vectors["cases"] if case["label"] == label][0]["token"]


class KindTest(unittest.TestCase):

    def test_kind_of_each_golden_token(self):
        rows = [
            (ACCESS, "voice: incoming only", capability.AccessToken, "Access Token"),
            (TASKROUTER, "worker: defaults", capability.WorkerCapabilityToken,
             "TaskRouter worker token"),
            (CLIENT, CLIENT["cases"][0]["label"], capability.ClientCapabilityToken,
             "client capability token"),
        ]
        for vectors, label, token_class, words in rows:
            header, claims = capability.decode_unverified(vector(vectors, label))
            self.assertEqual(report.kind_of(header, claims), (token_class, words), label)

    def test_no_kind(self):
        self.assertEqual(report.kind_of({"alg": "HS256"}, {"exp": 1}), (None, "unknown"))

    def test_relative(self):
        rows = [(59 * 60 + 59, "in 59 minutes"), (-3600, "1 hour ago"), (0, "0 seconds ago"),
                (1, "in 1 second"), (86400 * 3, "in 3 days")]
        for seconds, words in rows:
            self.assertEqual(report.relative(seconds), words)


class CommandTableTest(unittest.TestCase):

    def test_each_command_is_registered_once_and_runs_its_handler(self):
        parser = cli._parser()
        choices = [action for action in parser._actions
                   if isinstance(action, cli.argparse._SubParsersAction)][0].choices
        self.assertEqual(tuple(choices), cli.COMMANDS)
        self.assertEqual(cli.COMMANDS, ("generate", "access-token", "taskrouter", "decode",
                                        "layer"))
        for name in cli.COMMANDS:
            handler = choices[name].get_default("handler")
            self.assertTrue(callable(handler), name)

    def test_describe_lives_in_report(self):
        self.assertFalse(hasattr(cli, "describe"))
        header, claims = capability.decode_unverified(vector(ACCESS, "voice: incoming only"))
        with frozen_clock(ACCESS["now"]):
            described, warnings = report.describe(header, claims, ACCESS["now"], True, None)
        self.assertEqual((described["kind"], described["identity"]), ("Access Token", "alice"))


if __name__ == "__main__":
    unittest.main()
