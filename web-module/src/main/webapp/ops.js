// Operations pages: system jobs (the asynchronous plugin executions), plugin steps, and CSV imports.

import { api, h, show, when, PAGE } from './app.js';


/** System jobs: filter by status, retry a failed one, cancel a waiting one. */
export async function systemJobs() {
  const state = { status: 'Failed', skip: 0 };
  const status = h('select', { id: 'job-status' }, ...['Failed', 'Waiting', 'InProgress', 'Succeeded', 'Canceled', '']
    .map(s => h('option', { value: s, selected: s === state.status }, s || 'Any status')));
  const summary = h('p', { class: 'muted', 'aria-live': 'polite' });
  const message = h('div', { 'aria-live': 'polite' });
  const tbody = h('tbody');
  const pager = h('div', { class: 'pager' });

  async function act(job, action) {
    try {
      await api(`/system-jobs/${job.id}/${action}`, { method: 'POST' });
      message.replaceChildren(h('p', { class: 'ok', role: 'status' }, `${action === 'retry' ? 'Retrying' : 'Canceled'} the ${job.plugin} job of ${job.entityId}.`));
      await load();
    } catch (problem) {
      message.replaceChildren(h('p', { class: 'error', role: 'alert' }, problem.describe()));
    }
  }

  async function load() {
    const params = new URLSearchParams({ top: PAGE, skip: state.skip, count: 'true', orderBy: 'createdOn desc' });
    if (state.status) params.set('filter', `status eq '${state.status}'`);
    const page = (await api(`/system-jobs?${params}`)).json;
    tbody.replaceChildren(...page.value.map(j => h('tr', {},
      h('td', {}, j.plugin), h('td', {}, j.message),
      h('td', { class: 'hide-narrow' }, j.entityId),
      h('td', {}, h('span', { class: `status job-${j.status}` }, j.status)),
      h('td', { class: 'num' }, String(j.attempts)),
      h('td', { class: 'hide-narrow' }, when(j.createdOn)),
      h('td', { class: 'hide-narrow' }, j.server || ''),
      h('td', { class: 'wrap error-cell' }, j.error || ''),
      h('td', {},
        j.status === 'Failed' || j.status === 'Canceled' ? h('button', { type: 'button', onclick: () => act(j, 'retry') }, 'Retry') : null,
        j.status === 'Waiting' ? h('button', { type: 'button', onclick: () => act(j, 'cancel') }, 'Cancel') : null))));
    if (page.value.length === 0) tbody.append(h('tr', {}, h('td', { colspan: 9, class: 'muted' }, 'No jobs.')));
    summary.textContent = `${page.count} ${state.status ? state.status.toLowerCase() : ''} jobs`.replace('  ', ' ');
    pager.replaceChildren(
      h('button', { type: 'button', disabled: state.skip === 0, onclick: () => { state.skip -= PAGE; load(); } }, '← Previous'),
      h('button', { type: 'button', disabled: state.skip + PAGE >= page.count, onclick: () => { state.skip += PAGE; load(); } }, 'Next →'));
  }
  status.addEventListener('change', () => { state.status = status.value; state.skip = 0; load(); });

  show(h('h1', {}, 'System jobs'),
    h('p', {}, 'Each asynchronous plugin execution (the lead scoring after a save, for one) is a system job. Failed jobs were retried four times before they stopped.'),
    h('div', { class: 'toolbar' }, h('div', {}, h('label', { for: 'job-status' }, 'Status'), status)),
    summary, message,
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ...['Plugin', 'Message', 'Record', 'Status', 'Attempts', 'Created', 'Server', 'Error', '']
        .map((t, i) => h('th', { scope: 'col', class: i === 2 || i === 5 || i === 6 ? 'hide-narrow' : null }, t)))),
      tbody)),
    pager);
  await load();
}

