"""Every accept-only fast path gives what the general path below it gives: the same
value, or the same error type and message.

The fast paths accept only exact built-in types (``value.__class__ is str``), so
the same value as a subclass (``Text``, ``Dict``, ``Int``) takes the general
path: each check runs both ways and compares. Writers are compared with the
general writer they stand in for (``encode(token._claims(...))``, the grant's
``_members()``, ``Scope.to_string()``) or with ``json.dumps``. Random inputs come
from ``random`` here (every interpreter) and from hypothesis in the oracle run.
"""
import json
import random
import sys
import unittest

import capability
from capability import checks, credentials, jsonwriter, scopes, taskrouter
from capability.encoding import text_type
from capability.exc import CapabilityError
from capability.grants import AccessTokenGrant, VoiceGrant, grant_key

from .support import optional_import

hypothesis = optional_import("hypothesis")


class Text(text_type):
    """The same text as another class: every fast path passes it by."""


class Native(str):
    """The same native str as another class (bytes on Python 2)."""


class Dict(dict):
    """The same dict as another class."""


class Bytes(bytes):
    """The same bytes as another class."""


class Int(type(10 ** 100)):
    """The same whole number as another class (long on Python 2, for big ones)."""


def outcome(func, *args):
    """("value", value, its type) or ("error", error type, message)."""
    try:
        value = func(*args)
    except CapabilityError as error:
        return ("error", type(error), str(error))
    return ("value", value, type(value))


# Characters that matter to some check: SID hex, name characters, quoting, JSON
# escapes, controls, whitespace, non-ASCII, astral; a lone surrogate on Python 3.
CHARS = (u"0123456789abcdefABCDEF_.-~ +%&=?:/\"\\\t\n\x00\x7f\xa0\xe9\u2028\u6771\U0001F600"
         + (u"" if sys.version_info[0] == 2 else u"\ud800"))
PREFIXES = ["AC", "AP", "SK", "IS", "CR", "WS", "WK"]


def random_text(rng):
    kind = rng.random()
    if kind < 0.3:  # near a SID
        text = rng.choice(PREFIXES) + u"".join(rng.choice(u"0123456789abcdef") for _ in range(32))
        if rng.random() < 0.5:
            position = rng.randrange(len(text))
            text = text[:position] + rng.choice(CHARS) + text[position + 1:]
        return text
    if kind < 0.6:  # name-like
        return u"".join(rng.choice(u"abcXYZ019_") for _ in range(rng.randint(0, 8))) + (
            rng.choice(CHARS) if rng.random() < 0.4 else u"")
    return u"".join(rng.choice(CHARS) for _ in range(rng.randint(0, 10)))


def text_checks(value):
    """(label, function of the value) for each check taking text."""
    return [
        # The prefix is always one of the library's own, never caller text.
        ("check_sid", lambda v: checks.check_sid(v, v[:2] if v[:2] in PREFIXES else "AC",
                                                 "the sid", capability.InvalidValueError)),
        ("check_client_name", checks.check_client_name),
        ("check_text", lambda v: checks.check_text(v, "the text")),
        ("check_secret", lambda v: checks.check_secret(v, "the secret")),
        ("quoted", lambda v: scopes._quoted(v, "the value")),
        ("param_text", lambda v: scopes.param_text(u"k", v)),
        ("scope_text", lambda v: scopes.scope_text("s", "p", {u"k": v, u"a": v})),
    ]


