"""The report's explorer in headless Chromium: the date control, filters, search, phones,
scripts off, large corpora; the network sealed off throughout."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from report_helpers import AT, REPO, save_artifact

import treatylogic as tl
from treatylogic.dates import parse_date
from treatylogic.report import write_report
from treatylogic.report.axis import Period, TimeAxis
from treatylogic.synth import synthetic_corpus

# every visible matrix cell as "target | stance" -> its status value
_CELLS_JS = """() => Object.fromEntries([...document.querySelectorAll('td.tl-cell')]
    .filter(td => td.offsetParent !== null)
    .map(td => [td.dataset.target + ' | ' + td.dataset.stance, td.dataset.status]))"""
_WORDS_JS = """() => Object.fromEntries([...document.querySelectorAll('td.tl-cell')].map(
    td => [td.dataset.target + ' | ' + td.dataset.stance, td.querySelector('summary').textContent
    .trim()]))"""
_SHOWN_ROWS_JS = """() => [...document.querySelectorAll('table.tl-matrix tbody tr')]
    .filter(tr => tr.offsetParent !== null).map(tr => tr.dataset.target)"""


def _table(corpus, at, stances=None) -> dict[str, str]:
    chosen = stances or sorted(corpus.stances)
    return {f"{t} | {s}": status.value for (t, s), status in corpus.table(at).items()
            if s in chosen}


def _set_date(page, text: str) -> None:
    page.fill("#tl-date-text", text)
    page.press("#tl-date-text", "Enter")


@pytest.mark.parametrize("at", ["1919-07-24", "1919-12-31", "1921", "1922-10", "1923-06-01",
                                "1924-05-31", "1945-08-14", "1953", "1991-12-26", AT,
                                "9999-12-31"])
def test_typed_date_moves_every_cell_to_the_table_of_that_date(corpus, report, sealed, at):
    """Typing a date shows, in every cell, corpus.table's status on that date (words too)."""
    sealed.open(report.as_uri())
    _set_date(sealed.page, at)
    expected = _table(corpus, at)
    assert expected == sealed.page.evaluate(_CELLS_JS)
    words = {key: value.replace("_", " ") for key, value in expected.items()}
    assert words == sealed.page.evaluate(_WORDS_JS)


