from typing import Any, ClassVar

from .checks import _Nbf
from .jsonwriter import _JsonObject
from .token import Token

class TaskRouterCapabilityToken(Token):
    VERSION: ClassVar[str]
    DOMAIN: ClassVar[str]
    EVENTS_BASE_URL: ClassVar[str]
    channel_prefix: ClassVar[str | None]
    account_sid: str
    workspace_sid: str
    channel_id: str
    # Each policy: url, method, allow, query_filter, post_filter; checked when signing.
    policies: list[dict[str, Any]]
    def __init__(self, account_sid: str | bytes | None, auth_token: str | bytes | None,
                 workspace_sid: str | bytes, channel_id: str | bytes, *,
                 nbf: _Nbf = ..., ttl: int = ..., valid_until: int | None = ...,
                 allow_web_sockets: bool = ..., allow_fetch_self: bool = ...,
                 allow_update_self: bool = ..., allow_delete_self: bool = ...,
                 allow_fetch_subresources: bool = ..., allow_delete_subresources: bool = ...,
                 allow_update_subresources: bool = ...) -> None: ...
    @property
    def workspace_url(self) -> str: ...
    @property
    def resource_url(self) -> str: ...
    def allow_fetch_self(self) -> None: ...
    def allow_update_self(self) -> None: ...
    def allow_delete_self(self) -> None: ...
    def allow_fetch_subresources(self) -> None: ...
    def allow_update_subresources(self) -> None: ...
    def allow_delete_subresources(self) -> None: ...
    def allow_web_sockets(self, channel_id: str | bytes | None = None) -> None: ...
    # Private, but twilio-python code that builds its own policies calls it.
    def _make_policy(self, url: str | bytes, method: str | bytes, allowed: bool,
                     query_filter: _JsonObject | None = None,
                     post_filter: _JsonObject | None = None) -> None: ...

def policy_sources(token_class: type[TaskRouterCapabilityToken],
                   claims: dict[str, Any]) -> list[str | None]: ...

class WorkerCapabilityToken(TaskRouterCapabilityToken):
    channel_prefix: ClassVar[str]
    def __init__(self, account_sid: str | bytes | None, auth_token: str | bytes | None,
                 workspace_sid: str | bytes, worker_sid: str | bytes, ttl: int = 3600, *,
                 nbf: _Nbf = ..., valid_until: int | None = ...,
                 allow_web_sockets: bool = ..., allow_fetch_self: bool = ...,
                 allow_update_self: bool = ..., allow_delete_self: bool = ...,
                 allow_fetch_subresources: bool = ..., allow_delete_subresources: bool = ...,
                 allow_update_subresources: bool = ..., allow_fetch_activities: bool = ...,
                 allow_fetch_reservations: bool = ...,
                 allow_fetch_worker_reservations: bool = ...,
                 allow_update_activities: bool = ...,
                 allow_update_reservations: bool = ...) -> None: ...
    def allow_fetch_activities(self) -> None: ...
    def allow_fetch_reservations(self) -> None: ...
    def allow_fetch_worker_reservations(self) -> None: ...
    def allow_update_activities(self) -> None: ...
    def allow_update_reservations(self) -> None: ...

class TaskQueueCapabilityToken(TaskRouterCapabilityToken):
    channel_prefix: ClassVar[str]
    def __init__(self, account_sid: str | bytes | None, auth_token: str | bytes | None,
                 workspace_sid: str | bytes, task_queue_sid: str | bytes, ttl: int = 3600, *,
                 nbf: _Nbf = ..., valid_until: int | None = ...,
                 allow_web_sockets: bool = ..., allow_fetch_self: bool = ...,
                 allow_update_self: bool = ..., allow_delete_self: bool = ...,
                 allow_fetch_subresources: bool = ..., allow_delete_subresources: bool = ...,
                 allow_update_subresources: bool = ...) -> None: ...

class WorkspaceCapabilityToken(TaskRouterCapabilityToken):
    channel_prefix: ClassVar[str]
    def __init__(self, account_sid: str | bytes | None, auth_token: str | bytes | None,
                 workspace_sid: str | bytes, ttl: int = 3600, *,
                 nbf: _Nbf = ..., valid_until: int | None = ...,
                 allow_web_sockets: bool = ..., allow_fetch_self: bool = ...,
                 allow_update_self: bool = ..., allow_delete_self: bool = ...,
                 allow_fetch_subresources: bool = ..., allow_delete_subresources: bool = ...,
                 allow_update_subresources: bool = ...) -> None: ...
