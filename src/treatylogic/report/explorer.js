// treatylogic report explorer: moves the matrix through time and from party to party,
// filters it, draws timelines. Reads only the JSON in #tl-data (written by
// treatylogic.report.data) and the packs beside it (#tl-traces, #tl-parties); loads nothing.
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("tl-data").textContent);
  var H = D.histories, days = H.days, statuses = H.statuses, looks = D.looks;
  var $ = function (id) { return document.getElementById(id); };
  var stanceIndex = {};
  H.stances.forEach(function (s, i) { stanceIndex[s] = i; });
  var rows = Array.prototype.slice.call(document.querySelectorAll("table.tl-matrix tbody tr"));
  var rowCells = rows.map(function (tr) {
    return Array.prototype.slice.call(tr.querySelectorAll("td.tl-cell"));
  });
  document.documentElement.classList.add("tl-js");
  // a large page writes a cell's status only: its row gives the target, its column the stance
  rows.forEach(function (tr, r) {
    rowCells[r].forEach(function (td, k) {
      if (td.dataset.stance !== undefined) { return; }
      td.dataset.target = tr.dataset.target;
      td.dataset.stance = H.stances[k];
      td.dataset.status = /(?:^| )tl-st-(\S+)/.exec(td.className)[1];
    });
  });
  var targetIndex = {};
  H.targets.forEach(function (t, i) { targetIndex[t] = i; });
  var current = D.at;
  // whose status the matrix shows: "" the instrument's own, else a party (its layer: L)
  var partyId = D.party || "", staticParty = partyId, L = null;
  var NOT_PARTY = [statuses.indexOf("not_party")];
  // the history of target r under stance k, for the party chosen (a target the party could
  // not be bound by has no row in its layer: not_party on every day)
  function flatOf(r, k) {
    if (!partyId) { return H.cells[r][k]; }
    var row = L.rows[r];
    return row ? row[k] : NOT_PARTY;
  }
  function rowFlats(r) { return H.stances.map(function (_, k) { return flatOf(r, k); }); }

  // ------------------------------------------------------------------ days
  function pad(n, w) { var s = String(n); while (s.length < w) { s = "0" + s; } return s; }
  function utc(y, m, d) { var x = new Date(0); x.setUTCFullYear(y, m - 1, d); return x; }
  function iso(x) {
    return pad(x.getUTCFullYear(), 4) + "-" + pad(x.getUTCMonth() + 1, 2) + "-" +
      pad(x.getUTCDate(), 2);
  }
  function shift(day, by) {
    var p = day.split("-").map(Number), x = utc(p[0], p[1], p[2]);
    x.setUTCDate(x.getUTCDate() + by);
    return x.getUTCFullYear() < 1 ? day : iso(x);
  }
  // a year, month or day typed by the reader; a coarse date means its last day (as the engine)
  function parseDay(text) {
    var m = /^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?\s*$/.exec(text);
    if (!m) { return null; }
    var y = +m[1], mo = m[2] ? +m[2] : 12, d;
    if (y < 1 || mo < 1 || mo > 12) { return null; }
    var last = mo === 12 ? 31 : utc(y, mo + 1, 0).getUTCDate();
    d = m[3] ? +m[3] : last;
    if (d < 1 || d > last) { return null; }
    return pad(y, 4) + "-" + pad(mo, 2) + "-" + pad(d, 2);
  }
  function ordinal(day) {  // Python's date.toordinal()
    var p = day.split("-").map(Number);
    return Math.round((utc(p[0], p[1], p[2]).getTime() - utc(1, 1, 1).getTime()) / 864e5) + 1;
  }

  // --------------------------------------------------------------- statuses
  function statusOf(flat, day) {
    var s = flat[0];
    for (var i = 1; i < flat.length; i += 2) {
      if (days[flat[i]] <= day) { s = flat[i + 1]; } else { break; }
    }
    return statuses[s];
  }
  function visibleStances() {
    var on = {};
    document.querySelectorAll('input[name="stance"]').forEach(function (box) {
      on[box.value] = box.checked;
    });
    return on;
  }

  // stops for the slider: the day before the first change, every change day, the report's date
  var stops = days.slice();
  if (stops.indexOf(D.at) < 0) { stops.push(D.at); }
  stops.sort();
  if (stops.length) { stops.unshift(shift(stops[0], -1)); }
  var slider = $("tl-slider"), text = $("tl-date-text");
  slider.max = String(Math.max(stops.length - 1, 0));
  function stopFor(day) {
    var at = 0;
    for (var i = 0; i < stops.length; i++) { if (stops[i] <= day) { at = i; } }
    return at;
  }

  function show(day) {
    current = day;
    if (partyId && !L) { choose(partyId); return; }  // its layer is being unpacked
    text.value = day;
    slider.value = String(stopFor(day));
    slider.setAttribute("aria-valuetext", day);
    $("tl-date-error").textContent = "";
    $("tl-on").textContent = day;
    rows.forEach(function (tr, r) {
      var t = targetIndex[tr.dataset.target];
      rowCells[r].forEach(function (td) {
        var status = statusOf(flatOf(t, stanceIndex[td.dataset.stance]), day);
        if (td.dataset.status !== status) {
          td.classList.remove("tl-st-" + td.dataset.status);
          td.classList.add("tl-st-" + status);
          td.dataset.status = status;
          td.querySelector("summary").textContent = looks[status][2];
        }
      });
    });
    var note = $("tl-trace-note");
    note.hidden = day === D.at;
    note.textContent = day === D.at ? "" : "The matrix shows " + day + " (the report's date: " +
      D.at + "). An opened cell explains the stretch of its history that holds " + day + ".";
    $("tl-for").textContent = forWords();
    if ($("tl-party")) { $("tl-party").dataset.shown = partyId; }
    document.querySelectorAll("table.tl-matrix details[open]").forEach(fillTrace);
    filter();
    redraw();
  }

  // the stretch of a cell's history that holds ``day``: its number and its bounds
  function stretchOf(r, k, day) {
    var flat = flatOf(r, k), i = 0;
    for (var j = 1; j < flat.length; j += 2) { if (days[flat[j]] <= day) { i++; } else { break; } }
    return {i: i, start: i === 0 ? null : days[flat[2 * i - 1]],
            end: 2 * i + 1 < flat.length ? days[flat[2 * i + 1]] : null};
  }
  function holds(stretch, day) {
    return (stretch.start === null || stretch.start <= day) &&
      (stretch.end === null || day < stretch.end);
  }
  // the packed trace that explains a stretch, and the day it was taken on
  function traceOf(pack, r, k, stretch, target) {
    if (partyId && !L.rows[r]) {  // no party to it: one trace says so, whatever the day
      var out = outside[target.split("#")[0]];
      return typeof out === "number" ? {when: current, index: out, fill: partyId} :
        {when: current, index: out[partyId], fill: null};
    }
    var entry = (partyId ? L.traceAt[r] : pack.traceAt[r])[k][stretch.i];
    return {when: entry[0], index: entry[1], fill: null};
  }

  function fillTrace(details) {
    var box = details.querySelector(".tl-trace-box"), td = details.parentNode;
    var r = targetIndex[td.dataset.target], k = stanceIndex[td.dataset.stance];
    var stretch = stretchOf(r, k, current), key = partyId + ":" + stretch.i;
    if (box.dataset.shown === undefined && box.firstChild && partyId === staticParty &&
        holds(stretch, D.at)) {  // the trace written in place explains this stretch
      box.dataset.shown = key;
      box.dataset.when = D.at;
    }
    if (box.dataset.shown === key) { noteTrace(box, td, stretch, box.dataset.when); return; }
    inflate("tl-traces").then(function (pack) {
      var found = traceOf(pack, r, k, stretch, td.dataset.target);
      var html = pack.traces[found.index];  // the report's own escaped HTML
      if (found.fill !== null) { html = html.split("\u0000").join(escapeHtml(found.fill)); }
      box.innerHTML = html;
      box.dataset.shown = key;
      box.dataset.when = found.when;
      noteTrace(box, td, stretch, found.when);
    }, function (error) {
      box.textContent = "This browser could not unpack the traces (" + error + ").";
    });
  }

  function noteTrace(box, td, stretch, when) {
    var old = box.querySelector(".tl-trace-note");
    if (old) { old.remove(); }
    if (when === current) { return; }
    var p = document.createElement("p");
    p.className = "tl-trace-note";
    p.textContent = "Trace on " + when + ". Its status, " + looks[td.dataset.status][2] +
      ", holds from " + (stretch.start || "the beginning") + " until " +
      (stretch.end ? stretch.end + " (exclusive)" : "the end of the record") +
      ", so it is the status on " + current + " too.";
    box.insertBefore(p, box.firstChild);
  }

  // the traces and the party layers travel gzip-compressed; the browser inflates each once
  var unpacked = {};
  function inflate(id) {
    if (!unpacked[id]) {
      var binary = atob($(id).textContent.trim());
      var bytes = new Uint8Array(binary.length);
      for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
      var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
      unpacked[id] = new Response(stream).text().then(JSON.parse);
    }
    return unpacked[id];
  }

  // ---------------------------------------------------------------- parties
  var partyNames = {}, outside = {};
  function escapeHtml(t) {
    return t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;").replace(/'/g, "&#x27;");
  }
  (D.parties || []).forEach(function (p) { partyNames[p[0]] = p[1]; });
  function forWords() {  // as the page's heading ends (treatylogic.report.page._party_words)
    if (partyId) { return ", for " + partyNames[partyId] + " (" + partyId + ")"; }
    return D.parties && D.parties.length ? ", the instrument's own status among its parties" : "";
  }
  function choose(p) {
    partyId = p;
    if (!p) { L = null; show(current); return; }
    inflate("tl-parties").then(function (layers) {
      if (partyId !== p) { return; }  // the reader chose again meanwhile
      L = layers.layers[p];
      outside = layers.outside;
      show(current);
    }, function (error) {
      $("tl-date-error").textContent = "This browser could not unpack the parties (" + error + ").";
    });
  }

  // ---------------------------------------------------------------- filters
  function filter() {
    var on = visibleStances(), want = $("tl-status").value, differOnly = $("tl-differ").checked;
    var terms = $("tl-search").value.toLowerCase().split(/\s+/).filter(Boolean);
    document.querySelectorAll("table.tl-matrix [data-stance]").forEach(function (el) {
      el.classList.toggle("tl-hidden", !on[el.dataset.stance]);
    });
    var shown = 0;
    rows.forEach(function (tr, r) {
      var seen = {}, kinds = 0, has = !want;
      rowCells[r].forEach(function (td) {
        if (!on[td.dataset.stance]) { return; }
        if (!seen[td.dataset.status]) { seen[td.dataset.status] = true; kinds++; }
        if (td.dataset.status === want) { has = true; }
      });
      var differ = kinds > 1;
      tr.classList.toggle("tl-disagree", differ);
      tr.classList.toggle("tl-agree", !differ);
      var mark = tr.querySelector(".tl-agreement");
      mark.textContent = differ ? "\u2260 differ" : "agree";
      var search = tr.dataset.search;
      var found = terms.every(function (t) { return search.indexOf(t) >= 0; });
      var visible = has && found && (!differOnly || differ);
      tr.classList.toggle("tl-hidden", !visible);
      if (visible) { shown++; }
    });
    $("tl-count").textContent = "showing " + shown + " of " + rows.length + " rows";
    document.querySelectorAll("tr.tl-dep").forEach(function (tr) {
      var search = tr.dataset.search;
      tr.classList.toggle("tl-hidden", !terms.every(function (t) {
        return search.indexOf(t) >= 0;
      }));
    });
  }

  // --------------------------------------------------- timelines on demand
  var NS = "http://www.w3.org/2000/svg", drawn = null;
  function el(name, attrs, textContent) {
    var node = document.createElementNS(NS, name);
    Object.keys(attrs).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (textContent !== undefined) { node.textContent = textContent; }
    return node;
  }
  function ymd(ord) {  // the year of a Python ordinal
    var x = utc(1, 1, 1);
    x.setUTCDate(x.getUTCDate() + ord - 1);
    return x.getUTCFullYear();
  }
  function niceStep(raw) {
    var steps = [1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000, 2000, 5000];
    for (var i = 0; i < steps.length; i++) { if (raw <= steps[i]) { return steps[i]; } }
    return 10000;
  }
  function axisX(knots, day) {
    var o = ordinal(day), n = knots.length;
    if (o <= knots[0]) { return knots[1]; }
    for (var i = 2; i < n; i += 2) {
      if (o <= knots[i]) {
        var o0 = knots[i - 2], x0 = knots[i - 1], o1 = knots[i], x1 = knots[i + 1];
        return x0 + (x1 - x0) * (o - o0) / Math.max(o1 - o0, 1);
      }
    }
    return knots[n - 1];
  }
  // a timeline drawn by the page, for the party chosen (null: no data for it)
  function chartSvg(target) {
    var chart = D.charts[target];
    if (!chart || targetIndex[target] === undefined) { return null; }
    var flatRow = rowFlats(targetIndex[target]);
    var left = 170, width = 1000, laneH = 30, top = 34, n = H.stances.length;
    var x = function (day) { return left + (width - left - 10) * axisX(chart.knots, day); };
    var tickY = top + n * laneH + 8, eff = tickY + 16;
    var height = eff + 36 + 16 * chart.effects.length;  // grown below once the marks are placed
    var svg = el("svg", {viewBox: "0 0 " + width + " " + height, role: "img",
      "aria-label": "timeline of " + target, "class": "tl-drawn-chart"});
    svg.appendChild(el("text", {x: 4, y: 16, "font-weight": "bold", "font-size": 14},
      target + " \u2014 " + (chart.title || "") + forWords()));
    var defs = el("defs", {});
    Object.keys(looks).forEach(function (status) {  // hatched statuses read in greyscale too
      if (!looks[status][3]) { return; }
      var pattern = el("pattern", {id: "tl-h-" + status, width: 6, height: 6,
        patternUnits: "userSpaceOnUse", patternTransform: "rotate(45)"});
      pattern.appendChild(el("rect", {width: 6, height: 6, fill: looks[status][0]}));
      pattern.appendChild(el("line", {x1: 0, y1: 0, x2: 0, y2: 6, stroke: "rgba(0,0,0,.4)",
        "stroke-width": 1.5}));
      defs.appendChild(pattern);
    });
    svg.appendChild(defs);
    for (var p = 0; p + 3 < chart.knots.length; p += 4) {  // year ticks, period by period
      var y0 = ymd(chart.knots[p]), y1 = ymd(chart.knots[p + 2]);
      var room = (width - left - 10) * (chart.knots[p + 3] - chart.knots[p + 1]);
      var step = niceStep((y1 - y0 + 1) / Math.max(Math.floor(room / 60), 1));
      for (var year = Math.ceil((y0 + 1) / step) * step; year <= y1; year += step) {
        var tx = x(pad(year, 4) + "-01-01");
        svg.appendChild(el("line", {x1: tx, x2: tx, y1: top - 4, y2: tickY - 6, stroke: "#ddd"}));
        svg.appendChild(el("text", {x: tx, y: tickY + 4,
          "text-anchor": "middle", "font-size": 11, fill: "#333"}, String(year)));
      }
    }
    for (var k = 2; k + 3 < chart.knots.length; k += 4) {  // folded gaps
      var gx = left + (width - left - 10) * chart.knots[k + 1];
      var gx1 = left + (width - left - 10) * chart.knots[k + 3];
      svg.appendChild(el("rect", {x: gx, y: top - 6, width: Math.max(gx1 - gx, 1),
        height: eff - top + 6, fill: "#efefef"}));
      svg.appendChild(el("text", {x: (gx + gx1) / 2, y: top - 10, "text-anchor": "middle",
        "font-size": 14}, "\u2248"));
    }
    H.stances.forEach(function (s, lane) {
      var flat = flatRow[lane], y = top + lane * laneH;
      var edges = [[null, flat[0]]];
      for (var i = 1; i < flat.length; i += 2) { edges.push([days[flat[i]], flat[i + 1]]); }
      edges.forEach(function (edge, j) {
        var x0 = edge[0] === null ? left : x(edge[0]);
        var x1 = j + 1 < edges.length ? x(edges[j + 1][0]) : width - 10;
        var look = looks[statuses[edge[1]]];
        if (x1 <= x0) { return; }
        var g = el("g", {"class": "tl-seg"});
        g.appendChild(el("title", {}, s + ": " + look[2] + " from " + (edge[0] || "the start")));
        g.appendChild(el("rect", {x: x0, y: y, width: x1 - x0, height: laneH - 6,
          fill: look[3] ? "url(#tl-h-" + statuses[edge[1]] + ")" : look[0], stroke: "#555",
          "stroke-width": 0.5}));
        if (x1 - x0 > look[2].length * 7 + 6) {
          g.appendChild(el("text", {x: (x0 + x1) / 2, y: y + laneH / 2, "text-anchor": "middle",
            "font-size": 12, "font-weight": "bold", fill: look[1]}, look[2]));
        }
        svg.appendChild(g);
      });
      svg.appendChild(el("text", {x: left - 6, y: y + laneH / 2, "text-anchor": "end",
        "font-size": 12}, D.stanceNames[s] || s));
    });
    [[D.at, "report date"], [current, "shown"]].forEach(function (mark) {
      var mx = x(mark[0]);
      svg.appendChild(el("line", {x1: mx, x2: mx, y1: top - 4, y2: eff, stroke: "#000",
        "stroke-dasharray": mark[1] === "shown" ? "2 2" : "5 3"}));
    });
    var rowEnds = [], keyTop = eff + 30;  // labels closer than 34 px go on the next row, never on top
    chart.effects.forEach(function (e, i) {
      var ex = x(e[1] > "9999-12-30" ? e[0] : e[1]), row = 0;
      while (rowEnds[row] !== undefined && Math.abs(ex - rowEnds[row]) < 34) { row++; }
      rowEnds[row] = ex;
      svg.appendChild(el("text", {x: ex, y: eff + 4 + row * 13, "text-anchor": "middle",
        "font-size": 11, "font-weight": "bold", "class": "tl-mark"}, "\u25BC" + (i + 1)));
      keyTop = Math.max(keyTop, eff + 30 + 13 * row);
    });
    chart.effects.forEach(function (e, i) {
      svg.appendChild(el("text", {x: 8, y: keyTop + 16 * i, "font-size": 12},
        (i + 1) + "  " + e[2]));
    });
    svg.setAttribute("viewBox", "0 0 " + width + " " + (keyTop + 16 * chart.effects.length));
    return svg;
  }
  function draw(target) {
    var svg = chartSvg(target);
    if (!svg) { return false; }
    var box = $("tl-drawn");
    box.textContent = "";
    box.appendChild(svg);
    drawn = target;
    return true;
  }
  // a file's own charts show the instruments' own statuses; for a party, the page draws
  // each one again from the party's layer in its place (and puts it back for none)
  function forParty() {
    document.querySelectorAll("figure.tl-chart[data-target]").forEach(function (figure) {
      var own = figure.nextElementSibling, svg = partyId ? chartSvg(figure.dataset.target) : null;
      figure.hidden = !!svg;
      own.hidden = !svg;
      own.textContent = "";
      if (svg) { own.appendChild(svg); }
    });
  }
  function redraw() {
    if (drawn) { draw(drawn); }
    forParty();
    document.querySelectorAll("figure.tl-chart[data-knots]").forEach(function (figure) {
      var svg = figure.querySelector("svg"), view = svg.viewBox.baseVal;
      var knots = figure.dataset.knots.split(" ").map(Number);
      var f = figure.dataset.frame.split(" ").map(Number);
      var line = svg.querySelector("line.tl-shown");
      if (current === D.at) { if (line) { line.remove(); } return; }
      if (!line) {
        line = el("line", {"class": "tl-shown", stroke: "#0050b4", "stroke-width": 2,
          "stroke-dasharray": "2 2"});
        line.appendChild(el("title", {}, "the date shown in the matrix"));
        svg.appendChild(line);
      }
      var lx = view.width * (f[0] + (f[1] - f[0]) * axisX(knots, current));
      line.setAttribute("x1", lx); line.setAttribute("x2", lx);
      line.setAttribute("y1", view.height * f[2]); line.setAttribute("y2", view.height * f[3]);
    });
  }

  // ------------------------------------------------------------------ wiring
  $("explore").hidden = false;
  if (window.innerWidth < 700) { $("tl-stances").open = false; }  // a phone: keep it short
  document.querySelectorAll(".tl-noscript").forEach(function (n) { n.hidden = true; });
  if ($("tl-pick")) {
    $("tl-pick").hidden = false;
    var pick = function () {
      var ok = draw($("tl-pick-input").value.trim());
      $("tl-pick-input").setCustomValidity(ok ? "" : "unknown instrument");
    };
    $("tl-draw").addEventListener("click", pick);
    $("tl-pick-input").addEventListener("change", pick);
  }
  slider.addEventListener("input", function () { show(stops[+slider.value]); });
  text.addEventListener("change", function () {
    var day = parseDay(text.value);
    if (day === null) {
      $("tl-date-error").textContent = "not a date: write 1924, 1924-05 or 1924-05-31";
      return;
    }
    show(day);
  });
  $("tl-prev").addEventListener("click", function () {
    var i = stopFor(current);
    show(stops[stops[i] === current ? Math.max(i - 1, 0) : i]);
  });
  $("tl-next").addEventListener("click", function () {
    show(stops[Math.min(stopFor(current) + 1, stops.length - 1)]);
  });
  $("tl-reset").addEventListener("click", function () { show(D.at); });
  if ($("tl-party")) {
    $("tl-party").addEventListener("change", function () { choose($("tl-party").value); });
  }
  ["tl-status", "tl-differ"].forEach(function (id) { $(id).addEventListener("change", filter); });
  $("tl-search").addEventListener("input", filter);
  document.querySelectorAll('input[name="stance"]').forEach(function (box) {
    box.addEventListener("change", filter);
  });
  document.querySelector("table.tl-matrix").addEventListener("toggle", function (event) {
    if (event.target.open) { fillTrace(event.target); }
  }, true);
  slider.value = String(stopFor(D.at));
  filter();
  if (partyId) { choose(partyId); } else if ($("tl-party")) { $("tl-party").dataset.shown = ""; }
}());
