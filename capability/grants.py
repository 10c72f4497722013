"""Access Token grants, with twilio-python's names, arguments and payloads.

Each grant checks its fields when made, and when signed if changed since (they stay
assignable, as in twilio-python). ``None`` leaves a field out; empty text is refused.
"""
from .checks import check_sid, check_text
from .encoding import text, text_type
from .exc import CapabilityError, InvalidTypeError, InvalidValueError
from .jsonwriter import Members, data_json, jsonable, plain, raw, string


class AccessTokenGrant(object):
    """Base class of grants; subclass it for a grant this library does not know.

    A subclass gives ``key`` (its member name in ``grants``) and ``to_payload()``
    (a dict of JSON values).
    """

    @property
    def key(self):
        raise NotImplementedError("a grant must have a key")

    def to_payload(self):
        raise NotImplementedError("a grant must have a payload")

    def _members(self):
        """Checked claims as ``Members``, from ``to_payload()``."""
        what = "%s.to_payload()" % type(self).__name__
        payload = self.to_payload()
        if not isinstance(payload, dict):
            raise InvalidTypeError("%s must return a dict, not %s" % (what, type(payload).__name__))
        return jsonable(payload, what)

    def _json(self):
        """The checked claims as JSON text; subclasses write theirs faster."""
        return raw(self._members())

    def _signed_json(self):
        return self._json()

    def _shown(self):
        """(name, value) pairs ``repr`` shows."""
        return [(name, value) for name, value in sorted(vars(self).items())
                if not name.startswith("_")]

    def __repr__(self):
        return "%s(%s)" % (type(self).__name__, ", ".join(
            "%s=%r" % (name, value) for name, value in self._shown() if value is not None))


class _FieldGrant(AccessTokenGrant):
    """A grant of optional fields: SIDs (by prefix) and text, in twilio-python's order."""

    _FIELDS = ()  # constructor arguments, in order
    _PREFIXES = {}

    def _keep(self):
        # __init__ puts the fields in __dict__, then checks them all by writing them. Built-in
        # grants keep the JSON until __setattr__, unless params: a dict changes in place.
        written = self._json()
        if self.__class__ in GRANTS and self.__dict__.get("outgoing_application_params") is None:
            self.__dict__["_kept_json"] = written

    def __setattr__(self, name, value):  # drops the JSON _keep kept
        self.__dict__.pop("_kept_json", None)
        object.__setattr__(self, name, value)

    def __delattr__(self, name):  # a deleted field is an unset one, as if never given
        if name in self._FIELDS:
            self.__setattr__(name, None)
        else:
            object.__delattr__(self, name)

    def _signed_json(self):
        return self.__dict__.get("_kept_json") or self._json()

    def to_payload(self):
        """The grant's claims as a dict."""
        return plain(self._members())

    def _members(self):
        return self._fields(self._FIELDS)

    def _json(self):
        return "{%s}" % ",".join(self._fields(self._FIELDS, True))

    def _fields(self, names, as_json=False):
        """The fields given, checked: ``Members``, or JSON member texts."""
        members = [] if as_json else Members()
        label = type(self).__name__ + " "
        for name in names:
            value = getattr(self, name)
            if value is not None:
                prefix = self._PREFIXES.get(name)
                value = (check_text(value, label + name) if prefix is None else
                         check_sid(value, prefix, label + name, InvalidValueError))
                members.append('"%s":%s' % (name, string(value)) if as_json else (name, value))
        return members

    def _shown(self):
        return [(name, getattr(self, name)) for name in self._FIELDS]

    @classmethod
    def _arguments(cls, payload):
        """Constructor arguments that may give ``payload``, or None."""
        if not set(payload).issubset(cls._FIELDS):
            return None
        return dict(payload)


class ChatGrant(_FieldGrant):
    """Twilio Chat and Conversations.

    >>> ChatGrant(service_sid="IS" + "0" * 32)
    ChatGrant(service_sid='IS00000000000000000000000000000000')
    """

    _FIELDS = ("service_sid", "endpoint_id", "deployment_role_sid", "push_credential_sid")
    _PREFIXES = {"service_sid": "IS", "deployment_role_sid": "RL", "push_credential_sid": "CR"}
    key = "chat"

    def __init__(self, service_sid=None, endpoint_id=None, deployment_role_sid=None,
                 push_credential_sid=None):
        fields = self.__dict__
        fields["service_sid"], fields["endpoint_id"] = service_sid, endpoint_id
        fields["deployment_role_sid"] = deployment_role_sid
        fields["push_credential_sid"] = push_credential_sid
        self._keep()


