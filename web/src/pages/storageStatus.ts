// The WAL and persistent-block sections of the TSDB status page (api/v1/status/tsdb/wal and
// api/v1/status/tsdb/blocks, Argus's extensions to the Prometheus API).

import { promApi } from '../api';
import { h } from '../dom';
import { formatAgo, formatDuration, formatTime } from '../format';
import { loadInto } from './load';

interface WalStatus {
  segments: number;
  firstSegment: number | null;
  lastSegment: number | null;
  diskBytes: number;
  checkpoint: { segment: number; writtenAt: string } | null;
  checkpointsWritten: number;
  replay: {
    firstSegment: number | null;
    lastSegment: number | null;
    filesRead: number;
    samples: number;
    series: number;
    durationMilliseconds: number;
    corruptionsRepaired: number;
    bytesDiscarded: number;
  };
}

interface BlockStatus {
  id: string;
  minTime: number;
  maxTime: number;
  numSeries: number;
  numSamples: number;
  numChunks: number;
  bytes: number;
  level: number;
  hasTombstones: boolean;
}

const count = (n: number) => n.toLocaleString('en-US');

/** 1536 → "1.5 KiB". */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${bytes} B` : `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

function segmentRange(first: number | null, last: number | null): string {
  if (first === null || last === null) {
    return 'none';
  }
  return first === last ? `${first}` : `${first} – ${last}`;
}

function keyValueTable(id: string, rows: [string, string | HTMLElement][]): HTMLElement {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data kv', id }, h('tbody', {},
    rows.map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v))))));
}

/** The "Write-ahead log" card: segments on disk, the newest checkpoint, what start-up replay did. */
export function walSection(): HTMLElement {
  const body = h('div', {});
  void loadInto(body, 'WAL statistics', () => promApi<WalStatus>('api/v1/status/tsdb/wal')).then((r) => {
    if (!r) {
      return;
    }
    const wal = r.data;
    const replay = wal.replay;
    const repaired = replay.corruptionsRepaired > 0
      ? h('span', { class: 'badge bad' }, `${count(replay.corruptionsRepaired)} repaired, ${formatBytes(replay.bytesDiscarded)} discarded`)
      : h('span', { class: 'badge ok' }, 'none');
    body.append(
      keyValueTable('wal-stats', [
        ['Segments', `${count(wal.segments)} (${segmentRange(wal.firstSegment, wal.lastSegment)})`],
        ['Size on disk', formatBytes(wal.diskBytes)],
        ['Last checkpoint', wal.checkpoint
          ? h('span', { title: formatTime(wal.checkpoint.writtenAt) }, `covers segments up to ${wal.checkpoint.segment}, written ${formatAgo(wal.checkpoint.writtenAt)}`)
          : 'none yet'],
        ['Checkpoints since start', count(wal.checkpointsWritten)],
      ]),
      h('h3', {}, 'Replay at start-up'),
      keyValueTable('wal-replay', [
        ['Segments replayed', segmentRange(replay.firstSegment, replay.lastSegment)],
        ['Files read', count(replay.filesRead)],
        ['Samples restored', count(replay.samples)],
        ['Series restored', count(replay.series)],
        ['Duration', formatDuration(replay.durationMilliseconds / 1000)],
        ['Corruptions', repaired],
      ]));
  });
  return h('section', { class: 'card' }, h('h2', {}, 'Write-ahead log'), body);
}

/** The "Blocks" card: one row per persistent block, oldest first. */
export function blocksSection(): HTMLElement {
  const body = h('div', {});
  void loadInto(body, 'blocks', () => promApi<BlockStatus[]>('api/v1/status/tsdb/blocks')).then((r) => {
    if (!r) {
      return;
    }
    if (r.data.length === 0) {
      body.append(h('p', { class: 'empty' }, 'No persistent blocks yet: the head has not been cut into a block.'));
      return;
    }
    const headers: [string, boolean][] = [['Block', false], ['Min time', false], ['Max time', false], ['Span', true], ['Series', true], ['Samples', true], ['Chunks', true], ['Size', true], ['Level', true]];
    body.append(h('div', { class: 'table-wrap' }, h('table', { class: 'data', id: 'blocks' },
      h('thead', {}, h('tr', {}, headers.map(([text, num]) => h('th', { scope: 'col', class: num ? 'num' : null }, text)))),
      h('tbody', {}, r.data.map((b) => h('tr', { 'data-block-id': b.id },
        h('td', {}, h('code', {}, b.id), b.hasTombstones ? [' ', h('span', { class: 'badge', title: 'deletions wait for the next compaction' }, 'tombstones')] : null),
        h('td', {}, formatTime(b.minTime)),
        h('td', {}, formatTime(b.maxTime)),
        h('td', { class: 'num' }, formatDuration((b.maxTime - b.minTime) / 1000)),
        h('td', { class: 'num' }, count(b.numSeries)),
        h('td', { class: 'num' }, count(b.numSamples)),
        h('td', { class: 'num' }, count(b.numChunks)),
        h('td', { class: 'num' }, formatBytes(b.bytes)),
        h('td', { class: 'num' }, String(b.level))))))));
  });
  return h('section', { class: 'card' }, h('h2', {}, 'Blocks'), body);
}
