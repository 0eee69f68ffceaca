/** An amount in 分 as a finance office writes it in words (大写): 4620000 → 「肆万陆仟贰佰元整」, 10005 → 「壹佰元零伍分」. */
const DIGITS = '零壹贰叁肆伍陆柒捌玖';
const PLACES = ['', '拾', '佰', '仟'];
const GROUPS = ['', '万', '亿', '万亿'];

function integerInWords(n: number): string {
  let out = '';
  let zero = false;
  const groups: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 10000)) groups.push(v % 10000);
  for (let g = groups.length - 1; g >= 0; g--) {
    const group = groups[g]!;
    if (group === 0) {
      zero = out !== '';
      continue;
    }
    if (out !== '' && (zero || group < 1000)) out += '零';
    zero = false;
    let inner = false;
    for (let p = 3; p >= 0; p--) {
      const d = Math.floor(group / 10 ** p) % 10;
      if (d === 0) {
        inner = out !== '';
        continue;
      }
      if (inner && !out.endsWith('零')) out += '零';
      out += DIGITS[d]! + PLACES[p]!;
      inner = false;
    }
    out += GROUPS[g]!;
  }
  return out;
}

export function fenInWords(fen: number): string {
  const sign = fen < 0 ? '负' : '';
  const all = Math.round(Math.abs(fen));
  const yuan = Math.floor(all / 100);
  const jiao = Math.floor(all / 10) % 10;
  const cents = all % 10;
  if (all === 0) return '零元整';
  let out = yuan > 0 ? `${integerInWords(yuan)}元` : '';
  if (jiao === 0 && cents === 0) return `${sign}${out}整`;
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (yuan > 0) out += '零';
  if (cents > 0) out += `${DIGITS[cents]}分`;
  return sign + out;
}
