import { raw } from 'hono/html';
import type { Child } from 'hono/jsx';
import { css } from './styles';

export type Lang = 'zh' | 'en';

/** The page shell: zh-CN by default, phone-first, no third-party requests. */
export function Layout(props: { lang: Lang; title: string; children: Child; large?: boolean }) {
  return (
    <html lang={props.lang === 'zh' ? 'zh-CN' : 'en'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex" />
        {/* An empty icon: the browser's automatic /favicon.ico request would be a second round trip. */}
        <link rel="icon" href="data:," />
        <title>{props.title}</title>
        <style>{raw(css)}</style>
      </head>
      <body class={props.large ? 'large' : undefined}>
        <main>{props.children}</main>
      </body>
    </html>
  );
}
