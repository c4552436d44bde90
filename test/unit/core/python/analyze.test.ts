/** The Python front end beyond the fixtures: half-typed code, suppressions, options, offsets. */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { emptyConfig } from '../../../../src/core/config';
import { disableForFileEdit, disableForLineEdit } from '../../../../src/vscode/editor/suppressions';
import { analyzeText, applyEdits, ranges } from './helpers';

const FIXTURES = resolve(__dirname, '../../../../../test/fixtures/python');

describe('python: half-typed code', () => {
  it('still finds the URL of a call whose parenthesis is never closed', async () => {
    const text = 'import requests\n\ndef voices(key):\n    r = requests.get(f"https://api.example.com/v1/voices?api_key={key}"\n\ndef later():\n    return 1\n';
    assert.deepEqual(await ranges(text), ['key-in-url api_key={key}']);
  });

  it('keeps finding calls after an unterminated string', async () => {
    const text = 'import requests\n\ndef a():\n    requests.get("https://api.example.com/v1/x?q=1\n\ndef b(token):\n    return requests.get(f"https://api.example.com/v1/y?token={token}")\n';
    assert.deepEqual(await ranges(text), ['key-in-url token={token}']);
  });

  it('offers no fix for a recovered call (its arguments are not there yet)', async () => {
    const text = 'import requests\nrequests.get(f"https://api.example.com/v1/voices?api_key={key}"\n';
    const [f] = await analyzeText(text);
    assert.equal(f?.ruleId, 'key-in-url');
    assert.equal(f.fix, undefined);
  });

  it('never throws on any prefix of the fixtures, and every fix stays inside the text', async () => {
    let analysed = 0;
    for (const folder of readdirSync(FIXTURES)) {
      for (const file of readdirSync(join(FIXTURES, folder))) {
        const text = readFileSync(join(FIXTURES, folder, file), 'utf8');
        for (let cut = 0; cut < text.length; cut += 211) {
          const prefix = text.slice(0, cut);
          for (const f of await analyzeText(prefix)) {
            assert.ok(f.start >= 0 && f.end <= prefix.length && f.start <= f.end, `${file}@${cut}: range`);
            for (const e of f.fix?.edits ?? []) assert.ok(e.start >= 0 && e.end <= prefix.length && e.start <= e.end, `${file}@${cut}: edit`);
          }
          analysed++;
        }
      }
    }
    assert.ok(analysed > 50);
  });

  it('handles empty text, comments only and deep nesting', async () => {
    assert.deepEqual(await ranges(''), []);
    assert.deepEqual(await ranges('# just a comment\n'), []);
    assert.deepEqual(await ranges(`x = ${'('.repeat(200)}1${')'.repeat(200)}\n`), []);
  });
});

describe('python: suppression comments', () => {
  const call = 'requests.get(f"https://api.example.com/v1/x?api_key={k}")';

  it('disable-next-line with and without a rule list', async () => {
    assert.deepEqual(await ranges(`import requests\n# api-doctor-disable-next-line key-in-url\n${call}\n`), []);
    assert.deepEqual(await ranges(`import requests\n# api-doctor-disable-next-line\n${call}\n`), []);
    assert.deepEqual(await ranges(`import requests\n# api-doctor-disable-next-line bearer-format\n${call}\n`), ['key-in-url api_key={k}']);
  });

  it('disable-line trailing on the line, with a reason', async () => {
    assert.deepEqual(await ranges(`import requests\n${call}  # api-doctor-disable-line key-in-url -- legacy endpoint\n`), []);
  });

  it('a file-wide directive only on a line of its own', async () => {
    assert.deepEqual(await ranges(`# api-doctor-disable key-in-url\nimport requests\n${call}\n`), []);
    assert.deepEqual(await ranges(`import requests  # api-doctor-disable key-in-url\n${call}\n`), ['key-in-url api_key={k}']);
  });

  it('ignores the JavaScript comment form', async () => {
    assert.deepEqual(await ranges(`import requests\n// api-doctor-disable-next-line\n${call}\n`).catch(() => ['parse']), ['key-in-url api_key={k}']);
  });
});

