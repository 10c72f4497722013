"""examples/browser in headless Chromium, with Twilio's own SDKs and a stand-in for Twilio.

    python3 -m tests.tools.browser          # ensure() then run(), a line per check

Per page (Twilio Client JS 1.14 with a capability token at ``/``; the Voice JS
SDK 2.x with an Access Token at ``/voice``): start examples/browser/server.py
unmodified, a TLS stand-in for Twilio on 127.0.0.1 and Debian's Chromium;
type a client name and click as a person would, over the DevTools protocol.
The stand-in serves the SDK at its CDN address, the sound files and the
insights endpoint, and speaks the signalling protocol on ``wss://HOST/signal``:
it verifies the token the SDK sends with ``capability.decode`` and answers
``connected`` then ``ready``, or error 31204 as Twilio does for a bad token.
Two runs per page must fail the checks: the server signing with a wrong key,
and a copy of the page that never hands its token to the SDK.
"""
from __future__ import print_function

import base64
import json
import os
import shutil
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
sys.path.insert(0, ROOT)

import capability  # noqa: E402
from tests.tools import harness  # noqa: E402
from tests.tools.harness import Result, Tally, stop  # noqa: E402
from tests.tools import websocket  # noqa: E402

EXAMPLE = os.path.join(ROOT, "examples", "browser")
PACKAGES = os.path.join(ROOT, "tests", "tools", "package.json")
NPM_DIR = os.path.join(ROOT, ".venv-npm")  # git-ignored, like the venvs
SHOTS = os.path.join(ROOT, ".venv-npm", "screenshots")
CHROMIUM = os.environ.get("CHROMIUM") or "/usr/bin/chromium"
IN_CI = os.environ.get("CI") == "true"
ACCOUNT = "AC0123456789abcdef0123456789abcdef"
AUTH_TOKEN = "s3cr3t-auth-token-value-0000000000"
KEY_SID, KEY_SECRET = "SKfedcba9876543210fedcba9876543210", "s3cr3t-api-key-secret-000000000000"
WRONG = "another-secret-that-twilio-never-had"
APP = "APfedcba9876543210fedcba9876543210"
HOSTS = ("media.twiliocdn.com", "sdk.twilio.com", "chunderw-vpc-gll.twilio.com",
         "voice-js.roaming.twilio.com", "eventgw.twilio.com")
SECONDS = 15  # the longest wait for one page to settle
CDN_PATH = "/sdk/js/client/v1.14/twilio.min.js"  # as examples/browser/index.html loads it


def pinned():
    with open(PACKAGES) as f:
        return json.load(f)["dependencies"]


def sdk_file(package):
    return os.path.join(NPM_DIR, package.replace("/", "_"), "package", "dist", "twilio.min.js")


# --- what the tests need, once ---------------------------------------------------------------

def ensure():
    """Fetch the pinned SDKs (``npm pack``: the tarball only) and find Chromium."""
    problems = []
    for package, version in pinned().items():
        folder = os.path.join(NPM_DIR, package.replace("/", "_"))
        manifest = os.path.join(folder, "package", "package.json")
        if os.path.exists(manifest) and json.load(open(manifest))["version"] == version:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(folder)
        packed = subprocess.check_output(["npm", "pack", "--silent", "%s@%s" % (package, version)],
                                         cwd=folder)
        name = packed.decode().split()[-1]
        subprocess.check_call(["tar", "xzf", name], cwd=folder)
        os.remove(os.path.join(folder, name))
    if not os.path.exists(CHROMIUM):
        problems.append("Chromium is missing (%s): apt-get install chromium" % CHROMIUM)
    if subprocess.call(["openssl", "version"], stdout=subprocess.DEVNULL) != 0:
        problems.append("openssl is missing")
    if problems and IN_CI:
        raise RuntimeError("browser: " + "; ".join(problems))
    return problems


# --- the stand-in for Twilio -----------------------------------------------------------------

