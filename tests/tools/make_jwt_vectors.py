"""Make tests/vectors/{access_token,taskrouter,client_token}.json with twilio-python itself.

Run in a throwaway environment that has the reference installed:

    python -m venv /tmp/oracle
    /tmp/oracle/bin/pip install twilio==9.13.0 PyJWT
    /tmp/oracle/bin/python tests/tools/make_jwt_vectors.py

Every token is what twilio-python 9.13's ``to_jwt()`` returned for the case's
calls (tests/jwt_cases.py replays them) with ``time.time`` frozen at
``now + 0.75``. Two cases need a word: twilio-python's ClientCapabilityToken
drops its ``valid_until`` argument, so the case also sets the attribute, which
its base class honours; and twilio-python 9 has no ``TwilioCapability``, so
those tokens are 9.13's ClientCapabilityToken with ``nbf=None`` and
``ttl=expires``: 5.x's claims (scope, iss, exp) written as 9.13 writes them.
Nothing in the files is written by hand.
"""
import io
import json
import os
import platform
import sys
from collections import OrderedDict

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)

import jwt  # noqa: E402
import twilio  # noqa: E402

from tests import jwt_cases  # noqa: E402

NOW = 1700000000
ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef"
SIGNING_KEY_SID = "SKfedcba9876543210fedcba9876543210"
SECRET = "api-secret-0123456789abcdefghijkl"
AUTH_TOKEN = "abcdefghijklmnopqrstuvwxyz012345"
WORKSPACE = "WS0123456789abcdef0123456789abcdef"
WORKER = "WK0123456789abcdef0123456789abcdef"
WORKER2 = "WK00000000000000000000000000000002"
QUEUE = "WQ0123456789abcdef0123456789abcdef"
APP = "APfedcba9876543210fedcba9876543210"
SERVICE = "IS0123456789abcdef0123456789abcdef"
ROLE = "RL0123456789abcdef0123456789abcdef"
CREDENTIAL = "CR0123456789abcdef0123456789abcdef"


def obj(*pairs):
    return OrderedDict(pairs)


VOICE_PARAMS = obj(("to", "+15558675310"), ("caller", u"Zo\u00eb \u6771\u4eac"),
                   ("nested", obj(("n", [1, 2.5, True, None, -7]), ("empty", obj()))),
                   ("escapes", u'a"b\\c/d\n\t\x01\x7f\u2028'), ("emoji", u"\U0001F600"))
PLAYBACK = obj(("requestCredentials", None),
               ("playbackUrl", "https://0123abcd.us-east-1.playback.live-video.net/api/video/v1/"
                               "us-east-1.0123.channel.abcd.m3u8"),
               ("playerStreamerSid", "VJ0123456789abcdef0123456789abcdef"))
VOICE_ALL = ["VoiceGrant", obj(("incoming_allow", True), ("outgoing_application_sid", APP),
                               ("outgoing_application_params", VOICE_PARAMS),
                               ("push_credential_sid", CREDENTIAL), ("endpoint_id", "alice:device-1"))]
CHAT_ALL = ["ChatGrant", obj(("service_sid", SERVICE), ("endpoint_id", u"chat:zo\u00eb:ios"),
                             ("deployment_role_sid", ROLE), ("push_credential_sid", CREDENTIAL))]
SYNC_ALL = ["SyncGrant", obj(("service_sid", SERVICE), ("endpoint_id", "sync:alice:web"))]
TASKROUTER_ALL = ["TaskRouterGrant", obj(("workspace_sid", WORKSPACE), ("worker_sid", WORKER),
                                         ("role", "worker"))]
VIDEO_ROOM = ["VideoGrant", obj(("room", "daily standup"))]
PLAYBACK_GRANT = ["PlaybackGrant", obj(("grant", PLAYBACK))]
INCOMING = ["VoiceGrant", obj(("incoming_allow", True))]

