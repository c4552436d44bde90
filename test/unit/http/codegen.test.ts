import * as assert from 'node:assert/strict';
import { envVarsFor, generateCode, keyEnvVarName, type CodeFormat } from '../../../src/http/codegen';

const KEY = 'sk_live_Zq8vN3xK2pL9';
const FORMATS: CodeFormat[] = ['curl', 'fetch', 'python', 'http'];

const speech = {
  method: 'POST',
  url: 'https://waves-api.smallest.ai/api/v1/lightning-v3.1/get_speech',
  headers: { 'Content-Type': 'application/json' },
  body: JSON.stringify({ text: "It's $HOME and `date`", sample_rate: 24000, stream: false }),
  provider: 'waves',
  key: { value: KEY },
};

describe('http/codegen', () => {
  it('names the key variable after the provider', () => {
    assert.equal(keyEnvVarName('waves'), 'WAVES_API_KEY');
    assert.equal(keyEnvVarName('specala'), 'SPECALA_API_KEY');
    assert.equal(keyEnvVarName(null), 'API_KEY');
    assert.equal(keyEnvVarName('http'), 'API_KEY');
  });

  it('writes curl that reads the key from $WAVES_API_KEY and quotes the body for the shell', () => {
    assert.equal(generateCode(speech, 'curl'), [
      `curl -X POST 'https://waves-api.smallest.ai/api/v1/lightning-v3.1/get_speech' \\`,
      `  -H "Authorization: Bearer \${WAVES_API_KEY}" \\`,
      `  -H 'Content-Type: application/json' \\`,
      `  --data-raw '{"text":"It'\\''s $HOME and \`date\`","sample_rate":24000,"stream":false}'`,
      '',
    ].join('\n'));
  });

  it('writes fetch with process.env and a JSON.stringify body', () => {
    const code = generateCode(speech, 'fetch');
    assert.ok(code.includes('"Authorization": `Bearer ${process.env.WAVES_API_KEY}`,'), code);
    assert.ok(code.includes('body: JSON.stringify({\n    "text": "It\'s $HOME and `date`",'), code);
  });

  it('writes Python requests with os.environ and json=', () => {
    const code = generateCode(speech, 'python');
    assert.ok(code.includes('"Authorization": "Bearer " + os.environ["WAVES_API_KEY"],'), code);
    assert.ok(code.includes('"stream": False,'), code);
    assert.ok(code.startsWith('import os\n\nimport requests\n'), code);
  });

  it('writes a .http file with $processEnv', () => {
    assert.equal(generateCode({ method: 'GET', url: 'https://app.specala.ai/api/v1/developer/projects', provider: 'specala', key: { value: KEY } }, 'http'),
      '###\nGET https://app.specala.ai/api/v1/developer/projects HTTP/1.1\nAuthorization: Bearer {{$processEnv SPECALA_API_KEY}}\n');
  });

  it('never writes the key, whether it came as the key, a typed header or a query parameter', () => {
    const typed = {
      method: 'GET',
      url: `https://app.specala.ai/api/v1/developer/transcriptions?limit=5&api_key=${KEY}`,
      headers: [['Authorization', `Bearer ${KEY}`], ['X-Note', `copied ${KEY}`]] as Array<[string, string]>,
      provider: 'specala',
    };
    for (const req of [speech, typed]) {
      for (const format of FORMATS) {
        const code = generateCode(req, format);
        assert.ok(!code.includes(KEY) && !code.includes('Zq8vN3xK2pL9'), `${format} leaked the key:\n${code}`);
        assert.ok(/WAVES_API_KEY|SPECALA_API_KEY/.test(code), `${format} has no variable:\n${code}`);
      }
    }
    assert.ok(generateCode(typed, 'curl').includes('api_key=${SPECALA_API_KEY}'));
    assert.deepEqual(envVarsFor(typed), ['SPECALA_API_KEY']);
  });

  it('points at a file for binary bodies', () => {
    const req = { method: 'POST', url: 'https://waves-api.smallest.ai/api/v1/pulse/get_text?language=en', body: new Uint8Array([1, 2, 3]), headers: { 'Content-Type': 'audio/wav' }, provider: 'waves', key: { value: KEY } };
    assert.ok(generateCode(req, 'curl').includes("--data-binary @'body.bin'"));
    assert.ok(generateCode(req, 'python').includes('data=open("body.bin", "rb"),'));
    assert.ok(generateCode(req, 'fetch').includes('body: await readFile("body.bin"),'));
    assert.ok(generateCode(req, 'http').includes('< ./body.bin'));
  });
});
