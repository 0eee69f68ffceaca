/**
 * The app never says the notice (豫民文〔2020〕14号, forwarding 民发〔2020〕13号)
 * says what it does not. Every line of renderer/ and electron/ source that
 * attributes something to the notice (通知要求, 通知：, 通知用语, 原文…) must be
 * one of CLAIMS below, each checked word by word against the notice's text
 * (tests/unit/lint/notice-2020-14.txt, copied from the domain brief), and every
 * “quote” on such a line must be in the notice. Anything else is an office
 * setting and is labelled so (本街道设置 / 本单位的设定), which this test lets pass.
 * The scan covers the READMEs too, attributions to 「文件」, its articles (第三条) and its
 * numbers (14号文), one broken over two lines of JSX, and the Chinese an English comment
 * gives as the notice's words (「the notice says 第一时间」).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO } from '../../helpers/import-graph';
import { NOTICE_ROTA_RULES } from '../../../electron/core/rota/duty-types.shared';
import { MEMORIAL_HEADING } from '../../../electron/core/honours/types.shared';

/** The notice without its line and page breaks (a phrase may run across them). */
const NOTICE = readFileSync(join(__dirname, 'notice-2020-14.txt'), 'utf8').replace(/\s+/g, '');
const inNotice = (quote: string): boolean => NOTICE.includes(quote.replace(/\s+/g, ''));

/**
 * Words that attribute a rule or a wording to the notice (or to 「文件」, its article numbers, its
 * document numbers): 通知要求, 按文件, 第三条, 14号文, 民发〔2020〕13号规定…
 */
const ATTRIBUTION = new RegExp(
  [
    /通知(要求|规定|提出|明确|用语|原文|的要求|：)|是通知为|按通知|根据通知|依据通知|按照通知|《通知》|原文：/.source,
    /文件(要求|规定|明确|提出|的要求)|(按|按照|根据|依据)上级文件/.source,
    /第[一二三四五六七八九十\d]+条/.source,
    /1[34]号文/.source,
    /(豫民文|民发)〔2020〕1[34]号(文件)?(要求|规定|提出|明确|指出)/.source,
    // The notice by its title (《…通知》要求) or by who issued it (民政部要求, 省卫健委规定): the same claim in other words.
    /通知》(的)?(要求|规定|提出|明确|指出)/.source,
    /(民政部|国家卫生健康委|国家卫健委|省民政厅|民政厅|省卫健委|省卫生健康委)(的)?(要求|规定|提出|明确|指出)/.source,
  ].join('|'),
);
/** Saying the notice does NOT say something is how office settings are labelled: always allowed. */
const DENIAL = /通知(未规定|没有规定|也没有规定|没有要求)|非本通知规定|不是通知的要求|并非通知规定|不是文件规定|并非文件规定/;
/**
 * English (comments, READMEs) that says what the notice says: the Chinese after it on the line is
 * the notice's wording, so it must be in the notice (「the notice says 第一时间」).
 */
