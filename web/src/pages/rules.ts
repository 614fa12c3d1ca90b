// Rules: every rule group with its interval, last evaluation and duration, and each rule's
// query, health and last error.

import { promApi } from '../api';
import { filterInput, h, labelChips, replaceChildren } from '../dom';
import { formatAgo, formatSeconds } from '../format';
import type { Page } from '../router';
import { loadInto } from './load';

export interface AlertInstance {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  state: string;
  activeAt?: string;
  value?: string;
}

export interface RuleInfo {
  name: string;
  query: string;
  type: 'alerting' | 'recording';
  health: string;
  lastError?: string;
  evaluationTime?: number;
  lastEvaluation?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  duration?: number;
  state?: 'firing' | 'pending' | 'inactive';
  alerts?: AlertInstance[];
}

export interface RuleGroup {
  name: string;
  file: string;
  interval: number;
  rules: RuleInfo[];
  evaluationTime?: number;
  lastEvaluation?: string;
}

export function loadRuleGroups(type?: 'alert' | 'record'): Promise<RuleGroup[]> {
  return promApi<{ groups: RuleGroup[] }>('api/v1/rules', type ? { type } : {}).then((r) => r.data.groups ?? []);
}

export const rulesPage: Page = {
  path: 'rules',
  title: 'Rules',
  render(container) {
    const body = h('div', {});
    let groups: RuleGroup[] | null = null;
    let text = '';
    const draw = () => {
      if (!groups) {
        return;
      }
      if (groups.length === 0) {
        replaceChildren(body, h('p', { class: 'empty' }, 'No rule groups are configured.'));
        return;
      }
      const needle = text.toLowerCase();
      replaceChildren(body, groups.map((group) => {
        const rules = group.rules.filter((r) => !needle || r.name.toLowerCase().includes(needle) || r.query.toLowerCase().includes(needle));
        return rules.length === 0 ? null : h('section', { class: 'card rule-group' },
          h('h2', {}, group.name, ' ', h('span', { class: 'muted small' }, group.file)),
          h('p', { class: 'muted small' }, `interval ${formatSeconds(group.interval)} · last evaluation ${group.lastEvaluation ? formatAgo(group.lastEvaluation) : 'never'} · took ${formatSeconds(group.evaluationTime ?? 0)}`),
          h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
            h('thead', {}, h('tr', {}, ['Rule', 'State', 'Last evaluation', 'Evaluation time', 'Error'].map((c) => h('th', { scope: 'col' }, c)))),
            h('tbody', {}, rules.map((rule) => h('tr', {},
              h('td', {},
                h('div', {}, h('b', {}, rule.type === 'alerting' ? 'alert: ' : 'record: '), rule.name),
                h('code', { class: 'expr' }, rule.query),
                rule.labels && Object.keys(rule.labels).length > 0 ? labelChips(rule.labels) : null),
              h('td', {}, h('span', { class: `badge health-${rule.health}` }, rule.health.toUpperCase())),
              h('td', {}, rule.lastEvaluation ? formatAgo(rule.lastEvaluation) : 'never'),
              h('td', {}, formatSeconds(rule.evaluationTime ?? 0)),
              h('td', { class: 'error-text' }, rule.lastError ?? '')))))));
      }));
    };
    container.append(h('h1', {}, 'Rules'), h('div', { class: 'toolbar' }, filterInput('Filter by name or query', (value) => {
      text = value;
      draw();
    })), body);
    void loadInto(body, 'rules', () => loadRuleGroups()).then((loaded) => {
      groups = loaded;
      draw();
    });
  },
};
