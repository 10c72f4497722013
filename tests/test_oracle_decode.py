"""Decoding against the references: PyJWT and twilio-python 9.13, plus hypothesis.

Skipped under plain unittest when an oracle is missing; the runner's pytest
run sets CAPABILITY_REQUIRE_ORACLES=1, where a missing oracle is an error.
"""
import json
import unittest
import warnings

import capability
from capability import jws

from .support import frozen_clock, optional_import

jwt = optional_import("jwt")
hypothesis = optional_import("hypothesis")
twilio_jwt = optional_import("twilio.jwt.access_token")
if hypothesis is not None:
    from hypothesis import assume, given, settings, strategies as st
else:
    class _Absent(object):
        """Stands in for hypothesis so the skipped class body still evaluates."""

        def __getattr__(self, name):
            return self

        def __call__(self, *args, **kwargs):
            return self

        def __or__(self, other):
            return self

    st = _Absent()

    def given(*args, **kwargs):
        return lambda test: test
    settings = assume = given

SID = "AC0123456789abcdef0123456789abcdef"
APP = "APfedcba9876543210fedcba9876543210"
KEY = "abcdefghijklmnopqrstuvwxyz012345"
NOW = 1700000000
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def pyjwt_verdict(token, key, now, leeway=0):
    """("ok", claims) or the name of the error PyJWT raises, with its clock at ``now``."""
    import datetime as real
    import jwt.api_jwt

    class Frozen(real.datetime):  # PyJWT reads datetime.now(), not time.time()
        @classmethod
        def now(cls, tz=None):
            return real.datetime.fromtimestamp(now, tz)
    saved = jwt.api_jwt.datetime
    jwt.api_jwt.datetime = Frozen
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return "ok", jwt.decode(token, key, algorithms=["HS256"], leeway=leeway,
                                    options={"require": ["exp"]})
    except jwt.ExpiredSignatureError:
        return "expired", None
    except jwt.ImmatureSignatureError:
        return "not yet valid", None
    except jwt.InvalidSignatureError:
        return "bad signature", None
    except jwt.InvalidTokenError:
        return "malformed", None
    finally:
        jwt.api_jwt.datetime = saved


def our_verdict(token, key, now, leeway=0):
    with frozen_clock(now):
        try:
            return "ok", capability.decode(token, key, leeway)
        except capability.ExpiredTokenError:
            return "expired", None
        except capability.NotYetValidError:
            return "not yet valid", None
        except capability.BadSignatureError:
            return "bad signature", None
        except capability.MalformedTokenError:
            return "malformed", None


@unittest.skipIf(jwt is None, "PyJWT is not installed")
class PyJwtTest(unittest.TestCase):

    def test_pyjwt_agrees_on_the_rfc_vectors(self):
        from .test_jws import RFC7515_KEY, RFC7515_TOKEN, RFC7520_KEY, RFC7520_TOKEN, key
        self.assertEqual(jwt.api_jws.decode(RFC7520_TOKEN, key(RFC7520_KEY), algorithms=["HS256"]),
                         jws.verify(RFC7520_TOKEN, key(RFC7520_KEY))[1])
        self.assertEqual(jwt.api_jws.decode(RFC7515_TOKEN, key(RFC7515_KEY), algorithms=["HS256"]),
                         jws.verify(RFC7515_TOKEN, key(RFC7515_KEY))[1])

    def test_where_pyjwt_is_lenient_we_are_not(self):
        # Each of these verifies under PyJWT 2.x; each is refused here.
        lenient = [
            jws.sign(('{"iss":"%s","exp":%d,"exp":%d}' % (SID, NOW - 10, NOW + 10)).encode("ascii"),
                     KEY.encode("ascii")),
            jws.sign(('{"iss":"%s","exp":"%d"}' % (SID, NOW + 10)).encode("ascii"),
                     KEY.encode("ascii")),
        ]
        for bad in lenient:
            self.assertEqual(pyjwt_verdict(bad, KEY, NOW)[0], "ok", bad)
            self.assertEqual(our_verdict(bad, KEY, NOW)[0], "malformed", bad)


