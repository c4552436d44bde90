import * as assert from 'node:assert/strict';
import { analyze, analyzeChange, type AnalyzeOptions } from '../../../src/core/analyze';
import { providerRulesFor } from '../../../src/catalog/providerRules';
import type { Catalog } from '../../../src/catalog/types';
import { builtinCatalogs } from './builtin';
import { describeRule, helpUri } from '../../../src/cli/lint/ruleDescriptions';
import { ruleDoc, ruleDocsUrl } from '../../../src/vscode/editor/ruleDocs';
import { formatMessage } from '../../../src/vscode/editor/translate';

const BASE = 'https://app.specala.ai/api/v1/developer';

/** Provider findings as `rule severity «text the finding covers»`. */
async function lint(text: string, languageId: string, options: AnalyzeOptions = {}, catalogs: Catalog[] = builtinCatalogs()): Promise<string[]> {
  const findings = await analyze(text, languageId, { providerRules: providerRulesFor(catalogs), ...options });
  return findings.filter((f) => f.ruleId.includes('/')).map((f) => `${f.ruleId} ${f.severity} «${text.slice(f.start, f.end)}»`);
}

async function messages(text: string, languageId: string): Promise<string[]> {
  const findings = await analyze(text, languageId, { providerRules: providerRulesFor(builtinCatalogs()) });
  return findings.filter((f) => f.ruleId.includes('/')).map((f) => `${f.ruleId}: ${f.message}`);
}

const FORMAT_QUERY = (v: string) => `specala/export-format: Specala exports only \`md\` or \`txt\`; \`format=${v}\` is answered with 422.`;
const FORMAT_BODY = (v: string) => `specala/export-format: Bulk export accepts \`format\` \`md\` or \`txt\` only; ${v} is answered with 422.`;
const IDS = (n: number) => `specala/export-ids: Bulk export takes a list of 1 to 100 transcription ids in \`ids\` (this request has ${n}); anything else is answered with 422.`;
const BULK_HINT =
  'specala/bulk-export: Exporting transcriptions one by one in a loop spends the rate limit (500 requests/minute); one bulk export (POST /transcriptions/export with up to 100 ids) does the same in one request.';
const idList = (n: number, quote = "'") => `[${Array.from({ length: n }, (_, i) => `${quote}tr_${i}${quote}`).join(', ')}]`;

