/* Dates and periods: YYYY[-MM[-DD]] prefixes, series periods (day/week/month/year) and the
 * UTC milliseconds and date strings the charts use. No DOM. */

/** A date as typed in the forms: YYYY, YYYY-MM or YYYY-MM-DD. */
export const DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;

export function todayISO() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

function addDays(iso, days) {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The last day of a YYYY, YYYY-MM or YYYY-MM-DD period. */
export function lastDayOf(prefix) {
  if (prefix.length === 4) return `${prefix}-12-31`;
  if (prefix.length === 7) {
    const [year, month] = prefix.split("-").map(Number);
    return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
  }
  return prefix;
}

/** The API's from/to for one series period (periods are labelled by their first day). */
export function periodBounds(period, freq) {
  if (freq === "year") return {from: period.slice(0, 4), to: period.slice(0, 4)};
  if (freq === "month") return {from: period.slice(0, 7), to: period.slice(0, 7)};
  if (freq === "week") return {from: period, to: addDays(period, 6)};
  return {from: period, to: period};
}

export function periodLabel(period, freq) {
  if (freq === "year") return period.slice(0, 4);
  if (freq === "month") return period.slice(0, 7);
  if (freq === "week") return `week of ${period}`;
  return period;
}

export const DAY_MS = 86400000;
export const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The first day of a YYYY, YYYY-MM or YYYY-MM-DD period. */
function firstDayOf(prefix) {
  if (prefix.length === 4) return `${prefix}-01-01`;
  if (prefix.length === 7) return `${prefix}-01`;
  return prefix;
}

/** Milliseconds (UTC) at the start of a date given as YYYY, YYYY-MM or YYYY-MM-DD. */
export const dayMs = (iso) => Date.parse(`${firstDayOf(String(iso).slice(0, 10))}T00:00:00Z`);

/** A time as Plotly reads dates on a date axis (no time zone). */
export const plotDate = (ms) => new Date(ms).toISOString().slice(0, 19).replace("T", " ");

/** The first day of the period after the one starting on ``iso``. */
export function nextPeriod(iso, freq) {
  const date = new Date(`${iso}T00:00:00Z`);
  if (freq === "year") date.setUTCFullYear(date.getUTCFullYear() + 1);
  else if (freq === "month") date.setUTCMonth(date.getUTCMonth() + 1);
  else date.setUTCDate(date.getUTCDate() + (freq === "week" ? 7 : 1));
  return date.toISOString().slice(0, 10);
}

/** The middle of the period starting on ``iso`` (where its point is drawn). */
export const periodMiddle = (iso, freq) => plotDate((dayMs(iso) + dayMs(nextPeriod(iso, freq))) / 2);

/** A short tick label for one period. */
export function tickLabel(period, freq) {
  if (freq === "year") return period.slice(0, 4);
  if (freq === "month") return `${MONTHS[Number(period.slice(5, 7)) - 1]} ${period.slice(0, 4)}`;
  return period;
}
