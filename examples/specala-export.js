// Exporting transcripts from the Specala AI archive.
const axios = require('axios');

const api = axios.create({
  baseURL: 'https://app.specala.ai/api/v1/developer',
  headers: { Authorization: 'Bearer ' + process.env.SPECALA_API_KEY },
});

// retry-without-backoff: a 429 is answered with an instant retry, which keeps the limit hit.
async function getTranscript(id) {
  while (true) {
    try {
      const res = await api.get(`/transcriptions/${id}`);
      return res.data;
    } catch (err) {
      if (err.response && err.response.status === 429) continue;
      throw err;
    }
  }
}

// A loop of single exports: one bulk export request does the same within the rate limit.
async function exportAll(ids) {
  const files = [];
  for (const id of ids) {
    const res = await api.get(`/transcriptions/${id}/export`, { params: { format: 'md' } });
    files.push(res.data);
  }
  return files;
}

module.exports = { getTranscript, exportAll };
