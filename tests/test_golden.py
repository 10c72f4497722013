"""Golden vectors: tokens made by twilio-python 9.13 itself (tests/tools/make_vectors.py)."""
import unittest

import capability

from .support import frozen_clock, golden_token, labelled, load_vectors, replay

VECTORS = load_vectors("client_capability.json")


def _utf8(value):
    """The same call data with all text as UTF-8 bytes (Python 2's ``str``)."""
    if isinstance(value, list):
        return [_utf8(item) for item in value]
    if isinstance(value, type(u"")):
        return value.encode("utf-8")
    return value


class GoldenVectorTest(unittest.TestCase):

    def generate(self, case, calls=None):
        return golden_token(VECTORS, case, calls)

    def test_every_vector(self):
        self.assertGreaterEqual(len(VECTORS["cases"]), 20)
        for case in VECTORS["cases"]:
            with self.subTest(case["label"]):
                token = self.generate(case)
                self.assertIsInstance(token, str)
                self.assertEqual(token, case["token"], case["label"])

    def test_every_vector_from_utf8_bytes(self):
        for case in VECTORS["cases"]:
            with self.subTest(case["label"]):
                calls = [[call[0]] + _utf8(call[1:]) for call in case["calls"]]
                self.assertEqual(self.generate(case, calls), case["token"], case["label"])

    def test_keyword_form_matches_mapping_form(self):
        case = [c for c in VECTORS["cases"] if c["label"] == "outgoing, one whole-number param"][0]
        cap = capability.Capability(VECTORS["account_sid"], VECTORS["auth_token"])
        cap.allow_client_outgoing(case["calls"][0][1], user_id=42)
        with frozen_clock(VECTORS["now"]):
            self.assertEqual(cap.generate(), case["token"])

    def test_credentials_from_environment_give_the_same_token(self):
        import os
        case = labelled(VECTORS, "incoming alice")
        saved = dict(os.environ)
        os.environ["TWILIO_ACCOUNT_SID"] = VECTORS["account_sid"]
        os.environ["TWILIO_AUTH_TOKEN"] = VECTORS["auth_token"]
        try:
            cap = replay(capability.Capability(), case["calls"])
        finally:
            os.environ.clear()
            os.environ.update(saved)
        with frozen_clock(VECTORS["now"]):
            self.assertEqual(cap.generate(), case["token"])


if __name__ == "__main__":
    unittest.main()
