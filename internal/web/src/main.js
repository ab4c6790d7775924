// mitra's web page: the network of states for a period, a pair's timeline
// and events, a map of one country's relations, the event list with
// filters, each event's source page with its evidence highlighted, and a
// box that extracts events from a pasted page. It talks only to the JSON
// API of the server that serves it. The state lives in the URL's fragment
// (#tab=…&from=…&to=…&pair=A,B&focus=…&lang=…), so every view can be
// linked to.

import { t, setLang, lang, langName, apply, TYPES, CONTEXTS } from './i18n.js';
import { h, api, toast, partyName, scoreColour, fmtScore, fmtDate, webURL } from './util.js';
import { evItem, evRow, markText, byCluster, reviewHooks, summaryOf } from './render.js';
import { NetworkView, maxEdges } from './network.js';
import { Timeline, WorldMap } from './charts.js';
import { ShiftsView } from './shifts.js';
import { keepParams, showLeftOut } from './leftout.js';
import { Review } from './review.js';

const $ = (id) => document.getElementById(id);

const state = {
  tab: 'network', from: '', to: '', pair: null, focus: '', period: 'month', node: null, allEdges: false,
  undated: 'pub', minConf: 0,
};
const parties = new Map(); // code → {code, name_id, name_en, events}
let stats = null;
let net = null; // the last /api/network answer, for the current period
const name = (code) => partyName(parties, code);

const netView = new NetworkView($('net'), {
  onEdge: (a, b) => openPair(a, b),
  onNode: (code) => { state.node = code; renderSideList(); },
});
const timeline = new Timeline($('pair-chart'));
const worldMap = new WorldMap($('map'), (code) => openPair(state.focus, code));
const review = new Review({ onChange: (x) => afterReview(x), partyName: name });
reviewHooks.controls = (e) => review.controls(e);
reviewHooks.badge = (e) => review.badge(e);
const shiftsView = new ShiftsView($('shift-chart'), $('shift-list'), $('shift-note'), { parties, name, openDoc: (e) => openDoc(e) });

// ---- the URL fragment -------------------------------------------------

function readHash() {
  const q = new URLSearchParams(location.hash.slice(1));
  if (['network', 'map', 'shifts', 'events', 'paste'].includes(q.get('tab'))) state.tab = q.get('tab');
  state.from = q.get('from') || state.from;
  state.to = q.get('to') || state.to;
  const pair = (q.get('pair') || '').split(',');
  state.pair = pair.length === 2 && pair[0] && pair[1] ? pair : null;
  state.focus = q.get('focus') || state.focus;
  if (['pub', 'date', 'ingest', 'any'].includes(q.get('undated'))) state.undated = q.get('undated');
  if (q.has('conf')) state.minConf = Math.min(1, Math.max(0, Number(q.get('conf')) || 0));
  if (q.get('lang')) setLang(q.get('lang'));
}

function writeHash() {
  const q = new URLSearchParams();
  q.set('tab', state.tab);
  if (state.from) q.set('from', state.from);
  if (state.to) q.set('to', state.to);
  if (state.pair) q.set('pair', state.pair.join(','));
  if (state.focus) q.set('focus', state.focus);
  if (state.undated !== 'pub') q.set('undated', state.undated);
  if (state.minConf) q.set('conf', String(state.minConf));
  q.set('lang', lang());
  const s = '#' + q.toString();
  if (location.hash !== s) history.replaceState(null, '', s);
}

// ---- tabs, language, period ------------------------------------------

function showTab(tab) {
  state.tab = tab;
  document.body.dataset.active = tab;
  for (const b of document.querySelectorAll('button[data-tab]')) b.setAttribute('aria-selected', String(b.dataset.tab === tab));
  for (const v of document.querySelectorAll('.view')) v.hidden = v.dataset.view !== tab;
  $('side').hidden = !(tab === 'network' || tab === 'map');
  writeHash();
  if (tab === 'network') netView.resize();
  if (tab === 'map') renderMap();
  if (tab === 'shifts') renderShifts();
  if (tab === 'events' && !$('events-table').dataset.loaded) loadEvents(false);
  timeline.resize();
}

