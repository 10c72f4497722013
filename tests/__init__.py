# Loaded before any test module: support.py gives Python 2.7's TestCase a subTest.
from . import support  # noqa: F401
