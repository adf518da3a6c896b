"""What became of the 1945 Sino-Soviet treaty and its Mongolian provision, stance by stance.

For each stance, the timeline of the treaty and of the notes on Outer
Mongolia: superseded by the 1950 PRC-USSR treaty for Moscow and Beijing,
terminated by the ROC's Legislative Yuan on 24 February 1953. Source text 002
also reports UN Resolution 505 (1 February 1952), which found the Soviet breach,
but never links the vote to it: the rules invoke it as the vote's grounds as a
marked modelling judgement, and the trace says so. Last, what the 1945 treaty's
joint control of the railway did to the 1924 agreement's Soviet control.

Run: ``python examples/treaty_1945_fate.py``
"""

from __future__ import annotations

import itertools

import treatylogic as tl

TARGETS = ("sino-soviet-1945", "sino-soviet-1945#mongolia-independence")
RAILWAY_1924 = "sino-soviet-1924#cer-soviet-control"
JUDGEMENT = "[modelling judgement:"


def describe(timeline: tl.Timeline) -> list[str]:
    """One line per interval: 'from – to  status'."""
    lines = []
    for interval in timeline.intervals:
        start = interval.start.isoformat() if interval.start else "…"
        end = interval.end.isoformat() if interval.end else "today"
        lines.append(f"    {start:>10} – {end:<10}  {interval.status.value}")
    return lines


def decisive_step(corpus: tl.Corpus, target: str, stance: str) -> str:
    """The last step of today's trace that changed the status, as one line."""
    trace = corpus.resolve(target, stance).trace
    changes = [step for before, step in itertools.pairwise(trace)
               if step.status != before.status]
    if not changes:
        return ""
    step = changes[-1]
    rule = f" by rule {step.rule}" if step.rule else ""
    judged = " (a modelling judgement: see the trace)" if JUDGEMENT in step.reason else ""
    return f"    why: {step.effect or step.kind.value} {step.verdict.value}{rule}{judged}"


def main() -> None:
    corpus = tl.load()
    for target in TARGETS:
        print(f"{target}")
        for stance in sorted(corpus.stances):
            print(f"  under {stance}:")
            print("\n".join(describe(corpus.timeline(target, stance))))
            why = decisive_step(corpus, target, stance)
            if why:
                print(why)
        print()
    print(corpus.resolve("sino-soviet-1945", "roc", "1953-02-24").explain())
    print()
    print(f"{RAILWAY_1924} in 1960, stance by stance:")
    for stance, result in corpus.compare(RAILWAY_1924, "1960").items():
        print(f"  {stance:<10} {result.status.value}")


if __name__ == "__main__":
    main()
