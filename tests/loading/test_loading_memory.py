"""Loaded models that wrote the same fields share one set of their names (memory at scale)."""

from __future__ import annotations

from pydantic import PrivateAttr

import treatylogic as tl
from treatylogic.models import Actor, Instrument
from treatylogic.synth import write_rules


def test_models_that_wrote_the_same_fields_share_one_set(tmp_path):
    """Instruments, their parties, provisions and effects: one set object per distinct set."""
    write_rules(tmp_path, 300, stances=2, seed=4)
    corpus = tl.load(tmp_path, cache=False)
    models = list(corpus.instruments.values())
    for instrument in corpus.instruments.values():
        models += [*instrument.parties, *instrument.provisions, *instrument.effects]
    distinct = {frozenset(m.__pydantic_fields_set__) for m in models}
    assert len(distinct) == len({id(m.__pydantic_fields_set__) for m in models})
    one = next(iter(corpus.instruments.values()))
    again = Instrument.model_validate(one.model_dump(exclude_unset=True))
    assert again == one


def test_records_and_dates_pickle_to_equal_values_field_for_field(tmp_path):
    """Every effect and target record (and their dates) comes back from pickle the same."""
    import pickle
    from dataclasses import astuple, fields

    write_rules(tmp_path, 200, stances=2, seed=6)
    corpus = tl.load(tmp_path, cache=False)
    records = [*corpus.effects.values(), *(corpus.target_record(t) for t in corpus.targets())]
    back = pickle.loads(pickle.dumps(records, protocol=5))
    assert [type(r) for r in records] == [type(r) for r in back]
    shallow = [tuple(getattr(r, f.name) for f in fields(r)) for r in records]
    assert shallow == [tuple(getattr(r, f.name) for f in fields(r)) for r in back]
    spans = [r.operative for r in corpus.effects.values()]
    assert [astuple(s) for s in spans] == [astuple(s) for s in pickle.loads(pickle.dumps(spans))]


def _has_own_dict(model) -> bool:
    """Whether ``model`` holds its fields in a dict of its own (the layout pydantic gives)."""
    import gc

    return any(type(r) is dict for r in gc.get_referents(model))


def _loaded_models(corpus) -> list:
    found: list = [*corpus.actors.values()]
    for instrument in corpus.instruments.values():
        found += [instrument, *instrument.parties, *instrument.provisions,
                  *instrument.variants, *instrument.effects]
    return found


def test_every_loaded_model_is_compact(tmp_path):
    """After a parse, no instrument, party, provision, variant, effect or actor has a dict."""
    write_rules(tmp_path, 300, stances=2, seed=4)
    corpus = tl.load(tmp_path, cache=False)
    models = _loaded_models(corpus)
    assert [] == [m for m in models if _has_own_dict(m)]
    assert {"Actor", "Instrument", "Party", "Provision", "Variant", "Effect"} == \
        {type(m).__name__ for m in models}


def test_a_compacted_model_behaves_as_the_validated_one(tmp_path):
    """Equality, hash, dump, copy, deep copy, model_copy and pickle: as a fresh validation."""
    import copy
    import pickle

    write_rules(tmp_path, 300, stances=2, seed=4)
    corpus = tl.load(tmp_path, cache=False)
    compared = 0
    for loaded in _loaded_models(corpus)[::7]:
        fresh = type(loaded).model_validate(loaded.model_dump(exclude_unset=True, by_alias=True))
        assert _has_own_dict(fresh)  # pydantic's own layout, the reference
        back = pickle.loads(pickle.dumps(loaded, protocol=5))
        assert not _has_own_dict(back)  # pickled compact, unpickled compact (until compared)
        for other in (fresh, back, copy.copy(loaded), copy.deepcopy(loaded)):
            assert (type(fresh), fresh) == (type(other), other)
            assert hash(fresh) == hash(other)
            assert fresh.model_dump() == other.model_dump()
            assert fresh.model_dump_json() == other.model_dump_json()
            assert fresh.model_fields_set == other.model_fields_set
        assert fresh.model_copy(update={"id": "x-1"}) == loaded.model_copy(update={"id": "x-1"})
        compared += 1
    assert compared > 100


