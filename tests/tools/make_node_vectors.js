// Make tests/vectors/twilio_node_tokens.json with twilio-node itself.
//
//   mkdir -p /tmp/node-oracle && cd /tmp/node-oracle && npm init -y && npm install twilio
//   NODE_PATH=/tmp/node-oracle/node_modules node tests/tools/make_node_vectors.js
//
// twilio-node's style: jsonwebtoken adds "iat", querystring.escape writes a
// space as %20, event-stream filters go under appParams, and a scope added
// twice appears twice. Every token is what ClientCapability.toJwt() returned
// with the clock frozen; nothing is written by hand.
"use strict";
const fs = require("fs");
const path = require("path");

const NOW = 1700000000;
const RealDate = Date;
global.Date = class extends RealDate {
  constructor(...args) { if (args.length === 0) { super(NOW * 1000 + 750); } else { super(...args); } }
  static now() { return NOW * 1000 + 750; }
};

const twilio = require("twilio");
const ClientCapability = twilio.jwt.ClientCapability;
const ACCOUNT_SID = "AC0123456789abcdef0123456789abcdef";
const AUTH_TOKEN = "abcdefghijklmnopqrstuvwxyz012345";
const APP = "APfedcba9876543210fedcba9876543210";

function make(scopes, ttl) {
  const cap = new ClientCapability({ accountSid: ACCOUNT_SID, authToken: AUTH_TOKEN, ttl: ttl });
  scopes.forEach((scope) => cap.addScope(scope));
  return cap.toJwt();
}

const incoming = (name) => new ClientCapability.IncomingClientScope(name);
const outgoing = (options) => new ClientCapability.OutgoingClientScope(options);
const events = (filters) => new ClientCapability.EventStreamScope(filters);

const CASES = [
  ["incoming alice", [incoming("alice")]],
  ["outgoing, no params", [outgoing({ applicationSid: APP })]],
  ["outgoing with clientName and params (space as %20)",
   [outgoing({ applicationSid: APP, clientName: "alice", params: { user_id: "42", b: "x y", c: "a+b&c=d~!*'()" } })]],
  ["outgoing, non-ASCII param", [outgoing({ applicationSid: APP, params: { name: "Zo\u00eb \u6771\u4eac" } })]],
  ["event stream, no filters (raw slashes in path)", [events()]],
  ["event stream filters under appParams", [events({ CallSid: "CA1", Status: "ringing" })]],
  ["incoming, outgoing and events, ttl 600",
   [incoming("bob"), outgoing({ applicationSid: APP, clientName: "bob" }), events()], 600],
];

const tokens = CASES.map(([label, scopes, ttl]) => {
  const token = make(scopes, ttl);
  const [header, payload] = token.split(".").slice(0, 2).map(
    (part) => Buffer.from(part, "base64url").toString("utf8"));
  return { label: label, token: token, header: header, payload: payload };
});

const twilioVersion = require("twilio/package.json").version;
const jwtVersion = require("jsonwebtoken/package.json").version;
const data = {
  about: "Client capability tokens made by twilio-node's ClientCapability.toJwt() with the clock " +
         "frozen at issued_at + 0.75 s, signed with auth_token; regenerate with " +
         "tests/tools/make_node_vectors.js.",
  generator: "twilio-node " + twilioVersion + ", jsonwebtoken " + jwtVersion + ", Node.js " + process.version,
  auth_token: AUTH_TOKEN,
  issued_at: NOW,
  tokens: tokens,
};
const out = path.join(__dirname, "..", "vectors", "twilio_node_tokens.json");
fs.writeFileSync(out, JSON.stringify(data, null, 1) + "\n");
console.log("wrote " + tokens.length + " tokens to " + out);
