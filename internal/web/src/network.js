// The network of states for a period: cytoscape, nodes sized by events,
// edges coloured from conflict to cooperation and as wide as their count.
// Node positions come from one layout of the whole record (setLayout), so
// a state stays where it is when the period changes; labels keep a
// readable size on screen whatever the zoom.

import cytoscape from 'cytoscape';
import { scoreColour } from './util.js';

export class NetworkView {
  constructor(el, { onEdge, onNode }) {
    this.el = el;
    this.onEdge = onEdge;
    this.onNode = onNode;
    this.cy = null;
    this.data = null;
    this.positions = new Map(); // code → {x, y}, from setLayout
  }

  // setLayout lays out a network (the record's whole one, /api/network with
  // no period) once; show then places every node where this layout put it.
  setLayout(data) {
    const elements = [];
    const n = data.nodes.length;
    data.nodes.forEach((nd, i) => {
      const a = (2 * Math.PI * i) / Math.max(1, n);
      elements.push({ group: 'nodes', data: { id: nd.code }, position: { x: 300 * Math.cos(a), y: 300 * Math.sin(a) } });
    });
    for (const e of data.edges) elements.push({ group: 'edges', data: { id: edgeID(e.source, e.target), source: e.source, target: e.target } });
    const dense = n > 20 || data.edges.length > 60;
    // Headless and from a circle: the same record gives the same layout.
    const cy = cytoscape({ headless: true, styleEnabled: true, elements });
    cy.nodes().style({ width: 30, height: 30 });
    cy.layout({
      name: 'cose', animate: false, randomize: false, padding: 30,
      nodeRepulsion: () => (dense ? 400000 : 90000), idealEdgeLength: () => (dense ? 150 : 90),
      nodeOverlap: 20, gravity: dense ? 0.5 : 1,
    }).run();
    this.positions = new Map(cy.nodes().map((nd) => [nd.id(), { ...nd.position() }]));
    cy.destroy();
  }

  // place returns a node's position: its place in the whole layout, else
  // near its linked nodes that have one, else on a ring outside.
  place(code, edges, i, n) {
    const p = this.positions.get(code);
    if (p) return { ...p };
    const near = edges.filter((e) => e.source === code || e.target === code)
      .map((e) => this.positions.get(e.source === code ? e.target : e.source)).filter(Boolean);
    if (near.length) {
      const x = near.reduce((s, q) => s + q.x, 0) / near.length;
      const y = near.reduce((s, q) => s + q.y, 0) / near.length;
      return { x: x + 40, y: y + 40 };
    }
    const a = (2 * Math.PI * i) / Math.max(1, n);
    return { x: 600 * Math.cos(a), y: 600 * Math.sin(a) };
  }

