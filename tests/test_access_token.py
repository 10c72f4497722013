"""AccessToken and grants: behaviour, bad input and secrets (stdlib only)."""
import os
import types
import unittest
import warnings

import capability

from .support import SECRETS, frozen_clock, refused
from .test_client import claims_of

AC = "AC0123456789abcdef0123456789abcdef"
SK = "SK0123456789abcdef0123456789abcdef"
SECRET = SECRETS[1]
AP = "APfedcba9876543210fedcba9876543210"
IS = "IS0123456789abcdef0123456789abcdef"
NOW = 1700000000


def header_of(token):
    return claims_of("." + token.split(".", 1)[0])


class AccessTokenTest(unittest.TestCase):

    def token(self, **kwargs):
        return capability.AccessToken(AC, SK, SECRET, **kwargs)

    def test_claims_and_header(self):
        token = self.token(identity="alice", region="ie1")
        token.add_grant(capability.VoiceGrant(incoming_allow=True))
        with frozen_clock(NOW + 0.5):
            jwt = token.to_jwt()
            self.assertEqual(token.payload, claims_of(jwt))
        self.assertEqual(claims_of(jwt), {
            "jti": SK + "-1700000000", "iss": SK, "sub": AC, "exp": NOW + 3600, "nbf": NOW,
            "grants": {"identity": "alice", "voice": {"incoming": {"allow": True}}}})
        self.assertEqual(header_of(jwt), {"alg": "HS256", "typ": "JWT", "cty": "twilio-fpa;v=1",
                                          "twr": "ie1"})
        self.assertEqual(token.headers, header_of(jwt))
        self.assertNotIn("twr", self.token().headers)

    def test_grant_payloads(self):
        self.assertEqual(capability.VoiceGrant(
            incoming_allow=False, outgoing_application_sid=AP,
            outgoing_application_params={"a": [1]}).to_payload(),
            {"outgoing": {"application_sid": AP, "params": {"a": [1]}}})
        self.assertEqual(capability.VoiceGrant(outgoing_application_sid=AP,
                                               outgoing_application_params={}).to_payload(),
                         {"outgoing": {"application_sid": AP}})
        self.assertEqual(capability.VideoGrant().to_payload(), {})
        self.assertEqual(capability.SyncGrant(service_sid=IS).to_payload(), {"service_sid": IS})
        self.assertIsNone(capability.PlaybackGrant().to_payload())
        self.assertEqual([g().key for g in (capability.VoiceGrant, capability.VideoGrant,
                                            capability.ChatGrant, capability.SyncGrant,
                                            capability.TaskRouterGrant, capability.PlaybackGrant)],
                         ["voice", "video", "chat", "data_sync", "task_router", "player"])

    def test_a_grant_of_your_own(self):
        class LiveGrant(capability.AccessTokenGrant):
            key = "live"

            def to_payload(self):
                return {"stream": u"caf\u00e9"}
        token = self.token(grants=[LiveGrant()])
        with frozen_clock(NOW):
            self.assertEqual(claims_of(token.to_jwt())["grants"],
                             {"live": {"stream": u"caf\u00e9"}})

        class Broken(capability.AccessTokenGrant):
            key = "broken"

            def to_payload(self):
                return ["not", "a", "dict"]
        token.add_grant(Broken())
        refused(self, capability.InvalidTypeError, ["Broken.to_payload()", "dict", "list"],
                token.to_jwt)

    def test_identity_rules(self):
        for bad, words in [("", ["identity", "empty"]), ("al\nice", ["U+000A", "position 2"]),
                           (u"\x7f", ["U+007F"]), (b"\xff", ["UTF-8"])]:
            refused(self, capability.InvalidValueError, words, self.token, identity=bad)
        refused(self, capability.InvalidTypeError, ["identity", "int"], self.token, identity=42)
        self.token(identity=u"zo\u00eb@example.com", grants=[capability.ChatGrant()])
        # Twilio Voice routes calls only to identities of ASCII letters, digits and underscore.
        refused(self, capability.InvalidValueError, ["identity (with a VoiceGrant)", "'@'"],
                self.token, identity="alice@example.com", grants=[capability.VoiceGrant()])
        token = self.token(identity="alice.smith")
        refused(self, capability.InvalidValueError, ["'.'", "position 5"],
                token.add_grant, capability.VoiceGrant())
        self.assertEqual(token.grants, [])
        token = self.token(identity="alice_1", grants=[capability.VoiceGrant()])
        # Assigned later: checked on assignment, with the constructor's message.
        refused(self, capability.InvalidValueError, ["identity (with a VoiceGrant)", "' '"],
                setattr, token, "identity", "alice 1")
        self.assertEqual(token.identity, "alice_1")
        refused(self, capability.InvalidTypeError, ["identity", "int"],
                setattr, token, "identity", 42)
        # A VoiceGrant put in the public grants list directly is still checked at signing.
        token = self.token(identity="alice.smith")
        token.grants.append(capability.VoiceGrant())
        refused(self, capability.InvalidValueError, ["identity (with a VoiceGrant)", "'.'"],
                token.to_jwt)

    def test_region(self):
        for region in ("us1", "ie1", "au1", "us2", u"jp1", b"de1"):
            self.assertEqual(self.token(region=region).headers["twr"], str(region.decode("ascii")
                             if isinstance(region, bytes) else region))
        for bad in ("", "US1", "us", "dublin", "ie-1", "1ie", "us123"):
            refused(self, capability.InvalidValueError, ["region", "'us1'"], self.token, region=bad)
        refused(self, capability.InvalidTypeError, ["region", "int"], self.token, region=1)

    def test_credentials(self):
        for args, words in [(("AC123", SK, SECRET), ["account_sid", "'AC'"]),
                            ((AC, AC, SECRET), ["signing_key_sid", "'SK'"]),
                            ((AC, SECRET, SECRET), ["signing_key_sid"]),
                            ((AC, SK, ""), ["secret", "empty"]),
                            ((AC, SK, SECRET + "\n"), ["secret", "whitespace"]),
                            ((AC, SK, None), ["secret", "NoneType"])]:
            refused(self, capability.CredentialsError, words, capability.AccessToken, *args)
        self.assertTrue(issubclass(capability.CredentialsError, ValueError))

    def test_grants_that_are_not_grants(self):
        refused(self, capability.InvalidTypeError, ["AccessTokenGrant", "dict"],
                self.token, grants=[{"voice": {}}])
        refused(self, capability.InvalidTypeError, ["grants must be a list", "VoiceGrant"],
                self.token, grants=capability.VoiceGrant())
        fake = types.ModuleType("twilio.jwt.access_token.grants")
        exec("class VoiceGrant(object):\n    key = 'voice'\n", fake.__dict__)
        fake.VoiceGrant.__module__ = "twilio.jwt.access_token.grants"
        message = refused(self, capability.InvalidTypeError, ["twilio-python grant",
                                                              "import VoiceGrant from capability"],
                          self.token().add_grant, fake.VoiceGrant())
        self.assertIn("twilio.jwt.access_token.grants.VoiceGrant", message)
        self.assertRaises(ValueError, self.token().add_grant, object())  # twilio-python's type
        token = self.token()
        token.grants.append("voice")  # appended by hand: caught at signing
        refused(self, capability.InvalidTypeError, ["str"], token.to_jwt)

    def test_one_grant_of_each_kind(self):
        token = self.token(grants=[capability.VideoGrant(room="a")])
        refused(self, capability.InvalidValueError, ["'video'", "VideoGrant"],
                token.add_grant, capability.VideoGrant(room="b"))
        token.grants.append(capability.VideoGrant(room="b"))
        refused(self, capability.InvalidValueError, ["two 'video' grants"], token.to_jwt)

        class Identity(capability.AccessTokenGrant):
            key = "identity"

            def to_payload(self):
                return {}
        refused(self, capability.InvalidValueError, ["Identity.key", "'identity'"],
                self.token().add_grant, Identity())

    def test_grant_fields(self):
        for call, kwargs, error, words in [
                (capability.ChatGrant, {"service_sid": "IX" + IS[2:]}, capability.InvalidValueError,
                 ["ChatGrant service_sid", "'IS'"]),
                (capability.ChatGrant, {"deployment_role_sid": IS}, capability.InvalidValueError,
                 ["'RL'"]),
                (capability.ChatGrant, {"push_credential_sid": IS}, capability.InvalidValueError,
                 ["'CR'"]),
                (capability.ChatGrant, {"endpoint_id": ""}, capability.InvalidValueError,
                 ["endpoint_id", "empty", "None"]),
                (capability.SyncGrant, {"service_sid": ""}, capability.InvalidValueError,
                 ["SyncGrant service_sid"]),
                (capability.VoiceGrant, {"outgoing_application_sid": IS},
                 capability.InvalidValueError, ["'AP'"]),
                (capability.VoiceGrant, {"incoming_allow": 1}, capability.InvalidTypeError,
                 ["incoming_allow", "int"]),
                (capability.VoiceGrant, {"outgoing_application_params": {"a": 1}},
                 capability.InvalidValueError, ["needs an outgoing_application_sid"]),
                (capability.VoiceGrant, {"outgoing_application_sid": AP,
                                         "outgoing_application_params": [("a", 1)]},
                 capability.InvalidTypeError, ["must be a dict", "list"]),
                (capability.VoiceGrant, {"outgoing_application_sid": AP,
                                         "outgoing_application_params": {"a": object()}},
                 capability.InvalidTypeError, ["outgoing_application_params['a']", "object"]),
                (capability.VideoGrant, {"room": 7}, capability.InvalidTypeError, ["room", "int"]),
                (capability.TaskRouterGrant, {"workspace_sid": "WK" + IS[2:]},
                 capability.InvalidValueError, ["'WS'"]),
                (capability.TaskRouterGrant, {"worker_sid": "WS" + IS[2:]},
                 capability.InvalidValueError, ["'WK'"]),
                (capability.TaskRouterGrant, {"role": "a\tb"}, capability.InvalidValueError,
                 ["role", "U+0009"]),
                (capability.PlaybackGrant, {"grant": "a string"}, capability.InvalidTypeError,
                 ["PlaybackGrant grant", "str"])]:
            refused(self, error, words, call, **kwargs)

    def test_fields_assigned_later_are_checked(self):
        grant = capability.ChatGrant(service_sid=IS)
        token = self.token(identity="alice", grants=[grant])
        grant.service_sid = "not a sid"
        refused(self, capability.InvalidValueError, ["ChatGrant service_sid"], token.to_jwt)
        playback = capability.PlaybackGrant()
        token = self.token(grants=[playback])
        refused(self, capability.InvalidTypeError, ["PlaybackGrant", "NoneType"], token.to_jwt)
        playback.grant = {"playbackUrl": "https://example.com/x.m3u8"}
        with frozen_clock(NOW):
            self.assertEqual(claims_of(token.to_jwt())["grants"]["player"],
                             {"playbackUrl": "https://example.com/x.m3u8"})
        # The token's own fields are checked on assignment, as the constructor checks them.
        refused(self, capability.InvalidValueError, ["region"], setattr, token, "region", "Ireland")
        refused(self, capability.CredentialsError, ["account_sid", "'AC'"],
                setattr, token, "account_sid", SK)
        refused(self, capability.CredentialsError, ["signing_key_sid", "'SK'"],
                setattr, token, "signing_key_sid", AC)
        self.assertEqual((token.account_sid, token.signing_key_sid, token.region), (AC, SK, None))

    def test_a_deleted_field_is_left_out_not_signed_from_the_kept_json(self):
        grant = capability.VideoGrant(room="standup")
        token = self.token(identity="alice", grants=[grant])
        del grant.room
        self.assertIsNone(grant.room)
        with frozen_clock(NOW):
            self.assertEqual(claims_of(token.to_jwt())["grants"]["video"], {})

    def test_bytes_and_text_agree(self):
        def make(convert):
            token = capability.AccessToken(convert(AC), convert(SK), convert(SECRET),
                                           identity=convert(u"zo\u00eb"), region=convert("us1"))
            token.add_grant(capability.ChatGrant(service_sid=convert(IS),
                                                 endpoint_id=convert(u"e\u00e9")))
            with frozen_clock(NOW):
                return token.to_jwt()
        self.assertEqual(make(lambda text: text.encode("utf-8")), make(lambda text: text))

    def test_secret_never_shown(self):
        grant = capability.PlaybackGrant(grant={"requestCredentials": "hidden-credential"})
        token = self.token(identity="alice", grants=[capability.VideoGrant(room="r"), grant])
        with frozen_clock(NOW):
            jwt = token.to_jwt()
        for text in (repr(token), str(token), repr(token.grants), str(grant)):
            self.assertNotIn(SECRET, text)
            self.assertNotIn(jwt.split(".")[2], text)
            self.assertNotIn("hidden-credential", text)
        self.assertIn("identity='alice'", repr(token))
        self.assertIn("VideoGrant", repr(token))
        self.assertEqual(repr(capability.VideoGrant(room="r")), "VideoGrant(room='r')")
        self.assertFalse(any(SECRET in repr(value) for name, value in vars(token).items()
                             if not name.startswith("_")))

    def test_errors_do_not_chain_the_input(self):
        try:
            self.token(identity=u"\ud800")
        except capability.InvalidValueError as error:
            self.assertIsNone(getattr(error, "__context__", None))


