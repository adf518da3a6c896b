"""The rule base's records and checks, built the fast way, say what their definitions say."""

from __future__ import annotations

from dataclasses import astuple, fields

import pytest

import treatylogic as tl
from treatylogic.corpus import EffectRecord, RuleBase, TargetRecord
from treatylogic.dates import later_of
from treatylogic.errors import RulesError
from treatylogic.models import Actor, Instrument, split_ref
from treatylogic.status import InvalidityMode
from treatylogic.synth import write_rules

#: Effects of every shape the record's dates turn on: retroactive, ex tunc and ex nunc
#: annulments, a clause in a later text variant ('by'), 'except', grounds, 'permanent'.
_SHAPES = Instrument(
    id="src", title="Source", kind="treaty", form="bilateral", parties=["a", "b"],
    date="1950-03", in_force="1950-06-01",
    variants=[{"id": "late", "title": "later text", "date": "1951-02-10"}],
    provisions=[{"id": "p1", "summary": "one"}, {"id": "p2", "summary": "two",
                                                  "variants": ["late"]}],
    effects=[
        {"id": "e-retro", "kind": "terminate", "target": "tgt", "date": "1940",
         "retroactive": True},
        {"id": "e-tunc", "kind": "annul", "target": "tgt#q1"},
        {"id": "e-nunc", "kind": "annul", "target": "tgt", "mode": "ex_nunc",
         "date": "1952"},
        {"id": "e-by", "kind": "suspend", "target": "tgt", "by": "p2", "except": ["q2"]},
        {"id": "e-kept", "kind": "suspend", "target": "tgt#q2", "permanent": True,
         "actor": "a", "grounds": ["tgt#q1", "e-tunc"]},
    ])
_TARGET = Instrument(
    id="tgt", title="Target", kind="treaty", form="multilateral",
    parties=["a", {"actor": "b", "withdrawn": "1960"}, "c"], date="1930", term="P50Y",
    provisions=[{"id": "q1", "summary": "one"}, {"id": "q2", "summary": "two"},
                {"id": "q3", "summary": "three"}])
_ACTORS = [Actor(id=name, name=name, kind="state") for name in ("a", "b", "c")]


def _values(record: object) -> tuple[object, ...]:
    """A record's field values in order, not copied (``dataclasses.astuple`` copies deeply)."""
    return tuple(getattr(record, f.name) for f in fields(record))  # type: ignore[arg-type]


def _expected_effect(record: EffectRecord, corpus: RuleBase) -> tuple[object, ...]:
    """An effect's record as :class:`EffectRecord` defines it, read through the models' own
    methods and properties (the definition the fast index must keep)."""
    effect, source = record.effect, record.source
    target = corpus.instruments[split_ref(effect.target)[0]]
    date = source.effect_date(effect)
    acted = later_of(date, source.start)
    text = source.text_date(effect.by) if effect.by else None
    if text is not None:
        acted = later_of(acted, text)
    if effect.retroactive:
        operative = date
    elif effect.invalidity is InvalidityMode.EX_TUNC:
        operative = target.start
    else:
        operative = acted
    return (effect, source, target.id, split_ref(effect.target)[1], date, acted, operative,
            source.effect_actors(effect), effect.id, effect.kind, source.id,
            operative.earliest, operative.latest, effect.lasting,
            frozenset(effect.exceptions), frozenset(effect.grounds), acted.earliest,
            acted.latest, effect.by)


def _expected_target(ref: str, corpus: RuleBase) -> tuple[object, ...]:
    """A target's record as :class:`TargetRecord` defines it (effects by id, in order)."""
    instrument_id, provision_id = split_ref(ref)
    inst = corpus.instruments[instrument_id]
    on = [r for r in corpus.effects.values() if r.target_instrument == instrument_id]
    on.sort(key=lambda r: r.order_key)
    if provision_id is None:
        reaching = [r for r in on if r.target_provision is None]
    else:
        reaching = [r for r in on if r.target_provision == provision_id or
                    (r.target_provision is None and provision_id not in r.exceptions)]
    provision = corpus.provisions.get(ref)
    return (ref, inst, provision_id, provision, inst.start.earliest, inst.start.latest,
            [r.id for r in reaching], instrument_id,
            tuple(provision.variants) if provision else (),
            inst.renewal is None and (inst.term is not None or inst.ends is not None),
            any(p.withdrawn is not None for p in inst.parties), len(inst.author()),
            inst.text_date(provision_id) if provision_id else None)


def _corpora(tmp_path):
    write_rules(tmp_path / "synthetic", 400, stances=2, seed=3)
    return [tl.load(tmp_path / "synthetic", cache=False), tl.load(cache=False),
            RuleBase(_ACTORS, [_TARGET, _SHAPES])]


