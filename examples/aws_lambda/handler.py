"""AWS Lambda: a Twilio Client capability token for an API Gateway GET.

Attach the layer (``python -m capability layer capability-layer.zip``), set
the handler to ``handler.handler`` and give the function TWILIO_ACCOUNT_SID,
TWILIO_AUTH_TOKEN and TWILIO_TWIML_APP_SID. Put an authorizer in front of the
route: the client name is the caller's identity from it, never from the
request (REST API, or HTTP API with payload 1.0 or 2.0):

    GET /token  ->  200 {"identity": "alice", "token": "eyJ..."}

The identity is the authorizer's IDENTITY_CLAIM (default ``sub``): a JWT
claim (HTTP API), a Cognito claim or a Lambda authorizer's context value
(REST API), else a REST Lambda authorizer's ``principalId``. Only with
ALLOW_ANONYMOUS_CLIENT=1, for a demo, does ``GET /token?client=alice`` name
the client: then anyone can take any client name and its calls.
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
    """The client name for a GET: the authorised identity, or in a demo the query's."""
    if not isinstance(event, dict):
        raise Refusal(400, "expected an API Gateway proxy event")
    http = (event.get("requestContext") or {}).get("http") or {}
    method = event.get("httpMethod") or http.get("method")  # payload 1.0, then 2.0
    if not method:
        raise Refusal(400, "expected an API Gateway proxy event")
    if method != "GET":
        raise Refusal(405, "use GET")
    identity = authorised_identity(event)
    if identity is not None:
        return identity
    if os.environ.get("ALLOW_ANONYMOUS_CLIENT") != "1":
        raise Refusal(401, "no authorised identity: put an API Gateway authorizer in front of "
                           "this function (ALLOW_ANONYMOUS_CLIENT=1 takes ?client= instead, "
                           "for a demo only)")
    return query_client(event)


def authorised_identity(event):
    """The caller's identity from API Gateway's authorizer context, or None."""
    authorizer = (event.get("requestContext") or {}).get("authorizer")
    if not isinstance(authorizer, dict):
        return None
    claim = os.environ.get("IDENTITY_CLAIM") or "sub"
    contexts = [(authorizer.get("jwt") or {}).get("claims"),  # HTTP API, JWT authorizer
                authorizer.get("lambda"),  # HTTP API, Lambda authorizer
                authorizer.get("claims"),  # REST API, Cognito user pool authorizer
                authorizer]  # REST API, Lambda authorizer: its context, flattened
    for context in contexts:
        if isinstance(context, dict) and context.get(claim):
            return context[claim]
    return authorizer.get("principalId") or None


def query_client(event):
    """The ``client`` query parameter, given once, in either payload format."""
    repeated = (event.get("multiValueQueryStringParameters") or {}).get("client") or []
    # Payload 2.0 joins a repeated parameter with commas; its raw query still shows it.
    raw = event.get("rawQueryString") or ""
    named = [part.split("=", 1)[0] for part in raw.split("&")]
    if len(repeated) > 1 or named.count("client") > 1:
        raise Refusal(400, "give the client query parameter once")
    client = (event.get("queryStringParameters") or {}).get("client")
    if not client:
        raise Refusal(400, "the client query parameter is required: ?client=alice")
    return client


def token_for(client):
    """``{"identity": ..., "token": ...}`` for a client name."""
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
