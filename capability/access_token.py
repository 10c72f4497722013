"""Access Tokens (twilio-python's ``AccessToken``), signed with an API key's secret."""
from .checks import (check_client_name, check_list, check_region, check_secret, check_sid,
                     check_text, checked_property)
from .decoding import ACCESS_TOKEN_CTY
from .encoding import remember
from .exc import CredentialsError, InvalidTypeError, InvalidValueError, TokenWarning
from .grants import VoiceGrant, grant_key
from .jsonwriter import Members, string
from .token import GENERATE, Token


MAX_HEADERS = 64  # header JSON per class and region, kept
_headers = {}


def _check_account_sid(value):
    return check_sid(value, "AC", "account_sid", CredentialsError)


def _check_signing_key_sid(value):
    return check_sid(value, "SK", "signing_key_sid", CredentialsError)


def _check_identity(value):
    return None if value is None else check_text(value, "identity")


def _check_voice_identity(identity):
    # Twilio's Voice SDK routes calls to the identity as a client name.
    return check_client_name(identity, "identity (with a VoiceGrant)")


class AccessToken(Token):
    """An Access Token for Twilio's Voice, Video, Chat, Sync and TaskRouter SDKs.

    >>> token = AccessToken("AC...", "SK...", api_secret, identity="alice")  # doctest: +SKIP
    >>> token.add_grant(VideoGrant(room="standup"))  # doctest: +SKIP
    >>> jwt = token.to_jwt()  # doctest: +SKIP
    """

    def __init__(self, account_sid, signing_key_sid, secret, grants=None, identity=None,
                 nbf=GENERATE, ttl=3600, valid_until=None, region=None):
        Token.__init__(self, nbf, ttl, valid_until)
        self._grants = []
        # The properties' checks, without their calls.
        self._account_sid = _check_account_sid(account_sid)
        self._signing_key_sid = _check_signing_key_sid(signing_key_sid)
        self._key = check_secret(secret, "secret")
        self._identity_given, self._identity_text = identity, _check_identity(identity)
        self._region = check_region(region)
        if grants is not None and not isinstance(grants, (list, tuple)):
            raise InvalidTypeError("grants must be a list of grants, not %s"
                                   % type(grants).__name__)
        for grant in grants or ():
            self.add_grant(grant)

    # Written unescaped, so checked when set (assignment too) and trusted when signing.
    account_sid = checked_property("account_sid", _check_account_sid)
    signing_key_sid = checked_property("signing_key_sid", _check_signing_key_sid)
    region = checked_property("region", check_region)
    # A list anyone may append to: its grants are checked when signed.
    grants = checked_property("grants", lambda value: check_list(value, "grants", "grants"))

    @property
    def identity(self):
        return self._identity_given

    @identity.setter
    def identity(self, value):
        checked = _check_identity(value)
        if checked is not None and any(isinstance(grant, VoiceGrant) for grant in self._grants):
            _check_voice_identity(checked)
        self._identity_given, self._identity_text = value, checked

    def add_grant(self, grant):
        """Add a grant; one of each kind: ``token.add_grant(VoiceGrant(incoming_allow=True))``."""
        key = grant_key(grant)
        for held in self._grants:
            if grant_key(held) == key:  # twilio-python keeps only the last one, silently
                raise InvalidValueError("this AccessToken already has a %r grant; put all of "
                                        "its fields in one %s" % (str(key), type(grant).__name__))
        if isinstance(grant, VoiceGrant) and self._identity_text is not None:
            _check_voice_identity(self._identity_text)
        self._grants.append(grant)

    def to_jwt(self, ttl=None):
        """The signed token as ``str``, as ``Token.to_jwt`` makes it.

        A ``VoiceGrant`` without an ``identity`` is signed (twilio-python signs
        it) with a ``TokenWarning``: Twilio's Voice SDK needs an identity.
        """
        if self._identity_text is None and any(
                isinstance(grant, VoiceGrant) for grant in self._grants):
            import warnings  # only this rare case pays for it

            warnings.warn("this AccessToken has a VoiceGrant but no identity: Twilio's Voice SDK "
                          "needs one to register the client and route calls to it; give "
                          "AccessToken(..., identity=...)", TokenWarning, stacklevel=2)
        return self._sign(*self._times(ttl))

    def _grants_claim(self, as_json=False):
        """The ``grants`` claim, identity last: ``Members``, or its members' JSON texts."""
        members = [] if as_json else Members()
        keys = []
        voice = False
        for grant in self._grants:
            key = grant_key(grant)
            if key in keys:
                raise InvalidValueError("this AccessToken has two %r grants" % str(key))
            keys.append(key)
            if isinstance(grant, VoiceGrant):
                voice = True
            members.append(string(key) + ":" + grant._signed_json() if as_json
                           else (key, grant._members()))
        identity = self._identity_text
        if identity is not None:
            if voice:  # grants is a public list
                _check_voice_identity(identity)
            members.append('"identity":' + string(identity) if as_json
                           else ("identity", identity))
        return members

    def _claims(self, now, exp, nbf):
        key_sid = self._signing_key_sid
        claims = Members([("jti", "%s-%d" % (key_sid, now)), ("grants", self._grants_claim())])
        claims.extend(self._timing(key_sid, exp, nbf, self._account_sid))
        return claims

    def _claims_json(self, now, exp, nbf):
        # _claims in one format: checked SIDs, int times (now a plain one), written grants.
        key_sid = self._signing_key_sid
        return ('{"jti":"%s-%s","grants":{%s},"iss":"%s","exp":%d%s,"sub":"%s"}' % (
            key_sid, now, ",".join(self._grants_claim(True)), key_sid, exp,
            "" if nbf is None else ',"nbf":%d' % nbf, self._account_sid)).encode("ascii")

    @classmethod
    def kind_problem(cls, header, claims):
        """Why a verified token is not an Access Token, or None."""
        if header.get("cty") != ACCESS_TOKEN_CTY:
            return "its header has no cty \"%s\"" % ACCESS_TOKEN_CTY
        if not isinstance(claims.get("grants"), dict):
            return "it has no grants object"
        return None

    def _header(self):
        header = Members([("cty", ACCESS_TOKEN_CTY)])
        if self._region is not None:
            header.append(("twr", self._region))
        return header

    def _header_json(self):
        key = (self.__class__, self._region)  # a few in practice, bounded all the same
        return _headers.get(key) or remember(_headers, MAX_HEADERS, key,
                                             Token._header_json(self))

    def _describe(self):
        return [("account_sid", self.account_sid), ("signing_key_sid", self.signing_key_sid),
                ("identity", self.identity), ("region", self.region),
                ("grants", [type(grant).__name__ for grant in self._grants])]
