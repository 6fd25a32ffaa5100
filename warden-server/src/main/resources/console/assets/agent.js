// The agent page's chart: decisions per hour over the last 7 days (allowed, denied, held for
// approval) and the baseline's expected rate with a band of two standard deviations, drawn with
// uPlot from the page's activity.json. Without JavaScript the key figures table says the same.
'use strict';

(function () {
  const box = document.getElementById('activity-chart');
  if (!box || typeof uPlot === 'undefined') return;

  function series(label, stroke, extra) {
    return Object.assign({ label: label, stroke: stroke, width: 2, points: { show: false } }, extra || {});
  }

  function draw(d) {
    const data = [d.hours, d.allowed, d.denied, d.held];
    const opts = {
      width: Math.max(320, box.clientWidth || 640),
      height: 260,
      scales: { x: { time: true }, y: { range: (u, min, max) => [0, Math.max(1, max)] } },
      axes: [{}, { label: 'decisions per hour' }],
      series: [
        {},
        series('allowed', '#1a7f37'),
        series('denied', '#b42318'),
        series('held', '#9a6700'),
      ],
      bands: [],
    };
    if (Array.isArray(d.expected)) {
      data.push(d.expected, d.band_high, d.band_low);
      opts.series.push(series('expected', '#0b5cad', { dash: [6, 4] }));
      opts.series.push(series('expected +2σ', 'rgba(11,92,173,0.35)', { width: 1 }));
      opts.series.push(series('expected −2σ', 'rgba(11,92,173,0.35)', { width: 1 }));
      opts.bands.push({ series: [5, 6], fill: 'rgba(11,92,173,0.08)' });
    }
    const chart = new uPlot(opts, data, box);
    box.dataset.drawn = 'true';
    window.addEventListener('resize', () => chart.setSize({ width: Math.max(320, box.clientWidth), height: 260 }));
  }

  fetch(box.dataset.activity, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((r) => {
      if (!r.ok) throw new Error('activity ' + r.status);
      return r.json();
    })
    .then(draw)
    .catch(() => {
      box.textContent = 'The chart could not be loaded; the table below has the figures.';
    });
})();
