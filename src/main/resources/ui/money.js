// Money arrives as exact decimal strings ("12.345678901234"). Sums, ratios and rounding happen on BigInt
// picodollars (1e-12 USD, the ledger's own unit) so the page shows what the API says to the cent, with no float drift.

const SCALE = 12;
const ONE = 10n ** BigInt(SCALE);

/** "12.5" -> 12500000000000n (picodollars). Missing values read as zero. */
export function pico(text) {
  let s = String(text ?? '0').trim();
  if (s === '') return 0n;
  const neg = s.startsWith('-');
  if (neg || s.startsWith('+')) s = s.slice(1);
  const [whole, frac = ''] = s.split('.');
  const v = BigInt(whole || '0') * ONE + BigInt((frac + '0'.repeat(SCALE)).slice(0, SCALE) || '0');
  return neg ? -v : v;
}

/** Rounds picodollars half away from zero to `digits` decimals and formats "$1,234.57" (or "−$3.10"). */
export function usd(value, digits = 2) {
  const v = typeof value === 'bigint' ? value : pico(value);
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const unit = 10n ** BigInt(SCALE - digits);
  const rounded = (abs + unit / 2n) / unit;
  const base = 10n ** BigInt(digits);
  const whole = (rounded / base).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  const frac = digits > 0 ? '.' + (rounded % base).toString().padStart(digits, '0') : '';
  return (neg && rounded !== 0n ? '-' : '') + '$' + whole + frac;
}

/** Small amounts (a single request) need more than cents to mean anything. */
export function usdSmall(value) {
  const v = typeof value === 'bigint' ? value : pico(value);
  const abs = v < 0n ? -v : v;
  return usd(v, abs !== 0n && abs < ONE / 100n ? 6 : abs < ONE ? 4 : 2);
}

/** The exact plain decimal of picodollars, trailing zeros dropped: what a tooltip shows. */
export function plain(v) {
  const neg = v < 0n;
  const abs = neg ? -v : v;
  const frac = (abs % ONE).toString().padStart(SCALE, '0').replace(/0+$/, '');
  return (neg ? '-' : '') + (abs / ONE).toString() + (frac ? '.' + frac : '');
}

/** a / b as a percentage string with one decimal, or '—' when b is zero. */
export function pct(a, b) {
  if (b === 0n) return '—';
  const tenths = (a * 1000n + (b / 2n)) / b;
  const neg = tenths < 0n;
  const t = neg ? -tenths : tenths;
  return (neg ? '-' : '') + (t / 10n).toString() + '.' + (t % 10n).toString() + '%';
}

/** For charts only: a number of dollars (plotting does not need exactness). */
export function dollars(value) {
  const v = typeof value === 'bigint' ? value : pico(value);
  return Number(v / 1000000n) / 1e6;
}

export function count(n) {
  return Number(n ?? 0).toLocaleString('en-US');
}
