// Text-to-speech with Waves Lightning. Open this file to see API Doctor's findings.
import { writeFile } from 'node:fs/promises';

const WAVES_BASE = 'https://waves-api.smallest.ai/api/v1';
const apiKey = process.env.WAVES_API_KEY ?? '';

export async function speak(text: string, voiceId = 'emily'): Promise<Buffer> {
  // bearer-format: the quotes end up inside the header value and the server answers 401.
  const res = await fetch(`${WAVES_BASE}/lightning-v3.1/get_speech`, {
    method: 'POST',
    headers: {
      Authorization: `Bearer "${apiKey}"`,
      'Content-Type': 'application/json',
    },
    body: JSON.stringify({ text, voice_id: voiceId, sample_rate: 24000 }),
  });
  if (res.status === 429) {
    throw new Error('rate limited');
  }
  if (!res.ok) throw new Error(`TTS failed: ${res.status}`);
  return Buffer.from(await res.arrayBuffer());
}

export async function listVoices(): Promise<unknown> {
  // key-in-url: the key travels in the query string, where logs and proxies keep it.
  const res = await fetch(`${WAVES_BASE}/lightning-v3.1/get_voices?api_key=${apiKey}`);
  return res.json();
}

export async function main(): Promise<void> {
  await writeFile('hello.wav', await speak('Hello from API Doctor'));
}
