"""Are the Karakhan Manifestos valid? Both declarations, every stance, six key dates.

Prints a table of statuses, then the trace of the most disputed case (the
target and date on which the stances give the most distinct answers) and where
the two furthest-apart readings part.

Run: ``python examples/karakhan_validity.py``
"""

from __future__ import annotations

import treatylogic as tl

MANIFESTOS = ("karakhan-1919", "karakhan-1920")
DATES = ("1919", "1921", "1924", "1953", "1991", "2024")


def status_table(corpus: tl.Corpus) -> dict[tuple[str, str], dict[str, tl.Status]]:
    """``{(target, date): {stance: status}}`` for every manifesto and key date."""
    return {(target, at): {s: r.status for s, r in corpus.compare(target, at).items()}
            for target in MANIFESTOS for at in DATES}


def render_table(corpus: tl.Corpus, table: dict) -> str:
    """One block per manifesto: a row per stance, a column per date."""
    stances = sorted(corpus.stances)
    lines = []
    for target in MANIFESTOS:
        lines.append(f"{target}: {corpus.instruments[target].title}")
        lines.append(f"  {'stance':<10}" + "".join(f"{at:>14}" for at in DATES))
        for stance in stances:
            cells = "".join(f"{table[target, at][stance].value:>14}" for at in DATES)
            lines.append(f"  {stance:<10}{cells}")
        lines.append("")
    return "\n".join(lines)


def most_disputed(table: dict) -> tuple[str, str]:
    """The (target, date) with the most distinct statuses; the latest date wins ties."""
    def weight(key: tuple[str, str]) -> tuple[int, str, bool]:
        return len(set(table[key].values())), key[1], key[0] == MANIFESTOS[0]

    return max(table, key=weight)


def main() -> None:
    corpus = tl.load()
    table = status_table(corpus)
    print("Status of the Karakhan Manifestos by stance (a year means its last day)\n")
    print(render_table(corpus, table))
    target, at = most_disputed(table)
    statuses = table[target, at]
    print(f"Most disputed: {target} at {at}, {len(set(statuses.values()))} distinct statuses: "
          + ", ".join(f"{s}={v.value}" for s, v in sorted(statuses.items())))
    print()
    print(corpus.resolve(target, "roc", at).explain())
    print()
    print(corpus.diff(target, "roc", "russia", at))


if __name__ == "__main__":
    main()
