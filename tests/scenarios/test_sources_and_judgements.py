"""Issue 18: every entry of the bundled rule files rests on a source or says it is a judgement, and why.

The machine-readable marker is the ``judgement:`` field (instruments, provisions,
text variants, effects, rules): the modelling choice the sources do not settle,
with its reason. It also shows in the trace, ``[modelling judgement: ...]``.
``docs/corpus.md`` lists every judgement in one table.
"""

from pathlib import Path

import treatylogic as tl

DOC = Path(__file__).resolve().parents[2] / "docs" / "corpus.md"


def unfounded(corpus: tl.Corpus) -> list[str]:
    """Every instrument, provision, variant, effect and rule with neither sources nor a judgement."""
    missing = []
    for inst in corpus.instruments.values():
        items = [("instrument", inst.id, inst)]
        items += [("provision", f"{inst.id}#{p.id}", p) for p in inst.provisions]
        items += [("variant", f"{inst.id}/{v.id}", v) for v in inst.variants]
        items += [("effect", e.id, e) for e in inst.effects]
        missing += [f"{what} {name}" for what, name, item in items
                    if not item.sources and not item.judgement.strip()]
    for stance in corpus.stances.values():
        missing += [f"rule {r.id}" for r in corpus.stance_rules(stance)
                    if not r.rule.sources and not r.rule.judgement.strip()]
    return sorted(set(missing))


def judgements(corpus: tl.Corpus) -> list[str]:
    """The ids of every entry that carries a judgement marker."""
    found = []
    for inst in corpus.instruments.values():
        found += [inst.id] if inst.judgement else []
        found += [f"{inst.id}#{p.id}" for p in inst.provisions if p.judgement]
        found += [f"{inst.id}/{v.id}" for v in inst.variants if v.judgement]
        found += [e.id for e in inst.effects if e.judgement]
    for stance in corpus.stances.values():
        found += [r.id for r in corpus.stance_rules(stance) if r.rule.judgement]
    return sorted(set(found))


def test_every_bundled_entry_has_a_source_or_a_judgement(corpus):
    """Issue 18: "a test fails on any rule file entry with neither" a source nor a judgement marker."""
    assert [] == unfounded(corpus)


def test_the_check_fails_on_each_kind_of_unfounded_entry():
    """The check above can fail: one unsourced, unjudged entry of each kind is reported by name."""
    inst = tl.Instrument(
        id="t", title="T", kind="treaty", form="bilateral", parties=["a", "b"], date="1950",
        variants=[{"id": "v", "title": "a text"}],
        provisions=[{"id": "p", "summary": "a clause"}],
        sources=["s"])
    other = tl.Instrument(
        id="u", title="U", kind="treaty", form="bilateral", parties=["a", "b"], date="1951",
        effects=[{"id": "e", "kind": "terminate", "target": "t"}])
    stance = tl.Stance(id="x", actor="a", name="X", summary="x", sources=["s"],
                       rules=[{"id": "r", "when": {}, "then": "accept", "reason": "why"}])
    actors = [tl.Actor(id=n, name=n, kind="state") for n in ("a", "b")]
    corpus = tl.Corpus(actors, [inst, other], [], [stance])
    expected = ["effect e", "instrument u", "provision t#p", "rule x/r", "variant t/v"]
    assert expected == unfounded(corpus)


def test_a_judgement_marker_counts_as_founded():
    """An entry with no source but a `judgement:` saying why is founded."""
    inst = tl.Instrument(id="t", title="T", kind="treaty", form="bilateral", parties=["a", "b"],
                         date="1950", judgement="the sources name no instrument")
    actors = [tl.Actor(id=n, name=n, kind="state") for n in ("a", "b")]
    corpus = tl.Corpus(actors, [inst], [], [])
    assert [] == unfounded(corpus)


def test_every_judgement_is_listed_in_docs_corpus_md(corpus):
    """docs/corpus.md lists every modelling judgement in one table: each marked entry is named there."""
    text = DOC.read_text(encoding="utf-8")
    assert [] == [name for name in judgements(corpus) if f"`{name}`" not in text]


def test_the_grounds_link_is_marked_in_the_trace(corpus):
    """002 gives Resolution 505 and the 1953 vote but never links them: the trace says the link is a judgement."""
    trace = corpus.resolve("sino-soviet-1945", "roc", "2024").trace
    step = next(s for s in trace if s.effect == "roc-terminates-sino-soviet-1945")
    assert True is ("[modelling judgement: that the vote invoked Resolution 505" in step.reason)


def test_radchenko_annulment_rests_on_an_explicit_marked_rule(corpus):
    """000 records no view of Radchenko's on the annulment: his `annulled` comes from a rule marked as a judgement."""
    trace = corpus.resolve("karakhan-1919", "radchenko", "2024").trace
    step = next(s for s in trace if s.effect == "ussr-annuls-karakhan-1919")
    expected = ("radchenko/annulment-unopposed", True)
    assert expected == (step.rule, "[modelling judgement:" in step.reason)


def test_roc_present_view_is_marked_in_the_trace(corpus):
    """000: "Taiwan (the Republic of China) does" (a present view): applying it since 1922 is marked."""
    trace = corpus.resolve("karakhan-1919", "roc", "1930").trace
    step = next(s for s in trace if s.effect == "ussr-annuls-karakhan-1919")
    assert True is ("[modelling judgement: source 000 states the ROC's present view" in step.reason)


def test_radchenko_is_not_misquoted(corpus):
    """000: it is Lai whom Radchenko calls "seriously misguided"; "no basis for claims" is in no source."""
    summary = corpus.stances["radchenko"].summary
    assert (False, True) == ("no basis for claims" in summary, "Lai was" in summary)
