"""``from_jwt`` against twilio-python's: the same headers and payload, without its empty-key hole.

Skipped under plain unittest when twilio-python is missing; the runner's
oracle run (CAPABILITY_REQUIRE_ORACLES=1) makes a missing one an error. The
tokens are made with the real clock: twilio-python's from_jwt asks PyJWT,
which reads the time through datetime, not time.time.
"""
import unittest

import capability

from .support import optional_import

twilio_jwt = optional_import("twilio.jwt")

AC = "AC0123456789abcdef0123456789abcdef"
SK = "SKfedcba9876543210fedcba9876543210"
SECRET = "api-secret-0123456789abcdefghijkl"
AUTH_TOKEN = "abcdefghijklmnopqrstuvwxyz012345"
WS = "WS0123456789abcdef0123456789abcdef"
WK = "WK0123456789abcdef0123456789abcdef"
WQ = "WQ0123456789abcdef0123456789abcdef"
AP = "APfedcba9876543210fedcba9876543210"


def tokens():
    """(class, token, key) of every kind, made now."""
    access = capability.AccessToken(AC, SK, SECRET, identity="alice", region="ie1")
    access.add_grant(capability.VoiceGrant(incoming_allow=True, outgoing_application_sid=AP,
                                           outgoing_application_params={"a": [1, u"\u00e9"]}))
    access.add_grant(capability.VideoGrant(room="standup"))
    client = capability.ClientCapabilityToken(AC, AUTH_TOKEN, nbf=None)
    client.allow_client_incoming("alice")
    client.allow_client_outgoing(AP, user_id=42)
    return [
        (capability.AccessToken, access.to_jwt(), SECRET),
        (capability.ClientCapabilityToken, client.to_jwt(), AUTH_TOKEN),
        (capability.WorkerCapabilityToken, capability.WorkerCapabilityToken(
            AC, AUTH_TOKEN, WS, WK, allow_update_activities=True).to_jwt(), AUTH_TOKEN),
        (capability.TaskQueueCapabilityToken, capability.TaskQueueCapabilityToken(
            AC, AUTH_TOKEN, WS, WQ).to_jwt(), AUTH_TOKEN),
        (capability.WorkspaceCapabilityToken, capability.WorkspaceCapabilityToken(
            AC, AUTH_TOKEN, WS, ttl=60).to_jwt(), AUTH_TOKEN),
    ]


@unittest.skipIf(twilio_jwt is None, "twilio-python is not installed")
class FromJwtOracleTest(unittest.TestCase):

    def test_same_headers_payload_and_claim_names(self):
        from twilio.jwt.access_token import AccessToken
        from twilio.jwt.client import ClientCapabilityToken
        from twilio.jwt.taskrouter.capabilities import WorkerCapabilityToken
        theirs_by_name = {"AccessToken": AccessToken,
                          "ClientCapabilityToken": ClientCapabilityToken}
        for token_class, token, key in tokens():
            theirs = theirs_by_name.get(token_class.__name__, WorkerCapabilityToken)
            expected = theirs.from_jwt(token, key)
            ours = token_class.from_jwt(token, key)
            self.assertEqual(ours.payload, expected.payload, token_class.__name__)
            self.assertEqual(ours.headers, expected.headers, token_class.__name__)
            for name in ("issuer", "subject", "nbf", "valid_until", "algorithm"):
                self.assertEqual(getattr(ours, name), getattr(expected, name),
                                 (token_class.__name__, name))

    def test_an_empty_key_is_refused_where_twilio_python_skips_the_check(self):
        from twilio.jwt import Jwt, JwtDecodeError
        token_class, token, key = tokens()[0]
        header, payload, signature = token.split(".")
        forged = ".".join([header, payload, signature[:-4] + ("AAAA" if signature[-4:] != "AAAA"
                                                              else "BBBA")])
        with self.assertRaises(JwtDecodeError):
            Jwt.from_jwt(forged, key)
        # The defect: with an empty key, twilio-python accepts the forged token.
        self.assertEqual(Jwt.from_jwt(forged, "").payload["grants"]["identity"], "alice")
        for empty in ("", None):
            with self.assertRaises(capability.CredentialsError):
                token_class.from_jwt(forged, empty)
        with self.assertRaises(capability.BadSignatureError):
            token_class.from_jwt(forged, key)


if __name__ == "__main__":
    unittest.main()
