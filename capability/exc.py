"""The whole exception tree.

Every error the library raises on purpose is a ``CapabilityError``. The
subclasses also derive from the built-in that code written for twilio-python
already catches (``ValueError`` or ``TypeError``), so migrating keeps working.
No message ever holds an auth token, a key or a token.
"""


class CapabilityError(Exception):
    """Base class of every error raised by ``capability``."""


class CredentialsError(CapabilityError, ValueError):
    """An account SID or auth token is missing or malformed."""


class InvalidValueError(CapabilityError, ValueError):
    """An argument has the right type but a value Twilio would not accept."""


class InvalidTypeError(InvalidValueError, TypeError):
    """An argument has a type the library does not take."""
