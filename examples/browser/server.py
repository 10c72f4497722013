#!/usr/bin/env python3
"""A token server for a browser phone, on the standard library's WSGI alone.

    TWILIO_ACCOUNT_SID=AC... TWILIO_AUTH_TOKEN=... TWILIO_TWIML_APP_SID=AP... \\
    TWILIO_API_KEY=SK... TWILIO_API_SECRET=... ALLOW_ANONYMOUS_CLIENT=1 \\
        python examples/browser/server.py 8000

One page, either Twilio SDK: http://127.0.0.1:8000/ asks ``/token`` for a
capability token and hands it to Twilio Client JS 1.x's ``Twilio.Device.setup``;
http://127.0.0.1:8000/voice asks ``/access-token`` for an Access Token (needs
TWILIO_API_KEY and TWILIO_API_SECRET) and hands it to the Voice JS SDK 2.x's
``new Twilio.Device(token)``; the server serves that SDK's ``twilio.min.js``
from VOICE_SDK_JS (default: ``npm install --prefix examples/browser
@twilio/voice-sdk@2`` put it here).

Who the caller is comes from ``identify(environ)``, by default ``REMOTE_USER``
as your login middleware or front server sets it. Only with
ALLOW_ANONYMOUS_CLIENT=1, for a demo, does ``?client=NAME`` name the client.
Under another WSGI server, serve ``make_app(os.environ, identify)``.
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

HERE = os.path.dirname(os.path.abspath(__file__))
PAGE = os.path.join(HERE, "index.html")  # at / for the 1.x SDK, at /voice for 2.x
VOICE_SDK_JS = os.path.join(HERE, "node_modules", "@twilio", "voice-sdk", "dist", "twilio.min.js")
TTL = 3600
STATUS = {200: "200 OK", 400: "400 Bad Request", 401: "401 Unauthorized", 404: "404 Not Found",
          405: "405 Method Not Allowed", 500: "500 Internal Server Error"}


class Refusal(Exception):
    """An answer other than a token: an HTTP status and a message for the caller."""

    def __init__(self, status, message):
        Exception.__init__(self, message)
        self.status = status


def remote_user(environ):
    """The identity your login put in the request (WSGI's ``REMOTE_USER``), or None."""
    return environ.get("REMOTE_USER") or None


def make_app(config, identify=remote_user):
    """The WSGI app; ``config`` maps the settings (``os.environ`` when run) and
    ``identify(environ)`` returns the signed-in caller's client name or None."""
    with open(PAGE, "rb") as f:
        page = f.read()
    pages = {"/": page, "/voice": page}

    def app(environ, start_response):
        path = environ.get("PATH_INFO") or "/"
        makers = {"/token": capability_token, "/access-token": access_token}
        if path not in pages and path not in makers and path != "/twilio.min.js":
            status, body = 404, {"error": "no such page: try /, /voice, /token or /access-token"}
        elif environ["REQUEST_METHOD"] != "GET":
            status, body = 405, {"error": "use GET"}
        elif path in pages or path == "/twilio.min.js":
            return static(start_response, pages.get(path), config)
        else:
            try:
                status, body = 200, makers[path](config, client_of(environ, config, identify))
            except Refusal as refusal:
                status, body = refusal.status, {"error": str(refusal)}
        data = json.dumps(body).encode("utf-8")
        headers = [("Content-Type", "application/json"), ("Cache-Control", "no-store"),
                   ("Content-Length", str(len(data)))]
        if status == 405:
            headers.append(("Allow", "GET"))
        start_response(STATUS[status], headers)
        return [data]

    return app


def static(start_response, page, config):
    """A page, or the Voice SDK's file, which is npm's to ship, not ours."""
    status, kind = 200, "text/html; charset=utf-8"
    if page is None:
        kind = "application/javascript"
        try:
            with open(config.get("VOICE_SDK_JS") or VOICE_SDK_JS, "rb") as f:
                page = f.read()
        except (IOError, OSError):
            status, kind = 404, "text/plain; charset=utf-8"
            page = (b"// The Voice SDK is missing: npm install --prefix examples/browser "
                    b"@twilio/voice-sdk@2, or set VOICE_SDK_JS to its twilio.min.js\n")
    start_response(STATUS[status], [("Content-Type", kind), ("Content-Length", str(len(page)))])
    return [page]


def client_of(environ, config, identify):
    """The signed-in caller's name, or in a demo the one ``client`` query value."""
    identity = identify(environ)
    if identity is not None:
        return identity
    if config.get("ALLOW_ANONYMOUS_CLIENT") != "1":
        raise Refusal(401, "sign in first: no identity for this request (ALLOW_ANONYMOUS_CLIENT=1 "
                           "takes ?client= instead, for a demo only)")
    clients = parse_qs(environ.get("QUERY_STRING", "")).get("client", [])
    if len(clients) != 1:
        raise Refusal(400, "give the client query parameter once: /token?client=alice")
    return clients[0]


def settings(config, names):
    """The values of ``names`` in ``config``; a 500 naming every one unset."""
    missing = [name for name in names if not config.get(name)]
    if missing:
        raise Refusal(500, "server misconfigured: %s not set" % " and ".join(missing))
    return [config[name] for name in names]


def capability_token(config, client):
    """Twilio Client JS 1.x: a capability token to take calls as ``client`` and call the app."""
    account, auth_token, app = settings(
        config, ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_TWIML_APP_SID"))
    try:
        cap = capability.Capability(account, auth_token)
    except capability.CapabilityError as error:
        raise Refusal(500, "server misconfigured: %s" % error)
    try:
        cap.allow_client_incoming(client)
    except capability.CapabilityError as error:
        raise Refusal(400, str(error))
    try:
        cap.allow_client_outgoing(app)
    except capability.CapabilityError as error:
        raise Refusal(500, "server misconfigured: TWILIO_TWIML_APP_SID: %s" % error)
    return {"identity": cap.client_name, "token": cap.generate(ttl=TTL)}


def access_token(config, client):
    """Voice JS SDK 2.x: an Access Token whose VoiceGrant takes calls and calls the app."""
    account, key, secret, app = settings(config, ("TWILIO_ACCOUNT_SID", "TWILIO_API_KEY",
                                                  "TWILIO_API_SECRET", "TWILIO_TWIML_APP_SID"))
    try:
        token = capability.AccessToken(account, key, secret, ttl=TTL)
    except capability.CapabilityError as error:  # the library names its parameters
        raise Refusal(500, "server misconfigured: TWILIO_ACCOUNT_SID (account_sid), "
                           "TWILIO_API_KEY (signing_key_sid) or TWILIO_API_SECRET (secret): %s"
                      % error)
    try:
        grant = capability.VoiceGrant(incoming_allow=True, outgoing_application_sid=app)
    except capability.CapabilityError as error:
        raise Refusal(500, "server misconfigured: TWILIO_TWIML_APP_SID: %s" % error)
    token.identity = client
    try:  # a VoiceGrant holds the identity to the client-name rule: the caller's problem
        token.add_grant(grant)
    except capability.CapabilityError as error:
        raise Refusal(400, str(error))
    return {"identity": token.identity, "token": token.to_jwt()}


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
