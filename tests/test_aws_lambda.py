"""examples/aws_lambda/handler.py on the Pythons Lambda offers, with only the layer to import from.

Each interpreter runs the handler the way Lambda does: the function's folder
and the layer's ``python/`` folder on ``sys.path``, no site-packages, no
checkout. Interpreters this machine lacks are skipped, except under CI=true.
"""
import glob
import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import zipfile

from capability.layer import build_layer

from .support import load_vectors, example_config

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
HANDLER = os.path.join(ROOT, "examples", "aws_lambda", "handler.py")
LAMBDA_PYTHONS = ["3.9", "3.10", "3.11", "3.12", "3.13"]
IN_CI = os.environ.get("CI") == "true"
VECTORS = load_vectors("client_capability.json")
APP = "APfedcba9876543210fedcba9876543210"
EXPECTED, CONFIG = example_config(APP)

# Runs under `python -S -E`; reads [[event, environment], ...] as JSON on stdin.
DRIVER = r"""
import json, os, sys, time
task, layer, now = sys.argv[1], sys.argv[2], float(sys.argv[3])
sys.path[:1] = [task, layer]
time.time = lambda: now
import handler, capability
SETTINGS = ("ALLOW_ANONYMOUS_CLIENT", "IDENTITY_CLAIM")
assert capability.__file__.startswith(layer), capability.__file__
results = []
for event, environment in json.loads(sys.stdin.read()):
    for name in [n for n in os.environ if n.startswith("TWILIO_") or n in SETTINGS]:
        del os.environ[name]
    os.environ.update(environment)
    results.append(handler.handler(event, None))
try:  # the layer leaves its builder out: a function never builds a layer
    import capability.layer
    builder = capability.layer.__file__
except ImportError:
    builder = None
json.dump({"results": results, "modules": sorted(sys.modules), "builder": builder}, sys.stdout)
"""


def lambda_pythons():
    """{minor: path} of the Lambda Pythons under pyenv, and the missing minors."""
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    found, missing = {}, []
    for minor in LAMBDA_PYTHONS:
        paths = glob.glob(os.path.join(root, "versions", minor + ".*", "bin", "python"))
        paths = [p for p in paths if re.match(r"^\d+$", p.split(os.sep)[-3].split(".")[-1])]
        if paths:
            found[minor] = sorted(paths)[-1]
        else:
            missing.append(minor)
    return found, missing


def rest_event(query, method="GET", multi=None, authorizer=None):
    """A REST API (payload 1.0) proxy event; API Gateway gives null for no query."""
    context = {"httpMethod": method, "path": "/prod/token", "stage": "prod"}
    if authorizer is not None:
        context["authorizer"] = authorizer
    return {"resource": "/token", "path": "/token", "httpMethod": method,
            "headers": {"Accept": "application/json"}, "queryStringParameters": query,
            "multiValueQueryStringParameters": multi or (
                dict((k, [v]) for k, v in query.items()) if query else None),
            "pathParameters": None, "stageVariables": None,
            "requestContext": context,
            "body": None, "isBase64Encoded": False}


def http_event(raw_query, query, method="GET", claims=None):
    """An HTTP API (payload 2.0) event; repeated parameters arrive joined by commas."""
    event = {"version": "2.0", "routeKey": "GET /token", "rawPath": "/token",
             "rawQueryString": raw_query, "headers": {"accept": "application/json"},
             "requestContext": {"http": {"method": method, "path": "/token",
                                         "protocol": "HTTP/1.1", "sourceIp": "192.0.2.1"},
                                "routeKey": "GET /token", "stage": "$default"},
             "isBase64Encoded": False}
    if query is not None:
        event["queryStringParameters"] = query
    if claims is not None:  # a JWT authorizer's verified claims, all as strings
        event["requestContext"]["authorizer"] = {"jwt": {"claims": claims, "scopes": None}}
    return event


def without(name):
    return dict((k, v) for k, v in CONFIG.items() if k != name)


DEMO = dict(CONFIG, ALLOW_ANONYMOUS_CLIENT="1")  # ?client= names the client: a demo only
COGNITO = {"claims": {"sub": "bob", "cognito:username": "bob", "token_use": "id"}}
LAMBDA_AUTH = {"principalId": "bob", "integrationLatency": 12}
REST = rest_event(None, authorizer=COGNITO)  # an authorised REST request
HTTP = http_event("", None, claims={"sub": "bob", "iss": "https://issuer.example"})
HTTP_LAMBDA = http_event("", None)
HTTP_LAMBDA["requestContext"]["authorizer"] = {"lambda": {"sub": "bob"}}

