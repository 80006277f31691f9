/** The words staff pages show for the domain's codes, zh-CN; an unknown code shows as itself. */

export const statusLabel: Record<string, string> = { open: '待办理', in_progress: '办理中', escalated: '已上报', closed: '已办结' };

export const levelLabel: Record<string, string> = {
  team: '助企队',
  zone: '开发区分调度室',
  central: '总调度室',
  'function-group': '服务功能组',
};

export const actionLabel: Record<string, string> = {
  create: '登记',
  start: '开始办理',
  escalate: '上报',
  bounce: '退单',
  close: '办结',
  reopen: '重新打开',
  review: '复核',
};

export const roleLabel: Record<string, string> = {
  office: '营商环境办公室',
  'zone-dispatcher': '分调度室调度员',
  'team-member': '助企队员',
  'function-group': '服务功能组',
  system: '系统',
};

export const taskKindLabel: Record<string, string> = { callback: '回访', rectification: '整改' };
export const taskStatusLabel: Record<string, string> = { open: '待办', done: '已完成', cancelled: '已取消' };

export const outcomeLabel: Record<string, string> = { reached: '已联系上', unreachable: '未接通', declined: '企业拒绝回访' };
export const resolvedLabel: Record<string, string> = { yes: '已解决', partly: '部分解决', no: '未解决' };

/** The national 政务服务"好差评" five levels. */
export const ratingLabel: Record<string, string> = { '5': '非常满意', '4': '满意', '3': '基本满意', '2': '不满意', '1': '非常不满意' };

export const flagLabel: Record<string, string> = { 'resolution-mismatch': '回访结论与企业评价不一致' };

export const overdueLevelLabel: Record<string, string> = { zone: '已提醒分调度室', office: '已提醒营商办' };

/** The label of `code` in `table`, or the code itself. */
export const label = (table: Record<string, string>, code: string | undefined | null): string => (code ? (table[code] ?? code) : '');

/** Why an enterprise was not satisfied: the `reasons` options of the default survey. */
export const reasonLabel: Record<string, string> = { attitude: '态度', speed: '效率', unresolved: '问题未解决', policy: '政策限制', other: '其他' };
