from collections.abc import Mapping

from .scopes import _ParamValue, Scope

EVENTS_PATH: str

class Capability:
    account_sid: str
    client_name: str | None
    def __init__(self, account_sid: str | bytes | None = None,
                 auth_token: str | bytes | None = None) -> None: ...
    def allow_client_incoming(self, client_name: str | bytes) -> None: ...
    def allow_client_outgoing(
        self,
        application_sid: str | bytes,
        params: Mapping[str, _ParamValue] | Mapping[bytes, _ParamValue] | None = None,
        **kwargs: _ParamValue,
    ) -> None: ...
    def allow_event_stream(
        self,
        filters: Mapping[str, _ParamValue] | Mapping[bytes, _ParamValue] | None = None,
        **kwargs: _ParamValue,
    ) -> None: ...
    def scopes(self) -> list[Scope]: ...
    def generate(self, ttl: int = 3600, nbf: bool = True) -> str: ...
