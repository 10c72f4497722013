"""Twilio Client capability tokens with nothing but the standard library.

>>> import capability
>>> cap = capability.Capability("AC" + "0" * 32, "auth-token")
>>> cap.allow_client_incoming("alice")
>>> token = cap.generate()
"""
from .client import Capability
from .credentials import configure
from .exc import CapabilityError, CredentialsError, InvalidTypeError, InvalidValueError
from .scopes import Scope

__version__ = "0.1.0.dev0"

__all__ = [
    "Capability",
    "CapabilityError",
    "CredentialsError",
    "InvalidTypeError",
    "InvalidValueError",
    "Scope",
    "configure",
]
