"""The command line: ``python -m capability generate|access-token|taskrouter|decode|layer``.

Secrets (the auth token, an API key secret) are read from the environment
(``TWILIO_AUTH_TOKEN``, ``TWILIO_API_SECRET``) or a file (``--auth-token-file
PATH``, ``--api-secret-file PATH``; ``-`` for stdin), never from the command
line, where every user of the machine could read them with ``ps``. Exit
status: 0 success, 1 a token that is invalid, expired or could not be
verified, 2 a usage or configuration error. Errors are one line on stderr.
"""
import argparse
import os
import sys
import time

from . import __version__, decoding
from .access_token import AccessToken
from .client import Capability
from .client_token import ClientCapabilityToken
from .encoding import integer_types, shown, text_type
from .exc import (CapabilityError, CredentialsError, ExpiredTokenError, InvalidTokenError,
                  NotYetValidError)
from .grants import GRANTS, VideoGrant, VoiceGrant, grant_arguments
from .scopes import parse_params, parse_scopes
from .taskrouter import (TaskQueueCapabilityToken, WorkerCapabilityToken,
                         WorkspaceCapabilityToken, policy_sources)
from .token import GENERATE

PROG = "capability"
NESTED = ("appParams", "params")
COMMANDS = ("generate", "access-token", "taskrouter", "decode", "layer")


class _Secret(object):
    """Where a signing secret may come from: an environment variable or a file option."""

    def __init__(self, what, variable, option):
        self.what, self.variable, self.option = what, variable, option
        self.attribute = option[2:].replace("-", "_")

    def sources(self):
        return "set %s or use %s PATH (- for stdin)" % (self.variable, self.option)


AUTH_TOKEN = _Secret("auth token", "TWILIO_AUTH_TOKEN", "--auth-token-file")
API_SECRET = _Secret("API key secret", "TWILIO_API_SECRET", "--api-secret-file")
# The options someone might try for a secret on the command line, and which secret they meant.
_SECRET_GUESSES = (("--auth-token", AUTH_TOKEN), ("--api-secret", API_SECRET))
# What decode calls each kind of token, with the class whose from_jwt reads it.
KINDS = ((AccessToken, "Access Token"), (ClientCapabilityToken, "client capability token"),
         (WorkerCapabilityToken, "TaskRouter worker token"),
         (TaskQueueCapabilityToken, "TaskRouter task queue token"),
         (WorkspaceCapabilityToken, "TaskRouter workspace token"))


class UsageError(Exception):
    """Bad arguments or configuration: exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, one line per error and no abbreviated options.

    Without abbreviations ``--auth-token SECRET`` cannot be taken for
    ``--auth-token-file``; unknown arguments are named, their values are not
    echoed (one may be a secret).
    """

    def _get_option_tuples(self, option_string):
        return []

    def error(self, message):
        raise UsageError(message)

    def parse_args(self, args=None, namespace=None):
        namespace, extras = self.parse_known_args(args, namespace)
        if extras:
            names = [arg.split("=", 1)[0] for arg in extras if arg.startswith("-")]
            for name in names:
                for guess, secret in _SECRET_GUESSES:
                    if name.startswith(guess) and name != secret.option:
                        raise UsageError("there is no option that takes the %s on the command "
                                         "line (anyone can read it with ps); %s"
                                         % (secret.what, secret.sources()))
            raise UsageError("unrecognized arguments: %s" % (
                " ".join(names) if names else "%d extra value(s)" % len(extras)))
        return namespace


