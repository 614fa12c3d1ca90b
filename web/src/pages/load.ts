// Loading data for a page: shows progress, and when the API is missing (404) or not ready (503)
// explains that instead of failing.

import { ApiError } from '../api';
import { notice, replaceChildren } from '../dom';

export async function loadInto<T>(target: HTMLElement, what: string, load: () => Promise<T>): Promise<T | null> {
  replaceChildren(target, notice('info', `Loading ${what}…`));
  try {
    const value = await load();
    replaceChildren(target);
    return value;
  } catch (error) {
    const message = error instanceof ApiError && error.unavailable
      ? `${what[0].toUpperCase()}${what.slice(1)} are not available: ${error.message}`
      : `Could not load ${what}: ${(error as Error).message}`;
    replaceChildren(target, notice(error instanceof ApiError && error.unavailable ? 'warning' : 'error', message));
    return null;
  }
}