class VoiceWithoutIdentityTest(unittest.TestCase):
    """Signed as twilio-python signs it, with a TokenWarning: the Voice SDK needs an identity."""

    def to_jwt(self, token):
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            with frozen_clock(NOW):
                jwt = token.to_jwt()
        return jwt, [w for w in caught if issubclass(w.category, capability.TokenWarning)]

    def test_warns_and_still_signs(self):
        token = capability.AccessToken(AC, SK, SECRET)
        token.add_grant(capability.VoiceGrant(outgoing_application_sid=AP))
        jwt, caught = self.to_jwt(token)
        self.assertEqual(len(caught), 1)
        message = str(caught[0].message)
        for words in ("VoiceGrant", "no identity", "Voice SDK", "identity="):
            self.assertIn(words, message)
        self.assertNotIn(SECRET, message)
        # The warning points at the caller's line, not inside the library.
        self.assertEqual(os.path.splitext(caught[0].filename)[0], os.path.splitext(__file__)[0])
        self.assertEqual(claims_of(jwt)["grants"],
                         {"voice": {"outgoing": {"application_sid": AP}}})

    def test_no_warning_with_an_identity_or_without_voice(self):
        voice = capability.AccessToken(AC, SK, SECRET, identity="alice")
        voice.add_grant(capability.VoiceGrant(incoming_allow=True))
        video = capability.AccessToken(AC, SK, SECRET)
        video.add_grant(capability.VideoGrant(room="standup"))
        for token in (voice, video, capability.AccessToken(AC, SK, SECRET)):
            self.assertEqual(self.to_jwt(token)[1], [])

    def test_a_named_warning_callers_can_filter(self):
        self.assertIn("TokenWarning", capability.__all__)
        self.assertTrue(issubclass(capability.TokenWarning, UserWarning))
        self.assertFalse(issubclass(capability.TokenWarning, capability.CapabilityError))
        token = capability.AccessToken(AC, SK, SECRET, grants=[capability.VoiceGrant()])
        with warnings.catch_warnings():
            warnings.simplefilter("error", capability.TokenWarning)
            self.assertRaises(capability.TokenWarning, token.to_jwt)


if __name__ == "__main__":
    unittest.main()
