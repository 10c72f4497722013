from collections.abc import Iterable, Mapping, Sequence
from typing import ClassVar, TypeAlias

# A parameter value: text, a whole number, or a list or tuple of those. Sequence
# rather than list, because list[str] is not a list[str | bytes | int].
_Scalar: TypeAlias = str | bytes | int
_ParamValue: TypeAlias = _Scalar | Sequence[_Scalar]

def quote(data: bytes) -> str: ...
def encode_params(params: Iterable[tuple[str | bytes, _ParamValue]], what: str) -> str: ...

class Scope:
    service: str
    privilege: str
    params: dict[str, str]
    def __init__(self, service: str, privilege: str,
                 params: Mapping[str, str] | None = None) -> None: ...
    def to_string(self) -> str: ...
    def __eq__(self, other: object) -> bool: ...
    def __ne__(self, other: object) -> bool: ...
    __hash__: ClassVar[None]  # type: ignore[assignment]