/** Plugin steps in pipeline order; administrators enable, disable and rank them. */
export async function pluginSteps(mayChange) {
  const message = h('div', { 'aria-live': 'polite' });
  const tbody = h('tbody');

  async function change(step, patch, what) {
    try {
      await api(`/plugin-steps/${step.id}`, { method: 'PATCH', body: patch });
      message.replaceChildren(h('p', { class: 'ok', role: 'status' }, `${step.plugin} on ${step.message}: ${what}.`));
      await load();
    } catch (problem) {
      message.replaceChildren(h('p', { class: 'error', role: 'alert' }, problem.describe()));
    }
  }

  async function load() {
    const { json } = await api('/plugin-steps');
    tbody.replaceChildren(...json.value.map(s => {
      const rank = h('input', { type: 'number', min: 1, value: s.rank, 'aria-label': `Rank of ${s.plugin} on ${s.message}`, class: 'rank', disabled: !mayChange });
      rank.addEventListener('change', () => { if (rank.value.trim()) change(s, { rank: Number(rank.value) }, `rank ${rank.value}`); });
      return h('tr', {},
        h('td', {}, s.plugin, s.declared ? h('span', { class: 'muted small' }, ' (declared)') : null),
        h('td', {}, `${s.message} ${s.entity}`), h('td', {}, s.stage), h('td', {}, s.mode),
        h('td', { class: 'hide-narrow' }, (s.filteringAttributes || []).join(', ')),
        h('td', {}, rank),
        h('td', {}, s.enabled ? (s.active ? 'Enabled' : 'Enabled, plugin not loaded') : 'Disabled'),
        h('td', {}, mayChange ? h('button', { type: 'button', onclick: () => change(s, { enabled: !s.enabled }, s.enabled ? 'disabled' : 'enabled') },
          s.enabled ? 'Disable' : 'Enable') : null));
    }));
  }

  show(h('h1', {}, 'Plugin steps'),
    h('p', {}, 'Every save of a lead, account or contact runs these steps, by stage and then rank.',
      mayChange ? '' : ' Only administrators change them.'),
    message,
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ...['Plugin', 'Message', 'Stage', 'Mode', 'Filtering attributes', 'Rank', 'State', '']
        .map((t, i) => h('th', { scope: 'col', class: i === 4 ? 'hide-narrow' : null }, t)))),
      tbody)));
  await load();
}

/** CSV import: upload, follow the progress, and read every rejected row. */
export function leadImport(importId) {
  const file = h('input', { type: 'file', id: 'csv-file', accept: '.csv,text/csv', required: true });
  const businessProcess = h('input', { id: 'csv-bp', placeholder: 'e.g. Standard' });
  const progress = h('div', { 'aria-live': 'polite', id: 'import-progress' });
  const errors = h('div');

  async function follow(id) {
    for (;;) {
      const { json } = await api(`/imports/${id}`);
      progress.replaceChildren(h('p', { class: json.status === 'Failed' ? 'error' : json.status === 'Completed' ? 'ok' : '', role: 'status' },
        `Import ${json.status.toLowerCase()}: ${json.rowsRead} rows read, ${json.rowsImported} imported`
        + (json.rowsUpdated || json.rowsUnchanged // a file with externalSource and externalId upserts by that key
          ? ` (${json.rowsCreated} created, ${json.rowsUpdated} updated), ${json.rowsUnchanged} unchanged` : '')
        + `, ${json.rowsRejected} rejected`
        + (json.error ? ` — ${json.error}` : '')));
      errors.replaceChildren(...(json.errors.length === 0 ? [] : [h('h2', {}, 'Rejected rows'),
        h('div', { class: 'table-wrap' }, h('table', { id: 'rejected' },
          h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Row'), h('th', { scope: 'col' }, 'Why'))),
          h('tbody', {}, ...json.errors.map(e => h('tr', {}, h('td', { class: 'num' }, String(e.row)),
            h('td', { class: 'wrap' }, e.message))))))]));
      if (json.status !== 'Waiting' && json.status !== 'Running') return;
      await new Promise(r => setTimeout(r, 1000));
    }
  }

  const form = h('form', { onsubmit: async e => {
    e.preventDefault();
    if (!file.files.length) return;
    const params = new URLSearchParams();
    if (businessProcess.value.trim()) params.set('businessProcess', businessProcess.value.trim());
    try {
      const { json } = await api(`/imports?${params}`, { method: 'POST', file: file.files[0], contentType: 'text/csv' });
      history.replaceState(null, '', `#/import/${json.id}`);
      await follow(json.id);
    } catch (problem) {
      progress.replaceChildren(h('p', { class: 'error', role: 'alert' }, problem.describe()));
    }
  } },
  h('div', { class: 'fields' },
    h('div', {}, h('label', { for: 'csv-file' }, 'CSV file (header row, up to 100 MB)'), file),
    h('div', {}, h('label', { for: 'csv-bp' }, 'Business process (optional)'), businessProcess)),
  h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'start-import' }, 'Import')));

  show(h('h1', {}, 'Import leads'),
    h('p', {}, 'Columns named like lead fields (Last Name, Email, Company Name, Industry, Source, Status, Created On…) map to them; the others become custom attributes. Each row is checked as the API checks a lead: bad rows are listed with the reason, the others are imported and scored.'),
    form, progress, errors);
  if (importId) follow(importId);
}
