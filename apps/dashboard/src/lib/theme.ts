export type Theme = 'light' | 'dark';

const KEY = 'market-ingest.theme';

/** The stored choice, else the system's. */
export function initialTheme(): Theme {
  const stored = localStorage.getItem(KEY);
  if (stored === 'light' || stored === 'dark') return stored;
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function applyTheme(theme: Theme, remember = false): void {
  document.documentElement.dataset.theme = theme;
  if (remember) localStorage.setItem(KEY, theme);
  window.dispatchEvent(new CustomEvent('themechange', { detail: theme }));
}

/** A CSS custom property of the current theme (charts draw with the page's colours). */
export function cssVar(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}