class Checker(object):
    """The comparisons, shared by the stdlib test and the hypothesis test."""

    def same_for_text(self, value):
        for label, check in text_checks(value):
            self.assertEqual(outcome(check, value), outcome(check, Text(value)),
                             (label, value))
        if sys.version_info[0] == 2:  # the fast paths there take the native str, bytes
            native = value.encode("utf-8")
            for label, check in text_checks(native):
                # [:2]: Python 2's general path may hand back the Native object itself.
                self.assertEqual(outcome(check, native)[:2], outcome(check, Native(native))[:2],
                                 (label, native))

    def same_quote(self, value):
        data = value.encode("utf-8", "surrogatepass") if isinstance(value, text_type) else value
        fast = outcome(scopes.quote, data)
        self.assertEqual(fast, outcome(scopes.quote, Bytes(data)), data)
        self.assertEqual(fast[2], str, data)

    def same_query(self, mapping):
        """encode_mapping: a plain dict against the same pairs as a Dict, and its quoted
        query against quote() of the query."""
        fast = outcome(scopes.encode_mapping, mapping, {}, "params")
        self.assertEqual(fast, outcome(scopes.encode_mapping, Dict(mapping), {}, "params"),
                         mapping)
        if fast[0] == "value" and fast[1] is not None:
            query, quoted = fast[1]
            self.assertEqual(query, scopes.encode_params(
                [(slow(key), slow(value)) for key, value in mapping.items()], "params"), mapping)
            self.assertEqual(quoted, scopes.quote(Bytes(query.encode("ascii"))), mapping)

    def same_json_string(self, value):
        self.assertEqual(jsonwriter.string(value), json.dumps(value), value)
        saved, jsonwriter._c_string = jsonwriter._c_string, None  # without json's C writer
        try:
            self.assertEqual(jsonwriter.string(value), json.dumps(value), value)
        finally:
            jsonwriter._c_string = saved

    def same_ttl(self, ttl):
        fast, general = outcome(checks.check_ttl, ttl), outcome(checks.check_ttl, Int(ttl))
        self.assertEqual(fast[:2], general[:2], ttl)

    def same_voice_json(self, incoming, app, params, push, endpoint):
        arguments = (incoming, app, params, push, endpoint)
        made = outcome(lambda: VoiceGrant(*arguments))
        if made[0] == "error":
            self.assertEqual(made, written(general_grant(VoiceGrant, arguments)), arguments)
            return
        grant = made[1]
        general = written(lambda: AccessTokenGrant._json(grant))
        self.assertEqual(written(grant._json), general, arguments)
        # The JSON a grant keeps between tokens, and after a field is assigned again.
        self.assertEqual(written(grant._signed_json), general, arguments)
        grant.endpoint_id = endpoint
        self.assertEqual(written(grant._signed_json), general, arguments)
        grant.push_credential_sid = "not a SID"
        self.assertEqual(outcome(grant._signed_json)[0], "error", arguments)

    def same_grant_json(self, cls, arguments):
        """A grant made (checked by its own writer) and signed, against the general writer."""
        made = outcome(lambda: cls(*arguments))
        general = written(general_grant(cls, arguments))
        if made[0] == "error":
            self.assertEqual(made, general, (cls, arguments))
        else:
            self.assertEqual(written(made[1]._signed_json), general, (cls, arguments))

    def same_policy(self, url, method, allow, query_filter, post_filter):
        policy = {"url": url, "method": method, "allow": allow, "query_filter": query_filter,
                  "post_filter": post_filter}
        fast = outcome(taskrouter._check_policy, policy, "policy")
        self.assertEqual(fast, outcome(taskrouter._check_policy, Dict(policy), "policy"), policy)
        general = written(lambda: jsonwriter.raw(taskrouter._check_policy(Dict(policy),
                                                                           "policies[0]")))
        self.assertEqual(written(taskrouter._policy_json, policy, 0), general, policy)

    def same_capability(self, account_sid, auth_token, steps):
        def make(general):
            cap = capability.Capability(general(account_sid), general(auth_token))
            for step in steps:
                getattr(cap, step[0])(*[general(argument) for argument in step[1:]])
            return cap
        fast, general = outcome(make, same), outcome(make, slow)
        if fast[0] == "error" or general[0] == "error":
            self.assertEqual(fast, general, steps)
            return
        fast, general = fast[1], general[1]
        signed = outcome(fast._sign, 1700003600, 1700000000)
        self.assertEqual(signed, outcome(general._sign, 1700003600, 1700000000), steps)
        if signed[0] == "error":
            texts = outcome(lambda: [scope.to_string() for scope in fast.scopes()])
            self.assertEqual(signed[:2], texts[:2])
            return
        claims = json.loads(_payload(signed[1]))
        self.assertEqual(claims["scope"], " ".join(scope.to_string() for scope in fast.scopes()))

    def same_data_json(self, value):
        # Python 2 may iterate a dict and its copy in different orders: compare as dicts there.
        def loaded(data):
            text = jsonwriter.data_json(data, "the value")
            return text_type(text) if sys.version_info[0] > 2 else json.loads(text)
        self.assertEqual(outcome(loaded, value)[:2], outcome(loaded, slow(value))[:2], value)

    def same_scope_check(self, text):
        self.assertEqual(outcome(scopes.check_scopes, text),
                         outcome(lambda: (scopes.parse_scopes(text), text)[1]), text)

    def same_resolution(self, account_sid, auth_token):
        credentials._resolved.clear()
        first = outcome(credentials.resolve, account_sid, auth_token)
        again = outcome(credentials.resolve, account_sid, auth_token)  # from the cache, if any
        general = outcome(credentials.resolve, Text(account_sid), Text(auth_token))
        self.assertEqual(first, again)
        self.assertEqual(first, general)

    def same_claims(self, token):
        for now in (1700000000, 1700000000 + 7):
            exp, nbf = now + 600, now
            for nbf_value in (nbf, None):
                self.assertEqual(outcome(token._claims_json, now, exp, nbf_value),
                                 outcome(lambda: jsonwriter.encode(
                                     token._claims(now, exp, nbf_value))))