class SyncGrant(_FieldGrant):
    """Twilio Sync: ``SyncGrant(service_sid="IS...")``."""

    _FIELDS = ("service_sid", "endpoint_id")
    _PREFIXES = {"service_sid": "IS"}
    key = "data_sync"

    def __init__(self, service_sid=None, endpoint_id=None):
        fields = self.__dict__
        fields["service_sid"], fields["endpoint_id"] = service_sid, endpoint_id
        self._keep()


class VoiceGrant(_FieldGrant):
    """Programmable Voice: ``VoiceGrant(incoming_allow=True, outgoing_application_sid="AP...")``.

    ``outgoing_application_params`` (a dict) reaches the TwiML app with each call.
    """

    _FIELDS = ("incoming_allow", "outgoing_application_sid", "outgoing_application_params",
               "push_credential_sid", "endpoint_id")
    _PREFIXES = {"outgoing_application_sid": "AP", "push_credential_sid": "CR"}
    key = "voice"

    def __init__(self, incoming_allow=None, outgoing_application_sid=None,
                 outgoing_application_params=None, push_credential_sid=None, endpoint_id=None):
        fields = self.__dict__
        fields["incoming_allow"] = incoming_allow
        fields["outgoing_application_sid"] = outgoing_application_sid
        fields["outgoing_application_params"] = outgoing_application_params
        fields["push_credential_sid"], fields["endpoint_id"] = push_credential_sid, endpoint_id
        self._keep()

    def _members(self):
        members = Members()
        if self.incoming_allow is not None and not isinstance(self.incoming_allow, bool):
            raise InvalidTypeError("VoiceGrant incoming_allow must be True, False or None, not %s"
                                   % type(self.incoming_allow).__name__)
        if self.incoming_allow:
            members.append(("incoming", Members([("allow", True)])))
        params = self.outgoing_application_params
        if params is not None and not isinstance(params, dict):
            raise InvalidTypeError("VoiceGrant outgoing_application_params must be a dict, not %s"
                                   % type(params).__name__)
        outgoing = self._fields(("outgoing_application_sid",))
        if outgoing:
            outgoing = Members([("application_sid", outgoing[0][1])])
            if params:
                outgoing.append(("params", jsonable(
                    params, "VoiceGrant outgoing_application_params")))
            members.append(("outgoing", outgoing))
        elif params:
            raise InvalidValueError("VoiceGrant outgoing_application_params needs an "
                                    "outgoing_application_sid to go to")
        members.extend(self._fields(("push_credential_sid", "endpoint_id")))
        return members

    def _json(self):
        # Accepts only the usual grant: incoming True or None, an application SID, params
        # None or a dict, nothing else; a test compares it with the general writer below.
        params = self.outgoing_application_params
        if (self.__class__ is VoiceGrant and self.push_credential_sid is None
                and self.endpoint_id is None and self.outgoing_application_sid is not None
                and (self.incoming_allow is True or self.incoming_allow is None)
                and (params is None or params.__class__ is dict)):
            return '{%s"outgoing":{"application_sid":"%s"%s}}' % (
                '"incoming":{"allow":true},' if self.incoming_allow else "",
                check_sid(self.outgoing_application_sid, "AP",
                          "VoiceGrant outgoing_application_sid", InvalidValueError),
                ',"params":' + data_json(params, "VoiceGrant outgoing_application_params")
                if params else "")
        return raw(self._members())

    @classmethod
    def _arguments(cls, payload):
        rest = dict(payload)
        arguments = {}
        if rest.pop("incoming", None) == {"allow": True}:
            arguments["incoming_allow"] = True
        outgoing = rest.pop("outgoing", {})
        if not isinstance(outgoing, dict):
            return None
        for member, name in (("application_sid", "outgoing_application_sid"),
                             ("params", "outgoing_application_params")):
            if member in outgoing:
                arguments[name] = outgoing[member]
        for name in ("push_credential_sid", "endpoint_id"):
            if name in rest:
                arguments[name] = rest.pop(name)
        return None if rest else arguments


