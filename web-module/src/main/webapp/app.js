// Leadscore's web UI: a small single-page application on the REST API (API.md). No build step: plain
// modules, the DOM, and Chart.js (from its webjar) for the score history.

import { modelList, modelEditor, modelQuality } from './admin.js';
import { systemJobs, pluginSteps, leadImport } from './ops.js';

const API = '/api/v1';
const ROLES = { sales: 'Salesperson', manager: 'SalesManager', admin: 'SystemAdministrator', operator: 'Operator' };
const TRENDS = {
  IMPROVING: ['↑', 'Improving'], DECLINING: ['↓', 'Declining'], STEADY: ['→', 'Steady'],
  NOT_ENOUGH_INFO: ['–', 'Not enough info'],
};
/** Rows per page of the lists. */
export const PAGE = 25;
let me = null;

// ---------------------------------------------------------------- the API

export class Problem extends Error {
  constructor(status, body) {
    super(body && (body.detail || body.title) || `HTTP ${status}`);
    this.status = status;
    this.errors = body && body.errors || [];
  }

  /** The message with every field error, as a user reads it. */
  describe() {
    return this.errors.length ? this.errors.map(e => `${e.field}: ${e.message}`).join(' — ') : this.message;
  }
}

export async function api(path, { method = 'GET', body, file, contentType, ifMatch, accept = 'application/json' } = {}) {
  const headers = { Accept: accept, 'X-Requested-With': 'leadscore' };
  if (body !== undefined) headers['Content-Type'] = method === 'PATCH' ? 'application/merge-patch+json' : 'application/json';
  if (file !== undefined) headers['Content-Type'] = contentType;
  if (ifMatch) headers['If-Match'] = ifMatch;
  const response = await fetch(API + path, {
    method, headers, credentials: 'same-origin', body: file !== undefined ? file : body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401 && path !== '/session') {
    me = null;
    location.hash = '#/signin';
    throw new Problem(401, { detail: 'Please sign in again' });
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : null;
  if (!response.ok) throw new Problem(response.status, json);
  return { json, etag: response.headers.get('ETag') };
}

const has = role => me && me.roles.includes(role);
const crm = () => has(ROLES.sales) || has(ROLES.manager) || has(ROLES.admin);

// ---------------------------------------------------------------- little DOM helpers

/** Creates an element: h('td', {class: 'num'}, '42', child…); attributes starting with "on" are listeners. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'text') el.textContent = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function show(...children) {
  const main = document.getElementById('main');
  main.replaceChildren(...children.filter(c => c !== null && c !== undefined && c !== false));
  main.focus({ preventScroll: true });
}

function gradeBadge(score) {
  if (!score) return h('span', { class: 'muted' }, 'Not scored');
  return h('span', { class: `grade grade-${score.grade}`, title: `Grade ${score.grade}` }, score.grade);
}

function trendLabel(trend) {
  const [arrow, text] = TRENDS[trend] || ['', trend || ''];
  return h('span', { class: `trend trend-${trend}` }, h('span', { class: 'arrow', 'aria-hidden': 'true' }, arrow), text);
}

const fullName = l => [l.firstName, l.lastName].filter(Boolean).join(' ') || '(no name)';
const day = iso => iso ? new Date(iso).toLocaleDateString() : '';
export const when = iso => (iso ? new Date(iso).toLocaleString() : '—');
const quote = text => `'${text.replaceAll("'", "''")}'`;

// ---------------------------------------------------------------- sign-in and navigation

function signIn(message) {
  const error = h('p', { class: 'error', role: 'alert' }, message || '');
  const user = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const form = h('form', { class: 'signin', onsubmit: async e => {
    e.preventDefault();
    error.textContent = '';
    try {
      me = (await api('/session', { method: 'POST', body: { username: user.value, password: password.value } })).json;
      renderChrome();
      const target = home();
      if (location.hash === target) route();
      else location.hash = target;
    } catch (problem) {
      error.textContent = problem.message;
      password.select();
    }
  } },
  h('h1', {}, 'Sign in to Leadscore'),
  h('div', { class: 'field' }, h('label', { for: 'username' }, 'User name'), user),
  h('div', { class: 'field' }, h('label', { for: 'password' }, 'Password'), password),
  error,
  h('button', { class: 'primary', type: 'submit' }, 'Sign in'));
  show(form);
  user.focus();
}

function home() {
  if (crm()) return '#/leads';
  return '#/operations';
}

function renderChrome() {
  const nav = document.getElementById('nav');
  const who = document.getElementById('who');
  if (!me) {
    nav.hidden = true;
    who.hidden = true;
    return;
  }
  const links = [];
  if (crm()) links.push(['#/leads', 'My Open Leads Scored']);
  if (has(ROLES.manager) || has(ROLES.admin)) links.push(['#/leads/all', 'All leads']);
  if (crm()) links.push(['#/import', 'Import']);
  if (has(ROLES.admin)) links.push(['#/models', 'Models']);
  if (has(ROLES.operator) || has(ROLES.admin)) {
    links.push(['#/system-jobs', 'System jobs'], ['#/plugin-steps', 'Plugin steps'], ['#/operations', 'Operations']);
  }
  nav.replaceChildren(...links.map(([href, text]) => h('a', { href }, text)));
  nav.hidden = false;
  document.getElementById('who-name').textContent = me.user;
  who.hidden = false;
  markCurrent();
}

function markCurrent() {
  for (const a of document.querySelectorAll('#nav a')) {
    const href = a.getAttribute('href');
    const here = location.hash.split('?')[0];
    if (href === here || (href === '#/models' && here.startsWith('#/models'))) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

async function route() {
  const hash = location.hash || '#/';
  if (!me) {
    try {
      me = (await api('/session')).json;
      if (!me.user) me = null;
    } catch (e) {
      me = null;
    }
    renderChrome();
    if (!me) return signIn();
  }
  markCurrent();
  const [path] = hash.slice(1).split('?');
  const parts = path.split('/').filter(Boolean);
  try {
    if (parts[0] === 'signin' || parts.length === 0) location.hash = home();
    else if (parts[0] === 'leads' && crm()) leadList(parts[1] === 'all');
    else if (parts[0] === 'lead' && parts[1] && crm()) await leadForm(parts[1]);
    else if (parts[0] === 'operations' && (has(ROLES.operator) || has(ROLES.admin))) operations();
    else if (parts[0] === 'system-jobs' && (has(ROLES.operator) || has(ROLES.admin))) await systemJobs();
    else if (parts[0] === 'plugin-steps' && (has(ROLES.operator) || has(ROLES.admin))) await pluginSteps(has(ROLES.admin));
    else if (parts[0] === 'import' && crm()) leadImport(parts[1]);
    else if (parts[0] === 'models' && has(ROLES.admin)) {
      if (parts.length === 1) await modelList();
      else if (parts[2] === 'versions' && parts[3]) await modelQuality(parts[1], Number(parts[3]));
      else await modelEditor(parts[1] === 'new' ? null : parts[1]);
    }
    else show(h('h1', {}, 'Not here'), h('p', {}, 'This page does not exist or your role may not use it. ',
      h('a', { href: home() }, 'Go to your start page')));
  } catch (problem) {
    if (problem.status !== 401) show(h('h1', {}, 'Something went wrong'), h('p', { class: 'error' }, problem.describe ? problem.describe() : String(problem)));
  }
}

// ---------------------------------------------------------------- lead lists

const COLUMNS = [
  ['score/value', 'Score'], ['score/grade', 'Grade'], ['score/trend', 'Trend'], ['lastName', 'Name'],
  ['companyName', 'Company'], ['topic', 'Topic', 'hide-narrow'], ['industry', 'Industry', 'hide-narrow'],
  ['source', 'Source', 'hide-narrow'], ['ownerId', 'Owner', 'hide-narrow'], ['createdOn', 'Created', 'hide-narrow'],
];
const listState = {};

function leadList(all) {
  const key = all ? 'all' : 'mine';
  const state = listState[key] ||= { orderBy: 'score/value desc', skip: 0, text: '', grade: '', filter: '', status: 'OPEN' };
  const title = all ? 'All leads' : 'My Open Leads Scored';
  const status = h('p', { class: 'muted', 'aria-live': 'polite' });
  const tbody = h('tbody');
  const thead = h('thead');
  const pager = h('div', { class: 'pager' });
  const filterError = h('p', { class: 'error', role: 'alert' });

  const text = h('input', { id: 'search', type: 'search', value: state.text, placeholder: 'Name, company or topic' });
  const grade = h('select', { id: 'grade' }, h('option', { value: '' }, 'Any grade'),
    ...['A', 'B', 'C', 'D'].map(g => h('option', { value: g, selected: state.grade === g }, `Grade ${g}`)));
  // All leads: open ones by default, closed ones on request (my open leads are open by definition)
  const leadStatus = all ? h('select', { id: 'status' },
    ...[['OPEN', 'Open'], ['QUALIFIED', 'Qualified'], ['DISQUALIFIED', 'Disqualified'], ['', 'Any status']]
      .map(([v, label]) => h('option', { value: v, selected: state.status === v }, label))) : null;
  const filter = h('input', { id: 'filter', value: state.filter, placeholder: "e.g. industry eq 'Finance' and attributes/TotalVisits gt 3" });
  const apply = () => {
    state.text = text.value.trim();
    state.grade = grade.value;
    if (leadStatus) state.status = leadStatus.value;
    state.filter = filter.value.trim();
    state.skip = 0;
    load();
  };
  let timer;
  text.addEventListener('input', () => { clearTimeout(timer); timer = setTimeout(apply, 300); });
  grade.addEventListener('change', apply);
  if (leadStatus) leadStatus.addEventListener('change', apply);
  filter.addEventListener('keydown', e => { if (e.key === 'Enter') apply(); });

  function header() {
    const [sortPath, sortDir] = state.orderBy.split(' ');
    thead.replaceChildren(h('tr', {}, ...COLUMNS.map(([path, label, cls]) => {
      const sorted = path === sortPath;
      return h('th', { class: cls, scope: 'col', 'aria-sort': sorted ? (sortDir === 'desc' ? 'descending' : 'ascending') : 'none' },
        h('button', { type: 'button', onclick: () => {
          state.orderBy = `${path} ${sorted && sortDir === 'asc' ? 'desc' : sorted ? 'asc' : path.startsWith('score') ? 'desc' : 'asc'}`;
          state.skip = 0;
          load();
        } }, label, sorted ? (sortDir === 'desc' ? ' ▼' : ' ▲') : ''));
    })));
  }

  async function load() {
    header();
    const clauses = [];
    if (all && state.status) clauses.push(`status eq '${state.status}'`);
    if (state.text) {
      const q = quote(state.text);
      clauses.push(`(contains(lastName,${q}) or contains(firstName,${q}) or contains(companyName,${q}) or contains(topic,${q}))`);
    }
    if (state.grade) clauses.push(`score/grade eq '${state.grade}'`);
    // where the user's own filter starts in the one sent, to point at their text when it is wrong
    const offset = clauses.concat('').join(' and ').length + 1;
    if (state.filter) clauses.push(`(${state.filter})`);
    const params = new URLSearchParams({ top: PAGE, skip: state.skip, count: 'true', orderBy: `${state.orderBy},id asc` });
    if (!all) params.set('view', 'my-open-scored');
    if (clauses.length) params.set('filter', clauses.join(' and '));
    status.textContent = 'Loading…';
    filterError.textContent = '';
    try {
      const page = (await api(`/leads?${params}`)).json;
      tbody.replaceChildren(...page.value.map(row));
      if (page.value.length === 0) tbody.append(h('tr', {}, h('td', { colspan: COLUMNS.length, class: 'muted' }, 'No leads match.')));
      const from = page.count === 0 ? 0 : state.skip + 1;
      const to = state.skip + page.value.length;
      status.textContent = `${from}–${to} of ${page.count} leads`;
      pager.replaceChildren(
        h('button', { type: 'button', disabled: state.skip === 0, onclick: () => { state.skip = Math.max(0, state.skip - PAGE); load(); } }, '← Previous'),
        h('span', {}, `Page ${Math.floor(state.skip / PAGE) + 1} of ${Math.max(1, Math.ceil(page.count / PAGE))}`),
        h('button', { type: 'button', disabled: to >= page.count, onclick: () => { state.skip += PAGE; load(); } }, 'Next →'));
    } catch (problem) {
      if (problem.status === 401) return;
      status.textContent = '';
      const own = problem.errors.find(e => e.field === 'filter');
      filterError.textContent = own && state.filter
        ? `Filter: ${own.message.replace(/position (\d+)/, (m, p) => `position ${Math.max(1, p - offset)}`)}`
        : problem.describe();
    }
  }

  function row(l) {
    const s = l.score;
    return h('tr', {},
      h('td', { class: 'num' }, s ? String(s.value) : '—'),
      h('td', {}, gradeBadge(s)),
      h('td', {}, s ? trendLabel(s.trend) : ''),
      h('td', {}, h('a', { href: `#/lead/${l.id}` }, fullName(l))),
      h('td', {}, l.companyName || ''),
      h('td', { class: 'hide-narrow' }, l.topic || ''),
      h('td', { class: 'hide-narrow' }, l.industry || ''),
      h('td', { class: 'hide-narrow' }, l.source || ''),
      h('td', { class: 'hide-narrow' }, l.ownerId || ''),
      h('td', { class: 'hide-narrow' }, day(l.createdOn)));
  }

  show(h('h1', {}, title),
    h('div', { class: 'toolbar' },
      h('div', { class: 'grow' }, h('label', { for: 'search' }, 'Search'), text),
      leadStatus ? h('div', {}, h('label', { for: 'status' }, 'Status'), leadStatus) : null,
      h('div', {}, h('label', { for: 'grade' }, 'Grade'), grade),
      h('div', { class: 'grow' }, h('label', { for: 'filter' }, 'Filter (press Enter)'), filter)),
    filterError, status,
    h('div', { class: 'table-wrap' }, h('table', {}, h('caption', { class: 'skip' }, title), thead, tbody)),
    pager);
  load();
}

// ---------------------------------------------------------------- the lead form

const FIELDS = [
  ['topic', 'Topic'], ['firstName', 'First name'], ['lastName', 'Last name'], ['email', 'Email', 'email'],
  ['phone', 'Phone', 'tel'], ['jobTitle', 'Job title'], ['companyName', 'Company'], ['industry', 'Industry'],
  ['source', 'Source'], ['country', 'Country'], ['city', 'City'], ['businessProcess', 'Business process'],
];

async function leadForm(id) {
  const { json: lead, etag } = await api(`/leads/${id}`);
  let version = etag;
  const message = h('div', { 'aria-live': 'polite' });
  const inputs = {};
  const open = lead.status === 'OPEN';
  const fields = h('div', { class: 'fields' }, ...FIELDS.map(([name, label, type]) => {
    inputs[name] = h('input', { id: `f-${name}`, name, type: type || 'text', value: lead[name] ?? '', disabled: !open });
    return h('div', {}, h('label', { for: `f-${name}` }, label), inputs[name]);
  }));
  const attributes = Object.entries(lead.attributes || {});
  const say = (cls, text) => message.replaceChildren(h('p', { class: cls, role: cls === 'error' ? 'alert' : 'status' }, text));

  async function save() {
    const patch = {};
    for (const [name] of FIELDS) {
      const value = inputs[name].value.trim() || null;
      if (value !== (lead[name] ?? null)) patch[name] = value;
    }
    if (Object.keys(patch).length === 0) return say('muted', 'Nothing changed.');
    try {
      const r = await api(`/leads/${id}`, { method: 'PATCH', body: patch, ifMatch: version });
      version = r.etag;
      Object.assign(lead, r.json);
      say('ok', 'Saved. The score is updated in a moment.');
      setTimeout(() => widget.refresh(), 1500);
    } catch (problem) {
      say('error', problem.status === 412 ? 'Someone changed this lead meanwhile; reload to see their changes.' : problem.describe());
    }
  }

  async function close(action) {
    try {
      await api(`/leads/${id}/${action}`, { method: 'POST', ifMatch: version });
      await leadForm(id);
      document.getElementById('main').prepend(h('p', { class: 'ok', role: 'status' }, action === 'qualify' ? 'Qualified.' : 'Disqualified.'));
    } catch (problem) {
      say('error', problem.describe());
    }
  }

  const summary = h('section', { id: 'tab-summary', role: 'tabpanel', 'aria-labelledby': 'tab-summary-button' },
    fields,
    attributes.length ? h('div', {}, h('h2', {}, 'Other attributes'),
      h('p', {}, ...attributes.map(([k, v], i) => [i ? ' · ' : '', h('strong', {}, k), `: ${v}`]))) : null,
    h('div', { class: 'actions' },
      open ? h('button', { class: 'primary', type: 'button', onclick: save }, 'Save') : null,
      open ? h('button', { type: 'button', onclick: () => close('qualify') }, 'Qualify') : null,
      open ? h('button', { type: 'button', onclick: () => close('disqualify') }, 'Disqualify') : null),
    message);
  const about = h('section', { id: 'tab-about', role: 'tabpanel', 'aria-labelledby': 'tab-about-button', hidden: true });
  const tabs = tabBar([['summary', 'Summary', summary], ['about', 'About the score', about]],
    name => { if (name === 'about') aboutTab(lead, about); });
  const widget = scoreWidget(lead);

  show(h('p', {}, h('a', { href: '#/leads' }, '← My Open Leads Scored')),
    h('h1', {}, fullName(lead), ' ', h('span', { class: 'status' }, lead.status)),
    h('p', { class: 'muted' }, [lead.companyName, lead.topic].filter(Boolean).join(' — ')),
    h('div', { class: 'lead' }, h('div', {}, tabs, summary, about), widget.element));
}

function tabBar(tabs, onSelect) {
  const buttons = tabs.map(([name, label, panel], i) => h('button', {
    id: `tab-${name}-button`, type: 'button', role: 'tab', 'aria-selected': i === 0 ? 'true' : 'false',
    'aria-controls': `tab-${name}`, onclick: () => {
      buttons.forEach((b, j) => b.setAttribute('aria-selected', j === i ? 'true' : 'false'));
      tabs.forEach(([, , p], j) => { p.hidden = j !== i; });
      onSelect(name);
    },
  }, label));
  return h('div', { class: 'tabs', role: 'tablist' }, ...buttons);
}

/** The Lead score widget: score, grade, trend, the top 5 reasons each way with their insights; Details. */
function scoreWidget(lead) {
  const element = h('aside', { class: 'widget', 'aria-label': 'Lead score' });

  async function refresh() {
    let score;
    try {
      score = (await api(`/leads/${lead.id}/score`)).json;
    } catch (problem) {
      if (problem.status !== 404 && problem.status !== 409) throw problem;
      return notScored();
    }
    element.replaceChildren(
      h('h2', {}, 'Lead score'),
      h('div', { class: 'score-line' },
        h('span', { class: 'score-value', id: 'score-value' }, String(score.value)),
        gradeBadge(score), trendLabel(score.trend)),
      h('p', { class: 'muted' }, `Scored ${new Date(score.scoredOn).toLocaleString()} by ${score.modelName} v${score.modelVersion}`),
      reasonList('What raises it', score.positive, 'positive'),
      reasonList('What lowers it', score.negative, 'negative'),
      h('button', { type: 'button', id: 'details', onclick: () => details(lead, score) }, 'Details'));
  }

  async function notScored() {
    const why = h('ul');
    element.replaceChildren(h('h2', {}, 'Lead score'), h('p', {}, 'This lead has no score.'), why);
    try {
      const reasons = eligibilityReasons((await api(`/leads/${lead.id}/eligibility`)).json);
      why.replaceChildren(...reasons.map(r => h('li', {}, r)));
    } catch (problem) {
      why.replaceChildren(h('li', { class: 'error' }, problem.describe()));
    }
  }

  refresh().catch(problem => element.replaceChildren(h('p', { class: 'error' }, problem.describe ? problem.describe() : String(problem))));
  return { element, refresh };
}

/** Why a lead has no score, as sentences: about the lead first (its scoring job, the window), then model by model. */
function eligibilityReasons(e) {
  const sentence = t => t.charAt(0).toUpperCase() + t.slice(1) + '.';
  const reasons = [...(e.notes || []).map(sentence), ...e.models.flatMap(m => m.reasons.map(r => `${m.name}: ${r}`))];
  if (reasons.length === 0 && e.scoredBy) {
    reasons.push('A model applies: the score appears when its scoring job has run.');
  }
  return reasons.length ? reasons : ['No model is published yet.'];
}

let tipIds = 0;

function reasonList(title, reasons, kind) {
  if (!reasons || reasons.length === 0) return h('div', {}, h('h3', {}, title), h('p', { class: 'muted' }, 'None.'));
  return h('div', {}, h('h3', {}, title),
    h('ul', { class: `reasons ${kind}` }, ...reasons.map(r => {
      const tipId = `tip-${++tipIds}`;
      return h('li', { tabindex: '0', 'aria-describedby': tipId },
        h('span', { class: 'sign', 'aria-hidden': 'true' }, kind === 'positive' ? '▲' : '▼'),
        h('span', {}, r.text),
        h('span', { class: 'tip', role: 'tooltip', id: tipId }, r.insight));
    })));
}

/** The Details pane: every reason and the score over time. */
async function details(lead, score) {
  const [all, history] = await Promise.all([api(`/leads/${lead.id}/score?all=true`), api(`/leads/${lead.id}/score-history`)]);
  const opener = document.activeElement;
  const canvas = h('canvas', { id: 'history-chart', role: 'img', 'aria-label': `Score over time: ${history.json.map(p => p.value).join(', ')}` });
  const closeButton = h('button', { type: 'button', id: 'close-details', onclick: () => close() }, 'Close');
  const rows = [...all.json.positive, ...all.json.negative].sort((a, b) => b.impact - a.impact);
  const pane = h('div', { class: 'pane', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'details-title', onkeydown: e => { if (e.key === 'Escape') close(); } },
    h('div', { class: 'pane-head' }, h('h2', { id: 'details-title' }, `Score details — ${fullName(lead)}`), closeButton),
    h('h3', {}, 'Score over time'),
    h('div', { class: 'chart-box' }, canvas),
    h('h3', {}, 'Every reason'),
    h('div', { class: 'table-wrap' }, h('table', { class: 'reasons-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Reason and insight'), h('th', { scope: 'col', class: 'num' }, 'Points'))),
      h('tbody', {}, ...rows.map(r => h('tr', {},
        h('td', {}, h('div', {}, r.text), h('div', { class: 'muted small' }, r.insight)),
        h('td', { class: 'num impact' }, `${r.impact > 0 ? '+' : ''}${r.impact.toFixed(1)}`)))))));
  document.body.append(pane);
  closeButton.focus();
  const chart = new window.Chart(canvas, {
    type: 'line',
    data: {
      labels: history.json.map(p => new Date(p.scoredOn).toLocaleString()),
      datasets: [{ label: 'Score', data: history.json.map(p => p.value), borderColor: '#0b5cad', backgroundColor: '#0b5cad', stepped: true }],
    },
    options: { animation: false, maintainAspectRatio: false, scales: { y: { min: 0, max: 100 } } },
  });
  function close() {
    chart.destroy();
    pane.remove();
    if (opener) opener.focus();
  }
}

