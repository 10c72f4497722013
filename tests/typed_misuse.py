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

access = capability.AccessToken("AC...", "SK...", "secret", identity="alice")
access.add_grant({"video": {}})  # type: ignore[arg-type]
capability.AccessToken("AC...", "SK...", "secret", grants=capability.VideoGrant())  # type: ignore[arg-type]
capability.AccessToken("AC...", "SK...", "secret", nbf=1.5)  # type: ignore[arg-type]
capability.VoiceGrant(incoming_allow="yes")  # type: ignore[arg-type]
capability.VoiceGrant(outgoing_application_params=[("to", "bob")])  # type: ignore[arg-type]
capability.PlaybackGrant(grant="playback-token")  # type: ignore[arg-type]
jwt: bytes = access.to_jwt()  # type: ignore[assignment]
capability.WorkerCapabilityToken("AC...", "t", "WS...", "WK...", allow_update_activity=True)  # type: ignore[call-arg]
capability.WorkerCapabilityToken("AC...", "t", "WS...", "WK...", allow_fetch_self="no")  # type: ignore[arg-type]
capability.WorkspaceCapabilityToken("AC...", "t", "WS...", allow_fetch_activities=True)  # type: ignore[call-arg]
client = capability.ClientCapabilityToken("AC...", "t", allow_client_incoming="alice")  # type: ignore[arg-type]
capability.ClientCapabilityToken("AC...", "t", allow_client_incoming={"client_name": 42})  # type: ignore[typeddict-item]
client.allow_client_outgoing("AP...", {"user": "alice"})  # type: ignore[call-arg]
capability.TwilioCapability("AC...", "t").generate(ttl=60)  # type: ignore[call-arg]


class NumberedGrant(capability.AccessTokenGrant):
    key = 7  # type: ignore[assignment]


capability.AccessToken.from_jwt("eyJ...", 42)  # type: ignore[arg-type]
capability.WorkerCapabilityToken.from_jwt("eyJ...", "key").to_jwt()  # type: ignore[attr-defined]
