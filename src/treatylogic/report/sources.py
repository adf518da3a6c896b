"""The report's bibliography: every source the corpus cites, one entry each, with what cites it.

Rule files cite sources (``sources:`` on a declaration, ``citation:`` on a
rule). With a sources registry (``corpus.sources``: ``{id: Source}``, a
top-level ``sources:`` list in the rule files) each cited work is one entry,
formatted from its fields, anchored ``#src-ID``, and a citation
``"ID, locator"`` reads as the work's title and the locator. Without one, each
distinct cited text is an entry anchored ``#src-1``, ``#src-2`` ... A trace
step links to the entries it cites; web addresses are links.

>>> import treatylogic as tl
>>> bibliography = Bibliography.of(tl.load())
>>> bibliography.anchor(bibliography.entries[0].text)
'#src-karakhan-declarations'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from html import escape
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from ..engine import Corpus
    from ..models import Doctrine, Stance

__all__ = ["Bibliography", "Entry", "citations", "linked", "reference_html"]

_T = TypeVar("_T")
_URL = re.compile(r"https?://[^\s<>\"')\]]+")


def _by_id(table: Mapping[str, _T]) -> list[_T]:
    return [table[key] for key in sorted(table)]


def citations(corpus: Corpus) -> dict[str, list[str]]:
    """Every source text cited in the corpus, with the ids of what cites it."""
    cited: dict[str, list[str]] = {}

    def add(sources: Iterable[str], where: str) -> None:
        for source in sources:
            cited.setdefault(source, [])
            if where not in cited[source]:
                cited[source].append(where)

    # in id order, not file order: the page is the same bytes under any file layout
    for actor in _by_id(corpus.actors):
        add(actor.sources, actor.id)
    for inst in _by_id(corpus.instruments):
        add(inst.sources, inst.id)
        for provision in inst.provisions:
            add(provision.sources, f"{inst.id}#{provision.id}")
        for effect in inst.effects:
            add(effect.sources, effect.id)
    owners: list[Doctrine | Stance] = [*_by_id(corpus.doctrines), *_by_id(corpus.stances)]
    for owner in owners:
        add(owner.sources, owner.id)
        for rule in owner.rules:
            add((*((rule.citation,) if rule.citation else ()), *rule.sources),
                f"{owner.id}/{rule.id}")
    return cited


def linked(text: str) -> str:
    """``text`` escaped, with every web address in it made a link."""
    parts, last = [], 0
    for match in _URL.finditer(text):
        url = match.group(0)
        parts += [escape(text[last:match.start()]),
                  f'<a href="{escape(url)}" rel="noreferrer">{escape(url)}</a>']
        last = match.end()
    parts.append(escape(text[last:]))
    return "".join(parts)


def _registry(corpus: Corpus) -> Mapping[str, Any]:
    """The corpus's sources registry (``{id: Source}``), empty when the rules declare none."""
    registry = getattr(corpus, "sources", None)
    return registry if isinstance(registry, Mapping) else {}


def _split(citation: str, registry: Mapping[str, Any]) -> tuple[str | None, str]:
    """``(registry id, locator)`` of ``"ID"`` or ``"ID, locator"`` (id None: a free text)."""
    key, _, locator = citation.partition(",")
    return (key.strip(), locator.strip()) if key.strip() in registry else (None, citation)


def _field(source: Any, name: str) -> str:
    value = getattr(source, name, None)
    if value is None:
        return ""
    if isinstance(value, tuple | list):
        return "; ".join(str(v) for v in value)
    return str(getattr(value, "text", value))


def reference_html(source: Any) -> str:
    """A registry source as one reference: author, title, container, publisher, date, pages,
    its address as a link, and its note."""
    url = _field(source, "url")
    head = [escape(_field(source, "author")), f"<i>{escape(_field(source, 'title'))}</i>",
            escape(_field(source, "container")),
            ", ".join(escape(part) for part in (_field(source, "publisher"),
                                                _field(source, "date")) if part),
            escape(_field(source, "pages"))]
    text = ". ".join(part for part in head if part) + "."
    if url:
        text += f' <a href="{escape(url)}" rel="noreferrer">{escape(url)}</a>'
        accessed = _field(source, "accessed")
        text += f" (read {escape(accessed)})" if accessed else ""
    note = _field(source, "note")
    return text + (f' <span class="tl-muted">{escape(note)}</span>' if note else "")


@dataclass(frozen=True, slots=True)
class Entry:
    """One cited source: its text (or its registry reference), its anchor and what cites it."""

    text: str
    anchor_id: str
    cited_by: tuple[str, ...]
    html: str = ""   # the reference as HTML; empty: the text, with its web addresses linked


@dataclass(frozen=True, slots=True)
class Bibliography:
    """The sources of a corpus: the registry's entries that are cited, else each cited text.

    With a sources registry (a top-level ``sources:`` list in the rule files,
    ``corpus.sources``) a citation ``"ID, locator"`` links to the entry of ``ID``
    (``#src-ID``) and reads as the work's title and the locator; without one,
    each distinct cited text is an entry, numbered (``#src-N``).
    """

    entries: tuple[Entry, ...]
    cites: Mapping[str, tuple[str, str]] = field(default_factory=dict, compare=False,
                                                 repr=False)

    @classmethod
    def of(cls, corpus: Corpus) -> Bibliography:
        """Every source the corpus cites."""
        registry = _registry(corpus)
        cited = citations(corpus)
        by_key: dict[str, list[str]] = {}
        free: dict[str, list[str]] = {}
        cites: dict[str, tuple[str, str]] = {}
        for text, where in cited.items():
            key, locator = _split(text, registry)
            if key is None:
                free[text] = where
                continue
            users = by_key.setdefault(key, [])
            users += [w for w in where if w not in users]
            title = _field(registry[key], "title") or key
            cites[text] = (f"#src-{key}", f"{title}, {locator}" if locator else title)
        entries = [Entry(key, f"src-{key}", tuple(by_key[key]), reference_html(registry[key]))
                   for key in sorted(by_key, key=lambda k: (
                       _field(registry[k], "author").lower(), _field(registry[k], "title")))]
        for number, (text, where) in enumerate(sorted(free.items()), 1):
            entries.append(Entry(text, f"src-{number}", tuple(where)))
            cites[text] = (f"#src-{number}", text)
        return cls(tuple(entries), MappingProxyType(cites))

    def anchor(self, text: str) -> str | None:
        """The link to the entry a citation names (``#src-...``), None for one no entry holds."""
        found = self.cites.get(text)
        return found[0] if found else None

    def cite(self, text: str) -> tuple[str | None, str]:
        """A citation as ``(link to its entry or None, the words to show)``."""
        return self.cites.get(text, (None, text))

    def section(self) -> str:
        """The bibliography as the report's last section."""
        items = "".join(
            f'<li id="{entry.anchor_id}">{entry.html or linked(entry.text)} '
            f'<span class="tl-muted">&mdash; cited by '
            f"{', '.join(f'<code>{escape(w)}</code>' for w in entry.cited_by)}</span></li>"
            for entry in self.entries)
        return (f'<section id="sources"><h2>Sources</h2><ol class="tl-sources">{items}</ol>'
                '<p class="tl-muted">Generated by treatylogic. This file loads nothing from the '
                "network.</p></section>")