# (label, event, environment, status, text the JSON error must contain)
CASES = [
    ("rest, Cognito authorizer", REST, CONFIG, 200, None),
    ("rest, Lambda authorizer", rest_event(None, authorizer=LAMBDA_AUTH), CONFIG, 200, None),
    ("rest, Lambda authorizer context", rest_event(None, authorizer=dict(
        LAMBDA_AUTH, principalId="user-7", name="bob")), dict(CONFIG, IDENTITY_CLAIM="name"),
     200, None),
    ("http, JWT authorizer", HTTP, CONFIG, 200, None),
    ("http, Lambda authorizer", HTTP_LAMBDA, CONFIG, 200, None),
    ("http, JWT claim by name", http_event("", None, claims={"sub": "0c8f-11", "username": "bob"}),
     dict(CONFIG, IDENTITY_CLAIM="username"), 200, None),
    ("authorizer beats the query", rest_event({"client": "mallory"}, authorizer=COGNITO), DEMO,
     200, None),
    ("rest, query without the demo flag", rest_event({"client": "bob"}), CONFIG, 401,
     "ALLOW_ANONYMOUS_CLIENT=1"),
    ("http, query without the demo flag", http_event("client=bob", {"client": "bob"}), CONFIG,
     401, "no authorised identity"),
    ("rest, flag not 1", rest_event({"client": "bob"}), dict(CONFIG, ALLOW_ANONYMOUS_CLIENT="yes"),
     401, "authorizer"),
    ("rest, no claim", rest_event({"client": "bob"}, authorizer={"claims": {"email": "b@x"}}),
     CONFIG, 401, "authorizer"),
    ("rest, authorised name not a client name", rest_event(None, authorizer={
        "claims": {"sub": "0c8f-11"}}), CONFIG, 400, "'-' (U+002D) at position 4"),
    ("rest, demo", rest_event({"client": "bob"}), DEMO, 200, None),
    ("http, demo", http_event("client=bob", {"client": "bob"}), DEMO, 200, None),
    ("rest, no query", rest_event(None), DEMO, 400, "client query parameter is required"),
    ("http, no query", http_event("", None), DEMO, 400, "client query parameter is required"),
    ("rest, empty client", rest_event({"client": ""}), DEMO, 400, "required"),
    ("rest, client twice", rest_event({"client": "bob"}, multi={"client": ["alice", "bob"]}),
     DEMO, 400, "give the client query parameter once"),
    ("http, client twice", http_event("client=alice&client=bob", {"client": "alice,bob"}),
     DEMO, 400, "give the client query parameter once"),
    ("http, a comma once", http_event("client=a%2Cb", {"client": "a,b"}), DEMO, 400,
     "',' (U+002C) at position 1"),
    ("http, space", http_event("client=bob%20smith", {"client": "bob smith"}), DEMO, 400,
     "position 3"),
    ("rest, non-ASCII", rest_event({"client": u"zo\u00eb"}), DEMO, 400, "U+00EB"),
    ("rest, POST", rest_event({"client": "bob"}, method="POST"), DEMO, 405, "GET"),
    ("http, POST", http_event("", None, method="POST", claims={"sub": "bob"}), CONFIG, 405,
     "GET"),
    ("not an event", {"client": "bob"}, DEMO, 400, "API Gateway"),
    ("not even a dict", ["bob"], DEMO, 400, "API Gateway"),
    ("no account SID", REST, without("TWILIO_ACCOUNT_SID"), 500, "TWILIO_ACCOUNT_SID not set"),
    ("no auth token", HTTP, without("TWILIO_AUTH_TOKEN"), 500, "TWILIO_AUTH_TOKEN not set"),
    ("no app SID", REST, without("TWILIO_TWIML_APP_SID"), 500, "TWILIO_TWIML_APP_SID not set"),
    ("nothing set", REST, {}, 500,
     "TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN and TWILIO_TWIML_APP_SID not set"),
    ("auth token with a newline", REST,
     dict(CONFIG, TWILIO_AUTH_TOKEN=VECTORS["auth_token"] + "\n"), 500, "TWILIO_AUTH_TOKEN"),
    ("auth token in the SID's place", REST,
     dict(CONFIG, TWILIO_ACCOUNT_SID=VECTORS["auth_token"]), 500, "TWILIO_ACCOUNT_SID"),
    ("malformed app SID", REST,
     dict(CONFIG, TWILIO_TWIML_APP_SID="AP" + "G" * 32), 500, "TWILIO_TWIML_APP_SID"),
]


