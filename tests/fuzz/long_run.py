"""The long fuzz run: mutate the seed folders N times and count crashes.

    python tests/fuzz/long_run.py --count 20000 [--seed 1] [--keep crashes/]

Unlike the hypothesis test it does not stop at the first crash: it counts them and
keeps each crashing folder under ``--keep`` to replay with ``tl.load(folder)``.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from fuzz.mutations import (
    RandomChooser,
    check_load,
    mutate_folder,
    read_folder,
    seed_folders,
    write_folder,
)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, default=Path("fuzz-crashes"))
    args = parser.parse_args()
    rng = random.Random(args.seed)
    chooser = RandomChooser(rng)
    seeds = [read_folder(folder) for folder in seed_folders()]
    outcomes: Counter[str] = Counter()
    crashes: Counter[str] = Counter()
    slowest = 0.0
    started = time.perf_counter()
    for number in range(args.count):
        files, names = mutate_folder(rng.choice(seeds), chooser)
        with tempfile.TemporaryDirectory() as tmp:
            write_folder(Path(tmp), files)
            began = time.perf_counter()
            try:
                outcomes[check_load(Path(tmp))] += 1
            except BaseException as exc:
                if isinstance(exc, KeyboardInterrupt):
                    raise
                outcomes["crash"] += 1
                kind = f"{type(exc).__name__}: {str(exc)[:120]}"
                crashes[kind] += 1
                if crashes[kind] == 1:
                    kept = args.keep / f"crash-{number}"
                    write_folder(kept, files)
                    (kept / "MUTATIONS.txt").write_text(
                        "\n".join(names) + "\n\n" + traceback.format_exc(), encoding="utf-8")
            slowest = max(slowest, time.perf_counter() - began)
    elapsed = time.perf_counter() - started
    print(f"tried {args.count} mutated folders in {elapsed:.0f}s "
          f"(slowest load {slowest:.2f}s): {dict(outcomes)}")
    for kind, count in crashes.most_common():
        print(f"  {count} x {kind}")
    return 1 if crashes else 0


if __name__ == "__main__":
    raise SystemExit(main())
