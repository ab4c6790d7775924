// The shifts view of one state: its partners' share of its cooperation and
// of its conflict over time (two stacked charts), the relation shifts the
// API found marked on both, and the list of shifts, each opening the acts
// on either side of it with their evidence.

import * as echarts from 'echarts/core';
import { MarkLineComponent, TitleComponent } from 'echarts/components';
import { t } from './i18n.js';
import { h, api } from './util.js';
import { evItem } from './render.js';

echarts.use([MarkLineComponent, TitleComponent]);

// The partners drawn by name; the others are summed.
const TOP = 6;
const PALETTE = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#ff7f0e', '#8c564b'];
const OTHERS = '#c7c7c7';

export class ShiftsView {
  constructor(chartEl, listEl, noteEl, { parties, name, openDoc }) {
    this.chartEl = chartEl;
    this.listEl = listEl;
    this.noteEl = noteEl;
    this.parties = parties;
    this.name = name;
    this.openDoc = openDoc;
    this.chart = null;
    this.data = null;
    this.token = 0;
  }

  // show loads and draws the shifts of state code over the page's period.
  async show(code, from, to) {
    const my = ++this.token;
    const root = this.listEl.closest('[data-view]');
    root.dataset.state = 'loading';
    const d = await api('/api/shifts', { party: code, from, to });
    if (my !== this.token) return;
    this.data = d;
    this.render();
    root.dataset.state = 'ready';
    root.dataset.focus = code;
  }

  // render draws the last answer in the current language.
  render() {
    const d = this.data;
    if (!d) return;
    this.renderChart(d);
    this.renderList(d);
    const lo = d.left_out;
    const parts = [];
    if (lo.undated) parts.push(t('shifts.undated', { n: lo.undated }));
    if (lo.year_only) parts.push(t('shifts.yearOnly', { n: lo.year_only }));
    if (lo.outside_period) parts.push(t('shifts.outside', { n: lo.outside_period }));
    const span = d.months.length ? `${d.months[0]} – ${d.months[d.months.length - 1]}` : '';
    this.noteEl.replaceChildren(
      span ? t('shifts.span', { span, n: d.partners.length }) : t('shifts.empty'),
      parts.length ? ` · ${t('shifts.leftOut')}: ${parts.join(', ')}` : '');
    this.noteEl.dataset.leftOut = String(lo.undated + lo.year_only + lo.outside_period);
  }

