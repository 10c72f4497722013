"""``from_jwt`` on every token class: always verified, never with an empty key (stdlib only)."""
import base64
import json
import unittest

import capability
from capability.decoding import DecodedToken

from .support import frozen_clock, labelled, load_vectors

ACCESS = load_vectors("access_token.json")
TASKROUTER = load_vectors("taskrouter.json")
CLIENT = load_vectors("client_token.json")
# The class whose from_jwt reads each golden case.
TASKROUTER_CLASSES = {"WorkerCapabilityToken": capability.WorkerCapabilityToken,
                      "TaskQueueCapabilityToken": capability.TaskQueueCapabilityToken,
                      "WorkspaceCapabilityToken": capability.WorkspaceCapabilityToken}


def segment(token, index):
    """A segment's JSON, read without the library."""
    part = token.split(".")[index]
    return json.loads(base64.urlsafe_b64decode(str(part + "=" * (-len(part) % 4))).decode("utf-8"))


def golden():
    """(class, token, key, now, label) for every golden token of every class."""
    for case in ACCESS["cases"]:
        yield (capability.AccessToken, case["token"], ACCESS["secret"], ACCESS["now"],
               case["label"])
    for case in TASKROUTER["cases"]:
        yield (TASKROUTER_CLASSES[case["class"]], case["token"], TASKROUTER["auth_token"],
               TASKROUTER["now"], case["label"])
    for case in CLIENT["cases"]:
        yield (capability.ClientCapabilityToken, case["token"], CLIENT["auth_token"],
               CLIENT["now"], case["label"])


