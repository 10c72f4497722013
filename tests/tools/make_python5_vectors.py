"""Make tests/vectors/twilio_python5_tokens.json with twilio-python 5.7.0 itself.

twilio-python 5.x needs Python 2.7; run it in a throwaway virtualenv:

    ~/.pyenv/versions/2.7.18/bin/python -m pip install --target /tmp/py27-virtualenv 'virtualenv<20.22'
    PYTHONPATH=/tmp/py27-virtualenv ~/.pyenv/versions/2.7.18/bin/python -m virtualenv /tmp/py27-twilio5
    /tmp/py27-twilio5/bin/pip install twilio==5.7.0
    /tmp/py27-twilio5/bin/python tests/tools/make_python5_vectors.py

Its style differs from 6.x-9.x: json.dumps with spaces, header members and
claims in dict hash order, Python 2's urlencode (which quotes "~"). Every
token here is what TwilioCapability.generate() (and, for the Access Token and
TaskRouter cases, AccessToken.to_jwt() and TaskRouterWorkerCapability.
generate_token()) returned with time.time frozen; nothing is written by hand.
"""
import base64
import io
import json
import os
import platform
import sys
import time
from collections import OrderedDict

import twilio
from twilio.access_token import AccessToken, VoiceGrant
from twilio.task_router import TaskRouterWorkerCapability
from twilio.util import TwilioCapability

NOW = 1700000000
ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef"
AUTH_TOKEN = "abcdefghijklmnopqrstuvwxyz012345"
API_KEY_SID = "SKfedcba9876543210fedcba9876543210"
API_SECRET = "0123456789abcdefghijklmnopqrstuv"
APP = "APfedcba9876543210fedcba9876543210"
WORKSPACE = "WS0123456789abcdef0123456789abcdef"
WORKER = "WK0123456789abcdef0123456789abcdef"


def capability(calls, ttl=3600):
    cap = TwilioCapability(ACCOUNT_SID, AUTH_TOKEN)
    for call in calls:
        getattr(cap, call[0])(*call[1], **call[2])
    return cap.generate(ttl)


def access_token():
    token = AccessToken(ACCOUNT_SID, API_KEY_SID, API_SECRET, identity="alice")
    token.add_grant(VoiceGrant(outgoing_application_sid=APP,
                               outgoing_application_params={"user_id": "42"}))
    return token.to_jwt()


def taskrouter_token():
    cap = TaskRouterWorkerCapability(ACCOUNT_SID, AUTH_TOKEN, WORKSPACE, WORKER)
    cap.allow_activity_updates()
    cap.allow_reservation_updates()
    return cap.generate_token()


CASES = [
    ("incoming alice", AUTH_TOKEN, lambda: capability([("allow_client_incoming", ["alice"], {})])),
    ("outgoing, params user_id=42 and b='x y~'", AUTH_TOKEN, lambda: capability(
        [("allow_client_outgoing", [APP], {"user_id": 42, "b": "x y~"})])),
    ("incoming then outgoing", AUTH_TOKEN, lambda: capability(
        [("allow_client_incoming", ["alice"], {}), ("allow_client_outgoing", [APP], {"a": "1"})])),
    ("event stream with a filter", AUTH_TOKEN, lambda: capability(
        [("allow_event_stream", [], {"CallSid": "CA1"})])),
    ("all three, generate(600)", AUTH_TOKEN, lambda: capability(
        [("allow_client_incoming", ["bob"], {}), ("allow_client_outgoing", [APP], {}),
         ("allow_event_stream", [], {})], 600)),
    ("Access Token with a voice grant", API_SECRET, access_token),
    ("TaskRouter worker token", AUTH_TOKEN, taskrouter_token),
]


def segment(token, index):
    part = token.split(".")[index]
    return base64.urlsafe_b64decode(str(part + "=" * (-len(part) % 4))).decode("utf-8")


def main():
    saved = time.time
    time.time = lambda: NOW + 0.75
    try:
        tokens = [(label, key, make()) for label, key, make in CASES]
    finally:
        time.time = saved
    entries = [OrderedDict([("label", label), ("key", key), ("token", token),
                            ("header", segment(token, 0)), ("payload", segment(token, 1))])
               for label, key, token in tokens]
    data = OrderedDict([
        ("about", "Tokens made by twilio-python 5.x itself with time.time frozen at issued_at "
                  "+ 0.75; each is signed with its key (the auth token, or the API secret "
                  "for the Access Token). Regenerate with tests/tools/make_python5_vectors.py."),
        ("generator", "twilio-python %s, %s %s" % (
            twilio.__version__, platform.python_implementation(), platform.python_version())),
        ("issued_at", NOW),
        ("tokens", entries),
    ])
    path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "vectors",
                        "twilio_python5_tokens.json")
    with io.open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(data, indent=1, ensure_ascii=False, separators=(",", ": ")).decode("utf-8")
                if sys.version_info[0] == 2 else json.dumps(data, indent=1))
        f.write(u"\n")
    sys.stdout.write("wrote %d tokens to %s\n" % (len(entries), path))


if __name__ == "__main__":
    main()
