// The expression editor: a textarea over a highlighted copy of its text (the textarea's own
// text is transparent, so the caret and selection stay native), with a completion list fed by
// the API and the query history.

import { h, replaceChildren } from '../dom';
import { complete, completionContext, type Completion, type CompletionContext } from '../promql/completion';
import { tokenize } from '../promql/highlight';
import { loadHistory } from './history';

export class ExpressionEditor {
  readonly element: HTMLElement;
  private readonly textarea: HTMLTextAreaElement;
  private readonly highlight: HTMLElement;
  private readonly list: HTMLUListElement;
  private items: Completion[] = [];
  private selected = 0;
  private context: CompletionContext | null = null;
  private requestId = 0;

  constructor(initial: string, private readonly onExecute: () => void, private readonly onChange: () => void) {
    this.textarea = h('textarea', {
      class: 'editor-input',
      rows: 1,
      spellcheck: 'false',
      autocapitalize: 'off',
      autocomplete: 'off',
      'aria-label': 'Expression (press Enter to execute, Shift+Enter for a new line, Ctrl+Space to complete)',
      placeholder: 'Expression (press Enter to execute)',
      role: 'combobox',
      'aria-autocomplete': 'list',
      'aria-expanded': 'false',
    });
    this.textarea.value = initial;
    this.highlight = h('pre', { class: 'editor-highlight', 'aria-hidden': 'true' });
    this.list = h('ul', { class: 'completions', role: 'listbox', hidden: true });
    this.element = h('div', { class: 'editor' }, this.highlight, this.textarea, this.list);
    this.textarea.addEventListener('input', () => {
      this.render();
      this.onChange();
      void this.updateCompletions(false);
    });
    this.textarea.addEventListener('keydown', (event) => this.onKeyDown(event));
    this.textarea.addEventListener('scroll', () => {
      this.highlight.scrollTop = this.textarea.scrollTop;
      this.highlight.scrollLeft = this.textarea.scrollLeft;
    });
    this.textarea.addEventListener('focus', () => {
      if (!this.textarea.value) {
        this.showHistory();
      }
    });
    this.textarea.addEventListener('blur', () => window.setTimeout(() => this.close(), 150));
    this.render();
  }

  get value(): string {
    return this.textarea.value;
  }

  focus(): void {
    this.textarea.focus();
  }

  private render(): void {
    const tokens = tokenize(this.textarea.value);
    // A trailing newline keeps the layer as tall as the textarea when the text ends with one.
    replaceChildren(this.highlight, tokens.map((t) => (t.kind === 'text' ? t.text : h('span', { class: `tok-${t.kind}` }, t.text))), '\n');
    this.textarea.style.height = 'auto';
    this.textarea.style.height = `${this.textarea.scrollHeight}px`;
  }

  private onKeyDown(event: KeyboardEvent): void {
    const open = !this.list.hidden && this.items.length > 0;
    if (open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      this.select(this.selected + (event.key === 'ArrowDown' ? 1 : -1));
    } else if (open && (event.key === 'Tab' || (event.key === 'Enter' && !event.shiftKey))) {
      event.preventDefault();
      this.accept(this.items[this.selected]);
    } else if (open && event.key === 'Escape') {
      event.preventDefault();
      this.close();
    } else if (event.key === ' ' && event.ctrlKey) {
      event.preventDefault();
      void this.updateCompletions(true);
    } else if (event.key === 'Enter' && !event.shiftKey) {
      event.preventDefault();
      this.close();
      this.onExecute();
    }
  }

  private async updateCompletions(explicit: boolean): Promise<void> {
    const offset = this.textarea.selectionStart;
    const context = completionContext(this.textarea.value, offset);
    const id = ++this.requestId;
    if (!explicit && context.kind === 'name' && context.prefix.length === 0) {
      this.close();
      return;
    }
    const items = await complete(context);
    if (id !== this.requestId) {
      return;
    }
    this.show(context, items);
  }

  private showHistory(): void {
    const items = loadHistory().slice(0, 10).map((e): Completion => ({ insert: e, detail: 'history' }));
    this.show({ from: 0, prefix: '', kind: 'name' }, items);
  }

  private show(context: CompletionContext, items: Completion[]): void {
    this.context = context;
    this.items = items;
    if (items.length === 0) {
      this.close();
      return;
    }
    replaceChildren(this.list, items.map((item, index) => {
      const option = h('li', { role: 'option', id: `${this.listId()}-${index}`, class: 'completion' },
        h('span', { class: 'completion-text' }, item.insert),
        h('span', { class: 'completion-detail' }, item.help ?? item.detail));
      if (item.help) {
        // The help may be cut off in the list; the tooltip shows all of it.
        option.title = item.help;
      }
      // mousedown fires before the textarea's blur, so the click is not lost.
      option.addEventListener('mousedown', (event) => {
        event.preventDefault();
        this.accept(item);
      });
      return option;
    }));
    this.list.hidden = false;
    this.textarea.setAttribute('aria-expanded', 'true');
    this.select(0);
  }

  private listId(): string {
    if (!this.list.id) {
      this.list.id = `completions-${Math.random().toString(36).slice(2)}`;
      this.textarea.setAttribute('aria-controls', this.list.id);
    }
    return this.list.id;
  }

  private select(index: number): void {
    const count = this.items.length;
    this.selected = ((index % count) + count) % count;
    Array.from(this.list.children).forEach((child, i) => child.setAttribute('aria-selected', String(i === this.selected)));
    this.list.children[this.selected]?.scrollIntoView({ block: 'nearest' });
    this.textarea.setAttribute('aria-activedescendant', `${this.listId()}-${this.selected}`);
  }

  private accept(item: Completion): void {
    const context = this.context;
    if (!context) {
      return;
    }
    const value = this.textarea.value;
    const cursor = this.textarea.selectionStart;
    const end = item.detail === 'history' ? value.length : cursor;
    const from = item.detail === 'history' ? 0 : context.from;
    const suffix = item.detail === 'function' || item.detail === 'aggregation' ? '(' : '';
    this.textarea.value = value.slice(0, from) + item.insert + suffix + value.slice(end);
    const position = from + item.insert.length + suffix.length;
    this.textarea.setSelectionRange(position, position);
    this.close();
    this.render();
    this.onChange();
  }

  private close(): void {
    // An answer still in flight must not reopen the list the user just closed or accepted from.
    this.requestId++;
    this.list.hidden = true;
    this.items = [];
    this.textarea.setAttribute('aria-expanded', 'false');
    this.textarea.removeAttribute('aria-activedescendant');
  }
}
