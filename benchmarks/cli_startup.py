"""Benchmark the CLI's start-up (not a test).

Times, in one run and as a user waits for them (a fresh process each time, the median of
several): ``python -c pass`` (the floor), ``tradewar --help``, a ledger query
(``tradewar tariff``) on the bundled data, and importing every command module at once (what
the CLI did before commands were loaded lazily).  Prints each wall time and its ratio to the
floor.

Run: ``.venv/bin/python benchmarks/cli_startup.py [--repeats 7]``.
Targets (issue 16): ``--help`` under 0.5 s, ``tariff`` under 1 s.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

TARIFF = [
    "tariff",
    "--importer",
    "USA",
    "--exporter",
    "CHN",
    "--hs",
    "950300",
    "--on",
    "2025-05-20",
]
EAGER_IMPORT = (
    "from tradewar.cli.app import COMMANDS, module_commands\n"
    "for m in dict.fromkeys(e.module for e in COMMANDS.values()): module_commands(m)"
)


def wall_time(argv: list[str], env: dict[str, str], repeats: int) -> float:
    """Median wall-clock seconds of ``argv`` run ``repeats`` times, each in a fresh process."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    tradewar = str(Path(sys.executable).with_name("tradewar"))
    with tempfile.TemporaryDirectory() as tmp:
        env = {**os.environ, "TRADEWAR_DATABASE_URL": f"sqlite:///{tmp}/ledger.sqlite"}
        subprocess.run([tradewar, *TARIFF], env=env, check=True, stdout=subprocess.DEVNULL)
        floor = wall_time([sys.executable, "-c", "pass"], env, args.repeats)
        rows = [
            ("tradewar --help", wall_time([tradewar, "--help"], env, args.repeats), 0.5),
            (
                "tradewar tariff (bundled ledger)",
                wall_time([tradewar, *TARIFF], env, 1 + args.repeats // 2),
                1.0,
            ),
            (
                "import every command module (eager)",
                wall_time([sys.executable, "-c", EAGER_IMPORT], env, 3),
                None,
            ),
        ]
    print(f"{'python -c pass':<40} {floor:7.3f} s")
    failed = False
    for label, seconds, target in rows:
        verdict = ""
        if target is not None:
            met = seconds < target
            failed |= not met
            verdict = f"target < {target} s: {'met' if met else 'NOT met'}"
        print(f"{label:<40} {seconds:7.3f} s  {seconds / floor:6.1f}x python -c pass  {verdict}")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
