from typing import Any, ClassVar, Final, TypeAlias, TypeVar, final, overload

# What claims hold once checked: JSON values, objects as ordered Members.
_Claim: TypeAlias = None | bool | int | float | str | Members | list[_Claim]
# A dict of caller data for a claim. Values are Any because dict is invariant:
# dict[str, int] is no dict[str, <JSON union>], and the runtime wants a real dict.
_JsonObject: TypeAlias = dict[str, Any] | dict[bytes, Any]
_JsonIn: TypeAlias = None | bool | int | float | str | bytes | list[Any] | tuple[Any, ...] | _JsonObject
_Nbf: TypeAlias = _Generate | int | None
_T = TypeVar("_T")

MAX_DEPTH: int

class Members(list[tuple[str, _Claim]]): ...

@overload
def plain(value: Members) -> dict[str, Any]: ...
@overload
def plain(value: list[Any]) -> list[Any]: ...
@overload
def plain(value: _T) -> _T: ...
def text(value: str | bytes, what: str) -> str: ...
def jsonable(value: _JsonIn, what: str, depth: int = 0) -> _Claim: ...
def encode(value: _Claim) -> bytes: ...

@final
class _Generate:
    def __reduce__(self) -> str: ...

GENERATE: Final[_Generate]

def check_nbf(nbf: _Nbf) -> _Nbf: ...
def check_valid_until(valid_until: int | None) -> int | None: ...

class Token:
    GENERATE: ClassVar[_Generate]
    ALGORITHM: ClassVar[str]
    algorithm: ClassVar[str]
    nbf: _Nbf
    ttl: int
    valid_until: int | None
    def __init__(self, nbf: _Nbf = ..., ttl: int = 3600,
                 valid_until: int | None = None) -> None: ...
    def to_jwt(self, ttl: int | None = None) -> str: ...
    @property
    def payload(self) -> dict[str, Any]: ...
    @property
    def headers(self) -> dict[str, str]: ...
