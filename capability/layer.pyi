from typing import Iterable

from _typeshed import StrPath

PACKAGE_DIR: str
PREFIX: str
TIMESTAMP: tuple[int, int, int, int, int, int]
FILE_MODE: int
LEFT_OUT: tuple[str, ...]
RUNTIME_ROOT: str

def license_path(package_dir: StrPath | None = None) -> str: ...
def layer_files(package_dir: StrPath | None = None) -> list[tuple[str, str]]: ...
def compiled_files(
    members: Iterable[tuple[str, str]], python: StrPath | None = None
) -> list[tuple[str, bytes]]: ...
def build_layer(
    out_path: StrPath, package_dir: StrPath | None = None, pythons: Iterable[StrPath] = ()
) -> list[str]: ...
