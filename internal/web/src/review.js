// Review and correction from the page: mark an event wrong, correct its
// type, parties (and so direction) or date, add an event the extractor
// missed from a sentence selected in its page, confirm a page, undo. The
// writes need the server's token, asked once and kept for the session; the
// reviewer's name goes with each correction.

import { t, TYPES } from './i18n.js';
import { h, api, toast } from './util.js';

const KEY = 'mitra.review';

export class Review {
  // onChange is called after every correction, to reload the views.
  constructor({ onChange, partyName }) {
    this.onChange = onChange;
    this.partyName = partyName;
    this.available = false;
    this.on = false;
    this.cred = null;
    try { this.cred = JSON.parse(sessionStorage.getItem(KEY) || 'null'); } catch { this.cred = null; }
    this.dialog = document.getElementById('review-dialog');
    this.form = document.getElementById('review-form');
    this.login = document.getElementById('review-login');
    this.form.addEventListener('submit', (ev) => { ev.preventDefault(); this.submit(); });
    this.form.querySelector('[data-cancel]').addEventListener('click', () => { this.dialog.hidden = true; });
    this.login.addEventListener('submit', (ev) => { ev.preventDefault(); this.signIn(); });
    this.login.querySelector('[data-cancel]').addEventListener('click', () => { this.login.closest('.modal').hidden = true; });
    const types = this.form.elements.type;
    types.replaceChildren(...TYPES.map((x) => h('option', { value: x }, x)));
  }

  // setAvailable shows the Review button when the server takes
  // corrections (/api/health review).
  setAvailable(yes) {
    this.available = yes;
    document.getElementById('review-toggle').hidden = !yes;
    if (!yes) return;
    if (this.cred) this.setOn(true);
    else this.label();
  }

  toggle() {
    if (this.on) {
      this.setOn(false);
      return;
    }
    if (this.cred) {
      this.setOn(true);
      return;
    }
    const m = this.login.closest('.modal');
    m.hidden = false;
    this.login.elements.name.value = (this.cred && this.cred.name) || '';
    this.login.elements.token.focus();
  }

  signIn() {
    const f = this.login.elements;
    const name = f.name.value.trim();
    const token = f.token.value.trim();
    if (!name || !token) return;
    this.cred = { name, token };
    try { sessionStorage.setItem(KEY, JSON.stringify(this.cred)); } catch { /* private mode */ }
    this.login.closest('.modal').hidden = true;
    this.setOn(true);
  }

  setOn(on) {
    this.on = on;
    document.body.dataset.review = on ? '1' : '';
    this.label();
    this.onChange({ rerender: true });
  }

  // label writes the Review button in the current language.
  label() {
    const b = document.getElementById('review-toggle');
    b.setAttribute('aria-pressed', String(this.on));
    b.textContent = this.on ? t('review.onAs', { n: this.cred ? this.cred.name : '' }) : t('review.start');
  }

  // controls returns the review buttons of a stored event, or null when
  // reviewing is off.
  controls(e) {
    if (!this.on || !e.doc_hash || !e.id) return null;
    return h('span', { class: 'rv' },
      h('button', { type: 'button', class: 'rv-wrong', title: t('review.wrongHint'), onclick: (ev) => { ev.stopPropagation(); this.wrong(e); } }, t('review.wrong')),
      h('button', { type: 'button', class: 'rv-correct', title: t('review.correctHint'), onclick: (ev) => { ev.stopPropagation(); this.openForm('correct', e); } }, t('review.correct')));
  }

  // badge says who corrected or added an event.
  badge(e) {
    if (!e.reviewed) return null;
    return h('span', { class: 'reviewed', title: `#${e.reviewed.correction} · ${e.reviewed.at}` },
      t(e.reviewed.action === 'add' ? 'review.addedBy' : 'review.correctedBy', { n: e.reviewed.author }));
  }

  async post(path, body) {
    try {
      const d = await api(path, null, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.cred.token}` },
        body: JSON.stringify({ author: this.cred.name, ...body }),
      });
      this.onChange({ correction: d });
      return d;
    } catch (err) {
      if (err.status === 401) {
        this.cred = null;
        try { sessionStorage.removeItem(KEY); } catch { /* private mode */ }
        this.setOn(false);
      }
      toast(`${t('error')}: ${err.message}`, err);
      throw err;
    }
  }

  wrong(e) { return this.post(`/api/events/${encodeURIComponent(e.id)}/review`, { action: 'wrong' }).catch(() => {}); }

  undo(c) { return this.post(`/api/corrections/${c.id}/undo`, {}).catch(() => {}); }

  confirm(docHash) { return this.post(`/api/documents/${encodeURIComponent(docHash)}/confirm`, {}).catch(() => {}); }

  // openForm opens the correction form: correct event e, or (add) a new
  // event in document e.doc_hash with evidence e.sentence.
  openForm(action, e) {
    this.action = action;
    this.target = e;
    const f = this.form.elements;
    f.type.value = e.type || 'CONSULT';
    f.mode.value = e.mode || '';
    f.actors.value = (e.actors || []).map((p) => p.code).join(', ');
    f.recipients.value = (e.recipients || []).map((p) => p.code).join(', ');
    f.date.value = e.date || '';
    f.contexts.value = (e.contexts || []).join(', ');
    f.evidence.value = e.sentence || '';
    f.evidence.readOnly = action !== 'add';
    f.note.value = '';
    document.getElementById('review-title').textContent = t(action === 'add' ? 'review.addTitle' : 'review.correctTitle');
    this.form.dataset.action = action;
    this.dialog.hidden = false;
    f.type.focus();
  }

  async submit() {
    const f = this.form.elements;
    const list = (s) => s.split(/[,;]/).map((x) => x.trim()).filter(Boolean);
    const body = {
      type: f.type.value, mode: f.mode.value.trim(), actors: list(f.actors.value), recipients: list(f.recipients.value),
      date: f.date.value.trim() || null, contexts: list(f.contexts.value).map((x) => x.toLowerCase()), note: f.note.value.trim(),
    };
    try {
      if (this.action === 'add') {
        await this.post(`/api/documents/${encodeURIComponent(this.target.doc_hash)}/events`, { ...body, evidence: f.evidence.value.trim() });
      } else {
        await this.post(`/api/events/${encodeURIComponent(this.target.id)}/review`, { action: 'correct', ...body });
      }
      this.dialog.hidden = true;
    } catch { /* toasted; the form stays open */ }
  }

  // corrections lists a page's corrections with their undo buttons.
  corrections(list, line) {
    if (!list || !list.length) return null;
    return h('div', { class: 'doc-corrections' }, h('h4', null, t('review.history')),
      h('ol', null, list.map((c) => {
        const ev = c.event || c.before;
        const undone = c.undone_by ? t('review.undone', { n: c.undone_by }) : '';
        return h('li', { dataset: { correction: c.id, action: c.action }, class: c.undone_by ? 'undone' : null },
          h('b', null, t('review.act.' + c.action)), ' ', `#${c.id} · ${c.author} · ${c.at.slice(0, 10)}`,
          ev ? [' · ', line(ev)] : '', c.note ? h('span', { class: 'muted' }, ` — ${c.note}`) : '',
          undone ? h('span', { class: 'muted' }, ` (${undone})`) : '',
          this.on && !c.undone_by && c.action !== 'undo' && c.action !== 'confirm'
            ? [' ', h('button', { type: 'button', class: 'link rv-undo', onclick: () => this.undo(c) }, t('review.undo'))] : '');
      })));
  }
}
