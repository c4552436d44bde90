import * as assert from 'node:assert/strict';
import { disableForFileEdit, disableForLineEdit } from '../../../src/vscode/editor/suppressions';
import type { TextEdit } from '../../../src/core/types';
import { LineIndex } from '../../../src/core/lineIndex';
import { applySuppressions } from '../../../src/core/suppressions';

function apply(text: string, e: TextEdit): string {
  return text.slice(0, e.start) + e.newText + text.slice(e.end);
}

describe('suppression edits', () => {
  it('adds a disable-next-line comment with the line indentation, in the language comment style', () => {
    const js = 'function f() {\n  fetch("https://x/?token=1");\n}\n';
    assert.equal(apply(js, disableForLineEdit(js, js.indexOf('token'), 'key-in-url', 'typescript')),
      'function f() {\n  // api-doctor-disable-next-line key-in-url\n  fetch("https://x/?token=1");\n}\n');
    const py = 'def f():\n    requests.get("https://x/?token=1")\n';
    assert.equal(apply(py, disableForLineEdit(py, py.indexOf('token'), 'key-in-url', 'python')),
      'def f():\n    # api-doctor-disable-next-line key-in-url\n    requests.get("https://x/?token=1")\n');
  });

  it('appends to an existing disable-next-line comment and keeps CRLF line ends', () => {
    const text = 'a();\r\n  // api-doctor-disable-next-line hardcoded-key\r\n  fetch(u);\r\n';
    assert.equal(apply(text, disableForLineEdit(text, text.indexOf('fetch'), 'key-in-url', 'javascript')),
      'a();\r\n  // api-doctor-disable-next-line hardcoded-key, key-in-url\r\n  fetch(u);\r\n');
    const plain = 'fetch(u);\r\n';
    assert.equal(apply(plain, disableForLineEdit(plain, 0, 'key-in-url', 'javascript')), '// api-doctor-disable-next-line key-in-url\r\nfetch(u);\r\n');
  });

  it('does nothing when the rule is already listed', () => {
    const text = '// api-doctor-disable-next-line key-in-url\nfetch(u);\n';
    assert.equal(apply(text, disableForLineEdit(text, text.indexOf('fetch'), 'key-in-url', 'javascript')), text);
  });

  it('adds a file-wide block comment at the top, after a shebang, or appends to an existing one', () => {
    const text = 'import x from "y";\n';
    assert.equal(apply(text, disableForFileEdit(text, 'hardcoded-key', 'typescript')), '/* api-doctor-disable hardcoded-key */\nimport x from "y";\n');
    const script = '#!/usr/bin/env node\nfetch(u);\n';
    assert.equal(apply(script, disableForFileEdit(script, 'key-in-url', 'javascript')), '#!/usr/bin/env node\n/* api-doctor-disable key-in-url */\nfetch(u);\n');
    // A Python encoding declaration must stay on line 1 or 2 (PEP 263), after a shebang too.
    const declared = '#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\nrequests.get(u)\n';
    assert.equal(apply(declared, disableForFileEdit(declared, 'key-in-url', 'python')), '#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n# api-doctor-disable key-in-url\nrequests.get(u)\n');
    const coding = '# coding=latin-1\nrequests.get(u)\n';
    assert.equal(apply(coding, disableForFileEdit(coding, 'key-in-url', 'python')), '# coding=latin-1\n# api-doctor-disable key-in-url\nrequests.get(u)\n');
    const existing = '/* api-doctor-disable key-in-url */\nfetch(u);\n';
    assert.equal(apply(existing, disableForFileEdit(existing, 'hardcoded-key', 'javascript')), '/* api-doctor-disable key-in-url, hardcoded-key */\nfetch(u);\n');
    const afterNextLine = '// api-doctor-disable-next-line bearer-format\nfetch(u);\n';
    assert.equal(apply(afterNextLine, disableForFileEdit(afterNextLine, 'key-in-url', 'javascript')),
      '// api-doctor-disable-next-line bearer-format\n/* api-doctor-disable key-in-url */\nfetch(u);\n');
    const all = '/* api-doctor-disable */\nfetch(u);\n';
    assert.equal(apply(all, disableForFileEdit(all, 'key-in-url', 'javascript')), all);
    const py = 'import requests\n';
    assert.equal(apply(py, disableForFileEdit(py, 'key-in-url', 'python')), '# api-doctor-disable key-in-url\nimport requests\n');
  });

  it('writes comments the analyzer honours', () => {
    const text = 'const a = 1;\nfetch("https://x.example/?token=abc");\n';
    const lines = new LineIndex(text);
    const finding = { ruleId: 'key-in-url', severity: 'warning' as const, message: 'm', start: text.indexOf('token'), end: text.indexOf('token') + 9 };
    for (const edit of [disableForLineEdit(text, finding.start, 'key-in-url', 'javascript'), disableForFileEdit(text, 'key-in-url', 'javascript')]) {
      const after = apply(text, edit);
      const moved = { ...finding, start: finding.start + edit.newText.length, end: finding.end + edit.newText.length };
      assert.deepEqual(applySuppressions([moved], after), [], after);
    }
    assert.deepEqual(applySuppressions([finding], text, lines), [finding]);
  });
});
