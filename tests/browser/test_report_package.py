"""The report package without a browser: embedded histories, the folded axis, packed traces,
the bibliography, extreme dates and progress."""

from __future__ import annotations

import base64
import datetime as dt
import gzip
import hashlib
import json
import re
from html import unescape
from pathlib import Path

import pytest
from report_helpers import AT, EXTREME_RULES, FIXTURE_RULES, report_corpus

import treatylogic as tl
from treatylogic.report import plot_timeline, render_report, write_report
from treatylogic.report.axis import TimeAxis
from treatylogic.report.data import cell_histories
from treatylogic.report.page import INLINE_TRACES
from treatylogic.report.sources import Bibliography
from treatylogic.synth import synthetic_corpus


@pytest.fixture(scope="module")
def bundled() -> tl.Corpus:
    return report_corpus()


@pytest.fixture(scope="module")
def extreme() -> tl.Corpus:
    return tl.load(EXTREME_RULES)


def _days_to_check(histories) -> list[str]:
    """Every change day, the day before each, and the first and last days Python knows."""
    days = {"0001-01-01", "9999-12-31", "9999-12-30"}
    for day in histories.days:
        parsed = dt.date.fromisoformat(day)
        days.add(day)
        if parsed > dt.date.min:
            days.add((parsed - dt.timedelta(days=1)).isoformat())
    return sorted(days)


@pytest.mark.parametrize("which", ["bundled", "extreme", "fictional"])
def test_histories_agree_with_the_table_on_every_change_day(which, bundled, extreme):
    """The embedded histories give, for every cell and every day they change, corpus.table's status."""
    corpus = {"bundled": bundled, "extreme": extreme, "fictional": tl.load(FIXTURE_RULES)}[which]
    stances = sorted(corpus.stances)
    histories = cell_histories(corpus, corpus.targets(), stances)
    expected, actual = {}, {}
    for day in _days_to_check(histories):
        table = corpus.table(day)
        for target in corpus.targets():
            for stance in stances:
                expected[day, target, stance] = table[target, stance].value
                actual[day, target, stance] = histories.status_on(target, stance, day)
    assert expected == actual


def test_histories_are_compact_json():
    """The histories of 1,000 instruments x 5 stances take well under 400 kB of JSON."""
    corpus = synthetic_corpus(1000, stances=5, seed=0)
    histories = cell_histories(corpus, corpus.targets(), sorted(corpus.stances))
    assert (True, 5 * len(corpus.targets())) == (
        len(histories.to_json().encode()) < 400_000,
        sum(len(row) for row in histories.cells))


def test_axis_gives_the_years_of_change_most_of_the_width(bundled):
    """On the Karakhan dates 1919-1924 takes over a quarter of the axis (linear 1915-2030: 5 %)."""
    axis = TimeAxis.around([dt.date(1919, 7, 25), dt.date(1920, 9, 27), dt.date(1922, 10, 1),
                            dt.date(1924, 5, 31), dt.date(1945, 8, 14), dt.date(1953, 2, 24),
                            dt.date(2024, 9, 2)])
    share = axis.x(dt.date(1924, 12, 31)) - axis.x(dt.date(1919, 1, 1))
    assert (True, 3) == (share > 1 / 4, len(axis.gaps))


def test_axis_is_monotone_and_spans_zero_to_one():
    """Later days are never drawn left of earlier ones; the axis runs from 0 to 1."""
    axis = TimeAxis.around([dt.date(1900, 1, 1), dt.date(1950, 6, 1), dt.date(2000, 1, 1)])
    xs = [axis.x(dt.date(year, 1, 1)) for year in range(1890, 2012)]
    assert (True, 0.0, 1.0) == (xs == sorted(xs), axis.x(axis.first), axis.x(axis.last))


def test_axis_takes_the_first_and_last_days_python_knows():
    """0001-01-01 and 9999-12-31 map to the ends of the axis without OverflowError."""
    axis = TimeAxis.around([dt.date.min, dt.date(1920, 1, 1), dt.date.max])
    assert (0.0, 1.0, 2) == (axis.x(dt.date.min), axis.x(dt.date.max), len(axis.gaps))


@pytest.mark.parametrize("at", ["9999-12-31", "0001-01-01", "9999", "1922-10"])
def test_report_on_extreme_dates_shows_the_table(extreme, at):
    """A report at the first or last day shows corpus.table's statuses (no OverflowError)."""
    html = render_report(extreme, at=at)
    cells = dict(((t, s), st) for t, s, st in re.findall(
        r'data-target="([^"]+)" data-stance="([^"]+)" data-status="([^"]+)"', html))
    assert {key: status.value for key, status in extreme.table(at).items()} == cells