def test_slider_walks_through_every_change_day(corpus, report, sealed):
    """Each slider stop shows corpus.table on that stop's day; the typed date follows."""
    sealed.open(report.as_uri())
    page = sealed.page
    stops = int(page.get_attribute("#tl-slider", "max")) + 1
    checked = []
    for stop in sorted({0, 1, stops // 3, stops // 2, stops - 2, stops - 1}):
        page.eval_on_selector("#tl-slider", "(s, v) => { s.value = v; "
                              "s.dispatchEvent(new Event('input')); }", str(stop))
        day = page.input_value("#tl-date-text")
        checked.append(_table(corpus, day) == page.evaluate(_CELLS_JS))
    assert [True] * len(checked) == checked


def test_a_bad_typed_date_is_refused_with_a_message(report, sealed):
    """A date that is not a year, month or day leaves the matrix and says why."""
    sealed.open(report.as_uri())
    before = sealed.page.evaluate(_CELLS_JS)
    _set_date(sealed.page, "1919-02-30")
    assert (before, "not a date: write 1924, 1924-05 or 1924-05-31") == (
        sealed.page.evaluate(_CELLS_JS), sealed.page.inner_text("#tl-date-error"))


def test_unchecking_a_stance_hides_its_column(corpus, report, sealed):
    """With one stance unchecked, the visible cells are the other stances' only."""
    sealed.open(report.as_uri())
    stances = sorted(corpus.stances)
    sealed.page.uncheck(f'input[name="stance"][value="{stances[0]}"]')
    assert _table(corpus, AT, stances[1:]) == sealed.page.evaluate(_CELLS_JS)


def test_status_filter_keeps_rows_with_that_status(corpus, report, sealed):
    """Filtering by a status shows exactly the rows where some stance reaches it."""
    sealed.open(report.as_uri())
    table = corpus.table(AT)
    wanted = table[corpus.targets()[0], sorted(corpus.stances)[0]].value
    sealed.page.select_option("#tl-status", wanted)
    expected = [t for t in _matrix_order(sealed.page)
                if any(table[t, s].value == wanted for s in corpus.stances)]
    assert expected == sealed.page.evaluate(_SHOWN_ROWS_JS)


def _matrix_order(page) -> list[str]:
    return page.evaluate("() => [...document.querySelectorAll('table.tl-matrix tbody tr')]"
                         ".map(tr => tr.dataset.target)")


def test_differ_filter_follows_the_date(corpus, report, sealed):
    """'Only where readings differ' shows the rows whose statuses differ on the date shown."""
    sealed.open(report.as_uri())
    sealed.page.check("#tl-differ")
    shown = {}
    for at in ("1921", "1953", AT):
        _set_date(sealed.page, at)
        table = corpus.table(at)
        expected = [t for t in _matrix_order(sealed.page)
                    if len({table[t, s] for s in corpus.stances}) > 1]
        shown[at] = (expected, sealed.page.evaluate(_SHOWN_ROWS_JS))
    assert {at: pair[0] for at, pair in shown.items()} == \
        {at: pair[1] for at, pair in shown.items()}


def test_search_matches_ids_and_titles(corpus, report, sealed):
    """Searching 'manifesto' shows the rows whose id or title contains it, in matrix order."""
    sealed.open(report.as_uri())
    sealed.page.fill("#tl-search", "Manifesto")
    expected = [t for t in _matrix_order(sealed.page)
                if "manifesto" in f"{t} {_title(corpus, t)}".lower()]
    assert (True, expected) == (len(expected) > 0, sealed.page.evaluate(_SHOWN_ROWS_JS))


def _title(corpus, target: str) -> str:
    instrument, _, provision = target.partition("#")
    return corpus.provisions[target].summary if provision else \
        corpus.instruments[instrument].title


@pytest.mark.parametrize("at", ["1921", "1923-06-01", "1953"])
def test_an_opened_trace_explains_the_date_shown(corpus, report, sealed, at):
    """After moving the date, each opened cell shows the trace of the stretch holding that
    date: the trace's day is named, its reasons are corpus.resolve's on that day, and its
    status is the table's on the date shown."""
    sealed.open(report.as_uri())
    page = sealed.page
    _set_date(page, at)
    shown = page.input_value("#tl-date-text")
    checked = []
    for cell in page.locator("td.tl-cell").all()[:12]:
        cell.locator("summary").click()
        # the box is marked once the stretch's trace is in it (the unpacking is asynchronous)
        page.wait_for_function("c => c.querySelector('.tl-trace-box').dataset.shown "
                               "!== undefined", arg=cell.element_handle())
        target, stance = cell.get_attribute("data-target"), cell.get_attribute("data-stance")
        notes = cell.locator(".tl-trace-note").all_inner_texts()
        when = notes[0].split("Trace on ")[1][:10] if notes else shown
        resolution = corpus.resolve(target, stance, when)
        checked.append((
            [step.reason for step in resolution.trace] ==
            cell.locator(".tl-reason").all_inner_texts(),
            resolution.status == corpus.table(shown)[target, stance]))
    assert [(True, True)] * 12 == checked


@pytest.mark.parametrize("open_traces", [False, True])
def test_phone_width_has_no_sideways_page_scroll(report, sealed, open_traces):
    """At 390 px the document is no wider than the viewport, traces opened or not."""
    sealed.page.set_viewport_size({"width": 390, "height": 844})
    sealed.open(report.as_uri())
    if open_traces:
        sealed.page.evaluate("() => document.querySelectorAll('details')"
                             ".forEach(d => d.open = true)")
    assert 390 >= sealed.page.evaluate("() => document.documentElement.scrollWidth")


def test_phone_text_is_readable(report, sealed):
    """At 390 px no text in the page, charts included, is drawn under 9 px high."""
    sealed.page.set_viewport_size({"width": 390, "height": 844})
    sealed.open(report.as_uri())
    smallest = sealed.page.evaluate("""() => {
        let least = 99;
        for (const el of document.querySelectorAll('p, td, th, li, summary, label, text')) {
            if (!el.textContent.trim()) continue;
            const r = el.getBoundingClientRect();
            if (r.width === 0) continue;
            let size = parseFloat(getComputedStyle(el).fontSize);
            const svg = el.closest('svg');
            if (svg && svg.viewBox.baseVal && svg.viewBox.baseVal.width)
                size *= svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            least = Math.min(least, size);
        }
        return least; }""")
    assert True is (smallest >= 9), smallest


def test_phone_matrix_scrolls_in_its_box_with_sticky_headers(report, sealed):
    """At 390 px the matrix scrolls inside its box; the stance headers stay on top."""
    sealed.page.set_viewport_size({"width": 390, "height": 844})
    sealed.open(report.as_uri())
    page = sealed.page
    page.eval_on_selector(".tl-matrix-box", "b => { b.scrollTop = 400; b.scrollLeft = 200; }")
    box_top = page.eval_on_selector(".tl-matrix-box", "b => b.getBoundingClientRect().top")
    head_top = page.eval_on_selector(".tl-matrix thead th[data-stance]",
                                     "h => h.getBoundingClientRect().top")
    wider = page.eval_on_selector(".tl-matrix-box", "b => b.scrollWidth > b.clientWidth")
    assert (True, True) == (wider, abs(head_top - box_top) < 3)


def test_with_scripts_off_the_matrix_is_there(corpus, report, browser):
    """With JavaScript disabled every cell shows the report date's status; no dead controls."""
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(report.as_uri())
    statuses = {f"{td.get_attribute('data-target')} | {td.get_attribute('data-stance')}":
                td.get_attribute("data-status") for td in page.locator("td.tl-cell").all()}
    controls_visible = page.locator("#explore").is_visible()
    context.close()
    assert (_table(corpus, AT), False) == (statuses, controls_visible)


def test_timeline_marks_do_not_overlap_at_1400(report, sealed):
    """In every timeline chart, no two effect numbers overlap, and none is under 9 px high."""
    sealed.open(report.as_uri())
    found = sealed.page.evaluate("""() => {
        const problems = []; let numbers = 0;
        for (const svg of document.querySelectorAll('figure.tl-chart svg')) {
            const boxes = [...svg.querySelectorAll('text')]
                .filter(t => /^\\d+$/.test(t.textContent.trim()))
                .map(t => t.getBoundingClientRect());
            numbers += boxes.length;
            boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
                if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom)
                    problems.push('overlap');
            }));
            boxes.forEach(a => { if (a.height < 9) problems.push('small ' + a.height); });
        }
        return [numbers, problems]; }""")
    assert (True, []) == (found[0] > 0, found[1])


@pytest.fixture(scope="module")
def large_report(tmp_path_factory) -> tuple[tl.Corpus, Path]:
    corpus = synthetic_corpus(400, stances=5, seed=2)
    out = tmp_path_factory.mktemp("large") / "large.html"
    return corpus, write_report(corpus, out, at="2030-12-31")


def test_large_report_moves_through_time_unpacks_traces_and_draws_on_demand(large_report, sealed):
    """On 400 synthetic instruments: a date shows the table, a trace unpacks, a timeline draws,
    and nothing leaves the page."""
    corpus, report = large_report
    sealed.open(report.as_uri())
    page = sealed.page
    _set_date(page, "1960-06-30")
    cells_ok = _table(corpus, "1960-06-30") == page.evaluate(_CELLS_JS)
    cell = page.locator("td.tl-cell").nth(3)
    cell.locator("summary").click()
    page.wait_for_selector("td.tl-cell >> nth=3 >> li.tl-step")
    target, stance = cell.get_attribute("data-target"), cell.get_attribute("data-stance")
    reasons = cell.locator(".tl-reason").all_inner_texts()
    instrument = max(sorted(corpus.instruments),  # the busiest timeline: most marks to place
                     key=lambda i: len(corpus.target_record(i).effects))
    page.fill("#tl-pick-input", instrument)
    page.click("#tl-draw")
    lanes = page.locator("#tl-drawn g.tl-seg").count()
    overlaps = page.evaluate("""() => {
        const boxes = [...document.querySelectorAll('#tl-drawn text.tl-mark')]
            .map(t => t.getBoundingClientRect());
        let n = 0;
        boxes.forEach((a, i) => boxes.slice(i + 1).forEach(b => {
            if (a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom) n++;
        }));
        return n; }""")
    page.wait_for_load_state("networkidle")
    assert (True, [s.reason for s in corpus.resolve(target, stance, "2030-12-31").trace]) == \
        (cells_ok, reasons)
    assert (True, 0, [report.as_uri()], []) == (lanes >= len(corpus.stances), overlaps,
                                               sealed.requested, sealed.blocked)


def test_screenshots_at_1400_and_390(report, sealed, tmp_path):
    """Screenshots at 1400 and 390 px go to artifacts/ (and to docs/ when asked)."""
    shots = []
    for width, height, name in ((1400, 1000, "report.png"), (390, 844, "report-phone.png")):
        sealed.page.set_viewport_size({"width": width, "height": height})
        sealed.open(report.as_uri())
        if width < 700:  # on a phone, the picture worth showing starts at the controls
            sealed.page.eval_on_selector("#explore", "e => e.scrollIntoView()")
        shot = tmp_path / name
        sealed.page.screenshot(path=str(shot), full_page=False)
        shots.append(save_artifact(shot, name).read_bytes()[:4])
        if os.environ.get("TREATYLOGIC_DOCS_SCREENSHOT") == "1":
            save_docs = REPO / "docs" / name
            save_docs.write_bytes(shot.read_bytes())
    assert [b"\x89PNG", b"\x89PNG"] == shots


def test_report_date_is_the_initial_date(report, sealed):
    """Before any move, the date control shows the report's date."""
    sealed.open(report.as_uri())
    assert dt.date.fromisoformat(AT).isoformat() == sealed.page.input_value("#tl-date-text")


def test_every_control_runs_without_a_script_error(corpus, report, sealed):
    """Moving the date with a trace open, stepping, filtering and searching raise no error."""
    sealed.open(report.as_uri())
    page = sealed.page
    page.locator("td.tl-cell summary").first.click()
    _set_date(page, "1953")
    for button in ("#tl-prev", "#tl-next", "#tl-next", "#tl-reset"):
        page.click(button)
    page.check("#tl-differ")
    page.select_option("#tl-status", "annulled")
    page.fill("#tl-search", "treaty")
    page.uncheck(f'input[name="stance"][value="{sorted(corpus.stances)[-1]}"]')
    assert ([], AT) == (sealed.errors, page.input_value("#tl-date-text"))


def test_search_also_narrows_the_effects_table(corpus, report, sealed):
    """Searching 'annul' leaves the effects whose ids, verb or source title contain it."""
    sealed.open(report.as_uri())
    sealed.page.fill("#tl-search", "annul")
    records = sorted(corpus.effects.values(), key=lambda r: r.order_key)
    expected = [r.id for r in records if "annul" in " ".join(
        (r.id, r.source.id, r.effect.target, r.kind.verb, r.source.title)).lower()]
    shown = sealed.page.evaluate("""() => [...document.querySelectorAll('tr.tl-dep')]
        .filter(tr => tr.offsetParent !== null).map(tr => tr.cells[4].innerText)""")
    assert (True, expected) == (len(expected) > 0, shown)


@pytest.mark.parametrize("at", ["1920-03-15", "1923-06", "1953"])
def test_drawn_charts_mark_the_date_shown_where_the_axis_puts_it(corpus, report, sealed, at):
    """Moving the date draws a line on each timeline at the x Python's TimeAxis gives that day."""
    sealed.open(report.as_uri())
    _set_date(sealed.page, at)
    found = sealed.page.evaluate("""() => [...document.querySelectorAll(
        'figure.tl-chart[data-knots]')].map(f => {
            const svg = f.querySelector('svg'), line = svg.querySelector('line.tl-shown');
            return [f.dataset.knots, f.dataset.frame,
                    line ? +line.getAttribute('x1') / svg.viewBox.baseVal.width : null]; })""")
    day = parse_date(at).latest
    misses = []
    for knots, frame, shown in found:
        numbers = [float(n) for n in knots.split()]
        corners = list(zip(numbers[0::2], numbers[1::2], strict=True))
        periods = [(dt.date.fromordinal(int(a[0])), dt.date.fromordinal(int(b[0])), a[1], b[1])
                   for a, b in zip(corners[0::2], corners[1::2], strict=True)]
        axis = TimeAxis(tuple(Period(*p) for p in periods))
        x0, x1 = (float(v) for v in frame.split()[:2])
        expected = x0 + (x1 - x0) * axis.x(day)
        if shown is None or abs(expected - shown) > 0.002:
            misses.append((knots[:30], expected, shown))
    assert (True, []) == (len(found) > 0, misses)
