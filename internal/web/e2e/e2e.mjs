// End-to-end test of mitra's web page in a real browser: Debian's chromium
// driven by playwright-core (no browser download). internal/web's Go test
// TestBrowser starts `mitra demo` on loopback and runs this script:
//
//   node e2e/e2e.mjs http://127.0.0.1:PORT/ SHOTS_DIR
//
// It opens the page on the demo data, checks the network shows the
// expected states with readable labels, downloads the network (GEXF, PNG),
// clicks the Mali–France edge on the canvas, checks the pair's timeline and
// events and downloads the chart (PNG, SVG), opens an event's source page
// and checks the evidence sentence is highlighted and in view and that its
// citation names the report, colours the map (a near-neutral partner
// unlike a country without events, organisations beside it) and resizes
// after it, lists the acts of the header's period newest first with their
// total, reports, outlets and titles, downloads them (CSV, JSONL), follows
// a change of period (and keeps every state in its place in the network),
// shows an API error in Indonesian, filters the list, pastes a page and
// checks its events, and switches the labels to English; then checks that
// the page's counts of left-out events are the API's, and, with the review
// token ($MITRA_E2E_TOKEN), marks an event wrong and corrects another, and
// sees the network, the pair's series, the shift view and the page's
// corrections follow. Screenshots of
// each step go to SHOTS_DIR. Any failed check, page error or console error
// exits 1.

import { chromium } from 'playwright-core';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [base, shots = 'shots'] = process.argv.slice(2);
if (!base) {
  console.error('usage: node e2e/e2e.mjs URL [SHOTS_DIR]');
  process.exit(2);
}
mkdirSync(shots, { recursive: true });

const STATES = ['RUS', 'MLI', 'FRA', 'NER', 'USA', 'CHN', 'IDN', 'MYS'];

// A page written for this test, in Indonesian news style, about an
// invented meeting.
const PASTED = `Beranda  Internasional  Ekonomi  Olahraga

Indonesia dan Malaysia Teken Nota Kesepahaman Perbatasan

Kamis, 14 November 2024 | 16:20 WIB

KUCHING, KABARNUSA.ID — Indonesia dan Malaysia menandatangani nota kesepahaman tentang pengelolaan pos lintas batas di Kuching, Sarawak, pada Kamis (14/11). Penandatanganan dilakukan oleh Menteri Dalam Negeri kedua negara disaksikan para gubernur dari wilayah perbatasan.

Pemerintah Malaysia juga menyerahkan bantuan alat kesehatan kepada Indonesia untuk puskesmas di Kalimantan Barat.

Baca juga: Harga Cabai di Pontianak Naik Jelang Akhir Tahun

(ant/red)`;