class FromJwtTest(unittest.TestCase):

    def test_every_golden_token_reads_back_with_its_class(self):
        count = 0
        for token_class, token, key, now, label in golden():
            with frozen_clock(now):
                decoded = token_class.from_jwt(token, key)
            self.assertIsInstance(decoded, DecodedToken)
            self.assertEqual(decoded.payload, segment(token, 1), label)
            self.assertEqual(decoded.headers, segment(token, 0), label)
            self.assertEqual(decoded.algorithm, "HS256")
            self.assertEqual(decoded.issuer, decoded.payload["iss"])
            self.assertEqual(decoded.valid_until, decoded.payload["exp"])
            self.assertEqual(decoded.nbf, decoded.payload.get("nbf"))
            self.assertEqual(decoded.subject, decoded.payload.get("sub"))
            count += 1
        self.assertEqual(count, len(ACCESS["cases"]) + len(TASKROUTER["cases"])
                         + len(CLIENT["cases"]))

    def test_access_token_round_trip(self):
        token = capability.AccessToken(ACCESS["account_sid"], ACCESS["signing_key_sid"],
                                       ACCESS["secret"], identity="alice", region="ie1")
        token.add_grant(capability.VideoGrant(room="standup"))
        with frozen_clock(1700000000):
            decoded = capability.AccessToken.from_jwt(token.to_jwt(), ACCESS["secret"])
            self.assertEqual(decoded.payload, token.payload)
        self.assertEqual(decoded.headers, token.headers)
        self.assertEqual((decoded.issuer, decoded.subject),
                         (ACCESS["signing_key_sid"], ACCESS["account_sid"]))
        self.assertEqual(decoded.payload["grants"]["identity"], "alice")

    def test_a_missing_or_empty_key_never_skips_verification(self):
        token = labelled(ACCESS, "identity only, no grants")["token"]
        for key in (None, "", b""):
            with self.assertRaises(capability.CredentialsError) as caught:
                capability.AccessToken.from_jwt(token, key)
            self.assertNotIn(token, str(caught.exception))
        with self.assertRaises(capability.CredentialsError) as caught:
            capability.AccessToken.from_jwt(token)
        self.assertIn("decode_unverified", str(caught.exception))
        worker = labelled(TASKROUTER, "worker: defaults")["token"]
        with self.assertRaises(capability.CredentialsError):
            capability.WorkerCapabilityToken.from_jwt(worker, "")
        client = labelled(CLIENT, "defaults, incoming")["token"]
        with self.assertRaises(capability.CredentialsError):
            capability.ClientCapabilityToken.from_jwt(client, " key\n")

    def test_wrong_key_tampering_and_the_clock(self):
        case = labelled(ACCESS, "voice: incoming only")
        token, key = case["token"], ACCESS["secret"]
        with frozen_clock(ACCESS["now"]):
            with self.assertRaises(capability.BadSignatureError):
                capability.AccessToken.from_jwt(token, key + "x")
            header, payload, signature = token.split(".")
            forged = ".".join([header, payload[:-2] + ("AA" if payload[-2:] != "AA" else "BB"),
                               signature])
            with self.assertRaises(capability.InvalidTokenError):
                capability.AccessToken.from_jwt(forged, key)
        with frozen_clock(ACCESS["now"] + 3600):
            with self.assertRaises(capability.ExpiredTokenError):
                capability.AccessToken.from_jwt(token, key)
        with frozen_clock(ACCESS["now"] - 1):
            with self.assertRaises(capability.NotYetValidError):
                capability.AccessToken.from_jwt(token, key)

    def test_a_token_of_another_kind_is_refused_by_name(self):
        worker = [c for c in TASKROUTER["cases"] if c["class"] == "WorkerCapabilityToken"][0]
        queue = [c for c in TASKROUTER["cases"] if c["class"] == "TaskQueueCapabilityToken"][0]
        access = labelled(ACCESS, "identity only, no grants")
        rows = [
            (capability.AccessToken, worker["token"], TASKROUTER["auth_token"],
             'its header has no cty "twilio-fpa;v=1"'),
            (capability.ClientCapabilityToken, worker["token"], TASKROUTER["auth_token"],
             "it has no scope claim"),
            (capability.ClientCapabilityToken, access["token"], ACCESS["secret"],
             "it is an Access Token"),
            (capability.WorkerCapabilityToken, queue["token"], TASKROUTER["auth_token"],
             "its channel is not a 'WK' SID"),
            (capability.WorkspaceCapabilityToken, labelled(CLIENT, "defaults, incoming")["token"],
             CLIENT["auth_token"], "it has no policies list"),
        ]
        for token_class, token, key, words in rows:
            with self.subTest(words):
                with frozen_clock(1700000000):
                    with self.assertRaises(capability.MalformedTokenError) as caught:
                        token_class.from_jwt(token, key)
                expected = "the token is not a %s: %s; capability.decode reads every kind" % (
                    token_class.__name__, words)
                self.assertEqual(str(caught.exception), expected)

    def test_an_access_token_needs_a_grants_object(self):
        from capability import jws
        payload = ('{"jti":"%s-1700000000","grants":[],"iss":"%s","exp":1700003600,"sub":"%s"}'
                   % (ACCESS["signing_key_sid"], ACCESS["signing_key_sid"],
                      ACCESS["account_sid"])).encode("ascii")
        token = jws.sign(payload, b"k", b'{"alg":"HS256","cty":"twilio-fpa;v=1","typ":"JWT"}')
        with frozen_clock(1700000000):
            self.assertEqual(capability.decode(token, "k")["grants"], [])
            with self.assertRaises(capability.MalformedTokenError) as caught:
                capability.AccessToken.from_jwt(token, "k")
        self.assertIn("it has no grants object", str(caught.exception))

    def test_the_result_never_shows_a_token_or_key(self):
        case = labelled(CLIENT, "defaults, incoming")
        with frozen_clock(CLIENT["now"]):
            decoded = capability.ClientCapabilityToken.from_jwt(case["token"],
                                                                CLIENT["auth_token"])
        for text in (repr(decoded), str(decoded)):
            self.assertTrue(text.startswith("<DecodedToken iss="), text)
            self.assertNotIn(case["token"].split(".")[2], text)
            self.assertNotIn(CLIENT["auth_token"], text)
        self.assertFalse(any(CLIENT["auth_token"] in repr(value)
                             for value in vars(decoded).values()))


if __name__ == "__main__":
    unittest.main()
