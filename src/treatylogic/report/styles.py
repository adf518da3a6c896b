"""How the report looks: each status (word, fill, ink, pattern), the fragments and the page.

The fills form a lightness ramp and the patterns differ, so a status can be
told apart in greyscale and by readers who do not see colour; the word is
always printed next to it.

>>> look(Status.IN_FORCE).word
'in force'
"""

from __future__ import annotations

from dataclasses import dataclass

from ..status import Status

__all__ = ["LOOKS", "PAGE_CSS", "STATUS_ORDER", "STYLESHEET", "Look", "look", "status_word"]


@dataclass(frozen=True, slots=True)
class Look:
    """How one status is drawn."""

    word: str
    fill: str       # background colour
    ink: str        # text colour on that background
    hatch: str      # matplotlib hatch ("" for solid)
    meaning: str    # one line for the legend


#: The order the legend lists statuses in: binding first, ended next, unknown last.
STATUS_ORDER = (
    Status.IN_FORCE, Status.SUSPENDED, Status.RENOUNCED, Status.SUPERSEDED,
    Status.TERMINATED, Status.WITHDRAWN, Status.EXPIRED, Status.ANNULLED, Status.PENDING,
    Status.SIGNED, Status.NOT_PARTY, Status.UNDETERMINED, Status.NOT_IN_TEXT,
)

LOOKS: dict[Status, Look] = {
    Status.IN_FORCE: Look("in force", "#1b7837", "#ffffff", "", "binding"),
    Status.SUSPENDED: Look("suspended", "#a6dba0", "#111111", "..", "binding, but paused"),
    Status.RENOUNCED: Look("renounced", "#fdb863", "#111111", "\\\\", "given up by its author"),
    Status.SUPERSEDED: Look("superseded", "#b2abd2", "#111111", "--", "replaced by a later one"),
    Status.TERMINATED: Look("terminated", "#c2423a", "#ffffff", "", "ended from that day on"),
    Status.ANNULLED: Look("annulled", "#2a0a3d", "#ffffff", "", "void from the beginning"),
    Status.WITHDRAWN: Look("withdrawn", "#e7898a", "#111111", "", "the party left it"),
    Status.EXPIRED: Look("expired", "#8c6d62", "#ffffff", "", "its own term ran out"),
    Status.PENDING: Look("pending", "#f4f4f4", "#333333", "", "not yet made"),
    Status.SIGNED: Look("signed", "#deebf7", "#111111", "", "signed, consent not yet given"),
    Status.NOT_PARTY: Look("not a party", "#fcfcfc", "#555555", "", "never consented to it"),
    Status.UNDETERMINED: Look("undetermined", "#ffffff", "#111111", "//",
                              "cannot be told from the rules"),
    Status.NOT_IN_TEXT: Look("not in text", "#c8c8c8", "#111111", "xx",
                             "absent from the text this reading holds"),
}


def look(status: Status | str) -> Look:
    """The look of a status (a :class:`Status` or its value)."""
    return LOOKS[Status(status)]


def status_word(status: Status | str) -> str:
    """The status in words: ``in_force`` -> ``in force``."""
    return look(status).word


_PATTERN_INK = "rgba(0,0,0,.35)"
_PATTERNS = {
    "": "none",
    "..": f"radial-gradient({_PATTERN_INK} 1.2px, transparent 1.6px) 0 0/5px 5px",
    "\\\\": f"repeating-linear-gradient(-45deg, {_PATTERN_INK} 0 1.5px, transparent 1.5px 6px)",
    "//": f"repeating-linear-gradient(45deg, {_PATTERN_INK} 0 1.5px, transparent 1.5px 6px)",
    "--": f"repeating-linear-gradient(0deg, {_PATTERN_INK} 0 1.5px, transparent 1.5px 5px)",
    "xx": (f"repeating-linear-gradient(45deg, {_PATTERN_INK} 0 1px, transparent 1px 6px), "
           f"repeating-linear-gradient(-45deg, {_PATTERN_INK} 0 1px, transparent 1px 6px)"),
}


def _status_css(status: Status, the_look: Look) -> str:
    return (f".tl-st-{status.value} {{ background: {_PATTERNS[the_look.hatch]}, "
            f"{the_look.fill}; color: {the_look.ink}; }}")


