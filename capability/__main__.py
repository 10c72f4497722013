"""The command line: ``python -m capability generate|access-token|taskrouter|decode|layer``.

Secrets (the auth token, an API key secret) are read from the environment
(``TWILIO_AUTH_TOKEN``, ``TWILIO_API_SECRET``) or a file (``--auth-token-file
PATH``, ``--api-secret-file PATH``; ``-`` for stdin), never from the command
line, where every user of the machine could read them with ``ps``. Exit
status: 0 success, 1 a token that is invalid, expired or could not be
verified, 2 a usage or configuration error. Errors are one line on stderr,
and no error repeats a value the user gave: it may be a secret typed in the
wrong place.
"""
import argparse
import os
import sys
import time

from . import __version__, decoding, jws
from .access_token import AccessToken
from .checks import check_secret, check_sid
from .client import Capability
from .exc import CapabilityError, CredentialsError, InvalidTokenError, MalformedTokenError
from .grants import VideoGrant, VoiceGrant
from .taskrouter import WorkerCapabilityToken
from .token import GENERATE

PROG = "capability"
# A secret file holds a key or a few, one a line: anything longer is the wrong file.
MAX_SECRET_FILE = 4096


class _Secret(object):
    """Where a signing secret may come from: an environment variable (and one for the
    secondary key, when Twilio has one) or a file option, one key a line."""

    def __init__(self, what, variable, option, secondary=None):
        self.what, self.variable, self.option = what, variable, option
        self.secondary = secondary
        self.attribute = option[2:].replace("-", "_")

    def sources(self):
        return "set %s or use %s PATH (- for stdin)" % (self.variable, self.option)


AUTH_TOKEN = _Secret("auth token", "TWILIO_AUTH_TOKEN", "--auth-token-file",
                     "TWILIO_AUTH_TOKEN_SECONDARY")
API_SECRET = _Secret("API key secret", "TWILIO_API_SECRET", "--api-secret-file")
# The options someone might try for a secret on the command line, and which secret they meant.
_SECRET_GUESSES = (("--auth-token", AUTH_TOKEN), ("--api-secret", API_SECRET))


class UsageError(Exception):
    """Bad arguments or configuration: exit status 2."""


class _Parser(argparse.ArgumentParser):
    """argparse, one line per error, no abbreviated options, no value ever echoed.

    Without abbreviations ``--auth-token SECRET`` cannot be taken for
    ``--auth-token-file``. argparse's own messages quote values ("invalid
    choice: 'X'", "invalid int value: 'X'"); these say what was expected instead.
    """

    def _get_option_tuples(self, option_string):
        return []

    def error(self, message):
        raise UsageError(message)

    def _get_value(self, action, arg_string):
        try:
            return argparse.ArgumentParser._get_value(self, action, arg_string)
        except argparse.ArgumentError:
            pass
        raise UsageError("%s takes %s" % (_name(action), _TYPE_WORDS.get(action.type, "a value")))

    def _check_value(self, action, value):
        if action.choices is not None and value not in action.choices:
            close = _closest(value, action.choices)
            raise UsageError("unknown command; " + (
                "did you mean %s?" % close if close
                else "the commands are " + ", ".join(action.choices)))

    def parse_args(self, args=None, namespace=None):
        args = sys.argv[1:] if args is None else list(args)
        for arg in args:
            _refuse_secret_option(arg)
        namespace, extras = self.parse_known_args(args, namespace)
        if extras:
            raise UsageError(self._unrecognized(namespace, extras))
        return namespace

    def _unrecognized(self, namespace, extras):
        """Name unknown options, with the closest known one; count other values, never show them."""
        options = [arg.split("=", 1)[0] for arg in extras if _looks_like_option(arg)]
        if not options:  # values after an unknown option are its own: only count strays
            return "unrecognized arguments: %d extra value%s" % (
                len(extras), "" if len(extras) == 1 else "s")
        message = "unrecognized arguments: " + " ".join(options)
        known = list(self._option_string_actions)
        command = getattr(namespace, "command", None)
        if command is not None:
            known.extend(self.commands.choices[command]._option_string_actions)
        guesses = [guess for guess in (_closest(option, known) for option in options) if guess]
        return message + ("; did you mean %s?" % " or ".join(guesses) if guesses else "")


