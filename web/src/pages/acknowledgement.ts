// An alert group's acknowledgement and escalation state on the Alertmanager page, with the
// Acknowledge / Un-acknowledge actions (POST/DELETE api/v2/alerts/groups/{id}/acknowledge).

import { sendJson } from '../api';
import { h, notice, replaceChildren } from '../dom';
import { formatAgo, formatSeconds, formatTime } from '../format';

export interface Acknowledgement {
  acknowledgedBy: string;
  comment: string;
  acknowledgedAt: string;
}

export interface Escalation {
  /** Steps fired so far in the group's current firing episode. */
  step: number;
  /** Receivers notified in the episode, the route's own first. */
  notified: string[];
  nextStepAt: string | null;
  nextReceiver: string | null;
}

/** The Argus fields of a group in api/v2/alerts/groups; absent when another Alertmanager answers. */
export interface GroupState {
  id?: string;
  acknowledgement?: Acknowledgement | null;
  escalation?: Escalation | null;
}

const authorKey = 'argus.acknowledgedBy';

/** The state block of one group: who acknowledged it and why, where its escalation stands, and the
 * action that changes the acknowledgement; `changed` reloads the groups afterwards. */
export function groupStateBlock(group: GroupState, changed: () => void): HTMLElement {
  const block = h('div', { class: 'group-state' });
  const message = h('div', {});
  const id = group.id;
  const ack = group.acknowledgement ?? null;
  const parts: HTMLElement[] = [];
  if (ack) {
    parts.push(h('p', { class: 'ack-state' },
      h('span', { class: 'badge acknowledged' }, 'acknowledged'), ' by ', h('b', { class: 'ack-by' }, ack.acknowledgedBy), ' ',
      h('span', { class: 'muted small', title: formatTime(ack.acknowledgedAt) }, formatAgo(ack.acknowledgedAt)),
      ack.comment ? [': ', h('q', { class: 'ack-comment' }, ack.comment)] : null));
  } else {
    parts.push(h('p', { class: 'ack-state' }, h('span', { class: 'badge unacknowledged' }, 'not acknowledged')));
  }
  if (group.escalation) {
    parts.push(escalationLine(group.escalation, ack !== null));
  }
  if (id) {
    const actions = h('div', { class: 'form-row' });
    if (ack) {
      actions.append(h('button', {
        type: 'button', class: 'small', onclick: async () => {
          try {
            await sendJson('DELETE', `api/v2/alerts/groups/${encodeURIComponent(id)}/acknowledge`);
            changed();
          } catch (error) {
            replaceChildren(message, notice('error', `Could not remove the acknowledgement: ${(error as Error).message}`));
          }
        },
      }, 'Un-acknowledge'));
    } else {
      const open = h('button', { type: 'button', class: 'small', 'aria-expanded': 'false', onclick: () => {
        open.setAttribute('aria-expanded', 'true');
        replaceChildren(actions, acknowledgeForm(id, message, changed, () => {
          replaceChildren(actions, open);
          open.setAttribute('aria-expanded', 'false');
          open.focus();
        }));
      } }, 'Acknowledge');
      actions.append(open);
    }
    parts.push(actions);
  }
  block.append(...parts, message);
  return block;
}

function escalationLine(escalation: Escalation, acknowledged: boolean): HTMLElement {
  let next: (HTMLElement | string)[];
  if (escalation.nextStepAt && escalation.nextReceiver) {
    const seconds = (new Date(escalation.nextStepAt).getTime() - Date.now()) / 1000;
    next = ['next: ', h('b', {}, escalation.nextReceiver), ' ',
      h('span', { title: formatTime(escalation.nextStepAt) }, seconds > 0 ? `in ${formatSeconds(seconds)}` : 'due now')];
  } else if (acknowledged) {
    next = ['paused while acknowledged'];
  } else if (escalation.nextReceiver) {
    next = ['next: ', h('b', {}, escalation.nextReceiver), ' after the first notification'];
  } else if (escalation.notified.length === 0) {
    next = ['starts with the first notification'];
  } else {
    next = ['every step has fired'];
  }
  return h('p', { class: 'escalation small' },
    h('span', { class: 'badge' }, `escalation step ${escalation.step}`), ' ',
    escalation.notified.length > 0 ? ['notified ', escalation.notified.join(', '), '; '] : null,
    ...next);
}

/** Asks who acknowledges (remembered in the browser) and an optional comment. */
function acknowledgeForm(id: string, message: HTMLElement, changed: () => void, cancel: () => void): HTMLFormElement {
  const by = h('input', { 'aria-label': 'Acknowledged by', placeholder: 'your name', value: localStorage.getItem(authorKey) ?? '', required: true, size: 14 });
  const comment = h('input', { 'aria-label': 'Acknowledgement comment', placeholder: 'comment (optional)', size: 28 });
  const form = h('form', { class: 'ack-form form-row', 'aria-label': 'Acknowledge alert group' },
    h('label', {}, 'By ', by), h('label', {}, 'Comment ', comment),
    h('button', { type: 'submit', class: 'primary small' }, 'Confirm acknowledgement'),
    h('button', { type: 'button', class: 'small', onclick: cancel }, 'Cancel'));
  form.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      cancel();
    }
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const who = by.value.trim();
    if (!who) {
      replaceChildren(message, notice('error', 'Say who acknowledges the group.'));
      by.focus();
      return;
    }
    localStorage.setItem(authorKey, who);
    void sendJson('POST', `api/v2/alerts/groups/${encodeURIComponent(id)}/acknowledge`, { acknowledgedBy: who, comment: comment.value.trim() })
      .then(changed, (error: Error) => replaceChildren(message, notice('error', `Could not acknowledge the group: ${error.message}`)));
  });
  queueMicrotask(() => (by.value ? comment : by).focus());
  return form;
}
