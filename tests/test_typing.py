"""The typed API's promises that need nothing installed.

Each module of the package has a ``.pyi`` stub beside it and ``py.typed`` is
shipped; `python3 -m tests` then runs mypy's stubtest (stubs against the code)
and ``mypy --strict`` on examples/typed_usage.py and tests/typed_misuse.py.
"""
import base64
import json
import os
import subprocess
import sys
import unittest

try:
    from configparser import ConfigParser
except ImportError:  # Python 2
    from ConfigParser import ConfigParser

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PACKAGE_DIR = os.path.join(ROOT, "capability")


def files(ext):
    found = set()
    for folder, subfolders, names in os.walk(PACKAGE_DIR):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        for name in names:
            if name.endswith(ext):
                found.add(os.path.relpath(os.path.join(folder, name[:-len(ext)]), ROOT))
    return found


class StubFilesTest(unittest.TestCase):

    def test_every_module_has_a_stub(self):
        missing = sorted(files(".py") - files(".pyi"))
        self.assertEqual(missing, [], "no stub beside %s: write %s, in the style of "
                         "capability/client.pyi; `python3 -m tests` checks it with stubtest"
                         % (", ".join(m + ".py" for m in missing),
                            ", ".join(m + ".pyi" for m in missing)))

    def test_every_stub_has_a_module(self):
        self.assertEqual(sorted(files(".pyi") - files(".py")), [])

    def test_py_typed_and_stubs_are_package_data(self):
        self.assertTrue(os.path.isfile(os.path.join(PACKAGE_DIR, "py.typed")))
        config = ConfigParser()
        config.read(os.path.join(ROOT, "setup.cfg"))
        listed = config.get("options.package_data", "capability")
        data = [item.strip() for item in listed.split(",")]
        self.assertEqual(sorted(data), ["*.pyi", "py.typed"])


def jwt_claims(token):
    """The payload of a JWT, unverified: these tests check what went in, not the signature."""
    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)).decode("utf-8"))


@unittest.skipIf(sys.version_info < (3, 6), "the typed example uses annotations")
class TypedExampleTest(unittest.TestCase):

    def run_example(self, environment):
        env = dict((k, v) for k, v in os.environ.items() if not k.startswith("TWILIO_"))
        env.update(environment)
        proc = subprocess.Popen([sys.executable, os.path.join(ROOT, "examples", "typed_usage.py"),
                                 "bob"], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                env=env, cwd=os.path.dirname(ROOT))
        out, err = proc.communicate()
        return proc.returncode, out.decode("utf-8"), err.decode("utf-8")

    def test_prints_a_token(self):
        code, out, err = self.run_example({
            "TWILIO_ACCOUNT_SID": "AC0123456789abcdef0123456789abcdef",
            "TWILIO_AUTH_TOKEN": "secret-token", "TWILIO_TWIML_APP_SID": "AP" + "f" * 32})
        self.assertEqual((code, err), (0, ""))
        self.assertTrue(out.startswith("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."), out)

    def test_access_worker_and_client_tokens(self):
        # The other typed functions, run (not just type-checked) in a fresh process.
        script = "\n".join([
            "import json, sys",
            "sys.path.insert(0, 'examples')",
            "import typed_usage as t",
            "print(t.video_token('AC' + 'a' * 32, 'SK' + 'b' * 32, 'api-secret', 'bob',"
            " 'standup'))",
            "print(t.worker_token('WS' + 'c' * 32, 'WK' + 'd' * 32))",
            "print(json.dumps(t.client_claims('bob', 'AP' + 'e' * 32), sort_keys=True))"])
        env = dict((k, v) for k, v in os.environ.items() if not k.startswith("TWILIO_"))
        env.update({"TWILIO_ACCOUNT_SID": "AC0123456789abcdef0123456789abcdef",
                    "TWILIO_AUTH_TOKEN": "secret-token"})
        proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env, cwd=ROOT)
        out, err = proc.communicate()
        self.assertEqual((proc.returncode, err.decode("utf-8")), (0, ""))
        video, worker, client = out.decode("utf-8").splitlines()
        video_claims = jwt_claims(video)
        self.assertEqual(video_claims["grants"], {"video": {"room": "standup"}, "identity": "bob"})
        self.assertEqual(video_claims["exp"] - video_claims["nbf"], 600)
        worker_claims = jwt_claims(worker)
        self.assertEqual(worker_claims["worker_sid"], "WK" + "d" * 32)
        self.assertIn({"ActivitySid": {"required": True}},
                      [policy["post_filter"] for policy in worker_claims["policies"]])
        claims = json.loads(client)
        self.assertEqual(claims["iss"], "AC0123456789abcdef0123456789abcdef")
        self.assertEqual(claims["scope"].split(" ")[0], "scope:client:incoming?clientName=bob")
        self.assertIn("clientName=bob", claims["scope"].split(" ")[1])

    def test_missing_credentials_is_one_line(self):
        code, out, err = self.run_example({})
        self.assertEqual((code, out), (2, ""))
        self.assertIn("TWILIO_ACCOUNT_SID", err)
        self.assertNotIn("Traceback", err)


if __name__ == "__main__":
    unittest.main()
