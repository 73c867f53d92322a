// Checks GeoJSON files against RFC 7946 with the npm package
// @placemarkio/check-geojson (structure, members, positions, closed
// rings; it does not check the winding, which the Go tests of
// network/geojson do) and prints the number of features by geometry.
//
// Usage: node check-geojson.js NODE_MODULES_PARENT FILE...
// Exit status 0 when every file passes, 1 otherwise.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const [dir, ...files] = process.argv.slice(2);
if (!dir || files.length === 0) {
  console.error('usage: node check-geojson.js NODE_MODULES_PARENT FILE...');
  process.exit(2);
}
const req = createRequire(path.join(path.resolve(dir), 'package.json'));
const { check } = req('@placemarkio/check-geojson');

let failed = 0;
for (const file of files) {
  const text = fs.readFileSync(file, 'utf8');
  try {
    const fc = check(text);
    const counts = {};
    for (const f of fc.features) {
      const t = f.geometry ? f.geometry.type : 'null';
      counts[t] = (counts[t] || 0) + 1;
    }
    const summary = Object.keys(counts).sort().map((t) => `${t} ${counts[t]}`).join(', ');
    console.log(`${file}: valid GeoJSON (RFC 7946, @placemarkio/check-geojson): ${fc.features.length} features: ${summary}`);
  } catch (e) {
    failed++;
    console.log(`${file}: INVALID GeoJSON: ${e.message}`);
    (e.issues || []).slice(0, 20).forEach((i) => console.log(`  ${i.message} (${i.from}-${i.to})`));
  }
}
process.exit(failed ? 1 : 0);