function switchLang(l) {
  setLang(l);
  try { localStorage.setItem('mitra.lang', l); } catch { /* private mode */ }
  for (const b of document.querySelectorAll('[data-lang]')) b.setAttribute('aria-pressed', String(b.dataset.lang === lang()));
  apply();
  fillSelects();
  renderStats();
  if (review.available) review.label();
  netView.relabel(name);
  renderNetMore();
  renderSideList();
  if (state.pair) openPair(...state.pair, { keepList: true });
  if (state.tab === 'map') renderMap();
  shiftsView.render();
  rerenderEvents();
  writeHash();
}

function renderStats() {
  if (!stats) return;
  const reads = (stats.reads || []).map(langName).join(', ');
  $('stats').textContent = `${stats.documents} ${t('pages')} · ${stats.events} ${t('events')}` +
    (reads ? ` · ${t('reads', { l: reads })}` : '');
}

async function setPeriod(from, to) {
  state.from = from;
  state.to = to;
  $('period-from').value = from;
  $('period-to').value = to;
  writeHash();
  await loadNetwork();
}

// ---- network, side panel and pairs -------------------------------------

async function loadNetwork() {
  try {
    net = await api('/api/network', { from: state.from, to: state.to, ...keepParams(state) });
  } catch (err) {
    toast(`${t('error')}: ${err.message}`, err);
    return;
  }
  drawNetwork();
  for (const id of ['net-left', 'map-left']) showLeftOut($(id), net.left_out, includers);
  if (!state.focus || !net.nodes.some((n) => n.code === state.focus)) {
    const top = [...net.nodes].sort((a, b) => b.events - a.events).find((n) => /^[A-Z]{3}$/.test(n.code));
    state.focus = top ? top.code : '';
  }
  renderSideList();
  if (state.tab === 'map') renderMap();
  if (state.tab === 'shifts') renderShifts();
  if (state.pair) openPair(...state.pair, { keepList: true });
}

// drawNetwork draws net; a dense one shows only its strongest edges until
// asked for all (see renderNetMore).
function drawNetwork() {
  netView.show(net, name, { all: state.allEdges });
  renderNetMore();
}

// renderNetMore says how many of a dense network's edges are drawn, with a
// button to draw them all (or the strongest only again).
function renderNetMore() {
  const box = $('net-more');
  box.replaceChildren();
  if (!net || netView.total <= maxEdges) return;
  const text = state.allEdges ? t('net.all', { total: netView.total }) : t('net.some', { shown: netView.shown, total: netView.total });
  const btn = h('button', { type: 'button', class: 'link', onclick: () => { state.allEdges = !state.allEdges; drawNetwork(); } },
    state.allEdges ? t('net.showFewer', { n: maxEdges }) : t('net.showAll'));
  box.append(text + ' · ', btn);
}

// renderSideList lists pairs by count: all of them, or a focused state's
// partners (the map's country, or the network's selected node).
function renderSideList() {
  const box = $('side-list');
  box.replaceChildren();
  if (!net) return;
  const who = state.tab === 'map' ? state.focus : state.node;
  let edges = [...net.edges];
  if (who) edges = edges.filter((e) => e.source === who || e.target === who);
  edges.sort((a, b) => b.count - a.count || a.source.localeCompare(b.source));
  box.append(h('h2', null, who ? t('side.relations', { p: name(who) }) : t('side.pairs')));
  if (edges.length === 0) {
    box.append(h('p', { class: 'muted' }, net.edges.length ? t('side.none') : t('net.empty')));
    return;
  }
  const maxN = Math.max(...edges.map((e) => e.count));
  const ol = h('ol', { class: 'pairs', id: 'pair-list' });
  for (const e of edges.slice(0, 60)) {
    ol.append(h('li', null, h('button', {
      type: 'button', dataset: { pair: `${e.source},${e.target}` }, onclick: () => openPair(e.source, e.target),
    },
    h('span', { class: 'pname' }, `${name(e.source)} – ${name(e.target)}`),
    h('span', { class: 'bar' }, h('span', { style: `width:${Math.max(4, (100 * e.count) / maxN)}%;background:${scoreColour(e.score)}` })),
    h('span', { class: 'pn' }, `${e.count} · ${fmtScore(e.score)}`))));
  }
  box.append(ol);
}

