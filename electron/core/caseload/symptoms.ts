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
  const clauses = text.split(/[,，;；。.!！\r\n\u2028\u2029]/);
  if (clauses.every(onlyDenies)) return null;
  return text;
}

/** A symptom word at the start of what follows a space (「无咳嗽 发热」: 发热 is said plainly). */
const STARTS_NAMED = new RegExp(`^(?:${NAMED})`);

/**
 * One clause (a line of its own when the cell breaks lines) that only denies, or is empty. Spaces round 、及和或/ join the
 * list; any other space ends what was denied when a symptom word follows it (session 48, S48-A1: 「无咳嗽 发热」 and
 * 「否认发热\n腹泻」 read as none before, hiding the fever and the 腹泻).
 */
function onlyDenies(clause: string): boolean {
  const parts = clause
    .replace(/[\s\u3000]*([、及和或/])[\s\u3000]*/g, '$1')
    .split(/[\s\u3000]+/)
    .filter((p) => p !== '');
  if (parts.length === 0) return true;
  const joined = parts.join('');
  if (!DENIES.test(joined) && !NO_SYMPTOMS.has(joined)) return false;
  return parts.slice(1).every((p) => !STARTS_NAMED.test(p));
}
