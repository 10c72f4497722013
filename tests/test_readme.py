"""The README, run: every ```python block and every ```sh block, as a reader runs them.

Each block runs on its own in a fresh temporary folder, with the package on
PYTHONPATH and fake credentials in the environment, on the oldest and the newest
CPython of the promise (the stdlib stage runs this module on each interpreter; on
the others it skips). A block that cannot run as it stands says so in the README,
on the line just above it: ``<!-- readme-test: skip (the reason) -->``; each such
block is reported as a skipped test with its reason.

What a reader brings to a block is given to it, and nothing more:
- Python blocks get the values the prose calls theirs (``account_sid``,
  ``auth_token``, ``token``, ...; see PRELUDE), never ``import capability``.
- Shell blocks get ``python``, ``python3`` and ``python3.N`` (all this interpreter) on
  PATH and a fresh ``$TOKEN``; the README's placeholders ``AC...``, ``AP...`` (any SID
  kind) and ``NAME=...`` read as valid-looking fakes.
"""
import io
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

from . import support  # noqa: F401  (subTest on Python 2.7)
from .tools.pythons import CPYTHONS

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
README = os.path.join(ROOT, "README.md")
TIMEOUT = 60  # seconds for one block

SKIP = re.compile(r"^<!-- readme-test: skip \((.+)\) -->$")
FENCE = re.compile(r"^```(\S*)\s*$")

# Valid in form, worthless to Twilio.
SIDS = dict((kind, kind + "0123456789abcdef0123456789abcdef")
            for kind in ("AC", "AP", "SK", "WS", "WK", "WQ", "CA", "IS", "RL", "CR"))
ENVIRONMENT = {
    "TWILIO_ACCOUNT_SID": SIDS["AC"],
    "TWILIO_AUTH_TOKEN": "fake-auth-token-for-the-readme-test",
    "TWILIO_API_KEY": SIDS["SK"],
    "TWILIO_API_SECRET": "fake-api-secret-for-the-readme-test",
    "TWILIO_TWIML_APP_SID": SIDS["AP"],
}

# What the README's prose asks the reader to have before a Python block.
PRELUDE = r"""
import os as _os
account_sid = _os.environ["TWILIO_ACCOUNT_SID"]
auth_token = _os.environ["TWILIO_AUTH_TOKEN"]
primary, secondary = auth_token, "a-retired-auth-token"  # key rotation
api_key_sid = _os.environ["TWILIO_API_KEY"]
api_key_secret = _os.environ["TWILIO_API_SECRET"]
application_sid = twiml_app_sid = _os.environ["TWILIO_TWIML_APP_SID"]
workspace_sid, worker_sid = %(WS)r, %(WK)r
user_id = "42"


def _tokens():
    import capability as _capability  # binds no name `capability` for the block
    cap = _capability.Capability(account_sid, auth_token)
    cap.allow_client_incoming("alice")
    cap.allow_client_outgoing(application_sid, {"user_id": user_id})
    access = _capability.AccessToken(account_sid, api_key_sid, api_key_secret, identity="alice")
    access.add_grant(_capability.VoiceGrant(incoming_allow=True))
    return cap.generate(), access.to_jwt()


token, access_token = _tokens()
del _os, _tokens
""" % SIDS


def blocks(path=README):
    """``(line, language, text, skip reason or None)`` of each fenced block."""
    with io.open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    found, index = [], 0
    while index < len(lines):
        opening = FENCE.match(lines[index])
        if not opening:
            index += 1
            continue
        end = index + 1
        while end < len(lines) and lines[end].strip() != "```":
            end += 1
        marker = SKIP.match(lines[index - 1].strip()) if index else None
        found.append((index + 1, opening.group(1), "\n".join(lines[index + 1:end]) + "\n",
                      marker.group(1) if marker else None))
        index = end + 1
    return found


def shell_text(text):
    """The block with the README's placeholders as fakes: ``AC...`` and the like become
    SIDs, ``export TWILIO_AUTH_TOKEN=...`` the fake secret."""
    text = re.sub(r"\b(%s)\.\.\." % "|".join(SIDS), lambda m: SIDS[m.group(1)], text)
    return re.sub(r"\b(\w+)=\.\.\.(?=\s|$)",
                  lambda m: ("%s=%s" % (m.group(1), ENVIRONMENT[m.group(1)])
                             if m.group(1) in ENVIRONMENT else m.group(0)),
                  text)


def ends_of_the_promise():
    """True on the oldest and the newest CPython the project supports."""
    here = "%d.%d" % sys.version_info[:2]
    return platform.python_implementation() == "CPython" and here in (CPYTHONS[0], CPYTHONS[-1])


