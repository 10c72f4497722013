"""What every benchmark shares: interleaved rounds, medians, the machine's name.

Runs on every interpreter the library supports (2.7 too), so: no f-strings.
Shared machines are noisy, so contestants run round by round, each round in
a rotated order, and the figure that counts is the median over rounds of
each contestant's time divided by the reference's time in the same round.
"""
from __future__ import division, print_function

import gc
import json
import os
import platform
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
# The capability in this checkout, not an installed one; run.py points
# CAPABILITY_BENCH_ROOT at an older revision to compare with it.
CAPABILITY_ROOT = os.environ.get("CAPABILITY_BENCH_ROOT") or ROOT
if CAPABILITY_ROOT not in sys.path:
    sys.path.insert(0, CAPABILITY_ROOT)

clock = getattr(time, "perf_counter", time.time)


def median(values):
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return ordered[middle]
    return (ordered[middle - 1] + ordered[middle]) / 2


def interleave(contestants, rounds, number):
    """{name: [seconds per call, one per round]}; ``contestants`` is [(name, callable)]."""
    times = dict((name, []) for name, _ in contestants)
    for name, func in contestants:  # warm up: first calls fill caches and PyPy's JIT
        for _ in range(number):
            func()
    for round_number in range(rounds):
        shift = round_number % len(contestants)
        order = contestants[shift:] + contestants[:shift]
        for name, func in order:
            gc.disable()  # a collection would land on whichever contestant it found
            start = clock()
            for _ in range(number):
                func()
            elapsed = clock() - start
            gc.enable()
            times[name].append(elapsed / number)
    return times


def summarize(contestants, times, reference):
    """[(name, median seconds, median of per-round ratios to ``reference``)]."""
    rows = []
    for name, _ in contestants:
        samples = times[name]
        ratios = [mine / ref for mine, ref in zip(samples, times[reference])]
        rows.append((name, median(samples), median(ratios)))
    return rows


def ratio(mine, reference):
    """Median over rounds of ``mine`` divided by ``reference`` in the same round."""
    return median([a / b for a, b in zip(mine, reference)])


def report(benchmark, rows, notes=(), **settings):
    """Print one benchmark's result (``emit``) with the interpreter, machine and date."""
    result = {"benchmark": benchmark, "interpreter": interpreter(), "machine": machine(),
              "date": time.strftime("%Y-%m-%d"), "notes": list(notes), "rows": rows}
    result.update(settings)
    emit(result)


def interpreter():
    """``CPython 3.11.7`` and the like."""
    return "%s %s" % (platform.python_implementation(), platform.python_version())


def machine():
    """CPU model, cores and OS, for the results table."""
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo") as cpuinfo:
            for line in cpuinfo:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except (IOError, OSError):
        pass
    cores = os.sysconf("SC_NPROCESSORS_ONLN") if hasattr(os, "sysconf") else "?"
    return "%s, %s cores, %s %s" % (model, cores, platform.system(), platform.release())


def cell(value):
    if isinstance(value, float):
        return "%.3g" % value if value < 100 else "%.0f" % value
    return str(value)


def markdown_table(rows):
    """Rows (dicts) as a Markdown table, columns in first-seen order."""
    columns = []
    for row in rows:
        columns.extend(key for key in row if key not in columns)
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        lines.append("| " + " | ".join(cell(row.get(key, "")) for key in columns) + " |")
    return "\n".join(lines)


def emit(result):
    """Print the result as one JSON line (for run.py) or as a table (for a person)."""
    if "--json" in sys.argv:
        print(json.dumps(result))
        return
    print("%s on %s, %s" % (result["benchmark"], result["interpreter"], result["machine"]))
    for note in result.get("notes", []):
        print("note: " + note)
    for key, value in result.items():
        if isinstance(value, list) and value and isinstance(value[0], dict):
            print("%s:\n%s" % (key, markdown_table(value)))
