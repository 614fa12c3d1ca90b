// Works out what the user is typing at the cursor and offers completions from the API: metric
// names, label names and values (scoped to the metric being typed when there is one), function
// and aggregation names, keywords.

import { promApi } from '../api';
import { aggregations, functions, keywords, labelListKeywords } from './language';

export interface Completion {
  /** The text inserted in place of the word being typed. */
  insert: string;
  /** What kind of thing this is, shown next to it. */
  detail: 'metric' | 'function' | 'aggregation' | 'keyword' | 'label' | 'value' | 'history';
  /** For metrics: the type and help text its targets give (from api/v1/metadata), when known. */
  help?: string;
}

export interface CompletionContext {
  /** Offset in the expression where the replaced word starts. */
  from: number;
  /** The partial word typed so far. */
  prefix: string;
  kind: 'name' | 'labelName' | 'labelValue';
  metric?: string;
  labelName?: string;
}

/** Finds the completion context for the cursor at offset in expression. */
export function completionContext(expression: string, offset: number): CompletionContext {
  const before = expression.slice(0, offset);
  // Inside a quoted label value: name="partial
  const valueMatch = before.match(/([a-zA-Z_]\w*)\s*(=~|!~|!=|=)\s*"((?:[^"\\]|\\.)*)$/);
  const openBrace = before.lastIndexOf('{');
  const insideBraces = openBrace > before.lastIndexOf('}');
  if (valueMatch && insideBraces) {
    return {
      from: offset - valueMatch[3].length,
      prefix: valueMatch[3],
      kind: 'labelValue',
      labelName: valueMatch[1],
      metric: metricBefore(before.slice(0, openBrace)),
    };
  }
  const word = before.match(/[a-zA-Z_:][\w:]*$/)?.[0] ?? '';
  const from = offset - word.length;
  if (insideBraces) {
    return { from, prefix: word, kind: 'labelName', metric: metricBefore(before.slice(0, openBrace)) };
  }
  const openParen = before.lastIndexOf('(');
  if (openParen > before.lastIndexOf(')')) {
    const keyword = before.slice(0, openParen).match(/([a-z_]+)\s*$/)?.[1];
    if (keyword && labelListKeywords.includes(keyword)) {
      return { from, prefix: word, kind: 'labelName' };
    }
  }
  return { from, prefix: word, kind: 'name' };
}

function metricBefore(text: string): string | undefined {
  return text.match(/([a-zA-Z_:][\w:]*)\s*$/)?.[1];
}

/** Caches API answers for a short while so typing does not send a request per keystroke; a failed
 * request counts as the empty answer. */
class ApiCache<T> {
  private readonly entries = new Map<string, { at: number; values: Promise<T> }>();

  constructor(private readonly empty: () => T) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const cached = this.entries.get(key);
    if (cached && Date.now() - cached.at < 30_000) {
      return cached.values;
    }
    const values = load().catch(() => this.empty());
    this.entries.set(key, { at: Date.now(), values });
    return values;
  }
}

const cache = new ApiCache<string[]>(() => []);
const helpCache = new ApiCache<Map<string, string>>(() => new Map());

interface MetricMetadata {
  type: string;
  help: string;
  unit: string;
}

/** "type: help" of each metric family, the first entry when targets disagree. */
function metricHelp(): Promise<Map<string, string>> {
  return helpCache.get('metadata', async () => {
    const families = (await promApi<Record<string, MetricMetadata[]>>('api/v1/metadata', { limit_per_metric: '1' })).data;
    return new Map(Object.entries(families).filter(([, entries]) => entries.length > 0)
      .map(([name, [first]]) => [name, first.help ? `${first.type}: ${first.help}` : first.type]));
  });
}

// Series of a family carry suffixes its metadata name lacks (OpenMetrics counters, histograms, summaries).
const familySuffixes = ['_total', '_bucket', '_count', '_sum', '_created', '_info'];

function helpFor(metric: string, help: Map<string, string>): string | undefined {
  const exact = help.get(metric);
  if (exact !== undefined) {
    return exact;
  }
  const suffix = familySuffixes.find((s) => metric.endsWith(s));
  return suffix ? help.get(metric.slice(0, -suffix.length)) : undefined;
}

function labelValues(name: string, metric?: string): Promise<string[]> {
  const params: Record<string, string> = metric ? { 'match[]': metric } : {};
  return cache.get(`values:${name}:${metric ?? ''}`, async () => (await promApi<string[]>(`api/v1/label/${encodeURIComponent(name)}/values`, params)).data);
}

function labelNames(metric?: string): Promise<string[]> {
  const params: Record<string, string> = metric ? { 'match[]': metric } : {};
  return cache.get(`labels:${metric ?? ''}`, async () => (await promApi<string[]>('api/v1/labels', params)).data.filter((n) => n !== '__name__'));
}

const maxCompletions = 50;

export async function complete(context: CompletionContext): Promise<Completion[]> {
  const prefix = context.prefix.toLowerCase();
  const matches = (candidate: string) => candidate.toLowerCase().startsWith(prefix) && candidate !== context.prefix;
  const ranked = (candidate: string) => candidate.toLowerCase().includes(prefix);
  switch (context.kind) {
    case 'labelValue': {
      const values = await labelValues(context.labelName!, context.metric);
      return values.filter((v) => v.startsWith(context.prefix) && v !== context.prefix).slice(0, maxCompletions).map((v) => ({ insert: v, detail: 'value' }));
    }
    case 'labelName': {
      const names = await labelNames(context.metric);
      return names.filter(matches).slice(0, maxCompletions).map((n) => ({ insert: n, detail: 'label' }));
    }
    default: {
      if (prefix.length === 0) {
        return [];
      }
      const [metrics, help] = await Promise.all([labelValues('__name__'), metricHelp()]);
      const metric = (m: string): Completion => ({ insert: m, detail: 'metric', help: helpFor(m, help) });
      const result: Completion[] = [
        ...metrics.filter(matches).map(metric),
        ...functions.filter(matches).map((f): Completion => ({ insert: f, detail: 'function' })),
        ...aggregations.filter(matches).map((a): Completion => ({ insert: a, detail: 'aggregation' })),
        ...keywords.filter(matches).map((k): Completion => ({ insert: k, detail: 'keyword' })),
      ];
      // Substring matches come after prefix matches: "bytes" still finds process_resident_memory_bytes.
      const substring = metrics.filter((m) => !m.toLowerCase().startsWith(prefix) && ranked(m)).map(metric);
      return [...result, ...substring].slice(0, maxCompletions);
    }
  }
}
