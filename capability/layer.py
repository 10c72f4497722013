"""AWS Lambda layers: the package and its LICENSE, zipped the same way every time.

>>> build_layer("capability-layer.zip")  # doctest: +SKIP
['python/capability/__init__.py', ...]
"""
import errno
import os

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
# Lambda unpacks a layer into /opt and puts /opt/python on sys.path.
PREFIX = "python/capability"
# The earliest date a zip can hold: fixed, so the bytes depend on the sources alone.
TIMESTAMP = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o100644  # a regular file, rw-r--r--, whatever the checkout's modes are
_UNIX = 3  # zip's "made by" system: the mode above is only read from Unix entries


def license_path(package_dir=None):
    """The LICENSE that goes with the package: from the installed wheel's metadata,
    else inside the package (a layer), else beside it (a checkout or an sdist)."""
    import glob  # only building a layer pays for it (and for the re it loads)

    package_dir = os.path.abspath(package_dir or PACKAGE_DIR)
    parent = os.path.dirname(package_dir)
    # The metadata first: a LICENSE loose in site-packages may be another project's.
    candidates = sorted(glob.glob(os.path.join(parent, "capability-*.dist-info", "licenses",
                                               "LICENSE")))
    candidates += [os.path.join(package_dir, "LICENSE"), os.path.join(parent, "LICENSE")]
    for path in candidates:
        if os.path.isfile(path):
            return path
    # An IOError, as for any file the layer cannot be made from.
    raise IOError(errno.ENOENT, "no LICENSE beside the package or in its installed metadata; "
                                "build the layer from a checkout or an installed wheel")


def layer_files(package_dir=None):
    """Sorted ``(name in the zip, path)`` of every module of the package, and its LICENSE.

    Only ``.py`` files in the package and its subpackages: no caches,
    compiled files, stubs or stray folders.
    """
    package_dir = package_dir or PACKAGE_DIR
    found = [(PREFIX + "/LICENSE", license_path(package_dir))]  # MIT asks for it in copies
    for folder, subfolders, files in os.walk(package_dir):
        subfolders[:] = [name for name in subfolders
                         if os.path.isfile(os.path.join(folder, name, "__init__.py"))]
        relative = os.path.relpath(folder, package_dir)
        parts = [PREFIX] + ([] if relative == os.curdir else relative.split(os.sep))
        for name in files:
            if name.endswith(".py"):
                found.append(("/".join(parts + [name]), os.path.join(folder, name)))
    return sorted(found)


def build_layer(out_path, package_dir=None):
    """Write the layer zip to ``out_path`` and return the names it holds.

    The same sources always give the same bytes: entries are sorted and carry
    a fixed date and mode. ``package_dir`` defaults to this package.
    """
    import zipfile  # only building a layer pays for it

    members = layer_files(package_dir)
    archive = zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED)
    try:
        for name, path in members:
            with open(path, "rb") as source:
                data = source.read()
            info = zipfile.ZipInfo(name, TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = _UNIX
            info.external_attr = FILE_MODE << 16
            archive.writestr(info, data)
    finally:
        archive.close()
    return [name for name, _ in members]