let pairToken = 0;
let pairNext = null;
let pairEvents = [];

function renderPairEvents() {
  $('pair-events').replaceChildren(...byCluster(pairEvents).map(({ e, more }) => evItem(e, parties, openDoc, more)));
}

async function openPair(a, b, { keepList } = {}) {
  state.pair = [a, b];
  writeHash();
  netView.select(a, b);
  const my = ++pairToken;
  $('side-list').hidden = true;
  $('pair').hidden = false;
  $('pair-title').textContent = `${name(a)} – ${name(b)}`;
  $('pair').dataset.pair = `${a},${b}`;
  $('pair').dataset.state = 'loading';
  for (const btn of document.querySelectorAll('[data-period]')) btn.setAttribute('aria-pressed', String(btn.dataset.period === state.period));
  const edge = net && net.edges.find((e) => (e.source === a && e.target === b) || (e.source === b && e.target === a));
  $('pair-summary').textContent = edge ? t('pair.summary', { n: edge.count, s: fmtScore(edge.score) }) : '';
  try {
    const [series, evs] = await Promise.all([
      api(`/api/pairs/${encodeURIComponent(a)}/${encodeURIComponent(b)}/series`, { period: state.period, min_confidence: state.minConf || null }),
      api('/api/events', { pair: `${a},${b}`, from: state.from, to: state.to, limit: 50, ...keepParams(state) }),
    ]);
    if (my !== pairToken) return;
    timeline.show(series, [state.from, state.to]);
    const ol = $('pair-events');
    pairEvents = evs.events;
    renderPairEvents();
    showLeftOut($('pair-left'), evs.left_out, includers);
    if (evs.events.length === 0) ol.append(h('li', { class: 'muted' }, t('pair.none')));
    pairNext = evs.next_offset != null ? { offset: evs.next_offset, a, b } : null;
    $('pair-more').hidden = !pairNext;
    $('pair').dataset.state = 'ready';
  } catch (err) {
    if (my === pairToken) toast(`${t('error')}: ${err.message}`, err);
  }
  if (!keepList) $('pair').scrollTop = 0;
}

async function morePair() {
  if (!pairNext) return;
  const { a, b, offset } = pairNext;
  try {
    const evs = await api('/api/events', { pair: `${a},${b}`, from: state.from, to: state.to, limit: 50, offset, ...keepParams(state) });
    pairEvents = pairEvents.concat(evs.events);
    renderPairEvents();
    pairNext = evs.next_offset != null ? { offset: evs.next_offset, a, b } : null;
    $('pair-more').hidden = !pairNext;
  } catch (err) {
    toast(`${t('error')}: ${err.message}`, err);
  }
}

function closePair() {
  state.pair = null;
  pairToken++;
  $('pair').hidden = true;
  $('side-list').hidden = false;
  if (netView.cy) netView.cy.elements().unselect();
  writeHash();
}

// ---- map ---------------------------------------------------------------

async function renderMap() {
  if (!net) return;
  const sel = $('map-focus');
  if (sel.value !== state.focus) sel.value = state.focus;
  const rows = [];
  for (const e of net.edges) {
    if (e.source === state.focus) rows.push({ code: e.target, count: e.count, score: e.score });
    else if (e.target === state.focus) rows.push({ code: e.source, count: e.count, score: e.score });
  }
  try {
    await worldMap.show(state.focus, rows, name);
  } catch (err) {
    toast(`${t('error')}: ${err.message}`, err);
  }
  renderSideList();
}

// ---- left out ------------------------------------------------------------

// setKeep changes where undated events fall and the confidence threshold,
// and reloads the views that depend on them.
async function setKeep(undated, minConf) {
  state.undated = undated;
  state.minConf = minConf;
  $('undated').value = undated;
  $('min-conf').value = String(minConf);
  writeHash();
  if ($('events-table').dataset.loaded) loadEvents(false);
  await loadNetwork(); // reopens the pair
}

// includers are what the "include them" buttons of a left-out note do.
const includers = {
  onUndated: () => setKeep('any', state.minConf),
  onOutside: () => $('period-all').click(),
  onLow: () => setKeep(state.undated, 0),
};

