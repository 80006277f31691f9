import type { Lang } from './layout';

/** Fixed words of a bundle link's page (several issues to rate on one page), zh-CN first. */
export const bundleTexts: Record<Lang, {
  title: (n: number) => string;
  intro: string;
  issue: (i: number, n: number) => string;
  closedOn: string;
  submit: (i: number) => string;
  done: string;
  expired: string;
  received: string;
}> = {
  zh: {
    title: (n) => `请评价 ${n} 项诉求的办理`,
    intro: '以下诉求已办结。每一项单独评价、单独提交，各花 30 秒即可。',
    issue: (i, n) => `第 ${i}/${n} 项`,
    closedOn: '办结于',
    submit: (i) => `提交第 ${i} 项评价`,
    done: '已评价，感谢您！',
    expired: '此项评价已过期。',
    received: '已收到您的评价。还有诉求待评价，请继续。',
  },
  en: {
    title: (n) => `Please rate ${n} closed issues`,
    intro: 'These issues have been closed. Rate and send each one on its own; about 30 seconds each.',
    issue: (i, n) => `Issue ${i} of ${n}`,
    closedOn: 'closed on',
    submit: (i) => `Send rating ${i}`,
    done: 'Rated. Thank you!',
    expired: 'This rating has expired.',
    received: 'Thank you, your rating was received. Please go on with the others.',
  },
};
