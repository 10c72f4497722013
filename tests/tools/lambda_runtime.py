"""examples/aws_lambda/handler.py under AWS's own runtime interface client.

    python3 -m tests.tools.lambda_runtime          # ensure() then run(), a line per check

Each runtime (CPython 3.9, 3.12, 3.13) gets a venv with ``awslambdaric``
(tests/tools/requirements-lambda.txt) and runs the handler as AWS's Python
images do: ``python -m awslambdaric handler.handler`` in the task root, the
layer built by ``python -m capability layer`` with that same interpreter and
unpacked read-only, and a local Lambda Runtime API on 127.0.0.1 that speaks the
documented protocol (``invocation/next`` with the request-id, deadline, ARN and
trace headers; ``invocation/ID/response``, ``invocation/ID/error``,
``init/error``). Tokens are checked with ``capability.decode``. Each function
configuration is a process of its own, stopped by its PID.
"""
from __future__ import print_function

import glob
import hashlib
import json
import os
import queue
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
import uuid
import zipfile
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)

import capability  # noqa: E402
from tests.tools import harness  # noqa: E402
from tests.tools.harness import Result, Tally, stop  # noqa: E402

HANDLER = os.path.join(ROOT, "examples", "aws_lambda", "handler.py")
REQUIREMENTS = os.path.join(ROOT, "tests", "tools", "requirements-lambda.txt")
RUNTIMES = ("3.9", "3.12", "3.13")
IN_CI = os.environ.get("CI") == "true"
PROCESS_SECONDS = 30  # one function's whole life, cold start to last answer
ACCOUNT = "AC0123456789abcdef0123456789abcdef"
AUTH_TOKEN = "s3cr3t-auth-token-value-0000000000"
APP = "APfedcba9876543210fedcba9876543210"
CONFIG = {"TWILIO_ACCOUNT_SID": ACCOUNT, "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
          "TWILIO_TWIML_APP_SID": APP}
API = "/2018-06-01/runtime"


# --- the venvs -----------------------------------------------------------------------------

def interpreter(minor):
    """The newest pyenv CPython ``minor``, or None."""
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    found = [p for p in glob.glob(os.path.join(root, "versions", minor + ".*", "bin", "python"))
             if p.split(os.sep)[-3].split(".")[-1].isdigit()]
    found.sort(key=lambda p: int(p.split(os.sep)[-3].split(".")[-1]))
    return found[-1] if found else None


def venv_python(minor):
    return os.path.join(ROOT, ".venv-lambda-" + minor, "bin", "python")


def ensure():
    """Make each runtime's venv with the pinned awslambdaric, once per requirements file."""
    with open(REQUIREMENTS, "rb") as f:
        wanted = hashlib.sha256(f.read()).hexdigest()
    problems = []
    for minor in RUNTIMES:
        base = interpreter(minor)
        if base is None:
            problems.append("CPython %s is missing (pyenv)" % minor)
            continue
        folder = os.path.join(ROOT, ".venv-lambda-" + minor)
        marker = os.path.join(folder, "requirements.sha256")
        if os.path.exists(marker) and open(marker).read() == wanted:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        subprocess.check_call([base, "-m", "venv", folder])
        subprocess.check_call([venv_python(minor), "-m", "pip", "install", "-q",
                               "--disable-pip-version-check", "-r", REQUIREMENTS])
        with open(marker, "w") as f:
            f.write(wanted)
    if problems and IN_CI:
        raise RuntimeError("lambda_runtime: " + "; ".join(problems))
    return problems


# --- the Runtime API -----------------------------------------------------------------------

