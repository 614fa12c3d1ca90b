// The expressions the user ran, newest first, kept in localStorage across visits.

const storageKey = 'argus.queryHistory';
const maxEntries = 50;

export function loadHistory(): string[] {
  try {
    const parsed = JSON.parse(localStorage.getItem(storageKey) ?? '[]') as unknown;
    return Array.isArray(parsed) ? parsed.filter((e): e is string => typeof e === 'string') : [];
  } catch {
    return [];
  }
}

export function remember(expression: string): void {
  const trimmed = expression.trim();
  if (!trimmed) {
    return;
  }
  const entries = [trimmed, ...loadHistory().filter((e) => e !== trimmed)].slice(0, maxEntries);
  localStorage.setItem(storageKey, JSON.stringify(entries));
}