@pytest.mark.parametrize("target", ["old", "open", "late"])
def test_timeline_plot_of_extreme_dates(extreme, target, tmp_path):
    """Open ends (1922-10/.., ../1920) and 0001 or 9999 dates plot to SVG and PNG."""
    svg = plot_timeline(extreme, target, None, tmp_path / f"{target}.svg")
    png = plot_timeline(extreme, target, None, tmp_path / f"{target}.png")
    assert (True, b"\x89PNG") == ("<svg" in svg.read_text(), png.read_bytes()[:4])


def _scripts(html: str) -> list[tuple[str, str]]:
    return re.findall(r"<script([^>]*)>(.*?)</script>", html, flags=re.S)


def test_report_runs_only_its_own_inline_script(bundled):
    """One executable script, inline; the page's CSP allows exactly it (by hash) and no source."""
    html = render_report(bundled, at=AT)
    executable = [body for attrs, body in _scripts(html) if "type=" not in attrs]
    digest = base64.b64encode(hashlib.sha256(executable[0].encode()).digest()).decode()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1)
    assert (1, f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
               f"script-src 'sha256-{digest}'") == (len(executable), policy)
    assert [] == [tag for tag in ("<link", "<iframe", " src=", "@import") if tag in html]


def test_large_report_packs_every_trace(tmp_path):
    """Past INLINE_TRACES cells a cell is its status only (in row and stance order, as
    corpus.table gives them) and its report-date trace is only in the gzip+base64 pack:
    the stretch holding the date gives the trace corpus.resolve returns (60 cells checked).
    (Until issue 16's second session a large page's cells also carried their target, stance
    and trace index, about 130 bytes a cell: the page now finds them by position.)"""
    corpus = synthetic_corpus(300, stances=5, seed=3)
    html = render_report(corpus, at="2030-12-31")
    packed = dict((a, b) for a, b in _scripts(html))[' type="application/octet-stream" '
                                                       'id="tl-traces" data-encoding="gzip+base64"']
    pack = json.loads(gzip.decompress(base64.b64decode(packed)))
    data = json.loads(dict((a, b) for a, b in _scripts(html))[' type="application/json" '
                                                               'id="tl-data"'])
    targets, stances = data["histories"]["targets"], data["histories"]["stances"]
    statuses = re.findall(r'<td class="tl-cell tl-st-([a-z_]+)"><details><summary>[^<]*'
                          r'</summary><div class="tl-trace-box"></div></details></td>', html)
    table = corpus.table("2030-12-31")
    assert (True, [table[t, s].value for t in targets for s in stances]) == (
        len(statuses) > INLINE_TRACES, statuses)
    cells = [(r, k) for r in range(len(targets)) for k in range(len(stances))]
    sample = cells[::len(cells) // 60][:60]
    expected, shown = [], []
    for r, k in sample:
        [(when, index)] = [entry for entry in pack["traceAt"][r][k] if entry[0] == "2030-12-31"]
        expected.append([s.reason for s in corpus.resolve(targets[r], stances[k], when).trace])
        shown.append([unescape(reason) for reason in
                      re.findall(r'<div class="tl-reason">([^<]*)</div>', pack["traces"][index])])
    assert expected == shown


def test_every_stretch_of_a_history_has_its_trace(bundled):
    """traceAt gives one (day, trace) per stretch of each cell's history; the day lies in the
    stretch, and the packed trace is corpus.resolve's on that day."""
    html = render_report(bundled, at=AT, targets=["karakhan-1919", "sino-soviet-1945"])
    scripts = dict((a, b) for a, b in _scripts(html))
    data = json.loads(scripts[' type="application/json" id="tl-data"'])
    pack = json.loads(gzip.decompress(base64.b64decode(
        scripts[' type="application/octet-stream" id="tl-traces" data-encoding="gzip+base64"'])))
    histories, traces = data["histories"], pack["traces"]
    problems = []
    for r, target in enumerate(histories["targets"]):
        for k, stance in enumerate(histories["stances"]):
            flat, stretches = histories["cells"][r][k], pack["traceAt"][r][k]
            starts = [None, *(histories["days"][i] for i in flat[1::2])]
            ends = [*starts[1:], None]
            for (when, index), start, end in zip(stretches, starts, ends, strict=True):
                inside = (start is None or start <= when) and (end is None or when < end)
                reasons = [unescape(reason) for reason in
                           re.findall(r'<div class="tl-reason">([^<]*)</div>', traces[index])]
                if not inside or reasons != [s.reason for s in
                                             bundled.resolve(target, stance, when).trace]:
                    problems.append((target, stance, when))
    assert [] == problems


def test_every_trace_citation_links_to_its_bibliography_entry(bundled):
    """A citation in a trace links to the bibliography entry of the registry source it names."""
    html = render_report(bundled, at=AT, targets=["karakhan-1919", "karakhan-1920"])
    entries = set(re.findall(r'<li id="(src-[^"]+)">', html))
    links = re.findall(r'<ul class="tl-cites"><li><a href="#(src-[^"]+)">([^<]*)</a>', html)
    assert (True, []) == (len(links) > 0, [(a, t) for a, t in links if a not in entries])


def test_bibliography_lists_every_cited_source_once(bundled):
    """The bundled rules have a registry: one entry per cited source id, anchored #src-ID."""
    from treatylogic.sources import citations as citations_of
    from treatylogic.sources import cited_id

    bibliography = Bibliography.of(bundled)
    keys = [entry.text for entry in bibliography.entries]
    cited = {cited_id(text) for items in bundled.declarations().values() for item in items
             for _, text in citations_of(item)}
    assert (sorted(cited), [f"src-{k}" for k in keys]) == (
        sorted(keys), [entry.anchor_id for entry in bibliography.entries])


def test_progress_reaches_the_end(tmp_path):
    """write_report calls progress(done, total) with done rising to total."""
    calls: list[tuple[int, int]] = []
    write_report(tl.load(FIXTURE_RULES), tmp_path / "r.html", at=AT,
                 progress=lambda done, total: calls.append((done, total)))
    dones = [done for done, _ in calls]
    assert (True, calls[-1][1]) == (dones == sorted(dones), calls[-1][0])


def test_report_file_is_small_for_a_large_corpus(tmp_path):
    """1,000 instruments x 5 stances make a report under 5 MB (the issue's size target)."""
    out = write_report(synthetic_corpus(1000, stances=5, seed=0), tmp_path / "big.html",
                       at="2030-12-31")
    assert True is (Path(out).stat().st_size < 5_000_000)


def test_report_benchmark_runs(tmp_path):
    """benchmarks/report_bench.py measures a small size and writes its JSON (a smoke test)."""
    import subprocess
    import sys

    script = Path(__file__).resolve().parents[2] / "benchmarks" / "report_bench.py"
    out = tmp_path / "bench.json"
    done = subprocess.run([sys.executable, str(script), "--sizes", "60", "--repeat", "1",
                           "--json", str(out)], capture_output=True, text=True, check=False)
    row = json.loads(out.read_text())["rows"][0] if out.exists() else {}
    assert (0, 60, 5) == (done.returncode, row.get("size"), row.get("stances")), done.stderr


def test_bibliography_from_a_sources_registry(tmp_path):
    """With corpus.sources ({id: Source}), citations 'ID, locator' link to #src-ID and read as
    the work's title and locator; the entry is the formatted reference with its link."""
    from dataclasses import dataclass as _dataclass

    @_dataclass(frozen=True)
    class Work:  # the fields of issue 15's Source that the report reads
        id: str
        title: str
        author: tuple[str, ...] = ()
        container: str = ""
        publisher: str = ""
        date: object = None
        url: str = ""
        pages: str = ""
        accessed: object = None
        note: str = ""

    rules = tmp_path / "rules"
    rules.mkdir()
    text = (FIXTURE_RULES / "fictional.yaml").read_text(encoding="utf-8")
    text = text.replace('sources: "Fictional source B, art. 3"', 'sources: "src-b, art. 3"')
    (rules / "r.yaml").write_text(text, encoding="utf-8")
    corpus = tl.load(rules)
    corpus.sources = {"src-b": Work("src-b", "The River Book", ("Doe, Jane",),
                                    url="https://example.org/river")}
    html = render_report(corpus, at=AT, targets=["river-declaration"])
    entry = re.search(r'<li id="src-src-b">(.*?) <span class="tl-muted">&mdash; cited by '
                      r"(.*?)</span></li>", html)
    links = set(re.findall(r'<a href="#src-src-b">([^<]*)</a>', html))
    assert ('Doe, Jane. <i>The River Book</i>. <a href="https://example.org/river" '
            'rel="noreferrer">https://example.org/river</a>', "<code>treaty-suspends-declaration"
            "</code>", {"The River Book, art. 3"}) == (entry.group(1), entry.group(2), links)


def test_hostile_names_cannot_end_the_embedded_data(tmp_path):
    """A stance named '</script><script>...' stays data: four script elements (data, traces,
    the parties' pack, the explorer; the parties' pack came with issue 16's party choice),
    JSON intact."""
    rules = tmp_path / "rules"
    rules.mkdir()
    text = (FIXTURE_RULES / "fictional.yaml").read_text(encoding="utf-8")
    hostile = "</script><script>alert(1)</script>"
    text = text.replace("    name: Northland\n", f"    name: '{hostile}'\n")
    (rules / "r.yaml").write_text(text, encoding="utf-8")
    html = render_report(tl.load(rules), at=AT)
    data = json.loads(re.search(r'<script type="application/json" id="tl-data">(.*?)</script>',
                                html, flags=re.S).group(1))
    assert (4, hostile) == (html.count("<script"), data["stanceNames"]["northland"])
