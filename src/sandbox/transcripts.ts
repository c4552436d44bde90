/** The sandbox's made-up Specala workspace: two projects and a dozen short transcriptions. */
export interface Transcription {
  id: string;
  project_id: string;
  title: string;
  created_at: string;
  duration_seconds: number;
  text: string;
}

const TOPICS = [
  'Weekly planning', 'Customer call', 'Design review', 'Interview', 'Retrospective', 'Sales demo',
  'Support escalation', 'Onboarding', 'Board update', 'Podcast draft', 'Lecture notes', 'Stand-up',
];

export const PROJECTS = [
  { id: 'prj_demo', name: 'Demo project' },
  { id: 'prj_archive', name: 'Archive' },
];

export const TRANSCRIPTIONS: Transcription[] = TOPICS.map((title, i) => ({
  id: `tr_${String(i + 1).padStart(4, '0')}`,
  project_id: i < 8 ? 'prj_demo' : 'prj_archive',
  title,
  created_at: new Date(Date.UTC(2026, 0, 1 + i, 9, 30)).toISOString(),
  duration_seconds: 60 + i * 37,
  text: `This is the sandbox transcript of "${title}". Speaker one opens; speaker two answers.`,
}));

export function findTranscription(id: string): Transcription | undefined {
  return TRANSCRIPTIONS.find((t) => t.id === id);
}

export function exportText(t: Transcription, format: 'md' | 'txt'): string {
  return format === 'md'
    ? `# ${t.title}\n\n*${t.created_at} · ${t.duration_seconds} s*\n\n${t.text}\n`
    : `${t.title}\n${t.created_at}\n\n${t.text}\n`;
}
