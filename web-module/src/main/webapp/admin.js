// Model administration: the list of models, a model's configuration with live validation, training with
// progress, publish / unpublish / roll back, and a version's quality (ROC curve, calibration, confusion matrix).

import { api, h, show, Problem, when } from './app.js';

const fixed = (v, digits = 3) => (v === null || v === undefined ? '—' : Number(v).toFixed(digits));

function statusBadge(status) {
  return h('span', { class: `status status-${status}` }, status);
}

export async function modelList() {
  const { json } = await api('/models');
  const rows = json.value.map(m => h('tr', {},
    h('td', {}, h('a', { href: `#/models/${m.id}` }, m.name)),
    h('td', {}, statusBadge(m.status), m.drift && m.drift.drifting ? h('span', { class: 'status status-DRIFTING' }, 'DRIFTING') : null),
    h('td', { class: 'hide-narrow' }, m.businessProcess || 'Any'),
    h('td', { class: 'hide-narrow wrap' }, m.filter || 'All leads'),
    h('td', { class: 'num' }, m.publishedVersion ? `v${m.publishedVersion}` : '—'),
    h('td', { class: 'num' }, m.metrics ? fixed(m.metrics.auc) : '—'),
    h('td', { class: 'num hide-narrow' }, m.metrics ? String(m.metrics.trainingRows) : '—')));
  show(h('h1', {}, 'Models'),
    h('p', {}, 'One model per business process and filter scores the open leads it selects; when several published models select a lead, the highest priority wins.'),
    h('p', {}, h('a', { class: 'button', href: '#/models/new' }, 'New model')),
    h('div', { class: 'table-wrap' }, h('table', {},
      h('thead', {}, h('tr', {}, ...['Name', 'Status', 'Business process', 'Filter', 'Published', 'AUC', 'Training rows']
        .map((t, i) => h('th', { scope: 'col', class: i === 2 || i === 3 || i === 6 ? 'hide-narrow' : null }, t)))),
      h('tbody', {}, ...rows))));
}

/** A labelled input; `hint` is shown below it and `error` takes the field's validation message. */
function field(id, label, input, hint) {
  const error = h('div', { class: 'error small', id: `${id}-error` });
  input.id = id;
  input.setAttribute('aria-describedby', `${id}-error ${id}-hint`);
  return { row: h('div', {}, h('label', { for: id }, label), input, h('div', { class: 'muted small', id: `${id}-hint` }, hint || ''), error), error, input };
}

