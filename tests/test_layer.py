"""The Lambda layer zip: what it holds, that it imports, and the same bytes every build."""
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
from capability.layer import build_layer, layer_files

from .support import BARE_PYTHON, load_vectors

PACKAGE_DIR = os.path.dirname(os.path.abspath(capability.__file__))
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


class LayerContentsTest(LayerTestCase):

    def test_every_module_and_nothing_else(self):
        path = self.build()
        modules = sorted(name for name in os.listdir(PACKAGE_DIR) if name.endswith(".py"))
        self.assertIn("__init__.py", modules)
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            self.assertEqual(names, ["python/capability/" + name for name in modules])
            for name in modules:
                with open(os.path.join(PACKAGE_DIR, name), "rb") as f:
                    self.assertEqual(archive.read("python/capability/" + name), f.read(), name)

    def test_fixed_dates_modes_and_compression(self):
        with zipfile.ZipFile(self.build()) as archive:
            for info in archive.infolist():
                self.assertEqual(info.date_time, (1980, 1, 1, 0, 0, 0), info.filename)
                self.assertEqual(info.external_attr >> 16, stat.S_IFREG | 0o644, info.filename)
                self.assertEqual(info.create_system, 3, info.filename)
                self.assertEqual(info.compress_type, zipfile.ZIP_DEFLATED, info.filename)

    def test_small(self):
        # Tens of KiB at most; a layer with twilio-python is about 14 MB zipped.
        self.assertLess(os.path.getsize(self.build()), 64 * 1024)

    def test_returns_the_names_it_wrote(self):
        path = os.path.join(self.tmp, "layer.zip")
        names = build_layer(path)
        with zipfile.ZipFile(path) as archive:
            self.assertEqual(names, archive.namelist())


class ReproducibleTest(LayerTestCase):

    def copy_package(self, name):
        target = os.path.join(self.tmp, name, "capability")
        shutil.copytree(PACKAGE_DIR, target,
                        ignore=shutil.ignore_patterns("__pycache__", "*.py[co]"))
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


if __name__ == "__main__":
    unittest.main()
