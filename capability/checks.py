"""Every argument validator, each rule once; products import these, this imports no product.

Each ``check_*`` returns the value it accepted (cleaned: native ``str``, text
or bytes as it says) or raises an error from ``exc`` naming the argument,
never showing a value that may be a secret.
"""
from .encoding import PY3_STR, integer_types, repeated, text, to_bytes, to_native
from .exc import CredentialsError, InvalidTypeError, InvalidValueError

MAX_TTL = 86400  # Twilio refuses tokens that live longer than a day
# Clock difference decode() may forgive: more than a day is not a clock problem.
MAX_LEEWAY = 86400
_HEX_DIGITS = b"0123456789abcdef"
# Two character sets on purpose. A client name is an identity Twilio routes
# calls to and allows only [A-Za-z0-9_]; a scope's service and privilege are
# URI words that also hold "." and "-", so parsing a scope accepts those too.
CLIENT_NAME_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"
SCOPE_NAME_CHARS = frozenset(CLIENT_NAME_CHARS + ".-")
_CLIENT_NAME_BYTES = CLIENT_NAME_CHARS.encode("ascii")
_NUMBER_TYPES = integer_types + (float,)
_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyz")
_DIGITS = frozenset("0123456789")


def check_sid(value, prefix, what, error):
    """The SID as native ``str``, or ``error`` saying how it is malformed.

    The value is not echoed: a swapped argument may put a secret here.
    """
    # Accepts only a native str of the prefix and 32 hex digits, at C speed (as bytes).
    if value.__class__ is str and len(value) == 34:
        try:
            if value.encode().rstrip(_HEX_DIGITS) == prefix.encode():
                return value
        except UnicodeError:
            pass
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


def checked_property(name, check):
    """An attribute checked when assigned, stored as ``_<name>``, which signing trusts."""
    private = "_" + name

    def get(self):
        return getattr(self, private)

    def set(self, value):
        setattr(self, private, check(value))
    return property(get, set)


def check_secret(value, what):
    """UTF-8 bytes of a signing secret that is neither empty nor padded."""
    if value.__class__ is str:  # accepts only a native str that encodes and needs no trim
        try:
            key = value.encode("utf-8")
        except UnicodeError:
            key = None  # a lone surrogate (Python 2: a str beyond ASCII): to_bytes judges it
        if key and key == key.strip():
            return key
    key = to_bytes(value, what, CredentialsError)
    if not key:
        raise CredentialsError("%s is empty" % what)
    if key != key.strip():
        raise CredentialsError(
            "%s has leading or trailing whitespace (a newline from a file?)" % what)
    return key


def check_keys(value, what):
    """A signing secret's bytes, or for a list or tuple of secrets (key rotation:
    primary, secondary...) a tuple of their bytes, none empty or padded."""
    if not isinstance(value, (list, tuple)):
        return check_secret(value, what)
    if not value:
        raise CredentialsError("%s is an empty %s; give at least one key"
                               % (what, type(value).__name__))
    return tuple(check_secret(key, "%s[%d]" % (what, index)) for index, key in enumerate(value))


def check_client_name(name, what="client name"):
    """The client name as native ``str``; Twilio allows ``[A-Za-z0-9_]+``."""
    # Accepts only a non-empty native str of those characters, at C speed (as bytes).
    if name.__class__ is str and name:
        try:
            if not name.encode().strip(_CLIENT_NAME_BYTES):
                return name
        except UnicodeError:
            pass
    data = to_bytes(name, what)
    if not data:
        raise InvalidValueError("%s is empty" % what)
    if data.strip(_CLIENT_NAME_BYTES):  # a C-speed check; the loop only finds what to report
        for position, char in enumerate(data.decode("utf-8")):
            if char not in CLIENT_NAME_CHARS:
                raise InvalidValueError(
                    "%s has %s at position %d; Twilio allows only ASCII letters, "
                    "digits and underscore" % (what, _describe(char), position))
    return to_native(data)


def _describe(char):
    if " " <= char < "\x7f":
        return "%r (U+%04X)" % (str(char), ord(char))
    return "U+%04X" % ord(char)


