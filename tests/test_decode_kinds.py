"""``decode`` on Access Tokens and TaskRouter tokens: kinds, grants, policies, keys (stdlib only).

The tokens are twilio-python's golden vectors; what the report must show
follows from the calls each vector records (its grants and their arguments,
its flags and allow_* calls), not from this library.
"""
import base64
import io
import json
import os
import re
import shutil
import tempfile
import unittest
from collections import OrderedDict

import capability
import capability.report
from capability import jws
from capability.__main__ import main
from capability.grants import grant_arguments
from capability.taskrouter import policy_sources

from .jwt_cases import BASE_FLAGS, WORKER_FLAGS, DEFAULT_ON
from .support import frozen_clock, labelled, load_vectors, write_secret
from .test_from_jwt import segment

ACCESS = load_vectors("access_token.json")
TASKROUTER = load_vectors("taskrouter.json")
CLIENT = load_vectors("client_token.json")
AC = ACCESS["account_sid"]
SK = ACCESS["signing_key_sid"]
AP = "APfedcba9876543210fedcba9876543210"
KINDS = {"WorkerCapabilityToken": "TaskRouter worker token",
         "TaskQueueCapabilityToken": "TaskRouter task queue token",
         "WorkspaceCapabilityToken": "TaskRouter workspace token"}


def run(argv, environ, stdin=b""):
    """(status, stdout text, stderr text) of main()."""
    out, err = io.BytesIO(), io.BytesIO()
    status = main(argv, stdin=io.BytesIO(stdin), stdout=out, stderr=err, environ=environ)
    return status, out.getvalue().decode("utf-8"), err.getvalue().decode("utf-8")


def decoded(token, environ, now, *options):
    with frozen_clock(now):
        status, out, err = run(["decode", token] + list(options), environ)
    # In the order written: the report's member order is documented, on Python 2.7 too.
    return status, (json.loads(out, object_pairs_hook=OrderedDict) if out else None), err


def in_order(token):
    """The claims with their members in the token's order, on Python 2 too."""
    part = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(str(part + "=" * (-len(part) % 4))).decode("utf-8"),
                      object_pairs_hook=OrderedDict)


def expected_grants(case):
    """{class name: arguments} of a vector's grants, as its token carries them."""
    expected = {}
    for name, kwargs in case["grants"]:
        # twilio-python writes nothing for incoming_allow=False: the token cannot say it.
        expected[name] = dict((key, value) for key, value in kwargs.items()
                              if not (key == "incoming_allow" and value is False))
    return expected


def labels(policies):
    """The allow_* method each policy line names, or None."""
    found = []
    for line in policies:
        match = re.search(r" \((allow_\w+)\)$", line)
        found.append(match.group(1) if match else None)
    return found


class AccessTokenReportTest(unittest.TestCase):

    def test_every_golden_access_token(self):
        env = {"TWILIO_API_SECRET": ACCESS["secret"]}
        for case in ACCESS["cases"]:
            with self.subTest(case["label"]):
                status, report, err = decoded(case["token"], env, ACCESS["now"])
                self.assertEqual((status, err), (0, ""), case["label"])
                self.assertIs(report["verified"], True)
                self.assertEqual(report["kind"], "Access Token")
                self.assertEqual(report["claims"], segment(case["token"], 1))
                self.assertNotIn("scopes", report)
                self.assertEqual(report.get("identity"), case["args"].get("identity"))
                shown = dict((grant["class"], grant["arguments"]) for grant in report["grants"])
                self.assertEqual(shown, expected_grants(case), case["label"])
                keys = [k for k in in_order(case["token"])["grants"] if k != "identity"]
                self.assertEqual([g["key"] for g in report["grants"]], keys)
                self.assertEqual(report["warnings"], [])

    def test_grants_no_class_makes_are_shown_as_they_stand(self):
        grants = ('{"voice":{"incoming":{"allow":1}},"video":{"room":"a","extra":true},'
                  '"rtc":{"x":[1]},"identity":"alice"}')
        payload = ('{"jti":"%s-1700000000","grants":%s,"iss":"%s","exp":1700003600,"sub":"%s"}'
                   % (SK, grants, SK, AC)).encode("utf-8")
        token = jws.sign(payload, b"k", b'{"alg":"HS256","cty":"twilio-fpa;v=1","typ":"JWT"}')
        status, report, err = decoded(token, {"TWILIO_API_SECRET": "k"}, 1700000000)
        self.assertEqual(status, 0)
        self.assertEqual(sorted(report["grants"], key=lambda g: g["key"]), [
            {"key": "rtc", "payload": {"x": [1]}},
            {"key": "video", "payload": {"room": "a", "extra": True}},
            {"key": "voice", "payload": {"incoming": {"allow": 1}}}])
        self.assertEqual(sorted(report["warnings"]), [
            'the "video" grant is not one that VideoGrant makes; shown as it stands',
            'the "voice" grant is not one that VoiceGrant makes; shown as it stands'])
        self.assertEqual(err.count("capability: warning: "), 2)


