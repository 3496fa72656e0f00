/** How profile numbers and extremes read: "0.65%", "1,987", timestamps without the seconds' tail. */
export function percentText(p: number): string {
  if (p === 0) return '0%';
  if (p < 0.01) return '<0.01%';
  return `${p.toLocaleString(undefined, { maximumFractionDigits: 2 })}%`;
}

export function extremeText(v: string | number | null): string {
  if (v === null) return '—';
  if (typeof v === 'number') return v.toLocaleString(undefined, { maximumFractionDigits: 4 });
  return v;
}
