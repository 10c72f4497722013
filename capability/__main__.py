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
from collections import OrderedDict

from . import __version__, decoding
from .access_token import AccessToken
from .client import Capability
from .exc import (CapabilityError, CredentialsError, ExpiredTokenError, InvalidTokenError,
                  NotYetValidError)
from .grants import VideoGrant, VoiceGrant
from .taskrouter import WorkerCapabilityToken
from .token import GENERATE

PROG = "capability"


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
    subparsers = parser.add_subparsers(dest="command", metavar="{%s}" % ",".join(COMMANDS))
    for name, summary, description, add_options, handler in _COMMANDS:
        command = subparsers.add_parser(name, help=summary, description=description)
        add_options(command)
        command.set_defaults(handler=handler)
    return parser


def _generate_options(parser):
    _credential_options(parser, AUTH_TOKEN)
    parser.add_argument("--incoming", metavar="NAME", help="allow incoming calls to NAME")
    parser.add_argument("--outgoing", metavar="APP_SID",
                        help="allow outgoing calls through the TwiML app APP_SID")
    parser.add_argument("--param", metavar="KEY=VALUE", action="append", default=[],
                        help="a parameter for the app (repeat a key for a list)")
    parser.add_argument("--events", action="store_true", help="allow the event stream")
    parser.add_argument("--filter", metavar="KEY=VALUE", action="append", default=[],
                        help="an event stream filter")
    _timing_options(parser)


def _access_token_options(parser):
    _credential_options(parser, API_SECRET)
    parser.add_argument("--api-key", metavar="SID",
                        help="the API key SID (SK...); otherwise TWILIO_API_KEY is used")
    parser.add_argument("--identity", metavar="NAME", required=True,
                        help="the identity of the user of the token")
    parser.add_argument("--incoming", action="store_true",
                        help="a VoiceGrant: calls to the identity may be received")
    parser.add_argument("--voice-app", metavar="APP_SID",
                        help="a VoiceGrant: outgoing calls go to the TwiML app APP_SID")
    parser.add_argument("--video-room", metavar="NAME", help="a VideoGrant for the room NAME")
    parser.add_argument("--video", action="store_true", help="a VideoGrant for any room")
    parser.add_argument("--region", metavar="REGION",
                        help="the Twilio region to use, such as us1, ie1 or au1")
    _timing_options(parser)


def _taskrouter_options(parser):
    _credential_options(parser, AUTH_TOKEN)
    parser.add_argument("--workspace", metavar="WORKSPACE_SID", required=True,
                        help="the workspace (WS...)")
    parser.add_argument("--worker", metavar="WORKER_SID", required=True,
                        help="the worker (WK...)")
    parser.add_argument("--update-activities", action="store_true",
                        help="also let the worker change its activity")
    parser.add_argument("--update-reservations", action="store_true",
                        help="also let the worker accept or reject reservations")
    _timing_options(parser)


def _decode_options(parser):
    parser.add_argument("token", metavar="TOKEN", help="the token, or - to read it from stdin")
    keys = parser.add_mutually_exclusive_group()
    for secret in (AUTH_TOKEN, API_SECRET):
        keys.add_argument(secret.option, metavar="PATH", help=_file_help(secret))
    parser.add_argument("--leeway", metavar="SECONDS", type=float, default=0,
                        help="clock skew to allow, in seconds (default 0)")


def _layer_options(parser):
    parser.add_argument("out_path", metavar="PATH", help="where to write the zip")


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
        handler = getattr(args, "handler", None)
        if handler is None:  # Python 3 lets a subcommand be left out
            raise UsageError("choose a command: %s or %s (see --help)"
                             % (", ".join(COMMANDS[:-1]), COMMANDS[-1]))
        return handler(args, streams, environ)
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
    """KEY=VALUE strings as a mapping in the order given; a repeated key collects a list."""
    mapping = OrderedDict()  # argparse has imported collections already: no cost
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
    return mapping


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
    from .report import describe
    report, warnings = describe(header, claims, now, verified=key is not None)
    import json
    streams.write(json.dumps(report, indent=2, ensure_ascii=False, separators=(",", ": ")) + "\n")
    for warning in warnings:
        streams.error("warning: " + warning)
    if problem is not None:
        streams.error(problem)
        return 1
    return 0


def _layer(args, streams, environ):
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


def _key(key, secret):
    from .checks import check_secret
    return check_secret(key, "the " + secret.what)


# Each command once: name, one-line help, description, the function adding its options,
# the function running it.
_COMMANDS = (
    ("generate", "print a new Client capability token",
     "Print a signed Twilio Client capability token on stdout.", _generate_options, _generate),
    ("access-token", "print a new Access Token (Voice and Video SDKs)",
     "Print an Access Token signed with an API key on stdout. The API key SID comes from "
     "--api-key or TWILIO_API_KEY, its secret from TWILIO_API_SECRET or --api-secret-file.",
     _access_token_options, _access_token),
    ("taskrouter", "print a new TaskRouter worker token",
     "Print a TaskRouter worker capability token on stdout, with the policies of "
     "twilio-python's WorkerCapabilityToken defaults (event channel; fetch the worker, "
     "activities, tasks and reservations).", _taskrouter_options, _taskrouter),
    ("decode", "verify a token and print what it holds",
     "Verify a token and print its header, claims, and its scopes, grants or policies as "
     "JSON. An Access Token is verified with the API key secret, any other token with the "
     "auth token. Without the key the content is shown unverified and the exit status is 1.",
     _decode_options, _decode),
    ("layer", "write an AWS Lambda layer zip of this package",
     "Write a zip holding the package under python/capability/, the same bytes every time "
     "for the same sources.", _layer_options, _layer),
)
COMMANDS = tuple(row[0] for row in _COMMANDS)


if __name__ == "__main__":
    sys.exit(main())
