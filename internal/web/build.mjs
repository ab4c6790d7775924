// Builds the web page into dist/, which the Go package embeds:
//   app.js, app.css   the page, bundled and minified by esbuild
//   index.html        copied from src/
//   world.json        country shapes (GeoJSON) from world-atlas's 110m
//                     Natural Earth TopoJSON, ids as ISO 3166-1 alpha-3
//   THIRD_PARTY.txt   the licences of everything bundled
//   *.gz              gzip copies of the three large files
//   BUILD             a hash of the inputs, checked by `go test` so that a
//                     change to src/ without a rebuild fails
// Run with `npm run build` (or `go generate ./internal/web`) after `npm ci`.

import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { feature } from 'topojson-client';
import { gzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const countries = require('i18n-iso-countries');

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist');

await build({
  entryPoints: { app: 'src/main.js' },
  bundle: true,
  minify: !process.env.DEBUG, sourcemap: process.env.DEBUG ? 'inline' : false,
  format: 'iife',
  target: ['chrome110', 'firefox110', 'safari16'],
  outdir: 'dist',
  legalComments: 'none', // the licences go in THIRD_PARTY.txt
  logLevel: 'warning',
});
await build({ entryPoints: { app: 'src/style.css' }, bundle: true, minify: true, outdir: 'dist', logLevel: 'warning' });
copyFileSync('src/index.html', 'dist/index.html');

// Features without an ISO code in Natural Earth's data: colour them as the
// state the UN counts them in, except Kosovo, which mitra codes XKX.
const noID = { 'N. Cyprus': 'CYP', Somaliland: 'SOM', Kosovo: 'XKX' };
const topo = JSON.parse(readFileSync(require.resolve('world-atlas/countries-110m.json'), 'utf8'));
const geo = feature(topo, topo.objects.countries);
const round = (c) => (typeof c[0] === 'number' ? [Math.round(c[0] * 100) / 100, Math.round(c[1] * 100) / 100] : c.map(round));
// A ring that crosses the antimeridian (Russia's Chukotka, Fiji, the
// Aleutians) would be drawn across the whole map; move its points onto the
// side where most of it lies, so it runs a little past ±180° instead.
const unwrap = (ring) => {
  if (!ring.some((p, i) => i > 0 && Math.abs(p[0] - ring[i - 1][0]) > 180)) return ring;
  const east = ring.filter((p) => p[0] > 0).length * 2 > ring.length;
  return ring.map(([x, y]) => [east && x < 0 ? x + 360 : !east && x > 0 ? x - 360 : x, y]);
};
const rings = (g) => (g.type === 'Polygon' ? g.coordinates.map(unwrap) : g.coordinates.map((poly) => poly.map(unwrap)));
geo.features = geo.features.filter((f) => f.properties.name !== 'Antarctica').map((f) => {
  const iso = f.id ? countries.numericToAlpha3(f.id) : noID[f.properties.name];
  if (!iso) throw new Error(`world.json: no alpha-3 code for ${f.id} ${f.properties.name}`);
  return { type: 'Feature', properties: { iso, name: f.properties.name }, geometry: { type: f.geometry.type, coordinates: round(rings(f.geometry)) } };
});
writeFileSync('dist/world.json', JSON.stringify(geo));

const bundled = ['cytoscape', 'echarts', 'zrender', 'tslib', 'topojson-client', 'world-atlas'];
let legal = 'Third-party software and data in this web page (dist/), with their licences.\n' +
  'world.json is derived from world-atlas, which packages Natural Earth data (public domain).\n';
for (const p of bundled) {
  const dir = `node_modules/${p}`;
  const pkg = JSON.parse(readFileSync(`${dir}/package.json`, 'utf8'));
  const lic = readdirSync(dir).find((f) => /^(licen[cs]e|copying)/i.test(f));
  legal += `\n==== ${p}@${pkg.version} (${pkg.license}) ====\n`;
  legal += lic ? readFileSync(`${dir}/${lic}`, 'utf8') : '(no licence file in the package)\n';
  const notice = readdirSync(dir).find((f) => /^notice/i.test(f));
  if (notice) legal += `\n---- NOTICE ----\n${readFileSync(`${dir}/${notice}`, 'utf8')}`;
}
writeFileSync('dist/THIRD_PARTY.txt', legal);

// Compressed copies, served to clients that accept gzip.
for (const f of ['app.js', 'app.css', 'world.json']) {
  writeFileSync(`dist/${f}.gz`, gzipSync(readFileSync(`dist/${f}`), { level: 9 }));
}

writeFileSync('dist/BUILD', inputsHash() + '\n');

// inputsHash must match internal/web's Go test: SHA-256 over each input
// file's name, a zero byte, its bytes and a zero byte, names sorted.
function inputsHash() {
  const files = ['build.mjs', 'package.json', 'package-lock.json', ...readdirSync('src').map((f) => `src/${f}`)].sort();
  const h = createHash('sha256');
  for (const f of files) {
    h.update(f + '\0');
    h.update(readFileSync(f));
    h.update('\0');
  }
  return h.digest('hex');
}
