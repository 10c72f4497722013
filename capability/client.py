"""Twilio Client capability tokens, in the shape of twilio-ruby's ``Capability``."""
import time

from . import credentials, jws
from .checks import (check_client_name, check_distinct_keys, check_sid, check_ttl,
                     checked_property)
from .encoding import PY3_STR, text, text_type
from .exc import CredentialsError, InvalidTypeError, InvalidValueError
from .scopes import Scope, encode_params, quote, scope_text

EVENTS_PATH = "/2010-04-01/Events"
# What generate() says with no allow_* call; the command line says the same in its terms.
NOTHING_TO_ALLOW = ("nothing to allow: call allow_client_incoming, allow_client_outgoing or "
                    "allow_event_stream before generate()")


class Capability(object):
    """Grants for one Twilio Client, signed into a token by ``generate()``.

    >>> cap = Capability("AC" + "0" * 32, "auth-token")
    >>> cap.allow_client_incoming("alice")
    >>> token = cap.generate(ttl=600)
    """

    # A token with an empty scope lets a client do nothing, so generate() refuses it;
    # twilio-python's faces (client_token.py) set this and sign it, as twilio-python does.
    _allow_nothing = False

    def __init__(self, account_sid=None, auth_token=None):
        """Each credential is the argument, else ``configure()``'s, else the environment's
        (``TWILIO_ACCOUNT_SID``, ``TWILIO_AUTH_TOKEN``); a missing or malformed one
        raises ``CredentialsError``.

        >>> cap = Capability()  # doctest: +SKIP
        """
        self._account_sid, self._key = credentials.resolve(account_sid, auth_token)
        self._client_name = None
        # (kind, service, privilege, params, scope text) in the order each allow_*
        # method was first called: the text is written once here, not per token, and
        # Scope objects are made only when scopes() or repr asks.
        self._scopes = []

    # Written unescaped, so checked when set (assignment too) and trusted by _sign.
    account_sid = checked_property(
        "account_sid", lambda value: check_sid(value, "AC", "account_sid", CredentialsError))
    client_name = checked_property(
        "client_name", lambda value: None if value is None else check_client_name(value))

    def allow_client_incoming(self, client_name):
        """Let the client receive calls addressed to ``client_name``."""
        name = self._client_name = check_client_name(client_name)
        # A checked name needs no quoting: this is scope_text()'s text, written directly.
        self._set("incoming", "client", "incoming", {"clientName": name},
                  "scope:client:incoming?clientName=" + name)

    def allow_client_outgoing(self, application_sid, params=None, **kwargs):
        """Let the client call the TwiML app; ``params`` (or keywords) reach it."""
        app_sid = check_sid(application_sid, "AP", "application_sid", InvalidValueError)
        scope_params = {"appSid": app_sid}
        # scope_text()'s text, written directly: appParams sorts before appSid, and a
        # checked SID needs no quoting.
        text = "scope:client:outgoing?appSid=" + app_sid
        app_params = _pairs(params, kwargs, "params")
        if app_params:
            query = scope_params["appParams"] = encode_params(app_params, "params")
            text = ("scope:client:outgoing?appParams=" + quote(query.encode("ascii"))
                    + "&appSid=" + app_sid)  # encode_params gives ASCII
        self._set("outgoing", "client", "outgoing", scope_params, text)

    def allow_event_stream(self, filters=None, **kwargs):
        """Let the client subscribe to the account's event stream."""
        scope_params = {"path": EVENTS_PATH}
        stream_params = _pairs(filters, kwargs, "filters")
        if stream_params:
            scope_params["params"] = encode_params(stream_params, "filters")
        self._set("events", "stream", "subscribe", scope_params)

    def scopes(self):
        """The scopes ``generate()`` signs, in order; ``clientName`` joins outgoing."""
        result = []
        for kind, service, privilege, params, _ in self._scopes:
            scope = Scope(service, privilege, params)
            if kind == "outgoing" and self._client_name is not None:
                scope.params["clientName"] = self._client_name
            result.append(scope)
        return result

    def generate(self, ttl=3600, nbf=True):
        """The signed token as ``str``; it expires ``ttl`` seconds from now.

        ``ttl`` is whole seconds from 1 to 86400; ``nbf=False`` leaves out the
        not-before claim, for servers whose clocks disagree with Twilio's. A bad
        ``ttl`` or ``nbf`` raises ``InvalidTypeError`` or ``InvalidValueError``; so
        does a ``Capability`` with no ``allow_*`` call (``InvalidValueError``).

        >>> token = cap.generate(ttl=600)  # doctest: +SKIP
        """
        check_ttl(ttl)
        if nbf is not True and nbf is not False:
            raise InvalidTypeError("nbf must be True or False, not %s" % type(nbf).__name__)
        if not self._scopes and not self._allow_nothing:
            raise InvalidValueError(NOTHING_TO_ALLOW)
        now = int(time.time())  # the only clock read: exp and nbf agree
        return self._sign(now + ttl, now if nbf else None)

    def _sign(self, exp, nbf):
        """The token with these ``exp`` and ``nbf`` (None leaves it out).

        The hook ``ClientCapabilityToken`` signs through, for its explicit
        ``nbf`` and ``valid_until``.
        """
        # clientName sorts after appParams and appSid, so appending it to the outgoing
        # text gives the to_string() of the scope scopes() returns (a test compares them).
        # No JSON escaping needed: allow_* wrote each scope text (quote_plus output,
        # held privately), the SID and name were checked when set, the times are ints.
        name = self._client_name
        suffix = "" if name is None else "&clientName=" + name
        scope = " ".join([text + suffix if kind == "outgoing" else text
                          for kind, _, _, _, text in self._scopes])
        if nbf is None:
            claims = '{"scope":"%s","iss":"%s","exp":%d}' % (scope, self._account_sid, exp)
        else:
            claims = '{"scope":"%s","iss":"%s","exp":%d,"nbf":%d}' % (
                scope, self._account_sid, exp, nbf)
        return jws.sign(claims.encode("ascii"), self._key)

    def _set(self, kind, service, privilege, params, text=None):
        entry = (kind, service, privilege, params,
                 text or scope_text(service, privilege, params))
        for index, existing in enumerate(self._scopes):
            if existing[0] == kind:
                self._scopes[index] = entry
                return
        self._scopes.append(entry)

    def __repr__(self):
        return "<Capability account_sid=%r scopes=%r>" % (
            self.account_sid, [scope.to_string() for scope in self.scopes()])


def _pairs(mapping, kwargs, what):
    """(key, value) pairs of a mapping, in its own order, then of the keywords;
    no key twice, even as bytes and text."""
    if mapping.__class__ is dict and not kwargs:
        pairs = list(mapping.items())
        # Accepts only the usual: one plain dict of str keys, which cannot repeat.
        if all([key.__class__ is PY3_STR for key, _ in pairs]):
            return pairs
    if mapping is None:
        return list(kwargs.items())
    if not hasattr(mapping, "keys") or not hasattr(mapping, "__getitem__"):
        raise InvalidTypeError("%s must be a mapping, not %s" % (what, type(mapping).__name__))
    pairs = [(key, mapping[key]) for key in mapping.keys()]
    for key in kwargs:
        if key in mapping:
            raise InvalidValueError("%r given both in %s and as a keyword" % (key, what))
        pairs.append((key, kwargs[key]))
    if len(pairs) > 1:  # a single key cannot come twice
        # Other key types are encode_params' to refuse, with its message.
        check_distinct_keys([text(key, "a key of " + what) for key, _ in pairs
                             if isinstance(key, (bytes, text_type))], what)
    return pairs
