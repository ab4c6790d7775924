// End-to-end test of mitra's web page in a real browser: Debian's chromium
// driven by playwright-core (no browser download). internal/web's Go test
// TestBrowser starts `mitra demo` on loopback and runs this script:
//
//   node e2e/e2e.mjs http://127.0.0.1:PORT/ SHOTS_DIR
//
// It opens the page on the demo data, checks the network shows the
// expected states, clicks the Mali–France edge on the canvas, checks the
// pair's timeline and events, opens an event's source page and checks the
// evidence sentence is highlighted and in view, colours the map, filters
// the event list, pastes a page and checks its events, and switches the
// labels to English. Screenshots of each step go to SHOTS_DIR. Any failed
// check, page error or console error exits 1.

import { chromium } from 'playwright-core';
import { mkdirSync } from 'node:fs';
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

try {
  // 1. The network of states, labels in Indonesian.
  await page.goto(new URL('#lang=id', base).href);
  await page.waitForSelector('body[data-ready="1"]');
  await page.waitForSelector('#net[data-state="ready"]');
  const nodes = (await page.getAttribute('#net', 'data-nodes')).split(' ');
  for (const s of STATES) check(nodes.includes(s), `network shows ${s} (${nodes.length} nodes)`);
  check((await page.textContent('button[data-tab="network"]')) === 'Jaringan', 'tab label in Indonesian');
  const frLabel = await page.evaluate(() => window.mitra.cy.getElementById('FRA').data('label'));
  check(frLabel === 'Prancis', `France's label in Indonesian: ${frLabel}`);
  await shot('01-network.png');

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
  await shot('02-pair.png');

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

  // 5. The event list with a filter.
  await page.click('button[data-tab="events"]');
  await page.waitForSelector('#events-table[data-state="ready"]');
  await page.selectOption('#f-type', 'SANCTION');
  await page.click('#filters button[type="submit"]');
  await page.waitForFunction(() => {
    const rows = document.querySelectorAll('#events-table tbody tr');
    return document.querySelector('#events-table').dataset.state === 'ready' && rows.length > 0 &&
      [...rows].every((r) => r.dataset.type === 'SANCTION');
  });
  const rows = await page.locator('#events-table tbody tr').count();
  check(rows > 0, `filtering by SANCTION lists ${rows} sanctions and nothing else`);
  await shot('05-events.png');

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

  // 7. English labels.
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