_TYPE_WORDS = {int: "a whole number", float: "a number"}


def _name(action):
    return action.option_strings[0] if action.option_strings else action.metavar or action.dest


def _looks_like_option(arg):
    """An option's shape, what may be shown back: ``--`` then at most 24 lower-case ASCII
    letters, digits and dashes. Anything else is only counted: an auth token has 32
    characters, an API key secret upper-case letters."""
    name = arg.split("=", 1)[0]
    return name[:2] == "--" and 2 < len(name) <= 26 and not name[2:].strip(_OPTION_CHARS)


_OPTION_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789-"


def _closest(word, candidates):
    import difflib
    matches = difflib.get_close_matches(word, [c for c in candidates if c.startswith("--")]
                                        if word.startswith("--") else list(candidates), 1, 0.7)
    return matches[0] if matches else None


def _refuse_secret_option(arg):
    """``--auth-token X`` or ``--api-secret=X`` anywhere on the line, before it is parsed."""
    name = arg.split("=", 1)[0]
    for guess, secret in _SECRET_GUESSES:
        if name.startswith(guess) and name != secret.option:
            raise UsageError("there is no option that takes the %s on the command line "
                             "(anyone can read it with ps); %s" % (secret.what, secret.sources()))


class _Formatter(argparse.HelpFormatter):
    """Fills each paragraph of a description; keeps blocks of lines (examples) as written."""

    def _fill_text(self, text, width, indent):
        return "\n\n".join(
            "\n".join(indent + line for line in block.splitlines()) if "\n" in block
            else argparse.HelpFormatter._fill_text(self, block, width, indent)
            for block in text.split("\n\n"))


def _parser():
    parser = _Parser(prog=PROG, formatter_class=_Formatter,
                     description="Make and read Twilio tokens: Client capability tokens, "
                                 "Access Tokens and TaskRouter tokens.",
                     epilog=_epilog(_EXAMPLES, _ENVIRONMENT, "0 success; 1 a token that is "
                                    "not valid; 2 a usage or configuration error"))
    parser.add_argument("--version", action="version", version="%s %s" % (PROG, __version__))
    subparsers = parser.commands = parser.add_subparsers(
        dest="command", metavar="{%s}" % ",".join(COMMANDS))
    for name, summary, description, examples, environment, add_options, handler in _COMMANDS:
        exits = _DECODE_EXITS if name == "decode" else "0 done; 2 a usage or configuration error"
        command = subparsers.add_parser(name, help=summary, description=description,
                                        formatter_class=_Formatter,
                                        epilog=_epilog(examples, environment, exits))
        add_options(command)
        command.set_defaults(handler=handler)
    return parser


_DECODE_EXITS = ("0 the token is valid; 1 it is not (malformed, not verified, a bad "
                 "signature, another account's, expired, not yet valid, or of no known "
                 "kind); 2 a usage or configuration error")


def _epilog(examples, environment, exits):
    lines = ["examples:"] + ["  %s %s" % (PROG, example) for example in examples]
    lines.append("")
    if environment:
        lines.append("environment:")
        lines.extend("  %-27s %s" % row for row in environment)
    else:
        lines.append("environment: none read")
    return "\n".join(lines) + "\n\nexit status: " + exits


def _generate_options(parser):
    _credential_options(parser, AUTH_TOKEN)
    parser.add_argument("--incoming", metavar="NAME",
                        help="allow incoming calls to the client NAME (ASCII letters, digits "
                             "and underscore)")
    parser.add_argument("--outgoing", metavar="APP_SID",
                        help="allow outgoing calls through the TwiML app APP_SID")
    parser.add_argument("--param", metavar="KEY=VALUE", action="append", default=[],
                        help="a parameter for the app; needs --outgoing (repeat a key for a "
                             "list)")
    parser.add_argument("--events", action="store_true", help="allow the event stream")
    parser.add_argument("--filter", metavar="KEY=VALUE", action="append", default=[],
                        help="an event stream filter; needs --events")
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
    for name, prefix in (("workspace", "WS"), ("worker", "WK")):
        parser.add_argument("--" + name, metavar=name.upper() + "_SID", required=True,
                            help="the %s (%s...)" % (name, prefix))
    for name, words in (("activities", "change its activity"),
                        ("reservations", "accept or reject reservations")):
        parser.add_argument("--update-" + name, action="store_true",
                            help="also let the worker " + words)
    _timing_options(parser)


