"""Work before the signature: the worst token shapes for each check ``decode`` runs
before the HMAC, at 1, 2, 4 and 8 KB, against a normal token of the same size.

    python benchmarks/prechecks.py [--json] [--rounds N] [--number N]

Anyone can send these tokens: no key is needed to make ``decode`` parse them.
Each shape is the worst found for one check (issue 10); every one is refused,
most of them before the HMAC, the rest by it. A check is linear when its cost per
byte stays flat as the token grows: "growth" is the cost per byte at 8 KB over the
cost per byte at 1 KB (1 is flat; the old nesting scan's regular expression was
about 8 here, and rose with every doubling). "vs normal" is the time against a
valid token of the same size (a capability token with a long claim), which is
decoded in full, in the same round.
"""
from __future__ import division, print_function

import sys
import time
from collections import OrderedDict

from bench import emit, interleave, interpreter, machine, summarize

import capability
from capability import jws

KEY = "prechecks-benchmark-key"
ATTACKER_KEY = b"not-the-key"  # what an attacker signs with: the HMAC refuses, last
SID = "AC0123456789abcdef0123456789abcdef"
SIZES = (1024, 2048, 4096, 8192)
NOW = 1700000000


def token_of(header, payload=b'{"iss":"' + SID.encode("ascii") + b'","exp":1700003600}'):
    return jws.sign(payload, ATTACKER_KEY, header=header)


def normal(fill):
    claims = b'{"iss":"%s","exp":1700003600,"pad":"%s"}' % (SID.encode("ascii"), b"x" * fill)
    return jws.sign(claims, KEY.encode("ascii"))


def header_shape(prefix, unit, suffix=b""):
    return lambda fill: token_of(prefix + unit * fill + suffix)


# (name, the check it aims at, fill -> token). Each token grows with ``fill``.
SHAPES = [
    ("many '.' separators", "segment split",
     lambda fill: "a." * fill + "a"),
    ("non-ASCII last character", "ASCII",
     lambda fill: normal(fill)[:-1] + u"\u00e9"),
    ("non-canonical last signature character", "base64url (all three segments)",
     lambda fill: normal(fill)[:-1] + "B"),
    ("unterminated escaped quotes after 17 brackets", "header nesting (the old regex)",
     header_shape(b"[" * 17 + b'"', b'\\"')),
    ("towers of brackets 16 deep", "header nesting (passes)",
     header_shape(b'{"alg":"HS256","x":[', b"[" * 14 + b"]" * 14 + b",", b"0]}")),
    ("brackets inside strings", "header nesting (string skipping)",
     header_shape(b'{"alg":"HS256","x":' + b"[" * 15 + b"]" * 15 + b',"y":"', b'[{\\\\\\"',
                  b'"}')),
    ("many members, the first repeated last", "duplicate members",
     lambda fill: token_of(b'{"alg":"HS256",' + b"".join(
         b'"m%d":0,' % index for index in range(fill)) + b'"m0":1}')),
    ("many escaped strings, a lone surrogate last", "lone surrogates",
     header_shape(b'{"alg":"HS256","x":[', b'"\\u00e9\\ud83d\\ude00",', b'"\\ud800"]}')),
    ("an integer of many digits", "JSON numbers",
     header_shape(b'{"alg":"HS256","x":', b"9", b"}")),
    ("a float of many digits", "JSON numbers",
     header_shape(b'{"alg":"HS256","x":1.', b"0", b"1}")),
    ("a string of escapes", "JSON strings",
     header_shape(b'{"alg":"HS256","x":"', b"\\u0041", b'"}')),
    ("an unsigned token signed with another key", "the HMAC itself",
     lambda fill: jws.sign(b'{"iss":"%s","exp":1700003600,"pad":"%s"}'
                           % (SID.encode("ascii"), b"x" * fill), ATTACKER_KEY)),
]


def sized(make, size):
    """The token ``make`` gives for the largest fill that keeps it within ``size`` characters."""
    low, high = 0, size
    while low < high:
        middle = (low + high + 1) // 2
        if len(make(middle)) <= size:
            low = middle
        else:
            high = middle - 1
    return make(low)


def refused(token):
    """None when ``decode`` refuses the token, as it must; else what went wrong."""
    return None if verdict(token) != "accepted" else "accepted"


def verdict(token):
    try:
        capability.decode(token, KEY)
    except capability.InvalidTokenError as error:
        return type(error).__name__
    return "accepted"


def attempt(token):
    return lambda: refused(token)


def option(name, default):
    return int(sys.argv[sys.argv.index(name) + 1]) if name in sys.argv else default


def main():
    rounds, number = option("--rounds", 7), option("--number", 200)
    result = dict(benchmark="prechecks", interpreter=interpreter(), machine=machine(),
                  date=time.strftime("%Y-%m-%d"), rounds=rounds, number=number, notes=[],
                  rows=[])
    saved = time.time
    time.time = lambda: NOW  # the normal token must decode in full, whenever this runs
    try:
        per_size = {}
        verdicts = dict((name, verdict(sized(make, SIZES[-1]))) for name, _, make in SHAPES)
        verdicts["normal"] = verdict(sized(normal, SIZES[-1]))
        for size in SIZES:
            reference = sized(normal, size)
            capability.decode(reference, KEY)  # the normal token is accepted
            entries = [("normal", lambda reference=reference: capability.decode(reference, KEY))]
            for name, _, make in SHAPES:
                token = sized(make, size)
                if refused(token) is not None:
                    raise SystemExit("shape %r was accepted" % name)
                entries.append((name, attempt(token)))
            times = interleave(entries, rounds, number)
            per_size[size] = dict((name, (seconds, ratio)) for name, seconds, ratio
                                  in summarize(entries, times, "normal"))
    finally:
        time.time = saved
    for name, check in [("normal", "everything (a valid token)")] + [
            (name, check) for name, check, _ in SHAPES]:
        row = OrderedDict([("shape", name), ("check", check), ("verdict", verdicts[name])])
        for size in SIZES:
            row["%d KB, us" % (size // 1024)] = per_size[size][name][0] * 1e6
        row["us per KB at 8 KB"] = per_size[8192][name][0] * 1e6 / 8
        row["growth 1->8 KB"] = (per_size[8192][name][0] / 8) / per_size[1024][name][0]
        row["vs normal at 8 KB"] = per_size[8192][name][1]
        result["rows"].append(row)
    emit(result)


if __name__ == "__main__":
    main()