# (label, constructor arguments, grants, "add_grant" or "constructor", to_jwt ttl)
ACCESS = [
    ("identity only, no grants", obj(("identity", "alice")), [], "add_grant", None),
    ("video room, no identity", obj(), [VIDEO_ROOM], "add_grant", None),
    ("video without a room", obj(("identity", "bob")), [["VideoGrant", obj()]], "add_grant", None),
    ("voice: incoming only", obj(("identity", "alice")), [INCOMING], "add_grant", None),
    ("voice: every field", obj(("identity", "alice_1")), [VOICE_ALL], "add_grant", None),
    ("voice: outgoing without params, incoming_allow False", obj(("identity", "alice")),
     [["VoiceGrant", obj(("incoming_allow", False), ("outgoing_application_sid", APP))]],
     "add_grant", None),
    ("chat: every field, non-ASCII identity", obj(("identity", u"zo\u00eb@example.com")),
     [CHAT_ALL], "add_grant", None),
    ("chat: service only", obj(("identity", "alice")), [["ChatGrant", obj(("service_sid", SERVICE))]],
     "add_grant", None),
    ("sync: every field", obj(("identity", "alice")), [SYNC_ALL], "add_grant", None),
    ("task router: every field", obj(("identity", "alice")), [TASKROUTER_ALL], "add_grant", None),
    ("playback grant from the API", obj(("identity", "viewer")), [PLAYBACK_GRANT], "add_grant", None),
    ("all six grants through the constructor", obj(("identity", "alice")),
     [VOICE_ALL, VIDEO_ROOM, CHAT_ALL, SYNC_ALL, TASKROUTER_ALL, PLAYBACK_GRANT], "constructor", None),
    ("all six grants, other order, add_grant", obj(("identity", "alice")),
     [PLAYBACK_GRANT, SYNC_ALL, TASKROUTER_ALL, CHAT_ALL, VIDEO_ROOM, VOICE_ALL], "add_grant", None),
    ("region us1", obj(("identity", "alice"), ("region", "us1")), [INCOMING], "add_grant", None),
    ("region ie1", obj(("identity", "alice"), ("region", "ie1")), [VIDEO_ROOM], "constructor", None),
    ("region au1, every voice field", obj(("identity", "alice"), ("region", "au1")), [VOICE_ALL],
     "add_grant", None),
    ("nbf left out", obj(("identity", "alice"), ("nbf", None)), [INCOMING], "add_grant", None),
    ("explicit nbf", obj(("identity", "alice"), ("nbf", NOW - 300)), [INCOMING], "add_grant", None),
    ("ttl 60", obj(("identity", "alice"), ("ttl", 60)), [VIDEO_ROOM], "add_grant", None),
    ("ttl 86400", obj(("identity", "alice"), ("ttl", 86400)), [VIDEO_ROOM], "add_grant", None),
    ("valid_until", obj(("identity", "alice"), ("valid_until", NOW + 900)), [INCOMING],
     "add_grant", None),
    ("valid_until, nbf left out, region", obj(("identity", "alice"), ("valid_until", NOW + 60),
                                              ("nbf", None), ("region", "ie1")),
     [SYNC_ALL], "add_grant", None),
    ("to_jwt(ttl=120) replaces the ttl", obj(("identity", "alice"), ("ttl", 600)), [INCOMING],
     "add_grant", 120),
    ("to_jwt(ttl=120) replaces valid_until", obj(("identity", "alice"), ("valid_until", NOW + 900)),
     [INCOMING], "add_grant", 120),
    ("identity with JSON escapes", obj(("identity", u'a"b\\c/d \u00e9\u2028\U0001F600')),
     [CHAT_ALL], "add_grant", None),
]

BASE_FLAGS, WORKER_FLAGS, DEFAULT_ON = jwt_cases.BASE_FLAGS, jwt_cases.WORKER_FLAGS, jwt_cases.DEFAULT_ON


def flags(names, value=True):
    return obj(*[(name, value) for name in names])


# (label, class, channel, constructor keywords, calls, to_jwt ttl)
TASKROUTER = [("worker: defaults", "WorkerCapabilityToken", WORKER, obj(), [], None)]
TASKROUTER += [("worker: %s=True" % name, "WorkerCapabilityToken", WORKER, flags([name]), [], None)
               for name in BASE_FLAGS + WORKER_FLAGS if name not in DEFAULT_ON]