def _decode_options(parser):
    parser.add_argument("token", metavar="TOKEN",
                        help="- to read the token from stdin (a token on the command line is "
                             "seen by other local users while this runs, as ps shows), or "
                             "the token itself; surrounding whitespace is ignored")
    parser.add_argument("--account-sid", metavar="SID",
                        help="the account the token must belong to (its iss, or an Access "
                             "Token's sub); otherwise TWILIO_ACCOUNT_SID, when set")
    keys = parser.add_mutually_exclusive_group()
    for secret in (AUTH_TOKEN, API_SECRET):
        keys.add_argument(secret.option, metavar="PATH",
                          help=_file_help(secret) + "; one key a line, any may match "
                                                    "(rotation)")
    parser.add_argument("--leeway", metavar="SECONDS", type=float, default=0,
                        help="clock skew to allow, in seconds (default 0)")


def _layer_options(parser):
    parser.add_argument("out_path", metavar="PATH", help="where to write the zip")
    parser.add_argument("--python", metavar="PATH", action="append", dest="pythons",
                        help="also add .pyc files for this interpreter (3.7 or later); "
                             "repeatable")


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
    """stdin/stdout/stderr as bytes, UTF-8, whatever the locale says; nothing a terminal obeys."""

    def __init__(self, stdin, stdout, stderr):
        self.stdin, self.stdout, self.stderr = stdin, stdout, stderr

    def read(self, limit=-1):
        return getattr(self.stdin, "buffer", self.stdin).read(limit)

    def write(self, text):
        from .report import printable
        _write(self.stdout, printable(text, keep=u"\n"))

    def error(self, text):
        from .report import printable
        _write(self.stderr, u"%s: %s\n" % (PROG, printable(text)))


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
        data = streams.read(MAX_SECRET_FILE + 1)
    else:
        data = _read_private(path, streams, secret)
    if len(data) > MAX_SECRET_FILE:
        raise UsageError("the %s holds more than %d bytes; it should hold the %s alone"
                         % (secret.option, MAX_SECRET_FILE, secret.what))
    # One line ending is what `echo TOKEN > file` adds; more is refused later.
    for ending in (b"\r\n", b"\n"):
        if data.endswith(ending):
            data = data[:-len(ending)]
            break
    if not data:
        raise CredentialsError("the %s from %s is empty" % (secret.what, secret.option))
    return data


def _read_private(path, streams, secret):
    """At most MAX_SECRET_FILE + 1 bytes of a secret's file; a warning if others may read it."""
    data = problem = mode = None
    try:
        with open(path, "rb") as f:
            mode = os.fstat(f.fileno()).st_mode
            data = f.read(MAX_SECRET_FILE + 1)
    except (IOError, OSError) as error:
        problem = error.strerror or type(error).__name__
    if problem is not None:
        # The path is not shown: it may be a secret typed in the wrong place.
        raise UsageError("cannot read the %s: %s" % (secret.option, problem))
    if os.name == "posix" and mode & 0o044:  # as ssh warns of a private key others can read
        streams.error("warning: the %s can be read by other users (mode %04o); chmod 600 it"
                      % (secret.option, mode & 0o7777))
    return data


def _credentials(args, streams, environ, secret):
    """``(account SID, key)`` for a new token, from the options or the environment.

    Of several keys (rotation), the first, the primary, signs.
    """
    account_sid = _sid(args.account_sid, "--account-sid", environ, "TWILIO_ACCOUNT_SID", "AC",
                       "account SID")
    keys = _keys(_secret_file(args, streams, secret), environ, secret)
    if not keys:
        raise CredentialsError("no %s: %s" % (secret.what, secret.sources()))
    return account_sid, keys[0]