def written(func, *args):
    """``outcome``, with JSON text compared as text whatever its class."""
    result = outcome(func, *args)
    return result if result[0] == "error" else ("value", text_type(result[1]))


def general_grant(cls, arguments):
    """The general writer's JSON for a grant made unchecked with ``arguments``."""
    def write():
        grant = cls.__new__(cls)
        if cls is capability.PlaybackGrant:
            grant.grant = arguments[0]
        else:
            grant.__dict__.update(zip(cls._FIELDS, arguments))
        return AccessTokenGrant._json(grant)
    return write


def same(value):
    return value


def slow(value):
    """The value as classes no fast path takes: text as Text, dicts as Dict."""
    if isinstance(value, text_type):
        return Text(value)
    if isinstance(value, dict):
        return Dict((slow(key), slow(item)) for key, item in value.items())
    return value


def _payload(token):
    import base64
    segment = token.split(".")[1]
    return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4)).decode("ascii")


def random_grant_arguments(rng, text=None):
    """(grant class, constructor arguments): each field None, a SID of its kind, or random."""
    text = text or (lambda: random_text(rng))
    cls = rng.choice(capability.grants.GRANTS)
    if cls is capability.PlaybackGrant:
        return cls, (rng.choice([None, {}, [text()], dict((text(), rng.choice(
            [text(), None, 1, {u"k": text()}])) for _ in range(rng.randint(1, 3)))]),)
    arguments = []
    for name in cls._FIELDS:
        prefix = cls._PREFIXES.get(name, "")
        arguments.append(rng.choice([None, None, text(), prefix + "0123456789abcdef" * 2,
                                     (prefix + "0a" * 16).encode("ascii"), Text(text())]))
    if cls is VoiceGrant:
        arguments[0] = rng.choice([True, False, None, 1])
        arguments[2] = rng.choice([None, {}, {text(): text()}, {u"k": None}, [text()]])
    return cls, tuple(arguments)


