"""Golden vectors: Access, TaskRouter and Client tokens made by twilio-python 9.13 itself
(tests/tools/make_jwt_vectors.py), replayed through capability on every interpreter."""
import unittest

import capability

from . import jwt_cases
from .support import load_vectors

ACCESS = load_vectors("access_token.json")
TASKROUTER = load_vectors("taskrouter.json")
CLIENT = load_vectors("client_token.json")


class GoldenAccessTokenTest(unittest.TestCase):

    def test_every_vector(self):
        self.assertGreaterEqual(len(ACCESS["cases"]), 20)
        for case in ACCESS["cases"]:
            with self.subTest(case["label"]):
                token = jwt_cases.sign(jwt_cases.access_token(capability, ACCESS, case), case,
                                       ACCESS["now"])
                self.assertIsInstance(token, str)
                self.assertEqual(token, case["token"], case["label"])

    def test_grants_and_fields_are_all_covered(self):
        used = set()
        for case in ACCESS["cases"]:
            for name, kwargs in case["grants"]:
                used.update("%s.%s" % (name, field) for field in kwargs)
            used.update("AccessToken.%s" % field for field in case["args"])
        for name, fields in [
                ("VoiceGrant", "incoming_allow outgoing_application_sid "
                               "outgoing_application_params push_credential_sid endpoint_id"),
                ("ChatGrant", "service_sid endpoint_id deployment_role_sid push_credential_sid"),
                ("SyncGrant", "service_sid endpoint_id"), ("VideoGrant", "room"),
                ("TaskRouterGrant", "workspace_sid worker_sid role"), ("PlaybackGrant", "grant"),
                ("AccessToken", "identity nbf ttl valid_until region")]:
            for field in fields.split():
                self.assertIn("%s.%s" % (name, field), used)


class GoldenTaskRouterTest(unittest.TestCase):

    def test_every_vector(self):
        self.assertGreaterEqual(len(TASKROUTER["cases"]), 20)
        for case in TASKROUTER["cases"]:
            with self.subTest(case["label"]):
                token = jwt_cases.sign(jwt_cases.taskrouter(capability, TASKROUTER, case), case,
                                       TASKROUTER["now"])
                self.assertIsInstance(token, str)
                self.assertEqual(token, case["token"], case["label"])

    def test_every_allow_method_is_covered(self):
        used = set()
        for case in TASKROUTER["cases"]:
            used.update(name for name, value in case["kwargs"].items() if value is True)
            used.update(call[0] for call in case["calls"])
        methods = set(name for cls in (capability.WorkerCapabilityToken,
                                       capability.TaskQueueCapabilityToken,
                                       capability.WorkspaceCapabilityToken)
                      for name in dir(cls) if name.startswith("allow_"))
        self.assertEqual(methods - used, set())


class GoldenClientTokenTest(unittest.TestCase):

    def test_every_vector(self):
        self.assertGreaterEqual(len(CLIENT["cases"]), 12)
        for case in CLIENT["cases"]:
            with self.subTest(case["label"]):
                token = jwt_cases.sign(jwt_cases.client_token(capability, CLIENT, case), case,
                                       CLIENT["now"])
                self.assertIsInstance(token, str)
                self.assertEqual(token, case["token"], case["label"])


if __name__ == "__main__":
    unittest.main()
