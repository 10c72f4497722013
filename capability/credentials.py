"""Where the account SID and auth token come from.

For each credential: the argument, then ``configure()``, then the environment
(``TWILIO_ACCOUNT_SID``, ``TWILIO_AUTH_TOKEN``; an empty variable counts as
missing). Values are checked where they enter, and no message shows one.
"""
import os

from .checks import check_secret, check_sid
from .exc import CredentialsError

_configured = {}


def configure(account_sid=None, auth_token=None):
    """Set process-wide defaults; ``configure()`` with no arguments clears them.

    ``account_sid`` ("AC" and 32 hex digits) and ``auth_token`` (text or UTF-8
    bytes) are checked now: a malformed one raises ``CredentialsError`` and
    leaves the previous settings in place.

    >>> configure(account_sid="AC...", auth_token="...")  # doctest: +SKIP
    """
    settings = {}
    if account_sid is not None:
        settings["account_sid"] = check_sid(account_sid, "AC", "account_sid", CredentialsError)
    if auth_token is not None:
        settings["auth_token"] = check_secret(auth_token, "auth_token")
    _configured.clear()
    _configured.update(settings)


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
