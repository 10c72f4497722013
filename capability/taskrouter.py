"""TaskRouter capability tokens: twilio-python's worker, task queue and workspace tokens.

Each token carries a list of policies (URL, method, allow, filters) that
TaskRouter's JS SDK presents to the API; the ``allow_*`` methods add them.
"""
from . import credentials
from .checks import check_list, check_sid, checked_property
from .encoding import PY3_STR, text, text_type
from .exc import CapabilityError, CredentialsError, InvalidTypeError, InvalidValueError
from .jsonwriter import Members, encode, jsonable, raw, string
from .token import GENERATE, Token

_POLICY_KEYS = ("url", "method", "allow", "query_filter", "post_filter")
_POLICY_KEY_SET = frozenset(_POLICY_KEYS)
_TIMING = ("nbf", "ttl", "valid_until")
_CHANNEL_CLAIMS = {"WK": "worker_sid", "WQ": "taskqueue_sid"}  # twilio-python's


class TaskRouterCapabilityToken(Token):
    """The policies and claims every TaskRouter token has; use a subclass."""

    VERSION = "v1"
    DOMAIN = "https://taskrouter.twilio.com"
    EVENTS_BASE_URL = "https://event-bridge.twilio.com/v1/wschannels"
    channel_prefix = None
    _CHANNEL_ARGUMENT = "channel_id"
    # Constructor flags, each naming its method, in the order twilio-python applies them.
    _FLAGS = (("allow_web_sockets", True), ("allow_fetch_self", True),
              ("allow_update_self", False), ("allow_delete_self", False),
              ("allow_fetch_subresources", False), ("allow_delete_subresources", False),
              ("allow_update_subresources", False))

    def __init__(self, account_sid, auth_token, workspace_sid, channel_id, **kwargs):
        if self.channel_prefix is None:
            raise InvalidTypeError("use WorkerCapabilityToken, TaskQueueCapabilityToken or "
                                   "WorkspaceCapabilityToken")
        flags = dict(self._FLAGS)
        for name in sorted(kwargs):
            if name not in flags and name not in _TIMING:
                # twilio-python ignores a misspelt flag; a missing policy is hard to debug.
                raise InvalidTypeError("%s() got an unexpected keyword argument %r"
                                       % (type(self).__name__, name))
            if name in flags and not isinstance(kwargs[name], bool):
                raise InvalidTypeError("%s must be True or False, not %s"
                                       % (name, type(kwargs[name]).__name__))
        Token.__init__(self, kwargs.get("nbf", GENERATE), kwargs.get("ttl", 3600),
                       kwargs.get("valid_until"))
        self.account_sid, self._key = credentials.resolve(account_sid, auth_token)
        self.workspace_sid = check_sid(workspace_sid, "WS", "workspace_sid", InvalidValueError)
        self.channel_id = check_sid(channel_id, self.channel_prefix, self._CHANNEL_ARGUMENT,
                                    InvalidValueError)
        self._policies = []
        for name, default in self._FLAGS:
            if kwargs.get(name, default):
                getattr(self, name)()

    # A list anyone may append to: its policies are checked when signed.
    policies = checked_property(
        "policies", lambda value: check_list(value, "policies", "policy dicts"))

    @property
    def workspace_url(self):
        return "%s/%s/Workspaces/%s" % (self.DOMAIN, self.VERSION, self.workspace_sid)

    @property
    def resource_url(self):
        raise NotImplementedError("a TaskRouter token subclass gives its resource_url")

    def allow_fetch_self(self):
        self._allow(self.resource_url, "GET")

    def allow_update_self(self):
        self._allow(self.resource_url, "POST")

    def allow_delete_self(self):
        self._allow(self.resource_url, "DELETE")

    def allow_fetch_subresources(self):
        self._allow(self.resource_url + "/**", "GET")

    def allow_update_subresources(self):
        self._allow(self.resource_url + "/**", "POST")

    def allow_delete_subresources(self):
        self._allow(self.resource_url + "/**", "DELETE")

    def allow_web_sockets(self, channel_id=None):
        """Let the SDK open the event channel (this token's channel unless one is given)."""
        if channel_id is None:
            channel_id = self.channel_id
        else:
            channel_id = _check_channel(channel_id)
        url = "%s/%s/%s" % (self.EVENTS_BASE_URL, self.account_sid, channel_id)
        self._allow(url, "GET")
        self._allow(url, "POST")

    def _make_policy(self, url, method, allowed, query_filter=None, post_filter=None):
        """Append a policy; twilio-python code that builds its own policies calls this."""
        policy = {"url": url, "method": text(method, "method").upper(), "allow": allowed,
                  "query_filter": query_filter or {}, "post_filter": post_filter or {}}
        _check_policy(policy, "policy")
        self._policies.append(policy)

    def _allow(self, url, method, post_filter=None):
        # The allow_* methods' policies: checked when signed, as every policy is.
        self._policies.append({"url": url, "method": method, "allow": True, "query_filter": {},
                              "post_filter": post_filter or {}})

    @classmethod
    def kind_problem(cls, header, claims):
        """Why a verified token is not a TaskRouter token of this class, or None."""
        if "cty" in header:
            return "it is an Access Token"
        if not isinstance(claims.get("policies"), list):
            return "it has no policies list"
        channel = claims.get("channel")
        prefix = cls.channel_prefix
        if prefix is not None and not (isinstance(channel, text_type) and channel[:2] == prefix):
            return "its channel is not a %r SID" % prefix
        return None

    def _claims(self, now, exp, nbf):
        account_sid, workspace_sid, channel = self._sids()
        claims = Members([
            ("account_sid", account_sid), ("workspace_sid", workspace_sid),
            ("channel", channel), ("version", self.VERSION), ("friendly_name", channel),
            ("policies", [_check_policy(policy, "policies[%d]" % index)
                          for index, policy in enumerate(self._policies)])])
        if channel[:2] in _CHANNEL_CLAIMS:
            claims.append((_CHANNEL_CLAIMS[channel[:2]], channel))
        claims.extend(self._timing(account_sid, exp, nbf))
        return claims

    def _claims_json(self, now, exp, nbf):
        # _claims in one format.
        account_sid, workspace_sid, channel = self._sids()
        return ('{"account_sid":"%s","workspace_sid":"%s","channel":"%s","version":%s,'
                '"friendly_name":"%s","policies":[%s]%s,"iss":"%s","exp":%d%s}' % (
                    account_sid, workspace_sid, channel, string(self.VERSION), channel,
                    ",".join([_policy_json(policy, index)
                              for index, policy in enumerate(self._policies)]),
                    ',"%s":"%s"' % (_CHANNEL_CLAIMS[channel[:2]], channel)
                    if channel[:2] in _CHANNEL_CLAIMS else "",
                    account_sid, exp, "" if nbf is None else ',"nbf":%d' % nbf)).encode("ascii")

    def _sids(self):
        # Checked again when signing, as AccessToken does: the attributes are public.
        return (check_sid(self.account_sid, "AC", "account_sid", CredentialsError),
                check_sid(self.workspace_sid, "WS", "workspace_sid", InvalidValueError),
                check_sid(self.channel_id, self.channel_prefix, self._CHANNEL_ARGUMENT,
                          InvalidValueError))

    def _describe(self):
        return [("account_sid", self.account_sid), ("workspace_sid", self.workspace_sid),
                ("channel_id", self.channel_id), ("policies", len(self._policies))]


