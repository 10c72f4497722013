from .client import Capability as Capability
from .credentials import configure as configure
from .exc import (
    CapabilityError as CapabilityError,
    CredentialsError as CredentialsError,
    InvalidTypeError as InvalidTypeError,
    InvalidValueError as InvalidValueError,
)
from .scopes import Scope as Scope

__version__: str
__all__ = [
    "Capability",
    "CapabilityError",
    "CredentialsError",
    "InvalidTypeError",
    "InvalidValueError",
    "Scope",
    "configure",
]