class VideoGrant(_FieldGrant):
    """Programmable Video: ``VideoGrant(room="daily-standup")``; no room means any room."""

    _FIELDS = ("room",)
    key = "video"

    def __init__(self, room=None):
        self.__dict__["room"] = room
        self._keep()


class TaskRouterGrant(_FieldGrant):
    """TaskRouter: ``TaskRouterGrant(workspace_sid="WS...", worker_sid="WK...", role="worker")``."""

    _FIELDS = ("workspace_sid", "worker_sid", "role")
    _PREFIXES = {"workspace_sid": "WS", "worker_sid": "WK"}
    key = "task_router"

    def __init__(self, workspace_sid=None, worker_sid=None, role=None):
        fields = self.__dict__
        fields["workspace_sid"], fields["worker_sid"] = workspace_sid, worker_sid
        fields["role"] = role
        self._keep()


class PlaybackGrant(AccessTokenGrant):
    """Twilio Live playback: ``PlaybackGrant(grant=...)``, the dict Twilio's API returned."""

    key = "player"

    def __init__(self, grant=None):
        self.grant = grant
        if grant is not None:
            self._json()

    def to_payload(self):
        """The grant as given, checked; None until it is set."""
        return None if self.grant is None else plain(self._members())

    def _members(self):
        if not isinstance(self.grant, dict):
            raise InvalidTypeError(
                "PlaybackGrant grant must be the dict Twilio's PlaybackGrant API returned, not %s"
                % type(self.grant).__name__)
        return jsonable(self.grant, "PlaybackGrant grant")

    def _json(self):
        if self.grant.__class__ is dict:
            return data_json(self.grant, "PlaybackGrant grant")
        return raw(self._members())

    @classmethod
    def _arguments(cls, payload):
        return {"grant": payload}

    def __repr__(self):
        # The grant may carry request credentials: say what it is, not what it holds.
        if self.grant is None:
            return "PlaybackGrant()"
        return "PlaybackGrant(grant=<%s>)" % type(self.grant).__name__


GRANTS = (VoiceGrant, VideoGrant, ChatGrant, SyncGrant, TaskRouterGrant, PlaybackGrant)


def grant_arguments(key, payload):
    """``(class, keyword arguments)`` that make the grant ``key: payload`` of a
    decoded token, or None when no grant of this library makes exactly that.

    >>> grant_arguments("video", {"room": "standup"})  # doctest: +SKIP
    (<class 'capability.grants.VideoGrant'>, {'room': 'standup'})
    """
    for cls in GRANTS:
        if cls.key != key or not isinstance(payload, dict):
            continue
        arguments = cls._arguments(payload)
        if arguments is None:
            return None
        try:
            made = cls(**arguments)._members()
        except CapabilityError:
            return None
        # Made again, the grant must give the same JSON: True is not 1 here.
        return (cls, arguments) if _same(plain(made), payload) else None
    return None


def _same(made, given):
    if isinstance(made, dict):
        return (isinstance(given, dict) and sorted(made) == sorted(given)
                and all(_same(made[name], given[name]) for name in made))
    if isinstance(made, list):
        return (isinstance(given, list) and len(made) == len(given)
                and all(_same(a, b) for a, b in zip(made, given)))
    return isinstance(made, bool) == isinstance(given, bool) and made == given


_KEYS = frozenset(cls.key for cls in GRANTS)


def grant_key(grant):
    """The checked key of anything offered as a grant."""
    if not isinstance(grant, AccessTokenGrant):
        kind = type(grant)
        hint = ""
        if kind.__module__.split(".")[0] == "twilio":
            hint = " (a twilio-python grant: import %s from capability instead)" % kind.__name__
        raise InvalidTypeError("a grant must be a capability.AccessTokenGrant such as VoiceGrant, "
                               "not %s.%s%s" % (kind.__module__, kind.__name__, hint))
    key = grant.key
    if key.__class__ is text_type and key in _KEYS:  # accepts only the built-in grants' keys
        return key
    what = "%s.key" % type(grant).__name__
    if not isinstance(key, (bytes, text_type)):
        raise InvalidTypeError("%s must be text, not %s" % (what, type(key).__name__))
    key = text(key, what)
    if not key or key == u"identity":
        raise InvalidValueError("%s must be non-empty and not 'identity'" % what)
    return key
