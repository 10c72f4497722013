"""What ``python -m capability decode`` prints: a token's verdict, kind and what it allows.

>>> report, warnings = describe(header, claims, time.time(), True, None)  # doctest: +SKIP
>>> kind_of(header, claims)  # doctest: +SKIP
(<class 'capability.access_token.AccessToken'>, 'Access Token')
"""
import json
from collections import OrderedDict

from . import jws
from .access_token import AccessToken
from .client_token import ClientCapabilityToken
from .decoding import when
from .encoding import integer_types, shown, text_type
from .exc import InvalidTokenError, MalformedTokenError
from .grants import GRANTS, grant_arguments
from .scopes import parse_params, parse_scopes
from .taskrouter import (TaskQueueCapabilityToken, TaskRouterCapabilityToken,
                         WorkerCapabilityToken, WorkspaceCapabilityToken, policy_sources)

# What the report calls each kind of token, with the class whose from_jwt reads it.
KINDS = ((AccessToken, "Access Token"), (ClientCapabilityToken, "client capability token"),
         (WorkerCapabilityToken, "TaskRouter worker token"),
         (TaskQueueCapabilityToken, "TaskRouter task queue token"),
         (WorkspaceCapabilityToken, "TaskRouter workspace token"))
UNKNOWN = "unknown"
# The claim that says what a token allows, one per kind: a token with two is none of them.
ALLOWS = ("grants", "scope", "policies")
NO_KIND = ("the token fits no known kind: an Access Token has grants, a client capability "
           "token a scope and a TaskRouter token policies")
# The scope parameters that hold a query of their own.
NESTED = ("appParams", "params")
# Unicode categories a terminal may obey rather than show: controls (C0, DEL, C1 such as
# U+009B, which starts an escape sequence), format characters (bidi overrides such as
# U+202E), the line and paragraph separators, and surrogates: UTF-8 cannot write a lone
# one (Python 3's form of argv bytes that are not UTF-8).
HIDDEN = frozenset(("Cc", "Cf", "Zl", "Zp", "Cs"))


def kind_of(header, claims):
    """``(class, words)`` for the kind of token ``(header, claims)`` is, or ``(None, "unknown")``.

    A token holding what two kinds allow (``policies`` inside an Access Token,
    say) is no kind.

    >>> kind_of({"alg": "HS256", "typ": "JWT"}, {"iss": "AC...", "scope": "..."})  # doctest: +SKIP
    (<class 'capability.client_token.ClientCapabilityToken'>, 'client capability token')
    """
    if sum(1 for name in ALLOWS if name in claims) > 1:
        return None, UNKNOWN
    for token_class, words in KINDS:
        if token_class.kind_problem(header, claims) is None:
            return token_class, words
    return None, UNKNOWN


def describe(header, claims, now, verified, error):
    """``(report, warnings)``: the JSON report of a readable token, and client pitfalls.

    ``verified`` says the signature matched; ``error`` is why the token is not
    valid, or None. A token of no known kind is not valid either. The report's
    members come in the order the README documents.
    """
    warnings = []
    token_class, kind = kind_of(header, claims)
    if token_class is None and error is None:
        error = MalformedTokenError(NO_KIND)
    report = verdict(verified, error)
    report["kind"] = kind
    report["header"], report["claims"] = header, claims
    if token_class is ClientCapabilityToken:
        report["scopes"] = _scopes(claims["scope"], warnings)
    elif token_class is AccessToken:
        grants = claims["grants"]
        if "identity" in grants:
            report["identity"] = grants["identity"]
        report["grants"] = [_grant(key, grants[key], warnings) for key in grants
                            if key != "identity"]
    elif token_class is not None:
        report["policies"] = _policies(token_class, claims, warnings)
    for name, label in (("exp", "expires"), ("nbf", "not_before")):
        value = claims.get(name)
        if isinstance(value, integer_types + (float,)) and not isinstance(value, bool):
            report[label] = "%s (%s)" % (when(value), relative(value - now))
    report["warnings"] = warnings
    return report, warnings


def verdict(verified, error):
    """The report's first members: ``valid``, the ``error`` (class, message) if not, ``verified``.

    ``verified`` means the signature matched, nothing more; only ``valid``
    says the token may be used.
    """
    report = OrderedDict([("valid", error is None)])
    if error is not None:
        report["error"] = OrderedDict([("class", type(error).__name__), ("message", str(error))])
    report["verified"] = verified
    return report


def in_token_order(token):
    """``(header, claims)`` with their members in the order the token writes them.

    Only for showing a token ``decode_unverified`` has read: Python 2's dicts
    have no order, and the report should read the same on every interpreter.
    """
    _, header, payload, _ = jws.split(token)
    return tuple(json.loads(part.decode("utf-8"), object_pairs_hook=OrderedDict)
                 for part in (header, payload))


def to_json(report):
    """The report as indented JSON; no character a terminal would obey."""
    text = json.dumps(report, indent=2, ensure_ascii=False, separators=(",", ": "))
    return printable(text, keep=u"\n")  # json escapes a string's newlines: these are its own


