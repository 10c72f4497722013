"""The whole exception tree.

Every error the library raises on purpose is a ``CapabilityError``; the one
warning it gives is a ``TokenWarning``. The
subclasses also derive from the built-in that code written for twilio-python
already catches (``ValueError`` or ``TypeError``), so migrating keeps working.
No message ever holds an auth token, a key or a token; the data an error
carries (``claim``, ``exp``, ``nbf``) is a claim's name or a time, never a secret.
"""


class CapabilityError(Exception):
    """Base class of every error raised by ``capability``."""


class CredentialsError(CapabilityError, ValueError):
    """An account SID or auth token is missing or malformed."""


class InvalidValueError(CapabilityError, ValueError):
    """An argument has the right type but a value Twilio would not accept."""


class InvalidTypeError(InvalidValueError, TypeError):
    """An argument has a type the library does not take."""


class TokenWarning(UserWarning):
    """A token was signed, as twilio-python signs it, that a Twilio SDK will not work with.

    Filter it like any warning: ``warnings.simplefilter("error", TokenWarning)``
    makes it an exception.
    """


class InvalidTokenError(CapabilityError, ValueError):
    """A token failed to decode or verify; the subclass says why."""


class MalformedTokenError(InvalidTokenError):
    """The token is not a well-formed HS256 Twilio token, or a claim is wrong.

    ``claim`` is the name of the claim or header member at fault, else None.
    """

    def __init__(self, message, claim=None):
        InvalidTokenError.__init__(self, message)
        self.claim = claim


class WrongAccountError(InvalidTokenError):
    """The token is sound but belongs to another account than the one asked for.

    ``claim`` is the claim that did not match: ``"iss"`` (capability and
    TaskRouter tokens) or ``"sub"`` (Access Tokens).
    """

    def __init__(self, message, claim=None):
        InvalidTokenError.__init__(self, message)
        self.claim = claim


class BadSignatureError(InvalidTokenError):
    """The signature does not match the key: forged, altered, or another key."""


class ExpiredTokenError(InvalidTokenError):
    """The signature is good but ``exp`` has passed; ``exp`` is that time."""

    def __init__(self, message, exp=None):
        InvalidTokenError.__init__(self, message)
        self.exp = exp


class NotYetValidError(InvalidTokenError):
    """The signature is good but ``nbf`` is still in the future; ``nbf`` is that time."""

    def __init__(self, message, nbf=None):
        InvalidTokenError.__init__(self, message)
        self.nbf = nbf
