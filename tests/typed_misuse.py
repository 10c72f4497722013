"""Mistakes the stubs must catch: read by ``mypy --strict`` in the runner, never run.

Each line carries ``# type: ignore[code]`` for the error mypy must report
there; under --strict an ignore that silences nothing is itself an error, so a
stub too loose to catch a mistake fails the check.
"""
import capability
from capability.layer import build_layer

cap = capability.Capability("AC...", "token")
cap.generate(ttl="600")  # type: ignore[arg-type]
cap.generate(nbf="yes")  # type: ignore[arg-type]
cap.allow_client_incoming(42)  # type: ignore[arg-type]
cap.allow_client_outgoing("AP...", {"ok": 1.5})  # type: ignore[arg-type]
cap.allow_event_stream(Status=None)  # type: ignore[arg-type]
cap.allow_client_outgoing("AP...", {"ok": [["nested"]]})  # type: ignore[arg-type]
token: bytes = cap.generate()  # type: ignore[assignment]
name: str = cap.client_name  # type: ignore[assignment]
capability.configure(account_sid=1)  # type: ignore[arg-type]
capability.Capability(auth_token=object())  # type: ignore[arg-type]
cap.allow_everything()  # type: ignore[attr-defined]
capability.Scope("client", "incoming").params["x"] = 1  # type: ignore[assignment]
build_layer(42)  # type: ignore[arg-type]
names: int = build_layer("layer.zip")  # type: ignore[assignment]
error: capability.CapabilityError = ValueError("x")  # type: ignore[assignment]
not_typed = capability.NoSuchName  # type: ignore[attr-defined]