export async function modelEditor(id) {
  const [modelReply, attributesReply] = await Promise.all([
    id ? api(`/models/${id}`) : Promise.resolve({ json: null, etag: null }),
    api('/models/attributes'),
  ]);
  let model = modelReply.json;
  let etag = modelReply.etag;
  const config = model || { name: '', businessProcess: null, filter: null, priority: 0, attributes: [],
    grades: { A: 75, B: 50, C: 25 }, trendThreshold: 5, autoRetrainDays: null, trainingWindowDays: 730 };
  // every attribute as the configuration has it: an object such as {path, ignoreEmpty} is written back as it came
  const pathOf = a => (typeof a === 'string' ? a : a.path);
  // "attributes": "auto" lets training choose; pinned and dropped steer it
  const listed = a => (Array.isArray(a) ? a : []);
  const original = new Map(listed(config.attributes).map(a => [pathOf(a), a]));
  const chosen = new Set(original.keys());
  const steer = new Map([...(config.pinned || []).map(p => [p, 'pin']), ...(config.dropped || []).map(p => [p, 'drop'])]);
  const autoBox = h('input', { type: 'checkbox', id: 'm-auto', checked: config.attributes === 'auto' });
  // paths the configuration reads that no lead offers now (an attribute no lead has yet) are shown, not dropped
  const offered = new Set(attributesReply.json.value.map(a => a.path));
  const available = [...attributesReply.json.value,
    ...[...new Set([...original.keys(), ...steer.keys()])].filter(p => !offered.has(p)).map(p => ({ path: p, label: p, unknown: true }))];

  const f = {
    name: field('m-name', 'Name', h('input', { value: config.name, required: true })),
    businessProcess: field('m-bp', 'Business process', h('input', { value: config.businessProcess || '' }), 'Empty: leads of any business process'),
    filter: field('m-filter', 'Filter', h('input', { value: config.filter || '', placeholder: "e.g. industry ne 'Retail'" }), 'Empty: every lead'),
    priority: field('m-priority', 'Priority', h('input', { type: 'number', value: config.priority })),
    gradeA: field('m-grade-a', 'Grade A from', h('input', { type: 'number', min: 1, max: 100, value: config.grades.A })),
    gradeB: field('m-grade-b', 'Grade B from', h('input', { type: 'number', min: 1, max: 100, value: config.grades.B })),
    gradeC: field('m-grade-c', 'Grade C from', h('input', { type: 'number', min: 1, max: 100, value: config.grades.C }), 'Below C: grade D'),
    trendThreshold: field('m-trend', 'Trend threshold (points)', h('input', { type: 'number', min: 0, value: config.trendThreshold })),
    autoRetrainDays: field('m-retrain', 'Retrain every (days)', h('input', { type: 'number', min: 1, value: config.autoRetrainDays ?? '' }), 'Empty: never'),
    trainingWindowDays: field('m-window', 'Train on leads closed in the last (days)', h('input', { type: 'number', min: 1, value: config.trainingWindowDays })),
  };

  // live validation of the filter: the leads it selects, or where it is wrong
  let filterTimer;
  const checkFilter = async () => {
    const text = f.filter.input.value.trim();
    const hint = document.getElementById('m-filter-hint');
    f.filter.error.textContent = '';
    if (!text) {
      hint.textContent = 'Empty: every lead';
      return;
    }
    try {
      const { json } = await api(`/leads?${new URLSearchParams({ filter: text, top: 0, count: 'true' })}`);
      hint.textContent = `Selects ${json.count} leads (open and closed)`;
    } catch (problem) {
      hint.textContent = '';
      f.filter.error.textContent = problem.describe();
    }
  };
  f.filter.input.addEventListener('input', () => { clearTimeout(filterTimer); filterTimer = setTimeout(checkFilter, 400); });

  // attributes picked from those available
  const count = h('span', { class: 'muted' });
  const showCount = () => {
    count.textContent = autoBox.checked
      ? `training chooses; ${[...steer.values()].filter(v => v === 'pin').length} pinned, ${[...steer.values()].filter(v => v === 'drop').length} dropped`
      : `${chosen.size} chosen`;
  };
  const boxes = available.map(a => {
    const box = h('input', { type: 'checkbox', value: a.path, checked: chosen.has(a.path), id: `attr-${a.path}` });
    box.addEventListener('change', () => { if (box.checked) chosen.add(a.path); else chosen.delete(a.path); showCount(); });
    // with "auto": training decides, unless the administrator pins (always) or drops (never) the attribute
    const select = h('select', { class: 'steer', 'aria-label': `${a.label}: with auto`, 'data-steer': a.path },
      h('option', { value: '' }, 'Training decides'), h('option', { value: 'pin' }, 'Always (pin)'),
      h('option', { value: 'drop' }, 'Never (drop)'));
    select.value = steer.get(a.path) || '';
    select.addEventListener('change', () => { if (select.value) steer.set(a.path, select.value); else steer.delete(a.path); showCount(); });
    const kept = original.get(a.path);
    const notes = [a.unknown ? 'no lead has it now' : null, kept && kept.ignoreEmpty ? 'empty values ignored' : null,
      a.autoLeavesOut ? 'auto: only if pinned' : null]
      .filter(Boolean);
    // why auto leaves it out, on hover (the ranking of a trained version says it in full)
    return h('label', { class: 'check', for: `attr-${a.path}`, 'data-path': a.path.toLowerCase(),
      title: a.autoLeavesOut || null }, box, select, ` ${a.label}`,
      h('span', { class: 'muted small' }, ` ${a.path}`),
      notes.length ? h('span', { class: 'small attr-note' }, ` (${notes.join('; ')})`) : null);
  });
  const showMode = () => {
    boxes.forEach(b => {
      b.querySelector('input').hidden = autoBox.checked;
      b.querySelector('select').hidden = !autoBox.checked;
    });
    showCount();
  };
  autoBox.addEventListener('change', showMode);
  showMode();
  const search = h('input', { type: 'search', id: 'attr-search', placeholder: 'Find an attribute' });
  search.addEventListener('input', () => {
    const q = search.value.trim().toLowerCase();
    boxes.forEach(b => { b.hidden = q && !b.textContent.toLowerCase().includes(q); });
  });
  const attributesError = h('div', { class: 'error small', id: 'm-attributes-error' });

  const message = h('div', { 'aria-live': 'polite' });
  const say = (cls, text) => message.replaceChildren(h('p', { class: cls, role: cls === 'error' ? 'alert' : 'status' }, text));
  const fieldFor = { name: f.name, businessProcess: f.businessProcess, filter: f.filter, priority: f.priority,
    'grades/A': f.gradeA, 'grades/B': f.gradeB, 'grades/C': f.gradeC, grades: f.gradeA, trendThreshold: f.trendThreshold,
    autoRetrainDays: f.autoRetrainDays, trainingWindowDays: f.trainingWindowDays };
  const number = input => (input.value.trim() === '' ? null : Number(input.value));

  async function save() {
    Object.values(f).forEach(x => { x.error.textContent = ''; x.input.removeAttribute('aria-invalid'); });
    attributesError.textContent = '';
    const body = {
      name: f.name.input.value.trim(), businessProcess: f.businessProcess.input.value.trim() || null,
      filter: f.filter.input.value.trim() || null, priority: number(f.priority.input) ?? 0,
      // the configuration's own entries first, in its order and as they came; then the newly picked ones
      attributes: autoBox.checked ? 'auto' : [...[...original.keys()].filter(p => chosen.has(p)).map(p => original.get(p)),
        ...available.map(a => a.path).filter(p => chosen.has(p) && !original.has(p))],
      pinned: [...steer.entries()].filter(([, v]) => v === 'pin').map(([p]) => p),
      dropped: [...steer.entries()].filter(([, v]) => v === 'drop').map(([p]) => p),
      grades: { A: number(f.gradeA.input), B: number(f.gradeB.input), C: number(f.gradeC.input) },
      trendThreshold: number(f.trendThreshold.input), autoRetrainDays: number(f.autoRetrainDays.input),
      trainingWindowDays: number(f.trainingWindowDays.input),
    };
    try {
      const reply = model
        ? await api(`/models/${model.id}`, { method: 'PATCH', body, ifMatch: etag })
        : await api('/models', { method: 'POST', body });
      if (!model) {
        location.hash = `#/models/${reply.json.id}`;
        return;
      }
      model = reply.json;
      etag = reply.etag;
      original.clear();
      listed(model.attributes).forEach(a => original.set(pathOf(a), a));
      say('ok', 'Saved. Train the model for the change to take effect.');
      renderStatus();
    } catch (problem) {
      if (!(problem instanceof Problem)) throw problem;
      for (const e of problem.errors) {
        const target = e.field.startsWith('attributes') ? null : fieldFor[e.field];
        if (target) {
          target.error.textContent = e.message;
          target.input.setAttribute('aria-invalid', 'true');
        } else if (e.field.startsWith('attributes')) {
          attributesError.textContent = `${attributesError.textContent} ${e.message}`.trim();
        }
      }
      say('error', problem.status === 412 ? 'Someone changed this model meanwhile; reload it.' : `Not saved: ${problem.describe()}`);
    }
  }

  const statusBox = h('section', { class: 'widget', 'aria-label': 'Status' });
  const versionsBox = h('section', {});
  const chosenBox = h('div', {});

  function renderStatus() {
    if (!model) {
      statusBox.replaceChildren(h('h2', {}, 'New model'), h('p', { class: 'muted' }, 'Save it, then train it.'));
      return;
    }
    const m = model.metrics;
    const act = (label, path, confirmText) => h('button', { type: 'button', onclick: async () => {
      if (confirmText && !window.confirm(confirmText)) return;
      try {
        await api(`/models/${model.id}/${path}`, { method: 'POST' });
        await refresh();
        say('ok', `${label}: done.`);
      } catch (problem) {
        say('error', problem.describe());
      }
    } }, label);
    statusBox.replaceChildren(...[
      h('h2', {}, 'Status'),
      h('p', {}, statusBadge(model.status), model.publishedVersion ? ` Version ${model.publishedVersion} scores leads.` : ' No version scores leads.'),
      model.error ? h('p', { class: 'error' }, model.error) : null,
      model.status === 'TRAINING' ? h('p', { role: 'status', id: 'training-progress' }, `Training since ${when(model.trainingStartedOn)}…`) : null,
      m ? h('dl', { class: 'metrics' },
        h('dt', {}, 'AUC'), h('dd', {}, fixed(m.auc)),
        h('dt', {}, 'Log loss'), h('dd', {}, fixed(m.logLoss)),
        h('dt', {}, 'Brier'), h('dd', {}, fixed(m.brier)),
        h('dt', {}, 'Calibration error'), h('dd', {}, fixed(m.ece)),
        h('dt', {}, 'Trained on'), h('dd', {}, `${m.trainingRows} leads (${m.qualified} qualified), version ${m.modelVersion}`),
        m.allHistory ? h('dd', { class: 'muted small note' }, `Metrics measured on the newest ${m.evaluationRows} by a network that never learned from them; the version learned from them too.`) : null) : null,
      m ? leakageWarnings(m) : null,
      model.publishedVersion ? driftStatus(model.drift) : null,
      h('div', { class: 'actions' },
        h('button', { type: 'button', class: 'primary', id: 'train', disabled: model.status === 'TRAINING', onclick: train }, 'Train'),
        model.latestVersion && model.latestVersion !== model.publishedVersion ? act('Publish', 'publish') : null,
        model.publishedVersion ? act('Unpublish', 'unpublish', 'Stop scoring leads with this model?') : null,
        model.publishedVersion ? act('Check drift now', 'drift') : null),
    ].filter(Boolean));
    // what "auto" chose, full width below the form: a table with reasons needs the room
    chosenBox.replaceChildren(...(m && m.attributeRanking ? [chosenAttributes(m)] : []));
  }

  /** What "auto" chose for the version, with each attribute's reason, and buttons to pin or drop it. */
  function chosenAttributes(m) {
    const steerTo = async (path, kind) => {
      const pinned = (model.pinned || []).filter(p => p !== path);
      const dropped = (model.dropped || []).filter(p => p !== path);
      (kind === 'pin' ? pinned : dropped).push(path);
      try {
        const reply = await api(`/models/${model.id}`, { method: 'PATCH', body: { pinned, dropped }, ifMatch: etag });
        model = reply.json;
        etag = reply.etag;
        steer.clear();
        pinned.forEach(p => steer.set(p, 'pin'));
        dropped.forEach(p => steer.set(p, 'drop'));
        boxes.forEach(b => { const x = b.querySelector('select'); x.value = steer.get(x.dataset.steer) || ''; });
        showCount();
        renderStatus();
        say('ok', `${kind === 'pin' ? 'Pinned' : 'Dropped'} ${path}. Train the model for the change to take effect.`);
      } catch (problem) {
        say('error', problem.describe());
      }
    };
    const rows = m.attributeRanking.filter((r, i) => r.chosen || i < 15);
    return h('section', { id: 'chosen-attributes' },
      h('h2', {}, `Attributes training chose (version ${m.modelVersion})`),
      h('p', { class: 'muted small' }, 'Ranked by what each tells alone about the outcome on the closed leads. Pin one to '
        + 'keep it whatever the ranking says, drop one to leave it out; train again for the change to take effect.'),
      h('div', { class: 'table-wrap' }, h('table', {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Attribute'), h('th', { scope: 'col' }, 'Chosen'),
          h('th', { scope: 'col' }, 'Why'), h('th', { scope: 'col' }, ''))),
        h('tbody', {}, ...rows.map(r => h('tr', { 'data-path': r.path },
          h('td', {}, r.label, h('div', { class: 'muted small' }, r.path)),
          h('td', {}, r.chosen ? 'yes' : 'no'),
          h('td', { class: 'small' }, r.why),
          h('td', {},
            (model.pinned || []).includes(r.path) ? null : h('button', { type: 'button', class: 'pin', onclick: () => steerTo(r.path, 'pin') }, 'Pin'),
            (model.dropped || []).includes(r.path) ? null : h('button', { type: 'button', class: 'drop', onclick: () => steerTo(r.path, 'drop') }, 'Drop'))))))));
  }

  async function train() {
    try {
      await api(`/models/${model.id}/train`, { method: 'POST' });
    } catch (problem) {
      say('error', problem.describe());
      return;
    }
    const started = Date.now();
    say('muted', 'Training started.');
    for (;;) {
      await refresh();
      if (model.status !== 'TRAINING') break;
      const progress = document.getElementById('training-progress');
      if (progress) progress.textContent = `Training… ${Math.round((Date.now() - started) / 1000)} s`;
      await new Promise(r => setTimeout(r, 1000));
    }
    say(model.status === 'FAILED' ? 'error' : 'ok', model.status === 'FAILED' ? `Training failed: ${model.error}`
      : `Trained version ${model.latestVersion}: AUC ${fixed(model.metrics && model.metrics.auc)}.`);
  }

  async function refresh() {
    const r = await api(`/models/${model.id}`);
    model = r.json;
    etag = r.etag;
    renderStatus();
    await renderVersions();
  }

  async function renderVersions() {
    if (!model) return;
    const { json } = await api(`/models/${model.id}/versions`);
    versionsBox.replaceChildren(h('h2', {}, 'Versions'), json.value.length === 0 ? h('p', { class: 'muted' }, 'Not trained yet.')
      : h('div', { class: 'table-wrap' }, h('table', { class: 'versions' },
        h('thead', {}, h('tr', {}, ...['Version', 'AUC', ''].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, ...json.value.map(v => h('tr', {},
          h('td', {}, h('div', {}, `v${v.version}`, v.published ? ' (published)' : ''),
            h('div', { class: 'muted small' }, `${when(v.trainedOn)}, ${v.metrics.trainingRows} leads`)),
          h('td', { class: 'num' }, fixed(v.metrics.auc)),
          h('td', {}, h('a', { href: `#/models/${model.id}/versions/${v.version}` }, 'Quality'), ' ',
            v.published ? null : h('button', { type: 'button', onclick: async () => {
              try {
                await api(`/models/${model.id}/versions/${v.version}/publish`, { method: 'POST' });
                await refresh();
                say('ok', `Version ${v.version} publishes now.`);
              } catch (problem) {
                say('error', problem.describe());
              }
            } }, v.version < (model.publishedVersion || 0) ? 'Roll back to it' : 'Publish it'))))))));
  }

  show(h('p', {}, h('a', { href: '#/models' }, '← Models')),
    h('h1', {}, model ? model.name : 'New model'),
    h('div', { class: 'lead' },
      h('form', { onsubmit: e => { e.preventDefault(); save(); } },
        h('div', { class: 'fields' }, f.name.row, f.businessProcess.row, f.priority.row),
        h('div', { class: 'fields' }, h('div', { class: 'span-all' }, f.filter.row)),
        h('h2', {}, 'Attributes ', count),
        h('label', { class: 'check', for: 'm-auto' }, autoBox, ' Let training choose the attributes (auto): it ranks every '
          + 'attribute on the closed leads and keeps those that help, leaving out any that may leak the outcome'),
        search, attributesError,
        h('div', { class: 'checks' }, ...boxes),
        h('h2', {}, 'Grades and trend'),
        h('div', { class: 'fields' }, f.gradeA.row, f.gradeB.row, f.gradeC.row, f.trendThreshold.row),
        h('h2', {}, 'Training'),
        h('div', { class: 'fields' }, f.autoRetrainDays.row, f.trainingWindowDays.row),
        h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary', id: 'save-model' }, 'Save')),
        message),
      h('div', {}, statusBox, versionsBox)),
    chosenBox);
  renderStatus();
  if (config.filter) checkFilter();
  await renderVersions();
  if (model && model.status === 'TRAINING') {
    // a training started elsewhere: follow it
    while (model.status === 'TRAINING' && document.body.contains(statusBox)) {
      await new Promise(r => setTimeout(r, 1000));
      await refresh();
    }
  }
}