#: The stylesheet every fragment relies on (class names all start with ``tl-``).
STYLESHEET = "\n".join([
    *(_status_css(status, the_look) for status, the_look in LOOKS.items()),
    ".tl-badge { display: inline-block; padding: .1em .55em; border-radius: .3em;"
    " border: 1px solid #555; font-weight: 600; white-space: nowrap;"
    " text-shadow: none; line-height: 1.4; }",
    ".tl-st-in_force, .tl-st-terminated, .tl-st-annulled { text-shadow: 0 0 2px #000; }",
    ".tl-st-suspended, .tl-st-renounced, .tl-st-superseded, .tl-st-undetermined,"
    " .tl-st-not_in_text { text-shadow: 0 0 3px #fff, 0 0 3px #fff; }",
    ".tl-trace { margin: .4em 0; padding-left: 1.6em; color: #111; background: #fff;"
    " text-shadow: none; font-weight: normal; text-align: left; }",
    ".tl-trace li { margin: .35em 0; }",
    ".tl-step-head { font-weight: 600; }",
    ".tl-verdict { font-variant: small-caps; letter-spacing: .03em; font-weight: 600; }",
    ".tl-rule { font-family: ui-monospace, monospace; font-size: .9em; }",
    ".tl-cites { margin: .15em 0 0 0; padding-left: 1.2em; color: #444; font-size: .9em;"
    " list-style: square; }",
    ".tl-mini { border-collapse: collapse; margin: .3em 0; }",
    ".tl-mini th, .tl-mini td { border: 1px solid #bbb; padding: .25em .6em;"
    " text-align: left; vertical-align: top; }",
    ".tl-note { color: #444; }",
])

