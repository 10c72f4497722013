from _typeshed import StrPath

PACKAGE_DIR: str
PREFIX: str
TIMESTAMP: tuple[int, int, int, int, int, int]
FILE_MODE: int

def license_path(package_dir: StrPath | None = None) -> str: ...
def layer_files(package_dir: StrPath | None = None) -> list[tuple[str, str]]: ...
def build_layer(out_path: StrPath, package_dir: StrPath | None = None) -> list[str]: ...
