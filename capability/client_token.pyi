from typing import Any, TypedDict

from .checks import _Nbf
from .token import Token
from .scopes import _ParamValue

class _IncomingOptions(TypedDict):
    client_name: str | bytes

class _ClientFace:
    def allow_client_outgoing(self, application_sid: str | bytes,
                              **kwargs: _ParamValue) -> None: ...
    def allow_client_incoming(self, client_name: str | bytes) -> None: ...
    def allow_event_stream(self, **kwargs: _ParamValue) -> None: ...
    @property
    def account_sid(self) -> str: ...
    @property
    def client_name(self) -> str | None: ...

class ClientCapabilityToken(_ClientFace, Token):
    # The keyword forms want real dicts; their values are Any because dict is
    # invariant (a dict[str, str] is no dict[str, _ParamValue]).
    def __init__(self, account_sid: str | bytes | None, auth_token: str | bytes | None,
                 nbf: _Nbf = ..., ttl: int = 3600, valid_until: int | None = None, *,
                 allow_client_outgoing: dict[str, Any] = ...,
                 allow_client_incoming: _IncomingOptions = ...,
                 allow_event_stream: dict[str, Any] = ...) -> None: ...

class TwilioCapability(_ClientFace):
    def __init__(self, account_sid: str | bytes | None,
                 auth_token: str | bytes | None) -> None: ...
    def payload(self) -> dict[str, str]: ...
    def generate(self, expires: int = 3600) -> str: ...
