// Calls to Argus's HTTP APIs. Every URL is relative to the page's base (the route prefix or the
// external URL's path), so the UI works behind a reverse proxy that serves it under a sub-path.

import { basePath } from './router';

/** A failed API call, with the HTTP status (0 when the server could not be reached). */
export class ApiError extends Error {
  constructor(readonly status: number, message: string) {
    super(message);
  }

  /** The API is not there (not wired in this build) or not ready: pages show why instead of failing. */
  get unavailable(): boolean {
    return this.status === 404 || this.status === 503;
  }
}

interface PromEnvelope<T> {
  status: 'success' | 'error';
  data: T;
  errorType?: string;
  error?: string;
  warnings?: string[];
}

export function apiUrl(path: string, params?: Record<string, string | string[]>): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) {
      query.append(key, item);
    }
  }
  const suffix = query.toString();
  return basePath() + path + (suffix ? '?' + suffix : '');
}

async function request(path: string, init?: RequestInit, params?: Record<string, string | string[]>): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path, params), { ...init, headers: { Accept: 'application/json', ...(init?.headers ?? {}) } });
  } catch (error) {
    throw new ApiError(0, `cannot reach Argus: ${(error as Error).message}`);
  }
  return response;
}

async function failure(path: string, response: Response): Promise<ApiError> {
  let detail = '';
  try {
    const text = await response.text();
    try {
      const body = JSON.parse(text) as { error?: string; message?: string };
      detail = body.error ?? body.message ?? text;
    } catch {
      detail = text;
    }
  } catch {
    detail = response.statusText;
  }
  const explanation = response.status === 404 ? 'this Argus does not serve this API' : response.status === 503 ? 'Argus is not ready yet' : detail.trim();
  return new ApiError(response.status, `${path}: HTTP ${response.status}${explanation ? ': ' + explanation : ''}`);
}

/** GET or POST a Prometheus-style API (api/v1): unwraps the {status, data} envelope. */
export async function promApi<T>(path: string, params?: Record<string, string | string[]>, signal?: AbortSignal): Promise<{ data: T; warnings: string[] }> {
  const response = await request(path, { signal }, params);
  if (!response.ok && response.status !== 400 && response.status !== 422) {
    throw await failure(path, response);
  }
  const body = (await response.json()) as PromEnvelope<T>;
  if (body.status !== 'success') {
    throw new ApiError(response.status, `${body.errorType ?? 'error'}: ${body.error ?? 'unknown error'}`);
  }
  return { data: body.data, warnings: body.warnings ?? [] };
}

/** GET an Alertmanager-style API (api/v2): plain JSON bodies. */
export async function jsonApi<T>(path: string, params?: Record<string, string | string[]>): Promise<T> {
  const response = await request(path, undefined, params);
  if (!response.ok) {
    throw await failure(path, response);
  }
  return (await response.json()) as T;
}

/** POST/DELETE to an Alertmanager-style API; returns the parsed body when there is one. */
export async function sendJson<T>(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<T | null> {
  const response = await request(path, {
    method,
    body: body === undefined ? undefined : JSON.stringify(body),
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
  });
  if (!response.ok) {
    throw await failure(path, response);
  }
  const text = await response.text();
  return text ? (JSON.parse(text) as T) : null;
}
