/**
 * A printed PDF read back as paper: each page's size and every word's box (pdftotext -bbox), so a test can say what
 * a person holding the sheet would see: a word past the page's right edge, a page without its header or its
 * 「第 N 页 共 M 页」, a row whose first cell is on another page than the row.
 */
import { execFileSync } from 'node:child_process';

export interface PdfWord {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
}
export interface PdfPage {
  width: number;
  height: number;
  words: PdfWord[];
  /** The page's words in reading order with no spaces: what `toContain` checks read. */
  text: string;
}

const unescape = (s: string) =>
  s
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');

export function readPdf(pdf: string): PdfPage[] {
  const xml = execFileSync('pdftotext', ['-bbox', pdf, '-'], { maxBuffer: 64 * 1024 * 1024 }).toString();
  const pages: PdfPage[] = [];
  for (const m of xml.matchAll(/<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
    const words = [...m[3]!.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((w) => ({
      xMin: Number(w[1]),
      yMin: Number(w[2]),
      xMax: Number(w[3]),
      yMax: Number(w[4]),
      text: unescape(w[5]!),
    }));
    pages.push({ width: Number(m[1]), height: Number(m[2]), words, text: words.map((w) => w.text).join('') });
  }
  return pages;
}

const MM = 72 / 25.4;

/** Words that run into the left or right margin or past the edge (`marginMm` from each side, less a point for rounding). */
export function outsideMargins(page: PdfPage, marginMm: number): PdfWord[] {
  const m = marginMm * MM - 1;
  return page.words.filter((w) => w.xMin < m || w.xMax > page.width - m);
}

/** The 「第 N 页 共 M 页」 in a page's foot (the page's bottom margin), or null. */
export function pageFooter(page: PdfPage, marginMm: number): string | null {
  const foot = page.words.filter((w) => w.yMin > page.height - marginMm * MM);
  return foot.length ? foot.map((w) => w.text).join('') : null;
}

/**
 * The first line under a table's header row on a page: the highest words below the line of the header word `header`,
 * but the header's own second lines (`headerLines`, e.g. 「（天）」). A row split across pages starts its next page with
 * its lower cells only: its first column is empty there. (pdftotext's boxes are a font's full height, taller than the
 * line: a line is told by its top.)
 */
export function firstBodyLine(page: PdfPage, header: string, headerLines: readonly string[] = []): PdfWord[] {
  const head = page.words.find((w) => w.text === header);
  if (!head) return [];
  const below = page.words.filter((w) => w.yMin > head.yMin + 3 && !headerLines.includes(w.text));
  if (below.length === 0) return [];
  const top = Math.min(...below.map((w) => w.yMin));
  return below.filter((w) => w.yMin < top + 2);
}
