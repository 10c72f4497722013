"""Run every benchmark on every interpreter and write benchmarks/RESULTS.md: one command.

    python3 benchmarks/run.py [--quick] [--python LABEL_OR_PATH ...] [--output FILE]
                              [--baseline REV]

Interpreters default to pyenv's CPython 3.11, 2.7, 3.6 and 3.13, and PyPy
(``pypy3`` on PATH, passed over when missing); the Lambda cold start also runs
on CPython 3.9 and 3.12. For each, the peers (twilio-python 9.13.0, PyJWT 2.x)
go in a venv under $CAPABILITY_BENCH_VENVS (default /tmp/capability-bench),
made here with pip on first use; where they cannot be installed (Python 2.7;
twilio on 3.6) their rows are left out and the notes say so. Nothing is
installed into the interpreters themselves, and capability is this checkout,
except in the scale comparison, which also runs ``--baseline`` (a git
revision, default the main branch before issue 11) exported to a temporary folder.

The goals of issue 11 are checked for CPython 3.11 (cold start: 3.9, 3.12,
3.13) at the top of the output.
"""
from __future__ import division, print_function

import glob
import json
import os
import re
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import cold_start  # noqa: E402
from bench import ROOT, machine, markdown_table, median  # noqa: E402

VENVS = os.environ.get("CAPABILITY_BENCH_VENVS", "/tmp/capability-bench")
DEFAULT = ["3.11", "2.7", "3.6", "3.13", "pypy3"]
LAMBDA_ONLY = ["3.9", "3.12"]  # cold start as Lambda pays it; 3.11 and 3.13 run it with the rest
LAMBDA_GOAL = ["3.9", "3.12", "3.13"]
BASELINE = "d062952"  # main before issue 11: the scale goal is "not slower than this"
# Each peer with the versions to try in turn: PyJWT 2.4+ needs Python 3.7+.
PEERS = [("twilio==9.13.0",), ("PyJWT>=2,<3", "PyJWT>=2,<2.4")]
GOAL_INTERPRETER = "3.11"


def find_python(label):
    """Path of an interpreter given as ``3.11``, ``pypy3`` or a path."""
    if os.path.sep in label:
        return label
    if label.startswith("pypy"):
        for directory in os.environ.get("PATH", "").split(os.pathsep):
            if os.path.exists(os.path.join(directory, label)):
                return os.path.join(directory, label)
        return None
    root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    paths = glob.glob(os.path.join(root, "versions", label + ".*", "bin", "python"))
    paths.sort(key=lambda p: [int(n) for n in re.findall(r"\d+", p.split("versions")[-1])])
    return paths[-1] if paths else None


