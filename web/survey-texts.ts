import type { Lang } from './layout';

/** Fixed words of the survey pages, zh-CN first. */
export const texts = {
  zh: {
    submit: '提交评价',
    required: '（必填）',
    thanksTitle: '感谢您的评价',
    thanksBody: '已收到您的评价。我们会认真对待每一条意见。',
    answeredTitle: '您已完成评价',
    answeredBody: '此问卷已经提交过，无需重复填写。感谢您的支持！',
    expiredTitle: '链接已过期',
    expiredBody: '此评价链接已过期。如需反映问题，请联系为您服务的助企队。',
    unknownTitle: '链接无效',
    unknownBody: '未找到此评价链接，请核对短信中的链接是否完整。',
    limitedTitle: '请稍后再试',
    limitedBody: '访问过于频繁，请稍后再试。',
    fixErrors: '请检查以下内容：',
    other: 'English',
    pageOptions: '页面设置',
    largeOn: '大字版',
    largeOff: '标准字号',
    followUpTitle: '请告诉我们原因',
    followUpBody: '您的评价是「{level}」。请选择原因，帮助我们改进；不选也可以直接提交。',
    'answer.required': '请选择一项',
    'answer.invalid_level': '请从五个等级中选择一个',
    'answer.invalid_option': '请从给出的选项中选择',
    'answer.too_long': '字数超过上限',
    'answer.not_text': '请填写文字',
    'answer.unknown_question': '无法识别的内容',
  },
  en: {
    submit: 'Send',
    required: ' (required)',
    thanksTitle: 'Thank you',
    thanksBody: 'We have your answer. Every comment is read.',
    answeredTitle: 'Already answered',
    answeredBody: 'This survey has already been answered. Thank you!',
    expiredTitle: 'Link expired',
    expiredBody: 'This survey link has expired. Please contact your help team if you need anything.',
    unknownTitle: 'Link not valid',
    unknownBody: 'We could not find this survey link. Please check that the link from the SMS is complete.',
    limitedTitle: 'Please try again later',
    limitedBody: 'Too many attempts; please try again in a few minutes.',
    fixErrors: 'Please check:',
    other: '中文',
    pageOptions: 'Page options',
    largeOn: 'Large text',
    largeOff: 'Standard text',
    followUpTitle: 'Tell us what went wrong',
    followUpBody: 'You rated us “{level}”. Choose any reasons to help us improve, or send without choosing.',
    'answer.required': 'please choose one',
    'answer.invalid_level': 'please choose one of the five levels',
    'answer.invalid_option': 'please choose one of the options',
    'answer.too_long': 'too long',
    'answer.not_text': 'please write text',
    'answer.unknown_question': 'not a question of this survey',
  },
} satisfies Record<Lang, Record<string, string>>;

/** A problem's code in the reader's words, or the core's (English) message when the code is new. */
export function problemText(lang: Lang, code: string, fallback: string): string {
  return (texts[lang] as Record<string, string>)[code] ?? fallback;
}
