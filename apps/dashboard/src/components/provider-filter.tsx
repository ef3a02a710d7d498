import { PROVIDERS } from '../lib/constants';

/** A list page's "Provider" filter: any, or one of the providers. */
export function ProviderFilter({
  value,
  onChange,
}: {
  value: string;
  onChange: (provider: string) => void;
}) {
  return (
    <label>
      Provider
      <select value={value} onChange={(e) => onChange(e.currentTarget.value)}>
        <option value="">any</option>
        {PROVIDERS.map((p) => (
          <option key={p} value={p}>
            {p}
          </option>
        ))}
      </select>
    </label>
  );
}
