// Light and dark themes: follows prefers-color-scheme until the user picks one, which is remembered.

const storageKey = 'argus.theme';
type Theme = 'light' | 'dark';

function systemTheme(): Theme {
  return window.matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

export function currentTheme(): Theme {
  const stored = localStorage.getItem(storageKey);
  return stored === 'light' || stored === 'dark' ? stored : systemTheme();
}

const themeListeners: (() => void)[] = [];

/** Charts draw with canvas colours and must redraw when the theme changes. */
export function onThemeChange(listener: () => void): () => void {
  themeListeners.push(listener);
  return () => {
    const index = themeListeners.indexOf(listener);
    if (index >= 0) {
      themeListeners.splice(index, 1);
    }
  };
}

export function applyTheme(theme: Theme = currentTheme()): void {
  document.documentElement.dataset.theme = theme;
  themeListeners.forEach((listener) => listener());
}

export function toggleTheme(): void {
  const next: Theme = currentTheme() === 'dark' ? 'light' : 'dark';
  localStorage.setItem(storageKey, next);
  applyTheme(next);
}

window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () => {
  if (!localStorage.getItem(storageKey)) {
    applyTheme();
  }
});

/** Reads a CSS custom property of the current theme (for canvas drawing). */
export function themeColor(name: string): string {
  return getComputedStyle(document.documentElement).getPropertyValue(name).trim();
}
