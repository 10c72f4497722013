"""examples/browser: the WSGI token server and its page, in-process; nothing calls Twilio."""
import io
import json
import os
import sys
import threading
import unittest
from wsgiref.simple_server import WSGIRequestHandler, make_server
from wsgiref.util import setup_testing_defaults
from wsgiref.validate import validator

import capability

from .support import frozen_clock, load_vectors, example_config

try:
    from http.client import HTTPConnection
except ImportError:  # Python 2
    from httplib import HTTPConnection

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SERVER = os.path.join(ROOT, "examples", "browser", "server.py")
VECTORS = load_vectors("client_capability.json")
APP = "APfedcba9876543210fedcba9876543210"
EXPECTED, CONFIG = example_config(APP)
DEMO = dict(CONFIG, ALLOW_ANONYMOUS_CLIENT="1")  # ?client= names the client: a demo only
KEY_SID, KEY_SECRET = "SKfedcba9876543210fedcba9876543210", "s3cr3t-api-key-secret-000000000000"
VOICE = dict(DEMO, TWILIO_API_KEY=KEY_SID, TWILIO_API_SECRET=KEY_SECRET)


def load_example():
    if sys.version_info[0] == 2:
        import imp
        return imp.load_source("browser_server_example", SERVER)
    import importlib.util
    spec = importlib.util.spec_from_file_location("browser_server_example", SERVER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


example = load_example()


def call(app, path, query="", method="GET", user=None):
    """(status, headers dict, body bytes) of one request, checked by wsgiref's validator."""
    environ = {"SCRIPT_NAME": "", "PATH_INFO": path, "QUERY_STRING": query,
               "REQUEST_METHOD": method}
    setup_testing_defaults(environ)
    environ["wsgi.input"] = io.BytesIO(b"")
    if user is not None:
        environ["REMOTE_USER"] = user
    started = []

    def start_response(status, headers, exc_info=None):
        started.append((status, dict(headers)))
    result = validator(app)(environ, start_response)
    try:
        body = b"".join(result)
    finally:
        result.close()
    return started[0][0], started[0][1], body


class TokenTest(unittest.TestCase):

    def token(self, query, config=DEMO, path="/token", user=None, **hooks):
        status, headers, body = call(example.make_app(config, **hooks), path, query, user=user)
        self.assertEqual(headers["Content-Type"], "application/json")
        self.assertEqual(headers["Cache-Control"], "no-store")
        self.assertNotIn(VECTORS["auth_token"].encode("ascii"), body)
        self.assertNotIn(KEY_SECRET.encode("ascii"), body)
        return status, json.loads(body.decode("utf-8"))

    def test_token_as_twilio_python_makes_it(self):
        with frozen_clock(VECTORS["now"] + 0.75):
            status, answer = self.token("client=bob")
        self.assertEqual(status, "200 OK")
        self.assertEqual(answer, {"identity": "bob", "token": EXPECTED["token"]})
        self.assertEqual(EXPECTED["calls"], [["incoming", "alice"], ["outgoing", APP],
                                             ["incoming", "bob"]])

    def test_the_signed_in_user_not_the_query(self):
        with frozen_clock(VECTORS["now"] + 0.75):
            for config in (CONFIG, DEMO):
                status, answer = self.token("client=mallory", config, user="bob")
                self.assertEqual((status, answer["token"]), ("200 OK", EXPECTED["token"]))
            status, answer = self.token("", CONFIG, identify=lambda environ: "bob")
            self.assertEqual((status, answer["token"]), ("200 OK", EXPECTED["token"]))

    def test_no_identity_is_401_unless_a_demo(self):
        for config in (CONFIG, dict(CONFIG, ALLOW_ANONYMOUS_CLIENT="true")):
            for path in ("/token", "/access-token"):
                status, answer = self.token("client=bob", config, path)
                self.assertEqual(status, "401 Unauthorized")
                self.assertIn("ALLOW_ANONYMOUS_CLIENT=1", answer["error"])
        status, answer = self.token("client=bob", DEMO, identify=lambda environ: None)
        self.assertEqual(status, "200 OK")

    def test_access_token_for_the_voice_sdk(self):
        status, answer = self.token("client=bob", VOICE, "/access-token")
        self.assertEqual(status, "200 OK")
        self.assertEqual(answer["identity"], "bob")
        claims = capability.decode(answer["token"], KEY_SECRET)
        self.assertEqual(claims["grants"], {"identity": "bob", "voice": {
            "incoming": {"allow": True}, "outgoing": {"application_sid": APP}}})
        self.assertEqual((claims["iss"], claims["sub"]), (KEY_SID, CONFIG["TWILIO_ACCOUNT_SID"]))
        for query, text in [("client=bob%20smith", "position 3"), ("client=a&client=b", "once")]:
            status, answer = self.token(query, VOICE, "/access-token")
            self.assertEqual(status, "400 Bad Request", query)
            self.assertIn(text, answer["error"], query)
        for config, text in [(DEMO, "TWILIO_API_KEY and TWILIO_API_SECRET not set"),
                             (dict(VOICE, TWILIO_API_KEY="AC" + KEY_SID[2:]),
                              "TWILIO_API_KEY (signing_key_sid) or TWILIO_API_SECRET (secret): "
                              "signing_key_sid must be 'SK'"),
                             (dict(VOICE, TWILIO_TWIML_APP_SID="AP123"),
                              "TWILIO_TWIML_APP_SID: VoiceGrant outgoing_application_sid")]:
            status, answer = self.token("client=bob", config, "/access-token")
            self.assertEqual(status, "500 Internal Server Error", text)
            self.assertIn(text, answer["error"])

    def test_bad_client_is_400(self):
        for query, text in [("", "once"), ("client=", "once"), ("client=a&client=b", "once"),
                            ("client=bob%20smith", "position 3"),
                            ("client=zo%C3%AB", "U+00EB"), ("client=%FF", "client name")]:
            status, answer = self.token(query)
            self.assertEqual(status, "400 Bad Request", query)
            self.assertIn(text, answer["error"], query)

    def test_configuration_problems_are_500_without_secrets(self):
        cases = [({}, "TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN and TWILIO_TWIML_APP_SID not set"),
                 (dict(CONFIG, TWILIO_AUTH_TOKEN=""), "TWILIO_AUTH_TOKEN not set"),
                 (dict(CONFIG, TWILIO_AUTH_TOKEN=VECTORS["auth_token"] + "\n"), "whitespace"),
                 (dict(CONFIG, TWILIO_ACCOUNT_SID=VECTORS["auth_token"]), "account_sid"),
                 (dict(CONFIG, TWILIO_TWIML_APP_SID="AP123"), "TWILIO_TWIML_APP_SID")]
        for config, text in cases:
            with self.subTest(text):
                status, answer = self.token("client=bob", dict(config, ALLOW_ANONYMOUS_CLIENT="1"))
                self.assertEqual(status, "500 Internal Server Error", text)
                self.assertIn(text, answer["error"])


class PageTest(unittest.TestCase):

    def test_page_sets_up_the_device_with_a_token(self):
        status, headers, body = call(example.make_app(CONFIG), "/")
        self.assertEqual(status, "200 OK")
        self.assertEqual(headers["Content-Type"], "text/html; charset=utf-8")
        page = body.decode("utf-8")
        self.assertIn('fetch(endpoint + "?client=" + encodeURIComponent(client))', page)
        self.assertIn("Twilio.Device.setup(answer.token)", page)
        self.assertIn('"https://media.twiliocdn.com/sdk/js/client/v1.14/twilio.min.js"', page)

    def test_voice_page_and_its_sdk(self):
        app = example.make_app(dict(CONFIG, VOICE_SDK_JS=SERVER))  # any file stands in
        status, headers, body = call(app, "/voice")
        self.assertEqual(status, "200 OK")
        self.assertEqual(body, call(app, "/")[2])  # one page; its path picks the SDK
        self.assertIn(b"device = new Twilio.Device(token);", body)
        self.assertIn(b'? "twilio.min.js"', body)
        status, headers, body = call(app, "/twilio.min.js")
        self.assertEqual((status, headers["Content-Type"]), ("200 OK", "application/javascript"))
        with open(SERVER, "rb") as f:
            self.assertEqual(body, f.read())
        status, _, body = call(example.make_app(dict(CONFIG, VOICE_SDK_JS=SERVER + ".none")),
                               "/twilio.min.js")
        self.assertEqual(status, "404 Not Found")
        self.assertIn(b"npm install", body)

    def test_other_paths_and_methods(self):
        app = example.make_app(CONFIG)
        self.assertEqual(call(app, "/nope")[0], "404 Not Found")
        self.assertEqual(call(app, "/voice", method="POST")[0], "405 Method Not Allowed")
        status, headers, _ = call(app, "/token", "client=bob", method="POST")
        self.assertEqual((status, headers["Allow"]), ("405 Method Not Allowed", "GET"))


class QuietHandler(WSGIRequestHandler):

    def log_message(self, *args):
        pass


class RealServerTest(unittest.TestCase):

    def test_over_http_on_loopback(self):
        server = make_server("127.0.0.1", 0, example.make_app(DEMO), handler_class=QuietHandler)
        server.timeout = 10  # handle_request gives up rather than hang the suite
        self.addCleanup(server.server_close)
        thread = threading.Thread(target=lambda: [server.handle_request() for _ in range(2)])
        thread.daemon = True
        thread.start()
        answers = []
        for path in ("/", "/token?client=bob"):
            connection = HTTPConnection("127.0.0.1", server.server_port, timeout=10)
            connection.request("GET", path)
            response = connection.getresponse()
            answers.append((response.status, response.getheader("Content-Type"), response.read()))
            connection.close()
        thread.join(10)
        self.assertEqual(answers[0][:2], (200, "text/html; charset=utf-8"))
        self.assertIn(b"Twilio.Device.setup(", answers[0][2])
        self.assertEqual(answers[1][:2], (200, "application/json"))
        answer = json.loads(answers[1][2].decode("utf-8"))
        self.assertEqual(answer["identity"], "bob")
        self.assertEqual(answer["token"].count("."), 2)


if __name__ == "__main__":
    unittest.main()
