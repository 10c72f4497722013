"""The examples run as a newcomer runs them."""
import os
import subprocess
import sys
import unittest

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SID = "AC0123456789abcdef0123456789abcdef"


def run(script, args, extra_env):
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith("TWILIO_"))
    env.update(extra_env)
    proc = subprocess.Popen([sys.executable, os.path.join(ROOT, "examples", script)] + args,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
                            cwd=os.path.dirname(ROOT))
    out, err = proc.communicate()
    return proc.returncode, out.decode("utf-8"), err.decode("utf-8")


class QuickstartTest(unittest.TestCase):

    def test_prints_a_token(self):
        code, out, err = run("quickstart.py", ["bob"], {
            "TWILIO_ACCOUNT_SID": SID, "TWILIO_AUTH_TOKEN": "secret-token",
            "TWILIO_TWIML_APP_SID": "AP" + "f" * 32})
        self.assertEqual((code, err), (0, ""))
        self.assertEqual(out.count("."), 2)
        self.assertTrue(out.startswith("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."))

    def test_missing_credentials_is_one_clear_line(self):
        code, out, err = run("quickstart.py", [], {})
        self.assertEqual((code, out), (2, ""))
        self.assertIn("TWILIO_ACCOUNT_SID", err)
        self.assertNotIn("Traceback", err)


if __name__ == "__main__":
    unittest.main()