describe('provider rules: JavaScript', () => {
  it('single export: the format in the URL, in params and in searchParams', async () => {
    const text = [
      `const BASE = '${BASE}';`,
      `export async function one(id) {`,
      `  await fetch(\`\${BASE}/transcriptions/\${id}/export?format=pdf\`);`,
      `  await axios.get(\`\${BASE}/transcriptions/\${id}/export\`, { params: { format: 'docx' } });`,
      `  const u = new URL(\`\${BASE}/transcriptions/\${id}/export\`);`,
      `  u.searchParams.set('format', 'html');`,
      `  await fetch(u);`,
      `}`,
    ].join('\n');
    assert.deepEqual(await lint(text, 'javascript'), [
      'specala/export-format warning «pdf»',
      "specala/export-format warning «'docx'»",
      "specala/export-format warning «'html'»",
    ]);
    assert.deepEqual(await messages(text, 'javascript'), [FORMAT_QUERY('pdf'), FORMAT_QUERY('docx'), FORMAT_QUERY('html')]);
  });

  it('bulk export: format and ids in the body, as an object, JSON.stringify or JSON text', async () => {
    const text = [
      `import axios from 'axios';`,
      `await fetch('${BASE}/transcriptions/export', { method: 'POST', body: JSON.stringify({ ids: [], format: 'pdf' }) });`,
      `await axios.post('${BASE}/transcriptions/export', { ids: ${idList(101)}, format: 'md' });`,
      `await fetch('${BASE}/transcriptions/export', { method: 'POST', body: '{"ids": ["tr_1"], "format": "rtf"}' });`,
      `await axios.post('${BASE}/transcriptions/export', { format: 'txt' });`,
    ].join('\n');
    assert.deepEqual(await lint(text, 'javascript'), [
      'specala/export-ids warning «[]»',
      "specala/export-format warning «'pdf'»",
      `specala/export-ids warning «${idList(101)}»`,
      'specala/export-format warning «"rtf"»',
      "specala/export-ids warning «{ format: 'txt' }»",
    ]);
    assert.deepEqual(await messages(text, 'javascript'), [IDS(0), FORMAT_BODY('pdf'), IDS(101), FORMAT_BODY('rtf'), IDS(0)]);
  });

  it('follows constants: the finding sits where the value is used, or in the object written elsewhere', async () => {
    const text = [
      `const FORMAT = 'pdf';`,
      `const payload = { ids: [], format: 'md' };`,
      `fetch('${BASE}/transcriptions/tr_1/export?format=' + FORMAT);`,
      `axios.post('${BASE}/transcriptions/export', payload);`,
    ].join('\n');
    // In document order: the list is written in the constant above the calls.
    assert.deepEqual(await lint(text, 'javascript'), ['specala/export-ids warning «[]»', 'specala/export-format warning «FORMAT»']);
  });

  it('accepts md, txt and 1 or 100 ids', async () => {
    const text = [
      `fetch('${BASE}/transcriptions/tr_1/export?format=md');`,
      `axios.get('${BASE}/transcriptions/tr_1/export', { params: { format: 'txt' } });`,
      `fetch('${BASE}/transcriptions/tr_1/export');`,
      `axios.post('${BASE}/transcriptions/export', { ids: ['tr_1'], format: 'md' });`,
      `axios.post('${BASE}/transcriptions/export', { ids: ${idList(100)}, format: 'txt' });`,
    ].join('\n');
    assert.deepEqual(await lint(text, 'javascript'), []);
  });

  it('says nothing about values known only at run time, other hosts or other endpoints', async () => {
    const text = [
      `export async function run(id, fmt, ids, opts) {`,
      `  await fetch(\`${BASE}/transcriptions/\${id}/export?format=\${fmt}\`);`,
      `  await axios.get(\`${BASE}/transcriptions/\${id}/export\`, { params: { format: fmt } });`,
      `  await axios.post('${BASE}/transcriptions/export', { ids, format: fmt });`,
      `  await axios.post('${BASE}/transcriptions/export', { ids: [...ids], format: 'md' });`,
      `  await axios.post('${BASE}/transcriptions/export', { ...opts, format: 'md' });`,
      `  await axios.post('${BASE}/transcriptions/export', opts);`,
      `  await fetch(\`https://api.example.com/api/v1/developer/transcriptions/\${id}/export?format=pdf\`);`,
      `  await fetch(\`${BASE}/transcriptions?format=pdf\`);`,
      `  await fetch(\`\${process.env.API}/transcriptions/\${id}/export?format=pdf\`);`,
      `}`,
    ].join('\n');
    assert.deepEqual(await lint(text, 'javascript'), []);
  });

  it('hints at the bulk export for single exports in a loop, map, forEach or a function called in a loop', async () => {
    const text = [
      `const BASE = '${BASE}';`,
      `for (const id of ids) await fetch(\`\${BASE}/transcriptions/\${id}/export?format=md\`);`,
      `await Promise.all(ids.map((id) => fetch(\`\${BASE}/transcriptions/\${id}/export\`)));`,
      `ids.forEach(async (id) => { await axios.get(\`\${BASE}/transcriptions/\${id}/export\`); });`,
      `async function exportOne(id) { return fetch(\`\${BASE}/transcriptions/\${id}/export\`); }`,
      `let i = 0;`,
      `while (i < ids.length) await exportOne(ids[i++]);`,
    ].join('\n');
    const calls = [
      'fetch(`${BASE}/transcriptions/${id}/export?format=md`)',
      'fetch(`${BASE}/transcriptions/${id}/export`)',
      'axios.get(`${BASE}/transcriptions/${id}/export`)',
      'fetch(`${BASE}/transcriptions/${id}/export`)',
    ];
    assert.deepEqual(await lint(text, 'javascript'), calls.map((c) => `specala/bulk-export info «${c}»`));
    assert.deepEqual((await messages(text, 'javascript'))[0], BULK_HINT);
  });

  it('gives no hint for one export, for a function nobody loops over, or for the bulk export in a loop', async () => {
    const text = [
      `const BASE = '${BASE}';`,
      `await fetch(\`\${BASE}/transcriptions/\${id}/export\`);`,
      `async function exportOne(id) { return fetch(\`\${BASE}/transcriptions/\${id}/export\`); }`,
      `await exportOne('tr_1');`,
      `for (const batch of batches) await axios.post(\`\${BASE}/transcriptions/export\`, { ids: batch, format: 'md' });`,
      `for (const t of await (await fetch(\`\${BASE}/transcriptions/tr_1/export\`)).json()) console.log(t);`,
    ].join('\n');
    assert.deepEqual(await lint(text, 'javascript'), []);
  });

  it('obeys disable comments, `off`, provider-wide settings and severities', async () => {
    const text = [
      `// api-doctor-disable-next-line specala/export-format`,
      `fetch('${BASE}/transcriptions/tr_1/export?format=pdf');`,
      `fetch('${BASE}/transcriptions/tr_2/export?format=pdf'); // api-doctor-disable-line`,
      `axios.post('${BASE}/transcriptions/export', { ids: [], format: 'pdf' });`,
    ].join('\n');
    assert.deepEqual(await lint(text, 'javascript'), ['specala/export-ids warning «[]»', "specala/export-format warning «'pdf'»"]);
    assert.deepEqual(await lint(text, 'javascript', { rules: { 'specala/export-format': 'off' } }), ['specala/export-ids warning «[]»']);
    assert.deepEqual(await lint(text, 'javascript', { rules: { 'specala/*': 'off' } }), []);
    assert.deepEqual(await lint(text, 'javascript', { rules: { 'specala/export-ids': 'error' } }), ['specala/export-ids error «[]»', "specala/export-format warning «'pdf'»"]);
    const fileWide = `/* api-doctor-disable specala/export-ids */\n${text}`;
    assert.deepEqual(await lint(fileWide, 'javascript'), ["specala/export-format warning «'pdf'»"]);
  });

  it('runs without catalogs: no hook, no provider findings', async () => {
    const text = `fetch('${BASE}/transcriptions/tr_1/export?format=pdf');`;
    assert.deepEqual((await analyze(text, 'javascript')).map((f) => f.ruleId), []);
    assert.equal(providerRulesFor([]), undefined);
  });

  it('a user catalog brings its own rules', async () => {
    const acme: Catalog = {
      id: 'acme', name: 'Acme', match: { hosts: ['api.acme.test'] }, statuses: {},
      constraints: [{ rule: 'acme/page-size', method: 'GET', path: '/v1/items', in: 'query', name: 'limit', oneOf: ['10', '50'], message: 'Acme pages hold 10 or 50 items, not {value}.' }],
    };
    const text = `fetch('https://api.acme.test/v1/items?limit=500');\nfetch('https://api.acme.test/v1/items?limit=50');`;
    assert.deepEqual(await lint(text, 'javascript', {}, [...builtinCatalogs(), acme]), ['acme/page-size warning «500»']);
  });
});

