"""The ``Token`` base class of twilio-python's token classes: the clock, the checks, signing.

It knows no product: each subclass (``AccessToken``, ``ClientCapabilityToken``,
the TaskRouter tokens) fills in the hooks listed on ``Token``.
"""
import time

from . import decoding, jws
from .checks import (GENERATE, MAX_TTL, check_keys, check_nbf, check_ttl, check_valid_until,
                     checked_property)
from .exc import CredentialsError, InvalidValueError, MalformedTokenError
from .jsonwriter import Members, encode, plain


class Token(object):
    """What twilio-python's token classes share: ``nbf``, ``ttl``, ``valid_until``, ``to_jwt``.

    A subclass gives these hooks (the clock is read once per token, so
    ``jti``, ``nbf`` and ``exp`` agree):

    - ``_claims(now, exp, nbf)``: the claims as ``Members``, in twilio-python's order.
    - ``_key``: the signing key as bytes, set by ``__init__`` (unless ``_sign`` is replaced).
    - ``_header()``: header members besides ``typ`` and ``alg``; none by default.
    - ``_describe()``: ``(name, value)`` pairs ``repr`` shows; never a secret.
    - ``_sign(now, exp, nbf)``: the token; by default ``_header`` and ``_claims``
      signed with ``_key``.
    - ``kind_problem(header, claims)`` (public classmethod): why a verified token
      is not of this class, or None; ``from_jwt`` and the command line use it.
    """

    GENERATE = GENERATE
    ALGORITHM = "HS256"
    algorithm = ALGORITHM
    _key = None

    # Checked when set (assignment too), so _times trusts them.
    nbf = checked_property("nbf", check_nbf)
    ttl = checked_property("ttl", check_ttl)
    valid_until = checked_property("valid_until", check_valid_until)

    def __init__(self, nbf=GENERATE, ttl=3600, valid_until=None):
        self._nbf = check_nbf(nbf)  # what the properties store, without their calls
        self._ttl = check_ttl(ttl)
        self._valid_until = check_valid_until(valid_until)

    def to_jwt(self, ttl=None):
        """The signed token as ``str``.

        ``ttl`` (seconds, 1 to 86400) overrides the constructor's ``ttl`` and
        ``valid_until``. Raises ``InvalidTypeError``/``InvalidValueError`` for a
        bad ``ttl``, ``nbf`` or ``valid_until`` (``nbf`` not before the expiry,
        ``valid_until`` past or over a day away), and what the token's own
        checks raise (``CredentialsError`` for a malformed SID).

        >>> jwt = token.to_jwt(ttl=600)  # doctest: +SKIP
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
    def from_jwt(cls, jwt, key=None, account_sid=None):
        """The ``headers`` and ``payload`` of a token of this kind, always verified.

        ``jwt`` is the token (text or bytes), ``key`` the secret that signed it,
        or a list or tuple of secrets (rotation; every one is tried). The
        signature, the claims and the clock are checked as ``decode`` checks
        them, and with ``account_sid`` the token must belong to that account. A
        missing or empty ``key`` is a ``CredentialsError``, never a skipped
        check (twilio-python skips verification then). Raises
        ``BadSignatureError``, ``MalformedTokenError`` (also for a token of
        another kind), ``WrongAccountError``, ``ExpiredTokenError`` or
        ``NotYetValidError``; all are ``InvalidTokenError``.

        >>> decoded = AccessToken.from_jwt(jwt, api_secret)  # doctest: +SKIP
        >>> decoded.payload["grants"]["identity"]  # doctest: +SKIP
        'alice'
        """
        if key is None:
            raise CredentialsError("%s.from_jwt needs the key that signed the token; to look "
                                   "inside without verifying, use capability.decode_unverified"
                                   % cls.__name__)
        keys = check_keys(key, "the key")
        sid = decoding.check_account_sid(account_sid)
        header, claims = decoding.verify_claims(jwt, keys)
        problem = cls.kind_problem(header, claims)
        if problem is not None:
            raise MalformedTokenError("the token is not a %s: %s; capability.decode reads "
                                      "every kind" % (cls.__name__, problem))
        decoding.check_account(header, claims, sid)
        decoding.check_time(claims, time.time(), 0)
        return decoding.DecodedToken(header, claims)

    @classmethod
    def kind_problem(cls, header, claims):
        """Why a verified ``(header, claims)`` is not a token of this class, or None.

        >>> AccessToken.kind_problem({"alg": "HS256"}, {})  # doctest: +SKIP
        'its header has no cty "twilio-fpa;v=1"'
        """
        return None

    def _times(self, ttl):
        """``(now, exp, nbf or None)`` from a single clock read, checked against each other."""
        if ttl is not None:
            ttl = check_ttl(ttl)
        nbf = self._nbf
        valid_until = self._valid_until
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
            exp = now + self._ttl
        nbf = now if nbf is GENERATE else nbf
        if nbf is not None and nbf >= exp:
            raise InvalidValueError("nbf (%d) must be earlier than the expiry (%d)" % (nbf, exp))
        return now, exp, nbf

    def _claims(self, now, exp, nbf):
        raise NotImplementedError("a Token subclass gives _claims(now, exp, nbf)")

    def _header(self):
        return Members()

    def _describe(self):
        raise NotImplementedError("a Token subclass gives _describe()")

    def _sign(self, now, exp, nbf):
        if self._key is None:
            raise NotImplementedError("a Token subclass sets _key or gives _sign()")
        return jws.sign(self._claims_json(now, exp, nbf), self._key, self._header_json())

    def _claims_json(self, now, exp, nbf):
        """The claims' JSON bytes; a subclass with faster writers for its parts replaces it."""
        return encode(self._claims(now, exp, nbf))

    def _header_json(self):
        """The header's JSON bytes, members sorted as PyJWT sorts them; None for the usual one."""
        header = self._header()
        if not header:
            return None
        return encode(Members(sorted(header + [("typ", "JWT"), ("alg", self.ALGORITHM)])))

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
