"""Twilio capability tokens and Access Tokens with nothing but the standard library.

twilio-python's class names (``AccessToken`` and its grants, the TaskRouter
tokens, ``ClientCapabilityToken``) are here too, making the same bytes.

>>> import capability
>>> cap = capability.Capability("AC" + "0" * 32, "auth-token")
>>> cap.allow_client_incoming("alice")
>>> token = cap.generate()
>>> claims = capability.decode(token, "auth-token")

The modules, bottom to top; each imports only modules above it in this list:

- ``exc``: the exception tree; errors carry ``claim``, ``exp``, ``nbf``.
- ``encoding``: Python 2 and 3, bytes and text, base64url.
- ``checks``: every argument validator, once; ``MAX_TTL``.
- ``jsonwriter``: claims JSON as PyJWT writes it, without importing ``json``.
- ``jws``: HS256 compact JWS: sign, split, verify, strict JSON reading.
- ``scopes``: scope URIs, written and parsed.
- ``credentials``: argument, then ``configure()``, then the environment.
- ``decoding``: ``decode``, ``decode_unverified``, claim and clock checks, ``DecodedToken``.
- ``token``: the ``Token`` base class and its subclass hooks.
- ``client``: ``Capability``, in twilio-ruby's shape.
- ``client_token``: twilio-python's ``ClientCapabilityToken`` and ``TwilioCapability``.
- ``grants``, ``access_token``: ``AccessToken`` and its grants.
- ``taskrouter``: the worker, task queue and workspace tokens.
- ``report``: what the ``decode`` command prints; kind detection (``kind_of``).
- ``layer``: the AWS Lambda layer builder; ``__main__``: the command line.
"""
from .access_token import AccessToken
from .client import Capability
from .client_token import ClientCapabilityToken, TwilioCapability
from .credentials import configure
from .decoding import decode, decode_unverified
from .exc import (BadSignatureError, CapabilityError, CredentialsError, ExpiredTokenError,
                  InvalidTokenError, InvalidTypeError, InvalidValueError, MalformedTokenError,
                  NotYetValidError, WrongAccountError)
from .grants import (AccessTokenGrant, ChatGrant, PlaybackGrant, SyncGrant, TaskRouterGrant,
                     VideoGrant, VoiceGrant)
from .scopes import Scope, parse_params, parse_scope, parse_scopes
from .taskrouter import TaskQueueCapabilityToken, WorkerCapabilityToken, WorkspaceCapabilityToken

__version__ = "0.1.0.dev0"

__all__ = [
    "AccessToken",
    "AccessTokenGrant",
    "BadSignatureError",
    "Capability",
    "CapabilityError",
    "ChatGrant",
    "ClientCapabilityToken",
    "CredentialsError",
    "ExpiredTokenError",
    "InvalidTokenError",
    "InvalidTypeError",
    "InvalidValueError",
    "MalformedTokenError",
    "NotYetValidError",
    "PlaybackGrant",
    "Scope",
    "SyncGrant",
    "TaskQueueCapabilityToken",
    "TaskRouterGrant",
    "TwilioCapability",
    "VideoGrant",
    "VoiceGrant",
    "WorkerCapabilityToken",
    "WorkspaceCapabilityToken",
    "WrongAccountError",
    "configure",
    "decode",
    "decode_unverified",
    "parse_params",
    "parse_scope",
    "parse_scopes",
]
