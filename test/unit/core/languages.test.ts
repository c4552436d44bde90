import * as assert from 'node:assert/strict';
import { analyze, isAnalyzedLanguage, languageForFileName } from '../../../src/core/analyze';

describe('language routing', () => {
  it('maps file names to the language ids VS Code would use', () => {
    const cases: [string, string | undefined][] = [
      ['src/a.ts', 'typescript'], ['a.mts', 'typescript'], ['App.tsx', 'typescriptreact'], ['a.cjs', 'javascript'],
      ['Comp.jsx', 'javascriptreact'], ['api/requests.http', 'http'], ['smoke.rest', 'http'], ['config.json', 'json'],
      ['settings.jsonc', 'jsonc'], ['.vscode/launch.json', 'jsonc'], ['C:\\work\\.vscode\\tasks.json', 'jsonc'],
      ['tsconfig.json', 'jsonc'], ['tsconfig.build.json', 'jsonc'], ['.devcontainer/devcontainer.json', 'jsonc'],
      ['team.code-workspace', 'jsonc'], ['.api-doctor.jsonc', 'jsonc'], ['package.json', 'json'], ['README.md', undefined],
      ['Makefile', undefined], ['tools/fetch_voices.py', 'python'], ['deploy.sh', 'shellscript'], ['ci/smoke.bash', 'shellscript'], ['cmd/tts/main.go', 'go'],
    ];
    assert.deepEqual(cases.map(([f]) => [f, languageForFileName(f)]), cases);
  });

  it('knows which language ids it analyses', () => {
    assert.deepEqual(['typescript', 'http', 'jsonc', 'json', 'markdown', 'toString'].map(isAnalyzedLanguage), [true, true, true, true, false, false]);
  });

  it('routes .http and JSON text to their front ends', async () => {
    const http = await analyze('GET https://x.example/a?api_key={{k}}\n', 'http');
    assert.deepEqual(http.map((f) => f.ruleId), ['key-in-url']);
    const json = await analyze('{ "url": "https://x.example/?access_token=${env:TOKEN}" }', 'jsonc');
    assert.deepEqual(json.map((f) => f.ruleId), ['key-in-url']);
    const python = await analyze('import requests, os\nrequests.get(f"https://x.example/a?api_key={os.environ[\'K\']}")\n', 'python');
    assert.deepEqual(python.map((f) => f.ruleId), ['key-in-url']);
    const shell = await analyze('curl -s "https://x.example/a?api_key=$API_KEY"\n', 'shellscript');
    assert.deepEqual(shell.map((f) => f.ruleId), ['key-in-url']);
    const go = await analyze('package main\n\nimport "net/http"\n\nfunc main() { http.Get("https://x.example/a?api_key=abc123") }\n', 'go');
    assert.deepEqual(go.map((f) => f.ruleId), ['key-in-url']);
    assert.deepEqual(await analyze('{ "lockfileVersion": 3, "url": "https://x.example/?token=a1b2c3" }', 'json', { fileName: 'package-lock.json' }), []);
  });
});
