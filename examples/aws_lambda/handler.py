"""AWS Lambda: a Twilio Client capability token for an API Gateway GET.

Attach the layer (``python -m capability layer capability-layer.zip``), set
the handler to ``handler.handler`` and give the function TWILIO_ACCOUNT_SID,
TWILIO_AUTH_TOKEN and TWILIO_TWIML_APP_SID. Works behind a REST API and an
HTTP API (payload 1.0 or 2.0):

    GET /token?client=alice  ->  200 {"identity": "alice", "token": "eyJ..."}
"""
import json
import os
import sys

import capability

SETTINGS = ("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_TWIML_APP_SID")
TTL = 3600


class Refusal(Exception):
    """An answer other than a token: an HTTP status and a message for the caller."""

    def __init__(self, status, message):
        Exception.__init__(self, message)
        self.status = status


def handler(event, context):
    """Answer one API Gateway proxy event with JSON, whatever went wrong."""
    headers = {"Content-Type": "application/json", "Cache-Control": "no-store"}
    try:
        status, body = 200, token_for(client_of(event))
    except Refusal as refusal:
        status, body = refusal.status, {"error": str(refusal)}
        if status == 405:
            headers["Allow"] = "GET"
    except Exception as error:  # the caller must never see a traceback
        # The type alone goes to the log: a message could repeat what it was given.
        sys.stderr.write("handler: unexpected %s\n" % type(error).__name__)
        status, body = 500, {"error": "internal error"}
    return {"statusCode": status, "headers": headers, "body": json.dumps(body),
            "isBase64Encoded": False}


def client_of(event):
    """The ``client`` query parameter of a GET, in either payload format."""
    if not isinstance(event, dict):
        raise Refusal(400, "expected an API Gateway proxy event")
    http = (event.get("requestContext") or {}).get("http") or {}
    method = event.get("httpMethod") or http.get("method")  # payload 1.0, then 2.0
    if not method:
        raise Refusal(400, "expected an API Gateway proxy event")
    if method != "GET":
        raise Refusal(405, "use GET")
    repeated = (event.get("multiValueQueryStringParameters") or {}).get("client") or []
    if len(repeated) > 1:
        raise Refusal(400, "give the client query parameter once")
    client = (event.get("queryStringParameters") or {}).get("client")
    if not client:
        raise Refusal(400, "the client query parameter is required: ?client=alice")
    return client


def token_for(client):
    """``{"identity": ..., "token": ...}`` for a client name from the request."""
    missing = [name for name in SETTINGS if not os.environ.get(name)]
    if missing:
        raise Refusal(500, "server misconfigured: %s not set" % " and ".join(missing))
    try:
        cap = capability.Capability()  # TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN
    except capability.CapabilityError as error:
        raise Refusal(500, "server misconfigured: %s" % error)
    try:
        cap.allow_client_incoming(client)
    except capability.CapabilityError as error:
        raise Refusal(400, str(error))
    try:
        cap.allow_client_outgoing(os.environ["TWILIO_TWIML_APP_SID"])
    except capability.CapabilityError as error:
        raise Refusal(500, "server misconfigured: TWILIO_TWIML_APP_SID: %s" % error)
    return {"identity": cap.client_name, "token": cap.generate(ttl=TTL)}