class LambdaHandlerTest(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.task = os.path.join(cls.tmp, "task")  # Lambda's /var/task
        cls.opt = os.path.join(cls.tmp, "opt")  # Lambda's /opt
        os.mkdir(cls.task)
        shutil.copy(HANDLER, cls.task)
        cls.layer_zip = os.path.join(cls.tmp, "layer.zip")
        cls.rebuilt_zip = os.path.join(cls.task, "rebuilt.zip")
        # Bytecode for every Lambda Python here, built as the README says: with a runtime's Python.
        cls.pythons = [path for _, path in sorted(lambda_pythons()[0].items())]
        for path in (cls.layer_zip, cls.rebuilt_zip):  # twice: the same bytes every build
            if cls.pythons:
                others = sum([["--python", python] for python in cls.pythons], [])
                subprocess.check_output([cls.pythons[0], "-B", "-S", "-E", "-m", "capability",
                                         "layer", path] + others, cwd=ROOT)
            else:
                build_layer(path)
        with zipfile.ZipFile(cls.layer_zip) as archive:
            archive.extractall(cls.opt)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def run_handler(self, python):
        cases = [[event, environment] for _, event, environment, _, _ in CASES]
        env = dict((k, v) for k, v in os.environ.items()
                   if not k.startswith(("TWILIO_", "PYTHON")))
        proc = subprocess.Popen(
            [python, "-B", "-S", "-E", "-c", DRIVER, self.task, os.path.join(self.opt, "python"),
             repr(VECTORS["now"] + 0.75)] + self.pythons,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            cwd=self.tmp, env=env)
        out, err = proc.communicate(json.dumps(cases).encode("utf-8"))
        self.assertEqual(proc.returncode, 0, err.decode("utf-8", "replace"))
        self.assertEqual(err, b"")
        return json.loads(out.decode("utf-8"))

    def check(self, python):
        report = self.run_handler(python)
        self.assertNotIn("twilio", [m.split(".")[0] for m in report["modules"]])
        self.assertIsNone(report["builder"], python)
        for (label, _, _, status, error), response in zip(CASES, report["results"]):
            with self.subTest(label):
                self.assertEqual(response["statusCode"], status, (python, label, response))
                self.assertEqual(response["headers"]["Content-Type"], "application/json", label)
                self.assertEqual(response["headers"]["Cache-Control"], "no-store", label)
                self.assertFalse(response["isBase64Encoded"])
                body = response["body"]
                self.assertNotIn(VECTORS["auth_token"], body, label)
                self.assertNotIn("Traceback", body, label)
                answer = json.loads(body)
                if status == 200:
                    self.assertEqual(answer, {"identity": "bob", "token": EXPECTED["token"]}, label)
                else:
                    self.assertEqual(list(answer), ["error"], label)
                    self.assertIn(error, answer["error"], (python, label))
                if status == 405:
                    self.assertEqual(response["headers"]["Allow"], "GET", label)
        with open(self.layer_zip, "rb") as built, open(self.rebuilt_zip, "rb") as rebuilt:
            self.assertEqual(built.read(), rebuilt.read(), "the layer was rebuilt differently")

    def test_on_each_lambda_python(self):
        found, missing = lambda_pythons()
        if missing and IN_CI:
            self.fail("Lambda Pythons missing under CI=true: %s" % ", ".join(missing))
        if not found:
            self.skipTest("no Lambda Python (3.9-3.13) under pyenv")
        for minor in sorted(found, key=lambda m: int(m.split(".")[1])):
            self.check(found[minor])

    def test_the_vector_holds_the_handlers_grants(self):
        self.assertEqual(len(set(label for label, _, _, _, _ in CASES)), len(CASES))
        self.assertEqual(EXPECTED["calls"], [["incoming", "alice"], ["outgoing", APP],
                                             ["incoming", "bob"]])


if __name__ == "__main__":
    unittest.main()