def random_grants(rng):
    app = "AP" + "0123456789abcdef" * 2
    sid = random_text(rng)
    choices = [
        lambda: capability.VoiceGrant(incoming_allow=rng.choice([True, None, False]),
                                      outgoing_application_sid=rng.choice([app, None])),
        lambda: capability.VoiceGrant(True, app, {u"to": random_text(rng)}),
        lambda: capability.VideoGrant(room=random_text(rng) or None),
        lambda: capability.ChatGrant(service_sid=sid, endpoint_id=random_text(rng) or None),
        lambda: capability.SyncGrant(service_sid=sid),
        lambda: capability.PlaybackGrant(grant={u"k": random_text(rng)}),
    ]
    grants = []
    for make in rng.sample(choices, rng.randint(0, 3)):
        try:
            grants.append(make())
        except CapabilityError:
            pass
    return [grant for index, grant in enumerate(grants)
            if grant.key not in [other.key for other in grants[:index]]]


class RandomInputsTest(Checker, unittest.TestCase):
    """Random valid and invalid inputs through both paths, with nothing installed."""

    def setUp(self):
        self.rng = random.Random(11)

    def test_text_checks(self):
        for _ in range(3000):
            self.same_for_text(random_text(self.rng))

    @unittest.skipIf(sys.version_info[0] == 2, "json.dumps of Python 2 text differs in type only")
    def test_quote(self):
        for _ in range(3000):
            value = random_text(self.rng)
            self.same_quote(value)
            self.same_quote(u"=&".join([value, random_text(self.rng), value]))

    def test_queries(self):
        values = [lambda: random_text(self.rng), lambda: self.rng.randint(-5, 10 ** 6),
                  lambda: [random_text(self.rng)], lambda: None,
                  lambda: random_text(self.rng).encode("utf-8", "surrogatepass")]
        for _ in range(3000):
            key = self.rng.choice([random_text, lambda rng: u"user_id", lambda rng: b"k"])(self.rng)
            pairs = [(key, self.rng.choice(values[:1] * 4 + values)())]
            # Python 2 may iterate a dict and its copy in different orders: one pair there.
            if self.rng.random() < 0.3 and sys.version_info[0] > 2:
                pairs.append((random_text(self.rng), random_text(self.rng)))
            self.same_query(dict(pairs))

    def test_json_strings(self):
        for _ in range(3000):
            self.same_json_string(random_text(self.rng))

    def test_data_json(self):
        for _ in range(2000):
            self.same_data_json(dict((random_text(self.rng), self.rng.choice(
                [random_text(self.rng), 1, None, [random_text(self.rng)], b"x", u"plain"]))
                for _ in range(self.rng.randint(0, 3))))

    def test_grants(self):
        for _ in range(3000):
            cls, arguments = random_grant_arguments(self.rng)
            self.same_grant_json(cls, arguments)

    def test_ttl(self):
        for ttl in [-1, 0, 1, 2, 3600, 86399, 86400, 86401, 10 ** 20, -10 ** 20]:
            self.same_ttl(ttl)

    def test_voice_grants(self):
        app = "AP" + "0123456789abcdef" * 2
        for incoming in (True, False, None, 1):
            for sid in (app, None, app.upper(), random_text(self.rng)):
                for params in (None, {}, {u"a": u"b"}):
                    for push in (None, "CR" + "0" * 32):
                        self.same_voice_json(incoming, sid, params, push, None)
                        self.same_voice_json(incoming, sid, params, None, u"web")

    def test_policies(self):
        for _ in range(2000):
            rng = self.rng
            self.same_policy(
                rng.choice([u"https://x/" + random_text(rng), random_text(rng), None, 3]),
                rng.choice([u"GET", u"post", u"", random_text(rng), b"GET"]),
                rng.choice([True, False, 1, None]),
                rng.choice([{}, {u"a": 1}, None, []]), rng.choice([{}, {u"b": [1]}, Dict()]))

    def test_capability_tokens(self):
        rng = self.rng
        for _ in range(1500):
            steps = []
            for _ in range(rng.randint(0, 4)):
                kind = rng.choice(["allow_client_incoming", "allow_client_outgoing",
                                   "allow_event_stream"])
                if kind == "allow_client_incoming":
                    steps.append((kind, random_text(rng)))
                elif kind == "allow_client_outgoing":
                    steps.append((kind, rng.choice(["AP" + "ab" * 16, random_text(rng)]),
                                  rng.choice([None, {random_text(rng) or u"k": random_text(rng)}])))
                else:
                    steps.append((kind, rng.choice([None, {u"f": random_text(rng)}])))
            self.same_capability(rng.choice(["AC" + "0a" * 16, random_text(rng)]),
                                 rng.choice([u"secret", random_text(rng)]), steps)

    def test_scope_checks(self):
        usual = (u"scope:client:incoming?clientName=alice scope:client:outgoing?appParams="
                 u"user_id%3D42%26to%3Da%2Bb&appSid=APfedcba9876543210fedcba9876543210&clientName="
                 u"alice scope:stream:subscribe?params=a%3D1&path=%2F2010-04-01%2FEvents")
        for _ in range(3000):
            text = usual
            for _ in range(self.rng.randint(0, 3)):
                position = self.rng.randrange(len(text))
                text = text[:position] + self.rng.choice(CHARS + u"%&=?:s ") + text[position + 1:]
            self.same_scope_check(text)
            self.same_scope_check(text[:self.rng.randrange(len(text))])

    def test_resolution(self):
        for _ in range(500):
            self.same_resolution(self.rng.choice(["AC" + "0a" * 16, random_text(self.rng)]),
                                 self.rng.choice([u"secret", random_text(self.rng)]))

    def test_grant_keys(self):
        for key in [u"voice", u"video", u"identity", u"", u"x", u"chat"]:
            grant = capability.VideoGrant()
            grant.key = key
            other = capability.VideoGrant()
            other.key = Text(key)
            self.assertEqual(outcome(grant_key, grant)[:2], outcome(grant_key, other)[:2])

    def test_access_and_taskrouter_claims(self):
        rng = self.rng
        for _ in range(300):
            try:
                token = capability.AccessToken(
                    "AC" + "0a" * 16, "SK" + "0b" * 16, "secret",
                    identity=rng.choice([None, u"alice", random_text(rng) or None]),
                    region=rng.choice([None, "ie1"]))
                for grant in random_grants(rng):
                    token.add_grant(grant)
            except CapabilityError:
                continue
            self.same_claims(token)
        for cls, channel in [(capability.WorkerCapabilityToken, "WK" + "0c" * 16),
                             (capability.TaskQueueCapabilityToken, "WQ" + "0c" * 16),
                             (capability.WorkspaceCapabilityToken, None)]:
            arguments = ["AC" + "0a" * 16, "secret", "WS" + "0d" * 16] + (
                [channel] if channel else [])
            token = cls(*arguments, **dict((name, True) for name, _ in cls._FLAGS))
            self.same_claims(token)
            token.policies.append({"url": u"https://x/\u00e9", "method": u"GET", "allow": False,
                                   "query_filter": {}, "post_filter": {}})
            self.same_claims(token)


