"""Rule bases people build and share: several folders, include, a sources registry, one pass.

Each case writes a small rules folder (or two) and loads it; the problems are
checked with their file, line and field, as the golden cases do.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import treatylogic as tl
from treatylogic.loading import library
from treatylogic.sources import Source, to_bibtex, to_csl_json

ACTORS = """\
actors:
  - id: alpha
    name: Republic of Alpha
    kind: state
  - id: beta
    name: Kingdom of Beta
    kind: state
"""

DISPUTE = """\
instruments:
  - id: decl-1
    title: Alpha's declaration
    kind: declaration
    form: unilateral
    issuer: alpha
    date: 1919-07-25
    sources: ["atlas, p. 3"]
  - id: annul-1
    title: Alpha annuls it
    kind: note
    form: unilateral
    issuer: alpha
    date: 1920-05-01
    sources: [atlas]
    effects:
      - id: alpha-annuls-decl-1
        kind: annul
        target: decl-1
stances:
  - id: beta-view
    actor: beta
    name: Beta's reading
    doctrines: [binding-unilateral-declarations]
    sources: ["atlas, ch. 2"]
sources:
  - id: atlas
    title: An atlas of Alpha
    author: "Doe, Jane"
    date: 1990
"""

INCLUDE_LIBRARY = "include: [treatylogic:doctrines]\n"


def write(folder: Path, files: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def problems_of(path) -> list[tuple[str, int | None, str, str]]:
    with pytest.raises(tl.RulesError) as caught:
        tl.load(path)
    return [(Path(p.file).name, p.line, p.path, p.message) for p in caught.value.problems]


def test_two_folders_merge_into_one_corpus(tmp_path):
    """--rules A --rules B: the declarations of both, one corpus; the library's doctrine applies."""
    shared = write(tmp_path / "shared", {"actors.yaml": ACTORS, "lib.yaml": INCLUDE_LIBRARY})
    dispute = write(tmp_path / "dispute", {"dispute.yaml": DISPUTE})
    corpus = tl.load([shared, dispute])
    assert (["alpha", "beta"], "in_force") == \
        (sorted(corpus.actors), corpus.resolve("decl-1", "beta-view", "2024").status.value)


def test_same_folder_twice_is_read_once(tmp_path):
    """The same folder given twice loads once: no duplicate-id problems."""
    folder = write(tmp_path / "one", {"actors.yaml": ACTORS, "dispute.yaml": DISPUTE,
                                      "lib.yaml": INCLUDE_LIBRARY})
    assert 2 == len(tl.load([folder, folder]).instruments)


def test_include_a_relative_folder(tmp_path):
    """include: [../shared] loads that folder as if it were given too."""
    write(tmp_path / "shared", {"actors.yaml": ACTORS, "lib.yaml": INCLUDE_LIBRARY})
    dispute = write(tmp_path / "dispute", {"dispute.yaml": "include: [../shared]\n" + DISPUTE})
    assert ["alpha", "beta"] == sorted(tl.load(dispute).actors)


def test_missing_include_is_located(tmp_path):
    """An include that names nothing is a problem at its line, naming what the library holds."""
    folder = write(tmp_path / "r", {"a.yaml": ACTORS + "include:\n  - treatylogic:doctrins\n"})
    assert [("a.yaml", 9, "include[0]", "included 'treatylogic:doctrins' is not a rules file "
             "or folder (the library holds: doctrines)")] == problems_of(folder)


def test_library_refers_to_no_corpus():
    """The shipped library loads alone: its doctrines name no instrument, actor or stance."""
    corpus = tl.load(library("doctrines"))
    assert ({"binding-unilateral-declarations", "non-recognition-of-government", "vclt-59",
             "vclt-60", "vclt-72"}, {}, {}) == \
        (set(corpus.doctrines), corpus.instruments, corpus.actors)


