import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/core/analyze';

async function found(text: string): Promise<string[]> {
  return (await analyze(text, 'javascript')).map((f) => `${f.ruleId} ${text.slice(f.start, f.end)}`);
}

const line = (k: string) => `fetch(\`https://a.example/x?api_key=\${${k}}\`, { headers: { Authorization: "Bearer" + ${k} } });`;

describe('suppression comments', () => {
  it('reports both rules without a comment', async () => {
    assert.deepEqual(await found(line('k')), ['key-in-url api_key=${k}', 'bearer-format "Bearer" + k']);
  });

  it('disable-next-line with a rule list keeps the other rules', async () => {
    assert.deepEqual(await found(`// api-doctor-disable-next-line key-in-url\n${line('k')}`), ['bearer-format "Bearer" + k']);
  });

  it('disable-next-line with several rules and a reason', async () => {
    assert.deepEqual(await found(`// api-doctor-disable-next-line key-in-url, bearer-format -- legacy endpoint\n${line('k')}`), []);
  });

  it('disable-line without rules silences the line only', async () => {
    assert.deepEqual(await found(`${line('k')} // api-doctor-disable-line\n${line('j')}`), ['key-in-url api_key=${j}', 'bearer-format "Bearer" + j']);
  });

  it('a block comment disables rules for the whole file', async () => {
    assert.deepEqual(await found(`/* api-doctor-disable bearer-format */\n${line('k')}\n${line('j')}`), ['key-in-url api_key=${k}', 'key-in-url api_key=${j}']);
    assert.deepEqual(await found(`${line('k')}\n/* api-doctor-disable */`), []);
  });

  it('a line comment "api-doctor-disable" is not a file-wide switch', async () => {
    assert.deepEqual(await found(`// api-doctor-disable\n${line('k')}`), ['key-in-url api_key=${k}', 'bearer-format "Bearer" + k']);
  });
});
