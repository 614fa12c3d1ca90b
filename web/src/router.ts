// Client-side navigation between pages. Every page is one path segment below the base
// (e.g. /prefix/targets), and the server answers each such path with index.html.

export interface Page {
  /** The path segment, e.g. "targets". */
  path: string;
  title: string;
  /** Renders into container; the returned function (if any) releases timers and listeners. */
  render(container: HTMLElement): void | (() => void);
}

/** The URL path under which Argus serves the UI, ending with "/". */
export function basePath(): string {
  return window.location.pathname.replace(/[^/]*$/, '');
}

export function currentSegment(): string {
  return window.location.pathname.slice(basePath().length);
}

type Listener = () => void;
const listeners: Listener[] = [];

export function onNavigate(listener: Listener): void {
  listeners.push(listener);
}

/** Moves to another page (and optional query string) without reloading. */
export function navigate(segment: string, search = ''): void {
  const target = basePath() + segment + search;
  if (target !== window.location.pathname + window.location.search) {
    window.history.pushState(null, '', target);
  }
  listeners.forEach((listener) => listener());
}

window.addEventListener('popstate', () => listeners.forEach((listener) => listener()));
