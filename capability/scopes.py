"""Scope URIs: ``scope:<service>:<privilege>?<params>``, as Twilio Client reads them.

Quoting follows Python 3.7+'s ``urllib.parse.quote_plus`` on every interpreter:
only ``A-Z a-z 0-9 _ . - ~`` stay as they are, a space becomes ``+`` and every
other UTF-8 byte becomes ``%XX``. The rules are written out here because the
standard library's changed between versions (``~`` was quoted before 3.7).
"""
from .encoding import PY2, integer_types, to_bytes, to_native
from .exc import InvalidTypeError

_UNRESERVED = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~"
_QUOTED = ["%%%02X" % byte for byte in range(256)]
for _byte in bytearray(_UNRESERVED):
    _QUOTED[_byte] = chr(_byte)
_QUOTED[ord(" ")] = "+"
del _byte
# Python 3's str; on Python 2 every value takes the general path below.
_PY3_STR = None if PY2 else str


def quote(data):
    """Quote UTF-8 bytes for a query string: ``quote(b"a b~/") == "a+b~%2F"``."""
    if not data.strip(_UNRESERVED):  # nothing to escape, checked at C speed
        return to_native(data)
    return "".join([_QUOTED[byte] for byte in bytearray(data)])


def _is_plain(value):
    """True for a Python 3 ``str`` that needs no escapes: it is its own quoted form."""
    # Checked as bytes, where strip() is several times faster than on text.
    return value.__class__ is _PY3_STR and not value.encode(
        "utf-8", "surrogatepass").strip(_UNRESERVED)


def _quoted(text, what):
    """``quote()`` of text given as ``str``, ``unicode`` or UTF-8 bytes."""
    if _is_plain(text):
        return text
    return quote(to_bytes(text, what))


def _param_value(value, what):
    """Bytes for one parameter value: text or a whole number."""
    if isinstance(value, integer_types) and not isinstance(value, bool):
        return b"%d" % value
    if not isinstance(value, (bytes, type(u""))):
        raise InvalidTypeError(
            "%s must be text, a whole number or a list of those, not %s"
            % (what, type(value).__name__))
    return to_bytes(value, what)


def encode_params(params, what):
    """Query string for (key, value) pairs in order, lists as repeated keys.

    This is ``urlencode(params, doseq=True)`` with the rules above:
    ``encode_params([("to", ["a", 1])], "params") == "to=a&to=1"``.
    """
    pairs = []
    for key, value in params:
        if not isinstance(key, (bytes, type(u""))):
            raise InvalidTypeError("%s keys must be text, not %s" % (what, type(key).__name__))
        name = _quoted(key, "a key of " + what)
        values = value if isinstance(value, (list, tuple)) else [value]
        for item in values:
            if _is_plain(item):
                pairs.append(name + "=" + item)  # the label below is only for errors
                continue
            label = "%s[%r]" % (what, name)
            if isinstance(item, (list, tuple)):
                raise InvalidTypeError("%s must not hold nested lists" % label)
            pairs.append(name + "=" + quote(_param_value(item, label)))
    return "&".join(pairs)


class Scope(object):
    """One capability: a service, a privilege and text parameters.

    >>> Scope("client", "incoming", {"clientName": "alice"}).to_string()
    'scope:client:incoming?clientName=alice'
    """

    __slots__ = ("service", "privilege", "params")

    def __init__(self, service, privilege, params=None):
        self.service = service
        self.privilege = privilege
        self.params = dict(params or {})

    def to_string(self):
        """The scope URI; parameters sorted by key, as twilio-python sorts them."""
        uri = "scope:%s:%s" % (self.service, self.privilege)
        if not self.params:
            return uri
        query = "&".join([_quoted(key, "a scope key") + "=" + _quoted(value, key)
                          for key, value in sorted(self.params.items())])
        return uri + "?" + query

    def __eq__(self, other):
        if not isinstance(other, Scope):
            return NotImplemented
        return (self.service, self.privilege, self.params) == (
            other.service, other.privilege, other.params)

    def __ne__(self, other):
        return not self == other

    __hash__ = None

    def __repr__(self):
        return "Scope(%r, %r, %r)" % (self.service, self.privilege, self.params)
