import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderDiagnosticsDoc } from './diagnosticsDoc';

writeFileSync(join(__dirname, '..', 'docs', 'diagnostics.md'), renderDiagnosticsDoc() + '\n');
console.log('wrote docs/diagnostics.md');