def peer_python(label, python):
    """A venv's python with the peers installed, or the bare interpreter and a note."""
    if subprocess.call([python, "-c", "import venv, ensurepip"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL):
        return python, ["no venv module here: peers not installed, only capability and the "
                        "floor run"]
    venv = os.path.join(VENVS, re.sub(r"[^\w.]", "_", label))
    venv_python = os.path.join(venv, "bin", "python")
    stamp = os.path.join(venv, "peers.json")
    if not os.path.exists(stamp):
        print("setting up %s with the peers ..." % venv, file=sys.stderr)
        subprocess.check_call([python, "-m", "venv", venv])
        installed = []
        for versions in PEERS:  # one at a time: twilio 9.13 needs Python 3.7+
            for requirement in versions:
                if subprocess.call([venv_python, "-m", "pip", "install", "-q",
                                    "--disable-pip-version-check", requirement]) == 0:
                    installed.append(requirement)
                    break
        with open(stamp, "w") as f:
            json.dump(installed, f)
    with open(stamp) as f:
        installed = json.load(f)
    notes = ["pip could not install %s for this interpreter" % versions[0]
             for versions in PEERS if not set(versions) & set(installed)]
    notes += ["installed %s" % requirement for requirement in installed]
    return venv_python, notes


def run_script(python, name, extra):
    out = subprocess.check_output([python, "-s", "-E", os.path.join(HERE, name), "--json"] + extra,
                                  cwd=ROOT)
    return json.loads(out.decode("utf-8").strip().splitlines()[-1])


def benchmark(label, quick):
    python = find_python(label)
    if python is None:
        return None
    python, setup_notes = peer_python(label, python)
    fast = ["--rounds", "3", "--number", "300"] if quick else []
    results = {"setup_notes": setup_notes}
    for key, script in (("per_request", "per_request.py"), ("access_token", "access_token.py"),
                        ("decode", "decode.py")):
        print("%s: %s ..." % (label, key), file=sys.stderr)
        results[key] = run_script(python, script, fast)
    print("%s: work before the signature ..." % label, file=sys.stderr)
    results["prechecks"] = run_script(python, "prechecks.py",
                                      ["--rounds", "2", "--number", "20"] if quick else [])
    print("%s: scale ..." % label, file=sys.stderr)
    results["scale"] = run_script(python, "scale.py", ["--rounds", "2"] if quick else [])
    results["cold_start"] = cold(python, quick)
    results["interpreter"] = results["cold_start"]["interpreter"]
    return results


def cold(python, quick, everything=True):
    """Cold start rows: the checkout's (``everything``) and Lambda's; ``-X importtime``."""
    print("%s: cold start ..." % python, file=sys.stderr)
    version = cold_start.version_of(python)
    rounds = 6 if quick else 40
    rows, notes = cold_start.wall_times(python, rounds) if everything else ([], [])
    lambda_rows = []
    if re.match(r"CPython 3\.([7-9]|\d\d)", version):
        lambda_rows = cold_start.lambda_times(python, rounds)
    importtime = []
    if everything and re.match(r"CPython 3\.([7-9]|\d\d)", version):
        importtime = cold_start.import_times(python, 3 if quick else 15)
    return {"rows": rows, "notes": notes, "lambda": lambda_rows, "importtime": importtime,
            "interpreter": version}


def scale_against_baseline(label, baseline, quick):
    """Rows: us per token with 10**4 accounts round-robin, this checkout against ``baseline``.

    The two run in alternating processes; the ratio is the median of per-pair ratios.
    """
    import shutil
    import tarfile
    import tempfile
    python = find_python(label)
    if python is None:
        return []
    folder = tempfile.mkdtemp(prefix="capability-baseline-")
    try:
        archive = subprocess.check_output(["git", "archive", baseline, "capability"], cwd=ROOT)
        import io
        tarfile.open(fileobj=io.BytesIO(archive)).extractall(folder)
        script = os.path.join(HERE, "scale.py")
        times = {"this checkout": [], baseline: []}
        for _ in range(2 if quick else 5):
            for name, root in (("this checkout", ROOT), (baseline, folder)):
                env = dict(os.environ, CAPABILITY_BENCH_ROOT=root, PYTHONDONTWRITEBYTECODE="1")
                out = subprocess.check_output([python, "-s", script, "--json", "--rounds", "1"],
                                              cwd=folder, env=env)
                result = json.loads(out.decode("utf-8").strip().splitlines()[-1])
                times[name].append(row_of(result["rows"], "tokens", "10^4 tokens, 10^4 accounts")
                                   ["us per token"])
    finally:
        shutil.rmtree(folder)
    ratio = median([mine / theirs for mine, theirs in zip(times["this checkout"], times[baseline])])
    return [{"code": "this checkout", "10^4 accounts, us per token": median(times["this checkout"]),
             "vs " + baseline: ratio},
            {"code": baseline, "10^4 accounts, us per token": median(times[baseline])}]


def row_of(rows, key, name):
    for row in rows:
        if row[key] == name:
            return row
    return {}


def summary_row(results):
    per_request = row_of(results["per_request"]["rows"], "contestant", "capability")
    cold_rows = results["cold_start"]["rows"]
    lambda_row = row_of(results["cold_start"]["lambda"], "process", "json + layer + token")
    decode = row_of(results["decode"]["rows"], "decoder", "capability.decode")  # the first token
    access = row_of(results["access_token"]["rows"], "token", "VoiceGrant")
    return {
        "interpreter": results["interpreter"],
        "per request, us": per_request.get("us per token", ""),
        "vs twilio-python": per_request.get("vs twilio-python", "-"),
        "vs floor": per_request.get("vs floor", "-"),
        "Access Token + VoiceGrant vs twilio-python": access.get("vs twilio-python", "-"),
        "decode vs PyJWT": decode.get("vs PyJWT", "-"),
        "cold start vs bare": row_of(cold_rows, "process", "capability").get("vs bare", "-"),
        "Lambda cold start vs json only": lambda_row.get("vs json only", "-"),
    }


def goals(results, lambda_results, scale_rows):
    """Rows saying whether each goal of issue 11 is met."""
    summary = summary_row(results)
    checks = [("per request vs twilio-python", summary["vs twilio-python"], 0.15),
              ("per request vs the floor", summary["vs floor"], 1.2),
              ("Access Token + VoiceGrant vs twilio-python",
               summary["Access Token + VoiceGrant vs twilio-python"], 0.35),
              ("decode (capability token) vs PyJWT", summary["decode vs PyJWT"], 0.4)]
    for version, rows in lambda_results:
        checks.append(("Lambda cold start vs json only, %s" % version,
                       row_of(rows, "process", "json + layer + token").get("vs json only", "-"),
                       1.25))
    if scale_rows:
        baseline = scale_rows[1]["code"]
        checks.append(("10^4 accounts round-robin vs %s" % baseline,
                       scale_rows[0]["vs " + baseline], 1.0))
    rows = []
    for goal, value, limit in checks:
        met = "not measured" if not isinstance(value, float) else "yes" if value <= limit else "no"
        rows.append({"goal": goal, "at most": "%sx" % limit,
                     "measured": value if isinstance(value, float) else "-", "met": met})
    return rows


def section(label, results):
    lines = ["## %s" % results["interpreter"], ""]
    for note in results.get("setup_notes", []):
        lines.append("- " + note)
    for title, key, rows in [("Per request", "per_request", "rows"),
                             ("Access Tokens and TaskRouter", "access_token", "rows"),
                             ("Cold start (whole process, ms)", "cold_start", "rows"),
                             ("Lambda cold start (layer read-only, no bytecode writing, ms)",
                              "cold_start", "lambda"),
                             ("Scale", "scale", "rows"), ("Decode", "decode", "rows"),
                             ("Work before the signature (worst shapes vs a normal token)",
                              "prechecks", "rows")]:
        part = results.get(key)
        if not part or not part.get(rows):
            continue
        lines += ["", "### " + title, ""]
        if rows == "rows":
            lines += ["- " + note for note in part.get("notes", [])]
            if part.get("notes"):
                lines.append("")
        lines.append(markdown_table(part[rows]))
        if rows == "rows" and part.get("importtime"):
            lines += ["", "`-X importtime` of `import capability` (modules a bare start does "
                      "not load, median microseconds):", "", markdown_table(part["importtime"])]
    return lines


def main():
    quick = "--quick" in sys.argv
    output = sys.argv[sys.argv.index("--output") + 1] if "--output" in sys.argv else \
        os.path.join(HERE, "RESULTS.md")
    baseline = sys.argv[sys.argv.index("--baseline") + 1] if "--baseline" in sys.argv else BASELINE
    labels = [sys.argv[i + 1] for i, arg in enumerate(sys.argv) if arg == "--python"] or DEFAULT
    all_results = []
    for label in labels:
        results = benchmark(label, quick)
        if results is None:
            print("%s: not found, passed over" % label, file=sys.stderr)
            continue
        all_results.append((label, results))
    lambda_results = [(r["interpreter"], r["cold_start"]["lambda"]) for label, r in all_results
                      if label in LAMBDA_GOAL]
    for label in LAMBDA_ONLY if labels is DEFAULT else []:
        python = find_python(label)
        if python is not None:
            part = cold(python, quick, everything=False)
            all_results.append((label, {"interpreter": part["interpreter"], "cold_start": part}))
            lambda_results.append((part["interpreter"], part["lambda"]))
    lambda_results.sort(key=lambda pair: [int(n) for n in re.findall(r"\d+", pair[0])])
    print("%s: scale against %s ..." % (GOAL_INTERPRETER, baseline), file=sys.stderr)
    scale_rows = scale_against_baseline(GOAL_INTERPRETER, baseline, quick)
    lines = ["# Benchmark results", "",
             "Machine: %s, shared with other work while this ran: absolute times are noisy, the"
             " ratios much less. Date: %s. Made by `python3 benchmarks/run.py%s`; every comparison"
             " runs in one process (cold start: one driver), contestants interleaved round by"
             " round; figures are medians, ratios are medians of per-round ratios." % (
                 machine(), time.strftime("%Y-%m-%d"), " --quick" if quick else ""), ""]
    for label, results in all_results:
        if label == GOAL_INTERPRETER:
            lines += ["## Goals (%s; Lambda cold start on each version named)"
                      % results["interpreter"], "",
                      markdown_table(goals(results, lambda_results, scale_rows)), ""]
    lines += ["## Summary", "", markdown_table([summary_row(r) for _, r in all_results
                                                 if "per_request" in r]), ""]
    if scale_rows:
        lines += ["## Scale against %s (%s, alternating processes)" % (baseline, GOAL_INTERPRETER),
                  "", markdown_table(scale_rows), ""]
    for label, results in all_results:
        lines += section(label, results) + [""]
    with open(output, "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
