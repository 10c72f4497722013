"""decode with several keys (rotation), bound to an account (issue 10, items 11-12)."""
import json
import unittest

import capability

from .support import SecretFileCase, frozen_clock, load_vectors, write_secret
from .test_cli import KEY, SID, run

ACCESS = load_vectors("access_token.json")
SECONDARY = "zyxwvutsrqponmlkjihgfedcba987654"
OTHER = "AC" + "f" * 32
NOW = 1700000000


def token(key=KEY, account_sid=SID):
    cap = capability.Capability(account_sid, key)
    cap.allow_client_incoming("alice")
    with frozen_clock(NOW):
        return cap.generate()


def decoded(argv, env):
    with frozen_clock(NOW):
        status, out, err = run(argv, env)
    return status, json.loads(out) if out else None, err


class RotationTest(SecretFileCase):

    def test_a_secondary_key_from_the_environment(self):
        signed = token(SECONDARY)
        rows = [
            ({"TWILIO_AUTH_TOKEN": KEY, "TWILIO_AUTH_TOKEN_SECONDARY": SECONDARY}, 0, ""),
            ({"TWILIO_AUTH_TOKEN": SECONDARY, "TWILIO_AUTH_TOKEN_SECONDARY": KEY}, 0, ""),
            ({"TWILIO_AUTH_TOKEN": KEY}, 1, "capability: signature does not match the key "
                                            "(altered, forged, or signed with another auth "
                                            "token)\n"),
            ({"TWILIO_AUTH_TOKEN": KEY, "TWILIO_AUTH_TOKEN_SECONDARY": "another"}, 1,
             "capability: signature matches none of the 2 keys (altered, forged, or signed "
             "with another auth token)\n"),
        ]
        for env, status, message in rows:
            got, report, err = decoded(["decode", signed], env)
            self.assertEqual((got, err), (status, message), env)
            self.assertIs(report["valid"], status == 0)

    def test_a_secondary_without_a_primary_is_a_configuration_error(self):
        status, report, err = decoded(["decode", token()], {"TWILIO_AUTH_TOKEN_SECONDARY": KEY})
        self.assertEqual((status, report, err), (2, None, "capability: error: "
                                                          "TWILIO_AUTH_TOKEN_SECONDARY is set "
                                                          "but TWILIO_AUTH_TOKEN is not; set the "
                                                          "primary too\n"))

    def test_one_key_a_line_in_the_file(self):
        write_secret(self.path, "%s\r\n%s" % (KEY, SECONDARY))
        for key in (KEY, SECONDARY):
            status, report, err = decoded(["decode", token(key), "--auth-token-file", self.path],
                                          {})
            self.assertEqual((status, err, report["verified"]), (0, "", True))
        write_secret(self.path, "%s\n\n%s" % (KEY, SECONDARY))
        status, report, err = decoded(["decode", token(), "--auth-token-file", self.path], {})
        self.assertEqual((status, err), (2, "capability: error: the auth token on line 2 of "
                                            "--auth-token-file is empty\n"))
        write_secret(self.path, "%s\n %s" % (KEY, SECONDARY))
        status, report, err = decoded(["decode", token(), "--auth-token-file", self.path], {})
        self.assertEqual((status, err), (2, "capability: error: the auth token on line 2 of "
                                            "--auth-token-file has leading or trailing "
                                            "whitespace (a newline from a file?)\n"))

    def test_the_first_key_signs(self):
        write_secret(self.path, "%s\n%s" % (SECONDARY, KEY))
        with frozen_clock(NOW):
            status, out, err = run(["generate", "--incoming", "alice", "--auth-token-file",
                                    self.path], {"TWILIO_ACCOUNT_SID": SID})
        self.assertEqual((status, err), (0, ""))
        self.assertEqual(out, token(SECONDARY) + "\n")


class AccountTest(unittest.TestCase):

    def test_the_token_must_belong_to_the_account(self):
        access = [case for case in ACCESS["cases"]
                  if case["label"] == "voice: incoming only"][0]["token"]
        access_env = {"TWILIO_API_SECRET": ACCESS["secret"]}
        rows = [
            (["decode", token()], {"TWILIO_AUTH_TOKEN": KEY, "TWILIO_ACCOUNT_SID": SID}, NOW,
             None),
            (["decode", token(), "--account-sid", SID], {"TWILIO_AUTH_TOKEN": KEY}, NOW, None),
            (["decode", token()], {"TWILIO_AUTH_TOKEN": KEY, "TWILIO_ACCOUNT_SID": OTHER}, NOW,
             "iss"),
            (["decode", token(), "--account-sid", OTHER],
             {"TWILIO_AUTH_TOKEN": KEY, "TWILIO_ACCOUNT_SID": SID}, NOW, "iss"),
            (["decode", access, "--account-sid", OTHER], access_env, ACCESS["now"], "sub"),
            (["decode", access, "--account-sid", ACCESS["account_sid"]], access_env,
             ACCESS["now"], None),
        ]
        for argv, env, now, claim in rows:
            with frozen_clock(now):
                status, out, err = run(argv, env)
            report = json.loads(out)
            self.assertIs(report["verified"], True, argv)
            if claim is None:
                self.assertEqual((status, err, report["valid"]), (0, "", True), argv)
                continue
            message = ("token belongs to another account: its %s is not the account_sid "
                       "given" % claim)
            self.assertEqual((status, err), (1, "capability: %s\n" % message), argv)
            self.assertEqual(report["error"], {"class": "WrongAccountError", "message": message})

    def test_a_malformed_account_sid_is_a_configuration_error(self):
        rows = [
            (["decode", token(), "--account-sid", "AC1"], {"TWILIO_AUTH_TOKEN": KEY},
             "--account-sid must be 'AC' followed by 32 lower-case hex digits; the value given "
             "has 3 characters, not 34"),
            (["decode", token()], {"TWILIO_AUTH_TOKEN": KEY, "TWILIO_ACCOUNT_SID": SID + " "},
             "TWILIO_ACCOUNT_SID has leading or trailing whitespace"),
        ]
        for argv, env, message in rows:
            status, report, err = decoded(argv, env)
            self.assertEqual((status, report, err), (2, None, "capability: error: %s\n" % message))


if __name__ == "__main__":
    unittest.main()
