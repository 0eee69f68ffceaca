/**
 * Reading an attachment from the path the file dialog returned. The core
 * reads the file itself (the renderer never sends the bytes), refuses
 * anything over the size limit before reading it, and checks that the
 * content really is the PDF, JPEG or PNG its name claims.
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { AppError, badInput } from '../errors';
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_TYPES, type AttachmentMime } from './types.shared';
import { readRegularFile } from '../fs-guard';

export interface AttachmentFile {
  fileName: string;
  mime: AttachmentMime;
  sizeBytes: number;
  sha256: string;
  content: Buffer;
}

const MAGIC: Record<AttachmentMime, (b: Buffer) => boolean> = {
  'application/pdf': (b) => b.subarray(0, 5).toString('latin1') === '%PDF-',
  'image/jpeg': (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  'image/png': (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
};

function mimeOf(fileName: string): AttachmentMime | null {
  const ext = extname(fileName).slice(1).toLowerCase();
  return Object.prototype.hasOwnProperty.call(ATTACHMENT_TYPES, ext) ? ATTACHMENT_TYPES[ext as keyof typeof ATTACHMENT_TYPES] : null;
}

export function readAttachmentFile(path: string): AttachmentFile {
  const fileName = basename(path);
  const mime = mimeOf(fileName);
  if (!mime) throw badInput(`「附件」只能是 PDF、JPG 或 PNG 文件，「${fileName}」不是这几种。`, { field: 'path' });
  let size: number;
  try {
    const st = statSync(path);
    if (!st.isFile()) throw badInput(`「附件」「${fileName}」不是文件。`, { field: 'path' });
    size = st.size;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('NOT_FOUND', `找不到附件文件「${fileName}」，请重新选择。`);
  }
  if (size === 0) throw badInput(`「附件」「${fileName}」是空文件。`, { field: 'path' });
  if (size > ATTACHMENT_MAX_BYTES) {
    throw badInput(
      `「附件」「${fileName}」有 ${(size / 1024 / 1024).toFixed(1)} MB，超过每个附件 ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MB 的上限。请压缩或分页扫描后再添加。`,
      { field: 'path' },
    );
  }
  // Non-blocking, regular files only, and the limit checked again on what is read (the file may have grown).
  const content = readRegularFile(path, ATTACHMENT_MAX_BYTES, '附件');
  if (!MAGIC[mime](content))
    throw badInput(
      `「附件」「${fileName}」的内容不是有效的 ${mime === 'application/pdf' ? 'PDF' : mime === 'image/png' ? 'PNG' : 'JPG'} 文件，可能已损坏或扩展名不对。`,
      { field: 'path' },
    );
  return { fileName, mime, sizeBytes: content.length, sha256: createHash('sha256').update(content).digest('hex'), content };
}