/** The last drift check of the published version: stable or drifting, the score's PSI and the attributes that moved. */
function driftStatus(d) {
  if (!d) return h('p', { class: 'muted small', id: 'drift' }, 'Drift: not checked yet (every day at 04:10).');
  const moved = d.attributes.map(a => `${a.path} (${a.psi.toFixed(2)})`).join(', ');
  return h('div', { id: 'drift', class: d.drifting ? 'warnings' : null },
    h('p', {}, h('strong', {}, d.drifting ? 'Drifting: ' : 'Stable: '),
      `today's ${d.leads} open leads against the training leads of v${d.version}`,
      d.scorePsi == null ? '' : `; score PSI ${d.scorePsi.toFixed(2)}`,
      moved ? `; moved: ${moved}` : '; no attribute moved', '.'),
    h('p', { class: 'muted small' }, `Checked ${when(d.checkedOn)}. PSI 0.1–0.25 is a moderate shift, 0.25 or more a `
      + 'shift to act on' + (d.drifting ? ': train the model again (with auto-retrain, that happens within a day).' : '.')));
}

/** Attributes training found that may know the outcome, with the figures that show why (null when none). */
function leakageWarnings(m) {
  if (!m.warnings || m.warnings.length === 0) return null;
  return h('section', { class: 'warnings', id: 'leakage-warnings', role: 'note' },
    h('h3', {}, 'Attributes that may leak the outcome'),
    h('ul', {}, ...m.warnings.map(w => h('li', {}, `${w.text}.`))),
    h('p', { class: 'muted small' }, 'A model that learns from them scores well on closed leads and badly on open ones. '
      + 'Remove them from the attributes unless you know they are filled in before a lead closes.'));
}