def check_text(value, what):
    """Non-empty text without control characters (Unicode category Cc), as text."""
    # Accepts only non-empty Python 3 text that is all printable (so no control
    # character and no lone surrogate), tested at C speed.
    if value.__class__ is PY3_STR and value and value.isprintable():
        return value
    result = text(value, what)
    if not result:
        raise InvalidValueError("%s is empty; pass None to leave it out" % what)
    for position, char in enumerate(result):
        # Category Cc is exactly C0, DEL and C1 (U+0085 NEL, U+009B CSI...):
        # no unicodedata needed.
        if char < u" " or u"\x7f" <= char <= u"\x9f":
            raise InvalidValueError("%s has the control character U+%04X at position %d"
                                    % (what, ord(char), position))
    return result


def check_distinct_keys(names, what):
    """The text ``names`` of one mapping's keys, if none comes twice.

    Two keys that differ as objects but read as the same text (``b"to"`` and
    ``u"to"``, or a Python 2 ``str`` and ``unicode``) would write one JSON
    member or parameter twice, and parsers disagree on which one wins.
    """
    if len(set(names)) != len(names):
        raise InvalidValueError("%s has the key %s twice (as bytes and as text)"
                                % (what, repr(repeated(names)).lstrip("u")))
    return names


def check_region(region):
    """A Twilio region code (``us1``, ``ie1``, ``au1``...) as native ``str``, or None."""
    if region is None:
        return None
    code = text(region, "region")
    if not (_LETTERS.issuperset(code[:2]) and len(code) in (3, 4)
            and _DIGITS.issuperset(code[2:])):
        raise InvalidValueError("region must be a Twilio region code: two lower-case letters and "
                                "a number, such as 'us1', 'ie1' or 'au1'")
    return str(code)


def check_ttl(ttl):
    """A ttl that is a whole number of seconds from 1 to 86400."""
    if ttl.__class__ is int and 0 < ttl <= MAX_TTL:  # accepts only the plainly valid
        return ttl
    if isinstance(ttl, bool) or not isinstance(ttl, integer_types):
        raise InvalidTypeError("ttl must be a whole number of seconds, not %s"
                               % type(ttl).__name__)
    ttl = int(ttl)  # exact: an int subclass's own + or str() never reaches a token
    if not 1 <= ttl <= MAX_TTL:
        raise InvalidValueError("ttl must be from 1 to %d seconds (24 hours), not %d"
                                % (MAX_TTL, ttl))
    return ttl


class _Generate(object):
    """The default ``nbf``: the issue time."""
    __slots__ = ()

    def __repr__(self):
        return "GENERATE"

    def __reduce__(self):
        return "GENERATE"  # copies and pickles stay the one sentinel


GENERATE = _Generate()


def check_nbf(nbf):
    """``GENERATE`` (the issue time), None (no ``nbf`` claim) or whole seconds since 1970."""
    if nbf is not GENERATE and nbf is not None and (
            isinstance(nbf, bool) or not isinstance(nbf, integer_types)):
        raise InvalidTypeError("nbf must be GENERATE (the issue time), None (no nbf claim) or "
                               "whole seconds since the epoch, not %s" % type(nbf).__name__)
    return nbf if nbf is GENERATE or nbf is None else int(nbf)  # exact, as check_ttl gives


def check_valid_until(valid_until):
    """None or whole seconds since 1970."""
    if valid_until is not None and (
            isinstance(valid_until, bool) or not isinstance(valid_until, integer_types)):
        raise InvalidTypeError("valid_until must be None or whole seconds since the epoch, "
                               "such as int(time.time()) + 600, not %s"
                               % type(valid_until).__name__)
    return None if valid_until is None else int(valid_until)  # exact, as check_ttl gives


def check_leeway(leeway):
    """A leeway that is a number of seconds from 0 to 86400 (a day; NaN is refused)."""
    if isinstance(leeway, bool) or not isinstance(leeway, _NUMBER_TYPES):
        raise InvalidTypeError("leeway must be a number of seconds, not %s"
                               % type(leeway).__name__)
    # Bounded, not just finite: a huge integer overflows float arithmetic on the
    # clock and a huge float switches expiry off. NaN fails both comparisons.
    if not 0 <= leeway <= MAX_LEEWAY:
        raise InvalidValueError("leeway must be a number of seconds from 0 to %d (a day)"
                                % MAX_LEEWAY)
    return leeway


def check_list(value, what, items):
    """``value`` if it is a list: a public list a token reads when signing."""
    if not isinstance(value, list):
        raise InvalidTypeError("%s must be a list of %s, not %s"
                               % (what, items, type(value).__name__))
    return value