def _keys(data, environ, secret):
    """The secret's keys, checked: each line of its file's ``data``, else its variable
    and then its secondary variable; [] when none is set."""
    if data is not None:
        lines = data.split(b"\n")
        return [check_secret(line[:-1] if line.endswith(b"\r") else line,
                             "the %s from %s" % (secret.what, secret.option) if len(lines) == 1
                             else "the %s on line %d of %s" % (secret.what, number, secret.option))
                for number, line in enumerate(lines, 1)]
    if secret.secondary and environ.get(secret.secondary) and not environ.get(secret.variable):
        raise CredentialsError("%s is set but %s is not; set the primary too"
                               % (secret.secondary, secret.variable))
    return [check_secret(environ[variable], variable)
            for variable in (secret.variable, secret.secondary)
            if variable and environ.get(variable)]


def _sid(value, option, environ, variable, prefix, what, required=True):
    """A SID from its option, else its environment variable; errors name the one used.

    None when neither is set and the SID is not ``required``.
    """
    if value is None:
        if not environ.get(variable):
            if not required:
                return None
            raise CredentialsError("no %s: pass %s or set %s" % (what, option, variable))
        value, option = environ[variable], variable
    # Said before the SID rule, which would count the characters: a pasted value's usual slip.
    if not value.strip():
        raise CredentialsError("%s is empty" % option)
    if value != value.strip():
        raise CredentialsError("%s has leading or trailing whitespace" % option)
    return check_sid(value, prefix, option, CredentialsError)


def _print_token(streams, make):
    """Print the token ``make()`` returns; a refused input is a usage error."""
    try:
        token = make()
    except CapabilityError as error:
        raise UsageError(str(error))
    streams.write(token + "\n")
    return 0


def _option(option, call, *args):
    """``call(*args)``, its refusal naming the option the value came from."""
    try:
        return call(*args)
    except CapabilityError as error:
        raise UsageError("%s: %s" % (option, error))


def _pairs(items, option, where, streams):
    """KEY=VALUE strings as a mapping in the order given; a repeated key makes a list.

    Each pair the legacy twilio.js 1.4 client would misread gets the warning
    ``decode`` gives for it.
    """
    from .report import grouped, twilio_js_pitfalls
    pairs = []
    for item in items:
        key, equals, value = item.partition("=")
        if not equals:
            raise UsageError("%s needs KEY=VALUE" % option)
        for warning in twilio_js_pitfalls(where, _text(key), _text(value)):
            streams.error("warning: " + warning)
        pairs.append((key, value))
    return grouped(pairs)


def _text(value):
    """An argument as text: Python 2 gives bytes."""
    return value.decode("utf-8", "replace") if isinstance(value, bytes) else value


def _generate(args, streams, environ):
    if args.param and args.outgoing is None:
        raise UsageError("--param needs --outgoing")
    if args.filter and not args.events:
        raise UsageError("--filter needs --events")
    if args.incoming is None and args.outgoing is None and not args.events:
        raise UsageError("nothing to allow: give --incoming, --outgoing or --events")
    if args.incoming == "":
        raise UsageError("the client name given to --incoming is empty (an unset shell "
                         "variable?)")
    account_sid, auth_token = _credentials(args, streams, environ, AUTH_TOKEN)
    cap = Capability(account_sid, auth_token)
    if args.incoming is not None:
        _option("--incoming", cap.allow_client_incoming, args.incoming)
    if args.outgoing is not None:
        params = _pairs(args.param, "--param", "client:outgoing appParams", streams)
        _option("--outgoing", cap.allow_client_outgoing, args.outgoing, params)
    if args.events:
        filters = _pairs(args.filter, "--filter", "stream:subscribe params", streams)
        _option("--filter", cap.allow_event_stream, filters)
    return _print_token(streams, lambda: cap.generate(ttl=args.ttl, nbf=not args.no_nbf))


