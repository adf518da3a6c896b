"""Loaded models that wrote the same fields share one set of their names (memory at scale)."""

from __future__ import annotations

import treatylogic as tl
from treatylogic.models import Instrument
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