class TaskRouterReportTest(unittest.TestCase):

    def test_every_golden_taskrouter_token(self):
        env = {"TWILIO_AUTH_TOKEN": TASKROUTER["auth_token"]}
        for case in TASKROUTER["cases"]:
            with self.subTest(case["label"]):
                status, report, err = decoded(case["token"], env, TASKROUTER["now"])
                self.assertEqual((status, err), (0, ""), case["label"])
                self.assertEqual(report["kind"], KINDS[case["class"]])
                claims = segment(case["token"], 1)
                self.assertEqual(report["claims"], claims)
                self.assertNotIn("scopes", report)
                self.assertNotIn("grants", report)
                worker = case["class"] == "WorkerCapabilityToken"
                flags = BASE_FLAGS + (WORKER_FLAGS if worker else [])
                enabled = [name for name in flags if case["kwargs"].get(name, name in DEFAULT_ON)]
                enabled += [call[0] for call in case["calls"] if len(call) == 1]
                # A web socket for another channel (two policies) or a policy of one's own.
                custom = sum(2 if call[0] == "allow_web_sockets" else 1
                             for call in case["calls"] if len(call) > 1)
                found = labels(report["policies"])
                self.assertEqual(set(found) - set([None]), set(enabled), case["label"])
                self.assertEqual(found.count(None), custom, case["label"])
                self.assertEqual(len(found), len(claims["policies"]))
                for line, policy in zip(report["policies"], claims["policies"]):
                    self.assertTrue(line.startswith("%s %s %s" % (
                        "allow" if policy["allow"] else "deny", policy["method"], policy["url"])),
                        line)

    def test_filters_are_shown(self):
        case = [c for c in TASKROUTER["cases"] if "of its own" in c["label"]][0]
        env = {"TWILIO_AUTH_TOKEN": TASKROUTER["auth_token"]}
        status, report, err = decoded(case["token"], env, TASKROUTER["now"])
        self.assertEqual(report["policies"][-1],
                         "deny POST https://taskrouter.twilio.com/v1/Workspaces/%s/Tasks "
                         'query_filter {"TaskQueueSid":{"required":true}} '
                         'post_filter {"Attributes":{"required":false}}'
                         % TASKROUTER["workspace_sid"])
        worker = capability.WorkerCapabilityToken(AC, "t", TASKROUTER["workspace_sid"],
                                                  "WK0123456789abcdef0123456789abcdef",
                                                  allow_update_activities=True)
        with frozen_clock(1700000000):
            status, report, err = decoded(worker.to_jwt(), {"TWILIO_AUTH_TOKEN": "t"},
                                          1700000000)
        self.assertTrue(report["policies"][-1].endswith(
            ' post_filter {"ActivitySid":{"required":true}} (allow_update_activities)'))

    def test_malformed_policies_are_warned_about(self):
        payload = ('{"account_sid":"%s","workspace_sid":"WS%s","channel":"WK%s",'
                   '"policies":[7,{"url":"u","method":"GET","allow":false}],"iss":"%s",'
                   '"exp":1700003600}' % (AC, "0" * 32, "0" * 32, AC)).encode("ascii")
        status, report, err = decoded(jws.sign(payload, b"t"), {"TWILIO_AUTH_TOKEN": "t"},
                                      1700000000)
        self.assertEqual(status, 0)
        self.assertEqual(report["kind"], "TaskRouter worker token")
        self.assertEqual(report["policies"], ["7", "deny GET u"])
        self.assertEqual(report["warnings"],
                         ["policies[0] is not an object with a method and a url"])

    def test_policy_sources_need_sound_sids(self):
        claims = segment(labelled(TASKROUTER, "worker: defaults")["token"], 1)
        self.assertEqual(policy_sources(capability.WorkerCapabilityToken, claims)[:3],
                         ["allow_web_sockets", "allow_web_sockets", "allow_fetch_self"])
        for name, value in (("account_sid", None), ("account_sid", "AC1"),
                            ("workspace_sid", "nope"), ("channel", 7)):
            broken = dict(claims)
            broken[name] = value
            self.assertEqual(set(policy_sources(capability.WorkerCapabilityToken, broken)),
                             set([None]), name)
        self.assertEqual(policy_sources(capability.WorkerCapabilityToken, {}), [])