def _access_token(args, streams, environ):
    if not (args.incoming or args.voice_app or args.video or args.video_room is not None):
        raise UsageError("nothing to grant: give --incoming, --voice-app, --video-room or "
                         "--video")
    account_sid, secret = _credentials(args, streams, environ, API_SECRET)
    key_sid = _sid(args.api_key, "--api-key", environ, "TWILIO_API_KEY", "SK", "API key SID")

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
    from . import report
    stdin_taken = args.token == "-"
    pasted = streams.read(jws.MAX_TOKEN_LENGTH * 2) if stdin_taken else args.token
    from_file = [(secret, _secret_file(args, streams, secret, stdin_taken))
                 for secret in (AUTH_TOKEN, API_SECRET)]
    try:
        decoding.check_leeway(args.leeway)
    except CapabilityError as error:
        raise UsageError("--leeway: %s" % error)
    now = time.time()  # the one clock read: the verdict and "expires in" agree
    try:
        token = _token(pasted)
        decoding.decode_unverified(token)  # the strict reading, before anything is shown
    except InvalidTokenError as error:
        return _verdict(streams, report.verdict(False, error), [])
    header, claims = report.in_token_order(token)
    # An Access Token is signed with an API key's secret, every other token
    # with the account's auth token.
    secret = API_SECRET if header.get("cty") == decoding.ACCESS_TOKEN_CTY else AUTH_TOKEN
    data = None
    for given, given_data in from_file:
        if given_data is not None and given is not secret:
            raise UsageError("this token is signed with the %s, not the %s: %s"
                             % (secret.what, given.what, secret.sources()))
        data = data or given_data
    keys = _keys(data, environ, secret)
    account_sid = _sid(args.account_sid, "--account-sid", environ, "TWILIO_ACCOUNT_SID", "AC",
                       "account SID", required=False)
    verified, error = False, None
    if not keys:
        error = CredentialsError("signature NOT verified: no %s (set %s or use %s PATH)"
                                 % (secret.what, secret.variable, secret.option))
    else:
        key = keys[0] if len(keys) == 1 else tuple(keys)  # every key is tried, in constant time
        try:
            jws.verify(token, key)
            verified = True  # the signature matched; the claims, account and clock come next
            verified_header, verified_claims = decoding.verify_claims(token, key)
            decoding.check_account(verified_header, verified_claims, account_sid)
            decoding.check_time(verified_claims, now, args.leeway)
        except InvalidTokenError as caught:
            error = caught
    described, warnings = report.describe(header, claims, now, verified, error)
    return _verdict(streams, described, warnings)


def _verdict(streams, described, warnings):
    """Print the report and its warnings; 0 for a valid token, else its error and 1."""
    from .report import to_json
    streams.write(to_json(described) + "\n")
    for warning in warnings:
        streams.error("warning: " + warning)
    if described["valid"]:
        return 0
    streams.error(described["error"]["message"])
    return 1


def _token(pasted):
    """A pasted token as the library reads it: surrounding whitespace dropped, as on stdin.

    Quotes around it or an HTTP scheme before it are refused with the fix,
    not removed: a guess would hide what the user's program sends.
    """
    text = _text(pasted).strip()
    if text and (text[0] in _QUOTES or text[-1] in _QUOTES):
        raise MalformedTokenError("the token has quotes around it; remove the surrounding "
                                  "quotes")
    words = text.split(None, 1)
    if len(words) == 2:
        if words[0].lower() == u"bearer":
            raise MalformedTokenError("the token starts with 'Bearer '; remove that prefix")
        if u"." in words[0]:
            raise MalformedTokenError("the token has whitespace inside it (a line break from "
                                      "copying?); a token has none")
        raise MalformedTokenError("the token has a space in it; remove what comes before it")
    return pasted.strip() if isinstance(pasted, bytes) else text


_QUOTES = u"\"'`\u2018\u2019\u201c\u201d"


