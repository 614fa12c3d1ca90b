// One query panel: the editor, the table/graph tabs, the time controls and the result.

import { ApiError, promApi } from '../api';
import { h, notice, replaceChildren } from '../dom';
import { formatDuration, formatSeconds, parseDuration } from '../format';
import { ExpressionEditor } from './editor';
import { renderGraph, type Graph } from './graph';
import { remember } from './history';
import type { MatrixSeries, QueryResult } from './results';
import { renderTable } from './table';
import type { PanelState } from './urlState';

const rangeSteps = [60, 300, 900, 1800, 3600, 7200, 21600, 43200, 86400, 172800, 604800, 1209600, 2419200, 7257600, 31536000];

export class QueryPanel {
  readonly element: HTMLElement;
  private readonly editor: ExpressionEditor;
  private readonly output: HTMLElement;
  private readonly controls: HTMLElement;
  private readonly tabs: Record<PanelState['tab'], HTMLButtonElement>;
  private readonly rangeInput: HTMLInputElement;
  private readonly endInput: HTMLInputElement;
  private readonly stepInput: HTMLInputElement;
  private readonly stackedInput: HTMLInputElement;
  private readonly status: HTMLElement;
  private graph: Graph | null = null;
  private abort: AbortController | null = null;

  constructor(readonly state: PanelState, private readonly onStateChange: () => void, onRemove: (() => void) | null) {
    this.editor = new ExpressionEditor(state.expr, () => this.execute(), () => {
      this.state.expr = this.editor.value;
    });
    this.tabs = {
      table: h('button', { type: 'button', role: 'tab', class: 'tab', onclick: () => this.switchTab('table') }, 'Table'),
      graph: h('button', { type: 'button', role: 'tab', class: 'tab', onclick: () => this.switchTab('graph') }, 'Graph'),
    };
    this.rangeInput = h('input', { class: 'range-input', 'aria-label': 'Range', value: state.range, size: 6 });
    this.rangeInput.addEventListener('change', () => this.setRange(this.rangeInput.value));
    this.endInput = h('input', { type: 'datetime-local', step: 1, 'aria-label': 'End time (empty for now)', class: 'end-input' });
    this.endInput.value = state.end ? toLocalInput(new Date(state.end)) : '';
    this.endInput.addEventListener('change', () => {
      this.state.end = this.endInput.value ? new Date(this.endInput.value).toISOString() : '';
      this.execute();
    });
    this.stepInput = h('input', { class: 'step-input', 'aria-label': 'Step in seconds (empty for automatic)', placeholder: 'auto step', value: state.step, size: 7 });
    this.stepInput.addEventListener('change', () => {
      this.state.step = this.stepInput.value.trim();
      this.execute();
    });
    this.stackedInput = h('input', { type: 'checkbox', checked: state.stacked });
    this.stackedInput.addEventListener('change', () => {
      this.state.stacked = this.stackedInput.checked;
      this.execute();
    });
    this.controls = h('div', { class: 'graph-controls' },
      h('button', { type: 'button', class: 'small', 'aria-label': 'Shorter range', onclick: () => this.zoom(-1) }, '−'),
      this.rangeInput,
      h('button', { type: 'button', class: 'small', 'aria-label': 'Longer range', onclick: () => this.zoom(1) }, '+'),
      this.endInput,
      h('button', { type: 'button', class: 'small', onclick: () => { this.endInput.value = ''; this.state.end = ''; this.execute(); } }, 'Now'),
      this.stepInput,
      h('label', { class: 'check' }, this.stackedInput, ' stacked'));
    this.status = h('span', { class: 'query-status', role: 'status' });
    this.output = h('div', { class: 'panel-output', role: 'tabpanel' });
    this.element = h('section', { class: 'panel card' },
      h('div', { class: 'panel-head' },
        this.editor.element,
        h('button', { type: 'button', class: 'primary execute', onclick: () => this.execute() }, 'Execute'),
        onRemove ? h('button', { type: 'button', class: 'remove-panel', 'aria-label': 'Remove panel', title: 'Remove panel', onclick: onRemove }, '×') : null),
      h('div', { class: 'tabs', role: 'tablist' }, this.tabs.table, this.tabs.graph, this.status),
      this.controls,
      this.output);
    this.updateTabs();
    if (state.expr.trim()) {
      queueMicrotask(() => this.execute());
    }
  }

