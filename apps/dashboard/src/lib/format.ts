/** `2026-12-05 09:14:03` in the browser's zone; '—' for none. */
export function formatTime(iso: string | null | undefined): string {
  if (iso === null || iso === undefined) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** `1 h 02 min`, `3.2 s`. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms) || ms < 0) return '—';
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60)
    return `${minutes} min ${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** Time a batch ran (until now while it runs). */
export function batchDuration(start: string | null, end: string | null, now = Date.now()): string {
  if (start === null) return '—';
  return formatDuration((end === null ? now : new Date(end).getTime()) - new Date(start).getTime());
}

export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** `completed_with_errors` → `completed with errors` is for humans; the status text stays exact. */
export function statusTone(status: string): 'ok' | 'warn' | 'bad' | 'run' | 'idle' {
  switch (status) {
    case 'completed':
    case 'succeeded':
      return 'ok';
    case 'completed_with_errors':
    case 'paused':
    case 'stopping':
      return 'warn';
    case 'failed':
    case 'stopped':
      return 'bad';
    case 'running':
    case 'queued':
      return 'run';
    default:
      return 'idle';
  }
}

/** YYYY-MM-DD of a Date in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
