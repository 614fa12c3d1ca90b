// Alertmanager: alert groups as routed (receiver, group labels, alerts, acknowledgement and
// escalation state) and silences — listed,
// created or edited with a matcher editor that previews the alerts a silence would cover, and
// expired.

import { ApiError, jsonApi, sendJson } from '../api';
import { h, labelChips, notice, replaceChildren } from '../dom';
import { formatAgo, formatTime, parseDuration } from '../format';
import type { Page } from '../router';
import { groupStateBlock, type GroupState } from './acknowledgement';
import { loadInto } from './load';

interface AmAlert {
  labels: Record<string, string>;
  annotations: Record<string, string>;
  startsAt: string;
  endsAt: string;
  fingerprint: string;
  status: { state: string; silencedBy: string[]; inhibitedBy: string[] };
}

interface AlertGroup extends GroupState {
  labels: Record<string, string>;
  receiver: { name: string };
  alerts: AmAlert[];
}

interface Matcher {
  name: string;
  value: string;
  isRegex: boolean;
  isEqual: boolean;
}

interface Silence {
  id: string;
  matchers: Matcher[];
  startsAt: string;
  endsAt: string;
  createdBy: string;
  comment: string;
  status: { state: 'active' | 'pending' | 'expired' };
}

function matcherText(m: Matcher): string {
  const op = m.isRegex ? (m.isEqual ? '=~' : '!~') : m.isEqual ? '=' : '!=';
  return `${m.name}${op}${JSON.stringify(m.value)}`;
}

export const alertmanagerPage: Page = {
  path: 'alertmanager',
  title: 'Alertmanager',
  render(container) {
    const groupsBody = h('div', {});
    const silencesBody = h('div', {});
    const editor = h('div', {});
    // A saved or expired silence changes which alerts are silenced, so both lists reload.
    const reload = () => {
      reloadGroups();
      reloadSilences();
    };
    const reloadSilences = () => void loadInto(silencesBody, 'silences', () => jsonApi<Silence[]>('api/v2/silences')).then((silences) => {
      if (silences) {
        drawSilences(silencesBody, silences, (s) => openEditor(editor, s, reload), reload);
      }
    });
    const reloadGroups = () => void loadInto(groupsBody, 'alert groups', () => jsonApi<AlertGroup[]>('api/v2/alerts/groups')).then((groups) => {
      if (groups) {
        drawGroups(groupsBody, groups, (alert) => openEditor(editor, silenceFor(alert), reload), reloadGroups);
      }
    });
    container.append(
      h('h1', {}, 'Alertmanager'),
      h('section', { class: 'card' }, h('h2', {}, 'Alert groups'), groupsBody),
      h('section', { class: 'card' }, h('h2', {}, 'Silences'),
        h('button', { type: 'button', class: 'primary', onclick: () => openEditor(editor, null, reload) }, 'New silence'),
        editor, silencesBody));
    reload();
  },
};

function drawGroups(target: HTMLElement, groups: AlertGroup[], silence: (alert: AmAlert) => void, changed: () => void): void {
  if (groups.length === 0) {
    replaceChildren(target, h('p', { class: 'empty' }, 'No alerts.'));
    return;
  }
  replaceChildren(target, groups.map((group) => h('details', { class: 'alert-group', open: true, 'data-group-id': group.id ?? null },
    h('summary', {}, h('span', { class: 'badge' }, group.receiver.name), ' ', labelChips(group.labels), ' ', h('span', { class: 'muted small' }, `${group.alerts.length} alerts`),
      group.acknowledgement ? [' ', h('span', { class: 'badge acknowledged' }, 'acknowledged')] : null),
    groupStateBlock(group, changed),
    h('ul', { class: 'am-alerts' }, group.alerts.map((alert) => h('li', {},
      h('span', { class: `badge state-${alert.status.state}` }, alert.status.state), ' ',
      labelChips(alert.labels), ' ',
      h('span', { class: 'muted small', title: formatTime(alert.startsAt) }, `since ${formatAgo(alert.startsAt)}`), ' ',
      h('button', { type: 'button', class: 'small', onclick: () => silence(alert) }, 'Silence'),
      Object.keys(alert.annotations).length > 0 ? h('dl', { class: 'annotations' }, Object.entries(alert.annotations).flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)])) : null))))));
}

