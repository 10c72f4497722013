"""Make tests/vectors/client_capability.json with twilio-python itself.

Run in a throwaway environment that has the reference installed:

    python -m venv /tmp/oracle
    /tmp/oracle/bin/pip install twilio==9.13.0 PyJWT
    /tmp/oracle/bin/python tests/tools/make_vectors.py

Every token in the file is what ``ClientCapabilityToken.to_jwt()`` returned
with ``time.time`` frozen; nothing in it is written by hand.
"""
import io
import json
import os
import platform
import sys
import time
from collections import OrderedDict

import jwt
import twilio
from twilio.jwt.client import ClientCapabilityToken

NOW = 1700000000
ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef"
AUTH_TOKEN = "abcdefghijklmnopqrstuvwxyz012345"
APP = "APfedcba9876543210fedcba9876543210"
APP2 = "AP00000000000000000000000000000001"
RESERVED = u"a b&c=d+e%f/g?h#i~j*k'l(m)n!o:p;q@r$s,t[u]v\"w\\x<y>z`{|}^"

# (label, calls, ttl, nbf); calls as the tests replay them (tests/support.py).
CASES = [
    ("no capabilities at all", [], 3600, True),
    ("incoming alice", [["incoming", "alice"]], 3600, True),
    ("incoming with digits and underscore", [["incoming", "Agent_007"]], 3600, True),
    ("outgoing, no params", [["outgoing", APP]], 3600, True),
    ("outgoing, one whole-number param", [["outgoing", APP, [["user_id", 42]]]], 3600, True),
    ("incoming then outgoing", [["incoming", "alice"], ["outgoing", APP, [["user_id", "42"]]]], 3600, True),
    ("outgoing then incoming", [["outgoing", APP, [["user_id", "42"]]], ["incoming", "alice"]], 3600, True),
    ("events, no filters", [["events"]], 3600, True),
    ("events, two filters in given order",
     [["events", [["CallSid", "CA0123456789abcdef0123456789abcdef"], ["AccountSid", ACCOUNT_SID]]]], 3600, True),
    ("events, list filter", [["events", [["Status", ["ringing", "completed"]]]]], 3600, True),
    ("all three: events, outgoing, incoming",
     [["events", [["CallSid", "CA1"]]], ["outgoing", APP, [["a", "1"]]], ["incoming", "bob"]], 3600, True),
    ("repeated incoming replaces in place",
     [["incoming", "alice"], ["outgoing", APP], ["incoming", "bob"]], 3600, True),
    ("repeated outgoing replaces in place",
     [["outgoing", APP, [["x", "1"]]], ["incoming", "alice"], ["outgoing", APP2, [["y", "2"]]]], 3600, True),
    ("repeated events replaces in place",
     [["events", [["a", "1"]]], ["incoming", "alice"], ["events"]], 3600, True),
    ("param order is the mapping's own", [["outgoing", APP, [["b", "1"], ["a", "2"], ["c", "3"]]]], 3600, True),
    ("reserved characters in keys and values",
     [["outgoing", APP, [["q", RESERVED], ["path/key name", "x y"], ["plus+", "+"]]]], 3600, True),
    ("non-ASCII values and keys",
     [["outgoing", APP, [["name", u"Zo\u00eb \u6771\u4eac \U0001F600"], [u"cl\u00e9", u"\u00e9t\u00e9"]]]], 3600, True),
    ("lists expand into repeated keys",
     [["outgoing", APP, [["to", ["alice", "bob"]], ["n", [1, 2, 3]], ["mixed", ["x", 7]]]]], 3600, True),
    ("empty list, empty value, empty key",
     [["outgoing", APP, [["none", []], ["empty", ""], ["", "v"]]]], 3600, True),
    ("whole numbers: zero, negative, large",
     [["outgoing", APP, [["zero", 0], ["neg", -5], ["big", 10 ** 20]]]], 3600, True),
    ("tilde and percent", [["outgoing", APP, [["t", "~%7E"]]]], 3600, True),
    ("ttl 1 (lower bound)", [["incoming", "alice"]], 1, True),
    ("ttl 86400 (upper bound)", [["incoming", "alice"]], 86400, True),
    ("ttl 600", [["incoming", "alice"], ["outgoing", APP]], 600, True),
    ("nbf left out", [["incoming", "alice"], ["outgoing", APP, [["user_id", 42]]]], 3600, False),
    ("nbf left out, no capabilities, ttl 1", [], 1, False),
]


def make(calls, ttl, nbf):
    token = ClientCapabilityToken(ACCOUNT_SID, AUTH_TOKEN, ttl=ttl, nbf=ClientCapabilityToken.GENERATE if nbf else None)
    for call in calls:
        kind, args = call[0], call[1:]
        if kind == "incoming":
            token.allow_client_incoming(args[0])
        elif kind == "outgoing":
            token.allow_client_outgoing(args[0], **OrderedDict(args[1] if len(args) > 1 else []))
        else:
            token.allow_event_stream(**OrderedDict(args[0] if args else []))
    saved = time.time
    time.time = lambda: NOW + 0.75  # twilio-python reads the clock more than once
    try:
        return token.to_jwt()
    finally:
        time.time = saved


def main():
    cases = []
    for label, calls, ttl, nbf in CASES:
        cases.append(OrderedDict([("label", label), ("calls", calls), ("ttl", ttl),
                                  ("nbf", nbf), ("token", make(calls, ttl, nbf))]))
    data = OrderedDict([
        ("about", "Client capability tokens made by twilio-python's ClientCapabilityToken.to_jwt() "
                  "with time.time frozen at now + 0.75; regenerate with tests/tools/make_vectors.py."),
        ("generator", "twilio-python %s, PyJWT %s, %s %s" % (
            twilio.__version__, jwt.__version__, platform.python_implementation(),
            platform.python_version())),
        ("account_sid", ACCOUNT_SID),
        ("auth_token", AUTH_TOKEN),
        ("now", NOW),
        ("cases", cases),
    ])
    path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "vectors",
                        "client_capability.json")
    with io.open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    sys.stdout.write("wrote %d cases to %s\n" % (len(cases), path))


if __name__ == "__main__":
    main()