#: The page's own layout: wide screens and phones (no sideways scroll of the page at 390 px).
PAGE_CSS = """
*, *::before, *::after { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111;
       margin: 0 auto; padding: 1.2em 2em 3em; max-width: 1500px; background: #fff;
       overflow-wrap: break-word; }
h1 { font-size: 1.6em; margin: 0 0 .2em; }
h2 { font-size: 1.25em; margin: 1.6em 0 .5em; border-bottom: 2px solid #222; }
code { font-family: ui-monospace, "DejaVu Sans Mono", monospace; font-size: .88em;
       overflow-wrap: anywhere; }
nav a { margin-right: .6em; }
.tl-lede { font-size: 1.05em; max-width: 60em; margin: .2em 0 .6em; }
.tl-legend { display: flex; flex-wrap: wrap; gap: .35em 1.3em; list-style: none; padding: 0;
             margin: .4em 0 1em; font-size: .92em; }
.tl-controls { display: flex; flex-wrap: wrap; gap: .5em 1.6em; align-items: center;
               padding: .6em .8em; margin: 0 0 .8em; background: #f3f3f3;
               border: 1px solid #ccc; border-radius: .4em; }
.tl-controls[hidden], .tl-control[hidden] { display: none; }
.tl-control { display: flex; flex-wrap: wrap; align-items: center; gap: .3em .5em; }
.tl-control > label:first-child, .tl-control > span:first-child,
.tl-stances > summary { font-weight: 600; }
details.tl-stances { display: block; }
details.tl-stances > summary { display: inline; cursor: pointer; margin-right: .5em; }
details.tl-stances > summary::before { content: "\\25B8  "; }
details.tl-stances[open] > summary::before { content: "\\25BE  "; }
details.tl-stances .tl-check { margin-right: .9em; }
.tl-date { flex: 1 1 100%; }
#tl-slider { flex: 1 1 16em; min-width: 10em; }
.tl-controls input, .tl-controls select, .tl-controls button { font: inherit; }
.tl-controls select { max-width: 100%; min-width: 0; }
.tl-control { max-width: 100%; }
.tl-check { white-space: nowrap; }
.tl-error { color: #a00000; font-weight: 600; }
.tl-noscript { color: #555; }
html:not(.tl-js) .tl-trace-box:empty::before { content: "The trace opens with scripts on.";
                                               color: #555; }
.tl-matrix-box { overflow: auto; max-height: 85vh; max-width: 100%;
                 border: 1px solid #ddd; border-radius: .3em; }
table.tl-matrix { border-collapse: separate; border-spacing: 3px; }
.tl-matrix thead th { position: sticky; top: 0; z-index: 2; background: #fff;
                      text-align: center; vertical-align: bottom; padding: .2em .5em;
                      font-weight: 600; }
.tl-matrix thead th code, .tl-matrix th.tl-row code { color: #555; font-weight: normal; }
.tl-matrix th.tl-row, .tl-matrix th.tl-corner { position: sticky; left: 0; z-index: 1;
                       background: #fff; text-align: left; font-weight: normal;
                       padding: .25em .6em .25em .3em; max-width: 24em; vertical-align: top; }
.tl-matrix thead th.tl-corner { z-index: 3; color: #555; font-weight: normal; }
.tl-row .tl-title { font-weight: 600; }
.tl-row.tl-prov { padding-left: 1.6em; font-size: .93em; }
.tl-agreement { text-align: center; font-size: .85em; color: #555; padding: .55em .4em 0;
                vertical-align: top; }
tr.tl-disagree .tl-agreement { color: #000; font-weight: 700; background: #ffe9a8;
                               border: 2px solid #000; border-radius: .3em; }
td.tl-cell { min-width: 8.5em; width: 10em; padding: 0; border: 1px solid #555;
             border-radius: .3em; vertical-align: top; }
td.tl-cell summary { cursor: pointer; padding: .45em .6em; font-weight: 700;
                     text-align: center; list-style: none; white-space: nowrap; }
td.tl-cell summary::-webkit-details-marker { display: none; }
td.tl-cell summary::after { content: " \\25B8"; font-weight: normal; }
td.tl-cell details[open] summary::after { content: " \\25BE"; }
.tl-trace-box { background: #fff; color: #111; text-shadow: none; padding: .4em .7em .6em;
                width: 30em; max-width: 80vw; border-top: 1px solid #555; font-size: .9em;
                white-space: normal; overflow-wrap: anywhere; }
.tl-trace-note { background: #fff3c4; padding: .2em .4em; margin: 0 0 .3em; }
.tl-charts figure, figure.tl-chart { margin: 1em 0 2em; overflow-x: auto; max-width: 100%; }
.tl-party-chart { margin: 1em 0 2em; overflow-x: auto; max-width: 100%; }
figure.tl-chart svg { width: 100%; max-width: 1350px; min-width: 1000px; height: auto;
                      display: block; }
figure.tl-chart svg text { white-space: pre; }
/* the dependency graph widens with the instruments: its own size, so its text never shrinks */
figure.tl-graph svg { width: auto; max-width: none; }
.tl-scroll, #tl-drawn { overflow-x: auto; max-width: 100%; }
svg.tl-drawn-chart { width: 100%; min-width: 900px; height: auto; display: block; }
table.tl-list { border-collapse: collapse; font-size: .93em; }
.tl-list th, .tl-list td { border-bottom: 1px solid #ccc; padding: .3em .7em; text-align: left;
                           vertical-align: top; }
.tl-sources li { margin: .2em 0; }
.tl-sources li:target { background: #fff3c4; }
.tl-muted { color: #555; }
tr.tl-hidden, .tl-hidden { display: none; }
@media (max-width: 700px) {
  body { font-size: 16px; padding: .8em .7em 2em; }
  h1 { font-size: 1.3em; }
  .tl-matrix th.tl-row { max-width: 9.5em; min-width: 7.5em; font-size: .9em; }
  td.tl-cell { min-width: 7em; width: 7.5em; }
  td.tl-cell summary { padding: .4em .3em; white-space: normal; }
  .tl-trace-box { width: 78vw; }
  .tl-controls { padding: .5em; gap: .5em 1em; }
  .tl-check { white-space: normal; }
  details.tl-stances .tl-check { display: block; }
  #tl-date-help { display: none; }
  .tl-matrix .tl-agreement { display: none; }
  tr.tl-disagree th.tl-row { background: #ffe9a8; border-left: 4px solid #000; }
  .tl-matrix th.tl-row { max-width: 8.5em; min-width: 7em; font-size: .85em; }
  .tl-row .tl-title { display: -webkit-box; -webkit-line-clamp: 3; -webkit-box-orient: vertical;
                      overflow: hidden; }
  td.tl-cell { min-width: 7.4em; width: 7.6em; font-size: .9em; }
}
"""
