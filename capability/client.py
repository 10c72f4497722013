"""Twilio Client capability tokens, in the shape of twilio-ruby's ``Capability``."""
import time

from . import credentials, jws
from .checks import check_client_name, check_sid, check_ttl, checked_property
from .exc import CredentialsError, InvalidTypeError, InvalidValueError
from .scopes import encode_mapping, parse_scope, scope_text

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
        # Each allow_* call writes its scope text once, not per token, in the order each
        # kind was first allowed (the outgoing one without clientName, which _sign
        # appends); scopes() parses them back when asked.
        self._kinds = []
        self._texts = []

    # Written unescaped, so checked when set (assignment too) and trusted by _sign.
    account_sid = checked_property(
        "account_sid", lambda value: check_sid(value, "AC", "account_sid", CredentialsError))
    client_name = checked_property(
        "client_name", lambda value: None if value is None else check_client_name(value))

    def allow_client_incoming(self, client_name):
        """Let the client receive calls addressed to ``client_name``."""
        name = self._client_name = check_client_name(client_name)
        # A checked name needs no quoting: this is scope_text()'s text, written directly.
        self._set("incoming", "scope:client:incoming?clientName=" + name)

    def allow_client_outgoing(self, application_sid, params=None, **kwargs):
        """Let the client call the TwiML app; ``params`` (or keywords) reach it."""
        app_sid = check_sid(application_sid, "AP", "application_sid", InvalidValueError)
        encoded = encode_mapping(params, kwargs, "params")
        # scope_text()'s text, written directly: appParams sorts before appSid, and a
        # checked SID needs no quoting.
        if encoded is None:
            self._set("outgoing", "scope:client:outgoing?appSid=" + app_sid)
        else:
            self._set("outgoing", "scope:client:outgoing?appParams=%s&appSid=%s"
                      % (encoded[1], app_sid))

    def allow_event_stream(self, filters=None, **kwargs):
        """Let the client subscribe to the account's event stream."""
        scope_params = {"path": EVENTS_PATH}
        encoded = encode_mapping(filters, kwargs, "filters")
        if encoded is not None:
            scope_params["params"] = encoded[0]
        self._set("events", scope_text("stream", "subscribe", scope_params))

    def scopes(self):
        """The scopes ``generate()`` signs, in order; ``clientName`` joins outgoing."""
        return [parse_scope(text) for text in self._scope_texts()]

    def generate(self, ttl=3600, nbf=True):
        """The signed token as ``str``; it expires ``ttl`` seconds from now.

        ``ttl`` is whole seconds from 1 to 86400; ``nbf=False`` leaves out the
        not-before claim, for servers whose clocks disagree with Twilio's. A bad
        ``ttl`` or ``nbf`` raises ``InvalidTypeError`` or ``InvalidValueError``; so
        does a ``Capability`` with no ``allow_*`` call (``InvalidValueError``).

        >>> token = cap.generate(ttl=600)  # doctest: +SKIP
        """
        ttl = check_ttl(ttl)
        if nbf is not True and nbf is not False:
            raise InvalidTypeError("nbf must be True or False, not %s" % type(nbf).__name__)
        if not self._texts and not self._allow_nothing:
            raise InvalidValueError(NOTHING_TO_ALLOW)
        now = int(time.time())  # the only clock read: exp and nbf agree
        return self._sign(now + ttl, now if nbf else None)

    def _sign(self, exp, nbf):
        """The token with these ``exp`` and ``nbf`` (None leaves it out).

        The hook ``ClientCapabilityToken`` signs through, for its explicit
        ``nbf`` and ``valid_until``; both times are exact ``int``s.
        """
        texts = self._scope_texts()
        # No JSON escaping needed: allow_* wrote each scope text (quote_plus output,
        # held privately), the SID and name were checked when set; %s writes an int
        # as %d does, faster.
        if nbf is None:
            claims = '{"scope":"%s","iss":"%s","exp":%s}' % (
                " ".join(texts), self._account_sid, exp)
        else:
            claims = '{"scope":"%s","iss":"%s","exp":%s,"nbf":%s}' % (
                " ".join(texts), self._account_sid, exp, nbf)
        return jws.sign(claims.encode("ascii"), self._key)

    def _scope_texts(self):
        """The scope texts ``_sign`` joins, ``clientName`` appended to the outgoing one."""
        texts = self._texts
        if self._client_name is not None and "outgoing" in self._kinds:
            # clientName sorts after appParams and appSid, so appending it gives the
            # text scope_text() writes for the scope scopes() returns (a test compares them).
            texts = texts[:]
            texts[self._kinds.index("outgoing")] += "&clientName=" + self._client_name
        return texts

    def _set(self, kind, text):
        """Allow ``kind`` with this scope text; a kind allowed before keeps its place."""
        if kind in self._kinds:
            self._texts[self._kinds.index(kind)] = text
        else:
            self._kinds.append(kind)
            self._texts.append(text)

    def __repr__(self):
        return "<Capability account_sid=%r scopes=%r>" % (self.account_sid, self._scope_texts())
