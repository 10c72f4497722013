"""Per request: one Client capability token from scratch, as a web handler makes it.

    python benchmarks/per_request.py [--json] [--rounds N] [--number N]

Contestants (those not installed are left out and named in the notes):

- capability: new ``Capability``, ``allow_client_incoming``,
  ``allow_client_outgoing`` with one param, ``generate()``;
- twilio-python: the same with ``ClientCapabilityToken`` and ``to_jwt()``;
- PyJWT: ``jwt.encode`` of the same claims (scope string given ready-made);
- floor: the same token built per request with no validation and no
  json/base64/urllib, as issue 11 defines it: the scope text assembled from
  the inputs (percent-quoting through a 256-entry table, skipped when the text
  needs no escape), the payload written with one format, base64url through
  binascii, HMAC from inner/outer SHA-256 states precomputed for the key;
- tight floor: tighter still, the whole payload one fixed template with only
  the clock filled in.

All contestants are first checked to make the same token at a frozen clock.
"""
from __future__ import division, print_function

import binascii
import hashlib
import hmac
import sys
import time
from collections import OrderedDict

from bench import interleave, ratio, report, summarize

import capability
from capability import jws

ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef"
AUTH_TOKEN = "abcdefghijklmnopqrstuvwxyz012345"
APP_SID = "APfedcba9876543210fedcba9876543210"
SCOPE = ("scope:client:incoming?clientName=alice "
         "scope:client:outgoing?appParams=user_id%3D42&appSid=" + APP_SID + "&clientName=alice")
BUILTIN_KEY = AUTH_TOKEN.upper()
PY2 = sys.version_info[0] == 2


def b64url(data):
    text = binascii.b2a_base64(data).decode("ascii").rstrip("\n=")
    return text.replace("+", "-").replace("/", "_")


def with_capability():
    cap = capability.Capability(ACCOUNT_SID, AUTH_TOKEN)
    cap.allow_client_incoming("alice")
    cap.allow_client_outgoing(APP_SID, {"user_id": "42"})
    return cap.generate()


def builtin_sha256_contestant():
    """capability forced onto CPython's built-in SHA-256 (what a cold start uses)."""
    if getattr(jws, "_builtin_sha256", None) is None:  # older capability, or no built-in
        return None
    key = BUILTIN_KEY  # its own key, so its HMAC state is made with the built-in hash
    saved = jws._sha256
    jws._sha256 = lambda: jws._builtin_sha256
    jws.sign(b"{}", key.encode("ascii"))
    jws._sha256 = saved

    def run():
        cap = capability.Capability(ACCOUNT_SID, key)
        cap.allow_client_incoming("alice")
        cap.allow_client_outgoing(APP_SID, {"user_id": "42"})
        return cap.generate()
    return run


def hmac_states(key):
    """(inner, outer) SHA-256 states after the padded key: what both floors sign from."""
    block = key.ljust(64, b"\0")
    return (hashlib.sha256(bytes(bytearray(byte ^ 0x36 for byte in bytearray(block)))),
            hashlib.sha256(bytes(bytearray(byte ^ 0x5C for byte in bytearray(block)))))


URL_SAFE = bytearray(range(256))
URL_SAFE[ord("+")], URL_SAFE[ord("/")] = ord("-"), ord("_")
URL_SAFE = bytes(URL_SAFE)
HEADER_SEGMENT = b"eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."


def signed(payload, inner_state, outer_state, b2a_base64=binascii.b2a_base64):
    signing_input = HEADER_SEGMENT + b2a_base64(payload).rstrip(b"\n=").translate(URL_SAFE)
    inner = inner_state.copy()
    inner.update(signing_input)
    outer = outer_state.copy()
    outer.update(inner.digest())
    token = signing_input + b"." + b2a_base64(outer.digest()).rstrip(b"\n=").translate(URL_SAFE)
    return token if PY2 else token.decode("ascii")


def make_floor():
    """Issue 11's floor: per request from the inputs, no checks, precomputed key state."""
    unreserved = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~"
    table = ["%%%02X" % byte for byte in range(256)]
    for byte in bytearray(unreserved):
        table[byte] = chr(byte)
    table[ord(" ")] = "+"

    def quote(text):
        data = text.encode("utf-8")
        if not data.strip(unreserved):
            return text
        return "".join([table[byte] for byte in bytearray(data)])

    inner_state, outer_state = hmac_states(AUTH_TOKEN.encode("ascii"))
    fmt = '{"scope":"%s","iss":"%s","exp":%d,"nbf":%d}'

    def floor(account_sid=ACCOUNT_SID, name="alice", app_sid=APP_SID, params={"user_id": "42"}):
        now = int(time.time())
        query = "&".join([quote(key) + "=" + quote(value) for key, value in params.items()])
        client = quote(name)
        scope = ("scope:client:incoming?clientName=" + client
                 + " scope:client:outgoing?appParams=" + quote(query) + "&appSid=" + app_sid
                 + "&clientName=" + client)
        payload = (fmt % (scope, account_sid, now + 3600, now)).encode("utf-8")
        return signed(payload, inner_state, outer_state)
    return floor


