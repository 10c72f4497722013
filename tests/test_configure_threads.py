"""configure() under threads: every token and every decode sees one whole configure() call.

Each test races for a bounded time (about a second) with the interpreter told to
switch threads as often as it can, and fails on the first token that mixes two
sources or was verified with a key nobody configured.
"""
import os
import sys
import threading
import time
import unittest

import capability

SID_A, KEY_A = "AC" + "a" * 32, "key-a-0000000000000000000000000000"
SID_B, KEY_B = "AC" + "b" * 32, "key-b-0000000000000000000000000000"
# The environment holds a third, revoked pair: configure() is always set during the
# race, so a token or a decode that reaches these read a half-made configuration.
SID_ENV, KEY_ENV = "AC" + "e" * 32, "revoked-key-00000000000000000000000"
KEYS = {SID_A: KEY_A, SID_B: KEY_B, SID_ENV: KEY_ENV}
SECONDS = 1.0
READERS = 3


class fast_switching(object):
    """Threads switch every few bytecodes instead of every 5 ms: races show up at once."""

    def __enter__(self):
        if hasattr(sys, "setswitchinterval"):
            self.saved = sys.getswitchinterval()
            sys.setswitchinterval(1e-6)
        else:  # Python 2
            self.saved = sys.getcheckinterval()
            sys.setcheckinterval(1)
        return self

    def __exit__(self, *exc_info):
        if hasattr(sys, "setswitchinterval"):
            sys.setswitchinterval(self.saved)
        else:
            sys.setcheckinterval(self.saved)


def race(writer, reader):
    """Run ``writer()`` in a loop against READERS threads looping ``reader()``; the
    first problem a reader returns (a string), or None."""
    stop = threading.Event()
    problems = []

    def write():
        while not stop.is_set():
            writer()

    def read():
        while not stop.is_set() and not problems:
            try:
                problem = reader()
            except capability.CapabilityError as error:
                problem = "%s: %s" % (type(error).__name__, error)
            if problem is not None:
                problems.append(problem)

    threads = [threading.Thread(target=write)] + [
        threading.Thread(target=read) for _ in range(READERS)]
    with fast_switching():
        for thread in threads:
            thread.start()
        deadline = time.time() + SECONDS
        while time.time() < deadline and not problems:
            time.sleep(0.01)
        stop.set()
        for thread in threads:
            thread.join()
    return problems[0] if problems else None


def alternate():
    """A writer that configures pair A, then pair B, then A..."""
    pairs = [(SID_A, KEY_A), (SID_B, KEY_B)]

    def reconfigure():
        pairs.reverse()
        capability.configure(account_sid=pairs[0][0], auth_token=pairs[0][1])
    return reconfigure


class ConfigureThreadsTest(unittest.TestCase):

    def setUp(self):
        self.environ = dict(os.environ)
        os.environ["TWILIO_ACCOUNT_SID"] = SID_ENV
        os.environ["TWILIO_AUTH_TOKEN"] = KEY_ENV
        capability.configure(account_sid=SID_A, auth_token=KEY_A)

    def tearDown(self):
        os.environ.clear()
        os.environ.update(self.environ)
        capability.configure()

    def test_a_token_takes_sid_and_key_from_one_configure_call(self):
        def make_and_check():
            cap = capability.Capability()
            cap.allow_client_incoming("alice")
            token = cap.generate()
            iss = capability.decode_unverified(token)[1]["iss"]
            if iss == SID_ENV:
                return "a token took its account SID from the environment"
            try:
                capability.decode(token, KEYS[iss])
            except capability.BadSignatureError:
                return "a token for %s was signed with another pair's key" % iss
            return None

        self.assertIsNone(race(alternate(), make_and_check))

    def test_decode_never_sees_a_key_nobody_configured(self):
        cap = capability.Capability(SID_A, KEY_A)
        cap.allow_client_incoming("alice")
        token = cap.generate()

        def reconfigure_the_same():
            capability.configure(account_sid=SID_A, auth_token=KEY_A)

        def decode():
            capability.decode(token)
            return None

        self.assertIsNone(race(reconfigure_the_same, decode))

    def test_every_token_class_reads_one_snapshot(self):
        def make_and_check():
            token = capability.WorkspaceCapabilityToken(None, None, "WS" + "0" * 32).to_jwt()
            claims = capability.decode_unverified(token)[1]
            if claims["iss"] != claims["account_sid"] or claims["iss"] not in (SID_A, SID_B):
                return "a TaskRouter token mixed its account SIDs"
            capability.decode(token, KEYS[claims["iss"]])
            return None

        self.assertIsNone(race(alternate(), make_and_check))


if __name__ == "__main__":
    unittest.main()