def test_a_model_copy_does_not_change_the_shared_field_set(tmp_path):
    """model_copy with an update gives the copy its own set: the models sharing it keep theirs."""
    write_rules(tmp_path, 100, stances=2, seed=4)
    corpus = tl.load(tmp_path, cache=False)
    by_set: dict = {}
    for instrument in corpus.instruments.values():
        by_set.setdefault(frozenset(instrument.model_fields_set), []).append(instrument)
    first, second = next(group for group in by_set.values() if len(group) > 1)[:2]
    assert first.__pydantic_fields_set__ is second.__pydantic_fields_set__
    before = frozenset(second.model_fields_set)
    changed = first.model_copy(update={"note": "changed"})
    assert ("changed", True) == (changed.note, "note" in changed.model_fields_set)
    assert before == frozenset(second.model_fields_set) == frozenset(first.model_fields_set)


def test_the_cached_corpus_is_compact_and_shares_as_the_parse(tmp_path, monkeypatch):
    """From the cache (several chunks): compact models, equal declarations, the parse's spans."""
    from treatylogic import cache as cache_module
    from treatylogic.dates import parse_date

    monkeypatch.setenv("TREATYLOGIC_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TREATYLOGIC_CACHE", raising=False)
    monkeypatch.setattr(cache_module, "CHUNK", 50)
    rules = tmp_path / "rules"
    write_rules(rules, 400, stances=3, seed=8)
    parsed = tl.load(rules, cache=True)
    cached = tl.load(rules, cache=True)
    assert [] == [m for m in _loaded_models(cached) if _has_own_dict(m)]  # before comparing
    assert parsed.declarations() == cached.declarations()
    dates = [i.date for i in cached.instruments.values()]
    assert [parse_date(d.text) for d in dates] == dates
    assert all(parse_date(d.text) is d for d in dates)  # shared, as a parse shares them
    sets = {id(m.__pydantic_fields_set__) for m in _loaded_models(cached)}
    assert len({frozenset(m.model_fields_set) for m in _loaded_models(cached)}) == len(sets)
    assert parsed.table("1990-06-30") == cached.table("1990-06-30")
    records = [(r.id, r.source_id, r.target_instrument, r.acted, r.operative, r.actors)
               for r in parsed.effects.values()]
    assert records == [(r.id, r.source_id, r.target_instrument, r.acted, r.operative, r.actors)
                       for r in cached.effects.values()]


def test_a_class_with_its_own_construction_is_never_cached(tmp_path, monkeypatch):
    """The cache rebuilds a rule base from declarations: a class with its own __init__ is parsed."""
    from treatylogic import loading
    from treatylogic.corpus import RuleBase

    class Counted(RuleBase):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.built_here = True

    monkeypatch.setenv("TREATYLOGIC_CACHE_DIR", str(tmp_path / "cache"))
    write_rules(tmp_path / "rules", 50, stances=2, seed=1)
    assert loading._cache_entry(loading.rule_files(tmp_path / "rules"), tmp_path / "rules",
                                Counted, True) is None
    assert loading.load(tmp_path / "rules", into=Counted, cache=True).built_here
    assert loading.load(tmp_path / "rules", into=Counted, cache=True).built_here  # parsed again


class Noted(Actor):
    """An actor with state of its own (a private attribute): pydantic pickles it."""

    _seen: int = PrivateAttr(default=0)


def test_a_model_with_private_state_keeps_it_through_pickle_and_compaction():
    """A subclass with a private attribute: pickled and compacted without losing it."""
    import pickle

    from treatylogic.models import compact_model

    noted = Noted(id="a", name="A", kind="state")
    noted._seen = 3
    back = pickle.loads(pickle.dumps(noted, protocol=5))
    assert (noted, 3) == (back, back._seen)
    assert compact_model(noted) is noted
    plain = Actor(id="a", name="A", kind="state")
    assert (plain, False) == (compact_model(plain), _has_own_dict(compact_model(plain)))
