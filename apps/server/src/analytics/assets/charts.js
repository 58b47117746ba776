// Draws each chart from the table beside it (the table stays the accessible form): dates and
// numbers from data-x / data-v, a suppressed figure as a gap. Time series as lines, the
// profile fields as bars. uPlot comes from its npm package, served by this server.
(function () {
  const uPlot = window.uPlot;
  if (!uPlot) return;
  const colours = ['#1d70b8', '#d4351c', '#00703c', '#4c2c92'];
  for (const table of document.querySelectorAll('table[data-chart-table]')) {
    const box = document.querySelector('[data-chart="' + table.dataset.chartTable + '"]');
    if (!box) continue;
    const labels = [...table.tHead.rows[0].cells].slice(1).map((c) => c.textContent);
    const rows = [...table.tBodies[0].rows];
    const bars = table.dataset.kind === 'bars';
    const xs = rows.map((r, i) => (bars ? i : Number(r.cells[0].dataset.x) / 1000));
    const names = rows.map((r) => r.cells[0].textContent);
    const data = [xs, ...labels.map((_, s) => rows.map((r) => (r.cells[s + 1].dataset.v === '' ? null : Number(r.cells[s + 1].dataset.v))))];
    const width = Math.max(280, box.clientWidth || 600);
    const opts = {
      width,
      height: 260,
      tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), 'Asia/Hong_Kong'),
      scales: { x: { time: !bars } },
      axes: bars ? [{ values: (u, splits) => splits.map((i) => names[i] ?? '') }, {}] : [{}, {}],
      series: [{}, ...labels.map((label, i) => ({ label, stroke: colours[i % colours.length], width: 2, ...(bars ? { fill: colours[i % colours.length], paths: uPlot.paths.bars({ size: [0.6] }) } : {}) }))],
    };
    new uPlot(opts, data, box);
    box.dataset.drawn = 'true';
  }
})();