def silent_wav(seconds=0.2, rate=8000):
    frames = int(seconds * rate)
    data = b"\0\0" * frames
    return (b"RIFF" + struct.pack("<I", 36 + len(data)) + b"WAVEfmt "
            + struct.pack("<IHHIIHH", 16, 1, 1, rate, rate * 2, 2, 16)
            + b"data" + struct.pack("<I", len(data)) + data)


class Twilio(ThreadingHTTPServer):
    """Twilio's CDN, sounds, insights and signalling, on one TLS port."""

    daemon_threads = True

    def __init__(self, cert, key):
        ThreadingHTTPServer.__init__(self, ("127.0.0.1", 0), TwilioHandler)
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert, key)
        self.socket = context.wrap_socket(self.socket, server_side=True)
        self.sdk = open(sdk_file("twilio-client"), "rb").read()
        self.wav = silent_wav()
        self.reset(None)

    def reset(self, key):
        """Verify the next page's tokens with ``key``; forget what came before."""
        self.key = key
        self.messages = []  # (type, payload) the SDKs sent, in order
        self.verdicts = []  # what capability.decode said of each listen token
        self.fetched = []  # paths served

    def handle_error(self, request, client_address):
        pass  # a page torn down mid-request


class TwilioHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def reply(self, status, body=b"", kind="application/json", headers=()):
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Access-Control-Allow-Origin", "*")
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def do_OPTIONS(self):  # CORS preflight for the insights POSTs
        self.reply(204, headers=[("Access-Control-Allow-Methods", "GET, POST"),
                                 ("Access-Control-Allow-Headers", "*")])

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.fetched.append("POST " + self.path)
        self.reply(200, b"{}")

    def do_GET(self):
        path = self.path.split("?")[0]
        self.server.fetched.append(self.headers.get("Host", "") + path)
        if path == "/signal" and self.headers.get("Upgrade", "").lower() == "websocket":
            return self.signal()
        if path == CDN_PATH:
            return self.reply(200, self.server.sdk, "application/javascript")
        if path.startswith("/js/client/sounds/"):
            return self.reply(200, self.server.wav, "audio/wav")
        self.reply(404, b"{}")

    def signal(self):
        self.send_response(101)
        self.send_header("Upgrade", "websocket")
        self.send_header("Connection", "Upgrade")
        self.send_header("Sec-WebSocket-Accept",
                         websocket.accept_key(self.headers["Sec-WebSocket-Key"]))
        self.end_headers()
        self.wfile.flush()
        sock, lock, stop = self.connection, threading.Lock(), threading.Event()

        def say(kind, payload):
            with lock:
                websocket.send(sock, json.dumps({"type": kind, "version": "", "payload": payload}))

        def heartbeat():  # the SDK reconnects when the line stays quiet
            while not stop.wait(4):
                try:
                    with lock:
                        websocket.send(sock, "\n")
                except (OSError, ValueError):
                    return
        threading.Thread(target=heartbeat, daemon=True).start()
        good = None
        try:
            while True:
                opcode, data = websocket.receive(sock)
                if opcode == websocket.CLOSE:
                    break
                if not data.strip():
                    continue  # the SDK's own heartbeat
                message = json.loads(data.decode("utf-8"))
                kind, payload = message.get("type"), message.get("payload") or {}
                self.server.messages.append((kind, payload))
                if kind == "listen":
                    good = self.verify(payload.get("token"))
                    if good is None:
                        say("error", {"error": {"code": 31204, "message": "JWT is invalid"}})
                    else:
                        connected = {"region": "gll", "edge": "roaming"}
                        if "grants" in good:  # an Access Token: the Voice SDK reads these
                            connected["token"] = {"identity": good["grants"].get("identity"),
                                                  "ttl": good["exp"] - int(time.time())}
                        say("connected", connected)
                elif kind == "register" and good is not None:
                    say("ready", {})
        except (EOFError, OSError, ValueError):
            pass
        finally:
            stop.set()
            self.close_connection = True

    def verify(self, token):
        try:
            claims = capability.decode(token, self.server.key)
        except capability.CapabilityError as error:
            self.server.verdicts.append(type(error).__name__)
            return None
        self.server.verdicts.append(claims)
        return claims


