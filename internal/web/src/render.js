// Renderers shared by the views: an event as a list item or table row, and
// a page's text with its events' evidence marked.

import { h, fmtDate, partyName, QUAD_COLOURS } from './util.js';
import { t, quadOf, lang } from './i18n.js';

export function typeBadge(e) {
  const q = e.quad || quadOf(e.type);
  return h('span', { class: `badge q${q}`, title: `${e.type}${e.mode ? ' / ' + e.mode : ''}`, style: `border-color:${QUAD_COLOURS[q - 1] || '#999'}` },
    t(e.type), e.mode ? h('small', null, ' ', e.mode) : null);
}

export function partiesText(parties, list) {
  return (list || []).map((p) => partyName(parties, p.code)).join(', ') || '—';
}

// whoText is "actors → recipients", or "A ↔ B" for a reciprocal act (two
// or more actors, no recipient: they met, they signed).
export function whoText(parties, e) {
  const actors = e.actors || [];
  if (!(e.recipients || []).length && actors.length > 1) return actors.map((p) => partyName(parties, p.code)).join(' ↔ ');
  return `${partiesText(parties, actors)} → ${partiesText(parties, e.recipients)}`;
}

// reviewHooks add review controls and who-corrected badges to events (see
// review.js); null functions add nothing.
export const reviewHooks = { controls: null, badge: null };

// summaryOf is an event's one-line summary in the page's language (written
// by the API from the record), or null.
export function summaryOf(e) {
  const s = e.summary && (e.summary[lang()] || e.summary.en);
  return s ? h('span', { class: 'summary' }, s) : null;
}

// evItem is one event in a list: date, type, who → whom, its one-line
// summary and its evidence sentence. more
// are other mentions of the same act (same cluster) on other pages, each
// a link to its page.
export function evItem(e, parties, onOpen, more = []) {
  const fact = e.factuality && e.factuality !== 'asserted' ? h('span', { class: 'fact' }, t('fact.' + e.factuality)) : null;
  const others = more.length ? h('span', { class: 'others' }, t('ev.others', { n: more.length }),
    more.map((m, i) => [' ', h('button', { type: 'button', class: 'link', title: sourceLine(m) || m.doc, onclick: () => onOpen(m) }, String(i + 2))])) : null;
  return h('li', { class: 'ev', dataset: { id: e.id, type: e.type, cluster: e.cluster_id } },
    h('div', { class: 'ev-head' },
      h('time', null, fmtDate(e)), ' ', typeBadge(e), ' ', fact,
      h('span', { class: 'who' }, whoText(parties, e)),
      reviewHooks.badge && reviewHooks.badge(e), reviewHooks.controls && reviewHooks.controls(e)),
    summaryOf(e),
    h('button', { type: 'button', class: 'sentence', title: t('doc.evidence'), onclick: () => onOpen(e) }, e.sentence),
    sourceLine(e) ? h('div', { class: 'src' }, sourceLine(e)) : null,
    others);
}

// sourceLine names a report's page as a reader knows it: outlet and
// title ("" for an extracted page, which has neither).
export function sourceLine(e) {
  return [e.outlet, e.title].filter(Boolean).join(' · ');
}

// byCluster groups a page of events into acts: the first mention of each
// cluster, with the others after it. Events without a cluster stand alone.
export function byCluster(events) {
  const out = [];
  const seen = new Map();
  for (const e of events) {
    const g = e.cluster_id ? seen.get(e.cluster_id) : null;
    if (g) {
      g.more.push(e);
      continue;
    }
    const item = { e, more: [] };
    if (e.cluster_id) seen.set(e.cluster_id, item);
    out.push(item);
  }
  return out;
}

// actDate shows an act's date at its precision, or the day of its first
// report marked as such when no report fixes it.
export function actDate(a) {
  if (a.date) return a.date;
  if (a.first) return `${a.first} (${t('date.pub')})`;
  return t('date.unknown');
}

