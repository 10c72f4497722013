from .access_token import AccessToken as AccessToken
from .client import Capability as Capability
from .client_token import (
    ClientCapabilityToken as ClientCapabilityToken,
    TwilioCapability as TwilioCapability,
)
from .credentials import configure as configure
from .decoding import decode as decode, decode_unverified as decode_unverified
from .exc import (
    BadSignatureError as BadSignatureError,
    CapabilityError as CapabilityError,
    CredentialsError as CredentialsError,
    ExpiredTokenError as ExpiredTokenError,
    InvalidTokenError as InvalidTokenError,
    InvalidTypeError as InvalidTypeError,
    InvalidValueError as InvalidValueError,
    MalformedTokenError as MalformedTokenError,
    NotYetValidError as NotYetValidError,
    TokenWarning as TokenWarning,
    WrongAccountError as WrongAccountError,
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
from .scopes import (
    Scope as Scope,
    parse_params as parse_params,
    parse_scope as parse_scope,
    parse_scopes as parse_scopes,
)
from .taskrouter import (
    TaskQueueCapabilityToken as TaskQueueCapabilityToken,
    WorkerCapabilityToken as WorkerCapabilityToken,
    WorkspaceCapabilityToken as WorkspaceCapabilityToken,
)

__version__: str
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
    "TokenWarning",
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