def printable(text, keep=u""):
    """``text`` with each character of a ``HIDDEN`` category but ``keep`` as a ``\\u`` escape.

    >>> printable(u"evil\\u202etxt.exe")
    'evil\\\\u202etxt.exe'
    """
    if not isinstance(text, text_type):
        text = text.decode("utf-8", "replace")
    import unicodedata
    return u"".join(_escape(char) if (char < u" " or char >= u"\x7f") and char not in keep
                    and unicodedata.category(char) in HIDDEN else char for char in text)


def _escape(char):
    code = ord(char)
    if code > 0xFFFF:  # as JSON writes it: a UTF-16 surrogate pair
        code -= 0x10000
        return u"\\u%04x\\u%04x" % (0xD800 + (code >> 10), 0xDC00 + (code & 0x3FF))
    return u"\\u%04x" % code


def twilio_js_pitfalls(where, key, value):
    """Warnings about an app or event parameter the legacy twilio.js 1.4 client misreads.

    ``decode`` gives them for a token's parameters, ``generate`` for the ones it signs.
    """
    warnings = []
    for text, what in ((key, "key %s" % shown(key)), (value, "value of %s" % shown(key))):
        if u" " in text:
            warnings.append(
                "%s: the %s has a space, which the token carries as '+'; the legacy "
                "twilio.js 1.4 client reads that '+' literally" % (where, what))
        if u"%" in text:
            warnings.append(
                "%s: the %s has '%%'; the legacy twilio.js 1.4 client percent-decodes "
                "values once more, so it may read another value or fail" % (where, what))
    return warnings


def _scopes(scope_text, warnings):
    scopes = []
    if not isinstance(scope_text, text_type):  # an unverified token may hold anything
        warnings.append("scope is %s, not a string" % shown(scope_text))
        return scopes
    try:
        parsed = parse_scopes(scope_text)
    except InvalidTokenError as error:
        parsed = []
        warnings.append(str(error))
    for scope in parsed:
        params = OrderedDict(sorted(scope.params.items()))  # the order scopes are written in
        for name in NESTED:
            if name in params:
                params[name] = _nested(scope, name, warnings)
        scopes.append(OrderedDict([("service", scope.service), ("privilege", scope.privilege),
                                   ("params", params)]))
    return scopes


def _grant(key, payload, warnings):
    """A grant as the class and arguments that make it, else as it stands."""
    made = grant_arguments(key, payload)
    if made is not None:
        grant_class, arguments = made
        return OrderedDict([("key", key), ("class", grant_class.__name__),
                            ("arguments", arguments)])
    for grant_class in GRANTS:
        if grant_class.key == key:
            warnings.append("the %s grant is not one that %s makes; shown as it stands"
                            % (shown(key), grant_class.__name__))
    return OrderedDict([("key", key), ("payload", payload)])


def _policies(token_class, claims, warnings):
    """Each policy on one line, with the ``allow_*`` method that makes it."""
    sources = (policy_sources(token_class, claims)
               if issubclass(token_class, TaskRouterCapabilityToken) else [])
    lines = []
    for index, policy in enumerate(claims["policies"]):
        if not (isinstance(policy, dict) and isinstance(policy.get("method"), text_type)
                and isinstance(policy.get("url"), text_type)):
            warnings.append("policies[%d] is not an object with a method and a url" % index)
            lines.append(json.dumps(policy, ensure_ascii=False, separators=(",", ":")))
            continue
        line = "%s %s %s" % ("allow" if policy.get("allow") is True else "deny",
                             policy["method"], policy["url"])
        for name in ("query_filter", "post_filter"):
            if policy.get(name):
                line += " %s %s" % (name, json.dumps(policy[name], ensure_ascii=False,
                                                     sort_keys=True, separators=(",", ":")))
        if index < len(sources) and sources[index] is not None:
            line += " (%s)" % sources[index]
        lines.append(line)
    return lines


def _nested(scope, name, warnings):
    """A nested query as a JSON object (a repeated key becomes a list)."""
    where = "%s:%s %s" % (scope.service, scope.privilege, name)
    try:
        pairs = parse_params(scope.params[name], where)
    except InvalidTokenError as error:
        warnings.append(str(error))
        return scope.params[name]
    for key, value in pairs:
        warnings.extend(twilio_js_pitfalls(where, key, value))
    return grouped(pairs)


def grouped(pairs):
    """``(key, value)`` pairs as a mapping in their order; a repeated key makes a list.

    The shape ``allow_client_outgoing`` takes, and the one ``decode`` shows.
    """
    result = OrderedDict()
    for key, value in pairs:
        if key in result:
            if not isinstance(result[key], list):
                result[key] = [result[key]]
            result[key].append(value)
        else:
            result[key] = value
    return result


def relative(seconds):
    """``"in 59 minutes"`` or ``"3 hours ago"``, to the largest whole unit."""
    amount = abs(seconds)
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute"), (1, "second")):
        if amount >= size or size == 1:
            count = int(amount // size)
            words = "%d %s%s" % (count, unit, "" if count == 1 else "s")
            return "in " + words if seconds > 0 else words + " ago"
