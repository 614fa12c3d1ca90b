// Status: build and runtime information, command-line flags and the loaded configuration.

import { promApi } from '../api';
import { filterInput, h, replaceChildren } from '../dom';
import { formatTime } from '../format';
import type { Page } from '../router';
import { loadInto } from './load';

function keyValueTable(entries: [string, string][], label: string): HTMLElement {
  return h('div', { class: 'table-wrap' }, h('table', { class: 'data kv', 'aria-label': label },
    h('tbody', {}, entries.map(([k, v]) => h('tr', {}, h('th', { scope: 'row' }, k), h('td', {}, v))))));
}

function display(value: unknown): string {
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) {
    return formatTime(value);
  }
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

function section(title: string, id: string): [HTMLElement, HTMLElement] {
  const body = h('div', {});
  return [h('section', { class: 'card', id }, h('h2', {}, title), body), body];
}

export const statusPage: Page = {
  path: 'status',
  title: 'Status',
  render(container) {
    const [build, buildBody] = section('Build information', 'build-info');
    const [runtime, runtimeBody] = section('Runtime information', 'runtime-info');
    const [flags, flagsBody] = section('Command-line flags', 'flags');
    const [config, configBody] = section('Configuration', 'config');
    container.append(h('h1', {}, 'Status'), build, runtime, flags, config);

    void loadInto(buildBody, 'build information', () => promApi<Record<string, string>>('api/v1/status/buildinfo')).then((r) => {
      if (r) {
        buildBody.append(keyValueTable(Object.entries(r.data).map(([k, v]) => [k, display(v)]), 'Build information'));
      }
    });
    void loadInto(runtimeBody, 'runtime information', () => promApi<Record<string, unknown>>('api/v1/status/runtimeinfo')).then((r) => {
      if (r) {
        runtimeBody.append(keyValueTable(Object.entries(r.data).map(([k, v]) => [k, display(v)]), 'Runtime information'));
      }
    });
    void loadInto(flagsBody, 'flags', () => promApi<Record<string, string>>('api/v1/status/flags')).then((r) => {
      if (!r) {
        return;
      }
      const entries = Object.entries(r.data).sort(([a], [b]) => a.localeCompare(b));
      const table = h('div', {});
      const draw = (text: string) => replaceChildren(table, keyValueTable(entries.filter(([k, v]) => !text || k.includes(text) || v.includes(text)), 'Flags'));
      draw('');
      flagsBody.append(filterInput('Filter flags', draw), table);
    });
    void loadInto(configBody, 'configuration', () => promApi<{ yaml: string }>('api/v1/status/config')).then((r) => {
      if (r) {
        const copy = h('button', { type: 'button', class: 'small', onclick: () => void navigator.clipboard?.writeText(r.data.yaml) }, 'Copy');
        configBody.append(copy, h('pre', { class: 'config' }, r.data.yaml));
      }
    });
  },
};