def test_unknown_source_id_is_located_with_a_suggestion(tmp_path):
    """Once a registry exists, a citation of an id not in it is a problem at its line."""
    text = DISPUTE.replace('sources: [atlas]\n', 'sources: ["atlsa, p. 9"]\n')
    folder = write(tmp_path / "r", {"actors.yaml": ACTORS, "d.yaml": text,
                                    "lib.yaml": INCLUDE_LIBRARY})
    assert [("d.yaml", 15, "instruments[1].sources[0]",
             "unknown source 'atlsa' in 'atlsa, p. 9'; did you mean 'atlas'? "
             "(a citation is 'SOURCE-ID' or 'SOURCE-ID, locator'; see the sources: list)")] \
        == problems_of(folder)


def test_duplicate_source_id_names_the_first(tmp_path):
    """The same source id in two files: a problem at the second, naming the first."""
    again = "sources:\n  - id: atlas\n    title: Another atlas\n"
    folder = write(tmp_path / "r", {"actors.yaml": ACTORS, "d.yaml": DISPUTE, "e.yaml": again,
                                    "lib.yaml": INCLUDE_LIBRARY})
    assert [("e.yaml", 2, "sources[0].id",
             "duplicate source id 'atlas'; first declared at r/d.yaml:27")] == problems_of(folder)


def test_validate_reports_schema_and_cross_reference_problems_at_once(tmp_path):
    """A bad field and an unknown reference elsewhere come out in one pass, not two rounds."""
    bad = ACTORS.replace("kind: state\n  - id: beta", "kind: stat\n  - id: beta")
    text = DISPUTE.replace("actor: beta\n", "actor: gamma\n")
    folder = write(tmp_path / "r", {"actors.yaml": bad, "d.yaml": text,
                                    "lib.yaml": INCLUDE_LIBRARY})
    found = problems_of(folder)
    assert [("actors.yaml", 4, "actors[0].kind"), ("d.yaml", 22, "stances[0].actor")] == \
        [problem[:3] for problem in found]
    assert found[1][3].startswith("unknown actor 'gamma'")


def test_references_to_an_invalid_declaration_are_not_reported_twice(tmp_path):
    """An actor that is itself invalid is reported once, not again as 'unknown' where used."""
    bad = ACTORS.replace("  - id: alpha\n    name: Republic of Alpha\n",
                         "  - id: alpha\n    nmae: Republic of Alpha\n")
    folder = write(tmp_path / "r", {"actors.yaml": bad, "d.yaml": DISPUTE,
                                    "lib.yaml": INCLUDE_LIBRARY})
    assert [("actors.yaml", 3, "actors[0].nmae")] == [p[:3] for p in problems_of(folder)]


def test_registry_exports():
    """CSL-JSON and BibTeX carry the author, date, title, container and URL."""
    source = Source(id="atlas", title="An atlas of Alpha", author=["Doe, Jane", "Alpha Society"],
                    date="1990-05", type="book", publisher="Beta Press",
                    url="https://example.org/atlas", pages="10-12")
    assert [{"id": "atlas", "type": "book", "title": "An atlas of Alpha",
             "author": [{"family": "Doe", "given": "Jane"}, {"literal": "Alpha Society"}],
             "issued": {"date-parts": [[1990, 5]]}, "publisher": "Beta Press",
             "URL": "https://example.org/atlas", "page": "10-12"}] == to_csl_json([source])
    assert ("@book{atlas,\n  title = {An atlas of Alpha},\n"
            "  author = {Doe, Jane and {Alpha Society}},\n  year = {1990},\n"
            "  date = {1990-05},\n  publisher = {Beta Press},\n"
            "  url = {https://example.org/atlas},\n  pages = {10-12}\n}\n") == to_bibtex([source])


def test_bundled_citations_all_name_the_registry():
    """Every citation in the bundled rules names a source of its registry (or the library's)."""
    from treatylogic.sources import citations, cited_id

    corpus = tl.load()
    cited = {cited_id(text) for items in corpus.declarations().values() for item in items
             for _, text in citations(item)}
    assert (set(), True) == (cited - set(corpus.sources), len(cited) > 8)
