"""Paths and readers shared by the importer tests (the GGO slice in tests/data/ggo-slice)."""

from __future__ import annotations

from pathlib import Path

import yaml

SLICE = Path(__file__).resolve().parents[1] / "data" / "ggo-slice"
AGREEMENTS = SLICE / "ggo-agreements.csv"
MEMBERSHIPS = SLICE / "ggo-memberships.csv"
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_folder(out):
    """(instruments, actors) of a rules folder's YAML files, each by id."""
    instruments, actors = {}, {}
    for path in sorted(out.rglob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=LOADER)
        instruments.update({i["id"]: i for i in data.get("instruments", [])})
        actors.update({a["id"]: a for a in data.get("actors", [])})
    return instruments, actors


def party(instrument, actor):
    """The party entry of ``actor`` in an instrument's data."""
    found = [p for p in instrument["parties"] if isinstance(p, dict) and p["actor"] == actor]
    assert 1 == len(found), f"{actor} appears {len(found)} times in {instrument['id']}"
    return found[0]
