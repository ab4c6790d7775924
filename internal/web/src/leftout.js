// Nothing silently dropped: every view says how many events its period
// and confidence threshold left out, and why, with a way to include them.
// The counts are the API's left_out, shown as they come.

import { t } from './i18n.js';
import { h } from './util.js';

// keepParams are the API parameters of the page's choices: where events
// with no date of their own fall, and the least confidence shown.
export function keepParams(state) {
  const p = {};
  if (state.undated && state.undated !== 'pub') p.undated = state.undated;
  if (state.minConf) p.min_confidence = state.minConf;
  return p;
}

// showLeftOut fills el with a /api left_out answer: what was left out
// (undated, outside the period, below the threshold), each with a button
// that includes it, and how many undated events were placed on their
// page's date. The counts go to el's data attributes too.
export function showLeftOut(el, lo, { onUndated, onOutside, onLow }) {
  el.replaceChildren();
  Object.assign(el.dataset, {
    total: String(lo.total), undated: String(lo.undated), outside: String(lo.outside_period),
    low: String(lo.low_confidence), placed: String(lo.placed),
  });
  const parts = [];
  const part = (n, key, label, fn) => {
    if (!n) return;
    parts.push(h('span', { class: 'lo-part', dataset: { reason: key } }, t(label, { n }), ' ',
      h('button', { type: 'button', class: 'link', onclick: fn }, t(key === 'outside' ? 'left.allTime' : 'left.include'))));
  };
  part(lo.undated, 'undated', 'left.undated', onUndated);
  part(lo.outside_period, 'outside', 'left.outside', onOutside);
  part(lo.low_confidence, 'low', 'left.low', onLow);
  if (parts.length) {
    el.append(t('left.note', { n: lo.total }), ' ');
    parts.forEach((p, i) => el.append(i ? ' · ' : '', p));
  }
  if (lo.placed) {
    el.append(parts.length ? ' · ' : '', t(lo.undated_placement === 'ingest' ? 'left.placedIngest' : 'left.placed', { n: lo.placed }));
  }
  el.hidden = !parts.length && !lo.placed;
}
