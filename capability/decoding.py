"""Reading tokens back: verify, check the claims, check the clock.

Every rejection is an ``InvalidTokenError`` whose message names the problem
and never holds the token or the key.
"""
import time

from . import credentials, jws
from .checks import check_leeway, check_sid
from .encoding import integer_types, shown, text_type
from .exc import (CredentialsError, ExpiredTokenError, MalformedTokenError, NotYetValidError,
                  WrongAccountError)
from .scopes import check_scopes

# The header of a Twilio Access Token (twilio-python's AccessToken); its
# issuer is an API key and its subject the account.
ACCESS_TOKEN_CTY = "twilio-fpa;v=1"
_NUMBER_TYPES = integer_types + (float,)
# Registered claims (IANA's JWT Claims registry) that no Twilio helper writes and
# that change what a token means: a verifier that ignores them would accept a
# token made for another audience, bound to a key, or acting for someone else.
_FOREIGN = (
    ("aud", "an audience, RFC 7519: it was made for another service"),
    ("azp", "an authorized party, OpenID Connect: it is an ID token"),
    ("nonce", "a nonce, OpenID Connect: it is an ID token"),
    ("cnf", "a confirmation key, RFC 7800: it is bound to a key this library cannot check"),
    ("act", "an actor, RFC 8693: it acts on behalf of someone else"),
    ("may_act", "an allowed actor, RFC 8693: it is for delegation"),
    ("events", "security events, RFC 8417: it is a Security Event Token"),
)
FOREIGN_CLAIMS = frozenset(name for name, _ in _FOREIGN)
# Plain dates from 1970 to the end of 9999, which time.strftime writes on every
# interpreter (Python 2 refuses years before 1900).
_LATEST = 253402300799


def decode(token, auth_token=None, leeway=0, account_sid=None):
    """The verified claims of a token (text or bytes) as a dict; raises unless all is well.

    The key is ``auth_token``, else ``configure()``'s, else
    ``TWILIO_AUTH_TOKEN``; there is no way to skip the signature check
    (``decode_unverified`` is the separate, inspection-only route). A list or
    tuple of keys (rotation: primary, secondary) accepts a token signed with
    any of them; every key is tried. ``leeway`` is seconds (0 to 86400) of
    clock difference allowed on ``exp`` and ``nbf``. With ``account_sid``, the
    token must belong to that account: its ``iss`` (capability and TaskRouter
    tokens) or ``sub`` (Access Tokens) must be that SID.

    Raises ``CredentialsError`` (no key, or a malformed one or ``account_sid``),
    ``InvalidTypeError`` or ``InvalidValueError`` (a bad ``leeway`` or token
    type), else an ``InvalidTokenError``: ``MalformedTokenError`` (``.claim``
    names the claim at fault), ``BadSignatureError``, ``WrongAccountError``
    (``.claim`` is "iss" or "sub"), ``ExpiredTokenError`` (``.exp``) or
    ``NotYetValidError`` (``.nbf``).

    >>> claims = decode(token, "auth-token", leeway=30)  # doctest: +SKIP
    >>> claims = decode(token, [primary, secondary], account_sid="AC...")  # doctest: +SKIP
    >>> claims["iss"]  # doctest: +SKIP
    'AC...'
    """
    key = credentials.secret(auth_token)
    check_leeway(leeway)
    sid = check_account_sid(account_sid)
    header, claims = verify_claims(token, key)
    check_account(header, claims, sid)
    return check_time(claims, time.time(), leeway)


def decode_unverified(token):
    """``(header, claims)`` WITHOUT checking the signature, the claims or the clock.

    For looking at a token only: anyone can write these values. The token
    must still be well formed (three canonical segments, strict JSON objects),
    else ``MalformedTokenError``; a token that is not text is ``InvalidTypeError``.

    >>> header, claims = decode_unverified(token)  # doctest: +SKIP
    """
    _, header, payload, _ = jws.split(token)
    return jws.load_object(header, "header"), jws.load_object(payload, "payload")


def verify_claims(token, key):
    """``(header, claims)`` dicts of a token signed with ``key`` (bytes, or a tuple
    of keys' bytes) whose claims are sound.

    Everything ``decode`` checks except the account and the clock.
    """
    header, payload = jws.verify(token, key)
    check_twilio_header(header)
    return header, check_claims(header, jws.load_object(payload, "payload"))