class OlderMakersTest(unittest.TestCase):
    """twilio-python 5.x's Access Token and TaskRouter token read as 9.x's would."""

    PYTHON5 = load_vectors("twilio_python5_tokens.json")

    def report(self, label, variable):
        entry = [e for e in self.PYTHON5["tokens"] if e["label"] == label][0]
        status, report, err = decoded(entry["token"], {variable: entry["key"]},
                                      self.PYTHON5["issued_at"])
        self.assertEqual((status, err), (0, ""))
        return report

    def test_access_token(self):
        # tests/tools/make_python5_vectors.py: identity alice, one VoiceGrant with an app and
        # params.
        report = self.report("Access Token with a voice grant", "TWILIO_API_SECRET")
        self.assertEqual((report["kind"], report["identity"]), ("Access Token", "alice"))
        self.assertEqual(report["grants"], [{"key": "voice", "class": "VoiceGrant", "arguments": {
            "outgoing_application_sid": AP, "outgoing_application_params": {"user_id": "42"}}}])

    def test_worker_token(self):
        # 5.x's TaskRouterWorkerCapability with allow_activity_updates and
        # allow_reservation_updates: 9.x's defaults plus the two update flags.
        report = self.report("TaskRouter worker token", "TWILIO_AUTH_TOKEN")
        self.assertEqual(report["kind"], "TaskRouter worker token")
        self.assertEqual(set(labels(report["policies"])), set(
            DEFAULT_ON + ["allow_update_activities", "allow_update_reservations"]))


class OtherKindsTest(unittest.TestCase):

    def test_client_tokens_keep_their_scopes(self):
        env = {"TWILIO_AUTH_TOKEN": CLIENT["auth_token"]}
        for case in CLIENT["cases"]:
            with self.subTest(case["label"]):
                status, report, err = decoded(case["token"], env, CLIENT["now"])
                self.assertEqual(status, 0, case["label"])  # some warn of twilio.js 1.4 pitfalls
                self.assertEqual(report["kind"], "client capability token")
                self.assertEqual(["scope:%s:%s" % (s["service"], s["privilege"])
                                  for s in report["scopes"]],
                                 [uri.split("?")[0] for uri in report["claims"]["scope"].split()])
                self.assertNotIn("grants", report)
                self.assertNotIn("policies", report)

    def test_a_token_of_no_known_kind(self):
        token = jws.sign(('{"iss":"%s","exp":1700003600}' % AC).encode("ascii"), b"t")
        status, report, err = decoded(token, {"TWILIO_AUTH_TOKEN": "t"}, 1700000000)
        # Verified, but nothing says what it allows: not a token any Twilio SDK reads.
        self.assertEqual((status, report["kind"], report["valid"]), (1, "unknown", False))
        self.assertEqual(list(report), ["valid", "error", "verified", "kind", "header",
                                        "claims", "expires", "warnings"])
        self.assertEqual(report["error"], {"class": "MalformedTokenError",
                                           "message": capability.report.NO_KIND})
        self.assertEqual(err, "capability: %s\n" % capability.report.NO_KIND)


