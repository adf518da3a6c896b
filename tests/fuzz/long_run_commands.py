"""The long run of the command property: draw N valid corpora, run every command, count failures.

    python tests/fuzz/long_run_commands.py --count 10000 [--classes extreme,open] [--keep DIR] [--every]
        [--minutes M]

Unlike ``test_commands.py`` it does not stop (or shrink) at the first failure: it
counts failures by command and first line of the error, and keeps the first
folder of each under ``--keep`` to replay. It prints a progress line every 100
corpora; ``--minutes`` stops it after that long, with the counts so far.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fuzz.test_commands import run_all
from fuzz.valid_corpora import CLASSES, Drawn, corpora, query_dates


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--classes", default="", help="comma-separated; default: mixed")
    parser.add_argument("--keep", type=Path, default=Path("command-failures"))
    parser.add_argument("--every", action="store_true",
                        help="also the commands test_commands.LEFT_OUT skips")
    parser.add_argument("--minutes", type=float, default=0.0,
                        help="stop after this long (0: run every corpus)")
    args = parser.parse_args()
    classes = tuple(c for c in args.classes.split(",") if c) or None
    unknown = set(classes or ()) - set(CLASSES)
    if unknown:
        parser.error(f"unknown classes {sorted(unknown)}; known: {', '.join(CLASSES)}")
    failures: Counter[str] = Counter()
    runs = [0]
    start = time.perf_counter()
    cpu = time.process_time()
    commands = [0]

    class OutOfTimeError(Exception):
        """The --minutes budget is spent."""

    @settings(max_examples=args.count, deadline=None, database=None, phases=[Phase.generate],
              suppress_health_check=list(HealthCheck))
    @given(drawn=corpora(classes), at=query_dates())
    def one(drawn: Drawn, at: str) -> None:
        if args.minutes and time.perf_counter() - start > args.minutes * 60:
            raise OutOfTimeError
        runs[0] += 1
        found = run_all(drawn, at, every=args.every, counted=commands)
        if runs[0] % 100 == 0:
            print(f"{runs[0]} corpora, {commands[0]} commands, {sum(failures.values())} "
                  f"failing, {time.perf_counter() - start:.0f} s", flush=True)
        for failure in found:
            command = failure.split(" -> ")[0].split(" ")[0]
            key = f"[{','.join(drawn.classes)}] {command}: {failure.strip().splitlines()[-1][:160]}"
            if key not in failures:
                folder = args.keep / f"failure-{len(failures)}"
                folder.mkdir(parents=True, exist_ok=True)
                for name, text in drawn.files.items():
                    (folder / name).write_text(text, encoding="utf-8")
                (folder / "AT").write_text(at + "\n" + failure, encoding="utf-8")
            failures[key] += 1

    try:
        one()
    except OutOfTimeError:
        print(f"stopped after {args.minutes:g} minutes")
    elapsed = time.perf_counter() - start
    print(f"{runs[0]} corpora, {commands[0]} commands, {sum(failures.values())} failing "
          f"commands, {len(failures)} distinct, {elapsed:.0f} s "
          f"({time.process_time() - cpu:.0f} s CPU)")
    for key, count in failures.most_common():
        print(f"{count:6d}  {key}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
