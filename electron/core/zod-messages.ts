import type { z } from 'zod';
import type { AnyChannelSpec } from './contract';
import { listOf } from './audit/code-labels';
import { fieldLabel } from './field-labels';

/** One zh-CN sentence per problem, naming the field as the screen names it. */
export function describeZodIssue(issue: z.core.$ZodIssue, spec: AnyChannelSpec): string {
  const field = fieldLabel(issue.path, spec);
  switch (issue.code) {
    case 'invalid_type':
      if (/received undefined/.test(issue.message)) return `${field}不能为空`;
      if (/[\u4e00-\u9fa5]/.test(issue.message)) return `${field}${issue.message}`;
      return `${field}类型不对（应为${typeName(issue.expected)}）`;
    case 'unrecognized_keys':
      return `${field === '「输入」' ? '' : field}含有不认识的字段：${issue.keys.join('、')}`;
    case 'too_small':
      return issue.origin === 'string' && issue.minimum === 1
        ? `${field}不能为空`
        : `${field}${issue.message && !issue.message.startsWith('Too') ? issue.message : `太小（最少 ${String(issue.minimum)}）`}`;
    case 'too_big':
      return `${field}${issue.message && !issue.message.startsWith('Too') ? issue.message : tooBig(issue.origin, issue.maximum)}`;
    case 'invalid_value': {
      // Named as the screens name them (检查点, not checkpoint): the same lists 操作日志 reads codes by.
      const codes = issue.values.map(String);
      const names = listOf(codes);
      return `${field}只能是：${codes.map((c) => names?.[c] ?? c).join('、')}`;
    }
    default: {
      // A rule about two fields names the other as {name}: 「请假结束」不能早于「请假开始」, in this channel's words.
      const message = issue.message.replace(/\{(\w+)\}/g, (_, other: string) => fieldLabel([...issue.path.slice(0, -1), other], spec));
      return `${field}${message && /[\u4e00-\u9fa5]/.test(message) ? message : '格式不正确'}`;
    }
  }
}

/** Zod's own words measure a text in characters and a list in items; "too big" is only right for a number. */
function tooBig(origin: string, maximum: number | bigint): string {
  if (origin === 'string') return `太长（最多 ${String(maximum)} 个字）`;
  if (origin === 'array' || origin === 'set') return `太多（最多 ${String(maximum)} 项）`;
  return `太大（最多 ${String(maximum)}）`;
}

function typeName(t: string): string {
  switch (t) {
    case 'string':
      return '文字';
    case 'number':
    case 'int':
      return '数字';
    case 'boolean':
      return '是/否';
    case 'array':
      return '列表';
    case 'object':
      return '对象';
    default:
      return t;
  }
}

export function describeZodError(err: z.ZodError, spec: AnyChannelSpec): { message: string; fields: string[] } {
  const messages = err.issues.slice(0, 5).map((issue) => describeZodIssue(issue, spec));
  return { message: `输入有误：${messages.join('；')}。`, fields: err.issues.map((i) => i.path.join('.')) };
}