  focus(): void {
    this.editor.focus();
  }

  destroy(): void {
    this.abort?.abort();
    this.graph?.destroy();
  }

  private switchTab(tab: PanelState['tab']): void {
    this.state.tab = tab;
    this.updateTabs();
    this.execute();
  }

  private updateTabs(): void {
    for (const [name, button] of Object.entries(this.tabs)) {
      button.setAttribute('aria-selected', String(name === this.state.tab));
    }
    this.controls.hidden = this.state.tab !== 'graph';
  }

  private setRange(text: string): void {
    const seconds = parseDuration(text);
    if (seconds === null || seconds <= 0) {
      this.rangeInput.setCustomValidity('a duration such as 1h or 30m');
      this.rangeInput.reportValidity();
      return;
    }
    this.rangeInput.setCustomValidity('');
    this.state.range = formatDuration(seconds);
    this.rangeInput.value = this.state.range;
    this.execute();
  }

  private zoom(direction: 1 | -1): void {
    const current = parseDuration(this.state.range) ?? 3600;
    const next = direction > 0 ? rangeSteps.find((s) => s > current) ?? current : [...rangeSteps].reverse().find((s) => s < current) ?? current;
    this.setRange(formatDuration(next));
  }

  async execute(): Promise<void> {
    const expr = this.editor.value.trim();
    this.state.expr = this.editor.value;
    this.onStateChange();
    this.abort?.abort();
    if (!expr) {
      this.graph?.destroy();
      replaceChildren(this.output, h('p', { class: 'empty' }, 'No expression entered.'));
      return;
    }
    remember(expr);
    const abort = new AbortController();
    this.abort = abort;
    this.status.textContent = 'Loading…';
    const started = performance.now();
    try {
      if (this.state.tab === 'table') {
        const end = this.state.end ? new Date(this.state.end) : new Date();
        const { data, warnings } = await promApi<QueryResult>('api/v1/query', { query: expr, time: String(end.getTime() / 1000) }, abort.signal);
        this.show(renderTable(data), warnings);
      } else {
        await this.executeRange(expr, abort.signal);
      }
      this.status.textContent = `Load time: ${formatSeconds((performance.now() - started) / 1000)}`;
    } catch (error) {
      if (abort.signal.aborted) {
        return;
      }
      this.status.textContent = '';
      this.graph?.destroy();
      this.graph = null;
      replaceChildren(this.output, notice('error', error instanceof ApiError ? error.message : `Error: ${(error as Error).message}`));
    }
  }

  private async executeRange(expr: string, signal: AbortSignal): Promise<void> {
    const range = parseDuration(this.state.range) ?? 3600;
    const end = Math.floor((this.state.end ? new Date(this.state.end).getTime() : Date.now()) / 1000);
    const start = end - range;
    const requested = Number(this.state.step);
    // Like Prometheus: about 250 points across the graph unless the user asks for a step.
    const step = requested > 0 ? requested : Math.max(Math.floor(range / 250), 1);
    const { data, warnings } = await promApi<{ resultType: 'matrix'; result: MatrixSeries[] }>('api/v1/query_range',
      { query: expr, start: String(start), end: String(end), step: String(step) }, signal);
    if (data.result.length === 0) {
      this.show(h('p', { class: 'empty' }, 'Empty query result'), warnings);
      return;
    }
    const graph = renderGraph({ series: data.result, start, end, step, stacked: this.state.stacked });
    this.show(graph.element, warnings);
    this.graph = graph;
  }

  private show(content: HTMLElement, warnings: string[]): void {
    this.graph?.destroy();
    this.graph = null;
    replaceChildren(this.output, warnings.map((w) => notice('warning', w)), content);
  }
}

function toLocalInput(date: Date): string {
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 19);
}
