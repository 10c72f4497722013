"""JSON claims as PyJWT writes them, and the clock the twilio-python token classes share.

twilio-python signs ``json.dumps(payload, separators=(",", ":"))`` with members
in insertion order and non-ASCII escaped. That is written out here for the few
value types claims hold, so making a token never imports ``json`` (a Lambda cold
start pays for it) and member order never depends on Python 2's unordered dict.
"""
import time

from . import decoding, jws
from .client import MAX_TTL, check_ttl
from .credentials import check_secret
from .encoding import integer_types, text_type, to_bytes
from .exc import CredentialsError, InvalidTypeError, InvalidValueError, MalformedTokenError

_PLAIN = frozenset(chr(code) for code in range(0x20, 0x7f)) - frozenset('"\\')
_SHORT = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r",
          "\t": "\\t"}
MAX_DEPTH = 32


class Members(list):
    """A JSON object as ``(name, value)`` pairs, written in this order."""


def plain(value):
    """``value`` with every ``Members`` turned into a dict, for ``payload`` and friends."""
    if isinstance(value, Members):
        return dict((name, plain(item)) for name, item in value)
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def text(value, what):
    """Text (``unicode`` on Python 2) from text or UTF-8 bytes."""
    return to_bytes(value, what).decode("utf-8")


def jsonable(value, what, depth=0):
    """A checked copy of caller data for a claim: dicts become ``Members`` in their own order.

    Takes what ``json.dumps`` takes except NaN, infinities and non-text keys;
    bytes must hold UTF-8 and become text.
    """
    if value is None or isinstance(value, (bool, integer_types)):
        return value
    if isinstance(value, float):
        if value - value != 0:  # NaN or an infinity: not JSON
            raise InvalidValueError("%s is %r, which JSON cannot represent" % (what, value))
        return value
    if isinstance(value, (bytes, text_type)):
        return text(value, what)
    if depth >= MAX_DEPTH:
        raise InvalidValueError("%s is nested more than %d levels deep (does it contain itself?)"
                                % (what, MAX_DEPTH))
    if isinstance(value, dict):
        members = Members()
        for key in value:
            if not isinstance(key, (bytes, text_type)):
                raise InvalidTypeError("%s has a key that is %s, not text"
                                       % (what, type(key).__name__))
            name = text(key, "a key of %s" % what)
            label = "%s[%s]" % (what, repr(name).lstrip("u"))  # the same on Python 2
            members.append((name, jsonable(value[key], label, depth + 1)))
        return members
    if isinstance(value, (list, tuple)):
        return [jsonable(item, "%s[%d]" % (what, index), depth + 1)
                for index, item in enumerate(value)]
    raise InvalidTypeError("%s holds a %s; claims take text, numbers, booleans, None, lists "
                           "and dicts" % (what, type(value).__name__))


def encode(value):
    """Compact JSON, as ASCII bytes, of ``Members``, lists and checked scalars."""
    return _encode(value).encode("ascii")


def _encode(value):
    if isinstance(value, Members):
        return "{%s}" % ",".join(_string(name) + ":" + _encode(item) for name, item in value)
    if isinstance(value, list):
        return "[%s]" % ",".join(_encode(item) for item in value)
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, integer_types):
        return "%d" % value
    if isinstance(value, float):
        return float.__repr__(value)
    return _string(value)


def _string(value):
    """A JSON string with ``json.dumps``'s escapes: all but printable ASCII as ``\\uXXXX``."""
    if _PLAIN.issuperset(value):
        return '"%s"' % value
    out = []
    for char in value:
        if char in _PLAIN:
            out.append(char)
        elif char in _SHORT:
            out.append(_SHORT[char])
        elif ord(char) < 0x10000:
            out.append("\\u%04x" % ord(char))
        else:  # astral: a UTF-16 surrogate pair, as json writes it
            code = ord(char) - 0x10000
            out.append("\\u%04x\\u%04x" % (0xd800 | code >> 10, 0xdc00 | code & 0x3ff))
    return '"%s"' % "".join(out)


class _Generate(object):
    """The default ``nbf``: the issue time."""
    __slots__ = ()

    def __repr__(self):
        return "GENERATE"

    def __reduce__(self):
        return "GENERATE"  # copies and pickles stay the one sentinel


GENERATE = _Generate()


def check_nbf(nbf):
    if nbf is not GENERATE and nbf is not None and (
            isinstance(nbf, bool) or not isinstance(nbf, integer_types)):
        raise InvalidTypeError("nbf must be GENERATE (the issue time), None (no nbf claim) or "
                               "whole seconds since the epoch, not %s" % type(nbf).__name__)
    return nbf


def check_valid_until(valid_until):
    if valid_until is not None and (
            isinstance(valid_until, bool) or not isinstance(valid_until, integer_types)):
        raise InvalidTypeError("valid_until must be None or whole seconds since the epoch, "
                               "such as int(time.time()) + 600, not %s"
                               % type(valid_until).__name__)
    return valid_until


