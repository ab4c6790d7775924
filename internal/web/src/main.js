// mitra's web page: the network of states for a period, a pair's timeline
// and events, a map of one country's relations, the list of acts with
// filters, each event's source page with its evidence highlighted (and a
// citation of it), and a box that extracts events from a pasted page; the
// network, the chart and the events can be downloaded. It talks only to
// the JSON API of the server that serves it. The state lives in the URL's
// fragment (#tab=…&from=…&to=…&pair=A,B&focus=…&lang=…), so every view can
// be linked to.

import { t, setLang, lang, langName, apply, TYPES, CONTEXTS } from './i18n.js';
import { h, api, apiURL, errText, saveBlob, toast, partyName, scoreColour, fmtScore, fmtDate, webURL } from './util.js';
import { evItem, actRows, markText, byCluster, reviewHooks, summaryOf } from './render.js';
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
  worldMap.resize();
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
  updateDownloads();
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
  periodChanged();
  await loadNetwork();
}

// periodChanged brings what depends on the header's period up to date,
// besides the network: the events tab (reloaded now when shown, else when
// next shown) and the download links.
function periodChanged() {
  updateDownloads();
  if (state.tab === 'events') loadEvents(false);
  else delete $('events-table').dataset.loaded;
}

// periodParams are the header's period as API parameters.
function periodParams() {
  return { from: state.from, to: state.to };
}

// updateDownloads points the download links at the current period and
// filters.
function updateDownloads() {
  const events = { ...keepParams(state), ...filterParams(), ...periodParams() };
  $('dl-csv').href = apiURL('/api/export', { format: 'csv', ...events });
  $('dl-jsonl').href = apiURL('/api/export', { format: 'jsonl', ...events });
  $('dl-gexf').href = apiURL('/api/export', { format: 'gexf', ...keepParams(state), ...periodParams() });
}

// dataURLBlob decodes a base64 data: URL (echarts' PNG) into a Blob, without
// fetch, which the page's Content-Security-Policy (connect-src 'self')
// refuses for data: URLs.
function dataURLBlob(url) {
  const [head, b64] = url.split(',', 2);
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type: head.slice(5).split(';')[0] });
}

// fileStem names downloaded files after the period: "mitra-2023-06_2024-06".
function fileStem(what) {
  return `mitra-${what}${state.from || state.to ? `-${state.from}_${state.to}` : ''}`;
}

// ---- network, side panel and pairs -------------------------------------

async function loadNetwork() {
  try {
    net = await api('/api/network', { from: state.from, to: state.to, ...keepParams(state) });
  } catch (err) {
    toast(`${t('error')}: ${errText(err)}`, err);
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
    if (my === pairToken) toast(`${t('error')}: ${errText(err)}`, err);
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
    toast(`${t('error')}: ${errText(err)}`, err);
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
    toast(`${t('error')}: ${errText(err)}`, err);
  }
  renderOrgs(rows);
  renderSideList();
}

// renderOrgs lists the focus's partners that are not countries on the map
// (organisations: the UN, ECOWAS, the EU…) beside it, coloured like the
// countries, each opening the pair.
function renderOrgs(rows) {
  const box = $('map-orgs');
  const orgs = rows.filter((r) => !worldMap.has(r.code)).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
  box.replaceChildren(h('span', { class: 'orgs-head' }, `${t('map.orgs')}:`));
  if (orgs.length === 0) {
    box.append(h('span', { class: 'muted' }, t('map.orgsNone')));
    return;
  }
  for (const r of orgs) {
    box.append(h('button', {
      type: 'button', class: 'org', dataset: { code: r.code, score: r.score.toFixed(2) },
      title: `${r.count} ${t('events')} · ${t('score')} ${fmtScore(r.score)}`,
      onclick: () => openPair(state.focus, r.code),
    }, h('span', { class: 'swatch', style: `background:${scoreColour(r.score)}` }), name(r.code), h('small', null, ` ${r.count}`)));
  }
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
  updateDownloads();
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
    toast(`${t('error')}: ${errText(err)}`, err);
  }
}

// ---- events list: acts in the header's period ------------------------------

let evNext = null;
let acts = [];
let actsTotal = 0;
const openActs = new Set();

function filterParams() {
  const fd = new FormData($('filters'));
  const p = {};
  for (const [k, v] of fd.entries()) if (String(v).trim()) p[k] = String(v).trim();
  return p;
}

// loadEvents lists the acts of the header's period that match the
// filters, newest first, a page at a time (more: the next page).
let eventsToken = 0;
async function loadEvents(more) {
  const params = { ...keepParams(state), ...filterParams(), ...periodParams(), limit: 100 };
  if (more && evNext != null) params.offset = evNext;
  const table = $('events-table');
  table.dataset.state = 'loading';
  const my = ++eventsToken;
  updateDownloads();
  try {
    const d = await api('/api/acts', params);
    if (my !== eventsToken) return;
    acts = more ? acts.concat(d.acts) : d.acts;
    if (!more) openActs.clear();
    actsTotal = d.total;
    evNext = d.next_offset ?? null;
    rerenderEvents();
    showLeftOut($('events-left'), d.left_out, includers);
    table.dataset.loaded = '1';
    table.dataset.period = `${state.from}_${state.to}`;
    table.dataset.total = String(d.total);
    table.dataset.state = 'ready';
  } catch (err) {
    if (my !== eventsToken) return;
    table.dataset.state = 'error';
    $('events-summary').textContent = `${t('error')}: ${errText(err)}`;
    $('events-summary').title = err.message;
    console.error(err);
  }
}

