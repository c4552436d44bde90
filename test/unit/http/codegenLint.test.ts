import * as assert from 'node:assert/strict';
import { analyze } from '../../../src/core/analyze';
import { generateCode, type CodeFormat } from '../../../src/http/codegen';

/** Code that API Doctor writes for people to copy must pass API Doctor's own linter. */
describe('generated code passes the linter', () => {
  const requests = [
    {
      method: 'POST',
      url: 'https://waves-api.smallest.ai/api/v1/lightning-v3.1/get_speech',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ text: 'Hello', voice_id: 'emily' }),
      provider: 'waves',
      key: { value: 'sk_live_Zq8vN3xK2pL9aB7c' },
    },
    {
      method: 'GET',
      url: 'https://app.specala.ai/api/v1/developer/transcriptions?limit=100&offset=200',
      provider: 'specala',
      key: { value: 'sk_live_Q2w3E4r5T6y7U8i9' },
    },
  ];
  const languageOf: Record<CodeFormat, string> = { curl: 'shellscript', fetch: 'javascript', python: 'python', http: 'http' };

  for (const req of requests) {
    for (const format of Object.keys(languageOf) as CodeFormat[]) {
      it(`${format} for ${req.method} ${new URL(req.url).pathname}`, async () => {
        const code = generateCode(req, format);
        const findings = await analyze(code, languageOf[format]);
        assert.deepEqual(findings.map((f) => `${f.ruleId}: ${code.slice(f.start, f.end)}`), [], code);
        assert.ok(!code.includes(req.key.value), code);
      });
    }
  }
});
