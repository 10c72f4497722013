"""Scale: cost per token for 1, 10**3 and 10**5 tokens of one account, and 10**4 accounts.

    python benchmarks/scale.py [--json] [--rounds N]

Each token is a whole request (new ``Capability``, incoming, outgoing with
one param, ``generate()``). "1 token" is the first token of an account never
seen before, so it pays for that account's HMAC key state; the 10**4-account
run makes every token for a new account, more accounts than the key-state
cache holds (``jws.MAX_KEYS``), so it shows the cost without the cache and
that the cache stays bounded. Flat means every row is close to the 10**3 row.
"""
from __future__ import division, print_function

import sys
import time
from collections import OrderedDict

from bench import clock, emit, interpreter, machine, median

import capability
from capability import jws

APP_SID = "APfedcba9876543210fedcba9876543210"


def request(account_sid, auth_token):
    cap = capability.Capability(account_sid, auth_token)
    cap.allow_client_incoming("alice")
    cap.allow_client_outgoing(APP_SID, {"user_id": "42"})
    return cap.generate()


def accounts(count, salt):
    """``count`` distinct (account SID, auth token) pairs never used before."""
    return [("AC%032x" % (salt * 10 ** 6 + number), "token-%d-%d" % (salt, number))
            for number in range(count)]


def per_token(pairs):
    begin = clock()
    for account_sid, auth_token in pairs:
        request(account_sid, auth_token)
    return (clock() - begin) / len(pairs)


def main():
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 7
    one = accounts(1, 0)[0]
    request(*one)  # warm up the code paths
    cases = [
        ("1 token, new account", lambda salt: per_token(accounts(1, salt))),
        ("10^3 tokens, one account", lambda salt: per_token([one] * 10 ** 3)),
        ("10^5 tokens, one account", lambda salt: per_token([one] * 10 ** 5)),
        ("10^4 tokens, 10^4 accounts", lambda salt: per_token(accounts(10 ** 4, salt))),
    ]
    times = dict((name, []) for name, _ in cases)
    largest_cache = 0
    for round_number in range(rounds):
        shift = round_number % len(cases)
        for index, (name, case) in enumerate(cases[shift:] + cases[:shift]):
            # Accounts are made before the clock starts, and are new in every case and round.
            times[name].append(case(round_number * len(cases) + index + 1))
            largest_cache = max(largest_cache, len(jws._key_states))
    reference = times["10^3 tokens, one account"]
    rows = [OrderedDict([("tokens", name), ("us per token", median(times[name]) * 1e6),
                         ("vs 10^3 one account",
                          median([mine / ref for mine, ref in zip(times[name], reference)]))])
            for name, _ in cases]
    sha256 = jws._sha256()
    route = "%s.%s" % (getattr(sha256, "__module__", None) or "?", sha256.__name__)
    notes = ["HMAC key states cached at most: %d (MAX_KEYS = %d)" % (largest_cache, jws.MAX_KEYS),
             "SHA-256 used: %s" % route]
    emit({"benchmark": "scale", "interpreter": interpreter(), "machine": machine(),
          "date": time.strftime("%Y-%m-%d"), "rounds": rounds, "notes": notes, "rows": rows})


if __name__ == "__main__":
    main()
