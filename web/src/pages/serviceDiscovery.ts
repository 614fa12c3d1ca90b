// Service discovery: each discovered target's labels before relabeling, next to what relabeling
// made of them (or that it dropped the target).

import { filterInput, h, labelChips, replaceChildren } from '../dom';
import type { Page } from '../router';
import { loadInto } from './load';
import { groupBy, loadTargets, type TargetsData } from './targets';

export const serviceDiscoveryPage: Page = {
  path: 'service-discovery',
  title: 'Service discovery',
  render(container) {
    const body = h('div', {});
    let text = '';
    let data: TargetsData | null = null;
    const draw = () => {
      if (!data) {
        return;
      }
      const needle = text.toLowerCase();
      const matches = (labels: Record<string, string>) => !needle || Object.entries(labels).some(([k, v]) => `${k}="${v}"`.toLowerCase().includes(needle));
      const rows = [
        ...data.activeTargets.map((t) => ({ pool: t.scrapePool, discovered: t.discoveredLabels, labels: t.labels as Record<string, string> | null })),
        ...data.droppedTargets.map((t) => ({ pool: t.scrapePool ?? t.discoveredLabels.job ?? '', discovered: t.discoveredLabels, labels: null })),
      ].filter((r) => matches(r.discovered));
      const pools = groupBy(rows, (r) => r.pool);
      if (pools.size === 0) {
        replaceChildren(body, h('p', { class: 'empty' }, 'No discovered targets.'));
        return;
      }
      replaceChildren(body, [...pools.entries()].map(([pool, targets]) => {
        const active = targets.filter((t) => t.labels).length;
        return h('details', { class: 'card pool', open: true },
          h('summary', {}, h('span', { class: 'pool-name' }, pool), ' ', h('span', { class: 'badge' }, `${active} active / ${targets.length} discovered`)),
          h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
            h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Discovered labels'), h('th', { scope: 'col' }, 'Target labels'))),
            h('tbody', {}, targets.map((t) => h('tr', {},
              h('td', {}, labelChips(t.discovered)),
              h('td', {}, t.labels ? labelChips(t.labels) : h('span', { class: 'badge muted' }, 'Dropped'))))))));
      }));
    };
    container.append(h('h1', {}, 'Service discovery'), h('div', { class: 'toolbar' }, filterInput('Filter by labels', (value) => {
      text = value;
      draw();
    })), body);
    void loadInto(body, 'targets', loadTargets).then((loaded) => {
      data = loaded;
      draw();
    });
  },
};
