"""Live comparisons with twilio-python and PyJWT for Access, TaskRouter and Client tokens.

Skipped under plain unittest when the oracles are missing; the runner's oracle
run (CAPABILITY_REQUIRE_ORACLES=1) makes a missing one an error.
"""
import json
import unittest

import capability
from capability.jsonwriter import encode, jsonable

from . import jwt_cases
from .support import frozen_clock, load_vectors, optional_import

jwt = optional_import("jwt")
twilio_jwt = optional_import("twilio.jwt")
hypothesis = optional_import("hypothesis")
FILES = [("access_token.json", jwt_cases.access_token), ("taskrouter.json", jwt_cases.taskrouter),
         ("client_token.json", jwt_cases.client_token)]


@unittest.skipIf(twilio_jwt is None or jwt is None, "twilio-python or PyJWT is not installed")
class VectorsAreTwiliosTest(unittest.TestCase):
    """The golden files still hold what twilio-python makes, and PyJWT verifies ours."""

    def test_twilio_python_remakes_every_vector(self):
        names = jwt_cases.twilio_names()
        for name, build in FILES:
            vectors = load_vectors(name)
            for case in vectors["cases"]:
                with self.subTest(case["label"]):
                    token = jwt_cases.sign(build(names, vectors, case), case, vectors["now"])
                    self.assertEqual(token, case["token"], "%s: %s" % (name, case["label"]))

    def test_pyjwt_verifies_every_token_we_make(self):
        for name, build in FILES:
            vectors = load_vectors(name)
            key = vectors.get("secret") or vectors["auth_token"]
            for case in vectors["cases"]:
                with self.subTest(case["label"]):
                    token = jwt_cases.sign(build(capability, vectors, case), case, vectors["now"])
                    claims = jwt.decode(token, key, algorithms=["HS256"],
                                        options={"verify_exp": False, "verify_nbf": False})
                    self.assertLessEqual(claims.get("nbf", 0), vectors["now"], case["label"])
                    self.assertGreater(claims["exp"], vectors["now"], case["label"])
                    with self.assertRaises(jwt.InvalidSignatureError):
                        jwt.decode(token, key + "x", algorithms=["HS256"],
                                   options={"verify_exp": False, "verify_nbf": False})


