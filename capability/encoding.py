"""Bytes, text and base64url: the one module that tells Python 2 from 3."""
import binascii
import sys

from .exc import InvalidTypeError, InvalidValueError

PY2 = sys.version_info[0] == 2
text_type = type(u"")
integer_types = (int, type(10 ** 100))  # (int, long) on Python 2, (int, int) on 3
# Python 3's str, for accept-only fast paths (``value.__class__ is PY3_STR``);
# None on Python 2, where text always takes the general path.
PY3_STR = None if PY2 else str


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


def text(value, what):
    """Text (``unicode`` on Python 2) from text or UTF-8 bytes."""
    return to_bytes(value, what).decode("utf-8")


def _has_surrogate(data):
    """Whether UTF-8 bytes encode a surrogate (0xED then 0xA0-0xBF)."""
    start = data.find(b"\xed")
    while start != -1:
        if data[start + 1:start + 2] >= b"\xa0":
            return True
        start = data.find(b"\xed", start + 1)
    return False


def utf8_text(data):
    """Text of strictly UTF-8 bytes, or None; encoded surrogates are refused
    on Python 2 as Python 3's codec refuses them."""
    try:
        text = data.decode("utf-8")
    except UnicodeError:
        return None
    return None if PY2 and _has_surrogate(data) else text


def shown(value):
    """An untrusted JSON value, safe for an error message: short text or its kind."""
    if (isinstance(value, text_type) and len(value) <= 32
            and all(u" " <= char <= u"~" for char in value)):
        return '"%s"' % value
    if value is True or value is False or value is None:
        return {True: "true", False: "false", None: "null"}[value]
    for kinds, name in ((text_type, "a string"), (dict, "an object"), (list, "an array")):
        if isinstance(value, kinds):
            return name
    return "a number"


def repeated(names):
    """The first name that comes twice, or None: for the message once a dict came up short."""
    seen = set()
    for name in names:
        if name in seen:
            return name
        seen.add(name)
    return None


def remember(cache, limit, key, value):
    """``cache[key] = value``, returned; a full cache (``limit`` entries) is cleared
    first, in one step atomic under threads, unlike evicting one entry."""
    if len(cache) >= limit:
        cache.clear()
    cache[key] = value
    return value


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


_FROM_URL_SAFE = bytearray(range(256))
_FROM_URL_SAFE[ord("-")], _FROM_URL_SAFE[ord("_")] = ord("+"), ord("/")
_FROM_URL_SAFE = bytes(_FROM_URL_SAFE)


def b64url_encode(data):
    """base64url without padding (RFC 7515, section 2)."""
    # Two replaces beat one translate on a payload (2x from Python 3.11, equal before).
    return binascii.b2a_base64(data).rstrip(b"\n=").replace(b"+", b"-").replace(b"/", b"_")


_B64URL = frozenset(bytearray(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"))


def b64url_decode(segment, what, error):
    """Bytes of canonical unpadded base64url ASCII bytes, or ``error``.

    Only the one spelling ``b64url_encode`` produces is accepted: no padding,
    no ``+``/``/``, no whitespace, no stray bits in the last character.
    """
    data = None
    if len(segment) % 4 != 1:
        try:  # one translate, not two replaces: three segments per decode
            data = binascii.a2b_base64(
                segment.translate(_FROM_URL_SAFE) + b"=" * (-len(segment) % 4))
        except (binascii.Error, TypeError):
            pass
    # Re-encoding is the canonical-form check (faster than checking the
    # alphabet with translate); it also rejects every character a2b_base64
    # would have skipped.
    if data is not None and b64url_encode(data) == segment:
        return data
    raise error("%s is not canonical base64url: %s" % (what, _b64url_problem(segment)))


def _b64url_problem(segment):
    if b"=" in segment:
        return "it has '=' padding"
    if b"+" in segment or b"/" in segment:
        return "it has '+' or '/' (base64, not base64url)"
    if any(char in segment for char in (b" ", b"\t", b"\n", b"\r", b"\x0b", b"\x0c")):
        return "it has whitespace"
    if not _B64URL.issuperset(bytearray(segment)):
        return "it has a character outside A-Z a-z 0-9 - _"
    if len(segment) % 4 == 1:
        return "its length leaves a single character over"
    return "its last character has stray low bits"
