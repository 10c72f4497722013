from typing import TypeVar

from .checks import _Nbf
from .grants import AccessTokenGrant
from .token import Token

_G = TypeVar("_G", bound=AccessTokenGrant)

class AccessToken(Token):
    account_sid: str
    signing_key_sid: str
    identity: str | bytes | None
    region: str | None
    grants: list[AccessTokenGrant]
    # A TypeVar rather than list[AccessTokenGrant], which a list[VoiceGrant] is not.
    def __init__(self, account_sid: str | bytes, signing_key_sid: str | bytes,
                 secret: str | bytes, grants: list[_G] | tuple[_G, ...] | None = None,
                 identity: str | bytes | None = None, nbf: _Nbf = ..., ttl: int = 3600,
                 valid_until: int | None = None, region: str | bytes | None = None) -> None: ...
    def add_grant(self, grant: AccessTokenGrant) -> None: ...
