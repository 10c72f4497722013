import argparse
from typing import IO, Any

PROG: str
MAX_SECRET_FILE: int
COMMANDS: tuple[str, ...]

class _Secret:
    what: str
    variable: str
    option: str
    secondary: str | None
    attribute: str
    def __init__(self, what: str, variable: str, option: str,
                 secondary: str | None = None) -> None: ...
    def sources(self) -> str: ...

AUTH_TOKEN: _Secret
API_SECRET: _Secret

class UsageError(Exception): ...

class _Parser(argparse.ArgumentParser): ...

def main(argv: list[str] | None = None, stdin: IO[Any] | None = None,
         stdout: IO[Any] | None = None, stderr: IO[Any] | None = None,
         environ: dict[str, str] | None = None) -> int: ...
