// warledger web UI: map pan/zoom and popups, timeline brushing, table sort/filter.
// Vanilla JS, no dependencies, no network: everything it needs is in the page.
"use strict";

function $(sel, root) { return (root || document).querySelector(sel); }
function $all(sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); }

// Colour swatches: set from data-colour (the page carries no inline styles, see the CSP).
function paintDots() {
  $all("[data-colour]").forEach(function (el) { el.style.background = el.getAttribute("data-colour"); });
}

// ------------------------------------------------------------------ map
function setupMap() {
  var svg = $("#map-svg");
  if (!svg) return;
  var initial = svg.getAttribute("data-viewbox").split(" ").map(Number);
  var vb = initial.slice();
  var markers = $all(".marker", svg);

  function apply() {
    svg.setAttribute("viewBox", vb.join(" "));
    // markers grow only with the square root of the zoom, so dense areas stay readable
    var k = Math.sqrt(vb[2] / initial[2]);
    markers.forEach(function (m) { m.setAttribute("r", (parseFloat(m.getAttribute("data-r")) * k).toFixed(4)); });
  }
  function zoom(factor, cx, cy) {
    var w = vb[2] * factor, h = vb[3] * factor;
    if (w < initial[2] / 60 || w > initial[2] * 8) return;
    if (cx === undefined) { cx = vb[0] + vb[2] / 2; cy = vb[1] + vb[3] / 2; }
    vb = [cx - (cx - vb[0]) * factor, cy - (cy - vb[1]) * factor, w, h];
    apply();
  }
  function toSvg(evt) {
    var r = svg.getBoundingClientRect();
    // meet-fit: the viewBox is scaled uniformly and centred in the element
    var s = Math.min(r.width / vb[2], r.height / vb[3]);
    var ox = (r.width - vb[2] * s) / 2, oy = (r.height - vb[3] * s) / 2;
    return [vb[0] + (evt.clientX - r.left - ox) / s, vb[1] + (evt.clientY - r.top - oy) / s, s];
  }
  svg.addEventListener("wheel", function (evt) {
    evt.preventDefault();
    var p = toSvg(evt);
    zoom(evt.deltaY < 0 ? 0.8 : 1.25, p[0], p[1]);
  }, { passive: false });
  var drag = null, moved = false;
  svg.addEventListener("pointerdown", function (evt) {
    drag = { x: evt.clientX, y: evt.clientY, vb: vb.slice(), s: toSvg(evt)[2] };
    moved = false;
  });
  window.addEventListener("pointermove", function (evt) {
    if (!drag) return;
    var dx = evt.clientX - drag.x, dy = evt.clientY - drag.y;
    if (!moved && Math.abs(dx) + Math.abs(dy) < 5) return;
    if (!moved) { moved = true; svg.classList.add("dragging"); }
    vb = [drag.vb[0] - dx / drag.s, drag.vb[1] - dy / drag.s, vb[2], vb[3]];
    apply();
  });
  window.addEventListener("pointerup", function () { drag = null; svg.classList.remove("dragging"); });
  $("#zoom-in").addEventListener("click", function () { zoom(0.6); });
  $("#zoom-out").addEventListener("click", function () { zoom(1 / 0.6); });
  $("#zoom-reset").addEventListener("click", function () { vb = initial.slice(); apply(); });

  // a click on a marker opens its summary; the summary links to the event page
  var popup = $("#popup");
  $all(".marker-link", svg).forEach(function (a) {
    a.addEventListener("click", function (evt) {
      evt.preventDefault();
      if (moved) return;
      var m = $("circle", a);
      markers.forEach(function (x) { x.classList.remove("selected"); });
      m.classList.add("selected");
      var d = function (k) { return m.getAttribute("data-" + k) || "–"; };
      $("#popup-title").textContent = d("place");
      $("#popup-date").textContent = d("date");
      $("#popup-type").textContent = d("type");
      $("#popup-actor").textContent = d("actor");
      $("#popup-killed").textContent = d("killed");
      $("#popup-cred").textContent = d("cred");
      $("#popup-sources").textContent = d("sources");
      $("#popup-link").setAttribute("href", "/events/" + encodeURIComponent(m.getAttribute("data-id")));
      popup.hidden = false;
    });
  });
  $("#popup-close").addEventListener("click", function () { popup.hidden = true; });

  var colourBy = $("#colour-by");
  colourBy.addEventListener("change", function () {
    var key = colourBy.value === "credibility" ? "data-ccred" : "data-ctype";
    markers.forEach(function (m) { m.setAttribute("fill", m.getAttribute(key)); });
    $("#legend-type").hidden = colourBy.value === "credibility";
    $("#legend-cred").hidden = colourBy.value !== "credibility";
    var hidden = $("#filters input[name=colour]");
    if (hidden) hidden.value = colourBy.value;
    setParam("colour", colourBy.value === "type" ? "" : colourBy.value);
  });
}

// ------------------------------------------------------------------ period filter (brush)
function setParam(name, value) {
  var url = new URL(window.location.href);
  if (value) url.searchParams.set(name, value); else url.searchParams.delete(name);
  window.history.replaceState(null, "", url.toString());
}

