/**
 * What a page says after a form post, looked up by a key carried in the redirect's query
 * (`?ok=task.completed`, `?error=task.already_done`): only these texts are ever shown, so the
 * query cannot put words on the page.
 */
export const okMessages: Record<string, string> = {
  'task.completed': '已登记回访结果。',
  'task.attempt': '已记录本次未接通，请稍后再拨。',
  'issue.created': '诉求已登记。',
  'issue.start': '已开始办理。',
  'issue.escalate': '已上报上一级。',
  'issue.bounce': '已退单。',
  'issue.close': '已办结，系统已安排回访。',
  'issue.reopen': '已重新打开。',
};

export const errorMessages: Record<string, string> = {
  'task.already_done': '该任务已经完成，无需重复登记。',
  'task.not_found': '找不到该任务，或它不在您的范围内。',
  'issue.not_found': '找不到该诉求，或它不在您的范围内。',
  'issue.not_open': '该诉求已办结，请先重新打开。',
  'issue.not_closed': '只有已办结的诉求才能重新打开。',
  'issue.changed': '该诉求刚被他人更新，请刷新后重试。',
  'issue.cannot_escalate': '已到最高一级，无法继续上报。',
  'issue.cannot_bounce': '已在助企队，无法再退单。',
  'auth.forbidden': '您没有权限进行此操作。',
  'reference.unknown': '所选企业或助企队不存在，或二者不属于同一开发区。',
  'validation.failed': '填写内容有误，请检查后重试。',
  'rate.limited': '操作过于频繁，请稍后再试。',
  csrf: '请求来源不符，已拒绝。请从本站页面重新提交。',
};

export const fallbackError = '操作未成功，请稍后重试。';

/** Form fields by name, for "please check: 回访结果" after a validation error. */
export const fieldLabel: Record<string, string> = {
  outcome: '回访结果',
  enterpriseSaysResolved: '是否解决',
  rating: '评价',
  note: '备注',
  rootCause: '问题原因',
  actionTaken: '整改措施',
  reason: '理由',
  resolution: '办理结果',
  functionGroupId: '服务功能组',
  enterpriseId: '企业',
  teamId: '助企队',
  category: '类别',
  title: '标题',
  description: '描述',
};

/** A flash to show: a known key or error code, and for validation errors the fields to check. */
export interface Flash {
  ok?: string;
  error?: string;
  fields?: string[];
}

/** The flash carried in a page's query string. */
export function flashOf(query: (name: string) => string | undefined): Flash {
  const fields = query('fields')?.split(',').filter((f) => f in fieldLabel);
  return { ok: query('ok'), error: query('error'), ...(fields?.length ? { fields } : {}) };
}
