"""Scope URIs: ``scope:<service>:<privilege>?<params>``, as Twilio Client reads them.

Serializing (``Scope.to_string``, ``encode_params``) and parsing
(``parse_scopes``, ``parse_params``) live together so they stay inverses.

Quoting follows Python 3.7+'s ``urllib.parse.quote_plus`` on every interpreter:
only ``A-Z a-z 0-9 _ . - ~`` stay as they are, a space becomes ``+`` and every
other UTF-8 byte becomes ``%XX``. The rules are written out here because the
standard library's changed between versions (``~`` was quoted before 3.7).
"""
from .checks import SCOPE_NAME_CHARS, check_distinct_keys
from .encoding import (PY3_STR, integer_types, repeated, shown, text, text_type, to_bytes,
                       to_native, utf8_text)
from .exc import InvalidTypeError, InvalidValueError, MalformedTokenError

_UNRESERVED = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~"
_PLAIN_QUERY = _UNRESERVED + b"=&"
# What each byte becomes, indexed by the byte: a str.translate table for Latin-1 text.
_QUOTED = [u"%%%02X" % byte for byte in range(256)]
for _byte in bytearray(_UNRESERVED):
    _QUOTED[_byte] = u"%c" % _byte
_QUOTED[ord(" ")] = u"+"
del _byte


def quote(data):
    """Quote UTF-8 bytes for a query string: ``quote(b"a b~/") == "a+b~%2F"``."""
    # Accepts only bytes with nothing to escape but '=' and '&' (a query of plain pairs).
    if data.__class__ is bytes and not data.strip(_PLAIN_QUERY):
        return to_native(data.replace(b"=", b"%3D").replace(b"&", b"%26"))
    # Latin-1 gives one character per byte, which translate maps at C speed; the
    # result is ASCII, so str() makes it native on Python 2 as well.
    return str(data.decode("latin-1").translate(_QUOTED))


def _is_plain(value):
    """True for a native ``str`` that needs no escapes: it is its own quoted form."""
    if value.__class__ is not str:
        return False
    # Checked as bytes, where strip() is several times faster than on text; a plain
    # encode() (surrogatepass is about 3x slower) fails only on a lone surrogate
    # (on Python 2, on a str beyond ASCII), which the general path then judges.
    try:
        return not value.encode("utf-8").strip(_UNRESERVED)
    except UnicodeError:
        return False


def _quoted(text, what):
    """``quote()`` of text given as ``str``, ``unicode`` or UTF-8 bytes."""
    data = None
    if text.__class__ is str:  # the usual case, encoded once without to_bytes' checks
        try:
            data = text.encode("utf-8")
        except UnicodeError:
            pass  # a lone surrogate (Python 2: a str beyond ASCII): to_bytes judges it
    if data is None:
        data = to_bytes(text, what)
    elif not data.strip(_UNRESERVED):
        return text  # its own quoted form
    return quote(data)


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
        if _both_plain(key, value):  # the usual pair, accepted at C speed
            pairs.append(key + "=" + value)
            continue
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


def encode_mapping(mapping, kwargs, what):
    """``(query, quoted)``: ``encode_params`` of a mapping's pairs in its order, then of
    the keywords, and that query quoted as a parameter value; None for no pairs (an
    empty list makes an empty query, still written, as twilio-python writes it)."""
    # Accepts only the usual single parameter, a plain dict of one native str key and
    # value that need no escapes: the query is key=value and only its '=' is quoted.
    if mapping.__class__ is dict and len(mapping) == 1 and not kwargs:
        for key in mapping:
            value = mapping[key]
            if _both_plain(key, value):
                return key + "=" + value, key + "%3D" + value
    pairs = _pairs(mapping, kwargs, what)
    if not pairs:
        return None
    query = encode_params(pairs, what)
    return query, quote(query.encode("ascii"))  # encode_params gives ASCII


