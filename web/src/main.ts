// Entry point: the navigation bar, the theme toggle and the page for the current URL.

import './styles.css';
import { h, replaceChildren } from './dom';
import { alertmanagerPage } from './pages/alertmanager';
import { alertsPage } from './pages/alerts';
import { rulesPage } from './pages/rules';
import { serviceDiscoveryPage } from './pages/serviceDiscovery';
import { statusPage } from './pages/status';
import { targetsPage } from './pages/targets';
import { tsdbStatusPage } from './pages/tsdbStatus';
import { queryPage } from './query/page';
import { currentSegment, navigate, onNavigate, type Page } from './router';
import { applyTheme, toggleTheme } from './theme';

const pages: Page[] = [queryPage, alertsPage, rulesPage, targetsPage, serviceDiscoveryPage, statusPage, tsdbStatusPage, alertmanagerPage];
// Prometheus's other names for pages: "query" (its new UI), "flags" and "config" (parts of Status).
const aliases: Record<string, Page> = { query: queryPage, '': queryPage, flags: statusPage, config: statusPage };

applyTheme();

const main = h('main', { id: 'main', tabindex: -1 });
const links = pages.map((page) => {
  const link = h('a', { href: page.path, 'data-page': page.path }, page.title);
  link.addEventListener('click', (event) => {
    // Let modified clicks open a new tab as usual.
    if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
      return;
    }
    event.preventDefault();
    menu.classList.remove('open');
    navigate(page.path);
  });
  return link;
});
const menuButton = h('button', { type: 'button', class: 'menu-toggle', 'aria-label': 'Menu', 'aria-expanded': 'false' }, '☰');
const menu = h('div', { class: 'nav-links' }, links);
menuButton.addEventListener('click', () => menuButton.setAttribute('aria-expanded', String(menu.classList.toggle('open'))));
const themeButton = h('button', { type: 'button', class: 'theme-toggle', 'aria-label': 'Toggle dark theme', title: 'Toggle light/dark theme', onclick: toggleTheme }, '◐');

document.body.append(
  h('a', { class: 'skip-link', href: '#main' }, 'Skip to content'),
  h('nav', { class: 'navbar', 'aria-label': 'Main' }, h('a', { class: 'brand', href: 'graph' }, 'Argus'), menuButton, menu, themeButton),
  main);

let cleanup: void | (() => void);

function show(): void {
  if (typeof cleanup === 'function') {
    cleanup();
  }
  const segment = currentSegment();
  const page = pages.find((p) => p.path === segment) ?? aliases[segment];
  replaceChildren(main);
  links.forEach((link) => link.toggleAttribute('aria-current', link.dataset.page === page?.path));
  if (!page) {
    document.title = 'Not found · Argus';
    main.append(h('h1', {}, 'Page not found'), h('p', {}, `There is no page "${segment}".`));
    return;
  }
  document.title = `${page.title} · Argus`;
  cleanup = page.render(main);
}

onNavigate(show);
show();
