import * as assert from 'node:assert/strict';
import { makeTree, removeTree, runCli } from './runCli';

const BASE = 'https://app.specala.ai/api/v1/developer';

const EXPORT_JS = [
  `const BASE = '${BASE}';`,
  `export async function exportAll(ids) {`,
  `  for (const id of ids) await fetch(\`\${BASE}/transcriptions/\${id}/export?format=pdf\`);`,
  `  return fetch(\`\${BASE}/transcriptions/export\`, { method: 'POST', body: JSON.stringify({ ids: [], format: 'md' }) });`,
  `}`,
  ``,
].join('\n');

const ACME_CATALOG = JSON.stringify({
  id: 'acme',
  name: 'Acme',
  match: { hosts: ['api.acme.test'] },
  statuses: {},
  constraints: [{ rule: 'acme/page-size', method: 'GET', path: '/v1/items', in: 'query', name: 'limit', oneOf: ['10', '50'], message: 'Acme pages hold 10 or 50 items, not {value}.' }],
});

interface JsonFinding { file: string; line: number; column: number; endLine: number; endColumn: number; ruleId: string; severity: string; message: string }

function findings(stdout: string): string[] {
  return (JSON.parse(stdout) as { findings: JsonFinding[] }).findings.map((f) => `${f.file}:${f.line}:${f.column}-${f.endLine}:${f.endColumn} ${f.severity} ${f.ruleId}`);
}

describe('api-doctor lint: provider rules from the catalogs', () => {
  let root: string;
  before(() => {
    root = makeTree({
      'src/export.js': EXPORT_JS,
      'acme/.api-doctor.jsonc': '{ "catalogs": ["catalogs/acme.jsonc"] }\n',
      'acme/catalogs/acme.jsonc': ACME_CATALOG,
      'acme/items.ts': `fetch('https://api.acme.test/v1/items?limit=500');\n`,
      'broken/.api-doctor.jsonc': '{ "catalogs": ["bad.jsonc"] }\n',
      'broken/bad.jsonc': '{ "id": "bad", "name": 3 }\n',
      'broken/call.ts': `fetch('https://example.org/');\n`,
      'quiet/.api-doctor.jsonc': '{ "rules": { "specala/export-format": "off", "specala/bulk-export": "off" } }\n',
      'quiet/export.js': EXPORT_JS,
    });
  });
  after(() => removeTree(root));

  it('reports the built-in Specala rules in JSON, with exact ranges', () => {
    const r = runCli(['lint', 'src', '--format', 'json'], root);
    assert.equal(r.code, 1);
    assert.equal(r.stderr, '');
    assert.deepEqual(findings(r.stdout), [
      'src/export.js:3:31-3:86 info specala/bulk-export',
      'src/export.js:3:81-3:84 warning specala/export-format',
      'src/export.js:4:95-4:97 warning specala/export-ids',
    ]);
    const first = (JSON.parse(r.stdout) as { findings: JsonFinding[] }).findings[1];
    assert.equal(first.message, 'Specala exports only `md` or `txt`; `format=pdf` is answered with 422.');
  });

  it('lists the provider rules in SARIF with their README anchors', () => {
    const r = runCli(['lint', 'src', '--format', 'sarif'], root);
    assert.equal(r.code, 1);
    const log = JSON.parse(r.stdout) as { runs: { tool: { driver: { rules: { id: string; helpUri: string; shortDescription: { text: string }; defaultConfiguration: { level: string } }[] } }; results: { ruleId: string; level: string }[] }[] };
    assert.deepEqual(log.runs[0].tool.driver.rules.map((x) => [x.id, x.helpUri, x.defaultConfiguration.level]), [
      ['specala/bulk-export', 'https://github.com/api-doctor/api-doctor#rule-specala-bulk-export', 'note'],
      ['specala/export-format', 'https://github.com/api-doctor/api-doctor#rule-specala-export-format', 'warning'],
      ['specala/export-ids', 'https://github.com/api-doctor/api-doctor#rule-specala-export-ids', 'warning'],
    ]);
    assert.equal(log.runs[0].tool.driver.rules[1].shortDescription.text, 'Specala export format other than md or txt');
    assert.deepEqual(log.runs[0].results.map((x) => `${x.ruleId} ${x.level}`), ['specala/bulk-export note', 'specala/export-format warning', 'specala/export-ids warning']);
  });

  it('worker threads check the same rules', () => {
    const r = runCli(['lint', 'src', 'acme', '--format', 'json', '--jobs', '2'], root, { env: { API_DOCTOR_LINT_ON_WORKERS_ONLY: '1' } });
    assert.equal(r.code, 1);
    assert.deepEqual(findings(r.stdout), [
      'acme/items.ts:1:45-1:48 warning acme/page-size',
      'src/export.js:3:31-3:86 info specala/bulk-export',
      'src/export.js:3:81-3:84 warning specala/export-format',
      'src/export.js:4:95-4:97 warning specala/export-ids',
    ]);
  });

  it('a catalog named in .api-doctor.jsonc adds its rules; its mistakes stop the run', () => {
    const acme = runCli(['lint', 'acme', '--format', 'json'], root);
    assert.deepEqual(findings(acme.stdout), ['acme/items.ts:1:45-1:48 warning acme/page-size']);
    assert.equal((JSON.parse(acme.stdout) as { findings: JsonFinding[] }).findings[0].message, 'Acme pages hold 10 or 50 items, not 500.');
    const broken = runCli(['lint', 'broken'], root);
    assert.equal(broken.code, 2);
    assert.match(broken.stderr, /^broken\/bad\.jsonc:1:1: /m);
  });

  it('rules set to off in the config are not reported', () => {
    const r = runCli(['lint', 'quiet', '--format', 'json'], root);
    assert.deepEqual(findings(r.stdout), ['quiet/export.js:4:95-4:97 warning specala/export-ids']);
  });
});