class KeyChoiceTest(unittest.TestCase):
    """An Access Token is checked with the API key secret, other tokens with the auth token."""

    def setUp(self):
        self.token = labelled(ACCESS, "voice: incoming only")["token"]
        self.directory = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.directory)

    def write(self, name, data):
        return write_secret(os.path.join(self.directory, name), data)

    def test_api_secret_from_a_file_or_stdin(self):
        env = {"TWILIO_AUTH_TOKEN": "ignored", "TWILIO_API_SECRET": "ignored too"}
        path = self.write("secret", ACCESS["secret"])
        status, report, err = decoded(self.token, env, ACCESS["now"], "--api-secret-file", path)
        self.assertEqual((status, err, report["verified"]), (0, "", True))
        with frozen_clock(ACCESS["now"]):
            status, out, err = run(["decode", self.token, "--api-secret-file", "-"], {},
                                   stdin=ACCESS["secret"].encode("ascii") + b"\n")
        self.assertEqual((status, err), (0, ""))

    def test_without_the_api_secret_the_access_token_is_shown_unverified(self):
        env = {"TWILIO_AUTH_TOKEN": TASKROUTER["auth_token"]}
        status, report, err = decoded(self.token, env, ACCESS["now"])
        self.assertEqual(status, 1)
        self.assertIs(report["verified"], False)
        self.assertEqual(report["grants"][0]["class"], "VoiceGrant")
        self.assertEqual(err, "capability: signature NOT verified: no API key secret (set "
                              "TWILIO_API_SECRET or use --api-secret-file PATH)\n")

    def test_the_wrong_secret_option_for_the_kind_is_a_usage_error(self):
        rows = [
            (self.token, "--auth-token-file", "signed with the API key secret, not the auth token"),
            (labelled(TASKROUTER, "worker: defaults")["token"], "--api-secret-file",
             "signed with the auth token, not the API key secret"),
        ]
        path = self.write("key", "some-key")
        for token, option, words in rows:
            with self.subTest(words):
                status, report, err = decoded(token, {}, 1700000000, option, path)
                self.assertEqual((status, report), (2, None))
                self.assertIn(words, err)
                self.assertEqual(err.count("\n"), 1)
                self.assertNotIn("some-key", err)
        status, report, err = decoded(self.token, {}, 1700000000, "--api-secret-file", path,
                                      "--auth-token-file", path)
        self.assertEqual(status, 2)
        self.assertIn("not allowed with", err)

    def test_a_wrong_api_secret_exits_1(self):
        status, report, err = decoded(self.token, {"TWILIO_API_SECRET": "wrong"}, ACCESS["now"])
        self.assertEqual(status, 1)
        self.assertEqual((report["valid"], report["verified"], report["error"]["class"]),
                         (False, False, "BadSignatureError"))
        self.assertIn("signature does not match", err)
        status, report, err = decoded(self.token, {"TWILIO_API_SECRET": " padded"},
                                      ACCESS["now"])
        self.assertEqual((status, report), (2, None))
        self.assertIn("TWILIO_API_SECRET has leading or trailing whitespace", err)


class GrantArgumentsTest(unittest.TestCase):

    def test_inverse_of_every_grant(self):
        rows = [
            ("voice", {"incoming": {"allow": True}}, "VoiceGrant", {"incoming_allow": True}),
            ("voice", {"outgoing": {"application_sid": AP, "params": {"a": [1, None]}},
                       "endpoint_id": "e"},
             "VoiceGrant", {"outgoing_application_sid": AP,
                            "outgoing_application_params": {"a": [1, None]}, "endpoint_id": "e"}),
            ("video", {}, "VideoGrant", {}),
            ("data_sync", {"service_sid": "IS" + "0" * 32}, "SyncGrant",
             {"service_sid": "IS" + "0" * 32}),
            ("task_router", {"role": "worker"}, "TaskRouterGrant", {"role": "worker"}),
            ("player", {"x": 1}, "PlaybackGrant", {"grant": {"x": 1}}),
        ]
        for key, payload, name, arguments in rows:
            with self.subTest(key):
                grant_class, found = grant_arguments(key, payload)
                self.assertEqual((grant_class.__name__, found), (name, arguments), key)
                self.assertEqual(grant_class(**found).to_payload(), payload)

    def test_payloads_no_grant_makes(self):
        rows = [
            ("voice", {"incoming": {"allow": 1}}),
            ("voice", {"incoming": {"allow": False}}),
            ("voice", {"outgoing": {"params": {"a": 1}}}),
            ("voice", {"outgoing": {"application_sid": AP, "params": {}}}),
            ("voice", {"outgoing": "AP"}),
            ("voice", {"other": 1}),
            ("chat", {"service_sid": "IS1"}),
            ("chat", {"service_sid": ""}),
            ("video", {"room": 7}),
            ("video", None),
            ("player", None),
            ("identity", "alice"),
            ("rtc", {}),
        ]
        for key, payload in rows:
            with self.subTest(key):
                self.assertIsNone(grant_arguments(key, payload), (key, payload))


if __name__ == "__main__":
    unittest.main()
