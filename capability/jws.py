"""HS256 compact JWS: the only code that signs."""
import hashlib
import hmac

from .encoding import b64url_encode, to_native

# PyJWT >= 2.5 sorts header members, so twilio-python's header is always this.
HEADER = b'{"alg":"HS256","typ":"JWT"}'
_SIGNING_PREFIX = b64url_encode(HEADER) + b"."


def sign(payload, key, header=None):
    """Compact HS256 token (native ``str``) for JSON payload and key, as bytes.

    ``header`` is the header's JSON bytes, members sorted as PyJWT sorts
    them; the default is ``HEADER``.

    >>> sign(b'{"iss":"AC..."}', b"secret")  # doctest: +SKIP
    """
    prefix = _SIGNING_PREFIX if header is None else b64url_encode(header) + b"."
    signing_input = prefix + b64url_encode(payload)
    signature = hmac.new(key, signing_input, hashlib.sha256).digest()
    return to_native(signing_input + b"." + b64url_encode(signature))