def make_tight_floor():
    """Least work for the same bytes: one fixed template, precomputed header and key state."""
    inner_state, outer_state = hmac_states(AUTH_TOKEN.encode("ascii"))
    template = (b'{"scope":"scope:client:incoming?clientName=%s scope:client:outgoing?'
                b'appParams=%s%%3D%s&appSid=%s&clientName=%s","iss":"%s","exp":%d,"nbf":%d}')
    sid, app, name, param, value = (ACCOUNT_SID.encode("ascii"), APP_SID.encode("ascii"),
                                    b"alice", b"user_id", b"42")

    def tight_floor():
        now = int(time.time())
        payload = template % (name, param, value, app, name, sid, now + 3600, now)
        return signed(payload, inner_state, outer_state)
    return tight_floor


def contestants():
    """[(name, callable)], notes about who is missing, names to check on the claims only."""
    entries = [("capability", with_capability)]
    notes, loose = [], []
    try:
        from twilio.jwt.client import ClientCapabilityToken
    except ImportError:
        notes.append("twilio-python is not installed here: its row is left out")
    else:
        def with_twilio():
            token = ClientCapabilityToken(ACCOUNT_SID, AUTH_TOKEN)
            token.allow_client_incoming("alice")
            token.allow_client_outgoing(APP_SID, user_id="42")
            return token.to_jwt()
        entries.append(("twilio-python", with_twilio))
    try:
        import jwt
        if not jwt.__version__.startswith("2."):
            raise ImportError
    except ImportError:
        notes.append("PyJWT 2.x is not installed here: its row is left out")
    else:
        def with_pyjwt():
            now = int(time.time())
            return jwt.encode({"scope": SCOPE, "iss": ACCOUNT_SID, "exp": now + 3600, "nbf": now},
                              AUTH_TOKEN, algorithm="HS256")
        entries.append(("PyJWT", with_pyjwt))
        if [int(part) for part in jwt.__version__.split(".")[:2]] < [2, 5]:
            loose.append("PyJWT")
            notes.append("PyJWT %s puts \"typ\" first in the header (2.5 sorted it): its token is "
                         "checked on the claims only" % jwt.__version__)
    entries.append(("floor", make_floor()))
    entries.append(("tight floor", make_tight_floor()))
    builtin = builtin_sha256_contestant()
    if builtin is not None:
        entries.append(("capability, built-in SHA-256", builtin))
    return entries, notes, loose


def check_same_tokens(entries, loose=()):
    """Every contestant must make the very same token, or its time means nothing."""
    saved = time.time
    time.time = lambda: 1700000000.25
    try:
        tokens = dict((name, func()) for name, func in entries)
    finally:
        time.time = saved
    expected = tokens["capability"]
    # The floor must make twilio-python's bytes (or ours, where twilio-python is missing).
    if tokens["floor"] != tokens.get("twilio-python", expected):
        raise SystemExit("the floor made a different token than twilio-python")
    builtin = tokens.pop("capability, built-in SHA-256", None)
    if builtin is not None:  # signed with its own key: check that signature with hmac
        signing_input, _, signature = builtin.rpartition(".")
        mac = hmac.new(BUILTIN_KEY.encode("ascii"), signing_input.encode("ascii"), hashlib.sha256)
        if signing_input != expected.rpartition(".")[0] or signature != b64url(mac.digest()):
            raise SystemExit("capability with the built-in SHA-256 made a wrong token")
    for name, token in tokens.items():
        if name in loose:  # same claims and work, another header order: compare the claims
            token, expected_part = token.split(".")[1], expected.split(".")[1]
            if token != expected_part:
                raise SystemExit("%s made different claims" % name)
        elif token != expected:
            raise SystemExit("%s made a different token:\n%s\n%s" % (name, token, expected))


def main():
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 15
    number = int(sys.argv[sys.argv.index("--number") + 1]) if "--number" in sys.argv else 2000
    entries, notes, loose = contestants()
    check_same_tokens(entries, loose)
    times = interleave(entries, rounds, number)
    rows = []
    for name, seconds, _ in summarize(entries, times, "capability"):
        row = OrderedDict([("contestant", name), ("us per token", seconds * 1e6)])
        for reference in ("twilio-python", "PyJWT", "floor", "tight floor"):
            if reference in times and reference != name:
                row["vs " + reference] = ratio(times[name], times[reference])
        rows.append(row)
    report("per_request", rows, notes, rounds=rounds, number=number)


if __name__ == "__main__":
    main()