def _pairs(mapping, kwargs, what):
    """(key, value) pairs of a mapping, in its own order, then of the keywords;
    no key twice, even as bytes and text."""
    if mapping.__class__ is dict and not kwargs:
        pairs = list(mapping.items())
        # Accepts only the usual: one plain dict of str keys, which cannot repeat.
        if all([key.__class__ is PY3_STR for key, _ in pairs]):
            return pairs
    if mapping is None:
        return list(kwargs.items())
    if not hasattr(mapping, "keys") or not hasattr(mapping, "__getitem__"):
        raise InvalidTypeError("%s must be a mapping, not %s" % (what, type(mapping).__name__))
    pairs = [(key, mapping[key]) for key in mapping.keys()]
    for key in kwargs:
        if key in mapping:
            raise InvalidValueError("%r given both in %s and as a keyword" % (key, what))
        pairs.append((key, kwargs[key]))
    if len(pairs) > 1:  # a single key cannot come twice
        # A key that is not UTF-8 text is encode_params' to refuse, in its turn, as
        # it refuses the pairs of a plain dict.
        names = []
        for key, _ in pairs:
            try:
                names.append(text(key, "a key"))
            except (InvalidTypeError, InvalidValueError):
                pass
        check_distinct_keys(names, what)
    return pairs


def param_text(key, value):
    """One ``key=value`` of a scope URI, both quoted: ``param_text("to", "a b") == "to=a+b"``."""
    if _both_plain(key, value):
        return key + "=" + value
    return _quoted(key, "a scope key") + "=" + _quoted(value, key)


def _both_plain(key, value):
    """True for a native ``str`` key and value that need no escapes, tested together."""
    if key.__class__ is not str or value.__class__ is not str:
        return False
    try:  # fails only on a lone surrogate or a Python 2 str beyond ASCII
        return not (key + value).encode().strip(_UNRESERVED)
    except UnicodeError:
        return False


def scope_text(service, privilege, params):
    """The scope URI; parameters sorted by key, as twilio-python sorts them.

    >>> scope_text("client", "incoming", {"clientName": "alice"})
    'scope:client:incoming?clientName=alice'
    """
    uri = "scope:%s:%s" % (service, privilege)
    if not params:
        return uri
    try:
        pairs = sorted(params.items())
    except (TypeError, UnicodeError):  # keys sorted() cannot compare (Python 2: UnicodeError)
        pairs = None
    if pairs is None:  # raised outside the except block, which would chain sorted()'s error
        kinds = sorted(set("text" if isinstance(key, text_type) else "bytes"
                           if isinstance(key, bytes) else type(key).__name__ for key in params))
        raise InvalidTypeError("scope parameter keys must be all text or all bytes, not %s" % (
            kinds[0] if len(kinds) == 1 else "a mix of %s and %s" % (", ".join(kinds[:-1]),
                                                                     kinds[-1])))
    return uri + "?" + "&".join([param_text(key, value) for key, value in pairs])


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
        return scope_text(self.service, self.privilege, self.params)

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


_HEX_DIGITS = frozenset(bytearray(b"0123456789abcdefABCDEF"))


def unquote(text, what):
    """Percent-decode query-string text: ``unquote(u"a+b%20%C3%A9", "x") == u"a b \xe9"``.

    Both ``+`` and ``%20`` are spaces. A ``%`` without two hex digits, or
    bytes that are not UTF-8, raise ``MalformedTokenError``: never guessed.
    """
    if u"%" not in text and u"+" not in text:
        return text
    parts = to_bytes(text, what, MalformedTokenError).replace(b"+", b" ").split(b"%")
    data = bytearray(parts[0])
    for part in parts[1:]:
        if len(part) < 2 or not _HEX_DIGITS.issuperset(bytearray(part[:2])):
            raise MalformedTokenError("%s has a '%%' not followed by two hex digits" % what)
        data.append(int(part[:2], 16))
        data.extend(part[2:])
    result = utf8_text(bytes(data))
    if result is None:
        raise MalformedTokenError("%s is not UTF-8 once percent-decoded" % what)
    return result


def parse_params(query, what="params"):
    """(key, value) text pairs of a query string, in order: ``encode_params`` undone.

    A repeated key stays repeated, as a list value was encoded:
    ``parse_params(u"to=a&to=b") == [(u"to", u"a"), (u"to", u"b")]``.
    """
    return _parse_params(_text(query, what), what)