/** The About tab: what the grades mean, which attributes drive the score, or why no model applies. */
async function aboutTab(lead, panel) {
  panel.replaceChildren(h('p', { class: 'muted' }, 'Loading…'));
  if (!lead.score) {
    const reasons = eligibilityReasons((await api(`/leads/${lead.id}/eligibility`)).json);
    panel.replaceChildren(h('h2', {}, 'Why this lead has no score'),
      h('ul', { id: 'why-not-scored' }, ...reasons.map(r => h('li', {}, r))));
    return;
  }
  const f = (await api(`/models/${lead.score.modelId}/factors`)).json;
  const g = f.grades;
  const top = Math.max(...f.factors.map(x => x.share), 0.01);
  panel.replaceChildren(
    h('h2', {}, `Grades of ${f.name} v${f.modelVersion}`),
    h('ul', {},
      h('li', {}, gradeBadge({ grade: 'A' }), ` ${g.A}–100: most likely to qualify`),
      h('li', {}, gradeBadge({ grade: 'B' }), ` ${g.B}–${g.A - 1}`),
      h('li', {}, gradeBadge({ grade: 'C' }), ` ${g.C}–${g.B - 1}`),
      h('li', {}, gradeBadge({ grade: 'D' }), ` 0–${g.C - 1}: least likely`)),
    h('p', {}, 'The score is the probability, in percent, that the lead qualifies, learnt from the closed leads the model was trained on.'),
    h('h2', {}, 'What the score depends on'),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Attribute'), h('th', { scope: 'col' }, 'Influence'))),
      h('tbody', {}, ...f.factors.map(x => h('tr', {}, h('td', {}, x.label),
        h('td', {}, h('meter', { min: 0, max: top, value: x.share, title: `${Math.round(x.share * 100)} %` }), ` ${Math.round(x.share * 100)} %`)))))));
}

