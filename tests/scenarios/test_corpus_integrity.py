"""The bundled corpus as a whole: public ids, sources everywhere, every question answerable."""

import pytest

import treatylogic as tl

PUBLIC_IDS = {
    "karakhan-1919", "karakhan-1920", "sino-soviet-1924", "secret-protocol-1924",
    "ussr-annulment", "yalta-1945", "sino-soviet-1945", "sino-soviet-1950", "unga-505",
    "roc-termination-1953", "border-1991", "border-2004",
}
PUBLIC_PROVISIONS = {"karakhan-1919#cer-return", "sino-soviet-1945#mongolia-independence"}
STANCES = {"russia", "roc", "prc", "elleman", "radchenko"}
DATES = ("1919-07-24", "1921", "1922", "1924-05-31", "1945-08-14", "1953", "1991", "2024")


def test_public_instrument_ids_are_present(corpus):
    """Users type these ids (issue 4): they must all exist."""
    assert set() == PUBLIC_IDS - set(corpus.instruments)


def test_public_provision_ids_are_present(corpus):
    """Users type these provision refs (issue 4): they must all exist."""
    assert set() == PUBLIC_PROVISIONS - set(corpus.provisions)


def test_the_five_stances(corpus):
    """The five readings of source text 000: Russia, the ROC, the PRC, Elleman and Chang, Radchenko."""
    assert STANCES == set(corpus.stances)


def test_first_manifesto_has_two_variants(corpus):
    """000: published in Moscow in August 1919; the version presented in 1920 includes the railway clause."""
    variants = {v.id for v in corpus.instruments["karakhan-1919"].variants}
    assert {"published", "delivered"} == variants


def test_every_instrument_has_sources(corpus):
    """Do not invent history: every instrument cites its sources."""
    assert [] == [i.id for i in corpus.instruments.values() if not i.sources]


def test_every_effect_has_sources(corpus):
    """Do not invent history: every effect cites its sources."""
    assert [] == [e for e, record in corpus.effects.items() if not record.effect.sources]


def test_every_actor_and_stance_has_sources(corpus):
    """Every actor and stance says where it comes from."""
    missing = [a.id for a in corpus.actors.values() if not a.sources]
    missing += [s.id for s in corpus.stances.values() if not s.sources]
    assert [] == missing


def test_every_rule_has_sources(corpus):
    """Every stance rule and doctrine rule cites its sources."""
    missing = [r.id for s in corpus.stances.values() for r in corpus.stance_rules(s)
               if not r.rule.sources]
    assert [] == missing


def test_every_doctrine_is_used(corpus):
    """Each doctrine in rules/doctrines/ is held by at least one stance."""
    used = {d for s in corpus.stances.values() for d in s.doctrines}
    assert set() == set(corpus.doctrines) - used


@pytest.mark.parametrize("stance", sorted(STANCES))
def test_every_target_resolves_under_every_stance(corpus, stance):
    """Every instrument and provision resolves at key dates, the trace ending on the status."""
    for target in corpus.targets():
        for at in DATES:
            result = corpus.resolve(target, stance, at)
            assert result.status == result.trace[-1].status


@pytest.mark.parametrize("stance", sorted(STANCES))
def test_every_timeline_covers_all_days(corpus, stance):
    """Every target's timeline is contiguous under every stance."""
    for target in corpus.targets():
        intervals = corpus.timeline(target, stance).intervals
        ends = [i.end for i in intervals[:-1]]
        starts = [i.start for i in intervals[1:]]
        assert (ends, None) == (starts, intervals[-1].end)


def test_loads_as_the_bundled_rules():
    """tl.bundled_rules() is the folder holding this rule base."""
    assert "karakhan-1919" in tl.load(tl.bundled_rules()).instruments
