"""Twilio Client capability tokens with nothing but the standard library.

>>> import capability
>>> cap = capability.Capability("AC" + "0" * 32, "auth-token")
>>> cap.allow_client_incoming("alice")
>>> token = cap.generate()
>>> claims = capability.decode(token, "auth-token")
"""
from .client import Capability
from .credentials import configure
from .decoding import decode, decode_unverified
from .exc import (BadSignatureError, CapabilityError, CredentialsError, ExpiredTokenError,
                  InvalidTokenError, InvalidTypeError, InvalidValueError, MalformedTokenError,
                  NotYetValidError)
from .scopes import Scope, parse_params, parse_scope, parse_scopes

__version__ = "0.1.0.dev0"

__all__ = [
    "BadSignatureError",
    "Capability",
    "CapabilityError",
    "CredentialsError",
    "ExpiredTokenError",
    "InvalidTokenError",
    "InvalidTypeError",
    "InvalidValueError",
    "MalformedTokenError",
    "NotYetValidError",
    "Scope",
    "configure",
    "decode",
    "decode_unverified",
    "parse_params",
    "parse_scope",
    "parse_scopes",
]
