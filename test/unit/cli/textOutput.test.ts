import * as assert from 'node:assert/strict';
import { runCli } from './runCli';

describe('api-doctor lint text output', () => {
  it('prints path:line:col: severity rule-id: message, then a summary', () => {
    const r = runCli(['lint', 'test/fixtures/cli/basic']);
    assert.equal(r.code, 1);
    const lines = r.stdout.trimEnd().split('\n');
    assert.equal(lines.length, 3);
    assert.match(lines[0], /^test\/fixtures\/cli\/basic\/api\.ts:5:50: warning key-in-url: The query parameter "api_key" /);
    assert.match(lines[1], /^test\/fixtures\/cli\/basic\/legacy\.js:2:41: warning key-in-url: The query parameter "token" /);
    assert.equal(lines[2], '2 findings in 3 files');
    assert.doesNotMatch(r.stdout, /abc123/);
  });
});
