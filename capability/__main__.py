"""The command line: ``python -m capability generate|decode``.

The auth token is read from ``TWILIO_AUTH_TOKEN``, ``--auth-token-file
PATH`` or stdin (``--auth-token-file -``), never from the command line, where
every user of the machine could read it with ``ps``. Exit status: 0 success,
1 a token that is invalid, expired or could not be verified, 2 a usage or
configuration error. Errors are one line on stderr.
"""
import argparse
import os
import sys
import time

from . import __version__, decoding
from .client import Capability
from .encoding import integer_types, shown, text_type
from .exc import (CapabilityError, CredentialsError, ExpiredTokenError, InvalidTokenError,
                  NotYetValidError)
from .scopes import parse_params, parse_scopes

PROG = "capability"
NESTED = ("appParams", "params")


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
            if any(name.startswith("--auth-token") for name in names):
                raise UsageError("there is no option that takes the auth token on the command "
                                 "line (anyone can read it with ps); set TWILIO_AUTH_TOKEN or "
                                 "use --auth-token-file PATH (- for stdin)")
            raise UsageError("unrecognized arguments: %s" % (
                " ".join(names) if names else "%d extra value(s)" % len(extras)))
        return namespace


def _parser():
    parser = _Parser(prog=PROG, description="Make and read Twilio Client capability tokens.")
    parser.add_argument("--version", action="version", version="%s %s" % (PROG, __version__))
    commands = parser.add_subparsers(dest="command", metavar="{generate,decode,layer}")

    key_help = ("read the auth token from this file (- for stdin); "
                "otherwise TWILIO_AUTH_TOKEN is used")
    generate = commands.add_parser("generate", help="print a new token",
                                   description="Print a signed capability token on stdout.")
    generate.add_argument("--account-sid", metavar="SID",
                          help="the account SID; otherwise TWILIO_ACCOUNT_SID is used")
    generate.add_argument("--auth-token-file", metavar="PATH", help=key_help)
    generate.add_argument("--incoming", metavar="NAME", help="allow incoming calls to NAME")
    generate.add_argument("--outgoing", metavar="APP_SID",
                          help="allow outgoing calls through the TwiML app APP_SID")
    generate.add_argument("--param", metavar="KEY=VALUE", action="append", default=[],
                          help="a parameter for the app (repeat a key for a list)")
    generate.add_argument("--events", action="store_true", help="allow the event stream")
    generate.add_argument("--filter", metavar="KEY=VALUE", action="append", default=[],
                          help="an event stream filter")
    generate.add_argument("--ttl", metavar="SECONDS", type=int, default=3600,
                          help="lifetime in seconds, 1 to 86400 (default 3600)")
    generate.add_argument("--no-nbf", action="store_true", help="leave out the nbf claim")

    decode = commands.add_parser(
        "decode", help="verify a token and print what it holds",
        description="Verify a token and print its header, claims and scopes as JSON. Without "
                    "an auth token the content is shown unverified and the exit status is 1.")
    decode.add_argument("token", metavar="TOKEN", help="the token, or - to read it from stdin")
    decode.add_argument("--auth-token-file", metavar="PATH", help=key_help)
    decode.add_argument("--leeway", metavar="SECONDS", type=float, default=0,
                        help="clock skew to allow, in seconds (default 0)")

    layer = commands.add_parser(
        "layer", help="write an AWS Lambda layer zip of this package",
        description="Write a zip holding the package under python/capability/, the same "
                    "bytes every time for the same sources.")
    layer.add_argument("out_path", metavar="PATH", help="where to write the zip")
    return parser


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
        if args.command == "decode":
            return _decode(args, streams, environ)
        if args.command == "layer":
            return _layer(args, streams)
        raise UsageError("choose a command: generate, decode or layer (see --help)")
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