def _usual_policy(policy):
    """``(url, method, allow)`` of the usual policy (printable Python 3 text, a bool, two
    empty dicts), or None for ``_check_policy`` to judge."""
    if policy.__class__ is dict and len(policy) == 5:
        url, method, allow = policy.get("url"), policy.get("method"), policy.get("allow")
        query_filter, post_filter = policy.get("query_filter"), policy.get("post_filter")
        if (url.__class__ is PY3_STR and url and url.isprintable()
                and method.__class__ is PY3_STR and method and method.isprintable()
                and allow.__class__ is bool and query_filter.__class__ is dict
                and not query_filter and post_filter.__class__ is dict and not post_filter):
            return url, method, allow
    return None


def _policy_json(policy, index):
    """Policy ``index``, checked, as JSON text: the usual one written directly."""
    usual = _usual_policy(policy)
    if usual is not None:
        return '{"url":%s,"method":%s,"allow":%s,"query_filter":{},"post_filter":{}}' % (
            string(usual[0]), string(usual[1]), "true" if usual[2] else "false")
    return raw(_check_policy(policy, "policies[%d]" % index))


def _check_policy(policy, what):
    """A policy's members in twilio-python's order (fixed, so Python 2 agrees)."""
    usual = _usual_policy(policy)
    if usual is not None:
        return Members([("url", usual[0]), ("method", usual[1]), ("allow", usual[2]),
                        ("query_filter", Members()), ("post_filter", Members())])
    # Compared as sets: sorting would raise TypeError on a bytes key next to text ones.
    if not isinstance(policy, dict) or set(policy) != _POLICY_KEY_SET:
        raise InvalidValueError("%s must be a dict with exactly the keys %s"
                                % (what, ", ".join(_POLICY_KEYS)))
    for name in ("url", "method"):
        if not text(policy[name], "%s[%r]" % (what, name)):
            raise InvalidValueError("%s[%r] is empty" % (what, name))
    if not isinstance(policy["allow"], bool):
        raise InvalidTypeError("%s['allow'] must be True or False" % what)
    for name in ("query_filter", "post_filter"):
        if not isinstance(policy[name], dict):
            raise InvalidTypeError("%s[%r] must be a dict" % (what, name))
    return Members((name, jsonable(policy[name], "%s[%r]" % (what, name)))
                   for name in _POLICY_KEYS)


