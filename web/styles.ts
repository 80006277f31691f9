/** The survey page's whole stylesheet, inlined: one request, readable on a 320 px phone. */
export const css = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f2329;background:#f5f6f8}
main{max-width:36rem;margin:0 auto;padding:1rem}
h1{font-size:1.35rem;margin:.5rem 0 1rem}
p{margin:.5rem 0}
.card{background:#fff;border-radius:12px;padding:1rem;margin:0 0 1rem;box-shadow:0 1px 2px rgba(0,0,0,.06)}
fieldset{border:0;margin:0 0 1.25rem;padding:0}
legend{font-weight:600;margin-bottom:.5rem;padding:0}
.levels{display:grid;gap:.5rem}
.choice{display:block;position:relative}
.choice input{position:absolute;opacity:0;width:1px;height:1px}
.choice span{display:flex;align-items:center;min-height:3rem;padding:.6rem 1rem;border:2px solid #d0d5dd;border-radius:10px;background:#fff;font-size:1.1rem;cursor:pointer}
.choice input:checked+span{border-color:#1264e8;background:#e8f0fe;font-weight:600}
.choice input:focus-visible+span{outline:3px solid #1264e8;outline-offset:2px}
.row{display:flex;flex-wrap:wrap;gap:.5rem}
.row .choice{flex:1 1 6rem}
textarea{width:100%;min-height:5rem;font:inherit;padding:.6rem;border:2px solid #d0d5dd;border-radius:10px}
button{width:100%;min-height:3.25rem;border:0;border-radius:10px;background:#1264e8;color:#fff;font:inherit;font-size:1.15rem;font-weight:600;cursor:pointer}
.error{color:#b42318;font-weight:600}
.muted{color:#5b6270;font-size:.9rem}
.large{font-size:20px}
.large .choice span{min-height:3.75rem;font-size:1.3rem}
`;
