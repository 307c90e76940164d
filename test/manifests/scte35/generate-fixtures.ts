// Writes fixtures/scte35/{valid,invalid}/*.json from fixture-cases.ts. Run after changing a case:
//   npx tsx test/manifests/scte35/generate-fixtures.ts
// Each valid case is encoded, decoded again (sanity check) and stored with its CLI JSON form.
import { mkdirSync, writeFileSync } from 'node:fs';
import { decodeScte35, encodeScte35, scte35ToJson, toBase64, toHex } from '../../../manifests/scte35/index.js';
import { fixturePath } from '../../support/vectors.js';
import { invalidCases, validCases } from './fixture-cases.js';

mkdirSync(fixturePath('scte35', 'valid'), { recursive: true });
mkdirSync(fixturePath('scte35', 'invalid'), { recursive: true });
let problems = 0;

for (const c of validCases) {
  const bytes = encodeScte35(c.section);
  const decoded = decodeScte35(bytes);
  if (!decoded.ok) {
    console.error(`${c.name}: does not decode: ${decoded.error.code} ${decoded.error.message}`);
    problems++;
    continue;
  }
  if (toHex(encodeScte35(decoded.value)) !== toHex(bytes)) {
    console.error(`${c.name}: decode → encode is not identical`);
    problems++;
  }
  const fixture = { base64: toBase64(bytes), expected: scte35ToJson(decoded.value), source: c.source };
  writeFileSync(fixturePath('scte35', 'valid', `${c.name}.json`), `${JSON.stringify(fixture, null, 2)}\n`);
}

for (const c of invalidCases) {
  const text = c.input.bytes !== undefined ? toBase64(c.input.bytes) : (c.input.base64 ?? c.input.hex ?? '');
  const r = decodeScte35(text);
  const got = r.ok ? undefined : { code: r.error.code, offset: r.error.context?.offset };
  if (got?.code !== c.expectedError.code || got.offset !== c.expectedError.offset) {
    console.error(`${c.name}: expected ${JSON.stringify(c.expectedError)}, decoder gives ${JSON.stringify(got ?? 'ok')}`);
    problems++;
  }
  const input = c.input.hex !== undefined ? { hex: c.input.hex } : { base64: text };
  writeFileSync(fixturePath('scte35', 'invalid', `${c.name}.json`), `${JSON.stringify({ ...input, expectedError: c.expectedError, source: c.source }, null, 2)}\n`);
}
console.log(`${validCases.length} valid and ${invalidCases.length} invalid fixtures written; ${problems} problems`);
process.exitCode = problems > 0 ? 1 : 0;