describe('provider rules: the keystroke path', () => {
  it('a region analysis reports the provider findings of the statements it covers', async () => {
    const text = [
      `const BASE = '${BASE}';`,
      `export const a = () => fetch(\`\${BASE}/transcriptions/tr_1/export?format=pdf\`);`,
      `export const b = () => fetch(\`\${BASE}/transcriptions/tr_2/export?format=rtf\`);`,
    ].join('\n');
    const at = text.indexOf('rtf');
    const region = await analyzeChange(text, 'typescript', { start: at, end: at + 1 }, { providerRules: providerRulesFor(builtinCatalogs()) });
    assert.ok(region);
    assert.deepEqual(region.findings.map((f) => `${f.ruleId} ${text.slice(f.start, f.end)}`), ['specala/export-format rtf']);
  });
});

describe('provider rules: TypeScript', () => {
  it('reads through `as const`, type annotations and satisfies', async () => {
    const text = [
      `type ExportFormat = 'md' | 'txt' | 'pdf';`,
      `interface BulkExport { ids: string[]; format: ExportFormat }`,
      `const body: BulkExport = { ids: [] as string[], format: 'pdf' as ExportFormat };`,
      `export async function bulk(): Promise<Response> {`,
      `  return fetch('${BASE}/transcriptions/export', { method: 'POST', body: JSON.stringify(body satisfies BulkExport) });`,
      `}`,
      `export const one = (id: string) => fetch(\`${BASE}/transcriptions/\${id}/export?format=\${'docx' as const}\`);`,
    ].join('\n');
    assert.deepEqual(await lint(text, 'typescript'), [
      'specala/export-ids warning «[]»',
      "specala/export-format warning «'pdf'»",
      'specala/export-format warning «docx»',
    ]);
  });
});

