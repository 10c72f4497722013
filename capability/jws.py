"""HS256 compact JWS: the only code that signs."""
import sys

from .encoding import b64url_encode, to_native

# PyJWT >= 2.5 sorts header members, so twilio-python's header is always this.
HEADER = b'{"alg":"HS256","typ":"JWT"}'
_SIGNING_PREFIX = b64url_encode(HEADER) + b"."

# HMAC (RFC 2104) is written out below because ``hmac`` and ``hashlib`` load
# OpenSSL, which is most of a cold start (about 2.5 ms on CPython, 100 ms on
# PyPy); CPython's built-in SHA-256 gives the same bytes without it.
try:
    from _sha2 import sha256 as _builtin_sha256  # CPython 3.12+
except ImportError:
    try:
        from _sha256 import sha256 as _builtin_sha256  # CPython 2.7-3.11; pure Python on PyPy
    except ImportError:
        _builtin_sha256 = None

_BLOCK_SIZE = 64
_INNER_PAD = bytes(bytearray(byte ^ 0x36 for byte in range(256)))
_OUTER_PAD = bytes(bytearray(byte ^ 0x5C for byte in range(256)))
# Per-key HMAC state, made once per key; cleared when full so memory stays bounded.
MAX_KEYS = 1024
_key_states = {}


def sign(payload, key, header=None):
    """Compact HS256 token (native ``str``) for JSON payload and key, as bytes.

    ``header`` is the header's JSON bytes, members sorted as PyJWT sorts
    them; the default is ``HEADER``.

    >>> sign(b'{"iss":"AC..."}', b"secret")  # doctest: +SKIP
    """
    prefix = _SIGNING_PREFIX if header is None else b64url_encode(header) + b"."
    signing_input = prefix + b64url_encode(payload)
    return to_native(signing_input + b"." + b64url_encode(hmac_sha256(key, signing_input)))


def hmac_sha256(key, message):
    """``hmac.new(key, message, hashlib.sha256).digest()`` for bytes, without loading OpenSSL.

    >>> len(hmac_sha256(b"secret", b"message"))
    32
    """
    inner_state, outer_state = _key_states.get(key) or _new_key_state(key)
    inner = inner_state.copy()
    inner.update(message)
    outer = outer_state.copy()
    outer.update(inner.digest())
    return outer.digest()


def _sha256():
    """A SHA-256 constructor that loads nothing new.

    OpenSSL's is two to four times faster per token, so it is used once the
    program has imported ``hashlib`` anyway (most servers do); otherwise the
    built-in one, unless this interpreter has none.
    """
    hashlib = sys.modules.get("hashlib")
    if hashlib is None and _builtin_sha256 is not None:
        return _builtin_sha256
    if hashlib is None:
        import hashlib
    return hashlib.sha256


def _new_key_state(key):
    """(inner, outer) SHA-256 states after hashing the padded key, cached."""
    sha256 = _sha256()
    block = sha256(key).digest() if len(key) > _BLOCK_SIZE else key
    block = block.ljust(_BLOCK_SIZE, b"\0")
    states = (sha256(block.translate(_INNER_PAD)), sha256(block.translate(_OUTER_PAD)))
    if len(_key_states) >= MAX_KEYS:
        _key_states.clear()  # atomic under threads, unlike evicting one entry
    _key_states[key] = states
    return states