// ---- shifts ------------------------------------------------------------

async function renderShifts() {
  if (!state.focus) return;
  const sel = $('shift-focus');
  if (sel.value !== state.focus) sel.value = state.focus;
  try {
    await shiftsView.show(state.focus, state.from, state.to);
  } catch (err) {
    toast(`${t('error')}: ${err.message}`, err);
  }
}

// ---- events list -------------------------------------------------------

let evNext = null;
let evShown = [];

function filterParams() {
  const fd = new FormData($('filters'));
  const p = {};
  for (const [k, v] of fd.entries()) if (String(v).trim()) p[k] = String(v).trim();
  return p;
}

async function loadEvents(more) {
  const params = { ...keepParams(state), ...filterParams(), limit: 100 };
  if (more && evNext != null) params.offset = evNext;
  const table = $('events-table');
  table.dataset.state = 'loading';
  try {
    const d = await api('/api/events', params);
    evShown = more ? evShown.concat(d.events) : d.events;
    evNext = d.next_offset ?? null;
    rerenderEvents();
    showLeftOut($('events-left'), d.left_out, {
      ...includers,
      onOutside: () => {
        for (const k of ['from', 'to']) $('filters').elements[k].value = '';
        loadEvents(false);
      },
    });
    table.dataset.loaded = '1';
    table.dataset.state = 'ready';
  } catch (err) {
    table.dataset.state = 'error';
    $('events-summary').textContent = `${t('error')}: ${err.message}`;
  }
}

function rerenderEvents() {
  const tb = $('events-table').tBodies[0];
  tb.replaceChildren(...evShown.map((e) => evRow(e, parties, openDoc)));
  $('events-summary').textContent = t('events.summary', { n: evShown.length }) + (evNext != null ? t('events.more') : '');
  $('events-more').hidden = evNext == null;
}

function fillSelects() {
  const opt = (v, label, sel) => h('option', { value: v, selected: sel || null }, label);
  const ty = $('f-type');
  const tyv = ty.value;
  // The filters keep their values, set as values (not as the options'
  // defaults, which Clear would then restore).
  ty.replaceChildren(opt('', t('f.any')), ...TYPES.map((x) => opt(x, `${t(x)} (${x})`)));
  ty.value = tyv;
  const qd = $('f-quad');
  const qdv = qd.value;
  qd.replaceChildren(opt('', t('f.any')), ...[1, 2, 3, 4].map((n) => opt(String(n), t('q' + n))));
  qd.value = qdv;
  const cx = $('f-context');
  const cxv = cx.value;
  cx.replaceChildren(opt('', t('f.any')), ...CONTEXTS.map((c) => opt(c, c.replace(/_/g, ' '))));
  cx.value = cxv;
  const dl = $('party-list');
  dl.replaceChildren(...[...parties.values()].map((p) => h('option', { value: p.code }, `${name(p.code)}`)));
  const mf = $('map-focus');
  const states = [...parties.values()].filter((p) => worldMap.has(p.code) || (!worldMap.codes && /^[A-Z]{3}$/.test(p.code)));
  states.sort((a, b) => name(a.code).localeCompare(name(b.code), lang()));
  mf.replaceChildren(...states.map((p) => opt(p.code, name(p.code), p.code === state.focus)));
  $('shift-focus').replaceChildren(...states.map((p) => opt(p.code, name(p.code), p.code === state.focus)));
}

// ---- review ---------------------------------------------------------------

let docOpen = null; // the event whose page is open
let docData = null; // that page, as /api/documents gave it

// afterReview reloads what shows the record once a correction changed it,
// or draws the lists again when reviewing was turned on or off.
async function afterReview({ rerender } = {}) {
  if (rerender) {
    renderPairEvents();
    rerenderEvents();
    shiftsView.render();
    if (docData) renderDocReview();
    return;
  }
  if ($('events-table').dataset.loaded) loadEvents(false);
  if (!$('doc').hidden && docOpen) openDoc(docOpen);
  await loadNetwork(); // reopens the pair and redraws the shifts
}

function renderDocReview() {
  $('doc-corrections').replaceChildren(review.corrections(docData.corrections, (ev) => summaryOf(ev)) || '');
}