def _parser():
    parser = _Parser(prog=PROG, description="Make and read Twilio tokens: Client capability "
                                            "tokens, Access Tokens and TaskRouter tokens.")
    parser.add_argument("--version", action="version", version="%s %s" % (PROG, __version__))
    commands = parser.add_subparsers(dest="command", metavar="{%s}" % ",".join(COMMANDS))

    generate = commands.add_parser(
        "generate", help="print a new Client capability token",
        description="Print a signed Twilio Client capability token on stdout.")
    _credential_options(generate, AUTH_TOKEN)
    generate.add_argument("--incoming", metavar="NAME", help="allow incoming calls to NAME")
    generate.add_argument("--outgoing", metavar="APP_SID",
                          help="allow outgoing calls through the TwiML app APP_SID")
    generate.add_argument("--param", metavar="KEY=VALUE", action="append", default=[],
                          help="a parameter for the app (repeat a key for a list)")
    generate.add_argument("--events", action="store_true", help="allow the event stream")
    generate.add_argument("--filter", metavar="KEY=VALUE", action="append", default=[],
                          help="an event stream filter")
    _timing_options(generate)

    access = commands.add_parser(
        "access-token", help="print a new Access Token (Voice and Video SDKs)",
        description="Print an Access Token signed with an API key on stdout. The API key SID "
                    "comes from --api-key or TWILIO_API_KEY, its secret from "
                    "TWILIO_API_SECRET or --api-secret-file.")
    _credential_options(access, API_SECRET)
    access.add_argument("--api-key", metavar="SID",
                        help="the API key SID (SK...); otherwise TWILIO_API_KEY is used")
    access.add_argument("--identity", metavar="NAME", required=True,
                        help="the identity of the user of the token")
    access.add_argument("--incoming", action="store_true",
                        help="a VoiceGrant: calls to the identity may be received")
    access.add_argument("--voice-app", metavar="APP_SID",
                        help="a VoiceGrant: outgoing calls go to the TwiML app APP_SID")
    access.add_argument("--video-room", metavar="NAME", help="a VideoGrant for the room NAME")
    access.add_argument("--video", action="store_true", help="a VideoGrant for any room")
    access.add_argument("--region", metavar="REGION",
                        help="the Twilio region to use, such as us1, ie1 or au1")
    _timing_options(access)

    taskrouter = commands.add_parser(
        "taskrouter", help="print a new TaskRouter worker token",
        description="Print a TaskRouter worker capability token on stdout, with the "
                    "policies of twilio-python's WorkerCapabilityToken defaults (event "
                    "channel; fetch the worker, activities, tasks and reservations).")
    _credential_options(taskrouter, AUTH_TOKEN)
    taskrouter.add_argument("--workspace", metavar="WORKSPACE_SID", required=True,
                            help="the workspace (WS...)")
    taskrouter.add_argument("--worker", metavar="WORKER_SID", required=True,
                            help="the worker (WK...)")
    taskrouter.add_argument("--update-activities", action="store_true",
                            help="also let the worker change its activity")
    taskrouter.add_argument("--update-reservations", action="store_true",
                            help="also let the worker accept or reject reservations")
    _timing_options(taskrouter)

    decode = commands.add_parser(
        "decode", help="verify a token and print what it holds",
        description="Verify a token and print its header, claims, and its scopes, grants or "
                    "policies as JSON. An Access Token is verified with the API key secret, "
                    "any other token with the auth token. Without the key the content is "
                    "shown unverified and the exit status is 1.")
    decode.add_argument("token", metavar="TOKEN", help="the token, or - to read it from stdin")
    keys = decode.add_mutually_exclusive_group()
    for secret in (AUTH_TOKEN, API_SECRET):
        keys.add_argument(secret.option, metavar="PATH", help=_file_help(secret))
    decode.add_argument("--leeway", metavar="SECONDS", type=float, default=0,
                        help="clock skew to allow, in seconds (default 0)")

    layer = commands.add_parser(
        "layer", help="write an AWS Lambda layer zip of this package",
        description="Write a zip holding the package under python/capability/, with "
                    "bytecode (unchecked-hash .pyc files) for this interpreter, the same bytes "
                    "every time for the same sources. Build it with the runtime's Python, "
                    "such as python3.12 -m capability layer.")
    layer.add_argument("out_path", metavar="PATH", help="where to write the zip")
    layer.add_argument("--python", metavar="PATH", action="append", dest="pythons",
                       help="also add .pyc files for this interpreter (3.7 or later); repeatable")
    return parser


def _file_help(secret):
    return "read the %s from this file (- for stdin); otherwise %s is used" % (
        secret.what, secret.variable)


def _credential_options(parser, secret):
    parser.add_argument("--account-sid", metavar="SID",
                        help="the account SID; otherwise TWILIO_ACCOUNT_SID is used")
    parser.add_argument(secret.option, metavar="PATH", help=_file_help(secret))


def _timing_options(parser):
    parser.add_argument("--ttl", metavar="SECONDS", type=int, default=3600,
                        help="lifetime in seconds, 1 to 86400 (default 3600)")
    parser.add_argument("--no-nbf", action="store_true", help="leave out the nbf claim")


def main(argv=None, stdin=None, stdout=None, stderr=None, environ=None):
    """Run the command line; returns the exit status.

    >>> main(["decode", "-"])  # doctest: +SKIP
    """
    streams = _Streams(stdin or sys.stdin, stdout or sys.stdout, stderr or sys.stderr)
    environ = os.environ if environ is None else environ
    try:
        args = _parser().parse_args(sys.argv[1:] if argv is None else argv)
        if args.command == "generate":
            return _generate(args, streams, environ)
        if args.command == "access-token":
            return _access_token(args, streams, environ)
        if args.command == "taskrouter":
            return _taskrouter(args, streams, environ)
        if args.command == "decode":
            return _decode(args, streams, environ)
        if args.command == "layer":
            return _layer(args, streams)
        raise UsageError("choose a command: %s or %s (see --help)"
                         % (", ".join(COMMANDS[:-1]), COMMANDS[-1]))
    except UsageError as error:
        streams.error("error: %s" % error)
        return 2
    except CredentialsError as error:
        streams.error("error: %s" % error)
        return 2
    except KeyboardInterrupt:
        return 130
    except Exception as error:  # never a traceback: it could quote a secret
        streams.error("internal error (%s); please report it" % type(error).__name__)
        return 2


