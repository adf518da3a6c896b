"""The report's pieces without a browser: timeline plots, notebook HTML, the report file."""

from __future__ import annotations

import re
import struct
from html.parser import HTMLParser
from pathlib import Path

import pytest
from report_helpers import AT, FIXTURE_RULES

import treatylogic as tl
from treatylogic.report import ReportError, plot_timeline, render_report, write_report


@pytest.fixture(scope="module")
def fictional() -> tl.Corpus:
    return tl.load(FIXTURE_RULES)


class _Texts(HTMLParser):
    """The text inside every element with a given class, in document order."""

    def __init__(self, cls: str) -> None:
        super().__init__()
        self.cls, self.depth, self.found = cls, 0, []

    def handle_starttag(self, tag, attrs):
        if self.depth:
            self.depth += 1
        elif self.cls in (dict(attrs).get("class") or "").split():
            self.depth = 1
            self.found.append("")

    def handle_endtag(self, tag):
        if self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.found[-1] += data


def texts(html: str, cls: str) -> list[str]:
    parser = _Texts(cls)
    parser.feed(html)
    return parser.found


def _png_size(path: Path) -> tuple[int, int]:
    return struct.unpack(">II", path.read_bytes()[16:24])


# ------------------------------------------------------------------ plot_timeline
def test_plot_timeline_svg_has_a_lane_per_stance(fictional, tmp_path):
    """An .svg plot is an SVG document whose lanes are labelled with every stance's name."""
    out = plot_timeline(fictional, "river-declaration", None, tmp_path / "river.svg")
    svg = out.read_text(encoding="utf-8")
    assert (tmp_path / "river.svg", True) == (out, "<svg" in svg)
    assert [True, True, True] == [f">{s.name}</text>" in svg for s in fictional.stances.values()]


def test_plot_timeline_one_stance_draws_one_lane(fictional, tmp_path):
    """Naming a stance (here by id) draws only its lane."""
    svg = plot_timeline(fictional, "river-treaty", "southland", tmp_path / "t.svg").read_text()
    assert (True, False, False) == (">Southland</text>" in svg, ">Northland</text>" in svg,
                                    ">A. Scholar</text>" in svg)


def test_plot_timeline_png(fictional, tmp_path):
    """A .png plot is a PNG image 11 inches wide at 150 dpi."""
    out = plot_timeline(fictional, "river-declaration#ferry-return", None, tmp_path / "f.png")
    assert (b"\x89PNG\r\n\x1a\n", 1650) == (out.read_bytes()[:8], _png_size(out)[0])


def test_plot_timeline_refuses_an_unknown_suffix(fictional, tmp_path):
    """Any suffix but .svg/.png is a ReportError (a ValueError) naming the file; nothing written."""
    with pytest.raises(ReportError) as caught:
        plot_timeline(fictional, "river-treaty", None, tmp_path / "river.jpg")
    assert (True, True, False) == (isinstance(caught.value, ValueError),
                                   "river.jpg" in str(caught.value) and ".svg or .png" in
                                   str(caught.value), (tmp_path / "river.jpg").exists())


def test_plot_timeline_unknown_stance_suggests(fictional, tmp_path):
    """A misspelt stance is an UnknownIdError with the closest stance suggested."""
    with pytest.raises(tl.UnknownIdError) as caught:
        plot_timeline(fictional, "river-treaty", "northlnd", tmp_path / "x.svg")
    assert ["northland"] == caught.value.suggestions[:1]


# ------------------------------------------------------------------ _repr_html_
def test_resolution_repr_html_shows_status_and_trace(fictional):
    """A Resolution's HTML shows its status first, then one reason per trace step."""
    r = fictional.resolve("river-declaration", "southland", AT)
    html = r._repr_html_()
    assert "undetermined" == texts(html, "tl-badge")[0]
    assert [s.reason for s in r.trace] == texts(html, "tl-reason")


def test_comparison_is_a_dict_and_displays_every_stance(fictional):
    """compare() returns a Comparison: still {stance: Resolution}, shown one row per stance."""
    comparison = fictional.compare("river-treaty", AT)
    expected = {s: fictional.resolve("river-treaty", s, AT) for s in sorted(fictional.stances)}
    assert (tl.Comparison, expected) == (type(comparison), dict(comparison))
    rows = comparison._repr_html_().split("<tr>")[2:]  # past the header row
    assert [r.status.value.replace("_", " ") for r in expected.values()] == \
        [texts(row, "tl-badge")[0] for row in rows]


def test_timeline_repr_html_has_a_row_per_interval(fictional):
    """A Timeline's HTML lists each interval's status in order."""
    line = fictional.timeline("river-declaration", "northland")
    assert [i.status.value.replace("_", " ") for i in line.intervals] == \
        texts(line._repr_html_(), "tl-badge")


# -------------------------------------------------------------------- the report
def test_report_is_self_contained(fictional):
    """No link or src; url() only points inside the page; http only names namespaces."""
    html = render_report(fictional, at=AT)
    assert [] == [tag for tag in ("<link", "<iframe", " src=", "@import")
                  if tag in html]
    assert set() == set(re.findall(r"url\((?!#)[^)]*\)", html))
    assert {'xmlns="http://www.w3.org/2000/svg"', 'xmlns:xlink="http://www.w3.org/1999/xlink"'} \
        == set(re.findall(r'[\w:]+="https?://[^"]*"', html))


def test_report_targets_pick_the_rows(fictional, tmp_path):
    """--targets limits the matrix to those rows, in the order given."""
    out = write_report(fictional, tmp_path / "r.html", at="1930", targets=["river-treaty",
                                                                          "river-declaration"])
    html = out.read_text(encoding="utf-8")
    rows = [line.split('data-target="')[1].split('"')[0]
            for line in html.split("<tr ")[1:] if line.startswith('class="tl-')]
    assert ["river-treaty", "river-declaration"] == rows


def test_report_unknown_target(fictional, tmp_path):
    """An unknown target is an UnknownIdError with a suggestion, and no file is written."""
    with pytest.raises(tl.UnknownIdError) as caught:
        write_report(fictional, tmp_path / "r.html", at=AT, targets=["river-treaty-x"])
    assert (["river-treaty"], False) == (caught.value.suggestions[:1],
                                         (tmp_path / "r.html").exists())


def test_report_is_deterministic(fictional):
    """The same corpus and date give the same bytes (charts carry no timestamp)."""
    assert render_report(fictional, at=AT) == render_report(fictional, at=AT)
