// echarts views: a pair's timeline (acts by quad class as stacked bars, the
// cooperation–conflict score as a line) and the world map coloured by
// relations with one country. Only the chart types used are bundled.

import * as echarts from 'echarts/core';
import { BarChart, LineChart, MapChart } from 'echarts/charts';
import { GridComponent, TooltipComponent, LegendComponent, DataZoomComponent, MarkAreaComponent } from 'echarts/components';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import { t } from './i18n.js';
import { QUAD_COLOURS, NO_EVENTS, scoreColour, fmtScore } from './util.js';

echarts.use([BarChart, LineChart, MapChart, GridComponent, TooltipComponent, LegendComponent,
  DataZoomComponent, MarkAreaComponent, CanvasRenderer, SVGRenderer]);

// shown reports whether el is laid out with a size: echarts' resize of a
// chart in a hidden tab (display: none) throws inside echarts once a map
// has been drawn, so hidden charts wait until their tab is shown.
function shown(el) {
  return el.offsetWidth > 0 && el.offsetHeight > 0;
}

const QUADS = ['verbal_coop', 'material_coop', 'verbal_conflict', 'material_conflict'];

export class Timeline {
  constructor(el) {
    this.el = el;
    this.chart = null;
  }

  // show draws a /api/pairs/{a}/{b}/series answer; period is the page's
  // [from, to] (YYYY-MM), shaded on the chart.
  show(series, period) {
    // Made on first use, when the element is visible and has a size.
    if (!this.chart) this.chart = echarts.init(this.el);
    this.resize();
    const x = series.points.map((p) => p.period);
    const bars = QUADS.map((q, i) => ({
      name: t('q' + (i + 1)), type: 'bar', stack: 'acts', itemStyle: { color: QUAD_COLOURS[i] },
      data: series.points.map((p) => p.counts[q]), emphasis: { focus: 'series' },
    }));
    const line = {
      name: t('score'), type: 'line', yAxisIndex: 1, connectNulls: false, symbolSize: 5,
      itemStyle: { color: '#333' }, lineStyle: { width: 1.5 },
      data: series.points.map((p) => (p.events ? Number(p.score.toFixed(2)) : null)),
    };
    const shade = periodArea(x, period);
    if (shade) bars[0].markArea = { silent: true, itemStyle: { color: 'rgba(245,183,0,0.10)' }, data: [shade] };
    this.option = {
      animation: false,
      grid: { left: 36, right: 40, top: 52, bottom: 58 },
      legend: { top: 0, itemWidth: 12, itemHeight: 10, textStyle: { fontSize: 11 } },
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      xAxis: { type: 'category', data: x, axisLabel: { fontSize: 10 } },
      yAxis: [
        { type: 'value', minInterval: 1, axisLabel: { fontSize: 10 } },
        { type: 'value', min: -10, max: 10, splitLine: { show: false }, axisLabel: { fontSize: 10 } },
      ],
      dataZoom: [{ type: 'inside' }, { type: 'slider', height: 16, bottom: 6 }],
      series: [...bars, line],
    };
    this.chart.setOption(this.option, true);
    this.el.dataset.points = String(series.points.length);
    this.el.dataset.events = String(series.points.reduce((n, p) => n + p.events, 0));
  }

  resize() { if (this.chart && shown(this.el)) this.chart.resize(); }

  // png returns the chart as drawn, at twice its resolution, on white (a
  // data: URL).
  png() {
    return this.chart ? this.chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }) : null;
  }

  // svg returns the chart as an SVG document: the same option drawn by
  // echarts' SVG renderer, without the zoom slider.
  svg() {
    if (!this.option) return null;
    const width = this.el.offsetWidth || 600;
    const height = this.el.offsetHeight || 260;
    const c = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
    c.setOption({ ...this.option, dataZoom: [], backgroundColor: '#fff', grid: { ...this.option.grid, bottom: 30 } });
    const out = c.renderToSVGString();
    c.dispose();
    return out;
  }
}

function periodArea(x, [from, to]) {
  if (!from && !to) return null;
  const lo = x.find((p) => !from || p >= from);
  const hi = [...x].reverse().find((p) => !to || p.slice(0, 7) <= to);
  if (!lo || !hi || lo > hi) return null;
  return [{ xAxis: lo }, { xAxis: hi }];
}

export class WorldMap {
  constructor(el, onClick) {
    this.el = el;
    this.chart = null;
    this.onClick = onClick;
    this.ready = null;
  }

  // load fetches the country shapes (GeoJSON built from world-atlas, ids
  // as ISO 3166-1 alpha-3) once.
  load() {
    if (!this.ready) {
      this.ready = fetch('world.json').then((r) => r.json()).then((geo) => {
        echarts.registerMap('world', geo);
        this.codes = new Set(geo.features.map((f) => f.properties.iso));
      });
    }
    return this.ready;
  }

  // show colours every country by its mean score with focus over the
  // period's network edges; rows are {code, count, score}. Partners are
  // filled from the score ramp and outlined; countries without events stay
  // NO_EVENTS, lighter than any colour of the ramp, so a partner whose
  // acts average out near 0 never looks like one without events.
  async show(focus, rows, name) {
    await this.load();
    if (!this.chart) {
      this.chart = echarts.init(this.el);
      this.chart.on('click', (p) => { if (p.data && p.data.count) this.onClick(p.data.name); });
    }
    this.resize();
    const data = rows.filter((r) => this.codes.has(r.code)).map((r) => ({
      name: r.code, value: Number(r.score.toFixed(2)), count: r.count,
      itemStyle: { areaColor: scoreColour(r.score), borderColor: '#555', borderWidth: 0.6 },
    }));
    data.push({ name: focus, value: '-', itemStyle: { areaColor: '#f5b700', borderColor: '#7a5b00' }, focus: true });
    this.fills = new Map(data.map((d) => [d.name, d.itemStyle.areaColor]));
    this.chart.setOption({
      animation: false,
      tooltip: {
        trigger: 'item',
        formatter: (p) => {
          const d = p.data;
          const who = name(p.name);
          if (!d) return `<b>${esc(who)}</b><br>${esc(t('map.noevents'))}`;
          if (d.focus) return `<b>${esc(who)}</b>`;
          return `<b>${esc(who)}</b><br>${d.count} ${esc(t('events'))} · ${esc(t('score'))} ${fmtScore(d.value)}`;
        },
      },
      series: [{
        type: 'map', map: 'world', nameProperty: 'iso', roam: true, zoom: 1.1, selectedMode: false,
        itemStyle: { areaColor: NO_EVENTS, borderColor: '#fff', borderWidth: 0.5 },
        emphasis: { label: { show: false }, itemStyle: { areaColor: '#ffd966' } },
        data,
      }],
    }, true);
    this.el.dataset.coloured = String(data.length - 1);
    this.el.dataset.focus = focus;
  }

  // colourOf returns the fill the map gives code ("" before the first map).
  colourOf(code) {
    if (!this.fills) return '';
    return this.fills.get(code) || NO_EVENTS;
  }

  has(code) { return this.codes ? this.codes.has(code) : false; }

  resize() { if (this.chart && shown(this.el)) this.chart.resize(); }
}

function esc(s) {
  return String(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}
