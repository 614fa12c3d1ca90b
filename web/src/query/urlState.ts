// The query page's whole state lives in the URL, in Prometheus's g<N>.<field> style:
// ?g0.expr=up&g0.tab=graph&g0.range_input=1h&g0.end_input=...&g0.step_input=15&g0.stacked=1

export interface PanelState {
  expr: string;
  tab: 'graph' | 'table';
  /** A Prometheus duration such as "1h". */
  range: string;
  /** ISO time of the graph's right edge; empty means "now". */
  end: string;
  /** Step in seconds; empty means chosen from the range. */
  step: string;
  stacked: boolean;
}

export function defaultPanel(): PanelState {
  return { expr: '', tab: 'table', range: '1h', end: '', step: '', stacked: false };
}

export function decodePanels(search: string): PanelState[] {
  const params = new URLSearchParams(search);
  const panels: PanelState[] = [];
  for (let i = 0; params.has(`g${i}.expr`) || params.has(`g${i}.tab`); i++) {
    const get = (field: string) => params.get(`g${i}.${field}`) ?? '';
    const tab = get('tab');
    panels.push({
      expr: get('expr'),
      // Prometheus's classic UI numbers its tabs: 0 is the graph, 1 the table.
      tab: tab === 'graph' || tab === '0' ? 'graph' : 'table',
      range: get('range_input') || '1h',
      end: get('end_input'),
      step: get('step_input'),
      stacked: get('stacked') === '1',
    });
  }
  return panels.length > 0 ? panels : [defaultPanel()];
}

export function encodePanels(panels: PanelState[]): string {
  const params = new URLSearchParams();
  panels.forEach((panel, i) => {
    params.set(`g${i}.expr`, panel.expr);
    params.set(`g${i}.tab`, panel.tab);
    params.set(`g${i}.range_input`, panel.range);
    if (panel.end) {
      params.set(`g${i}.end_input`, panel.end);
    }
    if (panel.step) {
      params.set(`g${i}.step_input`, panel.step);
    }
    if (panel.stacked) {
      params.set(`g${i}.stacked`, '1');
    }
  });
  return '?' + params.toString();
}
