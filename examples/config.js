// hardcoded-key: a live key committed to source ends up in every clone and build.
const SPECALA_API_KEY = 'sk_live_4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c';

async function listProjects() {
  const res = await fetch('https://app.specala.ai/api/v1/developer/projects', {
    headers: { Authorization: `Bearer ${SPECALA_API_KEY}` },
  });
  if (!res.ok) throw new Error(`Specala answered ${res.status}`);
  return res.json();
}

module.exports = { listProjects };
