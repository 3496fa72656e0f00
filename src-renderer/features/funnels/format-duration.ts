/** "45 s", "5 min", "2.5 h", "3.2 d": a median time to convert, short. */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return '—';
  const round = (n: number) => (n >= 10 ? Math.round(n) : Math.round(n * 10) / 10);
  if (seconds < 60) return `${round(seconds)} s`;
  if (seconds < 3600) return `${round(seconds / 60)} min`;
  if (seconds < 86_400) return `${round(seconds / 3600)} h`;
  return `${round(seconds / 86_400)} d`;
}
