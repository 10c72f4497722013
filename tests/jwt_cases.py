"""Replay a golden case of access_token.json, taskrouter.json or client_token.json.

The same functions build the token from ``capability`` (the tests) or from
twilio-python (tests/tools/make_jwt_vectors.py and the oracle tests): the two APIs
are the same, which is the point. Case data is JSON read with OrderedDict, so
nothing here depends on dict order and it replays on Python 2.7 too.
"""
from .support import frozen_clock

# The TaskRouter constructor flags of twilio-python and which are on by default: the
# vector script and the decode tests both build their cases from these.
BASE_FLAGS = ["allow_web_sockets", "allow_fetch_self", "allow_update_self", "allow_delete_self",
              "allow_fetch_subresources", "allow_update_subresources", "allow_delete_subresources"]
WORKER_FLAGS = ["allow_fetch_activities", "allow_fetch_reservations",
                "allow_fetch_worker_reservations", "allow_update_activities",
                "allow_update_reservations"]
DEFAULT_ON = ["allow_web_sockets", "allow_fetch_self", "allow_fetch_activities",
              "allow_fetch_reservations", "allow_fetch_worker_reservations"]


def twilio_names():
    """twilio-python 9.13's classes under capability's names."""
    from twilio.jwt.access_token import AccessToken, grants
    from twilio.jwt.client import ClientCapabilityToken
    from twilio.jwt.taskrouter import capabilities

    class TwilioCapability(object):
        """5.x's claims (scope, iss, exp: no nbf) as 9.13 and PyJWT write them."""

        def __init__(self, account_sid, auth_token):
            self.token = ClientCapabilityToken(account_sid, auth_token, nbf=None)
            self.allow_client_incoming = self.token.allow_client_incoming
            self.allow_client_outgoing = self.token.allow_client_outgoing
            self.allow_event_stream = self.token.allow_event_stream

        def generate(self, expires=3600):
            self.token.ttl = expires
            return self.token.to_jwt()

    names = dict((name, getattr(grants, name)) for name in (
        "ChatGrant", "PlaybackGrant", "SyncGrant", "TaskRouterGrant", "VideoGrant",
        "VoiceGrant"))
    names.update((name, getattr(capabilities, name)) for name in (
        "WorkerCapabilityToken", "TaskQueueCapabilityToken", "WorkspaceCapabilityToken"))
    names.update(AccessToken=AccessToken, ClientCapabilityToken=ClientCapabilityToken,
                 TwilioCapability=TwilioCapability)
    return type("twilio_names", (object,), names)


def access_token(names, vectors, case):
    grants = [getattr(names, name)(**kwargs) for name, kwargs in case["grants"]]
    kwargs = dict(case["args"])
    if case["grants_via"] == "constructor":
        kwargs["grants"] = grants
    token = names.AccessToken(vectors["account_sid"], vectors["signing_key_sid"],
                              vectors["secret"], **kwargs)
    if case["grants_via"] == "add_grant":
        for grant in grants:
            token.add_grant(grant)
    return token


def taskrouter(names, vectors, case):
    args = [vectors["account_sid"], vectors["auth_token"], vectors["workspace_sid"]]
    if case["channel"] is not None:
        args.append(case["channel"])
    token = getattr(names, case["class"])(*args, **case["kwargs"])
    for call in case["calls"]:
        getattr(token, call[0])(*call[1:])
    return token


def client_token(names, vectors, case):
    if case["class"] == "TwilioCapability":
        token = names.TwilioCapability(vectors["account_sid"], vectors["auth_token"])
    else:
        token = names.ClientCapabilityToken(vectors["account_sid"], vectors["auth_token"],
                                            **case["kwargs"])
        if "valid_until" in case["kwargs"]:
            # twilio-python's constructor drops valid_until; its base class honours the attribute.
            token.valid_until = case["kwargs"]["valid_until"]
    for call in case["calls"]:
        if call[0] == "incoming":
            token.allow_client_incoming(call[1])
        elif call[0] == "outgoing":
            token.allow_client_outgoing(call[1], **call[2])  # one parameter at most: no order
        else:
            token.allow_event_stream(**call[1])
    return token


def sign(token, case, now):
    """The token string, with time.time frozen (twilio-python reads it several times)."""
    with frozen_clock(now + 0.75):
        if "expires" in case:
            return token.generate(*([case["expires"]] if case["expires"] is not None else []))
        return token.to_jwt(ttl=case["to_jwt_ttl"])
