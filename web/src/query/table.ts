// The table view of an instant query result.

import { h } from '../dom';
import { formatTime, seriesName } from '../format';
import type { QueryResult } from './results';

const maxRows = 10_000;

export function renderTable(result: QueryResult): HTMLElement {
  switch (result.resultType) {
    case 'scalar':
    case 'string':
      return table([[result.resultType, result.result[1]]]);
    case 'vector':
      if (result.result.length === 0) {
        return h('p', { class: 'empty' }, 'Empty query result');
      }
      return table(result.result.slice(0, maxRows).map((s) => [seriesName(s.metric), s.value[1]]), result.result.length);
    case 'matrix':
      if (result.result.length === 0) {
        return h('p', { class: 'empty' }, 'Empty query result');
      }
      return table(result.result.slice(0, maxRows).map((s) => [
        seriesName(s.metric),
        h('span', { class: 'matrix-values' }, s.values.map(([t, v]) => h('span', { title: formatTime(t * 1000) }, `${v} @${t}`))),
      ]), result.result.length);
  }
}

function table(rows: [string, string | HTMLElement][], total = rows.length): HTMLElement {
  return h('div', { class: 'table-wrap' },
    total > rows.length ? h('p', { class: 'notice notice-warning' }, `Showing ${rows.length} of ${total} series.`) : null,
    h('table', { class: 'data result-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Series'), h('th', { scope: 'col', class: 'num' }, 'Value'))),
      h('tbody', {}, rows.map(([name, value]) => h('tr', {}, h('td', { class: 'series' }, name), h('td', { class: 'num' }, value))))));
}
