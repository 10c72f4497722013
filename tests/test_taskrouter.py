"""TaskRouter capability tokens: policies, bad input and secrets (stdlib only)."""
import os
import unittest

import capability

from .support import SECRETS, frozen_clock, refused
from .test_client import claims_of

AC = "AC0123456789abcdef0123456789abcdef"
SECRET = SECRETS[0]
WS = "WS0123456789abcdef0123456789abcdef"
WK = "WK0123456789abcdef0123456789abcdef"
WQ = "WQ0123456789abcdef0123456789abcdef"
NOW = 1700000000
BASE = "https://taskrouter.twilio.com/v1/Workspaces/" + WS


class TaskRouterTest(unittest.TestCase):

    def test_worker_claims_and_default_policies(self):
        token = capability.WorkerCapabilityToken(AC, SECRET, WS, WK, ttl=600)
        with frozen_clock(NOW):
            claims = claims_of(token.to_jwt())
            self.assertEqual(claims, token.payload)
        events = "https://event-bridge.twilio.com/v1/wschannels/%s/%s" % (AC, WK)
        self.assertEqual([(p["method"], p["url"]) for p in claims["policies"]], [
            ("GET", events), ("POST", events), ("GET", BASE + "/Workers/" + WK),
            ("GET", BASE + "/Activities"), ("GET", BASE + "/Tasks/**"),
            ("GET", BASE + "/Workers/%s/Reservations/**" % WK)])
        del claims["policies"]
        self.assertEqual(claims, {"account_sid": AC, "workspace_sid": WS, "channel": WK,
                                  "version": "v1", "friendly_name": WK, "worker_sid": WK,
                                  "iss": AC, "exp": NOW + 600, "nbf": NOW})
        self.assertEqual(token.headers, {"alg": "HS256", "typ": "JWT"})
        self.assertEqual(token.resource_url, BASE + "/Workers/" + WK)
        self.assertEqual(token.channel_prefix, "WK")

    def test_update_activities_requires_an_activity_sid(self):
        token = capability.WorkerCapabilityToken(AC, SECRET, WS, WK, allow_web_sockets=False,
                                                 allow_fetch_self=False,
                                                 allow_fetch_activities=False,
                                                 allow_fetch_reservations=False,
                                                 allow_fetch_worker_reservations=False)
        self.assertEqual(token.policies, [])
        token.allow_update_activities()
        self.assertEqual(token.policies, [{
            "url": BASE + "/Workers/" + WK, "method": "POST", "allow": True, "query_filter": {},
            "post_filter": {"ActivitySid": {"required": True}}}])

    def test_queue_and_workspace(self):
        queue = capability.TaskQueueCapabilityToken(AC, SECRET, WS, WQ)
        workspace = capability.WorkspaceCapabilityToken(AC, SECRET, WS, nbf=None)
        with frozen_clock(NOW):
            self.assertEqual(queue.payload["taskqueue_sid"], WQ)
            self.assertNotIn("worker_sid", queue.payload)
            self.assertNotIn("nbf", workspace.payload)
            self.assertEqual(workspace.payload["channel"], WS)
        self.assertEqual(queue.resource_url, BASE + "/TaskQueues/" + WQ)
        self.assertEqual(workspace.resource_url, BASE)

    def test_sids(self):
        for call, args, words in [
                (capability.WorkerCapabilityToken, (AC, SECRET, WK, WK), ["workspace_sid", "'WS'"]),
                (capability.WorkerCapabilityToken, (AC, SECRET, WS, WQ), ["worker_sid", "'WK'"]),
                (capability.TaskQueueCapabilityToken, (AC, SECRET, WS, WK),
                 ["task_queue_sid", "'WQ'"]),
                (capability.WorkspaceCapabilityToken, (AC, SECRET, WS[:-1]), ["33 characters"])]:
            refused(self, capability.InvalidValueError, words, call, *args)
        refused(self, capability.CredentialsError, ["account_sid", "'AC'"],
                capability.WorkspaceCapabilityToken, WS, SECRET, WS)
        refused(self, capability.CredentialsError, ["empty"],
                capability.WorkspaceCapabilityToken, AC, "", WS)
        token = capability.WorkspaceCapabilityToken(AC, SECRET, WS)
        refused(self, capability.InvalidValueError, ["channel_id", "(WK)"],
                token.allow_web_sockets, AC)
        token.allow_web_sockets(WQ)
        self.assertTrue(token.policies[-1]["url"].endswith("/" + WQ))

    def test_keyword_arguments(self):
        # twilio-python ignores a misspelt flag; the missing policy then surfaces in the browser.
        refused(self, capability.InvalidTypeError, ["unexpected keyword", "allow_update_activity"],
                capability.WorkerCapabilityToken, AC, SECRET, WS, WK, allow_update_activity=True)
        refused(self, capability.InvalidTypeError, ["allow_fetch_activities"],
                capability.TaskQueueCapabilityToken, AC, SECRET, WS, WQ,
                allow_fetch_activities=True)
        refused(self, capability.InvalidTypeError, ["allow_update_self", "True or False", "int"],
                capability.WorkspaceCapabilityToken, AC, SECRET, WS, allow_update_self=1)
        refused(self, capability.InvalidTypeError, ["ttl"],
                capability.WorkspaceCapabilityToken, AC, SECRET, WS, ttl="1h")
        refused(self, capability.InvalidTypeError, ["WorkerCapabilityToken"],
                capability.taskrouter.TaskRouterCapabilityToken, AC, SECRET, WS, WK)

    def test_policies_are_checked_at_signing(self):
        token = capability.WorkspaceCapabilityToken(AC, SECRET, WS)
        token._make_policy(BASE + "/Tasks", "get", False, {"a": {"required": True}})
        self.assertEqual(token.policies[-1]["method"], "GET")
        token.policies.append({"url": BASE, "method": "GET"})
        refused(self, capability.InvalidValueError, ["policies[4]", "exactly the keys"],
                token.to_jwt)
        token.policies[-1] = {"url": BASE, "method": "GET", "allow": "yes", "query_filter": {},
                              "post_filter": {}}
        refused(self, capability.InvalidTypeError, ["policies[4]['allow']"], token.to_jwt)
        token.policies[-1].update(allow=True, url="")
        refused(self, capability.InvalidValueError, ["policies[4]['url']", "empty"], token.to_jwt)
        token.policies[-1].update(url=BASE, post_filter=None)
        refused(self, capability.InvalidTypeError, ["post_filter", "dict"], token.to_jwt)
        refused(self, capability.InvalidTypeError, ["method", "NoneType"],
                token._make_policy, BASE, None, True)

    def test_credentials_from_the_environment(self):
        saved = dict(os.environ)
        os.environ.update(TWILIO_ACCOUNT_SID=AC, TWILIO_AUTH_TOKEN=SECRET)
        try:
            from_env = capability.WorkerCapabilityToken(None, None, WS, WK)
        finally:
            os.environ.clear()
            os.environ.update(saved)
        with frozen_clock(NOW):
            self.assertEqual(from_env.to_jwt(),
                             capability.WorkerCapabilityToken(AC, SECRET, WS, WK).to_jwt())

    def test_secret_never_shown(self):
        token = capability.WorkerCapabilityToken(AC, SECRET, WS, WK)
        with frozen_clock(NOW):
            jwt = token.to_jwt()
        for text in (repr(token), str(token)):
            self.assertNotIn(SECRET, text)
            self.assertNotIn(jwt.split(".")[2], text)
            self.assertIn(WK, text)
        self.assertFalse(any(SECRET in repr(value) for name, value in vars(token).items()
                             if not name.startswith("_")))


if __name__ == "__main__":
    unittest.main()
