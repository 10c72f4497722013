"""Twilio capability tokens and Access Tokens with nothing but the standard library.

twilio-python's class names (``AccessToken`` and its grants, the TaskRouter
tokens, ``ClientCapabilityToken``) are here too, making the same bytes.

>>> import capability
>>> cap = capability.Capability("AC" + "0" * 32, "auth-token")
>>> cap.allow_client_incoming("alice")
>>> token = cap.generate()
>>> claims = capability.decode(token, "auth-token")

The modules, bottom to top; each imports only modules above it in this list:

- ``exc``: the exception tree; errors carry ``claim``, ``exp``, ``nbf``.
- ``encoding``: Python 2 and 3, bytes and text, base64url.
- ``checks``: every argument validator, once; ``MAX_TTL``.
- ``jsonwriter``: claims JSON as PyJWT writes it, without importing ``json``.
- ``jws``: HS256 compact JWS: sign, split, verify, strict JSON reading.
- ``scopes``: scope URIs, written and parsed.
- ``credentials``: argument, then ``configure()``, then the environment.
- ``decoding``: ``decode``, ``decode_unverified``, claim and clock checks, ``DecodedToken``.
- ``token``: the ``Token`` base class and its subclass hooks.
- ``client``: ``Capability``, in twilio-ruby's shape.
- ``client_token``: twilio-python's ``ClientCapabilityToken`` and ``TwilioCapability``.
- ``grants``, ``access_token``: ``AccessToken`` and its grants.
- ``taskrouter``: the worker, task queue and workspace tokens.
- ``report``: what the ``decode`` command prints; kind detection (``kind_of``).
- ``layer``: the AWS Lambda layer builder; ``__main__``: the command line.
"""
import sys

__version__ = "1.0.0"

# The module that holds each public name. Modules load on first use (PEP 562),
# so a process that only makes capability tokens never loads the Access Token,
# TaskRouter or decoding code: a Lambda cold start pays only for what it uses.
_HOMES = {
    "access_token": ("AccessToken",),
    "client": ("Capability",),
    "client_token": ("ClientCapabilityToken", "TwilioCapability"),
    "credentials": ("configure",),
    "decoding": ("decode", "decode_unverified"),
    "exc": ("BadSignatureError", "CapabilityError", "CredentialsError", "ExpiredTokenError",
            "InvalidTokenError", "InvalidTypeError", "InvalidValueError", "MalformedTokenError",
            "NotYetValidError", "TokenWarning", "WrongAccountError"),
    "grants": ("AccessTokenGrant", "ChatGrant", "PlaybackGrant", "SyncGrant", "TaskRouterGrant",
               "VideoGrant", "VoiceGrant"),
    "scopes": ("Scope", "parse_params", "parse_scope", "parse_scopes"),
    "taskrouter": ("TaskQueueCapabilityToken", "WorkerCapabilityToken",
                   "WorkspaceCapabilityToken"),
}
_HOME = dict((name, module) for module, names in _HOMES.items() for name in names)


def _load(module):
    """Import one module of the package and bind its public names here."""
    loaded = __import__(module, globals(), None, _HOMES[module], 1)
    for name in _HOMES[module]:
        globals()[name] = getattr(loaded, name)


if sys.version_info >= (3, 7):
    def __getattr__(name):
        if name not in _HOME:
            raise AttributeError("module %r has no attribute %r" % (__name__, name))
        _load(_HOME[name])
        return globals()[name]

    def __dir__():
        return sorted(set(globals()) | set(__all__))
else:  # no module __getattr__ before 3.7: everything now, as before
    for _module in sorted(_HOMES):
        _load(_module)

__all__ = [
    "AccessToken",
    "AccessTokenGrant",
    "BadSignatureError",
    "Capability",
    "CapabilityError",
    "ChatGrant",
    "ClientCapabilityToken",
    "CredentialsError",
    "ExpiredTokenError",
    "InvalidTokenError",
    "InvalidTypeError",
    "InvalidValueError",
    "MalformedTokenError",
    "NotYetValidError",
    "PlaybackGrant",
    "Scope",
    "SyncGrant",
    "TaskQueueCapabilityToken",
    "TaskRouterGrant",
    "TokenWarning",
    "TwilioCapability",
    "VideoGrant",
    "VoiceGrant",
    "WorkerCapabilityToken",
    "WorkspaceCapabilityToken",
    "WrongAccountError",
    "configure",
    "decode",
    "decode_unverified",
    "parse_params",
    "parse_scope",
    "parse_scopes",
]
