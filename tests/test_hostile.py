"""A catalogue of hostile tokens, each with the error it must raise.

Built from RFC 8725 and the CVE history of PyJWT, python-jose, joserfc and
jwcrypto: algorithm confusion, ``none``, duplicate members, malleable
base64, parser differentials, resource exhaustion, claims meant for other
services. Each row is signed with the right key unless it says otherwise, so
the row fails for its own reason.

``CALLS`` holds the hostile calls, each with its exact message: caller data
that would make a token mean something else (keys equal as text, attributes
changed after their check, control characters), and decoding arguments
(leeway, account binding, lists of keys).
"""
import sys
import unittest

import capability
from capability import jws
from tests.support import SECRETS
from capability.encoding import b64url_encode
from capability.exc import (BadSignatureError, ExpiredTokenError, InvalidTypeError,
                            MalformedTokenError, NotYetValidError)

KEY = "hostile-test-key"
SID = "AC0123456789abcdef0123456789abcdef"
API_KEY = "SK0123456789abcdef0123456789abcdef"
NOW = 1700000000
GOOD_HEADER = b'{"alg":"HS256","typ":"JWT"}'
FPA_HEADER = b'{"alg":"HS256","typ":"JWT","cty":"twilio-fpa;v=1"}'


def claims(extra=b"", iss=SID, exp=b"1700003600"):
    body = b'"exp":' + exp if iss is None else b'"iss":"' + iss.encode("ascii") + b'","exp":' + exp
    return b"{" + body + extra + b"}"


def signed(payload=None, header=GOOD_HEADER, key=KEY):
    return jws.sign(claims() if payload is None else payload, key.encode("ascii"), header=header)


def segments(token):
    return token.split(".")


def with_segment(token, index, value):
    parts = segments(token)
    parts[index] = value
    return ".".join(parts)


def raw(header, payload, signature):
    """A token from raw JSON bytes and a raw signature, no signing."""
    return ".".join(b64url_encode(part).decode("ascii") for part in (header, payload, signature))


def unsigned_with_alg(alg):
    """Header ``alg`` as given, signed with HS256 so only the alg is wrong."""
    return signed(header=b'{"alg":' + alg + b',"typ":"JWT"}')


