import type { Lang } from './layout';

/** Fixed words of the code entry page `/c`, zh-CN first. */
export const codeTexts = {
  zh: {
    title: '输入评价码',
    intro: '请输入短信中的评价码，以及接收短信的手机号码后四位。',
    codeLabel: '评价码',
    codeHint: '8 位字母和数字，不区分大小写',
    digitsLabel: '手机号码后四位',
    digitsHint: '接收评价短信的手机号码的最后四位数字',
    submit: '开始评价',
    malformedCode: '评价码为 8 位字母和数字，请核对短信。',
    malformedDigits: '请输入 4 位数字。',
    wrongCode: '评价码不正确，请核对短信中的评价码。',
    wrongDigits: '手机号码后四位不正确。还可尝试 {n} 次。',
    lockedTitle: '评价码已锁定',
    lockedBody: '手机号码后四位输错次数过多，此评价码已无法使用。助企队会电话回访您，您也可以直接联系为您服务的助企队。',
  },
  en: {
    title: 'Enter your survey code',
    intro: 'Enter the survey code from the SMS and the last 4 digits of the mobile number that received it.',
    codeLabel: 'Survey code',
    codeHint: '8 letters and digits; upper or lower case',
    digitsLabel: 'Last 4 digits of the mobile number',
    digitsHint: 'The last four digits of the number the survey SMS was sent to',
    submit: 'Start the survey',
    malformedCode: 'A survey code is 8 letters and digits; please check the SMS.',
    malformedDigits: 'Please enter 4 digits.',
    wrongCode: 'This survey code is not right; please check the code in the SMS.',
    wrongDigits: 'These are not the last 4 digits of the number. {n} tries left.',
    lockedTitle: 'Survey code locked',
    lockedBody: 'The digits were wrong too many times, so this code no longer works. Your help team will call you; you can also contact them directly.',
  },
} satisfies Record<Lang, Record<string, string>>;
