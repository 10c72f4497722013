"""Cold start: whole-process wall time of one token, against a bare interpreter.

    python3 benchmarks/cold_start.py [--python PATH] [--rounds N] [--json]

Each round starts every contestant once, in a rotated order, as
``PATH -s -E -c CODE`` from the project root (so ``import capability`` finds
this checkout); the figure is the median over rounds of each process's time
divided by the bare ``pass`` process's time in the same round. Peers not
installed for PATH are left out and named in the notes. Then ``-X importtime``
(CPython 3.7+) says what ``import capability`` itself imports and costs.

The Lambda rows (CPython 3.7+) start processes as Lambda does: the layer made
by ``python -m capability layer`` unpacked read-only, PYTHONDONTWRITEBYTECODE=1,
json imported first (Lambda's runtime has it loaded); ``lambda_times`` says more.

The driver runs on Python 3; PATH may be any interpreter, 2.7 included.
"""
from __future__ import division, print_function

import os
import re
import subprocess
import sys
import time
from collections import OrderedDict

from bench import ROOT, clock, emit, median

TOKEN_CODE = OrderedDict([
    ("bare interpreter", "pass"),
    ("capability, import only", "import capability"),
    ("capability", "\n".join([
        "import capability",
        "cap = capability.Capability('AC0123456789abcdef0123456789abcdef',"
        " 'abcdefghijklmnopqrstuvwxyz012345')",
        "cap.allow_client_incoming('alice')",
        "cap.allow_client_outgoing('APfedcba9876543210fedcba9876543210', {'user_id': '42'})",
        "cap.generate()"])),
    ("twilio-python", "\n".join([
        "from twilio.jwt.client import ClientCapabilityToken",
        "token = ClientCapabilityToken('AC0123456789abcdef0123456789abcdef',"
        " 'abcdefghijklmnopqrstuvwxyz012345')",
        "token.allow_client_incoming('alice')",
        "token.allow_client_outgoing('APfedcba9876543210fedcba9876543210', user_id='42')",
        "token.to_jwt()"])),
    ("PyJWT", "\n".join([
        "import time, jwt",
        "now = int(time.time())",
        "jwt.encode({'scope': 'scope:client:incoming?clientName=alice',"
        " 'iss': 'AC0123456789abcdef0123456789abcdef', 'exp': now + 3600, 'nbf': now},"
        " 'abcdefghijklmnopqrstuvwxyz012345', algorithm='HS256')"])),
])
PEER_PROBES = {"twilio-python": "import twilio.jwt.client",
               "PyJWT": "import jwt, sys; sys.exit(not jwt.__version__.startswith('2.'))"}


def runs(python, code):
    """True when ``code`` exits cleanly under ``python``."""
    with open(os.devnull, "w") as devnull:
        return subprocess.call([python, "-s", "-E", "-c", code], cwd=ROOT,
                               stdout=devnull, stderr=devnull) == 0


def start(python, code):
    begin = clock()
    subprocess.check_call([python, "-s", "-E", "-c", code], cwd=ROOT)
    return clock() - begin


def wall_times(python, rounds):
    contestants = []
    notes = []
    for name, code in TOKEN_CODE.items():
        if name in PEER_PROBES and not runs(python, PEER_PROBES[name]):
            notes.append("%s is not installed for this interpreter: its row is left out" % name)
            continue
        contestants.append((name, code))
    for name, code in contestants * 2:  # warm up: bytecode caches and the page cache
        start(python, code)
    times = dict((name, []) for name, _ in contestants)
    for round_number in range(rounds):
        shift = round_number % len(contestants)
        for name, code in contestants[shift:] + contestants[:shift]:
            times[name].append(start(python, code))
    rows = []
    bare = times["bare interpreter"]
    for name, _ in contestants:
        rows.append(OrderedDict([("process", name), ("ms", median(times[name]) * 1e3),
                                 ("vs bare", median([t / b for t, b in zip(times[name], bare)]))]))
    return rows, notes


