"""The compaction's plain assignments leave every model class frozen as pydantic made it."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, ValidationError

import treatylogic as tl
from treatylogic import loading
from treatylogic.models import Instrument, _assignable, _declaration_classes
from treatylogic.synth import write_rules


def _refusals(model: BaseModel) -> list[tuple[str, str]]:
    """What assigning a field and deleting it raise (type and first line)."""
    said = []
    for action in (lambda: setattr(model, "id", "x-1"), lambda: delattr(model, "id")):
        try:
            action()
            said.append(("accepted", ""))
        except (ValidationError, AttributeError, TypeError) as exc:
            said.append((type(exc).__name__, str(exc).splitlines()[0]))
    return said


def test_a_loaded_model_refuses_assignment_as_a_fresh_one(tmp_path):
    """After a parse, every class the loader compacts refuses assignment and deletion
    exactly as a freshly validated model does (its own methods are back)."""
    write_rules(tmp_path, 120, stances=2, seed=2)
    corpus = tl.load(tmp_path, cache=False)
    loaded = [*corpus.actors.values()][:3]
    for instrument in list(corpus.instruments.values())[:40]:
        loaded += [instrument, *instrument.parties, *instrument.provisions,
                   *instrument.effects]
    checked = set()
    for model in loaded:
        if not hasattr(model, "id"):
            continue
        fresh = type(model).model_validate(model.model_dump(exclude_unset=True, by_alias=True))
        assert _refusals(fresh) == _refusals(model)
        assert ("ValidationError", "1 validation error for " + type(model).__name__) == \
            _refusals(model)[0]
        checked.add(type(model).__name__)
    assert {"Actor", "Instrument", "Provision", "Effect"} == checked
    for cls in _declaration_classes():
        assert ("__setattr__" in cls.__dict__, "__delattr__" in cls.__dict__) == (False, False)


def test_the_classes_get_their_methods_back_when_the_block_fails():
    """An error inside the block still gives each class its own __setattr__ and __delattr__."""
    before = (Instrument.__setattr__, Instrument.__delattr__)
    with pytest.raises(RuntimeError), _assignable([Instrument]):
        assert (object.__setattr__, object.__delattr__) == \
            (Instrument.__setattr__, Instrument.__delattr__)
        raise RuntimeError("inside")
    assert before == (Instrument.__setattr__, Instrument.__delattr__)
    assert ("__setattr__" in Instrument.__dict__) is False


def test_a_model_read_from_the_cache_refuses_assignment_as_a_fresh_one(tmp_path, monkeypatch):
    """The compiled cache rebuilds its models by plain assignment too: after a read from it,
    they refuse assignment and deletion as a fresh model does, and equal the parse's."""
    monkeypatch.setenv("TREATYLOGIC_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("TREATYLOGIC_CACHE", raising=False)
    write_rules(tmp_path / "rules", 120, stances=2, seed=2)
    parsed = tl.load(tmp_path / "rules", cache=True)  # parsed, and kept in the cache
    calls: list[int] = []
    original = loading._load_files
    monkeypatch.setattr(loading, "_load_files",
                        lambda *a, **k: calls.append(1) or original(*a, **k))
    cached = tl.load(tmp_path / "rules", cache=True)
    assert [] == calls  # read from the cache, not parsed
    assert list(parsed.instruments.values()) == list(cached.instruments.values())
    for model in list(cached.instruments.values())[:20]:
        fresh = type(model).model_validate(model.model_dump(exclude_unset=True, by_alias=True))
        assert _refusals(fresh) == _refusals(model)
    for cls in _declaration_classes():
        assert ("__setattr__" in cls.__dict__, "__delattr__" in cls.__dict__) == (False, False)
