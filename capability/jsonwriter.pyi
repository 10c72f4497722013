from typing import Any, TypeAlias, TypeVar, overload

# What claims hold once checked: JSON values, objects as ordered Members.
_Claim: TypeAlias = None | bool | int | float | str | Members | list[_Claim]
# A dict of caller data for a claim. Values are Any because dict is invariant:
# dict[str, int] is no dict[str, <JSON union>], and the runtime wants a real dict.
_JsonObject: TypeAlias = dict[str, Any] | dict[bytes, Any]
_JsonIn: TypeAlias = (None | bool | int | float | str | bytes | list[Any] | tuple[Any, ...]
                      | _JsonObject)
_T = TypeVar("_T")

MAX_WRITE_DEPTH: int

class Members(list[tuple[str, _Claim]]): ...

@overload
def plain(value: Members) -> dict[str, Any]: ...
@overload
def plain(value: list[Any]) -> list[Any]: ...
@overload
def plain(value: _T) -> _T: ...
def jsonable(value: _JsonIn, what: str, depth: int = 0) -> _Claim: ...
def encode(value: _Claim) -> bytes: ...