  // show draws the network answer of /api/network; names maps codes to
  // labels in the current language. A dense network (more than maxEdges
  // edges) shows its strongest edges only, unless all is set; shown and
  // total say how many.
  show(data, name, { all = false } = {}) {
    this.data = data;
    let edges = data.edges;
    if (!all && edges.length > maxEdges) {
      edges = [...edges].sort((a, b) => b.count - a.count || edgeID(a.source, a.target).localeCompare(edgeID(b.source, b.target))).slice(0, maxEdges);
    }
    this.shown = edges.length;
    this.total = data.edges.length;
    const linked = new Set(edges.flatMap((e) => [e.source, e.target]));
    const nodes = edges.length < data.edges.length ? data.nodes.filter((nd) => linked.has(nd.code)) : data.nodes;
    const maxN = Math.max(1, ...nodes.map((n) => n.events));
    const maxE = Math.max(1, ...edges.map((e) => e.count));
    const n = nodes.length;
    const dense = n > 20 || edges.length > 60;
    // Fewer, smaller nodes and thinner, fainter weak edges when crowded.
    const big = dense ? 30 : 52;
    const small = dense ? 10 : 18;
    const elements = [];
    const laidOut = this.positions.size > 0;
    nodes.forEach((nd, i) => {
      // Without a whole layout, a circle as the starting layout makes the
      // force layout repeatable.
      const a = (2 * Math.PI * i) / Math.max(1, n);
      elements.push({
        group: 'nodes',
        data: { id: nd.code, label: name(nd.code), events: nd.events, size: small + (big - small) * Math.sqrt(nd.events / maxN), org: !/^[A-Z]{3}$/.test(nd.code) },
        position: laidOut ? this.place(nd.code, edges, i, n) : { x: 300 * Math.cos(a), y: 300 * Math.sin(a) },
      });
    });
    for (const e of edges) {
      const w = Math.sqrt(e.count / maxE);
      elements.push({
        group: 'edges',
        data: {
          id: edgeID(e.source, e.target), source: e.source, target: e.target, count: e.count, score: e.score,
          colour: scoreColour(e.score), width: (dense ? 1 : 1.5) + (dense ? 7 : 10) * w, opacity: dense ? 0.25 + 0.65 * w : 0.85,
        },
      });
    }
    if (this.cy) this.cy.destroy();
    this.cy = cytoscape({
      container: this.el,
      elements,
      minZoom: 0.2,
      maxZoom: 4,
      wheelSensitivity: 0.3,
      style: [
        { selector: 'node', style: {
          'background-color': '#445', label: 'data(label)', width: 'data(size)', height: 'data(size)',
          'font-size': 12, color: '#222', 'text-valign': 'bottom', 'text-margin-y': 3,
          'text-background-color': '#fff', 'text-background-opacity': 0.7, 'text-background-padding': 1,
        } },
        { selector: 'node[?org]', style: { shape: 'round-rectangle', 'background-color': '#7a6a9a' } },
        { selector: 'edge', style: {
          width: 'data(width)', 'line-color': 'data(colour)', 'curve-style': 'bezier', opacity: 'data(opacity)',
        } },
        { selector: 'edge:selected', style: { 'overlay-color': '#f5b700', 'overlay-opacity': 0.35, 'overlay-padding': 4 } },
        { selector: '.faded', style: { opacity: 0.12 } },
        { selector: 'node.focus', style: { 'background-color': '#d48a00' } },
      ],
      layout: { name: 'preset' },
    });
    if (!laidOut) {
      this.cy.layout({
        name: 'cose', animate: false, randomize: false, padding: 30,
        nodeRepulsion: () => (dense ? 400000 : 90000), idealEdgeLength: () => (dense ? 150 : 90),
        nodeOverlap: 20, gravity: dense ? 0.5 : 1,
      }).run();
    }
    this.cy.fit(undefined, 30);
    this.cy.on('zoom', () => this.scaleLabels());
    this.scaleLabels();
    this.cy.on('tap', 'edge', (ev) => {
      const d = ev.target.data();
      this.select(d.source, d.target);
      this.onEdge(d.source, d.target);
    });
    this.cy.on('tap', 'node', (ev) => this.focus(ev.target.id()));
    this.cy.on('tap', (ev) => { if (ev.target === this.cy) this.focus(null); });
    this.el.dataset.state = 'ready';
    this.el.dataset.nodes = data.nodes.map((x) => x.code).join(' ');
  }

  // scaleLabels keeps labels at labelPx on screen: cytoscape draws text in
  // model units, which a fit to a large network shrinks to a few pixels.
  scaleLabels() {
    const z = this.cy.zoom();
    const px = (v) => Math.round((v / z) * 100) / 100;
    this.cy.style().selector('node').style({
      'font-size': px(labelPx), 'text-margin-y': px(3), 'text-background-padding': px(1.5),
      'text-outline-width': 0,
    }).update();
  }

  // png returns the network as drawn, at twice its resolution, on white.
  png() {
    return this.cy ? this.cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff' }) : null;
  }

  relabel(name) {
    if (!this.cy) return;
    this.cy.nodes().forEach((n) => n.data('label', name(n.id())));
  }

  select(a, b) {
    if (!this.cy) return;
    this.cy.elements().unselect();
    const e = this.cy.getElementById(edgeID(a, b));
    if (e.nonempty()) e.select();
  }

  focus(code) {
    const cy = this.cy;
    if (!cy) return;
    cy.elements().removeClass('faded focus');
    if (!code) {
      this.onNode(null);
      return;
    }
    const n = cy.getElementById(code);
    if (n.empty()) return;
    const keep = n.closedNeighborhood();
    cy.elements().not(keep).addClass('faded');
    n.addClass('focus');
    this.onNode(code);
  }

  resize() {
    if (this.cy) {
      this.cy.resize();
      this.cy.fit(undefined, 30);
    }
  }
}

// maxEdges is how many edges a network shows before it keeps its strongest.
export const maxEdges = 120;

// labelPx is the size of node labels on screen, in CSS pixels.
export const labelPx = 13;

// edgeID names the undirected edge between a and b.
export function edgeID(a, b) {
  return a < b ? `${a}~${b}` : `${b}~${a}`;
}
