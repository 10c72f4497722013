"""Lambda cold start as Lambda pays it: process start to the first response.

    python3 benchmarks/lambda_cold_start.py [--runtime 3.12] [--rounds N] [--json]

Each round starts three functions under AWS's runtime interface client
(``python -m awslambdaric``), on the same venv and local Runtime API as
``tests/tools/lambda_runtime.py``: examples/aws_lambda/handler.py with the
layer as built (read-only as Lambda mounts it; since issue 11 it carries
unchecked-hash ``.pyc`` files for the runtime that built it, before that only
``.py`` files, compiled at every cold start), the same after ``compileall``
for that runtime, and a hello-world handler; each answers an
authorised API Gateway event. The order rotates round by round; the figures
are medians of per-round ratios to the hello world.
Run ``python3 -m tests.tools.lambda_runtime`` once first to make the venvs.
"""
from __future__ import division, print_function

import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import OrderedDict

from bench import emit, machine, median

from tests.tools import lambda_runtime as lr

HELLO = '''def handler(event, context):
    return {"statusCode": 200, "body": "hello"}
'''


def cold_starts(minor, rounds):
    """{contestant: [seconds from Popen to the first response]} for one runtime."""
    python = lr.venv_python(minor)
    tmp = tempfile.mkdtemp(prefix="capability-coldstart-")
    try:
        task, layer = lr.prepare(python, tmp)
        compiled = os.path.join(tmp, "compiled")
        os.mkdir(compiled)
        compiled_task, compiled_layer = lr.prepare(python, compiled)
        lr.writable(compiled)
        subprocess.check_call([python, "-m", "compileall", "-q", compiled_task, compiled_layer])
        lr.read_only(compiled)
        hello = os.path.join(tmp, "hello")
        os.mkdir(hello)
        with open(os.path.join(hello, "handler.py"), "w") as f:
            f.write(HELLO)
        contestants = [("capability handler", task, layer),
                       ("with .pyc", compiled_task, compiled_layer), ("hello world", hello, None)]
        event = lr.rest_event(authorizer=lr.COGNITO)
        times = dict((name, []) for name, _, _ in contestants)
        for round_number in range(rounds + 1):  # round 0 warms the page cache
            shift = round_number % len(contestants)
            order = contestants[shift:] + contestants[:shift]
            for name, folder, path in order:
                answers, init_error, log, started, first = lr.invoke(
                    python, folder, path, lr.CONFIG, [event])
                if first is None or answers[0][1].get("statusCode") != 200:
                    raise SystemExit("%s did not answer 200: %r\n%s" % (name, answers, log))
                if round_number:
                    times[name].append(first - started)
        return times
    finally:
        lr.writable(tmp)
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    minors = [sys.argv[i + 1] for i, a in enumerate(sys.argv) if a == "--runtime"]
    minors = minors or list(lr.RUNTIMES)
    rounds = int(sys.argv[sys.argv.index("--rounds") + 1]) if "--rounds" in sys.argv else 20
    rows = []
    for minor in minors:
        times = cold_starts(minor, rounds)
        mine, compiled, hello = (times["capability handler"], times["with .pyc"],
                                 times["hello world"])
        rows.append(OrderedDict([
            ("runtime", "CPython %s, awslambdaric" % minor),
            ("handler ms", median(mine) * 1e3), ("with .pyc ms", median(compiled) * 1e3),
            ("hello world ms", median(hello) * 1e3),
            ("handler vs hello world", median([m / h for m, h in zip(mine, hello)])),
            ("with .pyc vs hello world", median([c / h for c, h in zip(compiled, hello)]))]))
    emit({"benchmark": "lambda_cold_start", "interpreter": "awslambdaric", "machine": machine(),
          "date": time.strftime("%Y-%m-%d"), "rounds": rounds, "rows": rows,
          "notes": ["process start to the first invocation's response, on a local Runtime API"]})


if __name__ == "__main__":
    main()
