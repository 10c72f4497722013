"""Where the account SID and auth token come from.

For each credential: the argument, then ``configure()``, then the environment
(``TWILIO_ACCOUNT_SID``, ``TWILIO_AUTH_TOKEN``; an empty variable counts as
missing). Values are checked where they enter, and no message shows one.
"""
import os

from .encoding import to_bytes, to_native
from .exc import CredentialsError

_configured = {}
_HEX_DIGITS = b"0123456789abcdef"


def configure(account_sid=None, auth_token=None):
    """Set process-wide defaults; ``configure()`` with no arguments clears them.

    >>> configure(account_sid="AC...", auth_token="...")  # doctest: +SKIP
    """
    settings = {}
    if account_sid is not None:
        settings["account_sid"] = check_sid(account_sid, "AC", "account_sid", CredentialsError)
    if auth_token is not None:
        settings["auth_token"] = check_secret(auth_token, "auth_token")
    _configured.clear()
    _configured.update(settings)


def check_sid(value, prefix, what, error):
    """The SID as native ``str``, or ``error`` saying how it is malformed.

    The value is not echoed: a swapped argument may put a secret here.
    """
    data = to_bytes(value, what, error)
    # strip() leaves nothing when all are hex digits; on bytes it is the fastest such check.
    if len(data) != 34 or data[:2] != prefix.encode("ascii") or data[2:].strip(_HEX_DIGITS):
        sid = data.decode("utf-8")
        if sid[:2] != prefix:
            problem = "does not start with %r" % prefix
        elif len(sid) != 34:
            problem = "has %d characters, not 34" % len(sid)
        else:
            problem = "has characters other than lower-case hex digits after %r" % prefix
        raise error("%s must be %r followed by 32 lower-case hex digits; the value given %s"
                    % (what, prefix, problem))
    return to_native(data)


def check_secret(value, what):
    """UTF-8 bytes of a signing secret that is neither empty nor padded."""
    key = to_bytes(value, what, CredentialsError)
    if not key:
        raise CredentialsError("%s is empty" % what)
    if key != key.strip():
        raise CredentialsError(
            "%s has leading or trailing whitespace (a newline from a file?)" % what)
    return key


def _lookup(value, name, variable):
    if value is not None:
        return value, name
    if name in _configured:
        return _configured[name], "capability.configure(%s=...)" % name
    from_env = os.environ.get(variable)
    if from_env:
        return from_env, "the %s environment variable" % variable
    raise CredentialsError(
        "no %s: pass %s=..., call capability.configure(%s=...), or set %s"
        % (name.replace("_", " ").replace("sid", "SID"), name, name, variable))


def resolve(account_sid=None, auth_token=None):
    """``(account_sid, key)`` from arguments, ``configure()`` or the environment."""
    sid, sid_source = _lookup(account_sid, "account_sid", "TWILIO_ACCOUNT_SID")
    token, token_source = _lookup(auth_token, "auth_token", "TWILIO_AUTH_TOKEN")
    return (check_sid(sid, "AC", sid_source, CredentialsError),
            check_secret(token, token_source))


def secret(auth_token=None):
    """The signing key: the argument, then ``configure()``, then the environment.

    Verifying needs only the key; an empty one is refused, never skipped.
    """
    token, source = _lookup(auth_token, "auth_token", "TWILIO_AUTH_TOKEN")
    return check_secret(token, source)