def _layer(args, streams, environ):
    from .layer import build_layer
    names = problem = None
    try:
        names = build_layer(args.out_path, pythons=args.pythons or ())
    except (IOError, OSError) as error:
        problem = "cannot write the layer zip: %s" % (error.strerror or type(error).__name__)
    except ValueError as error:  # an interpreter that cannot run, or predates PEP 552
        problem = "cannot compile for --python: %s" % error
    if problem is not None:
        raise UsageError(problem)
    streams.write("wrote %d files to %s\n" % (len(names), args.out_path))
    return 0


_EXAMPLES = ("generate --incoming alice --outgoing AP... --param user_id=42",
             "access-token --identity alice --incoming", "decode - < token.txt")
_ENVIRONMENT = (("TWILIO_*", "the credentials: each command's --help lists those it reads"),)
# Each command once: name, one-line help, description, examples, environment variables
# read, the function adding its options, the function running it.
_COMMANDS = (
    ("generate", "print a new Client capability token",
     "Print a signed Twilio Client capability token on stdout.",
     ("generate --incoming alice",
      "generate --incoming alice --outgoing AP... --param user_id=42 --ttl 600",
      "generate --events --filter CallSid=CA... --no-nbf"),
     (("TWILIO_ACCOUNT_SID", "the account SID, unless --account-sid is given"),
      ("TWILIO_AUTH_TOKEN", "the auth token, unless --auth-token-file is given")),
     _generate_options, _generate),
    ("access-token", "print a new Access Token (Voice and Video SDKs)",
     "Print an Access Token signed with an API key on stdout. The API key SID comes from "
     "--api-key or TWILIO_API_KEY, its secret from TWILIO_API_SECRET or --api-secret-file.",
     ("access-token --identity alice --incoming --voice-app AP...",
      "access-token --identity alice --video-room standup --region ie1 --ttl 600"),
     (("TWILIO_ACCOUNT_SID", "the account SID, unless --account-sid is given"),
      ("TWILIO_API_KEY", "the API key SID (SK...), unless --api-key is given"),
      ("TWILIO_API_SECRET", "the API key secret, unless --api-secret-file is given")),
     _access_token_options, _access_token),
    ("taskrouter", "print a new TaskRouter worker token",
     "Print a TaskRouter worker capability token on stdout, with the policies of "
     "twilio-python's WorkerCapabilityToken defaults (event channel; fetch the worker, "
     "activities, tasks and reservations).",
     ("taskrouter --workspace WS... --worker WK...",
      "taskrouter --workspace WS... --worker WK... --update-activities --ttl 28800"),
     (("TWILIO_ACCOUNT_SID", "the account SID, unless --account-sid is given"),
      ("TWILIO_AUTH_TOKEN", "the auth token, unless --auth-token-file is given")),
     _taskrouter_options, _taskrouter),
    ("decode", "verify a token and print what it holds",
     "Verify a token and print as JSON its verdict (valid; the error if not; verified: the "
     "signature matched), its kind, header and claims, and its scopes, grants or policies. "
     "An Access Token is verified with the API key secret, any other token with the auth "
     "token. Without the key the content is shown unverified and the exit status is 1.",
     ("decode - < token.txt", "decode - --account-sid AC... --auth-token-file keys.txt "
      "--leeway 30 < token.txt"),
     (("TWILIO_AUTH_TOKEN", "the key of all but Access Tokens (or --auth-token-file)"),
      ("TWILIO_AUTH_TOKEN_SECONDARY", "a second auth token that may match (rotation)"),
      ("TWILIO_API_SECRET", "the key of Access Tokens (or --api-secret-file)"),
      ("TWILIO_ACCOUNT_SID", "the account the token must belong to (or --account-sid)")),
     _decode_options, _decode),
    ("layer", "write an AWS Lambda layer zip of this package",
     "Write a zip holding the package under python/capability/, with bytecode "
     "(unchecked-hash .pyc files) for this interpreter, the same bytes every time for the "
     "same sources. Build it with the runtime's Python, such as python3.12 -m capability "
     "layer.", ("layer capability-layer.zip",
                "layer capability-layer.zip --python /usr/bin/python3.12"),
     (), _layer_options, _layer),
)
COMMANDS = tuple(row[0] for row in _COMMANDS)


if __name__ == "__main__":
    sys.exit(main())