@unittest.skipIf(twilio_jwt is None, "twilio-python is not installed")
class TwilioPythonTokensTest(unittest.TestCase):
    """Issue 4's token kinds, as twilio-python 9.13 makes them, decode here."""

    def test_access_token(self):
        from twilio.jwt.access_token import AccessToken
        from twilio.jwt.access_token.grants import VoiceGrant
        token = AccessToken(SID, "SK0123456789abcdef0123456789abcdef", "api-secret",
                            identity="alice", region="us1")
        token.add_grant(VoiceGrant(outgoing_application_sid=APP, incoming_allow=True))
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with frozen_clock(NOW):
                text = token.to_jwt()
        with frozen_clock(NOW):
            claims = capability.decode(text, "api-secret")
            self.assertRaises(capability.BadSignatureError, capability.decode, text, KEY)
        header = capability.decode_unverified(text)[0]
        self.assertEqual(header["cty"], "twilio-fpa;v=1")
        self.assertEqual(header["twr"], "us1")
        self.assertEqual(claims["sub"], SID)
        self.assertEqual(claims["grants"]["voice"]["outgoing"]["application_sid"], APP)

    def test_taskrouter_token(self):
        from twilio.jwt.taskrouter.capabilities import WorkerCapabilityToken
        token = WorkerCapabilityToken(SID, KEY, "WS0123456789abcdef0123456789abcdef",
                                      "WK0123456789abcdef0123456789abcdef")
        with frozen_clock(NOW):
            text = token.to_jwt()
            claims = capability.decode(text, KEY)
        self.assertLess(len(text), jws.MAX_TOKEN_LENGTH)
        self.assertEqual(claims["iss"], SID)
        self.assertGreater(len(claims["policies"]), 3)


def _param_text():
    return st.text(st.characters(blacklist_categories=("Cs",)), max_size=12)


def _params():
    value = st.one_of(_param_text(), st.integers(-10 ** 20, 10 ** 20),
                      st.lists(st.one_of(_param_text(), st.integers(0, 99)), max_size=3))
    return st.lists(st.tuples(_param_text(), value), max_size=4, unique_by=lambda p: p[0])


def _expanded(pairs):
    result = []
    for key, value in pairs:
        for item in value if isinstance(value, list) else [value]:
            result.append((key, u"%s" % (item,)))
    return result


if hypothesis is not None:
    @st.composite
    def capabilities(draw):
        cap = capability.Capability(SID, KEY)
        given_params = {}
        # At least one allow_* call: Capability refuses a token allowing nothing.
        for kind in draw(st.lists(st.sampled_from(["incoming", "outgoing", "events"]),
                                  min_size=1, max_size=4)):
            if kind == "incoming":
                cap.allow_client_incoming(draw(st.from_regex(r"\A[A-Za-z0-9_]{1,20}\Z")))
            elif kind == "outgoing":
                params = draw(_params())
                cap.allow_client_outgoing(APP, dict(params))
                given_params["outgoing"] = params
            else:
                params = draw(_params())
                cap.allow_event_stream(dict(params))
                given_params["events"] = params
        return cap, given_params


