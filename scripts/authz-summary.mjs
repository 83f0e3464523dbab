// Prints the closing line of `npm run test:authz` from what the matrix test wrote.
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const file = path.join(tmpdir(), 'sammen-authz-matrix.json');
let summary;
try {
  summary = JSON.parse(readFileSync(file, 'utf8'));
} catch {
  console.log('authz matrix: no result (the matrix test did not run)');
  process.exit(1);
}
for (const line of summary.details) console.log(`unexpected: ${line}`);
console.log(`authz matrix: ${summary.cells} cells, ${summary.unexpected} unexpected`);
process.exit(summary.unexpected === 0 && summary.cells > 0 ? 0 : 1);