describe('provider rules: Python', () => {
  it('params, f-string URLs, json= and data=json.dumps(...)', async () => {
    const text = [
      `import json, os, requests, httpx`,
      `BASE = "${BASE}"`,
      `H = {"Authorization": f"Bearer {os.environ['SPECALA_KEY']}"}`,
      `requests.get(f"{BASE}/transcriptions/tr_1/export", params={"format": "pdf"}, headers=H)`,
      `httpx.get(f"{BASE}/transcriptions/tr_1/export?format=docx", headers=H)`,
      `requests.post(f"{BASE}/transcriptions/export", json={"ids": [], "format": "md"}, headers=H)`,
      `requests.post(BASE + "/transcriptions/export", data=json.dumps({"ids": ["tr_1"], "format": "html"}), headers=H)`,
    ].join('\n');
    assert.deepEqual(await lint(text, 'python'), [
      'specala/export-format warning «"pdf"»',
      'specala/export-format warning «docx»',
      'specala/export-ids warning «[]»',
      'specala/export-format warning «"html"»',
    ]);
    assert.deepEqual(await messages(text, 'python'), [FORMAT_QUERY('pdf'), FORMAT_QUERY('docx'), IDS(0), FORMAT_BODY('html')]);
  });

  it('accepts md, txt, 1 and 100 ids; stays quiet about run-time values and other hosts', async () => {
    const text = [
      `import requests`,
      `BASE = "${BASE}"`,
      `requests.get(f"{BASE}/transcriptions/tr_1/export", params={"format": "md"})`,
      `requests.post(f"{BASE}/transcriptions/export", json={"ids": ${idList(1, '"')}, "format": "txt"})`,
      `requests.post(f"{BASE}/transcriptions/export", json={"ids": ${idList(100, '"')}, "format": "md"})`,
      `def run(fmt, ids):`,
      `    requests.get(f"{BASE}/transcriptions/tr_1/export", params={"format": fmt})`,
      `    requests.post(f"{BASE}/transcriptions/export", json={"ids": ids, "format": fmt})`,
      `    requests.post(f"{BASE}/transcriptions/export", json={"ids": list(range(101)), "format": "md"})`,
      `    requests.get("https://example.org/api/v1/developer/transcriptions/tr_1/export", params={"format": "pdf"})`,
    ].join('\n');
    assert.deepEqual(await lint(text, 'python'), []);
  });

  it('hints for loops, comprehensions and a function called in a loop; obeys # comments', async () => {
    const text = [
      `import requests`,
      `BASE = "${BASE}"`,
      `def export_one(tid):`,
      `    return requests.get(f"{BASE}/transcriptions/{tid}/export", params={"format": "md"})`,
      `for tid in ids:`,
      `    export_one(tid)`,
      `files = [requests.get(f"{BASE}/transcriptions/{t}/export") for t in ids]`,
      `# api-doctor-disable-next-line specala/export-format`,
      `requests.get(f"{BASE}/transcriptions/tr_1/export", params={"format": "pdf"})`,
    ].join('\n');
    assert.deepEqual(await lint(text, 'python'), [
      'specala/bulk-export info «requests.get(f"{BASE}/transcriptions/{tid}/export", params={"format": "md"})»',
      'specala/bulk-export info «requests.get(f"{BASE}/transcriptions/{t}/export")»',
    ]);
  });
});

