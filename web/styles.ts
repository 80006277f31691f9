/**
 * The survey page's whole stylesheet, inlined: one request, readable on a 320 px phone. Plain CSS
 * that WeChat's in-app browser (a recent Chromium on Android, WKWebView on iOS) renders as is.
 */
export const css = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%;text-size-adjust:100%}
[hidden]{display:none!important}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f2329;background:#f5f6f8}
main{max-width:36rem;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:.5rem 0 1rem}
p{margin:.5rem 0}
a{color:#0b57d0}
.tools{display:flex;justify-content:flex-end;gap:.25rem 1rem;flex-wrap:wrap;font-size:.95rem}
.tools a{display:inline-flex;align-items:center;min-height:2.75rem;padding:0 .25rem}
.card{background:#fff;border-radius:12px;padding:1rem;margin:0 0 1rem;box-shadow:0 1px 2px rgba(0,0,0,.06)}
[data-state]{border-left:6px solid #5b6270}
.state-thanks,.state-answered{border-left-color:#067647}
.state-expired,.state-limited{border-left-color:#b54708}
.state-unknown{border-left-color:#b42318}
fieldset{border:0;margin:0 0 1.25rem;padding:0;min-width:0}
legend{font-weight:600;margin-bottom:.5rem;padding:0}
.levels{display:grid;grid-gap:.5rem;gap:.5rem}
.choice{display:block;position:relative}
.choice input{position:absolute;opacity:0;width:1px;height:1px}
.choice span{display:flex;align-items:center;min-height:3rem;padding:.6rem 1rem;border:2px solid #d0d5dd;border-radius:10px;background:#fff;font-size:1.1rem;cursor:pointer}
.choice input:checked+span{border-color:#1264e8;background:#e8f0fe;font-weight:600}
.choice input:focus-visible+span{outline:3px solid #1264e8;outline-offset:2px}
.row{display:flex;flex-wrap:wrap;gap:.5rem}
.row .choice{flex:1 1 7.5rem}
textarea{width:100%;min-height:5rem;font:inherit;padding:.6rem;border:2px solid #d0d5dd;border-radius:10px}
label.field{display:block;font-weight:600;margin:0 0 .35rem}
input.entry{display:block;width:100%;min-height:3rem;margin:0 0 .35rem;font:inherit;font-size:1.3rem;letter-spacing:.12em;padding:.5rem .75rem;border:2px solid #d0d5dd;border-radius:10px;background:#fff}
input.entry:focus-visible{outline:3px solid #1264e8;outline-offset:2px}
input.entry[aria-invalid=true]{border-color:#b42318}
.entry-field{margin:0 0 1.25rem}
.state-locked{border-left-color:#b42318}
button{width:100%;min-height:3.25rem;border:0;border-radius:10px;background:#1264e8;color:#fff;font:inherit;font-size:1.15rem;font-weight:600;cursor:pointer}
.error{color:#b42318;font-weight:600}
.muted{color:#5b6270;font-size:.9rem}
.large{font-size:22px;line-height:1.6}
.large main{max-width:40rem;padding:.75rem}
.large h1{font-size:1.6rem}
.large .muted{font-size:1rem}
.large .tools{font-size:1.05rem}
.large .tools a{min-height:3rem}
.large .choice span{min-height:4rem;font-size:1.45rem;border-width:3px}
.large .row .choice{flex-basis:100%}
.large button{min-height:4rem;font-size:1.45rem}
`;
