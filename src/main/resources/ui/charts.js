// Chart.js (from its webjar, /ui/vendor/chart.umd.js) with the dashboard's look.
import {usd} from './money.js';

const live = [];
const BLUE = '#1f6feb';
export const PALETTE = ['#1f6feb', '#8250df', '#1a7f37', '#bf8700', '#cf222e', '#0969da', '#6e7781', '#e16f24'];

export function destroyCharts() {
  while (live.length) live.pop().destroy();
}

function make(canvas, config) {
  // eslint-disable-next-line no-undef
  const c = new Chart(canvas, config);
  live.push(c);
  return c;
}

const money = (v) => usd(BigInt(Math.round(v * 1e6)) * 1000000n);

/** Spend over time as bars; values are dollars (numbers: plotting only). */
export function spendBars(canvas, labels, values, label = 'Spend') {
  return make(canvas, {
    type: 'bar',
    data: {labels, datasets: [{label, data: values, backgroundColor: BLUE, borderRadius: 3, maxBarThickness: 28}]},
    options: {
      responsive: true, maintainAspectRatio: false, animation: false,
      plugins: {legend: {display: false}, tooltip: {callbacks: {label: (c) => money(c.parsed.y)}}},
      scales: {
        x: {grid: {display: false}, ticks: {maxRotation: 0, autoSkipPadding: 12}},
        y: {beginAtZero: true, ticks: {callback: (v) => money(v)}, grid: {color: '#eef1f4'}},
      },
    },
  });
}

/** Shares of a whole (top customers, models). */
export function doughnut(canvas, labels, values) {
  return make(canvas, {
    type: 'doughnut',
    data: {labels, datasets: [{data: values, backgroundColor: PALETTE, borderWidth: 0}]},
    options: {
      responsive: true, maintainAspectRatio: false, animation: false, cutout: '62%',
      plugins: {legend: {position: 'right', labels: {boxWidth: 10}}, tooltip: {callbacks: {label: (c) => c.label + ': ' + money(c.parsed)}}},
    },
  });
}