function addFromSelection() {
  const sel = String(window.getSelection() || '').replace(/\s+/g, ' ').trim();
  if (!sel || !docData) {
    toast(t('review.selectFirst'));
    return;
  }
  review.openForm('add', { doc_hash: docData.hash, sentence: sel, type: 'CONSULT', actors: [], recipients: [], contexts: [] });
}

// ---- the source page with its evidence ----------------------------------

async function openDoc(e) {
  docOpen = e;
  const modal = $('doc');
  modal.hidden = false;
  modal.dataset.state = 'loading';
  $('doc-title').textContent = e.doc;
  $('doc-meta').textContent = '';
  $('doc-text').replaceChildren();
  $('doc-current').replaceChildren(evItem(e, parties, () => {}).firstChild);
  try {
    const d = await api(`/api/documents/${encodeURIComponent(e.doc_hash || e.doc)}`);
    docData = d;
    renderDocReview();
    $('doc-title').textContent = d.title || d.id;
    const meta = [d.outlet, d.pub_date ? `${t('doc.published')} ${d.pub_date}` : '', d.lang, d.source].filter(Boolean).join(' · ');
    // Only an http(s) URL becomes a link; anything else is shown as text.
    const href = webURL(d.url);
    const link = href ? h('a', { href, rel: 'noopener noreferrer', target: '_blank' }, href) : d.url;
    $('doc-meta').replaceChildren(meta, d.url ? h('span', null, ' · ', link) : '');
    const mark = markText($('doc-text'), d.text, d.events, e.id);
    if (mark) {
      mark.id = 'evidence';
      mark.scrollIntoView({ block: 'center' });
    } else {
      $('doc-current').append(h('p', { class: 'muted' }, t('doc.nospan')));
    }
    modal.dataset.state = 'ready';
  } catch (err) {
    modal.dataset.state = 'error';
    $('doc-meta').textContent = `${t('error')}: ${err.message}`;
  }
  $('doc-close').focus({ preventScroll: true });
}

function closeDoc() {
  $('doc').hidden = true;
  docOpen = null;
  docData = null;
}

// ---- paste a page --------------------------------------------------------

async function extractPasted(ev) {
  ev.preventDefault();
  const fd = new FormData($('paste'));
  const text = String(fd.get('text') || '');
  const status = $('paste-status');
  if (!text.trim()) {
    status.textContent = t('paste.empty');
    return;
  }
  const body = /^\s*</.test(text) ? { html: text } : { text };
  if (fd.get('pub_date')) body.pub_date = String(fd.get('pub_date'));
  status.textContent = t('paste.busy');
  $('paste').dataset.state = 'loading';
  try {
    const d = await api('/api/extract', fd.get('all') ? { all: 'true' } : null, {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
    });
    $('paste-out').hidden = false;
    const ol = $('paste-events');
    const show = (e) => {
      const m = markText($('paste-doc'), d.text, d.events, e.id);
      if (m) m.scrollIntoView({ block: 'center', behavior: 'smooth' });
    };
    ol.replaceChildren(...d.events.map((e) => evItem(e, parties, show)));
    markText($('paste-doc'), d.text, d.events, null);
    status.textContent = d.skipped_lang ? t('paste.skippedLang', { l: langName(d.skipped_lang) })
      : d.skipped ? t('paste.skipped', { r: d.skipped })
      : d.events.length ? t('paste.found', { n: d.events.length }) : t('paste.none');
    $('paste').dataset.state = 'ready';
  } catch (err) {
    status.textContent = `${t('error')}: ${err.message}`;
    $('paste').dataset.state = 'error';
  }
}

// ---- start ---------------------------------------------------------------

function monthOf(day) { return day ? day.slice(0, 7) : ''; }

