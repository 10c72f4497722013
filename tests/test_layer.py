"""The Lambda layer zip: what it holds, that it imports, and the same bytes every build."""
import glob
import hashlib
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import unittest
import zipfile

import capability
from capability.layer import LEFT_OUT, build_layer, layer_files, license_path

from .support import BARE_PYTHON, load_vectors

PACKAGE_DIR = os.path.dirname(os.path.abspath(capability.__file__))
LICENSE = os.path.join(os.path.dirname(PACKAGE_DIR), "LICENSE")
VECTORS = load_vectors("client_capability.json")


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


class LayerTestCase(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.mkdtemp()
        self.addCleanup(shutil.rmtree, self.tmp)

    def build(self, name="layer.zip", package_dir=None):
        path = os.path.join(self.tmp, name)
        build_layer(path, package_dir)
        return path


def compiled(name):
    """The zip name of this interpreter's .pyc for a zip name of a source, or None."""
    if sys.version_info < (3, 7) or sys.implementation.name != "cpython":
        return None  # PyPy's layer holds sources only
    folder, module = name.rsplit("/", 1)
    return "%s/__pycache__/%s.%s.pyc" % (folder, module[:-3], sys.implementation.cache_tag)


def other_python():
    """Another CPython 3.7+ on this machine (pyenv's), or None."""
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    mine = "%d.%d." % sys.version_info[:2]
    for version in ("3.12", "3.9", "3.13", "3.11"):
        pattern = os.path.join(root, "versions", version + ".*", "bin", "python")
        for found in sorted(glob.glob(pattern)):
            if not os.path.basename(os.path.dirname(os.path.dirname(found))).startswith(mine):
                return found
    return None


class LayerContentsTest(LayerTestCase):

    def test_every_module_its_bytecode_the_license_and_nothing_else(self):
        path = self.build()
        modules = sorted(name for name in os.listdir(PACKAGE_DIR)
                         if name.endswith(".py") and name not in LEFT_OUT)
        self.assertIn("__init__.py", modules)
        # the command line, its report and this builder: a function runs none of them
        self.assertEqual(LEFT_OUT, ("__main__.py", "layer.py", "report.py"))
        sources = ["python/capability/" + name for name in modules]
        expected = sources + [name for name in map(compiled, sources) if name]
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            self.assertEqual(names, sorted(expected + ["python/capability/LICENSE"]))
            for name in modules:
                with open(os.path.join(PACKAGE_DIR, name), "rb") as f:
                    self.assertEqual(archive.read("python/capability/" + name), f.read(), name)
            with open(LICENSE, "rb") as f:
                self.assertEqual(archive.read("python/capability/LICENSE"), f.read())

    @unittest.skipIf(compiled("python/capability/__init__.py") is None,
                     "this interpreter's layer holds sources only (before 3.7, or not CPython)")
    def test_bytecode_is_unchecked_hash_based_for_its_source(self):
        import importlib.util
        with zipfile.ZipFile(self.build()) as archive:
            for name in archive.namelist():
                pyc = compiled(name) if name.endswith(".py") else None
                if pyc is None:
                    continue
                data, source = archive.read(pyc), archive.read(name)
                self.assertEqual(data[:4], importlib.util.MAGIC_NUMBER, pyc)
                self.assertEqual(data[4:8], b"\x01\x00\x00\x00", pyc)  # hash-based, unchecked
                self.assertEqual(data[8:16], importlib.util.source_hash(source), pyc)

    def test_bytecode_drops_only_docstrings(self):
        # The .pyc files are compiled as -OO compiles, which also drops asserts: there are none.
        import ast
        for name, path in layer_files():
            with open(path, "rb") as f:
                tree = ast.parse(f.read())
            self.assertEqual([node.lineno for node in ast.walk(tree)
                              if isinstance(node, ast.Assert)], [], name)

    def test_fixed_dates_modes_and_compression(self):
        with zipfile.ZipFile(self.build()) as archive:
            for info in archive.infolist():
                self.assertEqual(info.date_time, (1980, 1, 1, 0, 0, 0), info.filename)
                self.assertEqual(info.external_attr >> 16, stat.S_IFREG | 0o644, info.filename)
                self.assertEqual(info.create_system, 3, info.filename)
                self.assertEqual(info.compress_type, zipfile.ZIP_DEFLATED, info.filename)

    def test_small(self):
        # Under 100 KiB with one runtime's bytecode; a layer with twilio-python is about 14 MB.
        self.assertLess(os.path.getsize(self.build()), 100 * 1024)

    def test_returns_the_names_it_wrote(self):
        path = os.path.join(self.tmp, "layer.zip")
        names = build_layer(path)
        with zipfile.ZipFile(path) as archive:
            self.assertEqual(names, archive.namelist())

    @unittest.skipIf(other_python() is None, "no other CPython 3.7+ under pyenv")
    def test_bytecode_for_another_interpreter(self):
        other = other_python()
        tag = subprocess.check_output(
            [other, "-c", "import sys; print(sys.implementation.cache_tag)"]).decode().strip()
        names = build_layer(os.path.join(self.tmp, "layer.zip"), pythons=[other, other])
        theirs = [name for name in names if ("." + tag + ".pyc") in name]
        self.assertEqual(len(theirs), len(layer_files()))
        self.assertEqual(len(names), len(set(names)))

    def test_an_interpreter_without_pep_552_is_refused_by_name(self):
        old = os.path.expanduser("~/.pyenv/versions/3.6.15/bin/python")
        for python in ("/no/such/python", old):
            if python.startswith("/no") or os.path.exists(python):
                with self.assertRaises(ValueError) as caught:
                    build_layer(os.path.join(self.tmp, "layer.zip"), pythons=[python])
                self.assertIn(python, str(caught.exception))


class LicenseTest(LayerTestCase):
    """The layer's LICENSE comes from a checkout, an sdist or an installed wheel."""

    def package_in(self, *parts):
        package = os.path.join(self.tmp, *parts)
        os.makedirs(package)
        with open(os.path.join(package, "__init__.py"), "w") as f:
            f.write("")
        return package

    def write(self, path, text):
        if not os.path.isdir(os.path.dirname(path)):
            os.makedirs(os.path.dirname(path))
        with open(path, "w") as f:
            f.write(text)
        return path

    def test_beside_the_package_in_a_checkout(self):
        self.assertEqual(license_path(), LICENSE)
        package = self.package_in("checkout", "capability")
        beside = self.write(os.path.join(self.tmp, "checkout", "LICENSE"), "MIT License\n")
        self.assertEqual(license_path(package), beside)

    def test_an_installed_wheel_s_metadata_comes_first(self):
        # pip puts the wheel's licence under the .dist-info folder; a LICENSE loose
        # in site-packages may belong to another project.
        package = self.package_in("site-packages", "capability")
        self.write(os.path.join(self.tmp, "site-packages", "LICENSE"), "someone else's\n")
        metadata = self.write(os.path.join(self.tmp, "site-packages", "capability-1.0.0.dist-info",
                                           "licenses", "LICENSE"), "MIT License\n")
        self.assertEqual(license_path(package), metadata)
        path = self.build(package_dir=package)
        with zipfile.ZipFile(path) as archive:
            sources = [name for name in archive.namelist() if "__pycache__" not in name]
            self.assertEqual(sources, ["python/capability/LICENSE",
                                       "python/capability/__init__.py"])
            self.assertEqual(archive.read("python/capability/LICENSE"), b"MIT License\n")

    def test_an_older_wheel_s_metadata(self):
        # Before metadata 2.4 (PEP 639) a wheel kept its licence beside METADATA, as
        # setuptools on 2.7 and 3.6 still builds it.
        package = self.package_in("site-packages", "capability")
        self.write(os.path.join(self.tmp, "site-packages", "LICENSE"), "someone else's\n")
        metadata = self.write(os.path.join(self.tmp, "site-packages", "capability-1.0.0.dist-info",
                                           "LICENSE"), "MIT License\n")
        self.assertEqual(license_path(package), metadata)

    def test_a_layer_holds_no_builder(self):
        # Only a layer puts a LICENSE inside the package; no layer.py or .pyc of it
        # there, so an unpacked layer never looks for its own copy.
        unpacked = os.path.join(self.tmp, "opt")
        with zipfile.ZipFile(self.build()) as archive:
            self.assertEqual([name for name in archive.namelist()
                              if name.rsplit("/", 1)[1].startswith("layer.")], [])
            archive.extractall(unpacked)
        package = os.path.join(unpacked, "python", "capability")
        self.assertTrue(os.path.isfile(os.path.join(package, "LICENSE")))
        with self.assertRaises(IOError):
            license_path(package)

    def test_no_license_is_an_error_not_a_layer_without_it(self):
        package = self.package_in("copied", "capability")
        out_path = os.path.join(self.tmp, "layer.zip")
        with self.assertRaises(IOError) as raised:
            build_layer(out_path, package)
        self.assertIn("no LICENSE beside the package", str(raised.exception))
        self.assertFalse(os.path.exists(out_path))


class ReproducibleTest(LayerTestCase):

    def copy_package(self, name):
        target = os.path.join(self.tmp, name, "capability")
        shutil.copytree(PACKAGE_DIR, target,
                        ignore=shutil.ignore_patterns("__pycache__", "*.py[co]"))
        shutil.copy(LICENSE, os.path.join(self.tmp, name, "LICENSE"))
        return target

    def test_same_bytes_twice(self):
        self.assertEqual(digest(self.build("one.zip")), digest(self.build("two.zip")))

    def test_file_times_and_modes_do_not_matter(self):
        first = self.copy_package("first")
        second = self.copy_package("second")
        for index, name in enumerate(sorted(os.listdir(second))):
            path = os.path.join(second, name)
            os.utime(path, (1234567890 + index, 1234567890 + index))
            os.chmod(path, 0o600 if index % 2 else 0o755)
        os.chmod(os.path.join(self.tmp, "second", "LICENSE"), 0o600)
        self.assertEqual(digest(self.build("first.zip", first)),
                         digest(self.build("second.zip", second)))

    def test_caches_compiled_files_stubs_and_stray_folders_stay_out(self):
        package = self.copy_package("junk")
        os.mkdir(os.path.join(package, "__pycache__"))
        os.mkdir(os.path.join(package, "tests"))  # not a subpackage: no __init__.py
        os.mkdir(os.path.join(package, "sub"))
        for name in ("__pycache__/client.cpython-311.pyc", "client.pyc", "client.pyo",
                     "client.pyi", "py.typed", "tests/test_x.py", "sub/__init__.py",
                     "sub/mod.py", ".hidden.swp"):
            with open(os.path.join(package, name), "w") as f:
                f.write("x = 1\n")
        names = [name for name, _ in layer_files(package)]
        self.assertEqual(names, sorted(names))
        stems = [name[len("python/capability/"):] for name in names]
        self.assertIn("sub/__init__.py", stems)
        self.assertIn("sub/mod.py", stems)
        for stem in stems:
            self.assertTrue(stem.endswith(".py"), stem)
            self.assertFalse(stem.startswith(("tests/", "__pycache__/")), stem)


class LayerImportsTest(LayerTestCase):

    @unittest.skipIf(compiled("python/capability/__init__.py") is None,
                     "this interpreter's layer holds sources only (before 3.7, or not CPython)")
    def test_read_only_layer_runs_from_its_bytecode(self):
        # As Lambda runs it: unpacked read-only, bytecode writing off; no module is compiled.
        with zipfile.ZipFile(self.build()) as archive:
            archive.extractall(self.tmp)
        opt = os.path.join(self.tmp, "python")
        for folder, _, files in os.walk(opt):
            for name in files:
                os.chmod(os.path.join(folder, name), 0o444)
        self.addCleanup(lambda: [os.chmod(os.path.join(f, n), 0o644)
                                 for f, _, names in os.walk(opt) for n in names])
        probe = ("import sys\nsys.path.insert(0, sys.argv[1])\nimport capability\n"
                 "cap = capability.Capability('AC' + '0' * 32, 'secret')\n"
                 "cap.allow_client_incoming('alice')\ncap.generate()\n"
                 "import capability.decoding, capability.access_token, capability.taskrouter\n")
        env = dict(os.environ, PYTHONDONTWRITEBYTECODE="1")
        proc = subprocess.Popen([sys.executable, "-B", "-S", "-E", "-v", "-c", probe, opt],
                                cwd=self.tmp,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
        _, err = proc.communicate()
        self.assertEqual(proc.returncode, 0, err.decode("utf-8", "replace")[-2000:])
        loaded = [line for line in err.decode("utf-8", "replace").splitlines()
                  if line.startswith("# code object from") and opt in line]
        self.assertTrue(loaded)
        for line in loaded:
            self.assertTrue(line.rstrip("'").endswith(".pyc"), line)

    def test_golden_token_from_the_zip_alone(self):
        # zipimport reads the layer as Lambda reads /opt/python: no checkout on the path.
        path = self.build()
        case = [c for c in VECTORS["cases"] if c["label"] == "incoming alice"][0]
        probe = (
            "import sys, time\n"
            "sys.path.insert(0, sys.argv[1])\n"
            "time.time = lambda: %r\n"
            "import capability\n"
            "assert capability.__file__.startswith(sys.argv[1]), capability.__file__\n"
            "cap = capability.Capability(%r, %r)\n"
            "cap.allow_client_incoming('alice')\n"
            "sys.stdout.write(cap.generate(ttl=3600))\n"
            % (VECTORS["now"] + 0.75, VECTORS["account_sid"], VECTORS["auth_token"]))
        out = subprocess.check_output(BARE_PYTHON + ["-c", probe, os.path.join(path, "python")],
                                      cwd=self.tmp)
        self.assertEqual(out.decode("ascii"), case["token"])

    def test_import_capability_does_not_import_zipfile(self):
        out = subprocess.check_output(
            BARE_PYTHON + ["-c", "import sys; import capability, capability.layer; "
                                 "print('zipfile' in sys.modules)"],
            cwd=os.path.dirname(PACKAGE_DIR))
        self.assertEqual(out.strip(), b"False")


@unittest.skipUnless(os.path.exists(os.path.join(PACKAGE_DIR, "__main__.py")),
                     "capability/__main__.py (the command line) is not there yet")
class CommandLineTest(LayerTestCase):

    def test_python_m_capability_layer(self):
        out_path = os.path.join(self.tmp, "cli.zip")
        env = dict(os.environ, PYTHONPATH=os.path.dirname(PACKAGE_DIR))
        proc = subprocess.Popen([sys.executable, "-m", "capability", "layer", out_path],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=self.tmp,
                                env=env)
        out, err = proc.communicate()
        self.assertEqual(proc.returncode, 0, err.decode("utf-8", "replace"))
        self.assertEqual(digest(out_path), digest(self.build()))
        self.assertEqual(out.decode("ascii"), "wrote %d files to %s\n" % (
            len(zipfile.ZipFile(out_path).namelist()), out_path))


if __name__ == "__main__":
    unittest.main()