class ReadmeTest(unittest.TestCase):

    def setUp(self):
        if not ends_of_the_promise():
            self.skipTest("README blocks run on CPython %s and %s" % (CPYTHONS[0], CPYTHONS[-1]))
        self.tmp = tempfile.mkdtemp(prefix="readme-")
        self.addCleanup(shutil.rmtree, self.tmp)
        bin_dir = os.path.join(self.tmp, ".bin")
        os.mkdir(bin_dir)
        # A runtime's own name (`python3.12 -m capability layer`) is this interpreter too.
        for name in ["python", "python3"] + ["python3.%d" % minor for minor in range(6, 14)]:
            path = os.path.join(bin_dir, name)
            with open(path, "w") as f:
                f.write('#!/bin/sh\nexec "%s" "$@"\n' % sys.executable)
            os.chmod(path, 0o755)
        self.env = dict((k, v) for k, v in os.environ.items()
                        if not k.startswith(("TWILIO_", "PYTHON")))
        self.env.update(ENVIRONMENT, PYTHONPATH=ROOT, PYTHONDONTWRITEBYTECODE="1",
                        PATH=bin_dir + os.pathsep + os.environ.get("PATH", ""), TMPDIR=self.tmp)
        self.work = os.path.join(self.tmp, "work")
        os.mkdir(self.work)

    def token(self):
        import capability
        cap = capability.Capability(ENVIRONMENT["TWILIO_ACCOUNT_SID"],
                                    ENVIRONMENT["TWILIO_AUTH_TOKEN"])
        cap.allow_client_incoming("alice")
        return cap.generate()

    def execute(self, line, language, text):
        if language == "python":
            script = os.path.join(self.tmp, "block.py")
            with io.open(script, "w", encoding="utf-8") as f:
                f.write(PRELUDE + "\n# README.md line %d\n" % line + text)
            args = [sys.executable, script]
        else:
            script = os.path.join(self.tmp, "block.sh")
            with io.open(script, "w", encoding="utf-8") as f:
                f.write(shell_text(text))
            args = ["sh", "-e", script]
        env = dict(self.env, TOKEN=self.token())
        proc = subprocess.Popen(args, cwd=self.work, env=env, stdout=subprocess.PIPE,
                                stderr=subprocess.STDOUT)
        out = proc.communicate()[0].decode("utf-8", "replace")
        self.assertEqual(proc.returncode, 0, "README.md line %d (%s) failed:\n%s\n%s"
                         % (line, language, text, out))

    def test_every_block_runs_or_says_why_not(self):
        ran = []
        for line, language, text, reason in blocks():
            with self.subTest("README.md line %d" % line):
                self.assertIn(language, ("python", "sh"),
                              "README.md line %d: a block is ```python or ```sh" % line)
                if reason is None:
                    self.execute(line, language, text)
                    ran.append(language)
        self.assertIn("python", ran)
        self.assertIn("sh", ran)


class SkippedBlocksTest(unittest.TestCase):
    """One skipped test a marked block, so every run lists them with their reasons."""


def _skipped(line, reason):
    def test(self):
        self.skipTest("README.md line %d: %s" % (line, reason))
    return test


for _line, _language, _text, _reason in blocks():
    if _reason is not None:
        setattr(SkippedBlocksTest, "test_line_%d" % _line, _skipped(_line, _reason))


class ExtractionTest(unittest.TestCase):
    """The extraction itself, on a README of three lines a block."""

    def test_blocks_and_markers(self):
        tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, tmp)
        path = os.path.join(tmp, "README.md")
        with io.open(path, "w", encoding="utf-8") as f:
            f.write(u"# t\n\n```python\nx = 1\n```\n\n<!-- readme-test: skip (needs AWS) -->\n"
                    u"```sh\naws lambda list-functions\n```\n```\nplain\n```\n")
        self.assertEqual(blocks(path), [(3, "python", "x = 1\n", None),
                                        (8, "sh", "aws lambda list-functions\n", "needs AWS"),
                                        (11, "", "plain\n", None)])

    def test_placeholders(self):
        self.assertEqual(shell_text("export TWILIO_ACCOUNT_SID=AC... TWILIO_AUTH_TOKEN=...\n"
                                    "cmd --outgoing AP... --worker WK... --x=...\n"),
                         "export TWILIO_ACCOUNT_SID=%s TWILIO_AUTH_TOKEN=%s\n"
                         "cmd --outgoing %s --worker %s --x=...\n"
                         % (SIDS["AC"], ENVIRONMENT["TWILIO_AUTH_TOKEN"], SIDS["AP"],
                            SIDS["WK"]))


if __name__ == "__main__":
    unittest.main()
