"""Twilio Client capability tokens, in the shape of twilio-ruby's ``Capability``."""
import time

from . import credentials, jws
from .checks import check_client_name, check_sid, check_ttl, checked_property
from .exc import CredentialsError, InvalidTypeError, InvalidValueError
from .scopes import Scope, encode_mapping, scope_text

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
    _client_name = None  # until allow_client_incoming or an assignment sets it

    def __init__(self, account_sid=None, auth_token=None):
        """Each credential is the argument, else ``configure()``'s, else the environment's
        (``TWILIO_ACCOUNT_SID``, ``TWILIO_AUTH_TOKEN``); a missing or malformed one
        raises ``CredentialsError``.

        >>> cap = Capability()  # doctest: +SKIP
        """
        self._account_sid, self._key = credentials.resolve(account_sid, auth_token)
        # Each allow_* call writes its scope text once, not per token: _texts in the
        # order each kind was first allowed (the outgoing one without clientName, which
        # _sign appends), and in _scopes each kind's place there and its (service,
        # privilege, params), from which scopes() makes Scope objects when asked.
        self._texts = []
        self._scopes = {}

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
        encoded = encode_mapping(params, kwargs, "params")
        # scope_text()'s text, written directly: appParams sorts before appSid, and a
        # checked SID needs no quoting.
        if encoded is None:
            self._set("outgoing", "client", "outgoing", {"appSid": app_sid},
                      "scope:client:outgoing?appSid=" + app_sid)
            return
        query, quoted = encoded
        self._set("outgoing", "client", "outgoing", {"appParams": query, "appSid": app_sid},
                  "scope:client:outgoing?appParams=%s&appSid=%s" % (quoted, app_sid))

    def allow_event_stream(self, filters=None, **kwargs):
        """Let the client subscribe to the account's event stream."""
        scope_params = {"path": EVENTS_PATH}
        encoded = encode_mapping(filters, kwargs, "filters")
        if encoded is not None:
            scope_params["params"] = encoded[0]
        self._set("events", "stream", "subscribe", scope_params,
                  scope_text("stream", "subscribe", scope_params))

    def scopes(self):
        """The scopes ``generate()`` signs, in order; ``clientName`` joins outgoing."""
        result = [None] * len(self._texts)
        for kind, (index, service, privilege, params) in self._scopes.items():
            result[index] = scope = Scope(service, privilege, params)
            if kind == "outgoing" and self._client_name is not None:
                scope.params["clientName"] = self._client_name
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
        if not self._texts and not self._allow_nothing:
            raise InvalidValueError(NOTHING_TO_ALLOW)
        now = int(time.time())  # the only clock read: exp and nbf agree
        return self._sign(now + ttl, now if nbf else None)

    def _sign(self, exp, nbf):
        """The token with these ``exp`` and ``nbf`` (None leaves it out).

        The hook ``ClientCapabilityToken`` signs through, for its explicit
        ``nbf`` and ``valid_until``.
        """
        texts = self._texts
        outgoing = self._scopes.get("outgoing")
        if outgoing is not None and self._client_name is not None:
            # clientName sorts after appParams and appSid, so appending it gives the
            # to_string() of the scope scopes() returns (a test compares them).
            texts = texts[:]
            texts[outgoing[0]] += "&clientName=" + self._client_name
        # No JSON escaping needed: allow_* wrote each scope text (quote_plus output,
        # held privately), the SID and name were checked when set, the times are ints.
        if nbf is None:
            claims = '{"scope":"%s","iss":"%s","exp":%d}' % (
                " ".join(texts), self._account_sid, exp)
        else:
            claims = '{"scope":"%s","iss":"%s","exp":%d,"nbf":%d}' % (
                " ".join(texts), self._account_sid, exp, nbf)
        return jws.sign(claims.encode("ascii"), self._key)

    def _set(self, kind, service, privilege, params, text):
        """Allow ``kind`` with this scope; a kind allowed before keeps its place."""
        entry = self._scopes.get(kind)
        if entry is None:
            self._scopes[kind] = (len(self._texts), service, privilege, params)
            self._texts.append(text)
        else:
            self._scopes[kind] = (entry[0], service, privilege, params)
            self._texts[entry[0]] = text

    def __repr__(self):
        return "<Capability account_sid=%r scopes=%r>" % (
            self.account_sid, [scope.to_string() for scope in self.scopes()])