# --- Chromium over its DevTools protocol ---------------------------------------------------

class DevTools(object):
    """One page target: commands, and the events that arrive meanwhile."""

    def __init__(self, url):
        host, _, path = url[len("ws://"):].partition("/")
        address, _, port = host.partition(":")
        self.sock = socket.create_connection((address, int(port)), timeout=SECONDS)
        key = base64.b64encode(os.urandom(16)).decode("ascii")
        self.sock.sendall(("GET /%s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\n"
                           "Connection: Upgrade\r\nSec-WebSocket-Key: %s\r\n"
                           "Sec-WebSocket-Version: 13\r\n\r\n" % (path, host, key)).encode("ascii"))
        answer = b""
        while b"\r\n\r\n" not in answer:
            answer += websocket.read_exactly(self.sock, 1)
        accepted = websocket.accept_key(key).encode("ascii")
        if not answer.startswith(b"HTTP/1.1 101") or accepted not in answer:
            raise RuntimeError("DevTools refused the WebSocket: %r" % answer[:200])
        self.next_id = 0
        self.events = []

    def call(self, method, **params):
        self.next_id += 1
        websocket.send(self.sock, json.dumps({"id": self.next_id, "method": method,
                                              "params": params}), mask=True)
        while True:
            message = self.read()
            if message.get("id") == self.next_id:
                if "error" in message:
                    raise RuntimeError("%s: %s" % (method, message["error"]))
                return message.get("result", {})

    def read(self):
        opcode, data = websocket.receive(self.sock)
        if opcode == websocket.CLOSE:
            raise EOFError("DevTools closed")
        message = json.loads(data.decode("utf-8"))
        if "method" in message:
            self.events.append(message)
        return message

    def evaluate(self, expression):
        result = self.call("Runtime.evaluate", expression=expression, returnByValue=True)
        return result.get("result", {}).get("value")

    def wait_for(self, expression, seconds):
        """The expression's value once truthy, or its last value when time runs out."""
        deadline = time.monotonic() + seconds
        while True:
            value = self.evaluate(expression)
            if value or time.monotonic() > deadline:
                return value
            time.sleep(0.1)

    def click(self, selector):
        box = self.evaluate("(function (r) { return [r.x + r.width / 2, r.y + r.height / 2]; })"
                            "(document.querySelector(%s).getBoundingClientRect())"
                            % json.dumps(selector))
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=box[0], y=box[1], button="left",
                      clickCount=1)

    def type_text(self, text):
        """Select what the focused field holds, delete it, then type ``text`` key by key."""
        self.call("Input.dispatchKeyEvent", type="keyDown", key="a", code="KeyA",
                  windowsVirtualKeyCode=65, modifiers=2, commands=["selectAll"])
        self.call("Input.dispatchKeyEvent", type="keyUp", key="a", code="KeyA",
                  windowsVirtualKeyCode=65, modifiers=2)
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", type=kind, key="Backspace", code="Backspace",
                      windowsVirtualKeyCode=8)
        for char in text:
            self.call("Input.dispatchKeyEvent", type="keyDown", key=char, text=char)
            self.call("Input.dispatchKeyEvent", type="keyUp", key=char)

    def close(self):
        self.sock.close()


def make_key(folder):
    """A throwaway self-signed key for Twilio's names, and its SPKI pin for Chromium."""
    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    names = ",".join("DNS:" + host for host in HOSTS)
    subprocess.check_call(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                           "ec_paramgen_curve:prime256v1", "-nodes", "-keyout", key, "-out", cert,
                           "-days", "2", "-subj", "/CN=twilio-stand-in", "-addext",
                           "subjectAltName=" + names],
                          stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    public = subprocess.check_output(["openssl", "x509", "-in", cert, "-pubkey", "-noout"])
    der = subprocess.check_output(["openssl", "pkey", "-pubin", "-outform", "der"], input=public)
    import hashlib
    return cert, key, base64.b64encode(hashlib.sha256(der).digest()).decode("ascii")


