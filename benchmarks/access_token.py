"""Access Tokens and TaskRouter tokens per request, against twilio-python 9.13.

    python benchmarks/access_token.py [--json] [--rounds N] [--number N]

Each case makes one whole token per call, as a web handler does: the grant,
the ``AccessToken`` (or ``WorkerCapabilityToken``) and ``to_jwt()``. The
headline case is ``AccessToken`` + ``VoiceGrant(incoming_allow=True,
outgoing_application_sid=APP)``; every other grant kind, all of them in one
token, and the TaskRouter worker token follow. Every case is first checked to
make twilio-python's very bytes at a frozen clock. Where twilio-python is not
installed, only capability's times are given, and the notes say so.
"""
from __future__ import division, print_function

import sys
import time
from collections import OrderedDict

from bench import interleave, median, ratio, report

import capability

ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef"
AUTH_TOKEN = "abcdefghijklmnopqrstuvwxyz012345"
KEY_SID = "SK0123456789abcdef0123456789abcdef"
SECRET = "api-key-secret-0123456789abcdefgh"
APP_SID = "APfedcba9876543210fedcba9876543210"
SERVICE_SID = "IS0123456789abcdef0123456789abcdef"
WORKSPACE_SID = "WS0123456789abcdef0123456789abcdef"
WORKER_SID = "WK0123456789abcdef0123456789abcdef"

# (case, [(grant class name, keyword arguments)], AccessToken keyword arguments)
CASES = [
    ("VoiceGrant", [("VoiceGrant", {"incoming_allow": True, "outgoing_application_sid": APP_SID})],
     {"identity": "alice"}),
    ("VoiceGrant with params", [("VoiceGrant", {
        "incoming_allow": True, "outgoing_application_sid": APP_SID,
        "outgoing_application_params": {"user_id": "42"}})], {"identity": "alice"}),
    ("VideoGrant", [("VideoGrant", {"room": "standup"})], {"identity": "alice"}),
    ("ChatGrant", [("ChatGrant", {"service_sid": SERVICE_SID, "endpoint_id": "alice-web"})],
     {"identity": "alice"}),
    ("SyncGrant", [("SyncGrant", {"service_sid": SERVICE_SID})], {"identity": "alice"}),
    ("TaskRouterGrant", [("TaskRouterGrant", {"workspace_sid": WORKSPACE_SID,
                                              "worker_sid": WORKER_SID, "role": "worker"})],
     {"identity": "alice"}),
    ("PlaybackGrant", [("PlaybackGrant", {"grant": {"requestCredentials": None,
                                                    "playbackUrl": "https://example.com/x",
                                                    "playerStreamerSid": "VJ" + "0" * 32}})],
     {"identity": "alice"}),
    ("every grant, region ie1", [
        ("VoiceGrant", {"incoming_allow": True, "outgoing_application_sid": APP_SID}),
        ("VideoGrant", {"room": "standup"}),
        ("ChatGrant", {"service_sid": SERVICE_SID}),
        ("SyncGrant", {"service_sid": SERVICE_SID}),
        ("TaskRouterGrant", {"workspace_sid": WORKSPACE_SID, "worker_sid": WORKER_SID,
                             "role": "worker"})], {"identity": "alice", "region": "ie1"}),
]
HEADLINE = "VoiceGrant"
WORKER = "TaskRouter worker token"


def access_token_maker(module, grants_module, grants, kwargs):
    classes = [(getattr(grants_module, name), arguments) for name, arguments in grants]

    def make():
        token = module.AccessToken(ACCOUNT_SID, KEY_SID, SECRET, **kwargs)
        for cls, arguments in classes:
            token.add_grant(cls(**arguments))
        return token.to_jwt()
    return make


def worker_maker(cls):
    def make():
        return cls(ACCOUNT_SID, AUTH_TOKEN, WORKSPACE_SID, WORKER_SID).to_jwt()
    return make


def twilio_modules():
    try:
        from twilio.jwt import access_token
        from twilio.jwt.access_token import grants
        from twilio.jwt.taskrouter.capabilities import WorkerCapabilityToken
    except ImportError:
        return None
    return access_token, grants, WorkerCapabilityToken


def cases():
    """[(case, capability's maker, twilio-python's maker or None)]."""
    twilio = twilio_modules()
    found = []
    for name, grants, kwargs in CASES:
        ours = access_token_maker(capability, capability, grants, kwargs)
        theirs = twilio and access_token_maker(twilio[0], twilio[1], grants, kwargs)
        found.append((name, ours, theirs))
    found.append((WORKER, worker_maker(capability.WorkerCapabilityToken),
                  twilio and worker_maker(twilio[2])))
    return found


def check_same_tokens(found):
    saved = time.time
    time.time = lambda: 1700000000.25
    try:
        for name, ours, theirs in found:
            if theirs is not None and ours() != theirs():
                raise SystemExit("%s: capability and twilio-python made different tokens" % name)
    finally:
        time.time = saved


def main():
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 15
    number = int(sys.argv[sys.argv.index("--number") + 1]) if "--number" in sys.argv else 1000
    found = cases()
    check_same_tokens(found)
    notes = [] if twilio_modules() else ["twilio-python is not installed here: its column is "
                                         "left out"]
    rows = []
    for name, ours, theirs in found:
        entries = [("capability", ours)] + ([("twilio-python", theirs)] if theirs else [])
        times = interleave(entries, rounds, number)
        row = OrderedDict([("token", name), ("capability, us", median(times["capability"]) * 1e6)])
        if theirs:
            row["twilio-python, us"] = median(times["twilio-python"]) * 1e6
            row["vs twilio-python"] = ratio(times["capability"], times["twilio-python"])
        rows.append(row)
    report("access_token", rows, notes, rounds=rounds, number=number)


if __name__ == "__main__":
    main()
