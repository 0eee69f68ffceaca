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

/** The symptoms a check sheet names when it says a person has none of them (「无发热、咳嗽、乏力等症状」). */
const NAMED = '发热|发烧|咳嗽|干咳|乏力|咽痛|咽干|咽喉痛|流涕|鼻塞|腹泻|呕吐|恶心|胸闷|气促|气短|呼吸困难|头痛|肌肉酸痛|嗅觉减退|味觉减退|结膜炎';
/** One clause that only denies: 无/未见/没有/否认 and named symptoms joined by 、及和或, or 体温正常. */
const DENIES = new RegExp(`^(?:(?:无明显|无|未见|未有|没有|否认)(?:${NAMED})(?:[、及和或/]?(?:${NAMED}))*(?:等)?(?:症状|不适|表现)?|体温正常)$`);

/**
 * null when the text says there are none (or is empty); otherwise the text, trimmed. A text of clauses that each only
 * deny (「无发热，无咳嗽」「体温正常」) is none too (session 47); one clause naming a symptom plainly (「无发热，咳嗽」) keeps
 * the whole text a symptom.
 */
export function normaliseSymptoms(raw: string | null | undefined): string | null {
  if (raw === null || raw === undefined) return null;
  const text = raw.trim();
  const key = text.replace(/[\s\u3000。.,，;；!！]/g, '');
  if (key === '' || NO_SYMPTOMS.has(key)) return null;
  const clauses = text
    .split(/[,，;；。.!！]/)
    .map((c) => c.replace(/[\s\u3000]/g, ''))
    .filter((c) => c !== '');
  if (clauses.every((c) => DENIES.test(c) || NO_SYMPTOMS.has(c))) return null;
  return text;
}