if twilio_jwt is not None and hypothesis is not None:
    from hypothesis import assume, given, settings, strategies as st
    from twilio.jwt.access_token import AccessToken as TwilioAccessToken, grants as twilio_grants
    from twilio.jwt.client import ClientCapabilityToken as TwilioClientToken
    from twilio.jwt.taskrouter import capabilities as twilio_taskrouter

    NOW = st.integers(10 ** 6, 2 ** 31)
    HEX = st.text(st.sampled_from("0123456789abcdef"), min_size=32, max_size=32)
    CHARS = [chr(c) for c in list(range(0x20, 0x7f)) + [0xe9, 0x6771, 0x1F600, 0xa0, 0x2028]]
    TEXT = st.text(st.sampled_from(CHARS), min_size=1, max_size=12)
    NAMES = st.text(st.sampled_from("abcXYZ019_"), min_size=1, max_size=10)
    ANY_TEXT = st.text(max_size=8).filter(lambda t: all(not 0xd800 <= ord(c) < 0xe000 for c in t))
    JSON = st.recursive(
        st.one_of(st.none(), st.booleans(), st.integers(-2 ** 64, 2 ** 64),
                  st.floats(allow_nan=False, allow_infinity=False), ANY_TEXT),
        lambda inner: st.one_of(st.lists(inner, max_size=3),
                                st.dictionaries(ANY_TEXT, inner, max_size=3)),
        max_leaves=8)

    def sid(prefix):
        return HEX.map(lambda digits: prefix + digits)

    def optional(strategy):
        return st.one_of(st.none(), strategy)

    GRANTS = {
        "VoiceGrant": st.fixed_dictionaries({}, optional={
            "incoming_allow": st.booleans(), "outgoing_application_sid": sid("AP"),
            "push_credential_sid": sid("CR"), "endpoint_id": TEXT}),
        "VideoGrant": st.fixed_dictionaries({}, optional={"room": TEXT}),
        "ChatGrant": st.fixed_dictionaries({}, optional={
            "service_sid": sid("IS"), "endpoint_id": TEXT, "deployment_role_sid": sid("RL"),
            "push_credential_sid": sid("CR")}),
        "SyncGrant": st.fixed_dictionaries({}, optional={"service_sid": sid("IS"),
                                                         "endpoint_id": TEXT}),
        "TaskRouterGrant": st.fixed_dictionaries({}, optional={
            "workspace_sid": sid("WS"), "worker_sid": sid("WK"), "role": TEXT}),
        "PlaybackGrant": st.fixed_dictionaries({"grant": st.dictionaries(ANY_TEXT, JSON,
                                                                          max_size=4)}),
    }

    def timing(data, now):
        """nbf, ttl, valid_until and to_jwt's ttl, valid for both libraries."""
        kwargs = {"ttl": data.draw(st.integers(1, 86400))}
        nbf = data.draw(st.sampled_from(["generate", "none", "int"]))
        if nbf == "none":
            kwargs["nbf"] = None
        elif nbf == "int":
            kwargs["nbf"] = data.draw(st.integers(now - 10 ** 5, now))
        if data.draw(st.booleans()):
            kwargs["valid_until"] = data.draw(st.integers(now + 1, now + 86400))
        return kwargs, data.draw(optional(st.integers(1, 86400)))

    class TwilioAgreesTest(unittest.TestCase):
        """Random valid calls: our tokens are twilio-python's, byte for byte."""

        @settings(max_examples=300, deadline=None)
        @given(st.data(), HEX, HEX, TEXT.filter(lambda t: t == t.strip()), NOW)
        def test_access_token(self, data, account_hex, key_hex, secret, now):
            kinds = data.draw(st.lists(st.sampled_from(sorted(GRANTS)), unique=True, max_size=6))
            made = []
            for kind in kinds:
                kwargs = data.draw(GRANTS[kind])
                if kind == "VoiceGrant" and "outgoing_application_sid" in kwargs:
                    params = data.draw(st.dictionaries(ANY_TEXT, JSON, max_size=3))
                    kwargs["outgoing_application_params"] = params
                made.append((kind, kwargs))
            identity = data.draw(optional(NAMES if "VoiceGrant" in kinds else TEXT))
            region = data.draw(optional(st.sampled_from(["us1", "ie1", "au1", "de1", "jp1"])))
            kwargs, ttl = timing(data, now)
            via_constructor = data.draw(st.booleans())
            tokens = []
            for make, grants in [(capability.AccessToken, capability),
                                 (TwilioAccessToken, twilio_grants)]:
                objects = [getattr(grants, kind)(**fields) for kind, fields in made]
                token = make("AC" + account_hex, "SK" + key_hex, secret, identity=identity,
                             region=region, grants=objects if via_constructor else None,
                             **kwargs)
                if not via_constructor:
                    for grant in objects:
                        token.add_grant(grant)
                with frozen_clock(now + 0.5):
                    tokens.append((token.to_jwt(ttl=ttl), token.payload, token.headers))
            self.assertEqual(tokens[0], tokens[1])

        @settings(max_examples=200, deadline=None)
        @given(st.data(), HEX, HEX, HEX, TEXT.filter(lambda t: t == t.strip()), NOW)
        def test_taskrouter(self, data, account_hex, workspace_hex, channel_hex, secret, now):
            kind = data.draw(st.sampled_from(["WorkerCapabilityToken", "TaskQueueCapabilityToken",
                                              "WorkspaceCapabilityToken"]))
            ours = getattr(capability, kind)
            methods = sorted(name for name in dir(ours) if name.startswith("allow_"))
            flags = dict((name, value) for name, value in
                         data.draw(st.dictionaries(st.sampled_from(methods), st.booleans())).items()
                         if name in dict(ours._FLAGS))
            calls = data.draw(st.lists(st.sampled_from(methods), max_size=4))
            kwargs, ttl = timing(data, now)
            kwargs.update(flags)
            args = ["AC" + account_hex, secret, "WS" + workspace_hex]
            if kind != "WorkspaceCapabilityToken":
                args.append(("WK" if kind.startswith("Worker") else "WQ") + channel_hex)
            tokens = []
            for cls in (ours, getattr(twilio_taskrouter, kind)):
                token = cls(*args, **kwargs)
                for call in calls:
                    getattr(token, call)()
                with frozen_clock(now + 0.5):
                    tokens.append((token.to_jwt(ttl=ttl), token.payload))
            self.assertEqual(tokens[0], tokens[1])

        @settings(max_examples=200, deadline=None)
        @given(st.data(), HEX, TEXT.filter(lambda t: t == t.strip()), NOW)
        def test_client_capability_token(self, data, account_hex, secret, now):
            params = st.dictionaries(TEXT.filter(lambda key: key != "application_sid"),
                                     st.one_of(TEXT, st.integers(-9, 10 ** 6)), max_size=3)
            calls = data.draw(st.lists(st.one_of(
                st.tuples(st.just("incoming"), NAMES),
                st.tuples(st.just("outgoing"), sid("AP"), params),
                st.tuples(st.just("events"), params)), max_size=4))
            kwargs, ttl = timing(data, now)
            tokens = []
            for cls in (capability.ClientCapabilityToken, TwilioClientToken):
                token = cls("AC" + account_hex, secret, **kwargs)
                # twilio-python's constructor drops it
                token.valid_until = kwargs.get("valid_until")
                for call in calls:
                    if call[0] == "incoming":
                        token.allow_client_incoming(call[1])
                    elif call[0] == "outgoing":
                        token.allow_client_outgoing(call[1], **call[2])
                    else:
                        token.allow_event_stream(**call[1])
                with frozen_clock(now + 0.5):
                    tokens.append((token.to_jwt(ttl=ttl), token.payload, token.headers))
            self.assertEqual(tokens[0], tokens[1])

        @settings(max_examples=500, deadline=None)
        @given(JSON)
        def test_claims_encoding_is_json_dumps(self, value):
            assume(value == value)
            self.assertEqual(encode(jsonable(value, "value")),
                             json.dumps(value, separators=(",", ":")).encode("ascii"))


if __name__ == "__main__":
    unittest.main()
