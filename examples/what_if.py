"""A counterfactual: what if the PRC officially declared the manifestos valid?

HYPOTHETICAL. The PRC has stated no official position on the Karakhan
Manifestos (source text 000). This script adds, in code only, an invented PRC
declaration that reaffirms both manifestos and rejects their annulment, and
shows which answers change, and why. Nothing here is in the bundled rules.

Run: ``python examples/what_if.py``
"""

from __future__ import annotations

import treatylogic as tl

MANIFESTOS = ("karakhan-1919", "karakhan-1920")
DECLARED = "2026-01-15"   # an invented date
ASK_AT = "2026"           # the end of 2026
HYPOTHETICAL = "HYPOTHETICAL: not a historical act (what_if.py)"


def hypothetical_declaration() -> tl.Instrument:
    """An invented PRC declaration reaffirming both manifestos."""
    effects = [tl.Effect(id=f"prc-reaffirms-{target}", kind="reaffirm", target=target,
                         sources=[HYPOTHETICAL]) for target in MANIFESTOS]
    return tl.Instrument(id="prc-declaration-hypothetical",
                         title="Hypothetical PRC declaration on the Karakhan Manifestos",
                         kind="declaration", form="unilateral", issuer="prc",
                         date=DECLARED, effects=effects, sources=[HYPOTHETICAL])


def prc_with_a_position(corpus: tl.Corpus) -> tl.Stance:
    """The PRC stance once it has a position: it rejects the annulment."""
    prc = corpus.stance("prc")
    reject = tl.Rule(id="hypothetical-manifestos-valid",
                     when=tl.Match(kind="annul", target=list(MANIFESTOS)),
                     then="reject", reason="(hypothetical) the PRC declares the manifestos valid",
                     sources=[HYPOTHETICAL])
    keep = tuple(ref for ref in prc.no_position
                 if ref not in (*MANIFESTOS, "ussr-annulment"))
    return prc.model_copy(update={"no_position": keep, "rules": (reject, *prc.rules)})


def answers(corpus: tl.Corpus) -> dict[tuple[str, str], tl.Resolution]:
    """``{(target, stance): Resolution}`` at ``ASK_AT``."""
    return {(target, stance): r for target in MANIFESTOS
            for stance, r in corpus.compare(target, ASK_AT).items()}


def steps(resolution: tl.Resolution) -> list[str]:
    """The trace after its start step, one short line per step."""
    lines = []
    for step in resolution.trace[1:]:
        rule = f" [rule {step.rule}]" if step.rule else ""
        what = step.effect or step.kind.value
        verdict = f"{step.verdict.value}{rule} -> {step.status.value}"
        lines.append(f"      {what}: {verdict}. {step.reason}")
    return lines


def main() -> None:
    corpus = tl.load()
    what_if = corpus.with_declarations(instruments=[hypothetical_declaration()],
                                       stances=[prc_with_a_position(corpus)])
    before, after = answers(corpus), answers(what_if)
    print("*** HYPOTHETICAL COUNTERFACTUAL: the PRC has made no such declaration ***")
    print(f"Suppose the PRC declared on {DECLARED} that both manifestos stand, reaffirming "
          "them and rejecting their annulment.\n")
    print(f"{'target':<15}{'stance':<11}{'actual':>14}{'hypothetical':>14}")
    for (target, stance), old in before.items():
        new = after[target, stance]
        mark = "  <- changes" if old.status != new.status else ""
        print(f"{target:<15}{stance:<11}{old.status.value:>14}{new.status.value:>14}{mark}")
    print("\nWhy the changed answers change (hypothetical corpus):")
    for key, old in before.items():
        new = after[key]
        if old.status != new.status:
            print(f"- {key[0]} under {key[1]}: {old.status.value} -> {new.status.value}")
            print("    actual trace:")
            print("\n".join(steps(old)))
            print("    hypothetical trace:")
            print("\n".join(steps(new)))
    print("\nWhy the other readings do not move: the manifestos are Soviet Russia's "
          "declarations, and the PRC is not their author nor continues it. Its "
          "reaffirmation is a third state's act, inert unless a reading accepts such acts "
          "(VCLT art. 34). Elleman's trace in the hypothetical corpus:")
    print("\n".join(steps(after["karakhan-1919", "elleman"])))


if __name__ == "__main__":
    main()