function drawSilences(target: HTMLElement, silences: Silence[], edit: (s: Silence) => void, reload: () => void): void {
  if (silences.length === 0) {
    replaceChildren(target, h('p', { class: 'empty' }, 'No silences.'));
    return;
  }
  const order = { active: 0, pending: 1, expired: 2 };
  const sorted = [...silences].sort((a, b) => order[a.status.state] - order[b.status.state] || b.startsAt.localeCompare(a.startsAt));
  replaceChildren(target, h('div', { class: 'table-wrap' }, h('table', { class: 'data silences' },
    h('thead', {}, h('tr', {}, ['State', 'Matchers', 'Starts', 'Ends', 'Created by', 'Comment', ''].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, sorted.map((s) => h('tr', { 'data-silence-id': s.id },
      h('td', {}, h('span', { class: `badge silence-${s.status.state}` }, s.status.state)),
      h('td', {}, s.matchers.map((m) => h('code', { class: 'label-chip' }, matcherText(m)))),
      h('td', {}, formatTime(s.startsAt)),
      h('td', {}, formatTime(s.endsAt)),
      h('td', {}, s.createdBy),
      h('td', {}, s.comment),
      h('td', { class: 'actions' },
        h('button', { type: 'button', class: 'small', onclick: () => edit(s) }, s.status.state === 'expired' ? 'Recreate' : 'Edit'),
        s.status.state === 'expired' ? null : h('button', {
          type: 'button', class: 'small danger', onclick: async () => {
            try {
              await sendJson('DELETE', `api/v2/silence/${encodeURIComponent(s.id)}`);
              reload();
            } catch (error) {
              target.prepend(notice('error', `Could not expire the silence: ${(error as Error).message}`));
            }
          },
        }, 'Expire'))))))));
}

function silenceFor(alert: AmAlert): Silence {
  const now = new Date();
  return {
    id: '',
    matchers: Object.entries(alert.labels).map(([name, value]) => ({ name, value, isRegex: false, isEqual: true })),
    startsAt: now.toISOString(),
    endsAt: new Date(now.getTime() + 2 * 3600_000).toISOString(),
    createdBy: '',
    comment: '',
    status: { state: 'pending' },
  };
}

const operators: [string, boolean, boolean][] = [['=', false, true], ['!=', false, false], ['=~', true, true], ['!~', true, false]];

/** The silence form: matchers (name, operator, value), duration, author, comment; a live
 * preview of the alerts the matchers select. An existing silence's id makes it an edit. */
function openEditor(target: HTMLElement, existing: Silence | null, saved: () => void): void {
  const now = new Date();
  const matchers: Matcher[] = existing ? existing.matchers.map((m) => ({ ...m })) : [{ name: 'alertname', value: '', isRegex: false, isEqual: true }];
  const isEdit = existing !== null && existing.id !== '' && existing.status.state !== 'expired';
  const hours = existing ? Math.max(1, Math.round((new Date(existing.endsAt).getTime() - Math.max(now.getTime(), new Date(existing.startsAt).getTime())) / 3600_000)) : 2;
  const matcherRows = h('div', { class: 'matchers' });
  const preview = h('div', { class: 'preview', 'aria-live': 'polite' });
  const duration = h('input', { 'aria-label': 'Duration', value: `${hours}h`, size: 6, required: true });
  const createdBy = h('input', { 'aria-label': 'Created by', placeholder: 'your name', value: existing?.createdBy ?? localStorage.getItem('argus.silenceAuthor') ?? '', required: true });
  const comment = h('textarea', { 'aria-label': 'Comment', placeholder: 'why this silence', rows: 2, required: true });
  comment.value = existing?.comment ?? '';
  const message = h('div', {});
  let previewTimer = 0;

  const refreshPreview = () => {
    window.clearTimeout(previewTimer);
    previewTimer = window.setTimeout(async () => {
      const usable = matchers.filter((m) => m.name);
      if (usable.length === 0) {
        replaceChildren(preview, h('p', { class: 'muted small' }, 'Add a matcher to see the alerts it selects.'));
        return;
      }
      try {
        const alerts = await jsonApi<AmAlert[]>('api/v2/alerts', { filter: usable.map(matcherText), silenced: 'true', inhibited: 'true', active: 'true' });
        replaceChildren(preview, h('p', { class: 'small' }, `${alerts.length} alert${alerts.length === 1 ? '' : 's'} would be silenced`),
          h('ul', { class: 'am-alerts' }, alerts.slice(0, 20).map((a) => h('li', {}, labelChips(a.labels)))));
      } catch (error) {
        replaceChildren(preview, notice('warning', `Preview unavailable: ${(error as Error).message}`));
      }
    }, 300);
  };

  const drawMatchers = () => {
    replaceChildren(matcherRows, matchers.map((m, index) => {
      const name = h('input', { 'aria-label': 'Label name', placeholder: 'label', value: m.name, size: 14 });
      name.addEventListener('input', () => {
        m.name = name.value.trim();
        refreshPreview();
      });
      const op = h('select', { 'aria-label': 'Operator' }, operators.map(([text, regex, equal]) => h('option', { value: text, selected: regex === m.isRegex && equal === m.isEqual }, text)));
      op.addEventListener('change', () => {
        const [, regex, equal] = operators.find(([text]) => text === op.value)!;
        m.isRegex = regex;
        m.isEqual = equal;
        refreshPreview();
      });
      const value = h('input', { 'aria-label': 'Label value', placeholder: 'value', value: m.value, size: 20 });
      value.addEventListener('input', () => {
        m.value = value.value;
        refreshPreview();
      });
      const remove = h('button', { type: 'button', class: 'small', 'aria-label': 'Remove matcher', onclick: () => {
        matchers.splice(index, 1);
        drawMatchers();
        refreshPreview();
      } }, '×');
      return h('div', { class: 'matcher' }, name, op, value, remove);
    }), h('button', { type: 'button', class: 'small', onclick: () => {
      matchers.push({ name: '', value: '', isRegex: false, isEqual: true });
      drawMatchers();
    } }, 'Add matcher'));
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    const seconds = parseDuration(duration.value);
    if (seconds === null || seconds <= 0) {
      replaceChildren(message, notice('error', 'Duration must be a duration such as 2h or 30m.'));
      return;
    }
    const usable = matchers.filter((m) => m.name);
    if (usable.length === 0) {
      replaceChildren(message, notice('error', 'A silence needs at least one matcher.'));
      return;
    }
    // An edit keeps the start exactly as the server sent it (its precision is finer than a Date's): with the
    // same matchers Alertmanager then updates the silence in place; other changes replace it with a new one.
    // The duration counts from now, or from the start of a silence that has not begun.
    const from = Math.max(Date.now(), isEdit ? new Date(existing!.startsAt).getTime() : 0);
    const body = {
      ...(isEdit ? { id: existing!.id } : {}),
      matchers: usable,
      startsAt: isEdit ? existing!.startsAt : new Date().toISOString(),
      endsAt: new Date(from + seconds * 1000).toISOString(),
      createdBy: createdBy.value.trim(),
      comment: comment.value.trim(),
    };
    localStorage.setItem('argus.silenceAuthor', body.createdBy);
    try {
      const result = await sendJson<{ silenceID: string }>('POST', 'api/v2/silences', body);
      replaceChildren(target, notice('info', `Silence ${result?.silenceID ?? ''} saved.`));
      saved();
    } catch (error) {
      replaceChildren(message, notice('error', error instanceof ApiError ? error.message : `Could not save the silence: ${(error as Error).message}`));
    }
  };

  drawMatchers();
  refreshPreview();
  const form = h('form', { class: 'silence-form', 'aria-label': isEdit ? 'Edit silence' : 'New silence' },
    h('h3', {}, isEdit ? `Edit silence ${existing!.id}` : 'New silence'),
    matcherRows,
    h('div', { class: 'form-row' }, h('label', {}, 'Duration ', duration), h('label', {}, 'Created by ', createdBy)),
    h('label', { class: 'block' }, 'Comment ', comment),
    preview,
    message,
    h('div', { class: 'form-row' },
      h('button', { type: 'submit', class: 'primary' }, isEdit ? 'Update silence' : 'Create silence'),
      h('button', { type: 'button', onclick: () => replaceChildren(target) }, 'Cancel')));
  form.addEventListener('submit', (event) => void submit(event));
  replaceChildren(target, form);
  (matcherRows.querySelector('input') as HTMLInputElement | null)?.focus();
}
