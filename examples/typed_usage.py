"""capability with types: ``mypy --strict examples/typed_usage.py`` passes.

The package ships ``.pyi`` stubs and ``py.typed``, so type checkers and editors
see its API; the code itself stays plain Python that runs on 2.7 too. This
example needs Python 3.6+ for its annotations:

    TWILIO_ACCOUNT_SID=AC... TWILIO_AUTH_TOKEN=... python3 examples/typed_usage.py alice
"""
import os
import sys
from typing import Dict, List, Optional, Union

# Run from a checkout without installing: the package sits one folder up.
sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

import capability  # noqa: E402

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
