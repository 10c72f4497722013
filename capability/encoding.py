"""Bytes, text and base64url: the one module that tells Python 2 from 3."""
import binascii
import sys

from .exc import InvalidTypeError, InvalidValueError

PY2 = sys.version_info[0] == 2
text_type = type(u"")
integer_types = (int, type(10 ** 100))  # (int, long) on Python 2, (int, int) on 3


def to_bytes(value, what, error=InvalidValueError):
    """UTF-8 bytes of text, or of bytes that already hold UTF-8.

    ``what`` names the argument in the message; the value itself is never
    shown, so the same helper serves secrets.
    """
    if isinstance(value, bytes):
        data = value
        try:
            value.decode("utf-8")
        except UnicodeError:
            data = None
    elif isinstance(value, text_type):
        try:
            data = value.encode("utf-8")
        except UnicodeError:  # a lone surrogate
            data = None
    else:
        raise _type_error(error, "%s must be text, not %s" % (what, type(value).__name__))
    if PY2 and data is not None and _has_surrogate(data):
        data = None  # Python 2's codec lets lone surrogates through; 3's refuses them
    if data is None:
        # Raised outside the except block so the chained error cannot carry the input.
        raise error("%s is not valid UTF-8 text" % what)
    return data


def _has_surrogate(data):
    """Whether UTF-8 bytes encode a surrogate (0xED then 0xA0-0xBF)."""
    start = data.find(b"\xed")
    while start != -1:
        if data[start + 1:start + 2] >= b"\xa0":
            return True
        start = data.find(b"\xed", start + 1)
    return False


def _type_error(error, message):
    return InvalidTypeError(message) if error is InvalidValueError else error(message)


if PY2:
    def to_native(data):
        """Native ``str`` from ASCII bytes."""
        return data
else:
    def to_native(data):
        """Native ``str`` from ASCII bytes."""
        return data.decode("ascii")


_URL_SAFE = bytearray(range(256))
_URL_SAFE[ord("+")], _URL_SAFE[ord("/")] = ord("-"), ord("_")
_URL_SAFE = bytes(_URL_SAFE)


def b64url_encode(data):
    """base64url without padding (RFC 7515, section 2)."""
    # One translate instead of two replaces: this runs twice per token.
    return binascii.b2a_base64(data).rstrip(b"\n=").translate(_URL_SAFE)
