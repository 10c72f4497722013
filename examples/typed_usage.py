#!/usr/bin/env python3
"""capability with types: ``mypy --strict examples/typed_usage.py`` passes.

The package ships ``.pyi`` stubs and ``py.typed``, so type checkers and editors
see its API; the code itself stays plain Python that runs on 2.7 too. This
example needs Python 3.6+ for its annotations:

    TWILIO_ACCOUNT_SID=AC... TWILIO_AUTH_TOKEN=... python3 examples/typed_usage.py alice
"""
import os
import sys
from typing import Any, Dict, List, Optional, Union

# Run from a checkout without installing: the package sits one folder up.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import capability  # noqa: E402
from capability.decoding import DecodedToken  # noqa: E402

Param = Union[str, int, List[str]]


def browser_token(client_name: str, app_sid: Optional[str] = None,
                  params: Optional[Dict[str, Param]] = None, ttl: int = 3600) -> str:
    """A token that lets ``client_name`` take calls and, given an app, make them."""
    cap = capability.Capability()  # TWILIO_ACCOUNT_SID and TWILIO_AUTH_TOKEN
    cap.allow_client_incoming(client_name)
    if app_sid is not None:
        cap.allow_client_outgoing(app_sid, params)
    return cap.generate(ttl=ttl)


def granted(cap: capability.Capability) -> List[str]:
    """The scope URIs a token from ``cap`` would carry."""
    scopes: List[capability.Scope] = cap.scopes()
    return [scope.to_string() for scope in scopes]


def video_token(account_sid: str, api_key_sid: str, api_secret: str, identity: str,
                room: str) -> str:
    """An Access Token for the Video SDK: join ``room`` as ``identity``."""
    token = capability.AccessToken(account_sid, api_key_sid, api_secret, identity=identity,
                                   ttl=600)
    token.add_grant(capability.VideoGrant(room=room))
    return token.to_jwt()


def video_identity(jwt: str, api_secret: str) -> str:
    """Who an Access Token is for, once its signature, claims and clock check out."""
    decoded: DecodedToken = capability.AccessToken.from_jwt(jwt, api_secret)
    identity: str = decoded.payload["grants"]["identity"]
    return identity


def worker_token(workspace_sid: str, worker_sid: str) -> str:
    """A TaskRouter worker token that may also change the worker's activity."""
    token = capability.WorkerCapabilityToken(None, None, workspace_sid, worker_sid,
                                             allow_update_activities=True)
    return token.to_jwt()


def client_claims(client_name: str, app_sid: str) -> Dict[str, Any]:
    """twilio-python's ClientCapabilityToken: the claims a token would carry."""
    token = capability.ClientCapabilityToken(
        None, None, ttl=600, allow_client_incoming={"client_name": client_name})
    token.allow_client_outgoing(app_sid, user_id=client_name)
    return token.payload


def main(argv: List[str]) -> int:
    client_name = argv[1] if len(argv) > 1 else "alice"
    try:
        token = browser_token(client_name, os.environ.get("TWILIO_TWIML_APP_SID"),
                              {"user_id": client_name, "tags": ["a", "b"]}, ttl=600)
    except capability.CapabilityError as error:
        sys.stderr.write("typed_usage: %s\n" % error)
        return 2
    sys.stdout.write(token + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