describe('python: options', () => {
  const text = 'import requests\nrequests.get(f"https://api.example.com/v1/x?sig={sig}", headers={"Authorization": "Bearer: " + tok})\n';

  it('takes extra secret parameter names from options and the config file', async () => {
    assert.deepEqual(await ranges(text), ['bearer-format "Bearer: " + tok']);
    assert.deepEqual(await ranges(text, { secretParamNames: ['sig'] }), ['key-in-url sig={sig}', 'bearer-format "Bearer: " + tok']);
    assert.deepEqual(await ranges(text, { config: { ...emptyConfig(), secretParamNames: ['sig'] } }), ['key-in-url sig={sig}', 'bearer-format "Bearer: " + tok']);
  });

  it('turns rules off and changes severities', async () => {
    assert.deepEqual(await ranges(text, { rules: { 'bearer-format': 'off' } }), []);
    const [f] = await analyzeText(text, { rules: { 'bearer-format': 'warning' } });
    assert.equal(f.severity, 'warning');
    assert.deepEqual(await ranges(text, { rules: { 'bearer-format': 'warning' }, config: { ...emptyConfig(), rules: { 'bearer-format': 'off' } } }), []);
  });
});

describe('python: details', () => {
  it('reports UTF-16 offsets after astral characters', async () => {
    const text = 'import requests\n# 🎙️ voices\nrequests.get(f"https://api.example.com/🎙️?token={t}")\n';
    assert.deepEqual(await ranges(text), ['key-in-url token={t}']);
  });

  it('does not report urlopen(Request(…)) twice', async () => {
    const text = 'from urllib.request import Request, urlopen\nreq = Request(f"https://api.example.com/x?api_key={k}")\nurlopen(req)\n';
    assert.deepEqual(await ranges(text), ['key-in-url api_key={k}']);
  });

  it('offers no header fix when the headers come from a variable', async () => {
    const text = 'import requests\nH = {"Accept": "application/json"}\nrequests.get(f"https://api.example.com/x?api_key={k}", headers=H)\n';
    const [f] = await analyzeText(text);
    assert.equal(f.ruleId, 'key-in-url');
    assert.equal(f.fix, undefined);
  });

  it('offers no key fix when the request already sends Authorization', async () => {
    const text = 'import requests\nrequests.get(f"https://api.example.com/x?api_key={k}", headers={"Authorization": f"Bearer {k}"})\n';
    const [f] = await analyzeText(text);
    assert.equal(f.fix, undefined);
  });

  it('offers no hard-coded key fix without `import os`', async () => {
    const text = 'import requests\nWAVES_API_KEY = "sk_4f9a8b7c6d5e4f3a2b1c0d9e"\n';
    const [f] = await analyzeText(text);
    assert.equal(f.ruleId, 'hardcoded-key');
    assert.equal(f.fix, undefined);
  });

  it('never shows a key unmasked in a message', async () => {
    const key = 'sk_4f9a8b7c6d5e4f3a2b1c0d9e';
    const text = `import os, requests\nAPI_KEY = "${key}"\nrequests.get("https://api.example.com/x?api_key=${key}")\n`;
    const findings = await analyzeText(text);
    assert.ok(findings.length >= 2);
    for (const f of findings) assert.ok(!f.message.includes(key), f.message);
  });

  it('resolves names through function scopes and never across them', async () => {
    const text = [
      'import requests',
      'def a(token):',
      '    url = f"https://api.example.com/x?access_token={token}"',
      '    return requests.get(url)',
      'def b():',
      '    url = "https://api.example.com/y?page=2"',
      '    return requests.get(url)',
      '',
    ].join('\n');
    assert.deepEqual(await ranges(text), ['key-in-url access_token={token}']);
  });

  it('treats a name assigned twice as unknown', async () => {
    const text = 'import requests\nurl = "https://a.example/x?api_key=abc123def456"\nurl = "https://a.example/x"\nrequests.get(url)\n';
    assert.deepEqual(await ranges(text), []);
  });
});

