"""JSON claims as PyJWT writes them.

twilio-python signs ``json.dumps(payload, separators=(",", ":"))`` with members
in insertion order and non-ASCII escaped. That is written out here for the few
value types claims hold, so making a token never imports ``json`` (a Lambda cold
start pays for it) and member order never depends on Python 2's unordered dict.
"""
import sys

from .checks import check_distinct_keys
from .encoding import PY3_STR, integer_types, text, text_type
from .exc import InvalidTypeError, InvalidValueError

_PLAIN = frozenset(chr(code) for code in range(0x20, 0x7f)) - frozenset('"\\')
_PLAIN_BYTES = bytes(bytearray(sorted(ord(char) for char in _PLAIN)))
_SHORT = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n", "\r": "\\r",
          "\t": "\\t"}
# json.dumps's C string writer, if json was loaded first (as by Lambda's runtime).
_c_string = PY3_STR and getattr(sys.modules.get("_json"), "encode_basestring_ascii", None)
# Not jws.MAX_READ_DEPTH (16): that bounds JSON an attacker sends; this one
# stops caller data that contains itself, before Python's recursion limit.
MAX_WRITE_DEPTH = 32


class Members(list):
    """A JSON object as ``(name, value)`` pairs, written in this order."""


def raw(value):
    """JSON text of ``Members``, lists and checked scalars: the general writer."""
    return _encode(value)


def data_json(value, what):
    """``raw(jsonable(value, what))``: caller data checked, as JSON text."""
    # Accepts only a dict of Python 3 str keys and str or None values, all printable
    # ASCII but '"' and '\\' (tested joined), written directly.
    if value.__class__ is dict and PY3_STR is not None:
        items = list(value.items())
        if all([key.__class__ is PY3_STR and (item.__class__ is PY3_STR or item is None)
                for key, item in items]):
            try:
                text = "".join([key + (item or "") for key, item in items]).encode()
            except UnicodeError:
                text = None
            if text is not None and not text.strip(_PLAIN_BYTES):
                return "{%s}" % ",".join(['"%s":%s' % (key, "null" if item is None else
                                                       '"%s"' % item) for key, item in items])
    return raw(jsonable(value, what))


def plain(value):
    """``value`` with every ``Members`` turned into a dict, for ``payload`` and friends."""
    if isinstance(value, Members):
        return dict((name, plain(item)) for name, item in value)
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value


def jsonable(value, what, depth=0):
    """A checked copy of caller data for a claim: dicts become ``Members`` in their own order.

    Takes what ``json.dumps`` takes except NaN, infinities, non-text keys and
    two keys that are the same text; bytes must hold UTF-8 and become text.
    """
    if value is None or isinstance(value, (bool, integer_types)):
        return value
    if isinstance(value, float):
        if value - value != 0:  # NaN or an infinity: not JSON
            raise InvalidValueError("%s is %r, which JSON cannot represent" % (what, value))
        return value
    if isinstance(value, (bytes, text_type)):
        return text(value, what)
    if depth >= MAX_WRITE_DEPTH:
        raise InvalidValueError("%s is nested more than %d levels deep (does it contain itself?)"
                                % (what, MAX_WRITE_DEPTH))
    if isinstance(value, dict):
        members = Members()
        for key in value:
            if not isinstance(key, (bytes, text_type)):
                raise InvalidTypeError("%s has a key that is %s, not text"
                                       % (what, type(key).__name__))
            name = text(key, "a key of %s" % what)
            label = "%s[%s]" % (what, repr(name).lstrip("u"))  # the same on Python 2
            members.append((name, jsonable(value[key], label, depth + 1)))
        check_distinct_keys([name for name, _ in members], what)
        return members
    if isinstance(value, (list, tuple)):
        return [jsonable(item, "%s[%d]" % (what, index), depth + 1)
                for index, item in enumerate(value)]
    raise InvalidTypeError("%s holds a %s; claims take text, numbers, booleans, None, lists "
                           "and dicts" % (what, type(value).__name__))


def encode(value):
    """Compact JSON, as ASCII bytes, of ``Members``, lists and checked scalars."""
    return _encode(value).encode("ascii")


def _encode(value):
    kind = value.__class__
    if kind is text_type:  # the commonest value, tested first
        return string(value)
    if isinstance(value, Members):
        return "{" + ",".join([string(name) + ":" + _encode(item) for name, item in value]) + "}"
    if isinstance(value, list):
        return "[" + ",".join([_encode(item) for item in value]) + "]"
    if value is None:
        return "null"
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, integer_types):
        return "%d" % value
    if isinstance(value, float):
        return float.__repr__(value)
    return string(value)


def string(value):
    """A JSON string with ``json.dumps``'s escapes: all but printable ASCII as ``\\uXXXX``."""
    if value.__class__ is PY3_STR and _c_string:
        return _c_string(value)
    # Accepts only printable ASCII without '"' or '\\', checked as bytes at C speed;
    # encode() fails only on a lone surrogate, which the loop below escapes.
    try:
        if not value.encode("utf-8").strip(_PLAIN_BYTES):
            return '"' + value + '"'
    except UnicodeError:
        pass
    out = []
    for char in value:
        if char in _PLAIN:
            out.append(char)
        elif char in _SHORT:
            out.append(_SHORT[char])
        elif ord(char) < 0x10000:
            out.append("\\u%04x" % ord(char))
        else:  # astral: a UTF-16 surrogate pair, as json writes it
            code = ord(char) - 0x10000
            out.append("\\u%04x\\u%04x" % (0xd800 | code >> 10, 0xdc00 | code & 0x3ff))
    return '"%s"' % "".join(out)