class _Streams(object):
    """stdin/stdout/stderr as bytes, UTF-8, whatever the locale says."""

    def __init__(self, stdin, stdout, stderr):
        self.stdin, self.stdout, self.stderr = stdin, stdout, stderr

    def read(self):
        return getattr(self.stdin, "buffer", self.stdin).read()

    def write(self, text):
        _write(self.stdout, text)

    def error(self, text):
        _write(self.stderr, "%s: %s\n" % (PROG, text))


def _write(stream, text):
    getattr(stream, "buffer", stream).write(text.encode("utf-8"))
    stream.flush()


def _secret_file(args, streams, secret, stdin_taken=False):
    """The secret from its file option (or stdin), or None when the option is not given."""
    path = getattr(args, secret.attribute, None)
    if path is None:
        return None
    if path == "-":
        if stdin_taken:
            raise UsageError("stdin cannot hold both the token and the %s" % secret.what)
        data = streams.read()
    else:
        data = problem = None
        try:
            with open(path, "rb") as f:
                data = f.read()
        except (IOError, OSError) as error:
            problem = error.strerror or type(error).__name__
        if problem is not None:
            # The path is not shown: it may be a secret typed in the wrong place.
            raise UsageError("cannot read the %s: %s" % (secret.option, problem))
    # One line ending is what `echo TOKEN > file` adds; more is refused later.
    for ending in (b"\r\n", b"\n"):
        if data.endswith(ending):
            data = data[:-len(ending)]
            break
    if not data:
        raise CredentialsError("the %s from %s is empty" % (secret.what, secret.option))
    return data


def _credentials(args, streams, environ, secret):
    """``(account SID, secret)`` for a new token, from the options or the environment."""
    account_sid = args.account_sid or environ.get("TWILIO_ACCOUNT_SID") or None
    if account_sid is None:
        raise CredentialsError("no account SID: pass --account-sid or set TWILIO_ACCOUNT_SID")
    key = _secret_file(args, streams, secret) or environ.get(secret.variable) or None
    if key is None:
        raise CredentialsError("no %s: %s" % (secret.what, secret.sources()))
    return account_sid, key


def _print_token(streams, make):
    """Print the token ``make()`` returns; a refused input is a usage error."""
    try:
        token = make()
    except CapabilityError as error:
        raise UsageError(str(error))
    streams.write(token + "\n")
    return 0


def _pairs(items, option):
    """KEY=VALUE strings as a mapping; a repeated key collects a list."""
    mapping, order = {}, []
    for item in items:
        key, equals, value = item.partition("=")
        if not equals:
            raise UsageError("%s needs KEY=VALUE" % option)
        if key in mapping:
            if not isinstance(mapping[key], list):
                mapping[key] = [mapping[key]]
            mapping[key].append(value)
        else:
            mapping[key] = value
            order.append(key)
    return _Ordered(order, mapping)


class _Ordered(object):
    """A read-only mapping in the order given (collections costs an import)."""

    def __init__(self, order, mapping):
        self.order, self.mapping = order, mapping

    def keys(self):
        return list(self.order)

    def __getitem__(self, key):
        return self.mapping[key]


def _generate(args, streams, environ):
    if args.param and not args.outgoing:
        raise UsageError("--param needs --outgoing")
    if args.filter and not args.events:
        raise UsageError("--filter needs --events")
    if not (args.incoming or args.outgoing or args.events):
        raise UsageError("nothing to allow: give --incoming, --outgoing or --events")
    account_sid, auth_token = _credentials(args, streams, environ, AUTH_TOKEN)

    def make():
        cap = Capability(account_sid, auth_token)
        if args.incoming is not None:
            cap.allow_client_incoming(args.incoming)
        if args.outgoing is not None:
            cap.allow_client_outgoing(args.outgoing, _pairs(args.param, "--param"))
        if args.events:
            cap.allow_event_stream(_pairs(args.filter, "--filter"))
        return cap.generate(ttl=args.ttl, nbf=not args.no_nbf)
    return _print_token(streams, make)