def _check_channel(channel_id):
    """A worker, task queue or workspace SID, the kinds of TaskRouter event channel."""
    prefix = text(channel_id, "channel_id")[:2]
    if prefix not in ("WK", "WQ", "WS"):
        raise InvalidValueError("channel_id must be a worker (WK), task queue (WQ) or "
                                "workspace (WS) SID")
    return check_sid(channel_id, str(prefix), "channel_id", InvalidValueError)


def policy_sources(token_class, claims):
    """For each policy of decoded ``claims``, the ``allow_*`` method of
    ``token_class`` that makes it, or None (a policy made some other way).

    >>> policy_sources(WorkerCapabilityToken, claims)  # doctest: +SKIP
    ['allow_web_sockets', 'allow_web_sockets', 'allow_fetch_self', ...]
    """
    policies = claims.get("policies")
    if not isinstance(policies, list):
        return []
    account_sid = claims.get("account_sid")
    if not isinstance(account_sid, text_type):  # None would mean "from the environment"
        return [None] * len(policies)
    token = token_class.__new__(token_class)
    try:
        # Every flag off, a placeholder key: the token only lends its allow_* methods.
        TaskRouterCapabilityToken.__init__(
            token, account_sid, b"-", claims.get("workspace_sid"), claims.get("channel"),
            **dict((name, False) for name, _ in token_class._FLAGS))
    except CapabilityError:
        return [None] * len(policies)
    makers = {}
    for name, _ in token_class._FLAGS:
        token.policies = []
        getattr(token, name)()
        for policy in token.policies:
            makers.setdefault(_policy_bytes(policy), name)
    return [makers.get(_policy_bytes(policy)) for policy in policies]


def _policy_bytes(policy):
    try:
        return encode(_check_policy(policy, "policy"))
    except CapabilityError:
        return None


class WorkerCapabilityToken(TaskRouterCapabilityToken):
    """For TaskRouter's worker SDK: ``WorkerCapabilityToken(sid, token, "WS...", "WK...")``.

    By default it may use its event channel, fetch itself, the workspace's
    activities, tasks and its own reservations.
    """

    channel_prefix = "WK"
    _CHANNEL_ARGUMENT = "worker_sid"
    _FLAGS = TaskRouterCapabilityToken._FLAGS + (
        ("allow_fetch_activities", True), ("allow_fetch_reservations", True),
        ("allow_fetch_worker_reservations", True), ("allow_update_activities", False),
        ("allow_update_reservations", False))

    def __init__(self, account_sid, auth_token, workspace_sid, worker_sid, ttl=3600, **kwargs):
        TaskRouterCapabilityToken.__init__(self, account_sid, auth_token, workspace_sid,
                                           worker_sid, ttl=ttl, **kwargs)

    @property
    def resource_url(self):
        return "%s/Workers/%s" % (self.workspace_url, self.channel_id)

    def allow_fetch_activities(self):
        self._allow(self.workspace_url + "/Activities", "GET")

    def allow_fetch_reservations(self):
        self._allow(self.workspace_url + "/Tasks/**", "GET")

    def allow_fetch_worker_reservations(self):
        self._allow(self.resource_url + "/Reservations/**", "GET")

    def allow_update_activities(self):
        """Let the worker change its activity (the request must name an ``ActivitySid``)."""
        self._allow(self.resource_url, "POST", {"ActivitySid": {"required": True}})

    def allow_update_reservations(self):
        self._allow(self.workspace_url + "/Tasks/**", "POST")
        self._allow(self.resource_url + "/Reservations/**", "POST")


class TaskQueueCapabilityToken(TaskRouterCapabilityToken):
    """For one task queue: ``TaskQueueCapabilityToken(sid, token, "WS...", "WQ...")``."""

    channel_prefix = "WQ"
    _CHANNEL_ARGUMENT = "task_queue_sid"

    def __init__(self, account_sid, auth_token, workspace_sid, task_queue_sid, ttl=3600,
                 **kwargs):
        TaskRouterCapabilityToken.__init__(self, account_sid, auth_token, workspace_sid,
                                           task_queue_sid, ttl=ttl, **kwargs)

    @property
    def resource_url(self):
        return "%s/TaskQueues/%s" % (self.workspace_url, self.channel_id)


class WorkspaceCapabilityToken(TaskRouterCapabilityToken):
    """For a whole workspace: ``WorkspaceCapabilityToken(account_sid, auth_token, "WS...")``."""

    channel_prefix = "WS"
    _CHANNEL_ARGUMENT = "workspace_sid"

    def __init__(self, account_sid, auth_token, workspace_sid, ttl=3600, **kwargs):
        TaskRouterCapabilityToken.__init__(self, account_sid, auth_token, workspace_sid,
                                           workspace_sid, ttl=ttl, **kwargs)

    @property
    def resource_url(self):
        return self.workspace_url