export async function modelQuality(id, version) {
  const [{ json: model }, { json: v }] = await Promise.all([api(`/models/${id}`), api(`/models/${id}/versions/${version}`)]);
  const m = v.metrics;
  const c = m.confusion;
  const roc = h('canvas', { id: 'roc-chart', role: 'img', 'aria-label': `ROC curve, area ${fixed(m.auc)}` });
  const calibration = h('canvas', { id: 'calibration-chart', role: 'img', 'aria-label': `Calibration plot, expected calibration error ${fixed(m.ece)}` });
  show(h('p', {}, h('a', { href: `#/models/${id}` }, `← ${model.name}`)),
    h('h1', {}, `${model.name} v${version}: quality`),
    h('p', { id: 'measured-on' }, m.allHistory
      ? `Measured on the newest ${m.evaluationRows} closed leads by a network that learned from the older ${m.trainingRows - m.evaluationRows} only; the version that scores learned from all ${m.trainingRows} (${when(v.trainedOn)}), the newest included.`
      : `Measured on ${m.evaluationRows ?? m.rows} closed leads the version did not train on (trained on ${m.trainingRows}, ${when(v.trainedOn)}).`),
    m.treesUnavailable ? h('p', { id: 'teachers', class: 'muted' }, `The network that scores learned from networks alone: ${m.treesUnavailable}.`) : null,
    m.treeRounds ? h('p', { id: 'teachers', class: 'muted' }, m.treeShare > 0
      ? `The network that scores learned from networks and gradient-boosted trees (${m.treeRounds} rounds), blended ${Math.round((1 - m.treeShare) * 100)} % networks and ${Math.round(m.treeShare * 100)} % trees, the mix that predicted the held-out leads best.`
      : `Gradient-boosted trees (${m.treeRounds} rounds) predicted the held-out leads no better than the networks: the network that scores learned from the networks alone.`) : null,
    leakageWarnings(m),
    h('dl', { class: 'metrics' },
      h('dt', {}, 'AUC'), h('dd', {}, fixed(m.auc)), h('dt', {}, 'Log loss'), h('dd', {}, fixed(m.logLoss)),
      h('dt', {}, 'Brier score'), h('dd', {}, fixed(m.brier)), h('dt', {}, 'Expected calibration error'), h('dd', {}, fixed(m.ece)),
      h('dt', {}, 'Accuracy'), h('dd', {}, fixed(m.accuracy)), h('dt', {}, 'Precision / recall'), h('dd', {}, `${fixed(m.precision)} / ${fixed(m.recall)}`)),
    h('div', { class: 'charts' },
      h('section', {}, h('h2', {}, 'ROC curve'), h('div', { class: 'chart-box square' }, roc)),
      h('section', {}, h('h2', {}, 'Calibration'), h('div', { class: 'chart-box square' }, calibration))),
    h('h2', {}, `Confusion matrix at score ${Math.round(m.threshold * 100)}`),
    h('table', { class: 'confusion' },
      h('thead', {}, h('tr', {}, h('td', {}), h('th', { scope: 'col' }, 'Predicted qualified'), h('th', { scope: 'col' }, 'Predicted disqualified'))),
      h('tbody', {},
        h('tr', {}, h('th', { scope: 'row' }, 'Qualified'), h('td', { class: 'num' }, String(c.truePositives)), h('td', { class: 'num' }, String(c.falseNegatives))),
        h('tr', {}, h('th', { scope: 'row' }, 'Disqualified'), h('td', { class: 'num' }, String(c.falsePositives)), h('td', { class: 'num' }, String(c.trueNegatives))))));
  const axis = title => ({ type: 'linear', min: 0, max: 1, title: { display: true, text: title } });
  new window.Chart(roc, {
    type: 'scatter',
    data: { datasets: [
      { label: `Model (AUC ${fixed(m.auc)})`, data: m.roc.map(([x, y]) => ({ x, y })), showLine: true, pointRadius: 0, borderColor: '#0b5cad' },
      { label: 'Chance', data: [{ x: 0, y: 0 }, { x: 1, y: 1 }], showLine: true, pointRadius: 0, borderColor: '#8c959f', borderDash: [4, 4] },
    ] },
    options: { animation: false, maintainAspectRatio: false, scales: { x: axis('False positive rate'), y: axis('True positive rate') } },
  });
  new window.Chart(calibration, {
    type: 'scatter',
    data: { datasets: [
      { label: 'Model', data: m.calibration.filter(b => b.rows > 0).map(b => ({ x: b.meanPredicted, y: b.observedRate })), showLine: true, borderColor: '#1a7f37', backgroundColor: '#1a7f37' },
      { label: 'Perfectly calibrated', data: [{ x: 0, y: 0 }, { x: 1, y: 1 }], showLine: true, pointRadius: 0, borderColor: '#8c959f', borderDash: [4, 4] },
    ] },
    options: { animation: false, maintainAspectRatio: false, scales: { x: axis('Predicted probability'), y: axis('Observed qualification rate') } },
  });
}
