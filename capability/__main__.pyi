import argparse
from typing import IO, Any

PROG: str
NESTED: tuple[str, ...]

class UsageError(Exception): ...

class _Parser(argparse.ArgumentParser): ...

def main(argv: list[str] | None = None, stdin: IO[Any] | None = None,
         stdout: IO[Any] | None = None, stderr: IO[Any] | None = None,
         environ: dict[str, str] | None = None) -> int: ...
def describe(header: dict[str, Any], claims: dict[str, Any], now: float,
             verified: bool) -> tuple[dict[str, Any], list[str]]: ...
