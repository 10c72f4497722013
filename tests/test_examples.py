"""The examples run as a newcomer runs them."""
import os
import subprocess
import sys
import unittest

from . import support  # noqa: F401  (subTest on Python 2.7)

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


def scripts():
    """The examples meant to be run: every one with a ``__main__`` block."""
    found = []
    for folder, _, names in os.walk(os.path.join(ROOT, "examples")):
        for name in sorted(names):
            path = os.path.join(folder, name)
            if name.endswith(".py"):
                with open(path) as f:
                    if 'if __name__ == "__main__":' in f.read():
                        found.append(path)
    return sorted(found)


class RunnableAsShownTest(unittest.TestCase):
    """The README runs examples as `examples/quickstart.py alice`: each needs a shebang
    and its executable bit (kept by git and by the sdist)."""

    def test_every_script_has_a_shebang_and_the_executable_bit(self):
        found = scripts()
        self.assertIn(os.path.join(ROOT, "examples", "quickstart.py"), found)
        for path in found:
            with self.subTest(os.path.relpath(path, ROOT)):
                with open(path, "rb") as f:
                    self.assertEqual(f.readline(), b"#!/usr/bin/env python3\n")
                self.assertTrue(os.stat(path).st_mode & 0o111, "not executable")

    @unittest.skipIf(os.name != "posix", "shebangs are read by POSIX systems")
    def test_quickstart_runs_by_its_path(self):
        env = dict((k, v) for k, v in os.environ.items() if not k.startswith("TWILIO_"))
        env.update(TWILIO_ACCOUNT_SID=SID, TWILIO_AUTH_TOKEN="secret-token")
        proc = subprocess.Popen(["examples/quickstart.py", "alice"], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env, cwd=ROOT)
        out, err = proc.communicate()
        self.assertEqual((proc.returncode, err), (0, b""))
        self.assertTrue(out.startswith(b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."), out)


if __name__ == "__main__":
    unittest.main()
