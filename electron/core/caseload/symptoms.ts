/**
 * What is written in 症状, read one way everywhere: 今日随访, the case drawer and
 * import all go through `normaliseSymptoms` (via recordHealthCheck), so 「无」
 * typed on the screen and 「无」 in a community's sheet both mean no symptoms.
 * Pure; the renderer imports it to show the same reading before saving.
 */

/** Words meaning "no symptoms", compared without spaces and trailing punctuation. */
const NO_SYMPTOMS = new Set([
  '无',
  '无症状',
  '无异常',
  '未见异常',
  '正常',
  '良好',
  '一切正常',
  '身体正常',
  '否',
  '没有',
  '没',
  '无明显症状',
  '无不适',
  '/',
  '-',
  '—',
  '——',
]);

/** null when the text says there are none (or is empty); otherwise the text, trimmed. */
export function normaliseSymptoms(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const text = raw.trim();
  const key = text.replace(/[\s\u3000。.,，;；!！]/g, '');
  if (key === '' || NO_SYMPTOMS.has(key)) return null;
  return text;
}