def test_every_effect_record_is_what_its_definition_says(tmp_path):
    """Each effect's record, field by field, equals the one read through the models."""
    checked = 0
    for corpus in _corpora(tmp_path):
        for number, record in enumerate(corpus.effects.values()):
            *values, source_authors, target_authors, its_number = _values(record)
            assert _expected_effect(record, corpus) == tuple(values)
            # its source's and target's authors (a tuple or a set: the same members), its place
            assert source_authors == record.source.author()
            target = corpus.instruments[record.target_instrument]
            assert sorted(target_authors) == sorted(target.author())
            assert len(set(target_authors)) == len(target_authors)
            assert its_number == number
            assert EffectRecord(*_values(record)) == record
            checked += 1
    assert checked > 300


def test_a_many_party_target_keeps_its_authors_as_a_set():
    """A multilateral treaty's parties answer ``in`` at once; a bilateral's stay a tuple."""
    many = Instrument(id="many", title="Many", kind="treaty", form="multilateral",
                      parties=[f"s{k}" for k in range(12)], date="1950")
    acts = Instrument(id="acts", title="Acts", kind="declaration", form="unilateral",
                      issuer="s0", date="1960",
                      effects=[{"id": "w", "kind": "withdraw", "target": "many"},
                               {"id": "t", "kind": "terminate", "target": "tgt"}])
    actors = [Actor(id=f"s{k}", name=f"s{k}", kind="state") for k in range(12)]
    corpus = RuleBase([*actors, *_ACTORS], [many, acts, _TARGET])
    assert corpus.effects["w"].target_authors == frozenset(many.author())
    assert corpus.effects["t"].target_authors == ("a", "b", "c")
    assert [r.number for r in corpus.effects.values()] == [0, 1]


def test_every_target_record_is_what_its_definition_says(tmp_path):
    """Each instrument's and provision's record, field by field, equals its definition."""
    checked = 0
    for corpus in _corpora(tmp_path):
        assert sorted(corpus.target_records) == corpus.targets()
        for ref, record in corpus.target_records.items():
            actual = _values(record)
            actual = (*actual[:6], [r.id for r in record.effects], *actual[7:])
            assert _expected_target(ref, corpus) == actual
            assert type(record) is TargetRecord
            checked += 1
    assert checked > 400


def test_the_shapes_corpus_reaches_every_branch_of_the_record():
    """The hand-made corpus has a retroactive, an ex tunc, an ex nunc and a clause's effect."""
    corpus = RuleBase(_ACTORS, [_TARGET, _SHAPES])
    operative = {k: str(r.operative.earliest) for k, r in corpus.effects.items()}
    assert {"e-retro": "1940-01-01", "e-tunc": "1930-01-01", "e-nunc": "1952-01-01",
            "e-by": "1951-02-10", "e-kept": "1950-06-01"} == operative
    assert (True, ("a",)) == (corpus.effects["e-kept"].lasting, corpus.effects["e-kept"].actors)
    assert ["e-retro", "e-kept", "e-nunc"] == \
        [r.id for r in corpus.target_record("tgt#q2").effects]  # e-by carves q2 out


def test_records_unpickle_equal_through_their_constructor(tmp_path):
    """The records the index builds through slot descriptors pickle through the dataclass
    constructor to equal records (the compiled cache's path)."""
    import pickle

    corpus = RuleBase(_ACTORS, [_TARGET, _SHAPES])
    records = [*corpus.effects.values(), *corpus.target_records.values()]
    back = pickle.loads(pickle.dumps(records))
    assert [astuple(r) for r in records] == [astuple(r) for r in back]


def test_unknown_names_are_reported_in_declaration_order_with_their_paths():
    """Parties, issuer, addressees, effect ids, targets, actors and grounds: every unknown
    name once, in the order of the declarations, each at its path."""
    bad = Instrument(
        id="bad", title="Bad", kind="treaty", form="bilateral", parties=["a", "zz"],
        addressees=["yy"], date="1960",
        effects=[{"id": "e-tunc", "kind": "terminate", "target": "nowhere"},
                 {"id": "e2", "kind": "terminate", "target": "tgt#q9", "actor": "xx",
                  "grounds": ["e-none"]}])
    with pytest.raises(RulesError) as caught:
        RuleBase(_ACTORS, [_TARGET, _SHAPES, bad])
    paths = [p.path for p in caught.value.problems]
    assert ["instruments[2].parties[1]", "instruments[2].addressees[0]",
            "instruments[2].effects[0].id", "instruments[2].effects[0].target",
            "instruments[2].effects[1].target", "instruments[2].effects[1].actor",
            "instruments[2].effects[1].grounds[0]"] == paths
