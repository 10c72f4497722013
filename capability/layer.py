"""AWS Lambda layers: the package, its bytecode and LICENSE, zipped the same way every time.

Lambda's /opt is read-only, so a layer of sources alone is compiled on every
cold start. The layer therefore also holds unchecked-hash ``.pyc`` files
(PEP 552) in ``__pycache__``: the import system loads them without reading the
source or checking a timestamp, and their bytes depend only on the sources.

>>> build_layer("capability-layer.zip")  # doctest: +SKIP
['python/capability/__init__.py', ...]
"""
import errno
import os
import platform
import sys

PACKAGE_DIR = os.path.dirname(os.path.abspath(__file__))
# Lambda unpacks a layer into /opt and puts /opt/python on sys.path.
PREFIX = "python/capability"
# The earliest date a zip can hold: fixed, so the bytes depend on the sources alone.
TIMESTAMP = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o100644  # a regular file, rw-r--r--, whatever the checkout's modes are
_UNIX = 3  # zip's "made by" system: the mode above is only read from Unix entries
# The command line (python -m capability), the decode report it alone imports and
# this builder are for a shell where the package is installed, never a function:
# left out, they keep the zip under 100 KiB.
LEFT_OUT = ("__main__.py", "layer.py", "report.py")
# Where Lambda unpacks the zip: compiled in as each module's file name.
RUNTIME_ROOT = "/opt/"

# Run by each interpreter that .pyc files are made for (3.7+, so PEP 552 exists).
# Compiled as python -OO compiles: without docstrings, which are a sixth of the
# bytes and which a function never reads (the sources beside keep them; the
# package has no assert statements for -OO to drop).
# sources on stdin, one per line as "zip name<TAB>path", out as its cache tag
# and, per source, "zip name<TAB>hex of the .pyc". A fresh process per build keeps
# marshal's output the same from one build to the next.
_COMPILER = r"""
import sys
if sys.version_info < (3, 7):
    sys.exit("PEP 552 .pyc files need Python 3.7 or later, not %d.%d" % sys.version_info[:2])
if sys.implementation.name != "cpython":
    sys.exit("Lambda runs CPython; .pyc files for %s would not be the same bytes twice"
             % sys.implementation.name)
import binascii, importlib.util, marshal
sys.stdout.write(sys.implementation.cache_tag + "\n")
for line in sys.stdin.read().splitlines():
    name, path = line.split("\t")
    with open(path, "rb") as f:
        source = f.read()
    code = compile(source, sys.argv[1] + name, "exec", dont_inherit=True, optimize=2)
    data = (importlib.util.MAGIC_NUMBER + b"\x01\x00\x00\x00"  # hash-based, unchecked
            + importlib.util.source_hash(source) + marshal.dumps(code))
    sys.stdout.write(name + "\t" + binascii.hexlify(data).decode("ascii") + "\n")
"""


def license_path(package_dir=None):
    """The LICENSE that goes with the package: from the installed wheel's metadata,
    else beside the package (a checkout or an sdist)."""
    import glob  # only building a layer pays for it (and for the re it loads)

    package_dir = os.path.abspath(package_dir or PACKAGE_DIR)
    parent = os.path.dirname(package_dir)
    # The metadata first: a LICENSE loose in site-packages may be another project's.
    # Wheels since metadata 2.4 (PEP 639) keep it under licenses/, older ones beside METADATA.
    metadata = os.path.join(parent, "capability-*.dist-info")
    candidates = sorted(glob.glob(os.path.join(metadata, "licenses", "LICENSE")))
    candidates += sorted(glob.glob(os.path.join(metadata, "LICENSE")))
    candidates.append(os.path.join(parent, "LICENSE"))
    for path in candidates:
        if os.path.isfile(path):
            return path
    # An IOError, as for any file the layer cannot be made from.
    raise IOError(errno.ENOENT, "no LICENSE beside the package or in its installed metadata; "
                                "build the layer from a checkout or an installed wheel")