function applyPeriod(from, to) {
  var inside = function (d) { return !from || (d && d >= from && d <= to); };
  $all("#map-svg .marker").forEach(function (m) { m.classList.toggle("off", !inside(m.getAttribute("data-date"))); });
  var shown = 0;
  $all("#events-table tbody tr").forEach(function (tr) {
    var ok = inside(tr.getAttribute("data-date"));
    tr.classList.toggle("off", !ok);
    if (ok && !tr.classList.contains("hide")) shown++;
  });
  $all("#timeline-svg .bar").forEach(function (b) {
    b.classList.toggle("off", !!from && (b.getAttribute("data-end") < from || b.getAttribute("data-start") > to));
  });
  var label = $("#brush-label"), clear = $("#brush-clear");
  if (label) label.textContent = from ? (from + " – " + to) : "drag across the timeline to pick a period";
  if (clear) clear.hidden = !from;
  var count = $("#row-count");
  if (count) count.textContent = from ? (shown + " in period") : String(shown);
  setParam("date_from", from); setParam("date_to", to);
  var f = $("#f-date-from"), t = $("#f-date-to");
  if (f) f.value = from || ""; if (t) t.value = to || "";
  $all("a[href^='/api/export']").forEach(function (a) {
    var u = new URL(a.getAttribute("href"), window.location.origin);
    if (from) { u.searchParams.set("date_from", from); u.searchParams.set("date_to", to); }
    else { u.searchParams.delete("date_from"); u.searchParams.delete("date_to"); }
    a.setAttribute("href", u.pathname + u.search);
  });
}

function setupTimeline() {
  var svg = $("#timeline-svg");
  if (!svg) return;
  var bars = $all(".bar", svg);
  var brush = $("#brush", svg);
  var num = function (el, k) { return parseFloat(el.getAttribute("data-" + k)); };
  function pct(evt) {  // pointer position in percent of the chart's width
    var r = svg.getBoundingClientRect();
    return Math.max(0, Math.min(100, (evt.clientX - r.left) / r.width * 100));
  }
  function barAt(x) {
    var best = bars[0];
    bars.forEach(function (b) { if (num(b, "x") <= x) best = b; });
    return best;
  }
  function showBrush(a, b) {
    brush.setAttribute("x", a + "%");
    brush.setAttribute("width", Math.max(0, b - a) + "%");
  }
  var x0 = null;
  svg.addEventListener("pointerdown", function (evt) {
    x0 = pct(evt);
    if (svg.setPointerCapture) svg.setPointerCapture(evt.pointerId);
    showBrush(x0, x0);
  });
  svg.addEventListener("pointermove", function (evt) {
    if (x0 === null) return;
    var x = pct(evt);
    showBrush(Math.min(x0, x), Math.max(x0, x));
  });
  svg.addEventListener("pointerup", function (evt) {
    if (x0 === null) return;
    var x1 = pct(evt);
    var a = barAt(Math.min(x0, x1)), b = barAt(Math.max(x0, x1));
    x0 = null;
    showBrush(num(a, "x"), num(b, "x") + num(b, "w"));
    applyPeriod(a.getAttribute("data-start"), b.getAttribute("data-end"));
  });
  $("#brush-clear").addEventListener("click", function () {
    showBrush(0, 0);
    applyPeriod("", "");
  });
  var f = svg.getAttribute("data-brush-from"), t = svg.getAttribute("data-brush-to");
  if (f || t) {
    f = f || svg.getAttribute("data-start"); t = t || svg.getAttribute("data-end");
    var first = bars.filter(function (b) { return b.getAttribute("data-end") >= f; })[0];
    var last = bars.filter(function (b) { return b.getAttribute("data-start") <= t; }).pop();
    if (first && last) showBrush(num(first, "x"), num(last, "x") + num(last, "w"));
    applyPeriod(f, t);
  }
}

// ------------------------------------------------------------------ table
function setupTable() {
  var table = $("#events-table");
  if (!table) return;
  var tbody = $("tbody", table);
  $all("th", table).forEach(function (th, idx) {
    th.addEventListener("click", function () {
      var asc = th.getAttribute("aria-sort") !== "ascending";
      $all("th", table).forEach(function (h) { h.removeAttribute("aria-sort"); });
      th.setAttribute("aria-sort", asc ? "ascending" : "descending");
      var num = th.getAttribute("data-type") === "num";
      var rows = $all("tr", tbody);
      rows.sort(function (r1, r2) {
        var a = r1.children[idx].getAttribute("data-v"), b = r2.children[idx].getAttribute("data-v");
        var c = num ? (parseFloat(a) - parseFloat(b)) : a.localeCompare(b);
        return asc ? c : -c;
      });
      rows.forEach(function (r) { tbody.appendChild(r); });
    });
  });
  var input = $("#table-filter");
  input.addEventListener("input", function () {
    var q = input.value.trim().toLowerCase();
    $all("tr", tbody).forEach(function (tr) {
      tr.classList.toggle("hide", !!q && tr.textContent.toLowerCase().indexOf(q) < 0);
    });
  });
}

document.addEventListener("DOMContentLoaded", function () {
  paintDots();
  setupMap();
  setupTimeline();
  setupTable();
});
