import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { closeActive, openLinted, ourHovers } from './editorHelpers';

/** Each language front end reaches the editor: a diagnostic with the rule id and its exact range, and a quick fix. */
describe('languages in the editor', () => {
  afterEach(closeActive);

  const cases: { language: string; content: string; rule: string; range: string }[] = [
    { language: 'python', content: 'import os\nimport requests\n\nrequests.get(f"https://api.example.com/v1/items?api_key={os.environ[\'API_KEY\']}")\n', rule: 'key-in-url', range: "api_key={os.environ['API_KEY']}" },
    { language: 'go', content: 'package main\n\nimport "net/http"\n\nfunc main() {\n\thttp.Get("https://api.example.com/v1/items?token=abc123")\n}\n', rule: 'key-in-url', range: 'token=abc123' },
    { language: 'shellscript', content: '#!/bin/sh\ncurl -H "Authorization: Bearer \'$API_KEY\'" https://api.example.com/v1/items\n', rule: 'bearer-format', range: "Bearer '$API_KEY'" },
    { language: 'http', content: '@key = {{$processEnv MAPS_API_KEY}}\nGET https://maps.example.com/geocode?address=Berlin&key={{key}}\n', rule: 'key-in-url', range: 'key={{key}}' },
    { language: 'jsonc', content: '{\n  // local debugging\n  "url": "http://localhost:3000/?access_token=${env:ACCESS_TOKEN}"\n}\n', rule: 'key-in-url', range: 'access_token=${env:ACCESS_TOKEN}' },
  ];

  for (const c of cases) {
    it(`${c.language}: ${c.rule} on "${c.range}"`, async () => {
      const { doc, diagnostics } = await openLinted(c.content, c.language);
      const [d] = diagnostics;
      assert.equal(d.code, c.rule);
      assert.equal(doc.getText(d.range), c.range);
      const hovers = await ourHovers(doc, d.range.start.translate(0, 1));
      assert.ok(hovers.some((h) => h.includes(c.rule)), `the hover names the rule: ${hovers.join('\n---\n')}`);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', doc.uri, d.range, vscode.CodeActionKind.QuickFix.value);
      const titles = actions.map((a) => a.title);
      assert.ok(titles.includes(`Disable ${c.rule} for this line`), `a disable action is offered: ${titles.join(', ')}`);
    });
  }
});