class RuntimeAPI(ThreadingHTTPServer):
    """Lambda's Runtime API for one function: hands out ``events``, keeps what comes back."""

    daemon_threads = True

    def __init__(self, events):
        ThreadingHTTPServer.__init__(self, ("127.0.0.1", 0), RuntimeHandler)
        self.pending = queue.Queue()
        for event in events:
            self.pending.put(event)
        self.answers = {}  # request id -> (kind, JSON body, headers)
        self.order = []  # request ids in the order they were handed out
        self.init_error = None
        self.closed = False
        self.first_answer = None  # monotonic time of the first response
        self.done = threading.Event()
        self.expected = len(events)

    def handle_error(self, request, client_address):
        pass  # the function was stopped mid-request: nothing to report

    def close(self):
        """Stop handing out events and let a waiting ``next`` return."""
        self.closed = True
        self.pending.put(None)
        self.shutdown()
        self.server_close()

    def finish(self, key, kind, body, headers):
        if key is None:
            self.init_error = (body, headers)
        else:
            self.answers[key] = (kind, body, headers)
            if self.first_answer is None:
                self.first_answer = time.monotonic()
        if self.init_error is not None or len(self.answers) == self.expected:
            self.done.set()


class RuntimeHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # the client keeps its connection open

    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", headers=()):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        if self.path != API + "/invocation/next":
            return self.reply(404)
        try:
            event = self.server.pending.get(timeout=PROCESS_SECONDS)
        except queue.Empty:
            event = None
        if event is None or self.server.closed:
            self.server.pending.put(None)  # for any other waiting thread
            return self.reply(500)
        key = str(uuid.uuid4())
        self.server.order.append(key)
        body = json.dumps(event).encode("utf-8")
        deadline = int((time.time() + 30) * 1000)
        self.reply(200, body, [
            ("Content-Type", "application/json"),
            ("Lambda-Runtime-Aws-Request-Id", key),
            ("Lambda-Runtime-Deadline-Ms", str(deadline)),
            ("Lambda-Runtime-Invoked-Function-Arn",
             "arn:aws:lambda:us-east-1:123456789012:function:browser-tokens"),
            ("Lambda-Runtime-Trace-Id",
             "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1")])

    def do_POST(self):
        length = int(self.headers.get("Content-Length") or 0)
        data = self.rfile.read(length) if length else b""
        try:
            body = json.loads(data.decode("utf-8")) if data else None
        except ValueError:
            body = data
        parts = self.path[len(API):].strip("/").split("/")
        if parts == ["init", "error"]:
            key, kind = None, "init error"
        elif len(parts) == 3 and parts[0] == "invocation" and parts[2] in ("response", "error"):
            key, kind = parts[1], parts[2]
        else:
            return self.reply(404)
        self.reply(202, b'{"status":"OK"}', [("Content-Type", "application/json")])
        self.server.finish(key, kind, body, dict(self.headers.items()))


# --- one function: a cold start, its events, its answers -----------------------------------

def lambda_environment(api, task, layer, settings):
    """The environment AWS's Python images give a function, plus its settings."""
    env = {"AWS_LAMBDA_RUNTIME_API": "127.0.0.1:%d" % api.server_port,
           "LAMBDA_TASK_ROOT": task, "LAMBDA_RUNTIME_DIR": task, "_HANDLER": "handler.handler",
           "PYTHONPATH": os.pathsep.join(p for p in (task, layer) if p),
           "PYTHONDONTWRITEBYTECODE": "1",
           "AWS_LAMBDA_FUNCTION_NAME": "browser-tokens", "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
           "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "128", "AWS_REGION": "us-east-1",
           "AWS_DEFAULT_REGION": "us-east-1", "AWS_EXECUTION_ENV": "AWS_Lambda_python",
           "AWS_LAMBDA_LOG_GROUP_NAME": "/aws/lambda/browser-tokens",
           "AWS_LAMBDA_LOG_STREAM_NAME": "2026/12/04/[$LATEST]0123456789abcdef",
           "LANG": "en_US.UTF-8", "TZ": ":UTC", "PATH": "/usr/local/bin:/usr/bin:/bin"}
    env.update(settings)
    return env


