from typing import Any

from .jsonwriter import _JsonObject

class AccessTokenGrant:
    # A subclass gives key as a class attribute; bytes holding UTF-8 also pass.
    @property
    def key(self) -> str | bytes: ...
    def to_payload(self) -> dict[str, Any]: ...

class _FieldGrant(AccessTokenGrant): ...

class ChatGrant(_FieldGrant):
    key: str
    service_sid: str | bytes | None
    endpoint_id: str | bytes | None
    deployment_role_sid: str | bytes | None
    push_credential_sid: str | bytes | None
    def __init__(self, service_sid: str | bytes | None = None,
                 endpoint_id: str | bytes | None = None,
                 deployment_role_sid: str | bytes | None = None,
                 push_credential_sid: str | bytes | None = None) -> None: ...

class SyncGrant(_FieldGrant):
    key: str
    service_sid: str | bytes | None
    endpoint_id: str | bytes | None
    def __init__(self, service_sid: str | bytes | None = None,
                 endpoint_id: str | bytes | None = None) -> None: ...

class VoiceGrant(_FieldGrant):
    key: str
    incoming_allow: bool | None
    outgoing_application_sid: str | bytes | None
    outgoing_application_params: _JsonObject | None
    push_credential_sid: str | bytes | None
    endpoint_id: str | bytes | None
    def __init__(self, incoming_allow: bool | None = None,
                 outgoing_application_sid: str | bytes | None = None,
                 outgoing_application_params: _JsonObject | None = None,
                 push_credential_sid: str | bytes | None = None,
                 endpoint_id: str | bytes | None = None) -> None: ...

class VideoGrant(_FieldGrant):
    key: str
    room: str | bytes | None
    def __init__(self, room: str | bytes | None = None) -> None: ...

class TaskRouterGrant(_FieldGrant):
    key: str
    workspace_sid: str | bytes | None
    worker_sid: str | bytes | None
    role: str | bytes | None
    def __init__(self, workspace_sid: str | bytes | None = None,
                 worker_sid: str | bytes | None = None,
                 role: str | bytes | None = None) -> None: ...

class PlaybackGrant(AccessTokenGrant):
    key: str
    grant: _JsonObject | None
    def __init__(self, grant: _JsonObject | None = None) -> None: ...
    # None until a grant is set, as in twilio-python: narrower than the base.
    def to_payload(self) -> dict[str, Any] | None: ...  # type: ignore[override]

GRANTS: tuple[type[AccessTokenGrant], ...]

def grant_arguments(key: str, payload: object) -> tuple[type[AccessTokenGrant],
                                                        dict[str, Any]] | None: ...
def grant_key(grant: AccessTokenGrant) -> str: ...