if hypothesis is not None:
    from hypothesis import given, settings, strategies as st

    every_char = st.characters(min_codepoint=0, max_codepoint=0x10FFFF,
                               blacklist_categories=() if sys.version_info[0] > 2 else ("Cs",))
    texts = st.one_of(st.text(every_char, max_size=12),
                      st.text(st.sampled_from(CHARS), max_size=12),
                      st.builds(lambda prefix, digits: prefix + digits, st.sampled_from(PREFIXES),
                                st.text(st.sampled_from(u"0123456789abcdefG "), min_size=30,
                                        max_size=34)))

    class HypothesisEquivalenceTest(Checker, unittest.TestCase):
        """The same comparisons on inputs hypothesis looks for (the oracle run)."""

        @settings(max_examples=1500, deadline=None)
        @given(texts)
        def test_text_checks(self, value):
            self.same_for_text(value)
            if sys.version_info[0] > 2:
                self.same_json_string(value)

        @settings(max_examples=500, deadline=None)
        @given(st.one_of(texts, st.binary(max_size=12)))
        def test_quote(self, value):
            self.same_quote(value)

        @settings(max_examples=800, deadline=None)
        @given(st.dictionaries(st.one_of(texts, st.binary(max_size=4)),
                               st.one_of(texts, st.integers(), st.none(), st.binary(max_size=4),
                                         st.lists(texts, max_size=2)), max_size=2))
        def test_queries(self, mapping):
            self.same_query(mapping)

        @settings(max_examples=500, deadline=None)
        @given(st.dictionaries(texts, st.one_of(texts, st.integers(), st.none()), max_size=3))
        def test_data_json(self, value):
            self.same_data_json(value)

        @settings(max_examples=1000, deadline=None)
        @given(st.randoms(use_true_random=False), st.data())
        def test_grants(self, rng, data):
            self.same_grant_json(*random_grant_arguments(rng, lambda: data.draw(texts)))

        @settings(max_examples=300, deadline=None)
        @given(st.integers(-10 ** 6, 10 ** 6))
        def test_ttl(self, ttl):
            self.same_ttl(ttl)

        @settings(max_examples=500, deadline=None)
        @given(st.one_of(st.none(), st.booleans(), st.integers()), st.one_of(st.none(), texts),
               st.one_of(st.none(), st.dictionaries(texts, texts, max_size=2)),
               st.one_of(st.none(), texts), st.one_of(st.none(), texts))
        def test_voice_grants(self, incoming, app, params, push, endpoint):
            self.same_voice_json(incoming, app, params, push, endpoint)

        @settings(max_examples=500, deadline=None)
        @given(st.one_of(texts, st.none()), st.one_of(texts, st.binary(max_size=4)),
               st.one_of(st.booleans(), st.none(), st.integers()),
               st.one_of(st.just({}), st.dictionaries(texts, texts, max_size=2)),
               st.one_of(st.just({}), st.dictionaries(texts, st.integers(), max_size=2)))
        def test_policies(self, url, method, allow, query_filter, post_filter):
            self.same_policy(url, method, allow, query_filter, post_filter)

        @settings(max_examples=400, deadline=None)
        @given(texts, texts, st.lists(st.one_of(
            st.tuples(st.just("allow_client_incoming"), texts),
            st.tuples(st.just("allow_client_outgoing"), texts,
                      st.one_of(st.none(), st.dictionaries(texts, texts, max_size=2))),
            st.tuples(st.just("allow_event_stream"),
                      st.one_of(st.none(), st.dictionaries(texts, texts, max_size=2)))),
            max_size=4))
        def test_capability_tokens(self, account_sid, auth_token, steps):
            self.same_capability(account_sid, auth_token, steps)

        @settings(max_examples=500, deadline=None)
        @given(st.lists(st.one_of(
            st.builds(lambda name: u"scope:client:incoming?clientName=" + name, texts),
            st.builds(lambda a, b, c: u"scope:client:outgoing?appParams=%s&appSid=%s&clientName=%s"
                      % (a, b, c), texts, texts, texts),
            st.builds(lambda a, b: u"scope:stream:subscribe?params=%s&path=%s" % (a, b),
                      texts, texts)), max_size=3).map(u" ".join))
        def test_scope_checks(self, text):
            self.same_scope_check(text)

        @settings(max_examples=300, deadline=None)
        @given(texts, texts)
        def test_resolution(self, account_sid, auth_token):
            self.same_resolution(account_sid, auth_token)


if __name__ == "__main__":
    unittest.main()