def _auth_token(args, streams, environ, stdin_taken=False):
    """The auth token from --auth-token-file (or stdin) or the environment, or None."""
    if args.auth_token_file is None:
        return environ.get("TWILIO_AUTH_TOKEN") or None
    if args.auth_token_file == "-":
        if stdin_taken:
            raise UsageError("stdin cannot hold both the token and the auth token")
        data = streams.read()
    else:
        data = problem = None
        try:
            with open(args.auth_token_file, "rb") as f:
                data = f.read()
        except (IOError, OSError) as error:
            problem = error.strerror or type(error).__name__
        if problem is not None:
            # The path is not shown: it may be a secret typed in the wrong place.
            raise UsageError("cannot read the --auth-token-file: %s" % problem)
    # One line ending is what `echo TOKEN > file` adds; more is refused later.
    for ending in (b"\r\n", b"\n"):
        if data.endswith(ending):
            data = data[:-len(ending)]
            break
    if not data:
        raise CredentialsError("the auth token from --auth-token-file is empty")
    return data


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
    account_sid = args.account_sid or environ.get("TWILIO_ACCOUNT_SID") or None
    if account_sid is None:
        raise CredentialsError("no account SID: pass --account-sid or set TWILIO_ACCOUNT_SID")
    auth_token = _auth_token(args, streams, environ)
    if auth_token is None:
        raise CredentialsError("no auth token: set TWILIO_AUTH_TOKEN or use "
                               "--auth-token-file PATH (- for stdin)")
    try:
        cap = Capability(account_sid, auth_token)
        if args.incoming is not None:
            cap.allow_client_incoming(args.incoming)
        if args.outgoing is not None:
            cap.allow_client_outgoing(args.outgoing, _pairs(args.param, "--param"))
        if args.events:
            cap.allow_event_stream(_pairs(args.filter, "--filter"))
        token = cap.generate(ttl=args.ttl, nbf=not args.no_nbf)
    except CapabilityError as error:
        raise UsageError(str(error))
    streams.write(token + "\n")
    return 0


def _decode(args, streams, environ):
    token = args.token
    if token == "-":
        token = streams.read().strip()
    auth_token = _auth_token(args, streams, environ, stdin_taken=args.token == "-")
    try:
        decoding.check_leeway(args.leeway)
    except CapabilityError as error:
        raise UsageError(str(error))
    now = time.time()  # the one clock read: the verdict and "expires in" agree
    problem = None
    try:
        if auth_token is None:
            header, claims = decoding.decode_unverified(token)
            problem = ("signature NOT verified: no auth token (set TWILIO_AUTH_TOKEN or use "
                       "--auth-token-file PATH)")
        else:
            header, claims = decoding.verify(token, _key(auth_token))
            try:
                decoding.check_time(claims, now, args.leeway)
            except (ExpiredTokenError, NotYetValidError) as error:
                problem = str(error)
    except InvalidTokenError as error:
        streams.error(str(error))
        return 1
    report, warnings = describe(header, claims, now, verified=auth_token is not None)
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
        names = build_layer(args.out_path)
    except (IOError, OSError) as error:
        problem = error.strerror or type(error).__name__
    if problem is not None:
        raise UsageError("cannot write %s: %s" % (args.out_path, problem))
    streams.write("wrote %d modules to %s\n" % (len(names), args.out_path))
    return 0


def _key(auth_token):
    from .credentials import check_secret
    return check_secret(auth_token, "the auth token")


def describe(header, claims, now, verified):
    """The JSON report for ``decode``, and warnings about client pitfalls."""
    warnings = []
    scopes = []
    scope_text = claims.get("scope")
    if isinstance(scope_text, text_type):
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
    report = {"verified": verified, "header": header, "claims": claims, "scopes": scopes}
    for name, label in (("exp", "expires"), ("nbf", "not_before")):
        value = claims.get(name)
        if isinstance(value, integer_types + (float,)) and not isinstance(value, bool):
            report[label] = "%s (%s)" % (decoding.when(value), _relative(value - now))
    report["warnings"] = warnings
    return report, warnings


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