describe('provider rules: shell (curl)', () => {
  it('JSON bodies in -d / --data / --json, the format in the URL, a loop of single exports', async () => {
    const text = [
      `#!/usr/bin/env bash`,
      `BASE=${BASE}`,
      `curl -X POST "$BASE/transcriptions/export" -H "Authorization: Bearer $SPECALA_KEY" -d '{"ids": [], "format": "pdf"}'`,
      `curl "$BASE/transcriptions/export" --json '{"ids": ["tr_1"], "format": "txt"}'`,
      `while read -r id; do`,
      `  curl -sf "$BASE/transcriptions/$id/export?format=docx" -o "$id.docx"`,
      `done < ids.txt`,
    ].join('\n');
    assert.deepEqual(await lint(text, 'shellscript'), [
      'specala/export-ids warning «[]»',
      'specala/export-format warning «"pdf"»',
      'specala/bulk-export info «curl -sf "$BASE/transcriptions/$id/export?format=docx" -o "$id.docx"»',
      'specala/export-format warning «docx»',
    ]);
  });

  it('stays quiet about $VARIABLES, `-G` data and other hosts; obeys # comments', async () => {
    const text = [
      `BASE=${BASE}`,
      `curl "$BASE/transcriptions/tr_1/export?format=$FORMAT"`,
      `curl -X POST "$BASE/transcriptions/export" -d "{\\"ids\\": [$IDS], \\"format\\": \\"$FORMAT\\"}"`,
      `curl -G "$BASE/transcriptions/tr_1/export" -d format=md`,
      `curl "https://example.org/api/v1/developer/transcriptions/tr_1/export?format=pdf"`,
      `# api-doctor-disable-next-line specala/export-format`,
      `curl "$BASE/transcriptions/tr_1/export?format=pdf"`,
    ].join('\n');
    assert.deepEqual(await lint(text, 'shellscript'), []);
  });
});

describe('provider rules: .http files', () => {
  it('the JSON body and the query of a request; {{variables}} stay unjudged', async () => {
    const text = [
      `@base = ${BASE}`,
      `@fmt = md`,
      ``,
      `### bulk export`,
      `POST {{base}}/transcriptions/export`,
      `Content-Type: application/json`,
      ``,
      `{ "ids": ${idList(101, '"')}, "format": "docx" }`,
      ``,
      `### one`,
      `GET {{base}}/transcriptions/tr_1/export?format=pdf`,
      ``,
      `### with variables`,
      `POST {{base}}/transcriptions/export`,
      `Content-Type: application/json`,
      ``,
      `{ "ids": ["{{id}}"], "format": "{{format}}" }`,
      ``,
      `### a file variable`,
      `GET {{base}}/transcriptions/tr_1/export?format={{fmt}}`,
    ].join('\n');
    assert.deepEqual(await lint(text, 'http'), [
      `specala/export-ids warning «${idList(101, '"')}»`,
      'specala/export-format warning «"docx"»',
      'specala/export-format warning «pdf»',
    ]);
  });
});

