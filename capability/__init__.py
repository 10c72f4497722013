"""Twilio capability tokens and Access Tokens with nothing but the standard library.

twilio-python's class names (``AccessToken`` and its grants, the TaskRouter
tokens, ``ClientCapabilityToken``) are here too, making the same bytes.

>>> import capability
>>> cap = capability.Capability("AC" + "0" * 32, "auth-token")
>>> cap.allow_client_incoming("alice")
>>> token = cap.generate()
"""
from .access_token import AccessToken
from .client import Capability
from .compat import ClientCapabilityToken, TwilioCapability
from .credentials import configure
from .exc import CapabilityError, CredentialsError, InvalidTypeError, InvalidValueError
from .grants import (AccessTokenGrant, ChatGrant, PlaybackGrant, SyncGrant, TaskRouterGrant,
                     VideoGrant, VoiceGrant)
from .scopes import Scope
from .taskrouter import TaskQueueCapabilityToken, WorkerCapabilityToken, WorkspaceCapabilityToken

__version__ = "0.1.0.dev0"

__all__ = [
    "AccessToken",
    "AccessTokenGrant",
    "Capability",
    "CapabilityError",
    "ChatGrant",
    "ClientCapabilityToken",
    "CredentialsError",
    "InvalidTypeError",
    "InvalidValueError",
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
]
