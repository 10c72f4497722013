"""Scope URIs: ``scope:<service>:<privilege>?<params>``, as Twilio Client reads them.

Quoting follows Python 3.7+'s ``urllib.parse.quote_plus`` on every interpreter:
only ``A-Z a-z 0-9 _ . - ~`` stay as they are, a space becomes ``+`` and every
other UTF-8 byte becomes ``%XX``. The rules are written out here because the
standard library's changed between versions (``~`` was quoted before 3.7).
"""
from .encoding import integer_types, to_bytes, to_native
from .exc import InvalidTypeError

_UNRESERVED = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~"
_QUOTED = ["%%%02X" % byte for byte in range(256)]
for _byte in bytearray(_UNRESERVED):
    _QUOTED[_byte] = chr(_byte)
_QUOTED[ord(" ")] = "+"
del _byte
_UNRESERVED_TEXT = to_native(_UNRESERVED)


def quote(data):
    """Quote UTF-8 bytes for a query string: ``quote(b"a b~/") == "a+b~%2F"``."""
    if not data.strip(_UNRESERVED):  # nothing to escape, checked at C speed
        return to_native(data)
    return "".join([_QUOTED[byte] for byte in bytearray(data)])


def _quoted(text, what):
    """``quote()`` of text given as ``str``, ``unicode`` or UTF-8 bytes."""
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
            if item.__class__ is str and not item.strip(_UNRESERVED_TEXT):
                pairs.append(name + "=" + item)  # plain ASCII: no label, no escapes needed
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
