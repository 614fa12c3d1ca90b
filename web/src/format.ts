// Formatting of times, durations and sample values for display.

export function formatTime(date: Date | string | number): string {
  const d = date instanceof Date ? date : new Date(date);
  if (Number.isNaN(d.getTime()) || d.getTime() <= 0) {
    return 'never';
  }
  return d.toISOString().replace('T', ' ').replace(/\.\d+Z$/, 'Z');
}

/** "3.2s ago", "5m ago": how long ago an instant was. */
export function formatAgo(date: Date | string | number, now = Date.now()): string {
  const d = date instanceof Date ? date : new Date(date);
  if (Number.isNaN(d.getTime()) || d.getTime() <= 0) {
    return 'never';
  }
  return formatSeconds((now - d.getTime()) / 1000) + ' ago';
}

export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) {
    return String(seconds);
  }
  if (seconds < 0.001) {
    return `${(seconds * 1e6).toFixed(0)}µs`;
  }
  if (seconds < 1) {
    return `${(seconds * 1000).toFixed(1)}ms`;
  }
  if (seconds < 60) {
    return `${seconds.toFixed(seconds < 10 ? 2 : 1)}s`;
  }
  const units: [string, number][] = [['d', 86400], ['h', 3600], ['m', 60], ['s', 1]];
  let rest = Math.round(seconds);
  let text = '';
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  return text;
}

/** Parses a Prometheus duration such as "1h30m" or "15s" into seconds; null when malformed. */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  if (!/^(\d+(ms|y|w|d|h|m|s))+$/.test(trimmed)) {
    return null;
  }
  const sizes: Record<string, number> = { y: 31536000, w: 604800, d: 86400, h: 3600, m: 60, s: 1, ms: 0.001 };
  let total = 0;
  for (const match of trimmed.matchAll(/(\d+)(ms|y|w|d|h|m|s)/g)) {
    total += Number(match[1]) * sizes[match[2]];
  }
  return total;
}

export function formatDuration(seconds: number): string {
  const units: [string, number][] = [['y', 31536000], ['w', 604800], ['d', 86400], ['h', 3600], ['m', 60], ['s', 1]];
  let rest = seconds;
  let text = '';
  for (const [unit, size] of units) {
    const count = Math.floor(rest / size);
    if (count > 0) {
      text += `${count}${unit}`;
      rest -= count * size;
    }
  }
  if (rest > 0 && rest < 1) {
    text += `${Math.round(rest * 1000)}ms`;
  }
  return text || '0s';
}

/** Series name as Prometheus prints it: metric{label="value", ...}. */
export function seriesName(labels: Record<string, string>): string {
  const name = labels.__name__ ?? '';
  const rest = Object.entries(labels).filter(([k]) => k !== '__name__').map(([k, v]) => `${k}=${JSON.stringify(v)}`);
  return rest.length === 0 && name ? name : `${name}{${rest.join(', ')}}`;
}