def layer_files(package_dir=None):
    """Sorted ``(name in the zip, path)`` of every module of the package but the
    command line and this builder (``LEFT_OUT``).

    Only ``.py`` files in the package and its subpackages: no caches,
    compiled files, stubs or stray folders.
    """
    package_dir = package_dir or PACKAGE_DIR
    found = []
    for folder, subfolders, files in os.walk(package_dir):
        subfolders[:] = [name for name in subfolders
                         if os.path.isfile(os.path.join(folder, name, "__init__.py"))]
        relative = os.path.relpath(folder, package_dir)
        parts = [PREFIX] + ([] if relative == os.curdir else relative.split(os.sep))
        for name in files:
            if name.endswith(".py") and not (relative == os.curdir and name in LEFT_OUT):
                found.append(("/".join(parts + [name]), os.path.join(folder, name)))
    return sorted(found)


def compiled_files(members, python=None):
    """``[(name in the zip, .pyc bytes)]`` that ``python`` (default: this one) imports
    without compiling the ``(name, path)`` sources ``members``.

    Raises ``ValueError`` for an interpreter without PEP 552 (before 3.7).
    """
    import subprocess

    python = python or sys.executable
    try:
        # no_debug_ranges (3.11+) leaves out column numbers: a third of the .pyc bytes.
        process = subprocess.Popen(
            [python, "-E", "-s", "-S", "-X", "no_debug_ranges", "-c", _COMPILER, RUNTIME_ROOT],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    except OSError as error:
        raise ValueError("cannot run %s: %s" % (python, error.strerror or type(error).__name__))
    out, err = process.communicate("".join(
        "%s\t%s\n" % member for member in members).encode("utf-8"))
    if process.returncode:
        said = err.decode("utf-8", "replace").strip().splitlines() or ["no output"]
        raise ValueError("%s failed: %s" % (python, said[-1]))
    lines = out.decode("ascii").splitlines()
    tag = lines[0]
    compiled = []
    for line in lines[1:]:
        name, data = line.split("\t")
        folder, module = name.rsplit("/", 1)
        compiled.append(("%s/__pycache__/%s.%s.pyc" % (folder, module[:-3], tag),
                         bytes(bytearray.fromhex(data))))
    return compiled


def build_layer(out_path, package_dir=None, pythons=()):
    """Write the layer zip to ``out_path`` and return the names it holds.

    The zip holds the modules, their ``.pyc`` files and the LICENSE
    (``license_path``). The same sources always give the same bytes: entries
    are sorted and carry a fixed date and mode. ``package_dir`` defaults to this package. The
    ``.pyc`` files are for this interpreter (3.7 or later) and for each of
    ``pythons``, paths of other interpreters.
    """
    import zipfile  # only building a layer pays for it

    sources = layer_files(package_dir)
    # Lambda's runtimes are CPython; PyPy's marshal output changes from one build
    # to the next, so a layer PyPy builds holds sources only (or --python's .pyc).
    if sys.version_info >= (3, 7) and platform.python_implementation() == "CPython":
        pythons = [sys.executable] + list(pythons)
    entries = []
    # MIT asks for the licence in every copy; no LICENSE found is an error, not a layer without.
    for name, path in sources + [(PREFIX + "/LICENSE", license_path(package_dir))]:
        with open(path, "rb") as source:
            entries.append((name, source.read()))
    for python in pythons:
        entries.extend(compiled_files(sources, python))
    entries = sorted(dict(entries).items())  # an interpreter named twice adds nothing
    archive = zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED)
    try:
        for name, data in entries:
            info = zipfile.ZipInfo(name, TIMESTAMP)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.create_system = _UNIX
            info.external_attr = FILE_MODE << 16
            archive.writestr(info, data)
    finally:
        archive.close()
    return [name for name, _ in entries]