TASKROUTER += [
    ("worker: every default switched off", "WorkerCapabilityToken", WORKER,
     flags(DEFAULT_ON, False), [], None),
    ("worker: every flag on", "WorkerCapabilityToken", WORKER, flags(BASE_FLAGS + WORKER_FLAGS),
     [], None),
    ("worker: every allow_* method called", "WorkerCapabilityToken", WORKER,
     flags(DEFAULT_ON, False), [[name] for name in reversed(BASE_FLAGS + WORKER_FLAGS)], None),
    ("worker: web sockets for another channel", "WorkerCapabilityToken", WORKER, obj(),
     [["allow_web_sockets", WORKER2]], None),
    ("worker: a policy of its own, with filters", "WorkerCapabilityToken", WORKER, obj(),
     [["_make_policy", "https://taskrouter.twilio.com/v1/Workspaces/%s/Tasks" % WORKSPACE, "post",
       False, obj(("TaskQueueSid", obj(("required", True)))),
       obj(("Attributes", obj(("required", False))))]], None),
    ("worker: nbf left out, ttl 600", "WorkerCapabilityToken", WORKER,
     obj(("nbf", None), ("ttl", 600)), [], None),
    ("worker: explicit nbf", "WorkerCapabilityToken", WORKER, obj(("nbf", NOW - 60)), [], None),
    ("worker: valid_until", "WorkerCapabilityToken", WORKER, obj(("valid_until", NOW + 28800)),
     [], None),
    ("worker: to_jwt(ttl=120)", "WorkerCapabilityToken", WORKER, obj(("ttl", 600)), [], 120),
    ("task queue: defaults", "TaskQueueCapabilityToken", QUEUE, obj(), [], None),
    ("task queue: every flag on", "TaskQueueCapabilityToken", QUEUE, flags(BASE_FLAGS), [], None),
    ("task queue: methods called, defaults off", "TaskQueueCapabilityToken", QUEUE,
     flags(["allow_web_sockets", "allow_fetch_self"], False),
     [["allow_fetch_subresources"], ["allow_update_self"], ["allow_web_sockets"]], None),
    ("workspace: defaults", "WorkspaceCapabilityToken", None, obj(), [], None),
    ("workspace: every flag on, ttl 28800", "WorkspaceCapabilityToken", None,
     obj(*([(name, True) for name in BASE_FLAGS] + [("ttl", 28800)])),
     [], None),
    ("workspace: nbf left out, to_jwt(ttl=1)", "WorkspaceCapabilityToken", None,
     obj(("nbf", None)), [["allow_delete_subresources"]], 1),
]

# (label, class, constructor keywords, calls, to_jwt ttl or generate's expires)
CLIENT = [
    ("defaults, incoming", "ClientCapabilityToken", obj(), [["incoming", "alice"]], None),
    ("no scopes", "ClientCapabilityToken", obj(), [], None),
    ("nbf left out", "ClientCapabilityToken", obj(("nbf", None)), [["incoming", "alice"]], None),
    ("explicit nbf", "ClientCapabilityToken", obj(("nbf", NOW - 30)), [["incoming", "alice"]], None),
    ("ttl 600", "ClientCapabilityToken", obj(("ttl", 600)),
     [["outgoing", APP, obj(("user_id", 42))], ["incoming", "alice"]], None),
    ("to_jwt(ttl=300)", "ClientCapabilityToken", obj(),
     [["events", obj(("CallSid", "CA0123456789abcdef0123456789abcdef"))]], 300),
    ("valid_until is honoured", "ClientCapabilityToken", obj(("valid_until", NOW + 1200)),
     [["incoming", "alice"]], None),
    ("valid_until, then to_jwt(ttl=60)", "ClientCapabilityToken",
     obj(("valid_until", NOW + 1200), ("nbf", None)), [["incoming", "alice"]], 60),
    ("constructor keyword form, all three", "ClientCapabilityToken",
     obj(("allow_client_incoming", obj(("client_name", "bob"))),
         ("allow_event_stream", obj(("CallSid", "CA1"), ("AccountSid", ACCOUNT_SID))),
         ("allow_client_outgoing", obj(("application_sid", APP), ("b", "1"), ("a", u"\u00e9 x")))),
     [], None),
    ("methods: events, outgoing, incoming", "ClientCapabilityToken", obj(),
     [["events", obj()], ["outgoing", APP, obj(("to", ["a", "b"]))], ["incoming", "Agent_7"]],
     None),
    ("TwilioCapability: generate()", "TwilioCapability", None,
     [["incoming", "alice"], ["outgoing", APP, obj()]], None),
    ("TwilioCapability: generate(600)", "TwilioCapability", None,
     [["outgoing", APP, obj(("user", "alice"))]], 600),
    ("TwilioCapability: generate(86400), events", "TwilioCapability", None,
     [["events", obj(("Status", "ringing"))]], 86400),
    ("TwilioCapability: no scopes, generate(1)", "TwilioCapability", None, [], 1),
]