async function start() {
  let saved = '';
  try { saved = localStorage.getItem('mitra.lang') || ''; } catch { /* private mode */ }
  setLang(saved || ((navigator.language || '').toLowerCase().startsWith('id') ? 'id' : 'en'));
  readHash();
  apply();
  for (const b of document.querySelectorAll('[data-lang]')) {
    b.setAttribute('aria-pressed', String(b.dataset.lang === lang()));
    b.addEventListener('click', () => switchLang(b.dataset.lang));
  }
  for (const b of document.querySelectorAll('button[data-tab]')) b.addEventListener('click', () => showTab(b.dataset.tab));
  for (const b of document.querySelectorAll('[data-period]')) {
    b.addEventListener('click', () => {
      state.period = b.dataset.period;
      if (state.pair) openPair(...state.pair, { keepList: true });
    });
  }
  $('period').addEventListener('change', (ev) => {
    if (ev.target.type === 'month') setPeriod($('period-from').value, $('period-to').value);
  });
  $('period').addEventListener('submit', (ev) => ev.preventDefault());
  $('undated').value = state.undated;
  $('min-conf').value = String(state.minConf);
  $('undated').addEventListener('change', () => setKeep($('undated').value, state.minConf));
  $('min-conf').addEventListener('change', () => setKeep(state.undated, Number($('min-conf').value)));
  $('period-all').addEventListener('click', () => setPeriod(monthOf(stats && stats.first), monthOf(stats && stats.last)));
  $('pair-back').addEventListener('click', closePair);
  $('pair-more').addEventListener('click', morePair);
  $('map-focus').addEventListener('change', (ev) => {
    state.focus = ev.target.value;
    writeHash();
    renderMap();
  });
  $('shift-focus').addEventListener('change', (ev) => {
    state.focus = ev.target.value;
    writeHash();
    renderShifts();
  });
  $('filters').addEventListener('submit', (ev) => { ev.preventDefault(); loadEvents(false); });
  $('filters').addEventListener('reset', () => setTimeout(() => loadEvents(false), 0));
  $('events-more').addEventListener('click', () => loadEvents(true));
  $('paste').addEventListener('submit', extractPasted);
  $('doc-close').addEventListener('click', closeDoc);
  $('review-toggle').addEventListener('click', () => review.toggle());
  $('doc-add').addEventListener('click', addFromSelection);
  $('doc-confirm').addEventListener('click', () => docData && review.confirm(docData.hash));
  $('doc').addEventListener('click', (ev) => { if (ev.target === $('doc')) closeDoc(); });
  document.addEventListener('keydown', (ev) => { if (ev.key === 'Escape' && !$('doc').hidden) closeDoc(); });
  window.addEventListener('resize', () => { netView.resize(); timeline.resize(); worldMap.resize(); shiftsView.resize(); });
  window.addEventListener('hashchange', followHash);

  try {
    const [st, ps, hh] = await Promise.all([api('/api/stats'), api('/api/parties'), api('/api/health')]);
    review.setAvailable(Boolean(hh.review));
    stats = st;
    for (const p of ps.parties) parties.set(p.code, p);
  } catch (err) {
    toast(`${t('error')}: ${err.message}`, err);
    return;
  }
  renderStats();
  if (!state.from && !state.to) {
    state.from = monthOf(stats.first);
    state.to = monthOf(stats.last);
  }
  $('period-from').value = state.from;
  $('period-to').value = state.to;
  worldMap.load().then(fillSelects, (err) => toast(`${t('error')}: ${err.message}`, err));
  fillSelects();
  showTab(state.tab);
  await loadNetwork();
  document.body.dataset.ready = '1';
}

// followHash applies a fragment typed or followed by the user (the page's
// own changes replace it and fire no hashchange).
async function followHash() {
  const before = { from: state.from, to: state.to, lang: lang(), pair: String(state.pair), keep: `${state.undated}|${state.minConf}` };
  readHash();
  if (lang() !== before.lang) switchLang(lang());
  $('period-from').value = state.from;
  $('period-to').value = state.to;
  showTab(state.tab);
  $('undated').value = state.undated;
  $('min-conf').value = String(state.minConf);
  if (state.from !== before.from || state.to !== before.to || `${state.undated}|${state.minConf}` !== before.keep) {
    await loadNetwork(); // reopens the pair
  } else if (state.pair && String(state.pair) !== before.pair) {
    openPair(...state.pair);
  } else if (!state.pair) {
    closePair();
  }
}

// For the browser test and for analysts at the console.
window.mitra = { state, get cy() { return netView.cy; }, get net() { return net; }, timeline, worldMap, shiftsView, review, openPair, openDoc };

start();
