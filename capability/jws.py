"""HS256 compact JWS: the only code that signs, and the only code that verifies."""
import sys

from .encoding import (b64url_decode, b64url_encode, repeated, shown, text_type, to_bytes, to_native,
                       utf8_text)
from .exc import BadSignatureError, InvalidTypeError, MalformedTokenError

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


# Real capability tokens are under 1 KiB; Access Tokens with many grants stay
# well under this. The cap bounds the work an attacker can ask for.
MAX_TOKEN_LENGTH = 8192
# Twilio's tokens nest at most five deep; this leaves room without letting
# json recurse anywhere near the interpreter's limit. It bounds what a token
# sent to us may hold; jsonwriter.MAX_WRITE_DEPTH (32) bounds our own callers' data.
MAX_READ_DEPTH = 16
# I-JSON (RFC 7493): integers beyond 2**53 - 1 do not survive other parsers.
MAX_SAFE_INTEGER = 2 ** 53 - 1
_SIGNATURE_BYTES = 32
_INFINITY = float("inf")
# Loaded on the first decode, then kept: the token-making path never needs them.
_hmac = _json_decoder = None


def split(token):
    """``(signing_input, header, payload, signature)`` bytes of a compact JWS.

    Checks the shape only, strictly: three canonical base64url segments and a
    32-byte signature. Nothing here looks at the JSON or the key.
    """
    if not isinstance(token, (bytes, text_type)):
        raise InvalidTypeError("token must be text, not %s" % type(token).__name__)
    if len(token) > MAX_TOKEN_LENGTH:
        raise MalformedTokenError("token is %d characters long; the limit is %d"
                                  % (len(token), MAX_TOKEN_LENGTH))
    data = token if isinstance(token, bytes) else to_bytes(token, "token", MalformedTokenError)
    position = None
    try:
        data.decode("ascii")  # C speed, and the error says where
    except UnicodeDecodeError as error:
        position = error.start
    if position is not None:  # raised outside the except block, which holds the token
        raise MalformedTokenError("token has a non-ASCII character at byte %d" % position)
    if not data:
        raise MalformedTokenError("the token is empty")
    segments = data.split(b".")
    if len(segments) == 1:
        raise MalformedTokenError("token has no '.'; a JWS has 3 segments separated by '.'")
    if len(segments) != 3:
        raise MalformedTokenError(
            "token has %d segments separated by '.'; a JWS has 3" % len(segments))
    header = b64url_decode(segments[0], "header", MalformedTokenError)
    payload = b64url_decode(segments[1], "payload", MalformedTokenError)
    signature = b64url_decode(segments[2], "signature", MalformedTokenError)
    if len(signature) != _SIGNATURE_BYTES:
        raise MalformedTokenError("signature is %d bytes; HS256 gives %d"
                                  % (len(signature), _SIGNATURE_BYTES))
    return data[:len(segments[0]) + 1 + len(segments[1])], header, payload, signature


def verify(token, key):
    """``(header, payload)`` of a compact HS256 token whose signature matches.

    ``header`` is the checked JOSE header as a dict, ``payload`` the signed
    bytes, not parsed: a JWS payload need not be JSON.

    >>> header, payload = verify(token, b"secret")  # doctest: +SKIP
    """
    signing_input, header_json, payload, signature = split(token)
    if header_json == HEADER:  # every capability token's: what strict parsing would give
        header = {u"alg": u"HS256", u"typ": u"JWT"}
    else:
        header = check_alg(load_object(header_json, "header"))
    global _hmac
    if _hmac is None:
        import hmac as _hmac  # only for compare_digest; signing needs no hmac
    if not _hmac.compare_digest(hmac_sha256(key, signing_input), signature):
        raise BadSignatureError("signature does not match the key (altered, forged, "
                                "or signed with another auth token)")
    return header, payload


def check_alg(header):
    """The header, if it asks for HS256 and nothing this code cannot honour."""
    if "alg" not in header:
        raise MalformedTokenError("header has no alg; only \"HS256\" is accepted", "alg")
    if header["alg"] != "HS256":
        raise MalformedTokenError("header alg is %s; only \"HS256\" is accepted"
                                  % shown(header["alg"]), "alg")
    if "crit" in header:
        raise MalformedTokenError("header has crit; no JWS extension is supported", "crit")
    return header


def load_object(data, what):
    """The JSON object in UTF-8 ``data`` as a dict, read strictly.

    RFC 8259 with the I-JSON rules of RFC 7493: UTF-8 only, no duplicate
    member names, no lone surrogates, no NaN or Infinity, integers within
    2**53 - 1, and at most ``MAX_READ_DEPTH`` levels of nesting.
    """
    text = utf8_text(data)
    if text is None:
        raise MalformedTokenError("%s is not UTF-8" % what)
    # Depth cannot exceed the number of opening brackets, and most tokens have one.
    if (text.count(u"{") + text.count(u"[") > MAX_READ_DEPTH
            and _deeper_than(text, MAX_READ_DEPTH)):
        raise MalformedTokenError("%s nests deeper than %d levels" % (what, MAX_READ_DEPTH))
    problem = None
    try:
        value = _decoder().decode(text)
    except _Refused as refused:
        problem = refused.args[0]
    except ValueError:
        problem = "is not valid JSON"
    if problem is not None:
        # Raised outside the except block: the chained error would quote the input.
        raise MalformedTokenError("%s %s" % (what, problem))
    if not isinstance(value, dict):
        raise MalformedTokenError("%s is %s, not a JSON object" % (what, shown(value)))
    # Strict UTF-8 decoding never makes a surrogate; only a \u escape can.
    if u"\\u" in text and _has_lone_surrogate(value):
        raise MalformedTokenError("%s has a string with a lone UTF-16 surrogate" % what)
    return value


class _Refused(Exception):
    """A JSON hook's objection; ``load_object`` says which part it is in."""


def _decoder():
    """One strict JSON decoder, made on the first decode and shared, as json.loads shares its own."""
    global _json_decoder
    if _json_decoder is None:
        import json
        _json_decoder = json.JSONDecoder(object_pairs_hook=_object, parse_constant=_constant,
                                         parse_int=_integer, parse_float=_real)
    return _json_decoder


def _object(pairs):
    members = dict(pairs)
    if len(members) != len(pairs):  # a name repeated: only then look for which
        raise _Refused("has the member %s twice" % shown(repeated(name for name, _ in pairs)))
    return members


def _constant(name):
    raise _Refused("has %s, which JSON does not allow" % name)


def _integer(digits):
    number = None
    try:
        number = int(digits)
    except ValueError:  # Python 3.11+ refuses to convert over 4300 digits
        pass
    if number is None or abs(number) > MAX_SAFE_INTEGER:
        raise _Refused("has an integer beyond 2**53 - 1")
    return number


def _real(digits):
    number = float(digits)
    if abs(number) == _INFINITY:
        raise _Refused("has a number too large for a float")
    return number


def _deeper_than(text, limit):
    import re
    depth = 0
    # Brackets inside strings do not nest; strip the strings first.
    for char in re.sub(u'"(?:[^"\\\\]|\\\\.)*"', u"", text):
        if char == u"[" or char == u"{":
            depth += 1
            if depth > limit:
                return True
        elif char == u"]" or char == u"}":
            depth -= 1
    return False


def _has_lone_surrogate(value):
    import re
    # A pair, as a narrow Python 2 build stores an astral character, is fine.
    lone = re.compile(u"[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]")
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, text_type) and lone.search(item):
            return True
    return False
