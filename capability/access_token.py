"""Access Tokens (twilio-python's ``AccessToken``), signed with an API key's secret."""
from .checks import check_client_name, check_region, check_secret, check_sid, check_text
from .decoding import ACCESS_TOKEN_CTY
from .exc import CredentialsError, InvalidTypeError, InvalidValueError
from .grants import VoiceGrant, grant_key
from .jsonwriter import Members, raw
from .token import GENERATE, Token


class AccessToken(Token):
    """An Access Token for Twilio's Voice, Video, Chat, Sync and TaskRouter SDKs.

    >>> token = AccessToken("AC...", "SK...", api_secret, identity="alice")  # doctest: +SKIP
    >>> token.add_grant(VideoGrant(room="standup"))  # doctest: +SKIP
    >>> jwt = token.to_jwt()  # doctest: +SKIP
    """

    def __init__(self, account_sid, signing_key_sid, secret, grants=None, identity=None,
                 nbf=GENERATE, ttl=3600, valid_until=None, region=None):
        Token.__init__(self, nbf, ttl, valid_until)
        self.account_sid = check_sid(account_sid, "AC", "account_sid", CredentialsError)
        self.signing_key_sid = check_sid(signing_key_sid, "SK", "signing_key_sid",
                                         CredentialsError)
        self._key = check_secret(secret, "secret")
        self.identity = identity
        self.region = check_region(region)
        self.grants = []
        if grants is not None and not isinstance(grants, (list, tuple)):
            raise InvalidTypeError("grants must be a list of grants, not %s"
                                   % type(grants).__name__)
        for grant in grants or ():
            self.add_grant(grant)
        self._identity()

    def add_grant(self, grant):
        """Add a grant; one of each kind: ``token.add_grant(VoiceGrant(incoming_allow=True))``."""
        key = grant_key(grant)
        if key in [grant_key(held) for held in self.grants]:
            # twilio-python keeps only the last grant of a kind, silently.
            raise InvalidValueError("this AccessToken already has a %r grant; put all of its "
                                    "fields in one %s" % (str(key), type(grant).__name__))
        if isinstance(grant, VoiceGrant) and self.identity is not None:
            check_client_name(self.identity, "identity (with a VoiceGrant)")
        self.grants.append(grant)

    def _grants(self, as_json=False):
        """The ``grants`` claim: each grant under its key (as ``Raw`` JSON when
        ``as_json``, for signing), then the identity."""
        members = Members()
        for grant in self.grants:
            key = grant_key(grant)
            if key in [name for name, _ in members]:
                raise InvalidValueError("this AccessToken has two %r grants" % str(key))
            members.append((key, grant._json() if as_json else grant._members()))
        identity = self._identity()
        if identity is not None:
            members.append(("identity", identity))
        return members

    def _identity(self):
        if self.identity is None:
            return None
        identity = check_text(self.identity, "identity")
        if any(isinstance(grant, VoiceGrant) for grant in self.grants):
            check_client_name(identity, "identity (with a VoiceGrant)")
        return identity

    def _claims(self, now, exp, nbf):
        key_sid = check_sid(self.signing_key_sid, "SK", "signing_key_sid", CredentialsError)
        claims = Members([("jti", "%s-%d" % (key_sid, now)), ("grants", self._grants())])
        claims.extend(self._timing(key_sid, exp, nbf, check_sid(
            self.account_sid, "AC", "account_sid", CredentialsError)))
        return claims

    def _claims_json(self, now, exp, nbf):
        # _claims' members in one format, each grant written by its own class's writer;
        # the SIDs are checked (nothing to escape) and the times are ints.
        key_sid = check_sid(self.signing_key_sid, "SK", "signing_key_sid", CredentialsError)
        account_sid = check_sid(self.account_sid, "AC", "account_sid", CredentialsError)
        return ('{"jti":"%s-%d","grants":%s,"iss":"%s","exp":%d%s,"sub":"%s"}' % (
            key_sid, now, raw(self._grants(as_json=True)), key_sid, exp,
            "" if nbf is None else ',"nbf":%d' % nbf, account_sid)).encode("ascii")

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
        region = check_region(self.region)
        if region is not None:
            header.append(("twr", region))
        return header

    def _describe(self):
        return [("account_sid", self.account_sid), ("signing_key_sid", self.signing_key_sid),
                ("identity", self.identity), ("region", self.region),
                ("grants", [type(grant).__name__ for grant in self.grants])]
