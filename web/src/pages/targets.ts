// Targets: every scrape pool's targets with health, labels before and after relabeling, last
// scrape, its duration and error; filtered by health and text.

import { promApi } from '../api';
import { filterInput, h, labelChips, replaceChildren } from '../dom';
import { formatAgo, formatSeconds, formatTime } from '../format';
import type { Page } from '../router';
import { loadInto } from './load';

export interface ActiveTarget {
  discoveredLabels: Record<string, string>;
  labels: Record<string, string>;
  scrapePool: string;
  scrapeUrl: string;
  globalUrl: string;
  lastError: string;
  lastScrape: string;
  lastScrapeDuration: number;
  health: 'up' | 'down' | 'unknown';
  scrapeInterval: string;
  scrapeTimeout: string;
}

export interface DroppedTarget {
  discoveredLabels: Record<string, string>;
  scrapePool?: string;
}

export interface TargetsData {
  activeTargets: ActiveTarget[];
  droppedTargets: DroppedTarget[];
}

export function loadTargets(): Promise<TargetsData> {
  return promApi<TargetsData>('api/v1/targets').then((r) => r.data);
}

export function groupBy<T>(items: T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    groups.set(k, [...(groups.get(k) ?? []), item]);
  }
  return new Map([...groups.entries()].sort(([a], [b]) => a.localeCompare(b)));
}

export const targetsPage: Page = {
  path: 'targets',
  title: 'Targets',
  render(container) {
    const body = h('div', {});
    let health = 'all';
    let text = '';
    let data: TargetsData | null = null;
    const healthSelect = h('select', { 'aria-label': 'Health' },
      ['all', 'up', 'down', 'unknown'].map((v) => h('option', { value: v }, v === 'all' ? 'All health' : v)));
    healthSelect.addEventListener('change', () => {
      health = healthSelect.value;
      draw();
    });
    const draw = () => {
      if (!data) {
        return;
      }
      const needle = text.toLowerCase();
      const visible = data.activeTargets.filter((t) => (health === 'all' || t.health === health) &&
        (!needle || t.scrapeUrl.toLowerCase().includes(needle) || t.scrapePool.toLowerCase().includes(needle) ||
          Object.entries(t.labels).some(([k, v]) => `${k}="${v}"`.toLowerCase().includes(needle))));
      const pools = groupBy(visible, (t) => t.scrapePool);
      if (pools.size === 0) {
        replaceChildren(body, h('p', { class: 'empty' }, data.activeTargets.length === 0 ? 'No targets are configured.' : 'No target matches the filter.'));
        return;
      }
      replaceChildren(body, [...pools.entries()].map(([pool, targets]) => {
        const up = targets.filter((t) => t.health === 'up').length;
        return h('details', { class: 'card pool', open: true, 'data-pool': pool },
          h('summary', {}, h('span', { class: 'pool-name' }, pool), ' ', h('span', { class: `badge ${up === targets.length ? 'ok' : 'bad'}` }, `${up} / ${targets.length} up`)),
          h('div', { class: 'table-wrap' }, h('table', { class: 'data targets' },
            h('thead', {}, h('tr', {}, ['Endpoint', 'State', 'Labels', 'Last scrape', 'Duration', 'Error'].map((c) => h('th', { scope: 'col' }, c)))),
            h('tbody', {}, targets.map((t) => h('tr', { class: 'target' },
              h('td', {}, h('a', { href: t.scrapeUrl, rel: 'noreferrer' }, t.scrapeUrl)),
              h('td', {}, h('span', { class: `badge health-${t.health}` }, t.health.toUpperCase())),
              h('td', {}, labelChips(t.labels), h('details', { class: 'discovered' }, h('summary', {}, 'before relabeling'), labelChips(t.discoveredLabels))),
              h('td', { title: formatTime(t.lastScrape) }, formatAgo(t.lastScrape)),
              h('td', {}, formatSeconds(t.lastScrapeDuration)),
              h('td', { class: 'error-text' }, t.lastError)))))));
      }));
    };
    container.append(
      h('h1', {}, 'Targets'),
      h('div', { class: 'toolbar' }, healthSelect, filterInput('Filter by endpoint or labels', (value) => {
        text = value;
        draw();
      })),
      body);
    void loadInto(body, 'targets', loadTargets).then((loaded) => {
      data = loaded;
      draw();
    });
  },
};