function rerenderEvents() {
  const tb = $('events-table').tBodies[0];
  const toggle = (id) => {
    if (openActs.has(id)) openActs.delete(id);
    else openActs.add(id);
    rerenderEvents();
  };
  tb.replaceChildren(...acts.flatMap((a) => actRows(a, parties, openDoc, openActs.has(a.id), toggle)));
  if (acts.length === 0 && $('events-table').dataset.state !== 'loading') {
    tb.append(h('tr', null, h('td', { colspan: 7, class: 'muted' }, t('acts.none'))));
  }
  $('events-period').textContent = state.from || state.to
    ? t('acts.period', { from: state.from || '…', to: state.to || '…' }) : t('acts.allTime');
  $('events-summary').textContent = t('acts.summary', { shown: acts.length, total: actsTotal }) + (evNext != null ? t('acts.more') : '');
  $('events-summary').title = '';
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

let docShown = null; // {e, d}: the event and page the source view shows

async function openDoc(e) {
  docOpen = e;
  const modal = $('doc');
  modal.hidden = false;
  modal.dataset.state = 'loading';
  docShown = { e, d: null };
  $('cite-box').hidden = true;
  $('doc-title').textContent = e.doc;
  $('doc-meta').textContent = '';
  $('doc-text').replaceChildren();
  $('doc-current').replaceChildren(evItem(e, parties, () => {}).firstChild);
  try {
    const d = await api(`/api/documents/${encodeURIComponent(e.doc_hash || e.doc)}`);
    if (docShown && docShown.e === e) docShown.d = d;
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
    $('doc-meta').textContent = `${t('error')}: ${errText(err)}`;
    $('doc-meta').title = err.message;
  }
  $('doc-close').focus({ preventScroll: true });
}

// citation is a reference to an event and the report it comes from, in
// the page's language: the outlet, title, date and address of the report,
// then the act as coded (type, parties, date), its evidence, and where it
// was coded (mitra's event id, codebook).
function citation(e, d) {
  const who = (list) => (list || []).map((p) => `${name(p.code)} (${p.code})`).join(', ');
  const outlet = (d && d.outlet) || e.outlet || '';
  const title = (d && d.title) || e.title || e.doc;
  const url = (d && d.url) || e.url || '';
  const pub = (d && d.pub_date) || e.pub_date || '';
  const today = new Date().toISOString().slice(0, 10);
  const report = [outlet, `"${title}"`, pub, url ? `${url} (${t('cite.accessed')} ${today})` : ''].filter(Boolean).join('. ');
  const parties = (e.recipients || []).length ? `${who(e.actors)} → ${who(e.recipients)}` : who(e.actors);
  const act = `${t('cite.event')}: ${t(e.type)} (${e.type}${e.mode ? '/' + e.mode : ''}), ${parties}, ${fmtDate(e)}.`;
  return `${report}.\n${act}\n${t('cite.evidence')}: "${e.sentence}"\n${t('cite.via')}: event ${e.id}, ${e.codebook || ''}.`.replace(/\.\./g, '.');
}

function showCitation() {
  if (!docShown) return;
  $('cite-text').value = citation(docShown.e, docShown.d);
  $('cite-status').textContent = '';
  $('cite-box').hidden = false;
}

async function copyCitation() {
  const text = $('cite-text').value;
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    $('cite-text').select(); // the user copies it themselves
    return;
  }
  $('cite-status').textContent = t('cite.copied');
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
    status.textContent = `${t('error')}: ${errText(err)}`;
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
  $('dl-net-png').addEventListener('click', async () => {
    const blob = await netView.png();
    if (blob) saveBlob(blob, fileStem('network') + '.png');
  });
  $('dl-chart-png').addEventListener('click', () => {
    const url = timeline.png();
    if (url) saveBlob(dataURLBlob(url), fileStem(`chart-${(state.pair || []).join('-')}`) + '.png');
  });
  $('dl-chart-svg').addEventListener('click', () => {
    const svg = timeline.svg();
    if (svg) saveBlob(new Blob([svg], { type: 'image/svg+xml' }), fileStem(`chart-${(state.pair || []).join('-')}`) + '.svg');
  });
  $('doc-cite').addEventListener('click', showCitation);
  $('cite-copy').addEventListener('click', copyCitation);
  $('cite-download').addEventListener('click', () => {
    if (docShown) saveBlob(new Blob([$('cite-text').value + '\n'], { type: 'text/plain;charset=utf-8' }), `mitra-event-${docShown.e.id}.txt`);
  });
  $('filters').addEventListener('input', updateDownloads);
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
    toast(`${t('error')}: ${errText(err)}`, err);
    return;
  }
  renderStats();
  if (!state.from && !state.to) {
    state.from = monthOf(stats.first);
    state.to = monthOf(stats.last);
  }
  $('period-from').value = state.from;
  $('period-to').value = state.to;
  worldMap.load().then(fillSelects, (err) => toast(`${t('error')}: ${errText(err)}`, err));
  fillSelects();
  updateDownloads();
  // One layout of the whole record places every state, so that nothing
  // moves when the period changes.
  try {
    netView.setLayout(await api('/api/network'));
  } catch (err) {
    toast(`${t('error')}: ${errText(err)}`, err);
  }
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
    periodChanged();
    await loadNetwork(); // reopens the pair
  } else if (state.pair && String(state.pair) !== before.pair) {
    openPair(...state.pair);
  } else if (!state.pair) {
    closePair();
  }
}

// For the browser test and for analysts at the console.
window.mitra = { state, get cy() { return netView.cy; }, get net() { return net; }, netView, timeline, worldMap, shiftsView, review, openPair, openDoc, setPeriod };

start();
