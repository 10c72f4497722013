from .access_token import AccessToken as AccessToken
from .client import Capability as Capability
from .compat import (
    ClientCapabilityToken as ClientCapabilityToken,
    TwilioCapability as TwilioCapability,
)
from .credentials import configure as configure
from .exc import (
    CapabilityError as CapabilityError,
    CredentialsError as CredentialsError,
    InvalidTypeError as InvalidTypeError,
    InvalidValueError as InvalidValueError,
)
from .grants import (
    AccessTokenGrant as AccessTokenGrant,
    ChatGrant as ChatGrant,
    PlaybackGrant as PlaybackGrant,
    SyncGrant as SyncGrant,
    TaskRouterGrant as TaskRouterGrant,
    VideoGrant as VideoGrant,
    VoiceGrant as VoiceGrant,
)
from .scopes import Scope as Scope
from .taskrouter import (
    TaskQueueCapabilityToken as TaskQueueCapabilityToken,
    WorkerCapabilityToken as WorkerCapabilityToken,
    WorkspaceCapabilityToken as WorkspaceCapabilityToken,
)

__version__: str
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
