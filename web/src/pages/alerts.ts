// Alerts: every alerting rule with its state (firing, pending, inactive) and its active alerts'
// labels, annotations, value and active-since time; filtered by state and text.

import { filterInput, h, labelChips, replaceChildren } from '../dom';
import { formatAgo, formatTime } from '../format';
import type { Page } from '../router';
import { loadInto } from './load';
import { loadRuleGroups, type RuleInfo } from './rules';

const states = ['firing', 'pending', 'inactive'] as const;

export const alertsPage: Page = {
  path: 'alerts',
  title: 'Alerts',
  render(container) {
    const body = h('div', {});
    let rules: (RuleInfo & { group: string })[] | null = null;
    const shown = new Set<string>(states);
    let text = '';
    const draw = () => {
      if (!rules) {
        return;
      }
      if (rules.length === 0) {
        replaceChildren(body, h('p', { class: 'empty' }, 'No alerting rules are configured.'));
        return;
      }
      const needle = text.toLowerCase();
      const visible = rules.filter((r) => shown.has(r.state ?? 'inactive') && (!needle || r.name.toLowerCase().includes(needle) ||
        (r.alerts ?? []).some((a) => Object.entries(a.labels).some(([k, v]) => `${k}="${v}"`.toLowerCase().includes(needle)))));
      replaceChildren(body, visible.length === 0 ? h('p', { class: 'empty' }, 'No alerting rule matches the filter.') : visible.map((rule) => {
        const state = rule.state ?? 'inactive';
        const alerts = rule.alerts ?? [];
        return h('details', { class: `card alert-rule state-${state}`, open: state !== 'inactive' },
          h('summary', {}, h('span', { class: `badge state-${state}` }, state.toUpperCase()), ' ', h('b', {}, rule.name), ' ',
            h('span', { class: 'muted small' }, `${rule.group} · ${alerts.length} active`)),
          h('code', { class: 'expr' }, rule.query),
          alerts.length === 0 ? null : h('div', { class: 'table-wrap' }, h('table', { class: 'data' },
            h('thead', {}, h('tr', {}, ['Labels', 'State', 'Active since', 'Value', 'Annotations'].map((c) => h('th', { scope: 'col' }, c)))),
            h('tbody', {}, alerts.map((a) => h('tr', {},
              h('td', {}, labelChips(a.labels)),
              h('td', {}, h('span', { class: `badge state-${a.state}` }, a.state.toUpperCase())),
              h('td', { title: a.activeAt ? formatTime(a.activeAt) : '' }, a.activeAt ? formatAgo(a.activeAt) : ''),
              h('td', { class: 'num' }, a.value ?? ''),
              h('td', {}, h('dl', { class: 'annotations' }, Object.entries(a.annotations).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])))))))));
      }));
    };
    const toggles = states.map((state) => {
      const box = h('input', { type: 'checkbox', checked: true });
      box.addEventListener('change', () => {
        if (box.checked) {
          shown.add(state);
        } else {
          shown.delete(state);
        }
        draw();
      });
      return h('label', { class: 'check' }, box, ` ${state}`);
    });
    container.append(h('h1', {}, 'Alerts'), h('div', { class: 'toolbar' }, toggles, filterInput('Filter by name or labels', (value) => {
      text = value;
      draw();
    })), body);
    void loadInto(body, 'alerting rules', () => loadRuleGroups('alert')).then((groups) => {
      rules = groups === null ? null : groups.flatMap((g) => g.rules.filter((r) => r.type === 'alerting').map((r) => ({ ...r, group: g.name })));
      draw();
    });
  },
};