def _parse_params(query, what):
    if not query:
        return []
    pairs = []
    for number, field in enumerate(query.split(u"&"), 1):
        key, equals, value = field.partition(u"=")
        if not equals or u"=" in value:
            raise MalformedTokenError(
                "%s, parameter %d has %s; a parameter is key=value" % (
                    what, number, "more than one '='" if equals else "no '='"))
        if u"%" in field or u"+" in field:  # the labels are for unquote's errors: made only here
            label = "%s, parameter %d" % (what, number)
            key, value = unquote(key, label + " key"), unquote(value, label + " value")
        pairs.append((key, value))
    return pairs


def parse_scope(text):
    """The ``Scope`` a scope URI describes; ``to_string()`` gives it back.

    >>> parse_scope("scope:client:incoming?clientName=alice").params
    {'clientName': 'alice'}

    ``appParams`` and ``params`` stay encoded as the scope carries them;
    ``parse_params`` decodes them.
    """
    text = _text(text, "scope")
    return _parse_scope(text, "scope")


def _parse_scope(text, what):
    uri, question, query = text.partition(u"?")
    parts = uri.split(u":")
    if len(parts) != 3 or parts[0] != u"scope":
        raise MalformedTokenError("%s is not scope:<service>:<privilege>" % what)
    service, privilege = parts[1:]
    if not service or not privilege or not SCOPE_NAME_CHARS.issuperset(service + privilege):
        raise MalformedTokenError(
            "%s has a service or privilege that is empty or not A-Z a-z 0-9 _ . -" % what)
    if question and not query:
        raise MalformedTokenError("%s has '?' but no parameters" % what)
    pairs = _parse_params(query, what)  # query is text already
    params = dict(pairs)
    if len(params) != len(pairs):  # a key repeated: only then look for which
        raise MalformedTokenError("%s has the parameter %s twice"
                                  % (what, shown(repeated(key for key, _ in pairs))))
    return Scope(str(service), str(privilege), params)


def parse_scopes(text):
    """The scopes of a token's ``scope`` claim, in order; ``""`` gives ``[]``.

    >>> [scope.privilege for scope in parse_scopes(claims["scope"])]  # doctest: +SKIP
    ['incoming', 'outgoing']
    """
    text = _text(text, "scope")
    if not text:
        return []
    return [_parse_scope(item, "scope %d" % number)
            for number, item in enumerate(text.split(u" "), 1)]


def check_scopes(text):
    """``text``, if it is a ``scope`` claim ``parse_scopes`` reads; else its error.

    >>> check_scopes(claims["scope"])  # doctest: +SKIP
    """
    # Accepts only the scopes this library writes, each matched at C speed (json
    # loaded re already) and on its own, so no match backtracks across scopes;
    # anything else, well-formed or not, goes to the parser, which owns the rules.
    match = _usual_scope().match
    for part in text.split(u" "):
        if match(part) is None:
            parse_scopes(text)
            break
    return text


_usual = None


def _usual_scope():
    global _usual
    if _usual is None:
        import re
        # Unreserved characters and ASCII escapes (always UTF-8), as an unrolled loop:
        # one way to match any text, so a failing match does not backtrack.
        value = u"[A-Za-z0-9_.~+-]*(?:%[0-7][0-9A-Fa-f][A-Za-z0-9_.~+-]*)*"
        name = u"[A-Za-z0-9_]+"
        _usual = re.compile(
            u"(?:scope:client:incoming\\?clientName=" + name
            + u"|scope:client:outgoing\\?(?:appParams=" + value + u"&)?appSid=AP[0-9a-f]{32}"
            + u"(?:&clientName=" + name + u")?"
            + u"|scope:stream:subscribe\\?(?:params=" + value + u"&)?path=" + value + u")\\Z")
    return _usual


def _text(value, what):
    if isinstance(value, text_type):
        return value
    if isinstance(value, bytes):
        text = utf8_text(value)
        if text is not None:
            return text
        raise InvalidValueError("%s is not valid UTF-8 text" % what)
    raise InvalidTypeError("%s must be text, not %s" % (what, type(value).__name__))