IMPORT_LINE = re.compile(r"^import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def import_times(python, runs_wanted=15):
    """Rows of what ``import capability`` imports that a bare start does not, median
    microseconds."""
    def parse(code):
        out = subprocess.run([python, "-s", "-E", "-X", "importtime", "-c", code], cwd=ROOT,
                             stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, check=True).stderr
        found = OrderedDict()
        for line in out.decode("utf-8", "replace").splitlines():
            match = IMPORT_LINE.match(line)
            if match:
                found[match.group(4)] = (int(match.group(1)), int(match.group(2)))
        return found
    baseline = set(parse("pass"))
    samples = OrderedDict()
    for _ in range(runs_wanted):
        for name, (own, total) in parse("import capability").items():
            if name not in baseline:
                samples.setdefault(name, []).append((own, total))
    rows = []
    for name, pairs in samples.items():
        rows.append(OrderedDict([("module", name),
                                 ("self us", median([own for own, _ in pairs])),
                                 ("cumulative us", median([total for _, total in pairs]))]))
    return rows


# Lambda's runtime has imported json before the handler's module loads.
LAMBDA_TOKEN = TOKEN_CODE["capability"]


def lambda_layers(python, tmp):
    """{name: read-only package folder}: the layer as ``python -m capability layer`` builds
    it (with bytecode), and the same sources alone, each unpacked as Lambda unpacks to /opt."""
    import shutil
    import stat
    import zipfile
    folders = {}
    built = os.path.join(tmp, "layer.zip")
    subprocess.check_output([python, "-s", "-E", "-m", "capability", "layer", built], cwd=ROOT)
    for name, keep in (("layer", lambda member: True),
                       ("sources", lambda member: member.endswith(".py"))):
        opt = os.path.join(tmp, name)
        with zipfile.ZipFile(built) as archive:
            archive.extractall(opt, [m for m in archive.namelist() if keep(m)])
        for folder, _, files in os.walk(opt):
            for file_name in files:
                os.chmod(os.path.join(folder, file_name), stat.S_IRUSR | stat.S_IRGRP)
            os.chmod(folder, stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP)
        folders[name] = os.path.join(opt, "python")
    return folders, lambda: shutil.rmtree(tmp, onerror=_writable_then_remove)


def _writable_then_remove(function, path, _):
    for folder, _, files in os.walk(os.path.dirname(path)):
        os.chmod(folder, 0o755)
    os.chmod(os.path.dirname(path), 0o755)
    function(path)


def lambda_times(python, rounds):
    """Cold starts as Lambda pays them: the layer unpacked read-only, bytecode writing off.

    Rows: ``json`` + the layer + one token against ``json`` alone (Lambda's
    runtime has json loaded); the same without json against a bare start; and
    ``json`` + the sources alone (no .pyc, compiled every start).
    """
    import tempfile
    folders, cleanup = lambda_layers(python, tempfile.mkdtemp(prefix="capability-cold-"))
    try:
        path = "import sys; sys.path.insert(0, %r)\n"
        contestants = [
            ("bare", path % folders["layer"] + "pass"),
            ("json only", path % folders["layer"] + "import json"),
            ("json + layer + token", path % folders["layer"] + "import json\n" + LAMBDA_TOKEN),
            ("layer + token, no json", path % folders["layer"] + LAMBDA_TOKEN),
            ("json + sources + token", path % folders["sources"] + "import json\n" + LAMBDA_TOKEN),
        ]
        env = dict((k, v) for k, v in os.environ.items() if not k.startswith("PYTHON"))
        env["PYTHONDONTWRITEBYTECODE"] = "1"

        def lambda_start(code):
            begin = clock()
            subprocess.check_call([python, "-s", "-c", code], cwd=ROOT, env=env)
            return clock() - begin
        for _, code in contestants * 2:  # warm up the page cache
            lambda_start(code)
        times = dict((name, []) for name, _ in contestants)
        for round_number in range(rounds):
            shift = round_number % len(contestants)
            for name, code in contestants[shift:] + contestants[:shift]:
                times[name].append(lambda_start(code))
    finally:
        cleanup()
    rows = []
    for name, _ in contestants:
        row = OrderedDict([("process", name), ("ms", median(times[name]) * 1e3)])
        for reference in ("json only", "bare"):
            row["vs " + reference] = median([t / b for t, b in zip(times[name], times[reference])])
        rows.append(row)
    return rows


def version_of(python):
    code = ("import platform; "
            "print(platform.python_implementation() + ' ' + platform.python_version())")
    return subprocess.check_output([python, "-s", "-E", "-c", code]).decode("ascii").strip()


def main():
    python = sys.argv[sys.argv.index("--python") + 1] if "--python" in sys.argv else sys.executable
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 40
    rows, notes = wall_times(python, rounds)
    version = version_of(python)
    lambda_rows = []
    if re.match(r"CPython 3\.([7-9]|\d\d)", version):
        lambda_rows = lambda_times(python, rounds)
    else:
        notes.append("the Lambda rows need CPython 3.7 or later (PEP 552 bytecode)")
    importtime = []
    if version.startswith("CPython") and not version.startswith(("CPython 2.", "CPython 3.6.")):
        importtime = import_times(python)
    else:
        notes.append("-X importtime needs CPython 3.7 or later")
    from bench import machine
    emit({"benchmark": "cold_start", "interpreter": version, "machine": machine(),
          "date": time.strftime("%Y-%m-%d"), "rounds": rounds, "notes": notes, "rows": rows,
          "lambda": lambda_rows, "importtime": importtime})


if __name__ == "__main__":
    main()
