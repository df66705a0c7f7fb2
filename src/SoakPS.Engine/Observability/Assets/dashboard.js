(function () {
  'use strict';
  var KPI = ['net_bps', 'risk_ratio', 'adverse_bps_p95', 'slippage_bps_p95', 'p95_latency_ms', 'cancel_ratio', 'maker_taker_ratio', 'gross_bps'];
  var COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#17becf', '#8c564b', '#e377c2'];
  var SVG = 'http://www.w3.org/2000/svg';
  var MARKS = { OK: '✓', WARN: '!', FAIL: '✗', INVALID: '?' };
  var THRESHOLD_COLOURS = { WARN: '#b7791f', FAIL: '#9b1c1c' };

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    for (var k in attrs || {}) e.setAttribute(k, attrs[k]);
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function svg(tag, attrs) {
    var e = document.createElementNS(SVG, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    return e;
  }

  function fmt(v) {
    var a = Math.abs(v);
    return a >= 1000 ? v.toFixed(0) : a >= 10 ? v.toFixed(1) : a >= 1 ? v.toFixed(2) : v.toFixed(4);
  }

  // One line chart of one series over iterations; points the metric was not evaluated are gaps, not zeros. The KPI
  // thresholds of the metric (WARN, FAIL) are dashed lines inside the axis, so a reader sees how near the run is to them.
  function chart(container, name, unit, points, value, colour, thresholds) {
    thresholds = thresholds || [];
    var box = el('div', { 'class': 'chart', 'data-series': name });
    var title = el('h3', {}, name + ' ');
    title.appendChild(el('span', { 'class': 'unit' }, unit));
    box.appendChild(title);
    var xs = [], ys = [];
    points.forEach(function (p) { var v = value(p); if (v !== undefined && v !== null) { xs.push(p.iteration); ys.push(Number(v)); } });
    if (ys.length === 0) {
      box.appendChild(el('div', { 'class': 'empty' }, 'not evaluated'));
      container.appendChild(box);
      return;
    }
    var W = 360, H = 160, L = 48, R = 8, T = 8, B = 22;
    var x0 = points[0].iteration, x1 = points[points.length - 1].iteration;
    var levels = thresholds.map(function (t) { return t.value; });
    var y0 = Math.min.apply(null, ys.concat(levels)), y1 = Math.max.apply(null, ys.concat(levels));
    // A constant series (a parameter the run never moved) gets an axis around its value, not ±1 around it.
    if (y0 === y1) { var half = Math.abs(y0) * 0.1 || 1; y0 -= half; y1 += half; }
    var pad = (y1 - y0) * 0.08; y0 -= pad; y1 += pad;
    function X(x) { return L + (x1 === x0 ? (W - L - R) / 2 : (x - x0) / (x1 - x0) * (W - L - R)); }
    function Y(y) { return T + (1 - (y - y0) / (y1 - y0)) * (H - T - B); }
    var s = svg('svg', { viewBox: '0 0 ' + W + ' ' + H, preserveAspectRatio: 'none', 'class': 'series', 'data-points': String(ys.length),
      'data-axis': fmt(y0 + pad) + ' ' + fmt(y1 - pad),
      'data-thresholds': thresholds.map(function (t) { return t.verdict + ' ' + t.value; }).join(' ') });
    s.appendChild(svg('rect', { x: L, y: T, width: W - L - R, height: H - T - B, fill: '#fbfcfd', stroke: '#d9dde4' }));
    [y0 + pad, y1 - pad].forEach(function (t) {
      var label = svg('text', { x: L - 4, y: Y(t) + 4, 'text-anchor': 'end', 'font-size': '10', fill: '#556' });
      label.textContent = fmt(t);
      s.appendChild(label);
    });
    [x0, x1].forEach(function (t, i) {
      var label = svg('text', { x: X(t), y: H - 6, 'text-anchor': i ? 'end' : 'start', 'font-size': '10', fill: '#556' });
      label.textContent = 'it ' + t;
      s.appendChild(label);
    });
    thresholds.forEach(function (t) {
      var colour = THRESHOLD_COLOURS[t.verdict] || '#556';
      s.appendChild(svg('line', { x1: L, x2: W - R, y1: Y(t.value), y2: Y(t.value), stroke: colour, 'stroke-width': '1.5',
        'stroke-dasharray': '6 4', 'vector-effect': 'non-scaling-stroke', 'shape-rendering': 'crispEdges', 'class': 'threshold threshold-' + t.verdict }));
      var label = svg('text', { x: W - R - 3, y: Y(t.value) - 3, 'text-anchor': 'end', 'font-size': '10', fill: colour });
      label.textContent = t.verdict + (t.direction === 'below' ? ' below ' : ' above ') + fmt(t.value);
      s.appendChild(label);
    });
    var d = '';
    for (var i = 0; i < xs.length; i++) d += (i ? 'L' : 'M') + X(xs[i]).toFixed(1) + ' ' + Y(ys[i]).toFixed(1);
    s.appendChild(svg('path', { d: d, fill: 'none', stroke: colour, 'stroke-width': '2.5', 'vector-effect': 'non-scaling-stroke' }));
    if (xs.length <= 200) {
      for (var j = 0; j < xs.length; j++) s.appendChild(svg('circle', { cx: X(xs[j]), cy: Y(ys[j]), r: 2.5, fill: colour }));
    }
    box.appendChild(s);
    container.appendChild(box);
  }

  function fill(tableId, rows) {
    var body = document.querySelector('#' + tableId + ' tbody');
    body.textContent = '';
    rows.forEach(function (r) {
      var tr = el('tr', r.warning ? { 'class': 'warning' } : {});
      r.cells.forEach(function (c) { tr.appendChild(el('td', {}, String(c))); });
      body.appendChild(tr);
    });
  }

  // Times as the reader's clock shows them, not raw ISO 8601.
  function when(iso, dateToo) {
    var d = new Date(iso);
    return isNaN(d.getTime()) ? String(iso) : dateToo ? d.toLocaleString() : d.toLocaleTimeString();
  }

  // The line under the title says whether this is live, the run's final state, or the last state before the server went away.
  function showState(state, text) {
    document.body.setAttribute('data-run-state', state);
    document.getElementById('run-state').textContent = text;
  }

  function render(data) {
    var run = data.run, points = data.points;
    document.getElementById('run-id').textContent = run.run_id;
    document.title = 'SoakPS ' + run.run_id;
    var running = run.status === 'running';
    document.getElementById('run-facts').textContent = [
      'status ' + run.status, 'source ' + run.source, run.profile ? 'profile ' + run.profile : null,
      'iteration ' + run.iterations_completed + ' of ' + run.iterations_planned,
      run.error ? 'error: ' + run.error : null
    ].filter(Boolean).join(' · ');
    // The run verdict stands in the header as a chip: its colour, its symbol and its word.
    var verdict = document.getElementById('run-verdict');
    verdict.className = run.verdict ? 'verdict v-' + run.verdict : '';
    verdict.textContent = run.verdict ? (running ? 'run verdict so far ' : 'run verdict ') + (MARKS[run.verdict] || '?') + ' ' + run.verdict : '';
    if (!data.live) showState('report', 'Report of a run that ' + (running ? 'was still running' : run.status === 'completed' ? 'completed' : 'ended ' + run.status) +
      (run.ended_utc ? ' at ' + when(run.ended_utc, true) : ''));
    else if (running) showState('running', 'Live · updated ' + when(data.generated_utc));
    else showState('ended', 'Run ended (' + run.status + (run.ended_utc ? ' at ' + when(run.ended_utc) : '') + '): this is its final state; the page no longer updates');

    var verdicts = document.getElementById('verdicts');
    verdicts.textContent = '';
    verdicts.setAttribute('data-iterations', String(points.length));
    points.forEach(function (p) {
      // The verdict is in the chip's text too, not only in its colour.
      var mark = MARKS[p.verdict] || '?';
      var v = el('div', { 'class': 'verdict v-' + p.verdict, title: 'iteration ' + p.iteration + ' (' + when(p.timestamp, true) + '): ' + p.verdict +
        (p.reasons.length ? ' — ' + p.reasons.join('; ') : '') }, points.length <= 60 ? p.iteration + ' ' + mark : mark);
      verdicts.appendChild(v);
    });

    var units = {};
    data.metrics.forEach(function (m) { units[m.name] = m.unit; });
    var kpi = document.getElementById('kpi-charts');
    kpi.textContent = '';
    var thresholds = data.thresholds || [];
    KPI.forEach(function (name, i) {
      chart(kpi, name, units[name] || '', points, function (p) { return p.metrics[name]; }, COLOURS[i % COLOURS.length],
        thresholds.filter(function (t) { return t.metric === name; }));
    });
    var params = document.getElementById('parameter-charts');
    params.textContent = '';
    data.parameters.forEach(function (name, i) {
      chart(params, name, '', points, function (p) { return p.parameters[name]; }, COLOURS[(i + 3) % COLOURS.length]);
    });

    fill('overrides', data.overrides.map(function (o) { return { cells: [o.parameter, o.value, o.source] }; }));
    fill('events', data.events.slice(-200).reverse().map(function (e) {
      return { cells: [e.iteration, e.guard, e.message], warning: e.warning };
    }));
    document.getElementById('footer').textContent = (data.live ? 'Live; updated ' : 'Report generated ') + when(data.generated_utc, true) +
      ' · ' + points.length + ' iterations shown · no resource of this page comes from the network';
    document.body.setAttribute('data-rendered-iterations', String(points.length));
  }

  var embedded = JSON.parse(document.getElementById('soak-data').textContent);
  if (embedded) {
    render(embedded);
    return;
  }
  // The server sends only the iterations after the last one this page has; it keeps them, as many as the server does.
  var MAX_POINTS = 5000, kept = { points: [], events: [] }, last = null;
  function poll() {
    var since = kept.points.length ? kept.points[kept.points.length - 1].iteration : 0;
    fetch('data.json?since=' + since, { cache: 'no-store' })
      .then(function (r) { if (!r.ok) throw new Error('HTTP ' + r.status); return r.json(); })
      .then(function (data) {
        kept.points = kept.points.concat(data.points).slice(-MAX_POINTS);
        kept.events = kept.events.concat(data.events).slice(-MAX_POINTS);
        data.points = kept.points;
        data.events = kept.events;
        last = data;
        render(data);
        // Once the run has ended this is its final state: the server stops with the run, so there is nothing to poll.
        if (data.run.status === 'running') setTimeout(poll, 1000);
      })
      .catch(function () {
        showState('stale', 'Lost the server at ' + new Date().toLocaleTimeString() + ' (the run ended or was stopped): showing the last state received' +
          (last ? ', iteration ' + last.run.iterations_completed + ' of ' + last.run.iterations_planned + ' at ' + when(last.generated_utc) : '') + '; retrying');
        setTimeout(poll, 3000);
      });
  }
  poll();
})();