def check_account_sid(account_sid):
    """None (any account), or the account SID a token must belong to, checked."""
    if account_sid is None:
        return None
    return check_sid(account_sid, "AC", "account_sid", CredentialsError)


def check_account(header, claims, account_sid):
    """The claims, if the token belongs to ``account_sid`` (None: to any account).

    An Access Token names its account in ``sub`` (its ``iss`` is an API key);
    every other Twilio token in ``iss``.
    """
    if account_sid is None:
        return claims
    claim = "sub" if header.get("cty") == ACCESS_TOKEN_CTY else "iss"
    if claims[claim] != account_sid:
        raise WrongAccountError("token belongs to another account: its %s is not the "
                                "account_sid given" % claim, claim)
    return claims


def check_twilio_header(header):
    """The header, if Twilio's: ``typ`` JWT if present, ``cty`` only an Access Token's."""
    if "typ" in header:
        typ = header["typ"]
        if not isinstance(typ, text_type) or typ.upper() != u"JWT":
            raise MalformedTokenError("header typ is %s, not \"JWT\"" % shown(typ), "typ")
    cty = header.get("cty", ACCESS_TOKEN_CTY)
    if cty != ACCESS_TOKEN_CTY:
        raise MalformedTokenError("header cty is %s; only \"%s\" is known"
                                  % (shown(cty), ACCESS_TOKEN_CTY), "cty")
    return header


def check_claims(header, claims):
    """The claims every Twilio token of ours needs, of the right types.

    ``exp`` is required, ``nbf`` and ``iat`` optional, all numbers. A
    capability token's ``iss`` is the account SID; an Access Token's is an API
    key SID, with the account SID as ``sub``. A ``scope`` must parse.
    Returns the claims. A claim no Twilio token carries (``FOREIGN_CLAIMS``)
    means the token was made for something else, and is refused.
    """
    if not FOREIGN_CLAIMS.isdisjoint(claims):  # usually disjoint: one C-speed test
        for name, meaning in _FOREIGN:
            if name in claims:
                raise MalformedTokenError("token has the claim \"%s\" (%s); Twilio tokens "
                                          "never carry it" % (name, meaning), name)
    for name in ("exp", "nbf", "iat"):
        if name in claims:
            value = claims[name]
            if isinstance(value, bool) or not isinstance(value, _NUMBER_TYPES):
                raise MalformedTokenError("%s is %s, not a number of seconds"
                                          % (name, shown(value)), name)
        elif name == "exp":
            raise MalformedTokenError("exp is missing; a token without expiry is refused",
                                      "exp")
    if header.get("cty") == ACCESS_TOKEN_CTY:
        _check_sid(claims, "iss", "SK")
        _check_sid(claims, "sub", "AC")
    else:
        _check_sid(claims, "iss", "AC")
    if "scope" in claims:
        if not isinstance(claims["scope"], text_type):
            raise MalformedTokenError("scope is %s, not a string" % shown(claims["scope"]),
                                      "scope")
        _about("scope", check_scopes, claims["scope"])
    return claims


def _check_sid(claims, name, prefix):
    if name not in claims:
        raise MalformedTokenError("%s is missing" % name, name)
    return _about(name, check_sid, claims[name], prefix, name, MalformedTokenError)


def _about(claim, check, *args):
    """``check(*args)``, its ``MalformedTokenError`` naming ``claim``."""
    try:
        return check(*args)
    except MalformedTokenError as error:
        error.claim = claim
        raise


def check_time(claims, now, leeway):
    """The claims, if at ``now`` give or take ``leeway`` they are in force; else raise."""
    exp = claims["exp"]
    if now - leeway >= exp:
        raise ExpiredTokenError("token expired at %s, %s ago" % (when(exp), _seconds(now - exp)),
                                exp)
    nbf = claims.get("nbf")
    if nbf is not None and now + leeway < nbf:
        raise NotYetValidError("token is not valid before %s, %s from now"
                               % (when(nbf), _seconds(nbf - now)), nbf)
    return claims


def when(timestamp):
    """``"2023-11-14 22:13:20 UTC"`` for a Unix time, or the number if out of range."""
    if not 0 <= timestamp <= _LATEST:
        return "%r seconds since 1970" % (timestamp,)
    return time.strftime("%Y-%m-%d %H:%M:%S UTC", time.gmtime(timestamp))


def _seconds(count):
    return "%d second%s" % (count, "" if int(count) == 1 else "s")


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