const codes = (xs) => (xs || []).map((code) => ({ code }));

// reviewOf is an event's who-corrected badge and review controls (see
// reviewHooks), or nothing.
const reviewOf = (e) => [reviewHooks.badge && reviewHooks.badge(e), reviewHooks.controls && reviewHooks.controls(e)];

// actRows are the rows of one act in the events table: the act (date,
// type, parties, the first report's summary and evidence with its review
// controls, its number of reports and its page), and, when open, a row
// listing every report with its page.
export function actRows(a, parties, onOpen, open, onToggle) {
  const first = a.reports[0];
  const who = { actors: codes(a.actors), recipients: codes(a.recipients) };
  const n = a.mentions;
  const row = h('tr', { class: 'act', dataset: { act: a.id, type: a.type, first: a.first || '', reports: n } },
    h('td', { class: 'nowrap' }, actDate(a)),
    h('td', null, typeBadge(a)),
    h('td', null, who.recipients.length || who.actors.length < 2 ? partiesText(parties, who.actors) : whoText(parties, who)),
    h('td', null, who.recipients.length ? partiesText(parties, who.recipients) : '—'),
    h('td', null, first ? [summaryOf(first), h('button', { type: 'button', class: 'sentence', onclick: () => onOpen(first) }, first.sentence), ...reviewOf(first)] : ''),
    h('td', { class: 'nowrap' }, h('button', {
      type: 'button', class: 'link reports', 'aria-expanded': String(!!open), onclick: () => onToggle(a.id),
    }, n === 1 ? t('acts.report1') : t('acts.reports', { n }))),
    h('td', { class: 'src' }, first ? sourceCell(first, onOpen) : ''));
  if (!open) return [row];
  const list = h('ul', { class: 'reports-list' }, a.reports.map((e) => h('li', { dataset: { id: e.id } },
    h('time', null, fmtDate(e)), ' ',
    h('button', { type: 'button', class: 'link', onclick: () => onOpen(e) }, sourceLine(e) || e.doc),
    ...(e === first ? [] : reviewOf(e)))));
  return [row, h('tr', { class: 'act-reports', dataset: { act: a.id } }, h('td', { colspan: 7 }, list))];
}

// sourceCell is a report's outlet and title, the title opening the page
// with its evidence.
function sourceCell(e, onOpen) {
  return [
    e.outlet ? h('div', { class: 'outlet' }, e.outlet) : null,
    h('button', { type: 'button', class: 'link title', onclick: () => onOpen(e) }, e.title || e.doc),
  ];
}

// markText fills el with text, wrapping every stretch covered by an
// event's evidence (text_span_utf16, UTF-16 offsets as JavaScript strings
// use) in <mark>; the current event's stretch gets class "current". It
// returns the first current mark, or null.
export function markText(el, text, events, currentId) {
  el.replaceChildren();
  const cuts = new Set([0, text.length]);
  const spans = [];
  for (const e of events) {
    const s = e.text_span_utf16;
    if (!s || s[0] < 0 || s[1] > text.length || s[0] >= s[1]) continue;
    spans.push({ a: s[0], b: s[1], e });
    cuts.add(s[0]);
    cuts.add(s[1]);
  }
  const points = [...cuts].sort((x, y) => x - y);
  let first = null;
  for (let i = 0; i + 1 < points.length; i++) {
    const a = points[i];
    const b = points[i + 1];
    const piece = text.slice(a, b);
    const over = spans.filter((s) => s.a <= a && s.b >= b);
    if (over.length === 0) {
      el.append(piece);
      continue;
    }
    const cur = over.some((s) => s.e.id === currentId);
    const m = h('mark', {
      class: cur ? 'current' : null,
      title: over.map((s) => `${t(s.e.type)} (${s.e.type})`).join(', '),
      dataset: { events: over.map((s) => s.e.id).join(' ') },
    }, piece);
    if (cur && !first) first = m;
    el.append(m);
  }
  return first;
}
