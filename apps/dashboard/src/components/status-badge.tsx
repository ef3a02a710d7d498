import { statusTone } from '../lib/format';

/** A status as its exact text (e.g. "completed"), coloured by what it means. */
export function StatusBadge({ status, id }: { status: string; id?: string }) {
  return (
    <span class={`badge tone-${statusTone(status)}`} id={id} data-status={status}>
      {status}
    </span>
  );
}
