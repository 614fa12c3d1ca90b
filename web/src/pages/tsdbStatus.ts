// TSDB status: head block figures and the cardinality tables of /api/v1/status/tsdb, then the
// write-ahead log and the persistent blocks.

import { promApi } from '../api';
import { h, notice } from '../dom';
import { formatTime } from '../format';
import type { Page } from '../router';
import { loadInto } from './load';
import { blocksSection, walSection } from './storageStatus';

interface NameValue {
  name: string;
  value: number;
}

interface TsdbStatus {
  headStats?: { numSeries: number; numLabelPairs: number; chunkCount: number; minTime: number; maxTime: number };
  seriesCountByMetricName?: NameValue[];
  labelValueCountByLabelName?: NameValue[];
  memoryInBytesByLabelName?: NameValue[];
  seriesCountByLabelValuePair?: NameValue[];
}

function ranking(title: string, rows: NameValue[] | undefined, nameHeader: string, valueHeader: string): HTMLElement {
  return h('section', { class: 'card' }, h('h2', {}, title),
    !rows || rows.length === 0 ? h('p', { class: 'empty' }, 'Nothing to show.') : h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, nameHeader), h('th', { scope: 'col', class: 'num' }, valueHeader))),
      h('tbody', {}, rows.map((r) => h('tr', {}, h('td', { class: 'series' }, r.name), h('td', { class: 'num' }, r.value.toLocaleString('en-US'))))))));
}

export const tsdbStatusPage: Page = {
  path: 'tsdb-status',
  title: 'TSDB status',
  render(container) {
    const body = h('div', {});
    container.append(h('h1', {}, 'TSDB status'), body, walSection(), blocksSection());
    void loadInto(body, 'TSDB statistics', () => promApi<TsdbStatus>('api/v1/status/tsdb')).then((r) => {
      if (!r) {
        return;
      }
      const head = r.data.headStats;
      body.append(
        head ? h('section', { class: 'card' }, h('h2', {}, 'Head block'), h('div', { class: 'table-wrap' }, h('table', { class: 'data kv', id: 'head-stats' }, h('tbody', {},
          ([['Series', head.numSeries.toLocaleString('en-US')], ['Label pairs', head.numLabelPairs.toLocaleString('en-US')], ['Chunks', head.chunkCount.toLocaleString('en-US')],
            ['Lowest time', formatTime(head.minTime)], ['Highest time', formatTime(head.maxTime)]] as [string, string][])
            .map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v))))))) : notice('info', 'No head statistics.'),
        ranking('Top metrics by series count', r.data.seriesCountByMetricName, 'Metric', 'Series'),
        ranking('Top label names by value count', r.data.labelValueCountByLabelName, 'Label', 'Values'),
        ranking('Top label names by memory', r.data.memoryInBytesByLabelName, 'Label', 'Bytes'),
        ranking('Top label pairs by series count', r.data.seriesCountByLabelValuePair, 'Pair', 'Series'));
    });
  },
};
