"""atheris fuzz target: decoding raises nothing but the library's own errors.

    .venv-test/bin/python tests/tools/fuzz_decode.py -max_total_time=40 [CORPUS_DIR]

Any exception other than ``capability.InvalidTokenError`` (a stray
TypeError, UnicodeError, RecursionError, OverflowError, binascii.Error...)
is a crash, and libFuzzer exits non-zero. Inputs reach decode() four ways:
as text, as bytes, as a header and payload that are correctly signed (so the
JSON and claim checks are fuzzed too, past the signature), and as a scope
string for the parsers. The runner (tests/__main__.py) runs it for a bounded
time on its venv's CPython.
"""
import os
import shutil
import subprocess
import sys
import tempfile

import atheris

with atheris.instrument_imports():
    import capability
    from capability import jws
    from capability.encoding import b64url_encode

KEY = "fuzz-key"
SID = "AC0123456789abcdef0123456789abcdef"


def test_one_input(data):
    fdp = atheris.FuzzedDataProvider(data)
    route = fdp.ConsumeIntInRange(0, 4)
    if route == 0:
        token = fdp.ConsumeUnicode(fdp.remaining_bytes())
    elif route == 1:
        token = fdp.ConsumeBytes(fdp.remaining_bytes())
    elif route == 2:
        header = fdp.ConsumeBytes(fdp.ConsumeIntInRange(0, 200))
        token = jws.sign(fdp.ConsumeBytes(fdp.remaining_bytes()), KEY.encode("ascii"),
                         header=header)
    elif route == 3:
        # A well-formed header, so the fuzzer spends its time on claims.
        token = jws.sign(fdp.ConsumeBytes(fdp.remaining_bytes()), KEY.encode("ascii"))
    else:
        text = fdp.ConsumeUnicode(fdp.remaining_bytes())
        for parse in (capability.parse_scopes, capability.parse_params):
            try:
                parse(text)
            except capability.InvalidTokenError:
                pass
        return
    try:
        capability.decode(token, KEY, leeway=86400)
    except capability.InvalidTokenError:
        pass
    try:
        capability.decode_unverified(token)
    except capability.InvalidTokenError:
        pass


def seeds():
    """Valid inputs for each route, so fuzzing starts from real tokens."""
    cap = capability.Capability(SID, KEY)
    cap.allow_client_incoming("alice")
    cap.allow_client_outgoing("AP" + "f" * 32, {"user_id": 42, "to": ["a b", "c"]})
    cap.allow_event_stream(CallSid="CA1")
    token = cap.generate()
    header, payload = [part for part in token.split(".")[:2]]
    raw_payload = capability.decode_unverified(token)[1]
    import json
    payload_json = json.dumps(raw_payload).encode("ascii")
    return [
        b"\x00" + token.encode("ascii"),
        b"\x01" + token.encode("ascii"),
        b"\x02" + b"\x1b" + jws.HEADER + payload_json,
        b"\x03" + payload_json,
        b"\x04" + raw_payload["scope"].encode("ascii"),
        b"\x01" + (header + "." + payload + "." + b64url_encode(b"\x00" * 32).decode("ascii"))
        .encode("ascii"),
    ]


def main(args):
    """Fuzz with the seeds written into the corpus folder given last (libFuzzer's
    convention), or into a temporary one this process removes afterwards.

    libFuzzer ends the process itself when fuzzing stops, so no ``finally`` of
    the fuzzing process ever runs: the temporary folder belongs to a parent
    that only waits for the fuzzer.
    """
    if args and not args[-1].startswith("-"):
        for number, seed in enumerate(seeds()):
            with open(os.path.join(args[-1], "seed-%d" % number), "wb") as f:
                f.write(seed)
        atheris.Setup([sys.argv[0]] + args, test_one_input)
        atheris.Fuzz()
        return 0
    corpus = tempfile.mkdtemp(prefix="capability-fuzz-")
    try:
        return subprocess.call([sys.executable, os.path.abspath(__file__)] + args + [corpus])
    finally:
        shutil.rmtree(corpus, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