describe('provider rules: Go', () => {
  it('net/http: the format in the URL, a JSON body in strings.NewReader, a function called in a range loop', async () => {
    const text = [
      'package main',
      '',
      'import (',
      '\t"net/http"',
      '\t"strings"',
      ')',
      '',
      `const base = "${BASE}"`,
      '',
      'func exportOne(id string) (*http.Response, error) {',
      '\treturn http.Get(base + "/transcriptions/" + id + "/export?format=pdf")',
      '}',
      '',
      'func main() {',
      '\tfor _, id := range ids {',
      '\t\texportOne(id)',
      '\t}',
      '\treq, _ := http.NewRequest("POST", base+"/transcriptions/export", strings.NewReader(`{"ids": [], "format": "docx"}`))',
      '\thttp.DefaultClient.Do(req)',
      '\tok, _ := http.NewRequest("POST", base+"/transcriptions/export", strings.NewReader(`{"ids": ["tr_1"], "format": "md"}`))',
      '\thttp.DefaultClient.Do(ok)',
      '}',
    ].join('\n');
    assert.deepEqual(await lint(text, 'go'), [
      'specala/bulk-export info «http.Get(base + "/transcriptions/" + id + "/export?format=pdf")»',
      'specala/export-format warning «pdf»',
      'specala/export-ids warning «[]»',
      'specala/export-format warning «"docx"»',
    ]);
  });
});

describe('provider rules: bad input', () => {
  it('stays bounded on chains of functions, huge and deep bodies, and broken JSON', async () => {
    // f0 exports; f1 calls f0, … f199 calls f198; a loop calls f199: too deep to follow, so no hint.
    const chain = [`async function f0(id) { return fetch(\`${BASE}/transcriptions/\${id}/export\`); }`];
    for (let i = 1; i < 200; i++) chain.push(`async function f${i}(id) { await f${i - 1}(id); await f${i - 1}(id); await f${i - 1}(id); }`);
    chain.push('for (const id of ids) await f199(id);');
    assert.deepEqual(await lint(chain.join('\n'), 'javascript'), []);

    const many = idList(20_000);
    assert.deepEqual(await lint(`axios.post('${BASE}/transcriptions/export', { ids: ${many}, format: 'md' });`, 'javascript'), [`specala/export-ids warning «${many}»`]);

    const deepJson = `${'['.repeat(20_000)}${']'.repeat(20_000)}`;
    assert.deepEqual(await lint(`curl -X POST ${BASE}/transcriptions/export -d '${deepJson}'`, 'shellscript'), []);
    const deepObject = `{"ids": ["a"], "format": "md", "x": ${'{"y": '.repeat(3000)}1${'}'.repeat(3000)}}`;
    assert.deepEqual(await lint(`POST ${BASE}/transcriptions/export\n\n${deepObject}\n`, 'http'), []);
    assert.deepEqual(await lint(`POST ${BASE}/transcriptions/export\n\n{"ids": [], "format": "pdf"\n`, 'http'), []);
  });
});

describe('provider rules: documentation', () => {
  it('every rule of the shipped catalogs has editor docs, a SARIF description and one README anchor', () => {
    const ids = new Set(builtinCatalogs().flatMap((c) => [...(c.constraints ?? []).map((k) => k.rule), ...(c.hints ?? []).map((h) => h.rule)]));
    assert.deepEqual([...ids].sort(), ['specala/bulk-export', 'specala/export-format', 'specala/export-ids']);
    for (const id of ids) {
      assert.ok(ruleDoc(id, formatMessage), `editor docs for ${id}`);
      assert.notEqual(describeRule(id, 'warning').short, `API Doctor rule ${id}`, `SARIF description for ${id}`);
      assert.equal(helpUri(id), ruleDocsUrl(id));
    }
    assert.equal(helpUri('specala/export-format'), 'https://github.com/api-doctor/api-doctor#rule-specala-export-format');
    assert.equal(describeRule('acme/page-size', 'warning').short, 'acme endpoint rule page-size');
  });
});