// ---------------------------------------------------------------- operations

// how far a running rescore is: its ranges done and leads read, and the servers working on it
function progressText(p) {
  if (!p || !p.ranges) return '';
  const working = Object.entries(p.working).map(([server, n]) => `${server} (${n})`).join(', ');
  return ` — ${p.leadsRead.toLocaleString('en')} leads read, ${p.rangesDone} of ${p.ranges} ranges done`
    + (working ? `; working: ${working}` : '');
}

function operations() {
  const out = h('div', { 'aria-live': 'polite' });
  const start = h('button', { class: 'primary', type: 'button', onclick: async () => {
    start.disabled = true;
    try {
      const { json } = await api('/rescore', { method: 'POST', body: {} });
      const poll = async () => {
        const e = (await api(`/rescore/${json.executionId}`)).json;
        out.replaceChildren(h('p', { class: e.batchStatus === 'FAILED' ? 'error' : '' },
          `Execution ${json.executionId}: ${e.batchStatus}${e.exitStatus ? ` — ${e.exitStatus}` : progressText(e.progress)}`));
        if (/STARTING|STARTED|STOPPING/.test(e.batchStatus)) setTimeout(poll, 1000);
        else start.disabled = false;
      };
      poll();
    } catch (problem) {
      out.replaceChildren(h('p', { class: 'error' }, problem.describe()));
      start.disabled = false;
    }
  } }, 'Rescore every open lead now');
  show(h('h1', {}, 'Operations'),
    h('p', {}, 'Every open lead is rescored daily by the lead-rescore batch job. Start one now:'),
    start, out,
    h('p', {}, 'Follow, stop and restart the rescore, import and training jobs in Liberty\'s ',
      h('a', { href: 'https://' + location.hostname + ':9443/adminCenter/' }, 'Admin Center'), ' (Job Manager).'));
}

// ---------------------------------------------------------------- start

document.getElementById('sign-out').addEventListener('click', async () => {
  try {
    await api('/session', { method: 'DELETE' });
  } finally {
    me = null;
    renderChrome();
    location.hash = '#/signin';
    signIn('You are signed out.');
  }
});
window.addEventListener('hashchange', route);
route();