describe('python: the user\'s own request functions', () => {
  const text = [
    'import os',
    'TOKEN = os.environ["API_TOKEN"]',
    'class Api:',
    '    def search(self, q):',
    '        return self._request("GET", f"/search?q={q}&token={TOKEN}")',
    '    def me(self):',
    '        return self._request("GET", "/me", params={"api_key": TOKEN})',
    '',
  ].join('\n');

  it('are request sites when configured, with the URL argument they name', async () => {
    assert.deepEqual(await ranges(text), []);
    assert.deepEqual(await ranges(text, { clients: [{ function: 'self._request', urlArg: 1 }] }), ['key-in-url token={TOKEN}', 'key-in-url "api_key": TOKEN']);
    assert.deepEqual(await ranges(text, { config: { ...emptyConfig(), clients: [{ function: 'self._request', urlArg: 1 }] } }), ['key-in-url token={TOKEN}', 'key-in-url "api_key": TOKEN']);
  });

  it('get no fix that adds a keyword the function may not take', async () => {
    for (const f of await analyzeText(text, { clients: [{ function: 'self._request', urlArg: 1 }] })) assert.equal(f.fix, undefined);
  });
});

describe('python: module constants', () => {
  it('a name written through `global` elsewhere is not a constant', async () => {
    const base = 'import requests\nURL = "https://a.example/x?api_key=abc123def456"\n';
    assert.deepEqual(await ranges(`${base}requests.get(URL)\n`), ['key-in-url api_key=abc123def456']);
    assert.deepEqual(await ranges(`${base}def reset():\n    global URL\n    URL = load()\nrequests.get(URL)\n`), []);
  });
});

describe('python: retry messages', () => {
  it('names the library option to change', async () => {
    const text = 'import requests\nfrom tenacity import retry\n@retry\ndef f(u):\n    return requests.get(u)\n';
    const [f] = await analyzeText(text);
    assert.equal(f.ruleId, 'retry-without-backoff');
    assert.match(f.message, /has no `wait=`/);
    assert.match(f.message, /never gives up/);
    assert.match(f.message, /wait_random_exponential/);
  });

  it('says a bare `while True` retry never gives up, and a counted one does not', async () => {
    const loop = (head: string) => `import requests\ndef f(u):\n    n = 0\n    ${head}:\n        n += 1\n        r = requests.get(u)\n        if r.status_code == 429:\n            continue\n        return r\n`;
    const [unbounded] = await analyzeText(loop('while True'));
    assert.match(unbounded.message, /never gives up/);
    const [counted] = await analyzeText(loop('while n < 5'));
    assert.doesNotMatch(counted.message, /never gives up/);
  });

  it('reports the constant wait in milliseconds, read through a module constant', async () => {
    const text = 'import time, requests\nWAIT = 1.5\ndef f(u):\n    for _ in range(3):\n        r = requests.get(u)\n        if r.status_code >= 500:\n            time.sleep(WAIT)\n            continue\n        return r\n';
    const [f] = await analyzeText(text);
    assert.match(f.message, /always waiting the same 1500 ms/);
  });
});

describe('python: the editor\'s "disable" edits are honoured', () => {
  const text = '#!/usr/bin/env python3\nimport requests\n\ndef f(k):\n    return requests.get(f"https://api.example.com/x?api_key={k}")\n';

  it('for the line and for the file', async () => {
    const [f] = await analyzeText(text);
    assert.equal(f.ruleId, 'key-in-url');
    assert.deepEqual(await ranges(applyEdits(text, [disableForLineEdit(text, f.start, f.ruleId, 'python')])), []);
    const once = applyEdits(text, [disableForFileEdit(text, 'bearer-format', 'python')]);
    assert.deepEqual(await ranges(once), ['key-in-url api_key={k}']);
    assert.deepEqual(await ranges(applyEdits(once, [disableForFileEdit(once, 'key-in-url', 'python')])), []);
  });
});

describe('python: character sets under secret-looking names', () => {
  it('are analysed without pathological backtracking (a character set is not a key)', async () => {
    const text = 'UNRESERVED_PAT = r"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._\\-~"\nTOKEN_CHARS = "abcdefghijklmnopqrstuvwxyz0123456789+/="\n';
    assert.deepEqual(await ranges(text), []);
  });
});

describe('python: regular expressions under secret-looking names', () => {
  it('a `_pat` pattern is not a personal access token', async () => {
    assert.deepEqual(await ranges("longopt_pat = r'[a-zA-Z](?:[a-zA-Z0-9-]*)'\nTOKEN_RE_PAT = r'^Bearer\\s+(\\S{16,})$'\n"), []);
  });
});
