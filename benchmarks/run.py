"""Run every benchmark on every interpreter and write benchmarks/RESULTS.md.

    python3 benchmarks/run.py [--quick] [--python LABEL_OR_PATH ...] [--output FILE]

Interpreters default to pyenv's CPython 3.11, 2.7, 3.6 and 3.13 (``--python
pypy3`` adds PyPy). For each, the peers (twilio-python 9.13.0, PyJWT 2.x) go in
a venv under $CAPABILITY_BENCH_VENVS (default /tmp/capability-bench), made here
with pip on first use; where they cannot be installed (Python 2.7; twilio on
3.6) their rows are left out and the notes say so. Nothing is installed into
the interpreters themselves, and capability is always this checkout.

The goals of issue 5 are checked for CPython 3.11 at the top of the output.
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
from bench import ROOT, machine, markdown_table  # noqa: E402

VENVS = os.environ.get("CAPABILITY_BENCH_VENVS", "/tmp/capability-bench")
DEFAULT = ["3.11", "2.7", "3.6", "3.13"]
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
    print("%s: per request ..." % label, file=sys.stderr)
    results["per_request"] = run_script(python, "per_request.py", fast)
    print("%s: decode ..." % label, file=sys.stderr)
    results["decode"] = run_script(python, "decode.py", fast)
    print("%s: work before the signature ..." % label, file=sys.stderr)
    results["prechecks"] = run_script(python, "prechecks.py",
                                      ["--rounds", "2", "--number", "20"] if quick else [])
    print("%s: scale ..." % label, file=sys.stderr)
    results["scale"] = run_script(python, "scale.py", ["--rounds", "2"] if quick else [])
    print("%s: cold start ..." % label, file=sys.stderr)
    rows, notes = cold_start.wall_times(python, 6 if quick else 40)
    version = cold_start.version_of(python)
    importtime = []
    if re.match(r"CPython 3\.([7-9]|\d\d)", version):
        importtime = cold_start.import_times(python, 3 if quick else 15)
    results["cold_start"] = {"rows": rows, "notes": notes, "importtime": importtime}
    results["interpreter"] = version
    return results


def row_of(rows, key, name):
    for row in rows:
        if row[key] == name:
            return row
    return {}


def summary_row(results):
    per_request = row_of(results["per_request"]["rows"], "contestant", "capability")
    cold = results["cold_start"]["rows"]
    decode = row_of(results["decode"]["rows"], "decoder", "capability.decode")
    return {
        "interpreter": results["interpreter"],
        "per request, us": per_request.get("us per token", ""),
        "vs twilio-python": per_request.get("vs twilio-python", "-"),
        "vs PyJWT": per_request.get("vs PyJWT", "-"),
        "vs floor": per_request.get("vs floor", "-"),
        "cold start vs bare": row_of(cold, "process", "capability").get("vs bare", "-"),
        "twilio cold start vs bare": row_of(cold, "process", "twilio-python").get("vs bare", "-"),
        "decode vs PyJWT": decode.get("vs PyJWT", "-"),
    }


def goals(results):
    """Rows saying, for CPython 3.11, whether each goal of issue 5 is met."""
    summary = summary_row(results)
    checks = [("per request vs twilio-python", "vs twilio-python", 0.15),
              ("per request vs standard-library floor", "vs floor", 1.5),
              ("decode vs PyJWT", "decode vs PyJWT", 0.5),
              ("cold start (import + one token) vs bare interpreter", "cold start vs bare", 1.6)]
    rows = []
    for goal, key, limit in checks:
        value = summary[key]
        met = "not measured" if not isinstance(value, float) else "yes" if value <= limit else "no"
        rows.append({"goal": goal, "at most": "%sx" % limit,
                     "measured": value if isinstance(value, float) else "-", "met": met})
    return rows


def section(label, results):
    lines = ["## %s" % results["interpreter"], ""]
    for note in results["setup_notes"]:
        lines.append("- " + note)
    for title, key in [("Per request", "per_request"),
                       ("Cold start (whole process, ms)", "cold_start"),
                       ("Scale", "scale"), ("Decode", "decode"),
                       ("Work before the signature (worst shapes vs a normal token)",
                        "prechecks")]:
        part = results[key]
        lines += ["", "### " + title, ""]
        lines += ["- " + note for note in part.get("notes", [])]
        if part.get("notes"):
            lines.append("")
        if part["rows"]:
            lines.append(markdown_table(part["rows"]))
        if part.get("importtime"):
            lines += ["", "`-X importtime` of `import capability` (modules a bare start does "
                      "not load, median microseconds):", "", markdown_table(part["importtime"])]
    return lines


def main():
    quick = "--quick" in sys.argv
    output = sys.argv[sys.argv.index("--output") + 1] if "--output" in sys.argv else \
        os.path.join(HERE, "RESULTS.md")
    labels = [sys.argv[i + 1] for i, arg in enumerate(sys.argv) if arg == "--python"] or DEFAULT
    all_results = []
    for label in labels:
        results = benchmark(label, quick)
        if results is None:
            print("%s: not found, passed over" % label, file=sys.stderr)
            continue
        all_results.append((label, results))
    lines = ["# Benchmark results", "",
             "Machine: %s. Date: %s. Made by `python3 benchmarks/run.py%s`; every comparison "
             "runs in one process (cold start: one driver), contestants interleaved round by "
             "round; figures are medians, ratios are medians of per-round ratios." % (
                 machine(), time.strftime("%Y-%m-%d"), " --quick" if quick else ""), ""]
    for label, results in all_results:
        if label == GOAL_INTERPRETER:
            lines += ["## Goals (%s)" % results["interpreter"], "",
                      markdown_table(goals(results)), ""]
    lines += ["## Summary", "", markdown_table([summary_row(r) for _, r in all_results]), ""]
    for label, results in all_results:
        lines += section(label, results) + [""]
    with open(output, "w") as f:
        f.write("\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
