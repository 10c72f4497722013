"""The benchmark scripts still run, and every contestant still makes the same token.

Nothing is timed here: one tiny round, only to keep benchmarks/ from rotting.
"""
import json
import os
import subprocess
import sys
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def run(script):
    out = subprocess.check_output(
        [sys.executable, os.path.join(ROOT, "benchmarks", script), "--json",
         "--rounds", "1", "--number", "3"], cwd=ROOT)
    return json.loads(out.decode("utf-8").strip().splitlines()[-1])


class BenchmarkSmokeTest(unittest.TestCase):

    def test_per_request_contestants_agree_and_report(self):
        # per_request.py exits non-zero if any contestant's token differs from ours.
        result = run("per_request.py")
        names = [row["contestant"] for row in result["rows"]]
        self.assertEqual(names[0], "capability")
        self.assertIn("floor", names)  # its token equals twilio-python's, or the script fails

    def test_access_tokens_agree_with_twilio_or_say_why_not(self):
        # access_token.py exits non-zero if a token differs from twilio-python's.
        result = run("access_token.py")
        self.assertEqual(result["rows"][0]["token"], "VoiceGrant")
        self.assertEqual(len(result["rows"]), 9)

    def test_prechecks_time_every_shape_and_each_is_refused(self):
        # prechecks.py exits non-zero if decode accepts any of its hostile shapes.
        result = run("prechecks.py")
        verdicts = dict((row["shape"], row["verdict"]) for row in result["rows"])
        self.assertEqual(verdicts.pop("normal"), "accepted")
        self.assertGreaterEqual(len(verdicts), 10)
        self.assertNotIn("accepted", verdicts.values())

    def test_decode_runs_or_says_why_not(self):
        result = run("decode.py")
        self.assertTrue(result["rows"] or result["notes"])


if __name__ == "__main__":
    unittest.main()
