// The query page ("graph"): several panels whose state is mirrored into the URL.

import { h } from '../dom';
import type { Page } from '../router';
import { QueryPanel } from './panel';
import { decodePanels, defaultPanel, encodePanels, type PanelState } from './urlState';

export const queryPage: Page = {
  path: 'graph',
  title: 'Query',
  render(container) {
    const states = decodePanels(window.location.search);
    const panels: QueryPanel[] = [];
    const list = h('div', { class: 'panels' });
    const syncUrl = () => {
      const search = encodePanels(panels.map((p) => p.state));
      if (search !== window.location.search) {
        window.history.replaceState(null, '', window.location.pathname + search);
      }
    };
    const add = (state: PanelState) => {
      const panel: QueryPanel = new QueryPanel(state, syncUrl, () => {
        panels.splice(panels.indexOf(panel), 1);
        panel.destroy();
        panel.element.remove();
        if (panels.length === 0) {
          add(defaultPanel());
        }
        syncUrl();
      });
      panels.push(panel);
      list.appendChild(panel.element);
      return panel;
    };
    states.forEach(add);
    container.append(
      h('h1', {}, 'Query'),
      list,
      h('button', { type: 'button', class: 'add-panel', onclick: () => add(defaultPanel()).focus() }, 'Add panel'));
    panels[0]?.focus();
    return () => panels.forEach((p) => p.destroy());
  },
};