const ENGLISH_CLAIM =
  /\bthe notice(?:'s words|’s words| says| names| asks for| requires| demands| calls (?:them|it)|:| \()|\b(?:required|demanded|set) by the notice\b/i;

/**
 * Every attribution in the sources, by file and a fragment of its line, with
 * the notice's words that bear it out.
 */
const CLAIMS: Array<{ file: string; fragment: string; notice: string }> = [
  {
    file: 'renderer/src/features/honours/MemorialsPanel.tsx',
    fragment: '通知要求牺牲情况“第一时间”报当地党委、政府和上级民政、卫生健康部门',
    notice: '做好因社区防控工作牺牲的社区工作者、基层医务人员家属慰问关怀工作，相关情况要第一时间报当地党委、政府，并报上级民政、卫生健康部门',
  },
  {
    file: 'renderer/src/features/honours/MemorialsPanel.tsx',
    fragment: '的社区工作者、基层医务人员（通知用语）',
    notice: `${MEMORIAL_HEADING}的社区工作者、基层医务人员`,
  },
  { file: 'renderer/src/features/honours/MemorialDetailView.tsx', fragment: '通知要求第一时间报告', notice: '相关情况要第一时间报当地党委、政府' },
  {
    file: 'renderer/src/features/rota/RulesPanel.tsx',
    fragment: '通知的要求（豫民文〔2020〕14号、民发〔2020〕13号）',
    notice:
      '合理安排社区工作者轮休，并指导其在开展疫情防控工作的同时，做好自身安全防护。社区医务人员重点做好发热患者筛查分诊、医学观察人员健康监测与管理、疫情防控知识的宣传教育，原则上不安排他们在卡点值守',
  },
  { file: 'renderer/src/features/rota/RulesPanel.tsx', fragment: '<section aria-label="通知的要求">', notice: '合理安排社区工作者轮休' },
  { file: 'renderer/src/features/rota/RulesPanel.tsx', fragment: '（原文：“{r.quote}”）', notice: '原则上不安排他们在卡点值守' },
  {
    file: 'renderer/src/features/rota/RatesSection.tsx',
    fragment: '通知提出“争取各地党委和政府重视支持”',
    notice: '争取各地党委和政府重视支持，为参与社区防控工作的专职城乡社区工作者适当发放临时性工作补助，并为参与疫情防控工作的社区志愿者适当发放补贴',
  },
  {
    file: 'renderer/src/features/rota/InsurancePanel.tsx',
    fragment: '通知：“有条件的地方，可为参与社区防控工作的社区工作者、基层医务人员办理专属保险。”',
    notice: '有条件的地方，可为参与社区防控工作的社区工作者、基层医务人员办理专属保险。',
  },
  {
    file: 'electron/core/rota/duty-types.shared.ts',
    fragment: '通知：为专职城乡社区工作者“适当发放临时性工作补助”',
    notice: '为参与社区防控工作的专职城乡社区工作者适当发放临时性工作补助',
  },
  { file: 'electron/core/rota/duty-types.shared.ts', fragment: '通知：为社区志愿者“适当发放补贴”', notice: '为参与疫情防控工作的社区志愿者适当发放补贴' },
  {
    file: 'electron/core/rota/medical-checkpoint-save.ts',
    fragment: '通知要求「${NOTICE_MEDICAL_CHECKPOINT}」',
    notice: '社区医务人员重点做好发热患者筛查分诊、医学观察人员健康监测与管理、疫情防控知识的宣传教育，原则上不安排他们在卡点值守',
  },
  {
    file: 'electron/core/rota/post-handlers.ts',
    fragment: '（通知要求合理安排轮休）',
    notice: '优化社区防控人力配置，合理安排参与社区防控工作人员轮休',
  },
  {
    file: 'electron/core/rota/post-handlers.ts',
    fragment: '是通知为${STAFF_KIND_LABELS[owner]}提出的补助',
    notice: '为参与社区防控工作的专职城乡社区工作者适当发放临时性工作补助，并为参与疫情防控工作的社区志愿者适当发放补贴',
  },
];

function sources(dir: string): string[] {
  return readdirSync(join(REPO, dir)).flatMap((name) => {
    const p = join(dir, name);
    if (statSync(join(REPO, p)).isDirectory()) return sources(p);
    return /\.(ts|tsx|md)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [p] : [];
  });
}

/** Everything a user or a reader is told: the screens, the core (errors, printed and exported forms) and the READMEs. */
const SCANNED = (): string[] => ['README.md', ...['renderer', 'electron'].flatMap(sources)];
/** A line about this test itself (README: 凡是说“通知要求”…的话都列在 notice-claims.test.ts) quotes the words it looks for. */
const ABOUT_THIS_TEST = /notice-claims\.test\.ts/;
const isComment = (file: string, line: string): boolean => !file.endsWith('.md') && /^\s*(\/\/|\/\*|\*)/.test(line);
const attributes = (line: string): boolean => ATTRIBUTION.test(line.replace(DENIAL, ''));

/** Lines that speak to a user or a reader (not code comments), with an attribution to the notice. */
function attributions(): Array<{ file: string; line: string }> {
  return SCANNED().flatMap((file) =>
    readFileSync(join(REPO, file), 'utf8')
      .split('\n')
      .filter((line) => !isComment(file, line) && !ABOUT_THIS_TEST.test(line) && attributes(line))
      .map((line) => ({ file, line: line.trim() })),
  );
}

/** An attribution broken over two lines (JSX text wraps): 通知 at the end of one, 要求 at the start of the next. */
function splitAttributions(): string[] {
  return SCANNED().flatMap((file) => {
    const lines = readFileSync(join(REPO, file), 'utf8').split('\n');
    return lines.slice(1).flatMap((line, i) => {
      const before = lines[i]!;
      if (isComment(file, before) || isComment(file, line) || attributes(before) || attributes(line)) return [];
      return attributes(`${before.trimEnd()}${line.trimStart()}`) ? [`${file}:${i + 1}: ${before.trim()} / ${line.trim()}`] : [];
    });
  });
}

/** The notice's wording an English line (comment or README) gives after 「the notice says」: each Chinese phrase in that clause. */
function englishClaimsNotInNotice(): string[] {
  return SCANNED().flatMap((file) =>
    readFileSync(join(REPO, file), 'utf8')
      .split('\n')
      .flatMap((line, i) => {
        const m = ENGLISH_CLAIM.exec(line);
        if (!m) return [];
        // The clause after it, to its end (「the notice says 第一时间; 24 小时 is the office's」 claims 第一时间 only).
        const clause = line.slice(m.index + m[0].length).split(/[;.)]/)[0]!;
        const phrases = [...clause.matchAll(/[\u4e00-\u9fff（）、，〔〕\d]*[\u4e00-\u9fff][\u4e00-\u9fff（）、，〔〕\d]*/g)]
          .map((p) => p[0].replace(/^[（）、，]+|[（）、，]+$/g, ''))
          .filter((p) => p.replace(/[^\u4e00-\u9fff]/g, '').length >= 2);
        return phrases.filter((p) => !inNotice(p)).map((p) => `${file}:${i + 1}: 「${p}」 in: ${line.trim()}`);
      }),
  );
}

