"""Twilio capability tokens and Access Tokens with nothing but the standard library.

twilio-python's class names (``AccessToken`` and its grants, the TaskRouter
tokens, ``ClientCapabilityToken``) are here too, making the same bytes.

>>> import capability
>>> cap = capability.Capability("AC" + "0" * 32, "auth-token")
>>> cap.allow_client_incoming("alice")
>>> token = cap.generate()
>>> claims = capability.decode(token, "auth-token")
"""
from .access_token import AccessToken
from .client import Capability
from .compat import ClientCapabilityToken, TwilioCapability
from .credentials import configure
from .decoding import decode, decode_unverified
from .exc import (BadSignatureError, CapabilityError, CredentialsError, ExpiredTokenError,
                  InvalidTokenError, InvalidTypeError, InvalidValueError, MalformedTokenError,
                  NotYetValidError)
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
    "configure",
    "decode",
    "decode_unverified",
    "parse_params",
    "parse_scope",
    "parse_scopes",
]