def header(about):
    return [("about", about),
            ("generator", "twilio-python %s, PyJWT %s, %s %s" % (
                twilio.__version__, jwt.__version__, platform.python_implementation(),
                platform.python_version())),
            ("now", NOW)]


def write(name, data):
    path = os.path.join(ROOT, "tests", "vectors", name)
    with io.open(path, "w", encoding="utf-8") as f:
        f.write(json.dumps(data, indent=1, ensure_ascii=False) + "\n")
    sys.stdout.write("wrote %d cases to %s\n" % (len(data["cases"]), path))


def main():
    names = jwt_cases.twilio_names()
    vectors = obj(*(header("Access Tokens made by twilio-python's AccessToken.to_jwt() with "
                           "time.time frozen at now + 0.75; regenerate with "
                           "tests/tools/make_jwt_vectors.py.") + [
        ("account_sid", ACCOUNT_SID), ("signing_key_sid", SIGNING_KEY_SID), ("secret", SECRET),
        ("cases", [])]))
    for label, args, grants, via, ttl in ACCESS:
        case = obj(("label", label), ("args", args), ("grants", grants), ("grants_via", via),
                   ("to_jwt_ttl", ttl))
        case["token"] = jwt_cases.sign(jwt_cases.access_token(names, vectors, case), case, NOW)
        vectors["cases"].append(case)
    write("access_token.json", vectors)

    vectors = obj(*(header("TaskRouter capability tokens made by twilio-python's "
                           "Worker/TaskQueue/WorkspaceCapabilityToken.to_jwt() with time.time "
                           "frozen at now + 0.75; regenerate with tests/tools/make_jwt_vectors.py.") + [
        ("account_sid", ACCOUNT_SID), ("auth_token", AUTH_TOKEN), ("workspace_sid", WORKSPACE),
        ("cases", [])]))
    for label, kind, channel, kwargs, calls, ttl in TASKROUTER:
        case = obj(("label", label), ("class", kind), ("channel", channel), ("kwargs", kwargs),
                   ("calls", calls), ("to_jwt_ttl", ttl))
        case["token"] = jwt_cases.sign(jwt_cases.taskrouter(names, vectors, case), case, NOW)
        vectors["cases"].append(case)
    write("taskrouter.json", vectors)

    vectors = obj(*(header("Client capability tokens made by twilio-python's "
                           "ClientCapabilityToken.to_jwt() with time.time frozen at now + 0.75 "
                           "(valid_until set as an attribute too, which twilio-python honours; "
                           "TwilioCapability cases are ClientCapabilityToken(nbf=None, "
                           "ttl=expires)); regenerate with tests/tools/make_jwt_vectors.py.") + [
        ("account_sid", ACCOUNT_SID), ("auth_token", AUTH_TOKEN), ("cases", [])]))
    for label, kind, kwargs, calls, ttl in CLIENT:
        case = obj(("label", label), ("class", kind))
        if kind == "TwilioCapability":
            case.update([("calls", calls), ("expires", ttl)])
        else:
            case.update([("kwargs", kwargs), ("calls", calls), ("to_jwt_ttl", ttl)])
        case["token"] = jwt_cases.sign(jwt_cases.client_token(names, vectors, case), case, NOW)
        vectors["cases"].append(case)
    write("client_token.json", vectors)


if __name__ == "__main__":
    main()