describe('what the app says the notice says', () => {
  it('quotes each verified claim from the notice, word for word', () => {
    expect(NOTICE.length).toBeGreaterThan(5000);
    expect(CLAIMS.filter((c) => !inNotice(c.notice)).map((c) => c.notice)).toEqual([]);
    expect(NOTICE_ROTA_RULES.filter((r) => !inNotice(r.quote)).map((r) => r.quote)).toEqual([]);
  });

  it('attributes to the notice only what is verified above', () => {
    const found = attributions();
    expect(found.length).toBeGreaterThanOrEqual(CLAIMS.length);
    const unverified = found.filter((a) => !CLAIMS.some((c) => c.file === a.file && a.line.includes(c.fragment)));
    expect(unverified.map((a) => `${a.file}: ${a.line}`)).toEqual([]);
  });

  it('keeps every verified claim in its file (a claim reworded must be checked again)', () => {
    const found = attributions();
    const gone = CLAIMS.filter((c) => !found.some((a) => a.file === c.file && a.line.includes(c.fragment)));
    expect(gone.map((c) => `${c.file}: ${c.fragment}`)).toEqual([]);
  });

  it('finds every “quote” on a line that names the notice in the notice', () => {
    const misquoted = attributions().flatMap((a) =>
      [...a.line.matchAll(/“([^”{}]+)”/g)]
        .map((m) => m[1]!)
        .filter((q) => !inNotice(q))
        .map((q) => `${a.file}: “${q}”`),
    );
    expect(misquoted).toEqual([]);
  });

  it('has no attribution broken over two lines, where the line checks above would not see it', () => {
    expect(splitAttributions()).toEqual([]);
  });

  it('finds in the notice the Chinese an English comment or README gives as the notice’s words', () => {
    expect(englishClaimsNotInNotice()).toEqual([]);
  });

  it('catches a claim the notice does not make (the check itself)', () => {
    expect(ATTRIBUTION.test('按文件要求每天测两次体温')).toBe(true);
    expect(ATTRIBUTION.test('按文件内容识别格式')).toBe(false);
    expect(ATTRIBUTION.test('依据第三条，医务人员不上卡点')).toBe(true);
    expect(ATTRIBUTION.test('14号文规定补助每天100元')).toBe(true);
    expect(ATTRIBUTION.test('民发〔2020〕13号要求每天报送')).toBe(true);
    expect(ATTRIBUTION.test('这是本街道的设置，不是文件规定'.replace(DENIAL, ''))).toBe(false);
    expect(ENGLISH_CLAIM.test('the notice says 每天两次测温')).toBe(true);
    expect(inNotice('每天两次测温')).toBe(false);
    expect(ATTRIBUTION.test('通知要求每天测两次体温')).toBe(true);
    expect(ATTRIBUTION.test('通知未规定，如发放请设本单位的补助项目'.replace(DENIAL, ''))).toBe(false);
    expect(inNotice('因社区防控工作牺牲的社区工作者、基层医务人员和志愿者')).toBe(false);
    expect(inNotice('为专职城乡社区工作者适当发放临时性工作补助')).toBe(false);
    // The notice by its title or its issuers, and an English “required by the notice”.
    expect(ATTRIBUTION.test('按《关于进一步做好城乡社区疫情防控工作的通知》要求每日两报')).toBe(true);
    expect(ATTRIBUTION.test('民政部要求体温 37.3 °C 以上上报')).toBe(true);
    expect(ATTRIBUTION.test('省卫健委规定观察 14 天')).toBe(true);
    expect(ATTRIBUTION.test('民政部门指导社区工作')).toBe(false);
    expect(ENGLISH_CLAIM.test('14 days, required by the notice 十四天')).toBe(true);
  });
});
