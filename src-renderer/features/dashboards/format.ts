/** Number, money, percent and date formatting for dashboard KPIs, tooltips and tables. */
const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });
const decimal = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });

export const formatInt = (n: number): string => integer.format(n);
export const formatNumber = (n: number): string => decimal.format(n);
export const formatPercent = (n: number): string => `${decimal.format(n)}%`;
export const formatSeconds = (n: number): string => `${decimal.format(n)} s`;

const money = new Map<string, Intl.NumberFormat>();
export function formatMoney(n: number, currency: string): string {
  let f = money.get(currency);
  if (!f) {
    try {
      f = new Intl.NumberFormat(undefined, { style: 'currency', currency, maximumFractionDigits: 2 });
    } catch {
      f = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 });
    }
    money.set(currency, f);
  }
  return f.format(n);
}

/** "2026-10-31 21:49 UTC" from an ISO instant. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** An axis label for a bucket start at a grain. */
export function formatBucket(iso: string, grain: string): string {
  const day = iso.slice(0, 10);
  return grain === 'month' ? day.slice(0, 7) : day;
}