  renderChart(d) {
    if (!this.chart) this.chart = echarts.init(this.chartEl);
    this.chart.resize();
    // Buckets: months, or quarters or years over a long record, so that
    // small counts still make a share.
    const n = d.months.length;
    const step = n > 144 ? 12 : n > 48 ? 3 : 1;
    const label = (m) => (step === 12 ? m.slice(0, 4) : step === 3 ? `${m.slice(0, 4)}-Q${Math.floor((Number(m.slice(5, 7)) - 1) / 3) + 1}` : m);
    const buckets = [];
    const index = [];
    for (const m of d.months) {
      const b = label(m);
      if (buckets[buckets.length - 1] !== b) buckets.push(b);
      index.push(buckets.length - 1);
    }
    const top = d.partners.slice(0, TOP);
    const rest = d.partners.slice(TOP);
    const sum = (arr) => {
      const out = new Array(buckets.length).fill(0);
      arr.forEach((v, i) => { out[index[i]] += v; });
      return out;
    };
    const groups = top.map((p, i) => ({ name: this.name(p.party.code), colour: PALETTE[i], coop: sum(p.coop), conflict: sum(p.conflict) }));
    if (rest.length) {
      const z = () => new Array(buckets.length).fill(0);
      const o = { name: t('shifts.others'), colour: OTHERS, coop: z(), conflict: z() };
      for (const p of rest) {
        sum(p.coop).forEach((v, i) => { o.coop[i] += v; });
        sum(p.conflict).forEach((v, i) => { o.conflict[i] += v; });
      }
      groups.push(o);
    }
    const totals = (k) => buckets.map((_, i) => groups.reduce((s, g) => s + g[k][i], 0));
    const tc = totals('coop');
    const tk = totals('conflict');
    const share = (v, tot) => (tot ? Math.round((1000 * v) / tot) / 10 : null);
    const marks = (d.shifts || []).map((s) => ({
      xAxis: label(s.month),
      lineStyle: { color: s.direction === 'up' ? '#2166ac' : '#b2182b', width: 1.5, type: 'dashed' },
      // Codes: shifts of several partners often fall in one bucket.
      label: { formatter: `${s.direction === 'up' ? '↑' : '↓'}${s.partner.code}`, fontSize: 9, position: 'insideEndTop' },
    }));
    const series = [];
    groups.forEach((g, gi) => {
      for (const [k, axis, tot] of [['coop', 0, tc], ['conflict', 1, tk]]) {
        series.push({
          name: g.name, type: 'bar', stack: k, xAxisIndex: axis, yAxisIndex: axis, barCategoryGap: '10%',
          itemStyle: { color: g.colour }, data: g[k].map((v, i) => ({ value: share(v, tot[i]), acts: v })),
          markLine: gi === 0 && marks.length ? { symbol: 'none', silent: true, data: marks } : undefined,
        });
      }
    });
    this.chart.setOption({
      animation: false,
      legend: { top: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 }, data: groups.map((g) => g.name) },
      tooltip: {
        trigger: 'axis', axisPointer: { type: 'shadow' },
        formatter: (ps) => {
          const rows = ps.filter((p) => p.data && p.data.acts).map((p) => `${esc(p.seriesName)}: ${p.data.acts} (${p.data.value}%)`);
          return `<b>${esc(ps[0] ? ps[0].axisValue : '')}</b><br>${rows.join('<br>') || esc(t('shifts.none'))}`;
        },
      },
      title: [
        { text: t('shifts.coopShare'), left: 40, top: 22, textStyle: { fontSize: 12, fontWeight: 'normal' } },
        { text: t('shifts.conflictShare'), left: 40, top: '52%', textStyle: { fontSize: 12, fontWeight: 'normal' } },
      ],
      grid: [{ left: 40, right: 16, top: 44, height: '32%' }, { left: 40, right: 16, top: '58%', height: '32%' }],
      xAxis: [0, 1].map((i) => ({ type: 'category', data: buckets, gridIndex: i, axisLabel: { fontSize: 10 } })),
      yAxis: [0, 1].map((i) => ({ type: 'value', max: 100, gridIndex: i, axisLabel: { fontSize: 10, formatter: '{value}%' } })),
      dataZoom: [{ type: 'inside', xAxisIndex: [0, 1] }],
      series,
    }, true);
    this.chartEl.dataset.buckets = String(buckets.length);
    this.chartEl.dataset.marks = String(marks.length);
  }

  renderList(d) {
    const ol = this.listEl;
    ol.replaceChildren();
    if (!d.shifts.length) {
      ol.append(h('li', { class: 'muted' }, t('shifts.noShift')));
      return;
    }
    for (const s of d.shifts) {
      const acts = [...s.before_events, ...s.after_events];
      const detail = h('div', { class: 'shift-acts', hidden: true });
      const toggle = h('button', {
        type: 'button', class: 'link',
        onclick: () => {
          detail.hidden = !detail.hidden;
          toggle.setAttribute('aria-expanded', String(!detail.hidden));
        },
      }, t('shifts.events', { n: acts.length }));
      toggle.setAttribute('aria-expanded', 'false');
      const side = (label, evs) => (evs.length ? [h('h4', null, label), h('ol', { class: 'evlist' },
        evs.map((e) => {
          const li = evItem(e, this.parties, this.openDoc);
          if (e.forced_exit) li.querySelector('.ev-head').append(h('span', { class: 'forced', title: t('shifts.forcedHint') }, t('shifts.forced')));
          return li;
        }))] : []);
      detail.append(...side(t('shifts.before', { from: s.before.from, to: s.before.to }), s.before_events),
        ...side(t('shifts.after', { from: s.after.from, to: s.after.to }), s.after_events));
      const rate = (r) => t('shifts.rates', { c: r.coop_rate.toFixed(2), k: r.conflict_rate.toFixed(2) });
      ol.append(h('li', {
        class: `shift ${s.direction}`,
        dataset: {
          partner: s.partner.code, month: s.month, direction: s.direction, kind: s.kind,
          before: `${s.before.coop}/${s.before.conflict}`, after: `${s.after.coop}/${s.after.conflict}`,
        },
      },
        h('div', { class: 'shift-head' },
          h('time', null, s.month), ' ',
          h('b', null, `${s.direction === 'up' ? '↑' : '↓'} ${this.name(s.partner.code)}`), ' ',
          h('span', { class: 'kind' }, t('kind.' + s.kind)), ' ',
          h('span', { class: 'muted' }, t('shifts.confidence', { c: s.confidence.toFixed(3) }))),
        h('div', { class: 'muted' }, `${rate(s.before)} → ${rate(s.after)}`),
        toggle, detail));
    }
  }

  resize() { if (this.chart) this.chart.resize(); }
}

function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
