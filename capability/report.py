"""What ``python -m capability decode`` prints: a token's kind and what it allows, in words.

>>> report, warnings = describe(header, claims, time.time(), verified=True)  # doctest: +SKIP
>>> kind_of(header, claims)  # doctest: +SKIP
(<class 'capability.access_token.AccessToken'>, 'Access Token')
"""
import json

from .access_token import AccessToken
from .client_token import ClientCapabilityToken
from .decoding import when
from .encoding import integer_types, shown, text_type
from .exc import InvalidTokenError
from .grants import GRANTS, grant_arguments
from .scopes import parse_params, parse_scopes
from .taskrouter import (TaskQueueCapabilityToken, WorkerCapabilityToken,
                         WorkspaceCapabilityToken, policy_sources)

# What the report calls each kind of token, with the class whose from_jwt reads it.
KINDS = ((AccessToken, "Access Token"), (ClientCapabilityToken, "client capability token"),
         (WorkerCapabilityToken, "TaskRouter worker token"),
         (TaskQueueCapabilityToken, "TaskRouter task queue token"),
         (WorkspaceCapabilityToken, "TaskRouter workspace token"))
UNKNOWN = "unknown"
# The scope parameters that hold a query of their own.
NESTED = ("appParams", "params")


def kind_of(header, claims):
    """``(class, words)`` for the kind of token ``(header, claims)`` is, or ``(None, "unknown")``.

    >>> kind_of({"alg": "HS256", "typ": "JWT"}, {"iss": "AC...", "scope": "..."})  # doctest: +SKIP
    (<class 'capability.client_token.ClientCapabilityToken'>, 'client capability token')
    """
    for token_class, words in KINDS:
        if token_class.kind_problem(header, claims) is None:
            return token_class, words
    return None, UNKNOWN


def describe(header, claims, now, verified):
    """The JSON report for ``decode``, and warnings about client pitfalls."""
    warnings = []
    token_class, kind = kind_of(header, claims)
    report = {"verified": verified, "kind": kind, "header": header, "claims": claims}
    if "scope" in claims:
        report["scopes"] = _scopes(claims["scope"], warnings)
    if token_class is AccessToken:
        grants = claims["grants"]
        if "identity" in grants:
            report["identity"] = grants["identity"]
        report["grants"] = [_grant(key, grants[key], warnings) for key in grants
                            if key != "identity"]
    if isinstance(claims.get("policies"), list):
        report["policies"] = _policies(token_class, claims, warnings)
    for name, label in (("exp", "expires"), ("nbf", "not_before")):
        value = claims.get(name)
        if isinstance(value, integer_types + (float,)) and not isinstance(value, bool):
            report[label] = "%s (%s)" % (when(value), relative(value - now))
    report["warnings"] = warnings
    return report, warnings


def _scopes(scope_text, warnings):
    scopes = []
    if not isinstance(scope_text, text_type):
        return scopes
    try:
        parsed = parse_scopes(scope_text)
    except InvalidTokenError as error:
        parsed = []
        warnings.append(str(error))
    for scope in parsed:
        params = dict(scope.params)
        for name in NESTED:
            if name in params:
                params[name] = _nested(scope, name, warnings)
        scopes.append({"service": scope.service, "privilege": scope.privilege,
                       "params": params})
    return scopes


def _grant(key, payload, warnings):
    """A grant as the class and arguments that make it, else as it stands."""
    made = grant_arguments(key, payload)
    if made is not None:
        grant_class, arguments = made
        return {"key": key, "class": grant_class.__name__, "arguments": arguments}
    for grant_class in GRANTS:
        if grant_class.key == key:
            warnings.append("the %s grant is not one that %s makes; shown as it stands"
                            % (shown(key), grant_class.__name__))
    return {"key": key, "payload": payload}


def _policies(token_class, claims, warnings):
    """Each policy on one line, with the ``allow_*`` method that makes it."""
    sources = policy_sources(token_class, claims) if token_class is not None else []
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
    result = {}
    for key, value in pairs:
        for text, what in ((key, "key %s" % shown(key)), (value, "value of %s" % shown(key))):
            if u" " in text:
                warnings.append(
                    "%s: the %s has a space, which the token carries as '+'; the legacy "
                    "twilio.js 1.4 client reads that '+' literally" % (where, what))
            if u"%" in text:
                warnings.append(
                    "%s: the %s has '%%'; the legacy twilio.js 1.4 client percent-decodes "
                    "values once more, so it may read another value or fail" % (where, what))
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