def last_char_flipped(token):
    """Same bytes for a lenient decoder, a different string: the last char's spare bits set."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    index = alphabet.index(token[-1])
    return token[:-1] + alphabet[index | 1]


GOOD = signed()
SCOPE = b',"scope":"scope:client:incoming?clientName=alice"'
DEEP_ARRAY = b"[" * 3000 + b"]" * 3000

# (label, token, expected error, words the message must contain).
# The shape rows: what even decode_unverified refuses.
SHAPE_ROWS = [
    # --- shape: segments, size, characters ---------------------------------
    ("empty string", "", MalformedTokenError, "the token is empty"),
    ("one segment", "abc", MalformedTokenError, "token has no '.'; a JWS has 3 segments"),
    ("two segments", ".".join(segments(GOOD)[:2]), MalformedTokenError, "2 segments"),
    ("four segments", GOOD + ".", MalformedTokenError, "4 segments"),
    ("JWE-shaped, five segments", GOOD + ".a.b", MalformedTokenError, "5 segments"),
    ("one character over the size cap", "a" * (jws.MAX_TOKEN_LENGTH + 1), MalformedTokenError,
     "limit"),
    ("bytes over the size cap", b"a" * (jws.MAX_TOKEN_LENGTH + 1), MalformedTokenError, "limit"),
    ("trailing newline", GOOD + "\n", MalformedTokenError, "whitespace"),
    ("leading space", " " + GOOD, MalformedTokenError, "whitespace"),
    ("tab inside the payload", with_segment(GOOD, 1, segments(GOOD)[1][:5] + "\t"
                                            + segments(GOOD)[1][5:]), MalformedTokenError,
     "whitespace"),
    ("non-ASCII character", GOOD[:10] + u"\u00e9" + GOOD[10:], MalformedTokenError,
     "non-ASCII character at byte 10"),
    ("non-ASCII byte", GOOD.encode("ascii")[:12] + b"\xff" + GOOD.encode("ascii")[12:],
     MalformedTokenError, "non-ASCII character at byte 12"),
    ("fullwidth dot as separator", GOOD.replace(".", u"\uff0e", 1), MalformedTokenError,
     "non-ASCII"),
    ("NUL byte", GOOD + "\x00", MalformedTokenError, "outside"),
    # --- base64url strictness ---------------------------------------------
    ("header with '=' padding", with_segment(GOOD, 0, segments(GOOD)[0] + "="),
     MalformedTokenError, "padding"),
    ("payload with '=' padding", with_segment(GOOD, 1, segments(GOOD)[1] + "=="),
     MalformedTokenError, "padding"),
    ("signature in standard base64 ('+' and '/')",
     with_segment(GOOD, 2, "+/" + segments(GOOD)[2][2:]), MalformedTokenError, "'+' or '/'"),
    ("signature with a '*'", with_segment(GOOD, 2, "*" + segments(GOOD)[2][1:]),
     MalformedTokenError, "outside"),
    ("non-canonical last signature character (spare bits set)", last_char_flipped(GOOD),
     MalformedTokenError, "stray low bits"),
    ("payload of impossible length", with_segment(GOOD, 1, segments(GOOD)[1] + "A"
                                                  * ((1 - len(segments(GOOD)[1])) % 4 or 4)),
     MalformedTokenError, "single character"),
    ("empty signature (alg none style)", with_segment(GOOD, 2, ""), MalformedTokenError,
     "0 bytes"),
    ("truncated signature", with_segment(GOOD, 2, segments(GOOD)[2][:-3]), MalformedTokenError,
     "30 bytes"),
    ("HS512-length signature", with_segment(GOOD, 2, b64url_encode(b"\x01" * 64).decode("ascii")),
     MalformedTokenError, "64 bytes"),
    ("empty header", raw(b"", claims(), b"\x00" * 32), MalformedTokenError, "header is not valid"),
]
CATALOGUE = SHAPE_ROWS + [
    # --- algorithm --------------------------------------------------------
    ("alg none", unsigned_with_alg(b'"none"'), MalformedTokenError, '"none"'),
    ("alg None", unsigned_with_alg(b'"None"'), MalformedTokenError, '"None"'),
    ("alg lower-case hs256", unsigned_with_alg(b'"hs256"'), MalformedTokenError, '"hs256"'),
    ("alg HS512", unsigned_with_alg(b'"HS512"'), MalformedTokenError, '"HS512"'),
    ("alg RS256 (key confusion)", unsigned_with_alg(b'"RS256"'), MalformedTokenError, "RS256"),
    ("alg with a trailing space", unsigned_with_alg(b'"HS256 "'), MalformedTokenError,
     '"HS256 "'),
    ("alg as a number", unsigned_with_alg(b"256"), MalformedTokenError, "a number"),
    ("alg as a list", unsigned_with_alg(b'["HS256"]'), MalformedTokenError, "an array"),
    ("alg null", unsigned_with_alg(b"null"), MalformedTokenError, "null"),
    ("alg true", unsigned_with_alg(b"true"), MalformedTokenError, "true"),
    ("alg too long to show", unsigned_with_alg(b'"' + b"x" * 40 + b'"'), MalformedTokenError,
     "a string"),
    ("no alg", signed(header=b'{"typ":"JWT"}'), MalformedTokenError, "no alg"),
    ("duplicate alg, none then HS256", signed(header=b'{"alg":"none","alg":"HS256"}'),
     MalformedTokenError, 'member "alg" twice'),
    ("duplicate alg, both HS256", signed(header=b'{"alg":"HS256","alg":"HS256"}'),
     MalformedTokenError, "twice"),
    ("crit header", signed(header=b'{"alg":"HS256","crit":["exp"],"exp":1}'),
     MalformedTokenError, "crit"),
    ("b64 false with crit (RFC 7797)", signed(header=b'{"alg":"HS256","b64":false,"crit":["b64"]}'),
     MalformedTokenError, "crit"),
    ("typ JWE", signed(header=b'{"alg":"HS256","typ":"JWE"}'), MalformedTokenError, "typ"),
    ("typ as a number", signed(header=b'{"alg":"HS256","typ":1}'), MalformedTokenError, "typ"),
    ("cty JWT (nested token)", signed(header=b'{"alg":"HS256","cty":"JWT"}'),
     MalformedTokenError, "cty"),
    ("cty null", signed(header=b'{"alg":"HS256","cty":null}'), MalformedTokenError, "cty"),
    # --- header JSON --------------------------------------------------------
    ("header is an array", signed(header=b'["HS256"]'), MalformedTokenError, "not a JSON object"),
    ("header is a string", signed(header=b'"HS256"'), MalformedTokenError, "not a JSON object"),
    ("header is null", signed(header=b"null"), MalformedTokenError, "not a JSON object"),
    ("header is not JSON", signed(header=b"{alg:HS256}"), MalformedTokenError, "not valid JSON"),
    ("header with single quotes", signed(header=b"{'alg':'HS256'}"), MalformedTokenError,
     "not valid JSON"),
    ("header with trailing data", signed(header=GOOD_HEADER + b"{}"), MalformedTokenError,
     "not valid JSON"),
    ("header in UTF-16", signed(header=u'{"alg":"HS256"}'.encode("utf-16")),
     MalformedTokenError, "not UTF-8"),
    ("header in UTF-16-LE, no BOM", signed(header=u'{"alg":"HS256"}'.encode("utf-16-le")),
     MalformedTokenError, "not valid JSON"),
    ("header with a UTF-8 BOM", signed(header=b"\xef\xbb\xbf" + GOOD_HEADER),
     MalformedTokenError, "not valid JSON"),
    ("header with Latin-1 bytes", signed(header=b'{"alg":"HS256","x":"\xe9"}'),
     MalformedTokenError, "not UTF-8"),
    ("header with an encoded surrogate (CESU-8)",
     signed(header=b'{"alg":"HS256","x":"\xed\xa0\x80"}'),
     MalformedTokenError, "not UTF-8"),
    ("header with a lone surrogate escape", signed(header=b'{"alg":"HS256","x":"\\ud800"}'),
     MalformedTokenError, "lone UTF-16 surrogate"),
    ("header with a lone low surrogate in a key", signed(header=b'{"alg":"HS256","\\udc00":1}'),
     MalformedTokenError, "lone UTF-16 surrogate"),
    ("header with NaN", signed(header=b'{"alg":"HS256","x":NaN}'), MalformedTokenError, "NaN"),
    ("header with -Infinity", signed(header=b'{"alg":"HS256","x":-Infinity}'), MalformedTokenError,
     "-Infinity"),
    ("header nested 17 deep", signed(header=b'{"alg":"HS256","x":' + b"[" * 16 + b"]" * 16 + b"}"),
     MalformedTokenError, "deeper than 16"),
    ("header nested 3000 deep (RecursionError bait)", signed(header=DEEP_ARRAY),
     MalformedTokenError, "deeper"),
    ("header with a control character in a string", signed(header=b'{"alg":"HS256","x":"\x01"}'),
     MalformedTokenError, "not valid JSON"),
    # --- signature --------------------------------------------------------
    ("signed with another key", signed(key="another-key"), BadSignatureError, "does not match"),
    ("signed with an empty key", signed(key=""), BadSignatureError, "does not match"),
    ("signature of another token", with_segment(GOOD, 2, segments(signed(claims(SCOPE)))[2]),
     BadSignatureError, "does not match"),
    ("payload swapped after signing", with_segment(GOOD, 1, segments(signed(claims(SCOPE)))[1]),
     BadSignatureError, "does not match"),
    ("header swapped after signing (typ dropped)",
     with_segment(GOOD, 0, b64url_encode(b'{"alg":"HS256"}').decode("ascii")), BadSignatureError,
     "does not match"),
    ("signature of all zero bits", with_segment(GOOD, 2, "A" * 43), BadSignatureError,
     "does not match"),
    ("signature in the url-safe spelling of '+/'",
     with_segment(GOOD, 2, "-_" + segments(GOOD)[2][2:]), BadSignatureError, "does not match"),
    # --- payload JSON -----------------------------------------------------
    ("payload is an array", signed(b"[1]"), MalformedTokenError, "payload is an array"),
    ("payload is a number", signed(b"1700003600"), MalformedTokenError, "payload is a number"),
    ("payload is not JSON", signed(b"exp=1700003600"), MalformedTokenError, "not valid JSON"),
    ("payload is empty", signed(b""), MalformedTokenError, "not valid JSON"),
    ("payload with duplicate exp", signed(claims(b',"exp":1')), MalformedTokenError,
     'member "exp" twice'),
    ("payload with duplicate iss", signed(claims(b',"iss":"' + SID.encode("ascii") + b'"')),
     MalformedTokenError, 'member "iss" twice'),
    ("duplicate deep inside", signed(claims(b',"grants":{"voice":{"a":1,"a":2}}')),
     MalformedTokenError, "twice"),
    ("payload in UTF-16", signed(claims().decode("ascii").encode("utf-16")), MalformedTokenError,
     "not UTF-8"),
    ("payload in UTF-32", signed(claims().decode("ascii").encode("utf-32")), MalformedTokenError,
     "not UTF-8"),
    ("payload with NaN", signed(claims(b',"x":NaN')), MalformedTokenError, "NaN"),
    ("payload with Infinity", signed(claims(b',"x":Infinity')), MalformedTokenError, "Infinity"),
    ("exp 1e400 (overflows to inf)", signed(claims(exp=b"1e400")), MalformedTokenError,
     "too large"),
    ("exp -1e400", signed(claims(exp=b"-1e400")), MalformedTokenError, "too large"),
    ("integer past 2**53 - 1", signed(claims(b',"x":9007199254740992')), MalformedTokenError,
     "2**53"),
    ("negative integer past 2**53 - 1", signed(claims(b',"x":-9007199254740992')),
     MalformedTokenError, "2**53"),
    ("integer of 5000 digits", signed(claims(b',"x":' + b"9" * 5000)), MalformedTokenError,
     "2**53"),
    ("payload nested 3000 deep", signed(claims(b',"x":' + DEEP_ARRAY)), MalformedTokenError,
     "deeper"),
    # Work before the signature must be linear (benchmarks/prechecks.py times these).
    ("header of unterminated escaped quotes after 17 brackets (a regex backtracked on it)",
     signed(header=b"[" * 17 + b'"' + b'\\"' * 2000), MalformedTokenError,
     "header nests deeper than 16 levels"),
    ("header with 10 unclosed brackets around 9 closed ones",
     signed(header=b"[" * 19 + b"]" * 9), MalformedTokenError, "header nests deeper"),
    ("header with an integer of 3000 digits (int() is quadratic before Python 3.11)",
     signed(header=b'{"alg":"HS256","x":' + b"9" * 3000 + b"}"), MalformedTokenError,
     "header has an integer beyond 2**53 - 1"),
    ("lone surrogate in the scope", signed(claims(b',"scope":"\\udc00"')), MalformedTokenError,
     "surrogate"),
    # --- claims -----------------------------------------------------------
    ("no exp", signed(b'{"iss":"' + SID.encode("ascii") + b'"}'), MalformedTokenError,
     "exp is missing"),
    ("exp as a string", signed(claims(exp=b'"1700003600"')), MalformedTokenError,
     'exp is "1700003600"'),
    ("exp true", signed(claims(exp=b"true")), MalformedTokenError, "exp is true"),
    ("exp null", signed(claims(exp=b"null")), MalformedTokenError, "exp is null"),
    ("exp an object", signed(claims(exp=b"{}")), MalformedTokenError, "exp is an object"),
    ("nbf as a string", signed(claims(b',"nbf":"0"')), MalformedTokenError, "nbf is"),
    ("nbf false", signed(claims(b',"nbf":false')), MalformedTokenError, "nbf is false"),
    ("iat as a string", signed(claims(b',"iat":"1700000000"')), MalformedTokenError, "iat is"),
    ("iat true", signed(claims(b',"iat":true')), MalformedTokenError, "iat is true"),
    # Registered claims no Twilio token carries: the token was made for something else.
    ("aud (made for another service)", signed(claims(b',"aud":"https://api.example.com"')),
     MalformedTokenError, 'token has the claim "aud" (an audience, RFC 7519'),
    ("aud as a list", signed(claims(b',"aud":["a","b"]')), MalformedTokenError, '"aud"'),
    ("aud null", signed(claims(b',"aud":null')), MalformedTokenError, '"aud"'),
    ("aud in an Access Token", signed(claims(b',"sub":"' + SID.encode("ascii")
                                             + b'","grants":{},"aud":"x"', iss=API_KEY),
                                      header=FPA_HEADER), MalformedTokenError, '"aud"'),
    ("azp (an OpenID Connect ID token)", signed(claims(b',"azp":"client"')),
     MalformedTokenError, '"azp" (an authorized party'),
    ("nonce (an OpenID Connect ID token)", signed(claims(b',"nonce":"n"')),
     MalformedTokenError, '"nonce"'),
    ("cnf (a proof-of-possession token)", signed(claims(b',"cnf":{"jkt":"x"}')),
     MalformedTokenError, '"cnf" (a confirmation key, RFC 7800'),
    ("act (delegation)", signed(claims(b',"act":{"sub":"x"}')), MalformedTokenError,
     '"act" (an actor'),
    ("may_act (delegation)", signed(claims(b',"may_act":{"sub":"x"}')), MalformedTokenError,
     '"may_act"'),
    ("events (a Security Event Token)", signed(claims(b',"events":{}')), MalformedTokenError,
     '"events" (security events, RFC 8417'),
    ("no iss", signed(claims(iss=None)), MalformedTokenError, "iss is missing"),
    ("iss with a trailing newline ($ matches before it)", signed(claims(iss=SID + "\\n")),
     MalformedTokenError, "35 characters"),
    ("iss in upper-case hex", signed(claims(iss="AC" + SID[2:].upper())), MalformedTokenError,
     "lower-case hex"),
    ("iss an API key without the Access Token cty", signed(claims(iss=API_KEY)),
     MalformedTokenError, "'AC'"),
    ("iss an application SID", signed(claims(iss="AP" + SID[2:])), MalformedTokenError, "'AC'"),
    ("iss one digit short", signed(claims(iss=SID[:-1])), MalformedTokenError, "33 characters"),
    ("iss a number", signed(b'{"iss":1,"exp":1700003600}'), MalformedTokenError,
     "iss must be text"),
    ("Access Token whose iss is an account SID", signed(claims(b',"sub":"' + SID.encode("ascii")
                                                               + b'"'), header=FPA_HEADER),
     MalformedTokenError, "'SK'"),
    ("Access Token without sub", signed(claims(iss=API_KEY), header=FPA_HEADER),
     MalformedTokenError, "sub is missing"),
    ("Access Token whose sub is an API key", signed(claims(b',"sub":"' + API_KEY.encode("ascii")
                                                           + b'"', iss=API_KEY), header=FPA_HEADER),
     MalformedTokenError, "sub must be 'AC'"),
    ("scope a number", signed(claims(b',"scope":1')), MalformedTokenError, "scope is a number"),
    ("scope a list", signed(claims(b',"scope":["scope:client:incoming?clientName=a"]')),
     MalformedTokenError, "scope is an array"),
    ("scope without the scope: prefix", signed(claims(b',"scope":"client:incoming"')),
     MalformedTokenError, "scope 1 is not scope:"),
    ("scope with a malformed escape",
     signed(claims(b',"scope":"scope:client:incoming?clientName=a%zz"')),
     MalformedTokenError, "hex digits"),
    ("scope with a truncated escape",
     signed(claims(b',"scope":"scope:client:incoming?clientName=a%2"')),
     MalformedTokenError, "hex digits"),
    ("scope escape that is not UTF-8",
     signed(claims(b',"scope":"scope:client:incoming?clientName=%ff"')),
     MalformedTokenError, "not UTF-8"),
    ("scope with a repeated parameter", signed(claims(
        b',"scope":"scope:client:incoming?clientName=a&clientName=b"')), MalformedTokenError,
     'parameter "clientName" twice'),
    ("scope with two spaces", signed(claims(SCOPE[:-1] + b'  scope:client:incoming?clientName=b"')),
     MalformedTokenError, "scope 2"),
    ("scope with a parameter but no '='",
     signed(claims(b',"scope":"scope:client:incoming?clientName"')),
     MalformedTokenError, "no '='"),
    ("scope with '?' and nothing after", signed(claims(b',"scope":"scope:client:incoming?"')),
     MalformedTokenError, "no parameters"),
    ("app params with a malformed escape", signed(claims(
        b',"scope":"scope:client:outgoing?appSid=AP1&appParams=a%3D%25"')), None, None),
    # --- the clock ----------------------------------------------------------
    ("expired", signed(claims(exp=b"1699999999")), ExpiredTokenError, "expired at"),
    ("expires exactly now", signed(claims(exp=b"1700000000")), ExpiredTokenError, "0 seconds ago"),
    ("not yet valid", signed(claims(b',"nbf":1700000001')), NotYetValidError, "not valid before"),
    # --- types --------------------------------------------------------------
    ("None", None, InvalidTypeError, "NoneType"),
    ("a number", 42, InvalidTypeError, "int"),
    ("a list of segments", segments(GOOD), InvalidTypeError, "list"),
]

# Rows that must pass: the catalogue's tokens are built right except for the flaw.
CONTROLS = [
    ("plain", GOOD),
    ("as bytes", GOOD.encode("ascii")),
    ("no typ (twilio-ruby 4.x)", signed(header=b'{"alg":"HS256"}')),
    ("typ lower-case", signed(header=b'{"alg":"HS256","typ":"jwt"}')),
    ("kid and unknown header members are ignored",
     signed(header=b'{"alg":"HS256","kid":"k","x":1}')),
    ("header with brackets inside a string, which do not nest",
     signed(header=b'{"alg":"HS256","x":"' + b"[{" * 40 + b'\\"]"}')),
    ("header nested exactly 16 deep", signed(header=b'{"alg":"HS256","x":' + b"[" * 15 + b"]" * 15
                                      + b"}")),
    ("integer exactly 2**53 - 1", signed(claims(b',"x":-9007199254740991'))),
    ("surrogate pair escape", signed(claims(b',"name":"\\ud83d\\ude00"'))),
    ("spaced JSON (twilio-python 5.x)", signed(b'{"iss": "' + SID.encode("ascii")
                                               + b'", "exp": 1700003600}')),
    ("Access Token", signed(claims(b',"sub":"' + SID.encode("ascii") + b'","grants":{}',
                                   iss=API_KEY), header=FPA_HEADER)),
    ("empty scope", signed(claims(b',"scope":""'))),
    ("scope with raw slashes (twilio-node)", signed(claims(
        b',"scope":"scope:stream:subscribe?path=/2010-04-01/Events"'))),
    ("exp a float", signed(claims(exp=b"1700000000.5"))),
    ("nbf exactly now", signed(claims(b',"nbf":1700000000'))),
    ("iat in the future is not checked", signed(claims(b',"iat":1800000000'))),
    ("jti (Access Tokens carry one)", signed(claims(b',"jti":"SK-1700000000"'))),
    ("a claim named like a registered one, differently cased", signed(claims(b',"Aud":"x"'))),
]


# --- making tokens: caller data that would make a token mean something else -----
AUTH_TOKEN, API_SECRET = SECRETS
WS, WK = "WS" + "0" * 32, "WK" + "0" * 32
# Two keys that are different objects but the same text: bytes and text on
# Python 3, a UTF-8 str and a unicode on Python 2.
TEXT_KEY = u"caf\u00e9"
BYTES_KEY = TEXT_KEY.encode("utf-8")
TWICE = "has the key %s twice (as bytes and as text)" % repr(TEXT_KEY).lstrip("u")


def both_keys():
    return {BYTES_KEY: 1, TEXT_KEY: 2}


def capability_after(change):
    """A Capability with incoming and outgoing grants, ``change``d after it was checked."""
    cap = capability.Capability(SID, AUTH_TOKEN)
    cap.allow_client_incoming("alice")
    cap.allow_client_outgoing("AP" + "0" * 32)
    change(cap)
    return cap


def _set_attribute(name, value):
    return lambda thing: setattr(thing, name, value)


def _first_scope_service(value):
    return lambda cap: setattr(cap.scopes()[0], "service", value)


def voice_grant_after(change):
    grant = capability.VoiceGrant(outgoing_application_sid="AP" + "0" * 32)
    change(grant)
    return grant


def access_token(*grants):
    return capability.AccessToken(SID, API_KEY, API_SECRET, grants=list(grants))


def worker_after(change):
    token = capability.WorkerCapabilityToken(SID, AUTH_TOKEN, WS, WK)
    change(token)
    return token


def policy_with(query_filter):
    token = capability.WorkspaceCapabilityToken(SID, AUTH_TOKEN, WS)
    token._make_policy(token.workspace_url, "GET", True, query_filter=query_filter)
    return token


class _CustomGrant(capability.AccessTokenGrant):
    key = "custom"

    def to_payload(self):
        return both_keys()


INJECTED_SID = SID + '","iss":"AC' + "f" * 32

# (label, call making the token, expected error, the exact message)
CALLS = [
    # Keys equal once read as text would write one JSON member or parameter twice.
    ("VoiceGrant params with a key as bytes and as text",
     lambda: capability.VoiceGrant(outgoing_application_sid="AP" + "0" * 32,
                                   outgoing_application_params=both_keys()),
     capability.InvalidValueError, "VoiceGrant outgoing_application_params " + TWICE),
    ("VoiceGrant params changed after the check",
     lambda: access_token(voice_grant_after(
         _set_attribute("outgoing_application_params", {"x": both_keys()}))).to_jwt(),
     capability.InvalidValueError, "VoiceGrant outgoing_application_params['x'] " + TWICE),
    ("PlaybackGrant with a key as bytes and as text",
     lambda: capability.PlaybackGrant(grant={"x": both_keys()}),
     capability.InvalidValueError, "PlaybackGrant grant['x'] " + TWICE),
    ("a grant of your own with a key as bytes and as text",
     lambda: access_token(_CustomGrant()).to_jwt(),
     capability.InvalidValueError, "_CustomGrant.to_payload() " + TWICE),
    ("TaskRouter policy filter with a key as bytes and as text",
     lambda: policy_with(both_keys()),
     capability.InvalidValueError, "policy['query_filter'] " + TWICE),
    ("Capability app params with a key as bytes and as text",
     lambda: capability.Capability(SID, AUTH_TOKEN).allow_client_outgoing(
         "AP" + "0" * 32, both_keys()),
     capability.InvalidValueError, "params " + TWICE),
    ("a secret passed where generate() takes nbf",
     lambda: capability_after(lambda cap: None).generate(600, AUTH_TOKEN),
     capability.InvalidTypeError, "nbf must be True or False, not str"),
    ("Capability event filters with a key as bytes and as text",
     lambda: capability.Capability(SID, AUTH_TOKEN).allow_event_stream(both_keys()),
     capability.InvalidValueError, "filters " + TWICE),
    # Values checked when set, then changed: checked again when signing.
    ("Capability.account_sid set to inject JSON members",
     lambda: capability_after(_set_attribute("account_sid", INJECTED_SID)).generate(),
     capability.CredentialsError, "account_sid must be 'AC' followed by 32 lower-case hex "
     "digits; the value given has 77 characters, not 34"),
    ("Capability.account_sid ending in a quote, token without nbf",
     lambda: capability_after(_set_attribute("account_sid", SID + '"')).generate(nbf=False),
     capability.CredentialsError, "account_sid must be 'AC' followed by 32 lower-case hex "
     "digits; the value given has 35 characters, not 34"),
    ("Capability.client_name changed to a name Twilio refuses",
     lambda: capability_after(_set_attribute("client_name", "bob smith")).generate(),
     capability.InvalidValueError, "client name has ' ' (U+0020) at position 3; Twilio allows "
     "only ASCII letters, digits and underscore"),
    ("TaskRouter account_sid changed after the check",
     lambda: worker_after(_set_attribute("account_sid", INJECTED_SID)).to_jwt(),
     capability.CredentialsError, "account_sid must be 'AC' followed by 32 lower-case hex "
     "digits; the value given has 77 characters, not 34"),
    ("TaskRouter worker_sid changed to a workspace SID",
     lambda: worker_after(_set_attribute("channel_id", WS)).to_jwt(),
     capability.InvalidValueError, "worker_sid must be 'WK' followed by 32 lower-case hex "
     "digits; the value given does not start with 'WK'"),
    ("TaskRouter workspace_sid changed after the check",
     lambda: worker_after(_set_attribute("workspace_sid", "WS")).to_jwt(),
     capability.InvalidValueError, "workspace_sid must be 'WS' followed by 32 lower-case hex "
     "digits; the value given has 2 characters, not 34"),
    ("TaskRouter policies replaced by None (was TypeError)",
     lambda: worker_after(_set_attribute("policies", None)), capability.InvalidTypeError,
     "policies must be a list of policy dicts, not NoneType"),
    ("TaskRouter policies replaced by a dict (was read as its keys)",
     lambda: worker_after(_set_attribute("policies", {"url": "x"})), capability.InvalidTypeError,
     "policies must be a list of policy dicts, not dict"),
    ("AccessToken grants replaced by None (was TypeError, from repr too)",
     lambda: setattr(capability.AccessToken(SID, API_KEY, API_SECRET, identity="alice"),
                     "grants", None), capability.InvalidTypeError,
     "grants must be a list of grants, not NoneType"),
    ("AccessToken grants replaced by a tuple (add_grant appends)",
     lambda: setattr(capability.AccessToken(SID, API_KEY, API_SECRET, identity="alice"),
                     "grants", ()), capability.InvalidTypeError,
     "grants must be a list of grants, not tuple"),
    # leeway: finite and at most a day.
    ("leeway a huge integer (was OverflowError)",
     lambda: capability.decode(GOOD, KEY, leeway=10 ** 400), capability.InvalidValueError,
     "leeway must be a number of seconds from 0 to 86400 (a day)"),
    ("leeway a huge float (turned expiry off)",
     lambda: capability.decode(GOOD, KEY, leeway=1e300), capability.InvalidValueError,
     "leeway must be a number of seconds from 0 to 86400 (a day)"),
    ("leeway NaN", lambda: capability.decode(GOOD, KEY, leeway=float("nan")),
     capability.InvalidValueError, "leeway must be a number of seconds from 0 to 86400 (a day)"),
]


OTHER_SID = "AC" + "f" * 32
ACCESS = signed(claims(b',"sub":"' + SID.encode("ascii") + b'","grants":{}', iss=API_KEY),
                header=FPA_HEADER)
SCOPED = signed(claims(SCOPE))
NOT_OURS = "token belongs to another account: its %s is not the account_sid given"
CONTROL = "%s has the control character U+%04X at position %d"

CALLS += [
    # Issuer binding: the token must belong to the account asked for.
    ("decode bound to another account", lambda: capability.decode(
        GOOD, KEY, account_sid=OTHER_SID), capability.WrongAccountError, NOT_OURS % "iss"),
    ("an Access Token bound to another account", lambda: capability.decode(
        ACCESS, KEY, account_sid=OTHER_SID), capability.WrongAccountError, NOT_OURS % "sub"),
    ("ClientCapabilityToken.from_jwt bound to another account",
     lambda: capability.ClientCapabilityToken.from_jwt(SCOPED, KEY, account_sid=OTHER_SID),
     capability.WrongAccountError, NOT_OURS % "iss"),
    ("AccessToken.from_jwt bound to another account",
     lambda: capability.AccessToken.from_jwt(ACCESS, KEY, account_sid=OTHER_SID),
     capability.WrongAccountError, NOT_OURS % "sub"),
    ("an auth token passed as account_sid", lambda: capability.decode(
        GOOD, KEY, account_sid=AUTH_TOKEN), capability.CredentialsError,
     "account_sid must be 'AC' followed by 32 lower-case hex digits; the value given does not "
     "start with 'AC'"),
    # Key rotation: a list of keys, every one checked.
    ("no key of the list matches", lambda: capability.decode(GOOD, ["wrong-1", "wrong-2"]),
     capability.BadSignatureError, "signature matches none of the 2 keys (altered, forged, or "
     "signed with another auth token)"),
    ("an empty list of keys", lambda: capability.decode(GOOD, []), capability.CredentialsError,
     "auth_token is an empty list; give at least one key"),
    ("an empty key in the list", lambda: capability.decode(GOOD, [KEY, ""]),
     capability.CredentialsError, "auth_token[1] is empty"),
    ("a key with a newline in the tuple", lambda: capability.decode(GOOD, (KEY, AUTH_TOKEN + "\n")),
     capability.CredentialsError,
     "auth_token[1] has leading or trailing whitespace (a newline from a file?)"),
    ("a key that is not text in the list", lambda: capability.decode(GOOD, [KEY, 42]),
     capability.CredentialsError, "auth_token[1] must be text, not int"),
    ("from_jwt with an empty tuple of keys",
     lambda: capability.ClientCapabilityToken.from_jwt(SCOPED, ()),
     capability.CredentialsError, "the key is an empty tuple; give at least one key"),
    # Access Token text: Unicode category Cc is C0, DEL and C1.
    ("identity with U+0085 (next line)", lambda: capability.AccessToken(
        SID, API_KEY, API_SECRET, identity=u"al\x85ice"), capability.InvalidValueError,
     CONTROL % ("identity", 0x85, 2)),
    ("identity with U+009B (CSI, starts terminal escapes)", lambda: capability.AccessToken(
        SID, API_KEY, API_SECRET, identity=u"\x9b31m"), capability.InvalidValueError,
     CONTROL % ("identity", 0x9b, 0)),
    ("identity set to U+0080 after the check",
     lambda: access_token_with_identity(u"x\x80").to_jwt(),
     capability.InvalidValueError, CONTROL % ("identity", 0x80, 1)),
    ("VideoGrant room with U+009F", lambda: capability.VideoGrant(room=u"r\x9f"),
     capability.InvalidValueError, CONTROL % ("VideoGrant room", 0x9f, 1)),
    ("ChatGrant endpoint_id with U+0085", lambda: capability.ChatGrant(endpoint_id=u"\x85"),
     capability.InvalidValueError, CONTROL % ("ChatGrant endpoint_id", 0x85, 0)),
    ("VoiceGrant endpoint_id with U+009B", lambda: capability.VoiceGrant(endpoint_id=u"e\x9b"),
     capability.InvalidValueError, CONTROL % ("VoiceGrant endpoint_id", 0x9b, 1)),
]


def access_token_with_identity(identity):
    token = access_token()
    token.identity = identity
    return token


if bytes is not str:  # on Python 2, b"url" and u"url" are one dict key already
    CALLS += [
        ("TaskRouter policy with its url key as bytes and as text",
         lambda: worker_after(lambda token: token.policies.append(
             {b"url": "u", "url": "v", "method": "GET", "allow": True, "query_filter": {},
              "post_filter": {}})).to_jwt(),
         capability.InvalidValueError, "policies[6] must be a dict with exactly the keys url, "
         "method, allow, query_filter, post_filter"),
        ("Capability app params as bytes and the same name as a keyword",
         lambda: capability.Capability(SID, AUTH_TOKEN).allow_client_outgoing(
             "AP" + "0" * 32, {b"to": 1}, to=2),
         capability.InvalidValueError, "params has the key 'to' twice (as bytes and as text)"),
    ]


def _as_text(value):
    return value if isinstance(value, type(u"")) else value.decode("latin-1")


class HostileTokenTest(unittest.TestCase):

    def decode(self, token, **kwargs):
        from .support import frozen_clock
        with frozen_clock(NOW):
            return capability.decode(token, kwargs.pop("key", KEY), **kwargs)

    def test_catalogue(self):
        self.assertGreaterEqual(len(CATALOGUE), 100)
        for label, token, error, words in CATALOGUE:
            with self.subTest(label):
                if error is None:
                    continue
                try:
                    self.decode(token)
                except capability.CapabilityError as caught:
                    self.assertIs(type(caught), error, "%s: %r" % (label, caught))
                    message = str(caught)
                    self.assertIn(words, message, label)
                    self.assertNotIn(KEY, message, label)
                    if isinstance(token, (bytes, type(u""))) and len(token) > 20:
                        for part in _as_text(token).split("."):
                            if len(part) > 8:
                                self.assertNotIn(part, message, label)
                    self.assertIsNone(getattr(caught, "__cause__", None), label)
                    self.assertIsNone(getattr(caught, "__context__", None), label)
                else:
                    self.fail("%s: accepted" % label)

    def test_writer_catalogue(self):
        for label, call, error, message in CALLS:
            with self.subTest(label):
                with self.assertRaises(capability.CapabilityError) as caught:
                    call()
                self.assertIs(type(caught.exception), error,
                              "%s: %r" % (label, caught.exception))
                self.assertEqual(str(caught.exception), message, label)
                for secret in SECRETS + (KEY,):
                    self.assertNotIn(secret, message, label)
                self.assertIsNone(getattr(caught.exception, "__context__", None), label)

    def test_writer_catalogue_controls(self):
        # The same calls with the flaw taken out make tokens.
        capability.VoiceGrant(outgoing_application_sid="AP" + "0" * 32,
                              outgoing_application_params={TEXT_KEY: 1, u"b": 2})
        self.assertEqual(capability_after(lambda cap: None).generate().count("."), 2)
        self.assertEqual(worker_after(lambda token: None).to_jwt().count("."), 2)
        self.assertEqual(policy_with({TEXT_KEY: 1}).to_jwt().count("."), 2)
        self.assertEqual(self.decode(GOOD, leeway=86400)["iss"], SID)

    def test_scopes_handed_out_cannot_change_the_token(self):
        # scopes() makes new Scope objects; generate() signs the text each allow_* wrote.
        from .support import frozen_clock
        with frozen_clock(NOW):
            expected = capability_after(lambda cap: None).generate()
            changed = capability_after(_first_scope_service('client","iss":"x')).generate()
        self.assertEqual(changed, expected)

    def test_wrong_account_names_the_claim(self):
        for token, claim in ((GOOD, "iss"), (ACCESS, "sub")):
            with self.assertRaises(capability.WrongAccountError) as caught:
                capability.decode(token, KEY, account_sid=OTHER_SID)
            self.assertEqual(caught.exception.claim, claim)
            self.assertIsInstance(caught.exception, capability.InvalidTokenError)
            self.assertNotIn(OTHER_SID, str(caught.exception))
        for label, token, error, words in CATALOGUE:
            if words is not None and words.startswith('token has the claim "'):
                with self.subTest(label):
                    with self.assertRaises(MalformedTokenError) as caught:
                        self.decode(token)
                    self.assertEqual(caught.exception.claim, words.split('"')[1])

    def test_bound_and_rotated_controls(self):
        self.assertEqual(self.decode(GOOD, account_sid=SID)["iss"], SID)
        self.assertEqual(self.decode(GOOD, account_sid=SID.encode("ascii"))["iss"], SID)
        self.assertEqual(self.decode(ACCESS, account_sid=SID)["sub"], SID)
        from .support import frozen_clock
        with frozen_clock(NOW):
            for keys in (["old-key", KEY], (KEY, "next-key"), [KEY], (KEY.encode("ascii"),)):
                self.assertEqual(capability.decode(GOOD, keys)["iss"], SID)
            decoded = capability.ClientCapabilityToken.from_jwt(SCOPED, ["old", KEY],
                                                                account_sid=SID)
            self.assertEqual(decoded.issuer, SID)
        for text in (u"\xa0", u"\xa1caf\xe9", u"\u0100", u"a b"):  # not Cc: allowed
            capability.VideoGrant(room=text)

    def test_every_key_is_tried(self):
        # No early exit once a key matches: the time must not say which one did.
        tried = []
        real = jws.hmac_sha256

        def counting(key, message):
            tried.append(key)
            return real(key, message)
        jws.hmac_sha256 = counting
        try:
            from .support import frozen_clock
            with frozen_clock(NOW):
                capability.decode(GOOD, [KEY, "second", "third"])
        finally:
            jws.hmac_sha256 = real
        self.assertEqual(tried, [KEY.encode("ascii"), b"second", b"third"])

    def test_invalid_tokens_are_value_errors(self):
        for label, token, error, words in CATALOGUE:
            with self.subTest(label):
                if error is not None and issubclass(error, capability.InvalidTokenError):
                    self.assertTrue(issubclass(error, ValueError), label)

    def test_controls_pass(self):
        for label, token in CONTROLS:
            with self.subTest(label):
                self.assertEqual(self.decode(token)["exp"] > 0, True, label)

    def test_app_params_are_parsed_on_demand(self):
        # A signed token whose appParams value is a malformed query still
        # decodes: its outer scope is well formed. parse_params reports it.
        token = [row for row in CATALOGUE if row[2] is None][0][1]
        scope = capability.parse_scope(self.decode(token)["scope"])
        self.assertRaises(MalformedTokenError, capability.parse_params, scope.params["appParams"])

    def test_unverified_decoding_still_checks_the_shape(self):
        for label, token, error, words in SHAPE_ROWS:
            self.assertRaises(error, capability.decode_unverified, token)
        header, payload = capability.decode_unverified(unsigned_with_alg(b'"none"'))
        self.assertEqual(header["alg"], "none")
        self.assertRaises(MalformedTokenError, capability.decode_unverified,
                          signed(header=b'{"alg":"none","alg":"HS256"}'))
        self.assertRaises(InvalidTypeError, capability.decode_unverified, None)

    def test_size_cap_is_exact(self):
        with self.assertRaises(MalformedTokenError) as caught:
            self.decode("a" * jws.MAX_TOKEN_LENGTH)
        self.assertIn("has no '.'", str(caught.exception))
        pad = b""
        while True:
            token = signed(claims(b',"pad":"' + pad + b'"'))
            if len(token) > jws.MAX_TOKEN_LENGTH:
                break
            largest = token
            pad += b"x"
        self.assertGreaterEqual(len(largest), jws.MAX_TOKEN_LENGTH - 1)
        self.assertEqual(self.decode(largest)["pad"], "x" * (len(pad) - 1))
        with self.assertRaises(MalformedTokenError) as caught:
            self.decode(token)
        self.assertIn("limit is %d" % jws.MAX_TOKEN_LENGTH, str(caught.exception))

    def test_deep_nesting_does_not_touch_the_recursion_limit(self):
        limit = sys.getrecursionlimit()
        sys.setrecursionlimit(200)
        try:
            self.assertRaises(MalformedTokenError, self.decode, signed(header=DEEP_ARRAY))
        finally:
            sys.setrecursionlimit(limit)


if __name__ == "__main__":
    unittest.main()