const failures = [];
function check(ok, what) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}`);
  if (!ok) failures.push(what);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--disable-dev-shm-usage'],
});
const page = await browser.newPage({ viewport: { width: 1400, height: 900 }, locale: 'id-ID' });
const pageErrors = [];
page.on('pageerror', (err) => pageErrors.push(`page error: ${err.message}`));
page.on('console', (msg) => { if (msg.type() === 'error') pageErrors.push(`console: ${msg.text()}`); });
page.setDefaultTimeout(20000);
const shot = (name) => page.screenshot({ path: join(shots, name) });

// download clicks selector and returns the file it downloads, with its
// suggested name.
async function download(selector) {
  const [dl] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = await dl.path();
  return { name: dl.suggestedFilename(), body: readFileSync(path) };
}
const isPNG = (b) => b.length > 1000 && b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
// apiData fetches an API answer's data in the page.
const apiData = (url) => page.evaluate(async (u) => (await (await fetch(u)).json()).data, url);
// csvRows counts the records of a CSV (quoted line breaks inside fields).
function csvRecords(text) {
  let n = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (c === '\n' && !quoted) n++;
  }
  return n;
}
try {
  // 1. The network of states, labels in Indonesian.
  await page.goto(new URL('#lang=id', base).href);
  await page.waitForSelector('body[data-ready="1"]');
  await page.waitForSelector('#net[data-state="ready"]');
  const nodes = (await page.getAttribute('#net', 'data-nodes')).split(' ');
  for (const s of STATES) check(nodes.includes(s), `network shows ${s} (${nodes.length} nodes)`);
  check((await page.textContent('button[data-tab="network"]')) === 'Jaringan', 'tab label in Indonesian');
  // The server takes corrections: the Review button shows, labelled, before anyone signs in.
  await page.waitForFunction(() => !document.querySelector('#review-toggle').hidden);
  const reviewLabel = (await page.textContent('#review-toggle')).trim();
  check(reviewLabel === 'Tinjau', `the Review button is labelled before signing in (got ${JSON.stringify(reviewLabel)})`);
  const frLabel = await page.evaluate(() => window.mitra.cy.getElementById('FRA').data('label'));
  check(frLabel === 'Prancis', `France's label in Indonesian: ${frLabel}`);
  // Labels are drawn at a readable size on screen, whatever the zoom.
  const labelPx = await page.evaluate(() => {
    const cy = window.mitra.cy;
    return Math.min(...cy.nodes().map((n) => parseFloat(n.style('font-size')) * cy.zoom()));
  });
  check(labelPx >= 12, `node labels are ${labelPx.toFixed(1)} px on screen (at least 12)`);
  // The score is explained on the page.
  await page.click('#about-score summary');
  const about = await page.textContent('#about-score p');
  check(await page.locator('#about-score p').isVisible() && about.includes('−10') && about.includes('+10') && about.includes('sekali'),
    'the score is explained on the page');
  await page.click('#about-score summary');
  await shot('01-network.png');
  // The network downloads: GEXF 1.2 for Gephi over the period, and a PNG.
  const gexf = await download('#dl-gexf');
  const gx = gexf.body.toString();
  check(gexf.name.endsWith('.gexf') && gx.includes('version="1.2"') && gx.includes('timeformat="date"') && gx.includes('<spells>') && gx.includes('id="FRA"'),
    `the network downloads as GEXF 1.2 with spells (${gexf.name}, ${gexf.body.length} bytes)`);
  const netPNG = await download('#dl-net-png');
  check(isPNG(netPNG.body) && netPNG.body.length > 10000, `the network downloads as PNG (${netPNG.name}, ${netPNG.body.length} bytes)`);

  // 2. Click the Mali–France edge on the canvas; try points along the
  // edge in case another edge crosses at its middle.
  let opened = '';
  for (const f of [0.5, 0.4, 0.6, 0.3, 0.7]) {
    const pt = await page.evaluate((f) => {
      const cy = window.mitra.cy;
      const e = cy.getElementById('FRA~MLI');
      if (e.empty()) return null;
      const s = e.source().renderedPosition();
      const t = e.target().renderedPosition();
      const m = e.renderedMidpoint();
      // A point on the quadratic curve through s, m, t (m at f=0.5).
      const c = { x: 2 * m.x - (s.x + t.x) / 2, y: 2 * m.y - (s.y + t.y) / 2 };
      const q = (a, b, d) => (1 - f) * (1 - f) * a + 2 * (1 - f) * f * b + f * f * d;
      const box = cy.container().getBoundingClientRect();
      return { x: box.left + q(s.x, c.x, t.x), y: box.top + q(s.y, c.y, t.y) };
    }, f);
    check(pt !== null || f !== 0.5, 'the network has a Mali–France edge');
    if (!pt) break;
    await page.mouse.click(pt.x, pt.y);
    await page.waitForTimeout(150);
    opened = (await page.getAttribute('#pair', 'data-pair')) || '';
    if (opened === 'FRA,MLI' || opened === 'MLI,FRA') break;
  }
  check(opened === 'FRA,MLI' || opened === 'MLI,FRA', `clicking the edge opens the pair (${opened})`);
  await page.waitForSelector('#pair[data-state="ready"]');
  const title = await page.textContent('#pair-title');
  check(title.includes('Mali') && title.includes('Prancis'), `pair title: ${title}`);
  const chartEvents = Number(await page.getAttribute('#pair-chart', 'data-events'));
  check(chartEvents > 0, `the timeline counts ${chartEvents} events`);
  check(await page.locator('#pair-chart canvas').count() > 0, 'the timeline is drawn');
  const items = await page.locator('#pair-events li.ev').count();
  check(items > 0, `the pair lists ${items} events`);
  const src = await page.textContent('#pair-events li.ev .src');
  check(/\.example · ./.test(src), `a listed event shows its outlet and title: ${src}`);
  await shot('02-pair.png');
  // The chart downloads as PNG and SVG.
  const chartPNG = await download('#dl-chart-png');
  check(isPNG(chartPNG.body), `the chart downloads as PNG (${chartPNG.name}, ${chartPNG.body.length} bytes)`);
  const chartSVG = await download('#dl-chart-svg');
  const svg = chartSVG.body.toString();
  check(chartSVG.name.endsWith('.svg') && svg.startsWith('<svg') && svg.trimEnd().endsWith('</svg>') && svg.includes('<path'),
    `the chart downloads as SVG (${chartSVG.name}, ${svg.length} characters)`);

  // 3. An event opens its source page with the evidence highlighted.
  const first = page.locator('#pair-events li.ev .sentence').first();
  const sentence = (await first.textContent()).trim();
  await first.click();
  await page.waitForSelector('#doc[data-state="ready"]');
  const mark = page.locator('#doc-text mark.current');
  check(await mark.count() > 0, 'the source page has the evidence marked');
  const marked = (await mark.allTextContents()).join('').replace(/\s+/g, ' ').trim();
  check(marked === sentence.replace(/\s+/g, ' '), `the marked text is the event's sentence: "${marked.slice(0, 80)}…"`);
  const inView = await mark.first().evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight && r.height > 0;
  });
  check(inView, 'the evidence is scrolled into view');
  const bg = await mark.first().evaluate((el) => getComputedStyle(el).backgroundColor);
  check(bg !== 'rgba(0, 0, 0, 0)', `the evidence is highlighted (${bg})`);
  await shot('03-evidence.png');
  // A citation of the event: its report (outlet, title, address) and the
  // act as coded, to copy or download.
  const docTitle = await page.textContent('#doc-title');
  await page.click('#doc-cite');
  const cite = await page.inputValue('#cite-text');
  check(cite.includes(docTitle) && /https:\/\/[a-z]+\.example\//.test(cite) && cite.includes('Bukti:') && cite.includes(sentence.slice(0, 40)),
    `the citation names the report and the evidence: ${cite.split('\n')[0].slice(0, 100)}…`);
  const citeFile = await download('#cite-download');
  check(citeFile.name.endsWith('.txt') && citeFile.body.toString().trim() === cite.trim(), `the citation downloads (${citeFile.name})`);
  await shot('12-citation.png');
  await page.keyboard.press('Escape');
  check(await page.locator('#doc').isHidden(), 'Escape closes the source page');

  // 4. The map of one country's relations.
  await page.click('button[data-tab="map"]');
  await page.selectOption('#map-focus', 'RUS');
  await page.waitForSelector('#map[data-focus="RUS"]');
  const coloured = Number(await page.getAttribute('#map', 'data-coloured'));
  check(coloured >= 3, `the map colours ${coloured} partners of Russia`);
  check(await page.locator('#map canvas').count() > 0, 'the map is drawn');
  const side = await page.textContent('#side-list h2');
  check(side.includes('Rusia'), `the side panel lists Russia's partners: ${side}`);
  await shot('04-map.png');
  // Niger and the United States average out near 0 (−0.2): their colour
  // must not be the light grey of a country without events (Brazil).
  await page.selectOption('#map-focus', 'NER');
  await page.waitForSelector('#map[data-focus="NER"]');
  const [usa, bra] = await page.evaluate(() => [window.mitra.worldMap.colourOf('USA'), window.mitra.worldMap.colourOf('BRA')]);
  const rgb = (c) => (c.startsWith('#') ? [1, 3, 5].map((i) => parseInt(c.slice(i, i + 2), 16)) : c.match(/\d+/g).map(Number));
  const dist = Math.hypot(...rgb(usa).map((v, i) => v - rgb(bra)[i]));
  check(dist > 60, `a near-neutral partner (${usa}) is drawn unlike a country without events (${bra}): distance ${dist.toFixed(0)}`);
  // Organisations are listed beside the map, and open their pair.
  const orgs = await page.locator('#map-orgs button.org').evaluateAll((bs) => bs.map((b) => b.dataset.code));
  check(orgs.includes('ECOWAS'), `Niger's organisations beside the map: ${orgs.join(', ')}`);
  await shot('13-map-orgs.png');
  await page.click('#map-orgs button.org[data-code="ECOWAS"]');
  await page.waitForFunction(() => ['NER,ECOWAS', 'ECOWAS,NER'].includes(document.querySelector('#pair').dataset.pair) && document.querySelector('#pair').dataset.state === 'ready');
  check(true, 'an organisation opens its pair with Niger');
  // Resizing after the map was opened (on this tab and on another) throws
  // nothing (pageErrors would hold it).
  await page.setViewportSize({ width: 1200, height: 800 });
  await page.click('button[data-tab="network"]');
  await page.setViewportSize({ width: 1000, height: 760 });
  await page.click('button[data-tab="map"]');
  await page.setViewportSize({ width: 1400, height: 900 });
  await page.waitForTimeout(200);
  check(!pageErrors.some((e) => e.includes('TypeError')), 'resizing after the map was opened throws no TypeError');

  // 5. The events tab: the acts of the header's period, newest first, with
  // their total, reports, outlet and title.
  await page.click('button[data-tab="events"]');
  await page.waitForSelector('#events-table[data-state="ready"]');
  const actsOf = () => page.locator('#events-table tbody tr.act').evaluateAll((trs) => trs.map((tr) => ({
    id: tr.dataset.act, type: tr.dataset.type, first: tr.dataset.first, reports: Number(tr.dataset.reports),
    src: tr.querySelector('td.src').textContent,
  })));
  const checkActs = async (from, to, what) => {
    const list = await actsOf();
    const total = Number(await page.getAttribute('#events-table', 'data-total'));
    const want = await apiData(`/api/acts?from=${from}&to=${to}&limit=1`);
    check(list.length > 0 && total === want.total && (await page.textContent('#events-summary')).includes(String(total)),
      `${what}: ${list.length} acts listed of a total of ${total} (API: ${want.total})`);
    const lo = `${from}-01`;
    const hi = `${to}-31`;
    check(list.every((a) => a.first >= lo && a.first <= hi), `${what}: every act lies in ${from} – ${to}`);
    check(list.every((a, i) => i === 0 || a.first <= list[i - 1].first), `${what}: newest first`);
    check(list.every((a) => /\.example/.test(a.src) && !/^id-\d{4}/.test(a.src.trim())), `${what}: each act shows its outlet and title, not a slug`);
    return list;
  };
  const [pf, pt] = [await page.inputValue('#period-from'), await page.inputValue('#period-to')];
  const listed = await checkActs(pf, pt, 'the events tab');
  // An act reported by several pages lists them.
  const multi = listed.find((a) => a.reports > 1);
  check(multi, 'an act with several reports is listed');
  await page.click(`#events-table tr.act[data-act="${multi.id}"] button.reports`);
  const reps = await page.locator(`#events-table tr.act-reports[data-act="${multi.id}"] li`).count();
  check(reps === multi.reports, `"${multi.reports} laporan" opens its ${reps} reports`);
  await shot('05-events.png');
  // The events download as CSV and JSONL: every event (mention) of the
  // period, with its page.
  const evCount = (await apiData(`/api/events?from=${pf}&to=${pt}&limit=1000`)).events.length;
  const csvFile = await download('#dl-csv');
  const csvText = csvFile.body.toString();
  const csvHeader = csvText.slice(0, csvText.indexOf('\r\n')).split(',');
  check(csvFile.name.endsWith('.csv') && ['url', 'outlet', 'title', 'date_precision'].every((c) => csvHeader.includes(c)) && csvRecords(csvText) === evCount + 1,
    `the events download as CSV (${csvFile.name}: ${csvRecords(csvText) - 1} rows, ${evCount} events)`);
  const jsonlFile = await download('#dl-jsonl');
  const lines = jsonlFile.body.toString().trim().split('\n').map((l) => JSON.parse(l));
  check(lines.length === evCount && lines.every((e) => e.url.startsWith('https://') && e.title), `the events download as JSONL (${lines.length} records with url and title)`);

  // A new period in the header: the events tab follows it, and no state
  // moves in the network.
  const before = await page.evaluate(() => ({ ...window.mitra.cy.getElementById('FRA').position() }));
  await page.fill('#period-from', '2023-06');
  await page.fill('#period-to', '2023-12');
  await page.dispatchEvent('#period', 'change');
  await page.waitForFunction(() => document.querySelector('#events-table').dataset.period === '2023-06_2023-12' && document.querySelector('#events-table').dataset.state === 'ready');
  await checkActs('2023-06', '2023-12', 'after a change of period');
  check((await page.textContent('#events-period')).includes('2023-06'), 'the events tab names the period');
  await page.waitForFunction(() => window.mitra.state.from === '2023-06' && document.querySelector('#net').dataset.state === 'ready');
  const after = await page.evaluate(() => ({ ...window.mitra.cy.getElementById('FRA').position() }));
  check(Math.abs(before.x - after.x) < 0.5 && Math.abs(before.y - after.y) < 0.5,
    `France stays in place when the period changes (${before.x.toFixed(0)},${before.y.toFixed(0)} → ${after.x.toFixed(0)},${after.y.toFixed(0)})`);
  await shot('14-events-period.png');

  // An API error is told in the page's language. The browser logs the 400
  // and the page logs the server's English message to the console: both
  // are expected here, and only here.
  const logged = pageErrors.length;
  await page.fill('#filters input[name="pair"]', 'Narnia,Mali');
  await page.click('#filters button[type="submit"]');
  await page.waitForSelector('#events-table[data-state="error"]');
  const errMsg = await page.textContent('#events-summary');
  check(errMsg.startsWith('Galat') && errMsg.includes('periksa isian') && !/unknown|party/i.test(errMsg), `an API error in Indonesian: ${errMsg}`);
  const expected = pageErrors.splice(logged);
  check(expected.every((e) => /400|Narnia/.test(e)), `only the expected error was logged: ${expected.length} lines`);
  await page.fill('#filters input[name="pair"]', '');

  // The list with a filter.
  await page.selectOption('#f-type', 'SANCTION');
  await page.click('#filters button[type="submit"]');
  await page.waitForFunction(() => {
    const rows = document.querySelectorAll('#events-table tbody tr.act');
    return document.querySelector('#events-table').dataset.state === 'ready' && rows.length > 0 &&
      [...rows].every((r) => r.dataset.type === 'SANCTION');
  });
  const rows = await page.locator('#events-table tbody tr.act').count();
  check(rows > 0, `filtering by SANCTION lists ${rows} sanctions and nothing else`);
  await page.click('#filters button[type="reset"]');

  // 6. Paste a page and see its events at once.
  await page.click('button[data-tab="paste"]');
  await page.fill('#paste-text', PASTED);
  await page.fill('#paste input[name="pub_date"]', '2024-11-14');
  await page.click('#paste button[type="submit"]');
  await page.waitForSelector('#paste[data-state="ready"]');
  const pasted = await page.locator('#paste-events li.ev').evaluateAll((lis) => lis.map((li) => ({
    type: li.dataset.type, who: li.querySelector('.who').textContent,
  })));
  console.log('     pasted page events:', JSON.stringify(pasted));
  check(pasted.some((e) => e.type === 'SUPPORT' && e.who.includes('Indonesia ↔ Malaysia')),
    'the pasted page gives the Indonesia–Malaysia signing (SUPPORT)');
  check(pasted.some((e) => e.type === 'AID' && e.who.startsWith('Malaysia') && e.who.endsWith('Indonesia')),
    "the pasted page gives Malaysia's aid to Indonesia (AID)");
  check(await page.locator('#paste-doc mark').count() > 0, "the pasted page's evidence is marked");
  await shot('06-paste.png');

  // 7. English labels, with the Mali–France pair open.
  await page.evaluate(() => window.mitra.openPair('FRA', 'MLI'));
  await page.waitForFunction(() => document.querySelector('#pair').dataset.pair === 'FRA,MLI' && document.querySelector('#pair').dataset.state === 'ready');
  await page.click('[data-lang="en"]');
  await page.click('button[data-tab="network"]');
  check((await page.textContent('button[data-tab="network"]')) === 'Network', 'tab label in English');
  const frEn = await page.evaluate(() => window.mitra.cy.getElementById('FRA').data('label'));
  check(frEn === 'France', `France's label in English: ${frEn}`);
  check((await page.textContent('#pair-title')).includes('France'), 'the open pair is relabelled');
  await shot('07-english.png');

  // 8. A link to another view, followed in the open page: the fragment
  // rules (tab, period, pair, language).
  await page.evaluate(() => { location.hash = '#tab=network&from=2023-01&to=2024-06&pair=NER,USA&lang=id'; });
  await page.waitForFunction(() => document.querySelector('#pair').dataset.pair === 'NER,USA' && document.querySelector('#pair').dataset.state === 'ready');
  check((await page.textContent('button[data-tab="network"]')) === 'Jaringan', 'a followed link switches the language back to Indonesian');
  check((await page.inputValue('#period-from')) === '2023-01', 'a followed link sets the period');
  check((await page.textContent('#pair-title')).includes('Amerika Serikat'), 'a followed link opens its pair');
  await page.evaluate(() => { location.hash = '#tab=events&from=2023-01&to=2024-06&lang=id'; });
  await page.waitForFunction(() => !document.querySelector('#view-events').hidden);
  check(await page.locator('#view-network').isHidden(), 'a followed link switches the tab');

  // 9. Nothing silently dropped: the counts the page shows of the events
  // each view left out are the API's.
  await page.evaluate(() => { location.hash = '#tab=network&from=2023-06&to=2024-06&pair=FRA,MLI&lang=en'; });
  await page.waitForFunction(() => document.querySelector('#pair').dataset.state === 'ready' && document.querySelector('#period-from').value === '2023-06');
  await page.waitForFunction(() => window.mitra.net && window.mitra.net.from === '2023-06');
  const leftOut = async (sel, url) => {
    const shown = await page.evaluate((sel) => ({ ...document.querySelector(sel).dataset }), sel);
    const api = await page.evaluate(async (url) => (await (await fetch(url)).json()).data.left_out, url);
    const same = Number(shown.total) === api.total && Number(shown.undated) === api.undated &&
      Number(shown.outside) === api.outside_period && Number(shown.low) === api.low_confidence && Number(shown.placed) === api.placed;
    check(same, `${sel} shows ${shown.total} left out (${shown.outside} outside, ${shown.undated} undated, ${shown.placed} placed), the API ${api.total} (${api.outside_period}, ${api.undated}, ${api.placed})`);
    return api;
  };
  const netLeft = await leftOut('#net-left', '/api/network?from=2023-06&to=2024-06');
  check(netLeft.outside_period > 0, `the network of June 2023 – June 2024 leaves out ${netLeft.outside_period} events (the decade before)`);
  await leftOut('#pair-left', '/api/events?pair=FRA,MLI&from=2023-06&to=2024-06&limit=50');
  await page.selectOption('#undated', 'date');
  await page.waitForFunction(() => Number(document.querySelector('#net-left').dataset.undated) > 0);
  await leftOut('#net-left', '/api/network?from=2023-06&to=2024-06&undated=date');
  await leftOut('#pair-left', '/api/events?pair=FRA,MLI&from=2023-06&to=2024-06&limit=50&undated=date');
  await shot('08-left-out.png');
  await page.selectOption('#min-conf', '0.9');
  await page.waitForFunction(() => Number(document.querySelector('#net-left').dataset.low) > 0);
  await leftOut('#net-left', '/api/network?from=2023-06&to=2024-06&undated=date&min_confidence=0.9');
  await page.click('#net-left [data-reason="low"] button');
  await page.waitForFunction(() => document.querySelector('#min-conf').value === '0' && document.querySelector('#net-left').dataset.low === '0');
  await page.click('#net-left [data-reason="undated"] button');
  await page.waitForFunction(() => document.querySelector('#undated').value === 'any' && document.querySelector('#net-left').dataset.undated === '0');
  check(true, "the left-out notes' buttons include the events they count");
  await page.selectOption('#undated', 'pub');

  // 10. Review: mark an event wrong, correct another; the network, the
  // series, the shifts and the page's corrections follow.
  const token = process.env.MITRA_E2E_TOKEN;
  if (!token) throw new Error('MITRA_E2E_TOKEN is not set (TestBrowser sets it)');
  await page.evaluate(() => { location.hash = '#tab=network&pair=FRA,MLI&lang=en'; });
  await page.click('#period-all');
  await page.waitForFunction(() => document.querySelector('#pair').dataset.state === 'ready' && window.mitra.net.from !== '2023-06');
  const edgeCount = (a, b) => page.evaluate(([a, b]) => {
    const e = window.mitra.net.edges.find((x) => (x.source === a && x.target === b) || (x.source === b && x.target === a));
    return e ? e.count : 0;
  }, [a, b]);
  const was = { fra: await edgeCount('MLI', 'FRA'), mliEco: await edgeCount('MLI', 'ECOWAS'), nerEco: await edgeCount('NER', 'ECOWAS'),
    series: Number(await page.getAttribute('#pair-chart', 'data-events')) };
  await page.click('#review-toggle');
  await page.fill('#review-name', 'e2e');
  await page.fill('#review-token', token);
  await page.click('#review-login button[type=submit]');
  await page.waitForSelector('body[data-review="1"] #pair-events .rv-wrong');
  // The shifts of Mali before.
  await page.click('button[data-tab="shifts"]');
  await page.selectOption('#shift-focus', 'MLI');
  await page.waitForSelector('#view-shifts[data-focus="MLI"][data-state="ready"] li.shift[data-partner="FRA"]');
  const fraShift = await page.getAttribute('li.shift[data-partner="FRA"]', 'data-after');
  const ecoActs = () => page.evaluate(() => (window.mitra.shiftsView.data.partners.find((p) => p.party.code === 'ECOWAS') || { acts: 0 }).acts);
  const ecoBefore = await ecoActs();
  await page.click('button[data-tab="network"]');
  // Wrong: France suspends its military cooperation with Mali, June 2021.
  const wrongItem = page.locator('#pair-events li.ev', { hasText: 'menangguhkan kerja sama militer' });
  check(await wrongItem.count() === 1, 'the pair lists the act to mark wrong');
  const wrongID = await wrongItem.getAttribute('data-id');
  await wrongItem.locator('.rv-wrong').click();
  await page.waitForFunction((id) => document.querySelector('#pair').dataset.state === 'ready' &&
    !document.querySelector(`#pair-events li.ev[data-id="${id}"]`), wrongID);
  check(await edgeCount('MLI', 'FRA') === was.fra - 1, `the network's Mali–France edge counts one act fewer (${was.fra} → ${await edgeCount('MLI', 'FRA')})`);
  await page.waitForFunction((n) => Number(document.querySelector('#pair-chart').dataset.events) === n, was.series - 1);
  check(true, `the Mali–France series counts one act fewer (${was.series} → ${was.series - 1})`);
  // Correct: the warning to ECOWAS came from Mali and Burkina Faso, not
  // Burkina Faso and Niger.
  await page.click('button[data-tab="events"]');
  await page.click('#filters button[type="reset"]');
  await page.fill('#filters input[name="party"]', 'ECOWAS');
  await page.fill('#filters input[name="q"]', 'memperingatkan');
  await page.click('#filters button[type="submit"]');
  await page.waitForFunction(() => document.querySelector('#events-table').dataset.state === 'ready' &&
    document.querySelectorAll('#events-table tbody tr').length === 1);
  await page.click('#events-table tbody tr .rv-correct');
  await page.waitForSelector('#review-dialog:not([hidden])');
  await page.fill('#review-form input[name="actors"]', 'MLI, BFA');
  await page.fill('#review-form input[name="date"]', '2023-08');
  await page.fill('#review-form input[name="note"]', 'the speakers were Mali and Burkina Faso');
  await page.click('#review-form button[type="submit"]');
  await page.waitForFunction(() => document.querySelector('#review-dialog').hidden &&
    [...document.querySelectorAll('#events-table tbody tr td:nth-child(3)')].some((td) => td.textContent.includes('Mali')));
  check(await page.locator('#events-table tbody tr .reviewed').count() === 1, 'the corrected event says who corrected it');
  await page.waitForFunction(() => window.mitra.net && window.mitra.net.edges.some((e) => (e.source === 'MLI' && e.target === 'ECOWAS') || (e.source === 'ECOWAS' && e.target === 'MLI')));
  check(await edgeCount('MLI', 'ECOWAS') === was.mliEco + 1 && await edgeCount('NER', 'ECOWAS') === was.nerEco - 1,
    `the network moves the act: Mali–ECOWAS ${was.mliEco} → ${await edgeCount('MLI', 'ECOWAS')}, Niger–ECOWAS ${was.nerEco} → ${await edgeCount('NER', 'ECOWAS')}`);
  await shot('09-review.png');
  // The shift view follows.
  await page.click('button[data-tab="shifts"]');
  await page.waitForSelector('#view-shifts[data-focus="MLI"][data-state="ready"] li.shift[data-partner="FRA"]');
  await page.waitForFunction((n) => (window.mitra.shiftsView.data.partners.find((p) => p.party.code === 'ECOWAS') || { acts: 0 }).acts === n, ecoBefore + 1);
  const fraAfter = await page.getAttribute('li.shift[data-partner="FRA"]', 'data-after');
  check(fraAfter !== fraShift, `Mali's shift with France counts the acts after it anew (${fraShift} → ${fraAfter})`);
  check(await ecoActs() === ecoBefore + 1, `Mali's partner ECOWAS has one act more in the shift view (${ecoBefore} → ${ecoBefore + 1})`);
  await page.locator('li.shift[data-partner="FRA"] button.link').first().click();
  check(!(await page.locator(`li.shift[data-partner="FRA"] li.ev[data-id="${wrongID}"]`).count()), 'the act marked wrong is not among the shift\'s acts');
  await shot('10-shifts.png');
  // The page of the act marked wrong lists the correction, with an undo.
  await page.evaluate(() => { window.mitra.openDoc({ doc: 'id-2023-08-mali-prancis-satu-dekade', type: 'SANCTION', actors: [], recipients: [] }); });
  await page.waitForSelector('#doc[data-state="ready"] #doc-corrections li');
  const corr = page.locator('#doc-corrections li[data-action="wrong"]');
  check(await corr.count() === 1 && await corr.locator('.rv-undo').count() === 1, 'the page lists its correction, with an undo');
  await shot('11-corrections.png');
  await page.keyboard.press('Escape');
} catch (err) {
  failures.push(String(err && err.stack || err));
  console.log(`FAIL ${err}`);
  await shot('failure.png').catch(() => {});
} finally {
  await browser.close();
}
for (const e of pageErrors) failures.push(e);
if (failures.length) {
  console.error(`e2e: ${failures.length} failure(s):\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`e2e: all checks passed; screenshots in ${shots}`);
