#!/usr/bin/env python3
"""A token server for a browser phone, on the standard library's WSGI alone.

    TWILIO_ACCOUNT_SID=AC... TWILIO_AUTH_TOKEN=... TWILIO_TWIML_APP_SID=AP... \\
        python examples/browser/server.py 8000

Then open http://127.0.0.1:8000/: the page asks ``/token?client=NAME`` for a
capability token and hands it to Twilio Client JS's ``Twilio.Device.setup``.
Under another WSGI server, serve ``make_app(os.environ)``.
"""
import json
import os
import sys

# Run from a checkout without installing: the package sits two folders up.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__)))))

import capability  # noqa: E402

try:
    from urllib.parse import parse_qs
except ImportError:  # Python 2
    from urlparse import parse_qs

PAGE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "index.html")
SETTINGS = ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_TWIML_APP_SID")
TTL = 3600
STATUS = {200: "200 OK", 400: "400 Bad Request", 404: "404 Not Found",
          405: "405 Method Not Allowed", 500: "500 Internal Server Error"}


def make_app(config):
    """The WSGI app; ``config`` maps the TWILIO_* settings (``os.environ`` when run)."""
    with open(PAGE, "rb") as f:
        page = f.read()

    def app(environ, start_response):
        path = environ.get("PATH_INFO") or "/"
        if path not in ("/", "/token"):
            status, body = 404, {"error": "no such page: try / or /token"}
        elif environ["REQUEST_METHOD"] != "GET":
            status, body = 405, {"error": "use GET"}
        elif path == "/":
            start_response(STATUS[200], [("Content-Type", "text/html; charset=utf-8"),
                                         ("Content-Length", str(len(page)))])
            return [page]
        else:
            clients = parse_qs(environ.get("QUERY_STRING", "")).get("client", [])
            status, body = token_answer(config, clients)
        data = json.dumps(body).encode("utf-8")
        headers = [("Content-Type", "application/json"), ("Cache-Control", "no-store"),
                   ("Content-Length", str(len(data)))]
        if status == 405:
            headers.append(("Allow", "GET"))
        start_response(STATUS[status], headers)
        return [data]

    return app


def token_answer(config, clients):
    """``(status, JSON body)`` for the ``client`` values of one request."""
    if len(clients) != 1:
        return 400, {"error": "give the client query parameter once: /token?client=alice"}
    missing = [name for name in SETTINGS if not config.get(name)]
    if missing:
        return 500, {"error": "server misconfigured: %s not set" % " and ".join(missing)}
    try:
        cap = capability.Capability(config["TWILIO_ACCOUNT_SID"], config["TWILIO_AUTH_TOKEN"])
    except capability.CapabilityError as error:
        return 500, {"error": "server misconfigured: %s" % error}
    try:
        cap.allow_client_incoming(clients[0])
    except capability.CapabilityError as error:
        return 400, {"error": str(error)}
    try:
        cap.allow_client_outgoing(config["TWILIO_TWIML_APP_SID"])
    except capability.CapabilityError as error:
        return 500, {"error": "server misconfigured: TWILIO_TWIML_APP_SID: %s" % error}
    return 200, {"identity": cap.client_name, "token": cap.generate(ttl=TTL)}


def main(argv):
    from wsgiref.simple_server import make_server

    port = int(argv[1]) if len(argv) > 1 else 8000
    server = make_server("127.0.0.1", port, make_app(os.environ))
    sys.stdout.write("serving on http://127.0.0.1:%d/ (Ctrl-C stops)\n" % server.server_port)
    sys.stdout.flush()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