class Token(object):
    """What twilio-python's token classes share: ``nbf``, ``ttl``, ``valid_until``, ``to_jwt``.

    Subclasses give ``_claims(now, exp, nbf)`` and ``_key``; ``_header()`` adds
    header members. The clock is read once per token, so ``jti``, ``nbf`` and
    ``exp`` agree.
    """

    GENERATE = GENERATE
    ALGORITHM = "HS256"
    algorithm = ALGORITHM

    def __init__(self, nbf=GENERATE, ttl=3600, valid_until=None):
        self.nbf = check_nbf(nbf)
        check_ttl(ttl)
        self.ttl = ttl
        self.valid_until = check_valid_until(valid_until)

    def to_jwt(self, ttl=None):
        """The signed token as ``str``; ``ttl`` overrides the constructor's ``ttl``
        and ``valid_until``.

        >>> token.to_jwt()  # doctest: +SKIP
        """
        return self._sign(*self._times(ttl))

    @property
    def payload(self):
        """The claims ``to_jwt()`` would sign now, as a dict."""
        return plain(self._claims(*self._times(None)))

    @property
    def headers(self):
        """The JOSE header as a dict."""
        return plain(Members(self._header() + [("typ", "JWT"), ("alg", self.ALGORITHM)]))

    @classmethod
    def from_jwt(cls, jwt, key=None):
        """The ``headers`` and ``payload`` of a token of this kind, always verified.

        The signature, the claims and the clock are checked as ``decode`` checks
        them. A missing or empty ``key`` is a ``CredentialsError``, never a
        skipped check (twilio-python skips verification then).

        >>> decoded = AccessToken.from_jwt(jwt, api_secret)  # doctest: +SKIP
        >>> decoded.payload["grants"]["identity"]  # doctest: +SKIP
        'alice'
        """
        if key is None:
            raise CredentialsError("%s.from_jwt needs the key that signed the token; to look "
                                   "inside without verifying, use capability.decode_unverified"
                                   % cls.__name__)
        header, claims = decoding.verify(jwt, check_secret(key, "the key"))
        problem = cls._kind_problem(header, claims)
        if problem is not None:
            raise MalformedTokenError("the token is not a %s: %s; capability.decode reads "
                                      "every kind" % (cls.__name__, problem))
        decoding.check_time(claims, time.time(), 0)
        return DecodedToken(header, claims)

    @classmethod
    def _kind_problem(cls, header, claims):
        """Why verified ``(header, claims)`` are not a token of this class, or None."""
        return None

    def _times(self, ttl):
        """``(now, exp, nbf or None)`` from a single clock read, checked against each other."""
        check_ttl(self.ttl)
        if ttl is not None:
            check_ttl(ttl)
        nbf = check_nbf(self.nbf)
        valid_until = check_valid_until(self.valid_until)
        now = int(time.time())
        if ttl is not None:
            exp = now + ttl
        elif valid_until is not None:
            exp = valid_until
            if not now < exp <= now + MAX_TTL:
                raise InvalidValueError(
                    "valid_until must be later than now and at most %d seconds (24 hours) "
                    "away; it is %d seconds from now" % (MAX_TTL, exp - now))
        else:
            exp = now + self.ttl
        nbf = now if nbf is GENERATE else nbf
        if nbf is not None and nbf >= exp:
            raise InvalidValueError("nbf (%d) must be earlier than the expiry (%d)" % (nbf, exp))
        return now, exp, nbf

    def _header(self):
        return Members()

    def _sign(self, now, exp, nbf):
        header = self._header()
        if header:
            header = encode(Members(sorted(header + [("typ", "JWT"), ("alg", self.ALGORITHM)])))
        return jws.sign(encode(self._claims(now, exp, nbf)), self._key, header or None)

    @staticmethod
    def _timing(issuer, exp, nbf, subject=None):
        """The registered claims, in twilio-python's order: iss, exp, nbf, sub."""
        members = Members([("iss", issuer), ("exp", exp)])
        if nbf is not None:
            members.append(("nbf", nbf))
        if subject is not None:
            members.append(("sub", subject))
        return members

    def __repr__(self):
        return "<%s %s>" % (type(self).__name__, " ".join(
            "%s=%r" % pair for pair in self._describe()))

    # twilio-python's __str__ is a live bearer token; ours says what the token holds.
    __str__ = __repr__


class DecodedToken(object):
    """A verified token from ``from_jwt``: its ``headers`` and ``payload`` as dicts.

    Also twilio-python's names for the registered claims (``issuer``,
    ``subject``, ``nbf``, ``valid_until``). It holds neither the key nor the
    token, so it cannot be signed again or leak either.

    >>> ClientCapabilityToken.from_jwt(jwt, auth_token).payload["scope"]  # doctest: +SKIP
    'scope:client:incoming?clientName=alice'
    """

    def __init__(self, headers, payload):
        self.headers = headers
        self.payload = payload

    @property
    def algorithm(self):
        return self.headers["alg"]

    @property
    def issuer(self):
        return self.payload["iss"]

    @property
    def subject(self):
        return self.payload.get("sub")

    @property
    def nbf(self):
        return self.payload.get("nbf")

    @property
    def valid_until(self):
        return self.payload["exp"]

    def __repr__(self):
        return "<DecodedToken iss=%r sub=%r exp=%r>" % (self.issuer, self.subject,
                                                        self.valid_until)

    __str__ = __repr__
