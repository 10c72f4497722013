"""HS256 compact JWS: the only code that signs, and the only code that verifies."""
import sys

from .encoding import (b64url_decode, b64url_encode, remember, repeated, shown, text_type,
                       to_bytes, to_native, utf8_text)
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
# Per-key HMAC state, made once per key; bounded (encoding.remember).
MAX_KEYS = 1024
_key_states = {}
MAX_HEADERS = 64
_prefixes = {}


def sign(payload, key, header=None):
    """Compact HS256 token (native ``str``) for JSON payload and key, as bytes.

    ``header`` is the header's JSON bytes, members sorted as PyJWT sorts
    them; the default is ``HEADER``.

    >>> sign(b'{"iss":"AC..."}', b"secret")  # doctest: +SKIP
    """
    prefix = _SIGNING_PREFIX if header is None else _prefixes.get(header) or _new_prefix(header)
    signing_input = prefix + b64url_encode(payload)
    return to_native(signing_input + b"." + b64url_encode(hmac_sha256(key, signing_input)))


def _new_prefix(header):
    """``<base64url header>.``, cached per header (a few: one per region), bounded."""
    return remember(_prefixes, MAX_HEADERS, header, b64url_encode(header) + b".")


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
    return remember(_key_states, MAX_KEYS, key,
                    (sha256(block.translate(_INNER_PAD)), sha256(block.translate(_OUTER_PAD))))


# Real capability tokens are under 1 KiB; Access Tokens with many grants stay
# well under this. The cap bounds the work an attacker can ask for.
MAX_TOKEN_LENGTH = 8192
# Twilio's tokens nest at most five deep; this leaves room without letting
# json recurse anywhere near the interpreter's limit. It bounds what a token
# sent to us may hold; jsonwriter.MAX_WRITE_DEPTH (32) bounds our own callers' data.
MAX_READ_DEPTH = 16
# I-JSON (RFC 7493): integers beyond 2**53 - 1 do not survive other parsers.
MAX_SAFE_INTEGER = 2 ** 53 - 1
_SAFE_DIGITS = len(str(MAX_SAFE_INTEGER))  # 16
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

    ``key`` is the key's bytes, or a tuple of keys' bytes (rotation): the
    token must match one of them. ``header`` is the checked JOSE header as a
    dict, ``payload`` the signed bytes, not parsed: a JWS payload need not be JSON.

    >>> header, payload = verify(token, b"secret")  # doctest: +SKIP
    >>> header, payload = verify(token, (b"primary", b"secondary"))  # doctest: +SKIP
    """
    signing_input, header_json, payload, signature = split(token)
    if header_json == HEADER:  # every capability token's: what strict parsing would give
        header = {u"alg": u"HS256", u"typ": u"JWT"}
    else:
        header = check_alg(load_object(header_json, "header"))
    if not _matches(signing_input, signature, key):
        if isinstance(key, bytes):
            raise BadSignatureError("signature does not match the key (altered, forged, "
                                    "or signed with another auth token)")
        raise BadSignatureError("signature matches none of the %d keys (altered, forged, "
                                "or signed with another auth token)" % len(key))
    return header, payload


def _matches(signing_input, signature, key):
    """Whether ``signature`` is the HMAC of ``signing_input`` under the key or any of the keys."""
    global _hmac
    if _hmac is None:
        import hmac as _hmac  # only for compare_digest; signing needs no hmac
    if isinstance(key, bytes):
        return _hmac.compare_digest(hmac_sha256(key, signing_input), signature)
    matched = False
    for each in key:
        # Every key, each in constant time, and | rather than "or": no early
        # exit, so the time taken does not say which key matched.
        matched = _hmac.compare_digest(hmac_sha256(each, signing_input), signature) | matched
    return matched


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
    if (data.count(b"{") + data.count(b"[") > MAX_READ_DEPTH
            and _deeper_than(data, MAX_READ_DEPTH)):
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
    """One strict JSON decoder, made on the first decode and shared, as json.loads shares
    its own."""
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
    if len(digits) < _SAFE_DIGITS:  # 15 characters or fewer: safe whatever they are
        return int(digits)
    # Counted before converting: int() of a long string is quadratic before
    # Python 3.11, and a JSON integer has no leading zeros, so more than 16
    # digits is past 2**53 - 1 whatever they are.
    number = None
    if len(digits.lstrip(u"-")) <= _SAFE_DIGITS:
        number = int(digits)
    if number is None or abs(number) > MAX_SAFE_INTEGER:
        raise _Refused("has an integer beyond 2**53 - 1")
    return number


def _real(digits):
    number = float(digits)
    if abs(number) == _INFINITY:
        raise _Refused("has a number too large for a float")
    return number


# For _deeper_than: opening brackets become "(", closing ones ")"; all else is deleted.
_BRACKET_TABLE = bytearray(range(256))
_BRACKET_TABLE[ord("[")] = _BRACKET_TABLE[ord("{")] = ord("(")
_BRACKET_TABLE[ord("]")] = _BRACKET_TABLE[ord("}")] = ord(")")
_BRACKET_TABLE = bytes(_BRACKET_TABLE)
_NOT_BRACKETS = bytes(bytearray(byte for byte in range(256) if byte not in bytearray(b"[]{}")))


def _deeper_than(data, limit):
    """Whether the JSON in UTF-8 ``data`` nests more than ``limit`` levels deep.

    Linear in ``len(data)`` with no regular expression (a backtracking one
    made an 8 KB header cost 100 ms): every step is a C-speed bytes method.
    Escaped backslashes, then escaped quotes, are dropped; the quotes left
    delimit the strings, whose brackets do not nest. Of the rest only the
    brackets are kept, as ( and ), and each pass removes every innermost
    "()", so closed structures ``k`` deep take ``k`` passes. What is left
    over is openers never closed, which enclose everything after them: the
    depth is at most passes + openers left, and exactly the passes for valid
    JSON. Invalid JSON may be called deep where the parser would stop early;
    it is refused either way.
    """
    outside = b"".join(data.replace(b"\\\\", b"").replace(b'\\"', b"").split(b'"')[::2])
    brackets = outside.translate(_BRACKET_TABLE, _NOT_BRACKETS)
    passes = 0
    while passes <= limit and b"()" in brackets:
        brackets = brackets.replace(b"()", b"")
        passes += 1
    return passes + brackets.count(b"(") > limit


def _has_lone_surrogate(value):
    # Python 3's json joins an escaped pair into one character, so any
    # surrogate left in a string is alone, and UTF-8 cannot encode it; on
    # Python 2, to_bytes finds the encoded surrogate. Linear, no re.
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item)
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)
        elif isinstance(item, text_type) and not _encodes(item):
            return True
    return False


def _encodes(text):
    try:
        to_bytes(text, "a string", MalformedTokenError)
    except MalformedTokenError:
        return False
    return True
