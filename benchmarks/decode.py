"""Decode: ``capability.decode`` against PyJWT's ``jwt.decode`` of the same token.

A capability token (incoming and outgoing with one param) and an Access Token
with a VoiceGrant, each decoded by both.

    python benchmarks/decode.py [--json] [--rounds N] [--number N]

Both verify the HS256 signature and check ``exp`` and ``nbf`` with no leeway
(PyJWT's defaults with ``algorithms=["HS256"]``), and must return the same
claims. ``capability.decode`` checks more on top (the header's ``typ``, the
claims' types, ``iss`` as an account SID, every scope parsed), and is timed
with all of it.
Skipped, with a note, where ``capability.decode`` or PyJWT 2.x is missing.
"""
from __future__ import division, print_function

import sys
import time
from collections import OrderedDict

from bench import emit, interleave, interpreter, machine, summarize

import capability

ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef"
AUTH_TOKEN = "abcdefghijklmnopqrstuvwxyz012345"
APP_SID = "APfedcba9876543210fedcba9876543210"
KEY_SID = "SK0123456789abcdef0123456789abcdef"
SECRET = "api-key-secret-0123456789abcdefgh"


def main():
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 15
    number = int(sys.argv[sys.argv.index("--number") + 1]) if "--number" in sys.argv else 2000
    result = {"benchmark": "decode", "interpreter": interpreter(), "machine": machine(),
              "date": time.strftime("%Y-%m-%d"), "rounds": rounds, "number": number,
              "notes": [], "rows": []}
    try:
        import jwt
        if not jwt.__version__.startswith("2."):
            raise ImportError
    except ImportError:
        jwt = None
    if not hasattr(capability, "decode"):
        result["notes"].append("skipped: capability.decode does not exist in this checkout")
    elif jwt is None:
        result["notes"].append("skipped: PyJWT 2.x is not installed here")
    else:
        cap = capability.Capability(ACCOUNT_SID, AUTH_TOKEN)
        cap.allow_client_incoming("alice")
        cap.allow_client_outgoing(APP_SID, {"user_id": "42"})
        access = capability.AccessToken(ACCOUNT_SID, KEY_SID, SECRET, identity="alice",
                                        ttl=86400)
        access.add_grant(capability.VoiceGrant(incoming_allow=True,
                                               outgoing_application_sid=APP_SID))
        for kind, token, key in [("capability token", cap.generate(ttl=86400), AUTH_TOKEN),
                                 ("Access Token + VoiceGrant", access.to_jwt(), SECRET)]:
            entries = [("capability.decode", lambda: capability.decode(token, key, leeway=0)),
                       ("PyJWT jwt.decode", lambda: jwt.decode(token, key, algorithms=["HS256"]))]
            ours, theirs = entries[0][1](), entries[1][1]()
            if ours != theirs:
                raise SystemExit("the decoders disagree:\n%r\n%r" % (ours, theirs))
            times = interleave(entries, rounds, number)
            for name, seconds, ratio in summarize(entries, times, "PyJWT jwt.decode"):
                result["rows"].append(OrderedDict([("token", kind), ("decoder", name),
                                                   ("us per token", seconds * 1e6),
                                                   ("vs PyJWT", ratio)]))
    emit(result)


if __name__ == "__main__":
    main()