def start_chromium(folder, twilio_port, pin):
    profile = os.path.join(folder, "profile")
    os.mkdir(profile)
    rules = ", ".join("MAP %s 127.0.0.1:%d" % (host, twilio_port) for host in HOSTS)
    proc = subprocess.Popen(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
         "--no-first-run", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--user-data-dir=" + profile, "--remote-debugging-port=0",
         "--host-resolver-rules=" + rules, "--ignore-certificate-errors-spki-list=" + pin,
         "--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream",
         "--autoplay-policy=no-user-gesture-required", "--window-size=900,700", "about:blank"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    active = os.path.join(profile, "DevToolsActivePort")
    deadline = time.monotonic() + SECONDS
    while not (os.path.exists(active) and open(active).read().count("\n") >= 1):
        if time.monotonic() > deadline or proc.poll() is not None:
            stop(proc)
            raise RuntimeError("Chromium did not start (exit %r)" % proc.poll())
        time.sleep(0.05)
    port = int(open(active).read().split()[0])
    return proc, port


def page_target(port):
    from urllib.request import urlopen
    deadline = time.monotonic() + SECONDS
    while True:
        targets = json.loads(urlopen("http://127.0.0.1:%d/json/list" % port, timeout=5).read())
        pages = [t for t in targets if t.get("type") == "page"]
        if pages or time.monotonic() > deadline:
            return DevTools(pages[0]["webSocketDebuggerUrl"])
        time.sleep(0.1)


def start_server(folder, settings):
    """examples/browser/server.py (from ``folder``) on a free port: ``(process, port)``."""
    env = dict((k, v) for k, v in os.environ.items() if not k.startswith("TWILIO_"))
    env.update(settings)
    env.update(PYTHONPATH=ROOT, PYTHONDONTWRITEBYTECODE="1", ALLOW_ANONYMOUS_CLIENT="1",
               VOICE_SDK_JS=sdk_file("@twilio/voice-sdk"))
    proc = subprocess.Popen([sys.executable, os.path.join(folder, "server.py"), "0"],
                            env=env, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL)
    line = proc.stdout.readline().decode("ascii", "replace")  # serving on http://127.0.0.1:PORT/
    if "127.0.0.1:" not in line:
        stop(proc)
        raise RuntimeError("server.py did not start: %r" % line)
    return proc, int(line.split("127.0.0.1:")[1].split("/")[0])


# --- the pages -------------------------------------------------------------------------------

PAGES = [
    # label, path, token endpoint, settings key, stand-in key, the line that hands the token over,
    # what says the SDK is ready, the code its error shows for a token Twilio refuses (31204)
    ("twilio-client %s, capability token" % pinned()["twilio-client"], "/", "/token",
     "TWILIO_AUTH_TOKEN", AUTH_TOKEN, "Twilio.Device.setup(answer.token);",
     "window.Twilio && Twilio.Device.status() === 'ready'", "error 31204: JWT is invalid"),
    ("@twilio/voice-sdk %s, Access Token" % pinned()["@twilio/voice-sdk"], "/voice",
     "/access-token", "TWILIO_API_SECRET", KEY_SECRET,
     "device.register().catch(function () {});",
     "window.device && device.state === 'registered' && device.identity === 'bob'",
     "error 20101: AccessTokenInvalid (20101)"),
]
SETTINGS = {"TWILIO_ACCOUNT_SID": ACCOUNT, "TWILIO_AUTH_TOKEN": AUTH_TOKEN,
            "TWILIO_TWIML_APP_SID": APP, "TWILIO_API_KEY": KEY_SID, "TWILIO_API_SECRET": KEY_SECRET}


def grants_asked(claims):
    """None when the token grants ``bob`` incoming calls and outgoing calls to the app."""
    if "scope" in claims:
        scopes = sorted(claims["scope"].split(" "))
        wanted = sorted(["scope:client:incoming?clientName=bob",
                         "scope:client:outgoing?appSid=%s&clientName=bob" % APP])
        return None if scopes == wanted and claims["iss"] == ACCOUNT else "scopes %r" % scopes
    wanted = {"identity": "bob", "voice": {"incoming": {"allow": True},
                                           "outgoing": {"application_sid": APP}}}
    if claims["grants"] != wanted or claims["sub"] != ACCOUNT or claims["iss"] != KEY_SID:
        return "grants %r" % claims["grants"]
    return None


def visit(devtools, twilio, server_port, page, stand_in_key, seconds):
    """Open the page, type ``bob``, click; what happened, for the checks."""
    label, path, endpoint, _, _, _, ready, _ = page
    twilio.reset(stand_in_key)
    devtools.events[:] = []
    devtools.call("Page.navigate", url="http://127.0.0.1:%d%s" % (server_port, path))
    devtools.wait_for("document.readyState === 'complete' && !!document.getElementById('client')",
                      seconds)
    devtools.click("#client")
    devtools.type_text("bob")
    devtools.click("#setup button")
    settled = devtools.wait_for("(%s) || /error|No token|failed/.test("
                                "document.getElementById('status').textContent)" % ready, seconds)
    if settled:
        time.sleep(0.5)  # late exceptions and insights POSTs
    seen = {"ready": bool(devtools.evaluate(ready)),
            "status": devtools.evaluate("document.getElementById('status').textContent"),
            "typed": devtools.evaluate("document.getElementById('client').value"),
            "exceptions": [], "console errors": [], "fetched": None}
    for event in devtools.events:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            seen["exceptions"].append((details.get("exception") or {}).get("description")
                                      or details.get("text"))
        elif method == "Runtime.consoleAPICalled" and params.get("type") == "error":
            seen["console errors"].append(" ".join(str(a.get("value", a.get("description")))
                                                   for a in params.get("args", [])))
        elif method == "Network.responseReceived" and \
                params["response"]["url"].split("?")[0].endswith(endpoint):
            try:
                body = devtools.call("Network.getResponseBody", requestId=params["requestId"])
                seen["fetched"] = json.loads(body["body"]).get("token")
            except (RuntimeError, ValueError):
                pass
    seen["sent"] = [payload.get("token") for kind, payload in twilio.messages if kind == "listen"]
    seen["verdicts"] = list(twilio.verdicts)
    return seen


def checks(seen):
    """``[(check, problem or None)]`` of one visit that should have worked."""
    sent, verdicts = seen["sent"], seen["verdicts"]
    claims = verdicts[0] if verdicts and isinstance(verdicts[0], dict) else None
    return [
        ("the page typed bob",
         None if seen["typed"] == "bob" else "the field holds %r" % seen["typed"]),
        ("the page fetched its token", None if seen["fetched"] else "no token fetched"),
        ("the SDK sent exactly that token",
         None if sent and set(sent) == {seen["fetched"]} else "sent %d other token(s)" % len(sent)),
        ("it verifies with the right key",
         None if claims else "capability.decode: %s" % (verdicts or "nothing to verify")),
        ("it grants what the page asked", grants_asked(claims) if claims else "no claims"),
        ("the device is ready: %r" % seen["status"], None if seen["ready"] else "not ready"),
        ("no uncaught exception in the page",
         "; ".join(seen["exceptions"])[:300] if seen["exceptions"] else None),
        ("no console error", "; ".join(seen["console errors"])[:300]
         if seen["console errors"] else None),
    ]


def broken_copy(folder, page):
    """examples/browser copied with the line that hands the token to the SDK taken out."""
    copy = os.path.join(folder, "never-sets-up")
    if not os.path.exists(copy):
        shutil.copytree(EXAMPLE, copy, ignore=shutil.ignore_patterns("node_modules", "__pycache__"))
    name = "index.html"
    shutil.copy(os.path.join(EXAMPLE, name), copy)  # the other page's line stays in
    with open(os.path.join(copy, name)) as f:
        html = f.read()
    if page[5] not in html:
        raise RuntimeError("%s no longer holds %r: update the harness" % (name, page[5]))
    with open(os.path.join(copy, name), "w") as f:
        f.write(html.replace(page[5], ""))
    return copy


def run_page(devtools, twilio, folder, page):
    label, path = page[0], page[1]
    tally = Tally("%s (%s)" % (label, path))
    server, port = start_server(EXAMPLE, SETTINGS)
    try:
        seen = visit(devtools, twilio, port, page, page[4], SECONDS)
        results = checks(seen)
        shot = os.path.join(SHOTS, "%s.png" % ("client-1.x" if path == "/" else "voice-2.x"))
        if not os.path.isdir(SHOTS):
            os.makedirs(SHOTS)
        with open(shot, "wb") as f:
            f.write(base64.b64decode(devtools.call("Page.captureScreenshot", format="png")["data"]))
        results.append(("screenshot written to " + shot, None))
    finally:
        stop(server)
    for name, problem in results:
        tally.check(name, problem)
    # A wrong key: the SDK must show Twilio's error, and the checks must fail.
    server, port = start_server(EXAMPLE, dict(SETTINGS, **{page[3]: WRONG}))
    try:
        seen = visit(devtools, twilio, port, page, page[4], SECONDS)
    finally:
        stop(server)
    problems = [name for name, problem in checks(seen) if problem]
    shown = page[7] in (seen["status"] or "")
    tally.check("negative: a token signed with a wrong key shows Twilio's error: %r"
                % seen["status"], None if shown and problems
                else "status %r, failing checks %r" % (seen["status"], problems))
    # A page that never hands its token to the SDK: the checks must fail.
    server, port = start_server(broken_copy(folder, page), SETTINGS)
    try:
        seen = visit(devtools, twilio, port, page, page[4], 4)
    finally:
        stop(server)
    problems = [name for name, problem in checks(seen) if problem]
    tally.check("negative: a page that never calls setup fails %d check(s)" % len(problems),
                None if "the SDK sent exactly that token" in problems else "the checks passed it")
    return tally.result(label)


def run():
    """One ``(label, passed, failed, skipped, output)`` per page."""
    labels = [page[0] for page in PAGES]
    if not os.path.exists(CHROMIUM):
        return [Result(label, 0, 0, 1, "%s: skipped, no Chromium at %s\n" % (label, CHROMIUM))
                for label in labels]
    folder = tempfile.mkdtemp(prefix="capability-browser-")
    twilio = chromium = devtools = None
    results = []
    try:
        cert, key, pin = make_key(folder)
        twilio = Twilio(cert, key)
        threading.Thread(target=twilio.serve_forever, daemon=True).start()
        chromium, port = start_chromium(folder, twilio.server_port, pin)
        devtools = page_target(port)
        for domain in ("Page", "Runtime", "Network"):
            devtools.call(domain + ".enable")
        product = devtools.call("Browser.getVersion").get("product", "?")
        for page in PAGES:
            try:
                label, passed, failed, skipped, output = run_page(devtools, twilio, folder, page)
                output = output.replace("\n", " in %s\n" % product, 1)
                results.append(Result(label, passed, failed, skipped, output))
            except Exception as error:  # report it as this page's failure, go on
                results.append(Result(page[0], 0, 1, 0, "%s\n  FAIL %s: %s\n"
                                % (page[0], type(error).__name__, error)))
    except Exception as error:
        done = [r[0] for r in results]
        results += [Result(label, 0, 1, 0, "%s\n  FAIL %s: %s\n"
                           % (label, type(error).__name__, error))
                    for label in labels if label not in done]
    finally:
        if devtools is not None:
            devtools.close()
        if chromium is not None:
            stop(chromium)
        if twilio is not None:
            twilio.shutdown()
            twilio.server_close()
        shutil.rmtree(folder, ignore_errors=True)
    return results


def check(run_of_the_runner=None):
    """The runner's stage: ``Stage("browser", browser.check)``."""
    return harness.check("browser", ensure, run)


if __name__ == "__main__":
    sys.exit(harness.main("browser", ensure, run))
