#!/usr/bin/env python3
"""Make a Twilio Client capability token from the environment.

    TWILIO_ACCOUNT_SID=AC... TWILIO_AUTH_TOKEN=... python examples/quickstart.py alice

Set TWILIO_TWIML_APP_SID=AP... to let the client call your TwiML app too.
"""
import os
import sys

# Run from a checkout without installing: the package sits one folder up.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import capability  # noqa: E402


def main(argv):
    client_name = argv[1] if len(argv) > 1 else "alice"
    try:
        cap = capability.Capability()  # TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN
        cap.allow_client_incoming(client_name)
        app_sid = os.environ.get("TWILIO_TWIML_APP_SID")
        if app_sid:
            cap.allow_client_outgoing(app_sid, {"user_id": client_name})
        token = cap.generate(ttl=3600)
    except capability.CapabilityError as error:
        sys.stderr.write("quickstart: %s\n" % error)
        return 2
    sys.stdout.write(token + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