def invoke(python, task, layer, settings, events, handler="handler.handler"):
    """Start one function, feed it ``events``; ``(answers in order, init error, log, started,
    first answer time)``. The process is stopped by its PID whatever happens."""
    api = RuntimeAPI(events)
    serving = threading.Thread(target=api.serve_forever)
    serving.daemon = True
    serving.start()
    log = tempfile.TemporaryFile()
    started = time.monotonic()
    proc = subprocess.Popen([python, "-m", "awslambdaric", handler], cwd=task,
                            env=lambda_environment(api, task, layer, settings),
                            stdin=subprocess.DEVNULL, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = started + PROCESS_SECONDS
        while not api.done.is_set() and time.monotonic() < deadline and proc.poll() is None:
            api.done.wait(0.02)
        if not api.done.is_set() and proc.poll() is not None:
            api.done.wait(1)  # a POST may still be on its way
    finally:
        stop(proc)
        api.close()
    log.seek(0)
    text = log.read().decode("utf-8", "replace")
    log.close()
    answers = [api.answers.get(key) for key in api.order]
    return answers, api.init_error, text, started, api.first_answer


# --- the events ----------------------------------------------------------------------------

def rest_event(method="GET", query=None, multi=None, authorizer=None):
    """API Gateway REST API (payload 1.0), as a Lambda proxy integration sends it."""
    context = {"resourcePath": "/token", "httpMethod": method, "path": "/prod/token",
               "stage": "prod", "requestId": str(uuid.uuid4()), "accountId": "123456789012",
               "identity": {"sourceIp": "192.0.2.1"}}
    if authorizer is not None:
        context["authorizer"] = authorizer
    return {"resource": "/token", "path": "/token", "httpMethod": method,
            "headers": {"Accept": "application/json"},
            "multiValueHeaders": {"Accept": ["application/json"]},
            "queryStringParameters": query,
            "multiValueQueryStringParameters": multi or (
                dict((k, [v]) for k, v in query.items()) if query else None),
            "pathParameters": None, "stageVariables": None, "requestContext": context,
            "body": None, "isBase64Encoded": False}


def http_event(method="GET", raw="", query=None, claims=None):
    """API Gateway HTTP API (payload 2.0); a JWT authorizer's claims arrive as strings."""
    context = {"accountId": "123456789012", "apiId": "api", "domainName": "api.example",
               "http": {"method": method, "path": "/token", "protocol": "HTTP/1.1",
                        "sourceIp": "192.0.2.1", "userAgent": "test"},
               "requestId": str(uuid.uuid4()), "routeKey": "GET /token", "stage": "$default",
               "time": "04/Dec/2026:10:00:00 +0000", "timeEpoch": 1796378400000}
    if claims is not None:
        context["authorizer"] = {"jwt": {"claims": claims, "scopes": None}}
    event = {"version": "2.0", "routeKey": "GET /token", "rawPath": "/token",
             "rawQueryString": raw, "headers": {"accept": "application/json"},
             "requestContext": context, "isBase64Encoded": False}
    if query is not None:
        event["queryStringParameters"] = query
    return event


COGNITO = {"claims": {"sub": "bob", "token_use": "id"}}


def functions():
    """``(label, settings, [(check, event, status, check of the answer)])`` per configuration."""
    token_for_bob = ("token", "bob")
    return [
        ("authorizer", CONFIG, [
            ("v1 Cognito authorizer: a token for its identity", rest_event(authorizer=COGNITO),
             200, token_for_bob),
            ("v1 Lambda authorizer: a token for principalId",
             rest_event(authorizer={"principalId": "bob"}), 200, token_for_bob),
            ("v2 JWT authorizer: a token for its sub", http_event(claims={"sub": "bob"}), 200,
             token_for_bob),
            ("v1 authorizer beats ?client=", rest_event(query={"client": "mallory"},
                                                          authorizer=COGNITO), 200, token_for_bob),
            ("v2 no authorizer, no demo flag: 401", http_event(raw="client=bob",
                                                               query={"client": "bob"}),
             401, ("error", "no authorised identity")),
            ("v1 bad client name: 400", rest_event(authorizer={"claims": {"sub": "bob smith"}}),
             400, ("error", "' ' (U+0020) at position 3")),
            ("v1 POST: 405", rest_event("POST", authorizer=COGNITO), 405, ("error", "use GET")),
            ("v2 PUT: 405", http_event("PUT", claims={"sub": "bob"}), 405, ("error", "use GET")),
        ]),
        ("demo", dict(CONFIG, ALLOW_ANONYMOUS_CLIENT="1"), [
            ("v1 ?client=bob: a token", rest_event(query={"client": "bob"}), 200, token_for_bob),
            ("v2 ?client=bob: a token", http_event(raw="client=bob", query={"client": "bob"}),
             200, token_for_bob),
            ("v2 bad client name: 400", http_event(raw="client=bob%20smith",
                                                   query={"client": "bob smith"}),
             400, ("error", "' ' (U+0020) at position 3")),
            ("v1 client twice: 400", rest_event(query={"client": "bob"},
                                                multi={"client": ["alice", "bob"]}),
             400, ("error", "give the client query parameter once")),
            ("v2 client twice: 400", http_event(raw="client=alice&client=bob",
                                                query={"client": "alice,bob"}),
             400, ("error", "give the client query parameter once")),
        ]),
        ("no auth token", dict((k, v) for k, v in CONFIG.items() if k != "TWILIO_AUTH_TOKEN"), [
            ("v1 missing setting: 500", rest_event(authorizer=COGNITO), 500,
             ("error", "TWILIO_AUTH_TOKEN not set")),
            ("v2 missing setting: 500", http_event(claims={"sub": "bob"}), 500,
             ("error", "TWILIO_AUTH_TOKEN not set")),
        ]),
    ]


def judge(answer, status, want):
    """None when ``answer`` (kind, body, headers) is what the check wants, else why not."""
    if answer is None:
        return "no answer"
    kind, body, _ = answer
    if kind != "response" or not isinstance(body, dict):
        return "%s instead of a response" % kind
    if body.get("statusCode") != status:
        return "status %r, not %d" % (body.get("statusCode"), status)
    headers = body.get("headers") or {}
    if (headers.get("Content-Type"), headers.get("Cache-Control")) != ("application/json",
                                                                       "no-store"):
        return "headers %r" % headers
    text = body.get("body") or ""
    if AUTH_TOKEN in text or "Traceback" in text:
        return "the body holds a secret or a traceback"
    answer_json = json.loads(text)
    if status == 405 and headers.get("Allow") != "GET":
        return "405 without Allow: GET"
    if want[0] == "error":
        return None if want[1] in answer_json.get("error", "") else "error %r" % answer_json
    try:
        claims = capability.decode(answer_json["token"], AUTH_TOKEN)
    except capability.CapabilityError as error:
        return "the token does not verify: %s" % type(error).__name__
    scopes = claims["scope"].split(" ")
    wanted = ["scope:client:incoming?clientName=" + want[1],
              "scope:client:outgoing?appSid=%s&clientName=%s" % (APP, want[1])]
    if sorted(scopes) != sorted(wanted) or claims["iss"] != ACCOUNT:
        return "the token grants %r" % scopes
    if answer_json["identity"] != want[1] or claims["exp"] - time.time() < 3500:
        return "identity %r, exp %r" % (answer_json["identity"], claims["exp"])
    return None


# --- a runtime: build, unpack, run every function ------------------------------------------

def read_only(folder):
    for path, folders, files in os.walk(folder):
        for name in files:
            os.chmod(os.path.join(path, name), stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)
    for path, folders, files in sorted(os.walk(folder), reverse=True):
        os.chmod(path, stat.S_IRUSR | stat.S_IXUSR | stat.S_IRGRP | stat.S_IXGRP | stat.S_IROTH
                 | stat.S_IXOTH)


def writable(folder):
    for path, folders, files in os.walk(folder):
        os.chmod(path, stat.S_IRWXU)
        for name in files:
            os.chmod(os.path.join(path, name), stat.S_IRUSR | stat.S_IWUSR)


def prepare(python, tmp):
    """``(task root, layer's python/ folder)``: the layer built by ``python`` itself."""
    task, opt = os.path.join(tmp, "task"), os.path.join(tmp, "opt")
    os.mkdir(task)
    shutil.copy(HANDLER, task)
    zipped = os.path.join(tmp, "capability-layer.zip")
    subprocess.check_call([python, "-m", "capability", "layer", zipped], cwd=ROOT,
                          env=dict(os.environ, PYTHONPATH=ROOT, PYTHONDONTWRITEBYTECODE="1"),
                          stdout=subprocess.DEVNULL)
    with zipfile.ZipFile(zipped) as archive:
        archive.extractall(opt)
    read_only(task)
    read_only(opt)
    return task, os.path.join(opt, "python")


def run_runtime(minor):
    """``(label, passed, failed, skipped, output)`` for one runtime."""
    label = "awslambdaric on CPython %s" % minor
    python = venv_python(minor)
    if not os.path.exists(python):
        return Result(label, 0, 0, 1, "%s: skipped, no CPython %s for its venv\n"
                      % (label, minor))
    tally = Tally(label)
    began = time.monotonic()
    tmp = tempfile.mkdtemp(prefix="capability-lambda-")
    try:
        task, layer = prepare(python, tmp)
        version = subprocess.check_output(
            [python, "-c", "import sys, importlib.metadata as m; print('%d.%d.%d' % "
             "sys.version_info[:3], m.version('awslambdaric'))"]).decode().split()
        tally.lines[0] += ": CPython %s, awslambdaric %s" % (version[0], version[1])
        for function, settings, checks in functions():
            answers, init_error, log, _, _ = invoke(python, task, layer, settings,
                                                    [event for _, event, _, _ in checks])
            for (name, _, status, want), answer in zip(checks, answers + [None] * len(checks)):
                if not tally.check("%s: %s" % (function, name), judge(answer, status, want)):
                    tally.lines.append("    log: " + log[-800:].replace("\n", "\n    log: "))
        # The layer left off: the handler cannot import, and Lambda must hear it at init.
        answers, init_error, log, _, _ = invoke(python, task, None, CONFIG,
                                                [rest_event(authorizer=COGNITO)])
        problem = None
        if init_error is None:
            problem = "no init error posted (answers: %r)" % (answers,)
        elif init_error[0].get("errorType") != "Runtime.ImportModuleError" \
                or "capability" not in init_error[0].get("errorMessage", "") \
                or init_error[1].get("Lambda-Runtime-Function-Error-Type") != \
                "Runtime.ImportModuleError":
            problem = "init error %r" % (init_error,)
        tally.check("no layer: init error Runtime.ImportModuleError naming capability", problem)
        # The checks must be able to fail: the token check against that broken function.
        caught = judge(answers[0] if answers else None, 200, ("token", "bob"))
        tally.check("negative: the token check fails when the handler cannot import (%s)"
                    % caught, None if caught else "the check passed a broken function")
        # The checks must also catch a token for the wrong key.
        answers, _, _, _, _ = invoke(python, task, layer, dict(
            CONFIG, TWILIO_AUTH_TOKEN="another-auth-token-00000000000000"),
            [rest_event(authorizer=COGNITO)])
        judged = judge(answers[0] if answers else None, 200, ("token", "bob"))
        tally.check("negative: a token signed with another key is refused (%s)" % judged,
                    None if judged else "a wrong-key token passed")
    except Exception as error:  # the harness must report, not crash the runner
        tally.check(label, "%s: %s" % (type(error).__name__, error))
    finally:
        writable(tmp)
        shutil.rmtree(tmp, ignore_errors=True)
    tally.lines.append("  %d passed, %d failed in %.1f s"
                       % (tally.passed, tally.failed, time.monotonic() - began))
    return tally.result(label)


def run():
    """One ``(label, passed, failed, skipped, output)`` per runtime."""
    return [run_runtime(minor) for minor in RUNTIMES]


def check(run_of_the_runner=None):
    """The runner's stage: ``Stage("lambda", lambda_runtime.check)``."""
    return harness.check("lambda_runtime", ensure, run)


if __name__ == "__main__":
    sys.exit(harness.main("lambda_runtime", ensure, run))
