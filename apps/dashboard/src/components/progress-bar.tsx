/** The batch's progress: role progressbar with aria-valuenow = percent (tests rely on it). */
export function ProgressBar({
  percent,
  label,
  tone,
}: {
  percent: number;
  label: string;
  tone: string;
}) {
  const value = Math.max(0, Math.min(100, Math.round(percent * 10) / 10));
  return (
    <div
      class={`progress tone-${tone}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={value}
      aria-valuetext={`${value}%`}
    >
      <div class="progress-fill" style={{ width: `${value}%` }} />
    </div>
  );
}
