// A minimal element builder: the UI is plain DOM, so pages stay small and need no framework.

type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | EventListener | null | undefined>;

/** Creates an element; attributes starting with "on" become event listeners, booleans toggle presence. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: (Child | Child[])[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, ...children);
  return element;
}

export function append(parent: Node, ...children: (Child | Child[])[]): void {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    parent.appendChild(typeof child === 'object' ? child : document.createTextNode(String(child)));
  }
}

export function replaceChildren(parent: Element, ...children: (Child | Child[])[]): void {
  parent.textContent = '';
  append(parent, ...children);
}

/** A short status line: loading, an error, or an explanation why a page has nothing to show. */
export function notice(kind: 'info' | 'error' | 'warning', text: string): HTMLElement {
  return h('div', { class: `notice notice-${kind}`, role: kind === 'error' ? 'alert' : 'status' }, text);
}

/** Renders a label set as chips, e.g. job="argus". */
export function labelChips(labels: Record<string, string>): HTMLElement {
  return h('span', { class: 'labels' }, Object.entries(labels).map(([k, v]) => h('span', { class: 'label-chip' }, h('b', {}, k), '="', v, '"')));
}

/** A text filter input that calls back on every keystroke. */
export function filterInput(placeholder: string, onChange: (text: string) => void, initial = ''): HTMLInputElement {
  const input = h('input', { type: 'search', placeholder, 'aria-label': placeholder, class: 'filter', value: initial });
  input.addEventListener('input', () => onChange(input.value));
  return input;
}
