"""What the tests share: the golden vectors, a frozen clock, optional oracles."""
import contextlib
import importlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import unittest
from collections import OrderedDict

# The secrets the unit tests sign with: no error message may ever hold one.
SECRETS = ("s3cr3t-auth-token-value-0000000000", "s3cr3t-api-key-secret-000000000000")
REQUIRE_ORACLES = os.environ.get("CAPABILITY_REQUIRE_ORACLES") == "1"
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# A bare interpreter for import probes: no site, no environment (so only what the
# probe imports is loaded), and -B, since -E also ignores PYTHONDONTWRITEBYTECODE
# and a test run must leave no bytecode in the checkout.
BARE_PYTHON = [sys.executable, "-B", "-S", "-E"]
VECTORS = os.path.join(ROOT, "tests", "vectors")

# Table-driven tests run each row under self.subTest; every module that does so
# imports this one, which gives Python 2.7's TestCase a stand-in.
if not hasattr(unittest.TestCase, "subTest"):
    @contextlib.contextmanager
    def _sub_test(self, msg=None, **params):
        """Python 2.7 has no subTest: there the first bad row ends the test, and the
        failure names the row."""
        try:
            yield
        except self.failureException as error:
            raise self.failureException("%s: %s" % (msg if msg is not None else params, error))

    unittest.TestCase.subTest = _sub_test


def optional_import(name):
    """The module, or None when it is not installed.

    With CAPABILITY_REQUIRE_ORACLES=1 (as the test runner sets for its oracle
    run) a missing module is an error instead: oracle tests must not pass by
    being skipped.
    """
    try:
        return importlib.import_module(name)
    except ImportError:
        if REQUIRE_ORACLES:
            raise
        return None


def load_vectors(name):
    with io.open(os.path.join(VECTORS, name), encoding="utf-8") as f:
        return json.load(f, object_pairs_hook=OrderedDict)


def labelled(vectors, label):
    """The golden case with this label: tests pick rows by name, never by position."""
    found = [case for case in vectors["cases"] if case["label"] == label]
    if len(found) != 1:
        raise AssertionError("%d cases labelled %r" % (len(found), label))
    return found[0]


class frozen_clock(object):
    """Patch ``time.time`` so every reader, ours and the oracles', sees ``now``."""

    def __init__(self, now):
        self.now = now

    def __enter__(self):
        self.saved = time.time
        time.time = lambda: self.now
        return self

    def __exit__(self, *exc_info):
        time.time = self.saved


def replay(cap, calls):
    """Apply a golden vector's calls, written as JSON lists, to a ``Capability``."""
    for call in calls:
        kind, args = call[0], call[1:]
        if kind == "incoming":
            cap.allow_client_incoming(args[0])
        elif kind == "outgoing":
            cap.allow_client_outgoing(args[0], OrderedDict(args[1]) if len(args) > 1 else None)
        elif kind == "events":
            cap.allow_event_stream(OrderedDict(args[0]) if args else None)
        else:
            raise AssertionError("unknown call %r" % (kind,))
    return cap


def golden_token(vectors, case, calls=None):
    """The token of a ``client_capability.json`` case, made as twilio-python made it:
    by ``Capability``, or for a case with no calls (a token allowing nothing, which
    ``Capability`` refuses) by twilio-python's face, ``ClientCapabilityToken``."""
    import capability
    calls = case["calls"] if calls is None else calls
    cap = replay(capability.Capability(vectors["account_sid"], vectors["auth_token"]), calls)
    with frozen_clock(vectors["now"] + 0.75):
        if calls:
            return cap.generate(ttl=case["ttl"], nbf=case["nbf"])
        try:
            cap.generate(ttl=case["ttl"], nbf=case["nbf"])
        except capability.InvalidValueError:
            pass
        else:
            raise AssertionError("Capability made a token that allows nothing")
        face = capability.ClientCapabilityToken
        return face(vectors["account_sid"], vectors["auth_token"], ttl=case["ttl"],
                    nbf=face.GENERATE if case["nbf"] else None).to_jwt()


def run_cli(args, env, stdin=b""):
    """``(status, stdout, stderr)`` of ``python -m capability ARGS`` in a process whose
    environment holds no TWILIO_* variable but those in ``env``."""
    full_env = dict((k, v) for k, v in os.environ.items() if not k.startswith("TWILIO_"))
    full_env.update(env)
    full_env["PYTHONPATH"] = ROOT
    proc = subprocess.Popen([sys.executable, "-m", "capability"] + args, cwd=ROOT,
                            env=full_env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    out, err = proc.communicate(stdin)
    return proc.returncode, out.decode("utf-8"), err.decode("utf-8")


def write_secret(path, text):
    """Write a secret file as it should be kept: one line, readable by its owner only
    (the command line warns, as ssh does, about a file others can read)."""
    with open(path, "wb") as f:
        f.write(text.encode("ascii") + b"\n")
    os.chmod(path, 0o600)
    return path


class SecretFileCase(unittest.TestCase):
    """A test with ``self.path``, a file name in a folder of its own, removed after."""

    def setUp(self):
        self.directory = tempfile.mkdtemp()
        self.path = os.path.join(self.directory, "key")

    def tearDown(self):
        shutil.rmtree(self.directory)


def example_config(app_sid):
    """The golden vector an example's grants for ``?client=bob`` must give, and the
    environment that configures the example: incoming "bob", then outgoing to
    ``app_sid`` without parameters, as twilio-python made it."""
    vectors = load_vectors("client_capability.json")
    expected = [case for case in vectors["cases"]
                if case["label"] == "repeated incoming replaces in place"][0]
    return expected, {"TWILIO_ACCOUNT_SID": vectors["account_sid"],
                      "TWILIO_AUTH_TOKEN": vectors["auth_token"],
                      "TWILIO_TWIML_APP_SID": app_sid}


def refused(test, error, words, call, *args, **kwargs):
    """The message of the ``error`` that ``call(*args, **kwargs)`` must raise: one of the
    library's family, holding each of ``words`` and none of ``SECRETS``."""
    import capability
    with test.assertRaises(error) as caught:
        call(*args, **kwargs)
    test.assertIsInstance(caught.exception, capability.CapabilityError)
    message = str(caught.exception)
    for word in words:
        test.assertIn(word, message)
    for secret in SECRETS:
        test.assertNotIn(secret, message)
    return message
