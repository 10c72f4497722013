"""twilio-python's names for Client capability tokens, as thin faces over ``Capability``.

``ClientCapabilityToken`` is twilio-python 6+'s class, ``TwilioCapability``
5.x's. Both take app parameters and event filters as keyword arguments only.
"""
from .client import Capability
from .exc import InvalidTypeError
from .jsonwriter import Members
from .token import GENERATE, Token

# The constructor's keyword forms, in the order twilio-python applies them.
_CONSTRUCTOR_CALLS = ("allow_client_outgoing", "allow_client_incoming", "allow_event_stream")


class _ClientFace(object):
    """The ``allow_*`` methods both faces share, over ``self._capability``."""

    def allow_client_outgoing(self, application_sid, **kwargs):
        """Let the client call the TwiML app; keyword arguments reach the app."""
        self._capability.allow_client_outgoing(application_sid, kwargs)

    def allow_client_incoming(self, client_name):
        """Let the client receive calls addressed to ``client_name``."""
        self._capability.allow_client_incoming(client_name)

    def allow_event_stream(self, **kwargs):
        """Let the client subscribe to the account's event stream, with filters."""
        self._capability.allow_event_stream(kwargs)

    @property
    def account_sid(self):
        return self._capability.account_sid

    @property
    def client_name(self):
        return self._capability.client_name

    def _scope(self):
        return " ".join(scope.to_string() for scope in self._capability.scopes())


class ClientCapabilityToken(_ClientFace, Token):
    """twilio-python 6+'s ``ClientCapabilityToken``; ``valid_until`` is honoured.

    >>> token = ClientCapabilityToken(account_sid, auth_token, ttl=600)  # doctest: +SKIP
    >>> token.allow_client_incoming("alice")  # doctest: +SKIP
    >>> jwt = token.to_jwt()  # doctest: +SKIP
    """

    def __init__(self, account_sid, auth_token, nbf=GENERATE, ttl=3600, valid_until=None,
                 **kwargs):
        for name in sorted(kwargs):
            if name not in _CONSTRUCTOR_CALLS:
                raise InvalidTypeError("ClientCapabilityToken() got an unexpected keyword "
                                       "argument %r" % name)
            if not isinstance(kwargs[name], dict):
                raise InvalidTypeError("%s= must be a dict of that method's keyword arguments, "
                                       "not %s" % (name, type(kwargs[name]).__name__))
        Token.__init__(self, nbf, ttl, valid_until)
        self._capability = Capability(account_sid, auth_token)
        if "allow_client_outgoing" in kwargs:
            options = kwargs["allow_client_outgoing"].copy()  # an OrderedDict stays one
            self._capability.allow_client_outgoing(options.pop("application_sid", None), options)
        if "allow_client_incoming" in kwargs:
            options = kwargs["allow_client_incoming"]
            if list(options) != ["client_name"]:
                raise InvalidTypeError("allow_client_incoming= takes exactly one key, "
                                       "'client_name'")
            self._capability.allow_client_incoming(options["client_name"])
        if "allow_event_stream" in kwargs:
            self._capability.allow_event_stream(kwargs["allow_event_stream"])

    @classmethod
    def kind_problem(cls, header, claims):
        """Why a verified token is not a Client capability token, or None."""
        if "cty" in header:
            return "it is an Access Token"
        if "scope" not in claims:
            return "it has no scope claim"
        return None

    def _claims(self, now, exp, nbf):
        claims = Members([("scope", self._scope())])
        claims.extend(self._timing(self.account_sid, exp, nbf))
        return claims

    def _sign(self, now, exp, nbf):
        # Capability writes the claims and holds the key: the bytes stay its bytes.
        return self._capability._sign(exp, nbf)

    def _describe(self):
        return [("account_sid", self.account_sid), ("scope", self._scope())]


class TwilioCapability(_ClientFace):
    """twilio-python 5.x's ``TwilioCapability``: ``generate(expires=3600)``, no ``nbf`` claim.

    >>> cap = TwilioCapability(account_sid, auth_token)  # doctest: +SKIP
    >>> cap.allow_client_incoming("alice")  # doctest: +SKIP
    >>> jwt = cap.generate()  # doctest: +SKIP
    """

    def __init__(self, account_sid, auth_token):
        self._capability = Capability(account_sid, auth_token)
        self._capability._allow_nothing = True  # twilio-python 5.x signs an empty scope

    def payload(self):
        """The scope claim as a dict, as 5.x's ``payload()`` returned it."""
        return {"scope": self._scope()}

    def generate(self, expires=3600):
        """The signed token; it expires ``expires`` seconds from now."""
        return self._capability.generate(ttl=expires, nbf=False)

    def __repr__(self):
        return "<TwilioCapability account_sid=%r scope=%r>" % (self.account_sid, self._scope())

    __str__ = __repr__
