// Small helpers shared by the views: DOM building without innerHTML (all
// text from the API goes in as text), the API client, colours and dates.

import { t, lang } from './i18n.js';

// h builds an element: h('a', {href: x, class: 'y', onclick: f}, 'text', child).
export function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if ((k === 'href' || k === 'src') && !webURL(v)) continue; // never javascript:, data:, …
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const kid of kids.flat(Infinity)) {
    if (kid == null || kid === false) continue;
    el.append(kid instanceof Node ? kid : String(kid));
  }
  return el;
}

// webURL returns s when it is an http(s) URL (absolute, or a path on this
// server), and null otherwise: a page's URL comes from its input and must
// never become a javascript: or data: link.
export function webURL(s) {
  if (typeof s !== 'string' || s === '' || s.trim() !== s) return null;
  let u;
  try {
    u = new URL(s, location.href);
  } catch {
    return null;
  }
  return u.protocol === 'http:' || u.protocol === 'https:' ? s : null;
}

export class APIError extends Error {
  constructor(status, type, message) {
    super(message);
    this.status = status;
    this.type = type;
  }
}

// apiURL is path with params as its query (empty values left out).
export function apiURL(path, params) {
  let url = path;
  if (params) {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v != null && v !== '') q.set(k, v);
    const s = q.toString();
    if (s) url += (url.includes('?') ? '&' : '?') + s;
  }
  return url;
}

// api calls the JSON API and returns the envelope's data; errors carry the
// envelope's type and message (English, for the console; errText says it
// in the page's language).
export async function api(path, params, init) {
  const url = apiURL(path, params);
  let resp;
  try {
    resp = await fetch(url, init);
  } catch (err) {
    throw new APIError(0, 'network', String(err && err.message || err));
  }
  let body;
  try {
    body = await resp.json();
  } catch {
    throw new APIError(resp.status, 'bad_response', `${url}: HTTP ${resp.status}`);
  }
  if (!resp.ok || body.status !== 'success') {
    throw new APIError(resp.status, body.errorType || 'error', body.error || `${url}: HTTP ${resp.status}`);
  }
  return body.data;
}

// errText says what went wrong in the page's language: the kind of error
// (the envelope's errorType), not the server's English message, which goes
// to the console and the element's title.
export function errText(err) {
  const type = err && err.type;
  const known = ['bad_request', 'not_found', 'too_large', 'timeout', 'unavailable', 'unauthorized', 'forbidden', 'network', 'bad_response'];
  const msg = t(known.includes(type) ? 'err.' + type : 'err.internal');
  return err && err.status ? `${msg} (HTTP ${err.status})` : msg;
}

// Diverging ramp from material conflict (-10) through a warm neutral (0)
// to cooperation (+10), as in the legend. The neutral is a sand colour, not
// grey, so that relations that average out near 0 never look like the
// light grey of "no events" on the map.
const RAMP = [
  [-10, [178, 24, 43]], [-5, [239, 138, 98]], [0, [214, 190, 120]], [5, [103, 169, 207]], [10, [33, 102, 172]],
];
// NO_EVENTS is the map's colour for a country with no events with the
// focus: lighter than any colour of the ramp.
export const NO_EVENTS = '#f0f0f0';
export const RAMP_COLOURS = RAMP.map(([, c]) => `rgb(${c.join(',')})`);

export function scoreColour(s) {
  const x = Math.max(-10, Math.min(10, Number(s) || 0));
  for (let i = 1; i < RAMP.length; i++) {
    const [x1, c1] = RAMP[i];
    const [x0, c0] = RAMP[i - 1];
    if (x <= x1) {
      const f = (x - x0) / (x1 - x0);
      const c = c0.map((v, j) => Math.round(v + f * (c1[j] - v)));
      return `rgb(${c.join(',')})`;
    }
  }
  return RAMP_COLOURS[RAMP_COLOURS.length - 1];
}

export const QUAD_COLOURS = ['#9ecae1', '#2171b5', '#fdae6b', '#cb181d'];

export function fmtScore(s) {
  const n = Number(s) || 0;
  return (n > 0 ? '+' : '') + n.toFixed(1);
}

// fmtDate shows an event's date at its precision, or its publication date
// marked as such when the page did not fix it.
export function fmtDate(e) {
  if (e.date) return e.date;
  if (e.pub_date) return `${e.pub_date} (${t('date.pub')})`;
  return t('date.unknown');
}

// saveBlob offers blob to the user as a file called name.
export function saveBlob(blob, name) {
  const a = document.createElement('a');
  a.href = URL.createObjectURL(blob);
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(a.href), 10000);
}

// name returns a party's name in the current language.
export function partyName(parties, code) {
  const p = parties.get(code);
  if (!p) return code;
  return (lang() === 'id' ? p.name_id : p.name_en) || code;
}

export function toast(msg, err) {
  if (err) console.error(err);
  const el = document.getElementById('toast');
  el.textContent = msg;
  el.title = err && err.message ? err.message : '';
  el.hidden = false;
  clearTimeout(toast.timer);
  toast.timer = setTimeout(() => { el.hidden = true; }, 6000);
}