def _access_token(args, streams, environ):
    if not (args.incoming or args.voice_app or args.video or args.video_room is not None):
        raise UsageError("nothing to grant: give --incoming, --voice-app, --video-room or "
                         "--video")
    account_sid, secret = _credentials(args, streams, environ, API_SECRET)
    key_sid = args.api_key or environ.get("TWILIO_API_KEY") or None
    if key_sid is None:
        raise CredentialsError("no API key SID: pass --api-key or set TWILIO_API_KEY")

    def make():
        grants = []
        if args.incoming or args.voice_app:
            grants.append(VoiceGrant(incoming_allow=args.incoming or None,
                                     outgoing_application_sid=args.voice_app))
        if args.video or args.video_room is not None:
            grants.append(VideoGrant(room=args.video_room))
        return AccessToken(account_sid, key_sid, secret, grants=grants, identity=args.identity,
                           nbf=None if args.no_nbf else GENERATE, ttl=args.ttl,
                           region=args.region).to_jwt()
    return _print_token(streams, make)


def _taskrouter(args, streams, environ):
    account_sid, auth_token = _credentials(args, streams, environ, AUTH_TOKEN)
    return _print_token(streams, lambda: WorkerCapabilityToken(
        account_sid, auth_token, args.workspace, args.worker, ttl=args.ttl,
        nbf=None if args.no_nbf else GENERATE,
        allow_update_activities=args.update_activities,
        allow_update_reservations=args.update_reservations).to_jwt())


def _decode(args, streams, environ):
    token = args.token
    if token == "-":
        token = streams.read().strip()
    stdin_taken = args.token == "-"
    from_file = [(secret, _secret_file(args, streams, secret, stdin_taken))
                 for secret in (AUTH_TOKEN, API_SECRET)]
    try:
        decoding.check_leeway(args.leeway)
    except CapabilityError as error:
        raise UsageError(str(error))
    now = time.time()  # the one clock read: the verdict and "expires in" agree
    problem = None
    try:
        header, claims = decoding.decode_unverified(token)
        # An Access Token is signed with an API key's secret, every other token
        # with the account's auth token.
        secret = API_SECRET if header.get("cty") == decoding.ACCESS_TOKEN_CTY else AUTH_TOKEN
        key = None
        for given, data in from_file:
            if data is not None and given is not secret:
                raise UsageError("this token is signed with the %s, not the %s: %s"
                                 % (secret.what, given.what, secret.sources()))
            key = key or data
        key = key or environ.get(secret.variable) or None
        if key is None:
            problem = "signature NOT verified: no %s (set %s or use %s PATH)" % (
                secret.what, secret.variable, secret.option)
        else:
            header, claims = decoding.verify_claims(token, _key(key, secret))
            try:
                decoding.check_time(claims, now, args.leeway)
            except (ExpiredTokenError, NotYetValidError) as error:
                problem = str(error)
    except InvalidTokenError as error:
        streams.error(str(error))
        return 1
    report, warnings = describe(header, claims, now, verified=key is not None)
    import json
    streams.write(json.dumps(report, indent=2, ensure_ascii=False, separators=(",", ": ")) + "\n")
    for warning in warnings:
        streams.error("warning: " + warning)
    if problem is not None:
        streams.error(problem)
        return 1
    return 0


def _layer(args, streams):
    from .layer import build_layer
    names = problem = None
    try:
        names = build_layer(args.out_path, pythons=args.pythons or ())
    except (IOError, OSError) as error:
        problem = "cannot write %s: %s" % (args.out_path, error.strerror or type(error).__name__)
    except ValueError as error:  # an interpreter that cannot run, or predates PEP 552
        problem = "cannot compile for --python: %s" % error
    if problem is not None:
        raise UsageError(problem)
    streams.write("wrote %d files to %s\n" % (len(names), args.out_path))
    return 0


def _key(key, secret):
    from .checks import check_secret
    return check_secret(key, "the " + secret.what)


def describe(header, claims, now, verified):
    """The JSON report for ``decode``, and warnings about client pitfalls."""
    warnings = []
    token_class, kind = _kind(header, claims)
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
            report[label] = "%s (%s)" % (decoding.when(value), _relative(value - now))
    report["warnings"] = warnings
    return report, warnings


def _kind(header, claims):
    """``(class, words)`` for the kind of token, or ``(None, "unknown")``."""
    for token_class, words in KINDS:
        if token_class.kind_problem(header, claims) is None:
            return token_class, words
    return None, "unknown"


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
    import json
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


def _relative(seconds):
    """``"in 59 minutes"`` or ``"3 hours ago"``, to the largest whole unit."""
    amount = abs(seconds)
    for size, unit in ((86400, "day"), (3600, "hour"), (60, "minute"), (1, "second")):
        if amount >= size or size == 1:
            count = int(amount // size)
            words = "%d %s%s" % (count, unit, "" if count == 1 else "s")
            return "in " + words if seconds > 0 else words + " ago"


if __name__ == "__main__":
    sys.exit(main())
