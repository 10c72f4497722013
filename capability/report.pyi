from typing import Any

from .token import Token

KINDS: tuple[tuple[type[Token], str], ...]
UNKNOWN: str
NESTED: tuple[str, ...]

def kind_of(header: dict[str, Any], claims: dict[str, Any]) -> tuple[type[Token] | None, str]: ...
def describe(header: dict[str, Any], claims: dict[str, Any], now: float,
             verified: bool) -> tuple[dict[str, Any], list[str]]: ...
def relative(seconds: float) -> str: ...