@unittest.skipIf(hypothesis is None, "hypothesis is not installed")
class PropertyTest(unittest.TestCase):

    @settings(max_examples=150, deadline=None)
    @given(st.data())
    def test_generate_then_decode_gives_the_scopes_back(self, data):
        cap, given_params = data.draw(capabilities())
        ttl = data.draw(st.integers(1, 86400))
        nbf = data.draw(st.booleans())
        with frozen_clock(NOW):
            token = cap.generate(ttl=ttl, nbf=nbf)
            claims = capability.decode(token, KEY)
        self.assertEqual(claims["exp"], NOW + ttl)
        scopes = capability.parse_scopes(claims["scope"])
        self.assertEqual(scopes, cap.scopes())
        for scope in scopes:
            for name, kind in (("appParams", "outgoing"), ("params", "events")):
                if name in scope.params:
                    self.assertEqual(sorted(capability.parse_params(scope.params[name])),
                                     sorted(_expanded(given_params[kind])))

    @settings(max_examples=300, deadline=None)
    @given(st.data())
    def test_any_change_to_a_valid_token_is_rejected(self, data):
        cap, _ = data.draw(capabilities())
        with frozen_clock(NOW):
            token = cap.generate()
        position = data.draw(st.integers(0, len(token)))
        action = data.draw(st.sampled_from(["replace", "insert", "delete"]))
        char = data.draw(st.one_of(st.sampled_from(ALPHABET + ".=+/ \n"), st.characters()))
        if action == "replace" and position < len(token):
            mutated = token[:position] + char + token[position + 1:]
        elif action == "insert":
            mutated = token[:position] + char + token[position:]
        else:
            mutated = token[:position] + token[position + 1:]
        assume(mutated != token)
        with frozen_clock(NOW):
            self.assertRaises(capability.InvalidTokenError, capability.decode, mutated, KEY)

    @settings(max_examples=300, deadline=None)
    @given(st.one_of(st.text(max_size=300), st.binary(max_size=300),
                     st.lists(st.text(ALPHABET, max_size=60), min_size=3, max_size=3)
                     .map(".".join)))
    def test_garbage_raises_only_the_library_errors(self, text):
        try:
            capability.decode(text, KEY)
        except capability.InvalidTokenError:
            pass
        try:
            capability.decode_unverified(text)
        except capability.InvalidTokenError:
            pass

    @settings(max_examples=200, deadline=None)
    @given(st.dictionaries(st.text(max_size=8), st.recursive(
        st.none() | st.booleans() | st.integers(-2 ** 60, 2 ** 60) | st.text(max_size=8)
        | st.floats(allow_nan=False, allow_infinity=False),
        lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner,
                                                                    max_size=3),
        max_leaves=10), max_size=4))
    def test_signed_arbitrary_json_raises_only_the_library_errors(self, extra):
        payload = dict(extra)
        payload.setdefault("iss", SID)
        payload.setdefault("exp", NOW + 60)
        token = jws.sign(json.dumps(payload).encode("utf-8"), KEY.encode("ascii"))
        with frozen_clock(NOW):
            try:
                claims = capability.decode(token, KEY)
            except capability.InvalidTokenError:
                return
        self.assertEqual(claims, json.loads(json.dumps(payload)))

    @unittest.skipIf(jwt is None, "PyJWT is not installed")
    @settings(max_examples=200, deadline=None)
    @given(st.data())
    def test_verdict_agrees_with_pyjwt(self, data):
        cap, _ = data.draw(capabilities())
        ttl = data.draw(st.integers(1, 86400))
        with frozen_clock(NOW):
            token = cap.generate(ttl=ttl, nbf=data.draw(st.booleans()))
        now = NOW + data.draw(st.integers(-200, 86400 + 200))
        leeway = data.draw(st.sampled_from([0, 1, 30, 100]))
        key = data.draw(st.sampled_from([KEY, KEY + "x", "other"]))
        ours = our_verdict(token, key, now, leeway)
        theirs = pyjwt_verdict(token, key, now, leeway)
        self.assertEqual(ours[0], theirs[0])
        self.assertEqual(ours[1], theirs[1])

    @unittest.skipIf(jwt is None, "PyJWT is not installed")
    @settings(max_examples=300, deadline=None)
    @given(st.data())
    def test_what_we_accept_pyjwt_accepts_identically(self, data):
        # PyJWT is the lenient one: where it refuses, we must refuse too.
        cap, _ = data.draw(capabilities())
        with frozen_clock(NOW):
            token = cap.generate()
        position = data.draw(st.integers(0, len(token) - 1))
        replacement = data.draw(st.sampled_from(ALPHABET + "."))
        mutated = token[:position] + replacement + token[position + 1:]
        assume(mutated != token)
        ours = our_verdict(mutated, KEY, NOW)
        theirs = pyjwt_verdict(mutated, KEY, NOW)
        if theirs[0] != "ok":
            self.assertNotEqual(ours[0], "ok")
        if ours[0] == "ok":
            self.assertEqual(ours, theirs)


if __name__ == "__main__":
    unittest.main()
