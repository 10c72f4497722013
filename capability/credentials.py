"""Where the account SID and auth token come from.

For each credential: the argument, then ``configure()``, then the environment
(``TWILIO_ACCOUNT_SID``, ``TWILIO_AUTH_TOKEN``; an empty variable counts as
missing). Values are checked where they enter, and no message shows one.
"""
import os

from .checks import check_keys, check_secret, check_sid
from .encoding import remember
from .exc import CredentialsError

# Checked (account SID, key) per pair of arguments, bounded as jws bounds its key states.
MAX_RESOLVED = 1024
_resolved = {}


class _Unset(object):
    """An argument left out of ``configure()``, which is not the same as None."""
    __slots__ = ()

    def __repr__(self):
        return "<unset>"


_UNSET = _Unset()
# (account_sid, auth_token), each checked or None. A tuple, replaced whole by one
# assignment: a thread that reads it once sees one configure() call, never half of
# one, and never the gap between two.
_settings = (None, None)


def configure(account_sid=_UNSET, auth_token=_UNSET):
    """Replace the process-wide defaults, both at once; ``configure()`` clears them.

    ``account_sid`` ("AC" and 32 hex digits) and ``auth_token`` (text or UTF-8
    bytes) are checked now: a malformed one raises ``CredentialsError`` and
    leaves the previous settings in place. Nothing is merged with an earlier
    call, so give both; None says "not configured: use the argument or the
    environment" (for the SID: ``TWILIO_ACCOUNT_SID``). Leaving one out while
    giving the other is refused: it would silently drop what an earlier call set.

    >>> configure(account_sid="AC...", auth_token="...")  # doctest: +SKIP
    >>> configure(account_sid=None, auth_token="...")  # doctest: +SKIP
    """
    given = [name for name, value in (("account_sid", account_sid), ("auth_token", auth_token))
             if value is not _UNSET]
    if len(given) == 1:
        other = "auth_token" if given == ["account_sid"] else "account_sid"
        raise CredentialsError(
            "configure() replaces every setting and %s was left out: pass %s=... too, or "
            "%s=None to take it from the argument or the environment" % (other, other, other))
    sid = None if account_sid is _UNSET or account_sid is None else check_sid(
        account_sid, "AC", "account_sid", CredentialsError)
    key = None if auth_token is _UNSET or auth_token is None else check_secret(
        auth_token, "auth_token")
    global _settings
    _settings = (sid, key)


def _lookup(value, configured, name, variable):
    if value is not None:
        return value, name
    if configured is not None:
        return configured, "capability.configure(%s=...)" % name
    from_env = os.environ.get(variable)
    if from_env:
        return from_env, "the %s environment variable" % variable
    raise CredentialsError(
        "no %s: pass %s=..., call capability.configure(%s=...), or set %s"
        % (name.replace("_", " ").replace("sid", "SID"), name, name, variable))


def resolve(account_sid=None, auth_token=None):
    """``(account_sid, key)`` from arguments, ``configure()`` or the environment.

    Both come from one read of the settings, so a concurrent ``configure()``
    gives this call the old pair or the new one, never a mix.
    """
    # Accepts only a pair of native str arguments already checked: a server passes
    # the same pair on every request. configure() and the environment are read every time.
    cacheable = account_sid.__class__ is str and auth_token.__class__ is str
    if cacheable:
        found = _resolved.get((account_sid, auth_token))
        if found is not None:
            return found
    configured_sid, configured_key = _settings
    sid, sid_source = _lookup(account_sid, configured_sid, "account_sid", "TWILIO_ACCOUNT_SID")
    token, token_source = _lookup(auth_token, configured_key, "auth_token", "TWILIO_AUTH_TOKEN")
    resolved = (check_sid(sid, "AC", sid_source, CredentialsError),
                check_secret(token, token_source))
    if cacheable:
        remember(_resolved, MAX_RESOLVED, (account_sid, auth_token), resolved)
    return resolved


def secret(auth_token=None):
    """The verifying key: the argument, then ``configure()``, then the environment.

    Verifying needs only the key; an empty one is refused, never skipped. A
    list or tuple of keys (rotation) gives a tuple of their bytes.
    """
    if isinstance(auth_token, (list, tuple)):
        return check_keys(auth_token, "auth_token")
    token, source = _lookup(auth_token, _settings[1], "auth_token", "TWILIO_AUTH_TOKEN")
    return check_secret(token, source)
