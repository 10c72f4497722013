"""Twilio Client capability tokens, in the shape of twilio-ruby's ``Capability``."""
import time

from . import credentials, jws
from .encoding import integer_types, to_bytes
from .exc import InvalidTypeError, InvalidValueError
from .scopes import Scope, encode_params

MAX_TTL = 86400  # Twilio refuses capability tokens that live longer than a day
_NAME_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")
EVENTS_PATH = "/2010-04-01/Events"


class Capability(object):
    """Grants for one Twilio Client, signed into a token by ``generate()``.

    >>> cap = Capability("AC" + "0" * 32, "auth-token")
    >>> cap.allow_client_incoming("alice")
    >>> token = cap.generate(ttl=600)
    """

    def __init__(self, account_sid=None, auth_token=None):
        self.account_sid, self._key = credentials.resolve(account_sid, auth_token)
        self.client_name = None
        # (kind, Scope) in the order each allow_* method was first called.
        self._scopes = []

    def allow_client_incoming(self, client_name):
        """Let the client receive calls addressed to ``client_name``."""
        self.client_name = check_client_name(client_name)
        self._set("incoming", Scope("client", "incoming", {"clientName": self.client_name}))

    def allow_client_outgoing(self, application_sid, params=None, **kwargs):
        """Let the client call the TwiML app; ``params`` (or keywords) reach it."""
        app_sid = credentials.check_sid(application_sid, "AP", "application_sid",
                                        InvalidValueError)
        scope = Scope("client", "outgoing", {"appSid": app_sid})
        app_params = _pairs(params, kwargs, "params")
        if app_params:
            scope.params["appParams"] = encode_params(app_params, "params")
        self._set("outgoing", scope)

    def allow_event_stream(self, filters=None, **kwargs):
        """Let the client subscribe to the account's event stream."""
        scope = Scope("stream", "subscribe", {"path": EVENTS_PATH})
        stream_params = _pairs(filters, kwargs, "filters")
        if stream_params:
            scope.params["params"] = encode_params(stream_params, "filters")
        self._set("events", scope)

    def scopes(self):
        """The scopes ``generate()`` signs, in order; ``clientName`` joins outgoing."""
        result = []
        for kind, scope in self._scopes:
            if kind == "outgoing" and self.client_name is not None:
                scope = Scope(scope.service, scope.privilege, scope.params)
                scope.params["clientName"] = self.client_name
            result.append(scope)
        return result

    def generate(self, ttl=3600, nbf=True):
        """The signed token as ``str``; it expires ``ttl`` seconds from now.

        ``nbf=False`` leaves out the not-before claim, for servers whose
        clocks disagree with Twilio's.
        """
        check_ttl(ttl)
        if nbf is not True and nbf is not False:
            raise InvalidTypeError("nbf must be True or False, not %r" % (nbf,))
        now = int(time.time())  # the only clock read: exp and nbf agree
        return self._sign(now + ttl, now if nbf else None)

    def _sign(self, exp, nbf):
        """The token with these ``exp`` and ``nbf`` (None leaves it out).

        The hook ``ClientCapabilityToken`` signs through, for its explicit
        ``nbf`` and ``valid_until``.
        """
        scope = " ".join(scope.to_string() for scope in self.scopes())
        claims = '{"scope":"%s","iss":"%s","exp":%d' % (scope, self.account_sid, exp)
        if nbf is not None:
            claims += ',"nbf":%d' % nbf
        return jws.sign((claims + "}").encode("ascii"), self._key)

    def _set(self, kind, scope):
        for index, (existing, _) in enumerate(self._scopes):
            if existing == kind:
                self._scopes[index] = (kind, scope)
                return
        self._scopes.append((kind, scope))

    def __repr__(self):
        return "<Capability account_sid=%r scopes=%r>" % (
            self.account_sid, [scope.to_string() for scope in self.scopes()])


def _pairs(mapping, kwargs, what):
    """(key, value) pairs of a mapping, in its own order, then of the keywords."""
    if mapping is None:
        return list(kwargs.items())
    if not hasattr(mapping, "keys") or not hasattr(mapping, "__getitem__"):
        raise InvalidTypeError("%s must be a mapping, not %s" % (what, type(mapping).__name__))
    pairs = [(key, mapping[key]) for key in mapping.keys()]
    for key in kwargs:
        if key in mapping:
            raise InvalidValueError("%r given both in %s and as a keyword" % (key, what))
        pairs.append((key, kwargs[key]))
    return pairs


def check_client_name(name, what="client name"):
    """The client name as native ``str``; Twilio allows ``[A-Za-z0-9_]+``."""
    text = to_bytes(name, what).decode("utf-8")
    if not text:
        raise InvalidValueError("%s is empty" % what)
    for position, char in enumerate(text):
        if char not in _NAME_CHARS:
            raise InvalidValueError(
                "%s has %s at position %d; Twilio allows only ASCII letters, "
                "digits and underscore" % (what, _describe(char), position))
    return str(text)


def _describe(char):
    if " " <= char < "\x7f":
        return "%r (U+%04X)" % (str(char), ord(char))
    return "U+%04X" % ord(char)


def check_ttl(ttl):
    """Refuse a ttl that is not a whole number of seconds from 1 to 86400."""
    if isinstance(ttl, bool) or not isinstance(ttl, integer_types):
        raise InvalidTypeError("ttl must be a whole number of seconds, not %s"
                               % type(ttl).__name__)
    if not 1 <= ttl <= MAX_TTL:
        raise InvalidValueError("ttl must be from 1 to %d seconds (24 hours), not %d"
                                % (MAX_TTL, ttl))
