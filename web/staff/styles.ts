/** The staff pages' additions to the survey stylesheet (web/styles.ts): nav, cards, badges, timeline, forms. */
export const staffCss = `
body.staff main{max-width:48rem}
.nav{position:sticky;top:0;z-index:1;display:flex;flex-wrap:wrap;align-items:center;gap:.25rem;padding:.25rem .75rem;background:#fff;border-bottom:1px solid #e4e7ec}
.nav a,.nav button{display:inline-flex;align-items:center;width:auto;min-height:2.75rem;padding:0 .75rem;border:0;border-radius:8px;background:none;color:#1f2329;font:inherit;font-weight:400;text-decoration:none;cursor:pointer}
.nav a[aria-current=page]{background:#e8f0fe;color:#1264e8;font-weight:600}
.nav form{margin:0}
.nav .who{flex:1 1 0;min-width:0;overflow:hidden;color:#5b6270;font-size:.85rem;text-align:right;text-overflow:ellipsis;white-space:nowrap}
h2{font-size:1.1rem;margin:.25rem 0 .5rem}
.flash{padding:.75rem 1rem;border-radius:10px;margin:0 0 1rem;font-weight:600}
.flash.ok{background:#ecfdf3;color:#05603a}
.flash.error{background:#fef3f2;color:#b42318}
.badge{display:inline-block;margin:0 .25rem .25rem 0;padding:.1rem .55rem;border-radius:999px;font-size:.8rem;background:#f2f4f7;color:#344054}
.badge.overdue,.badge.flag{background:#fef3f2;color:#b42318;font-weight:600}
.badge.done{background:#ecfdf3;color:#05603a}
.badge.open{background:#e8f0fe;color:#1264e8}
.card.overdue{border-left:5px solid #d92d20}
.reason{color:#b42318;overflow-wrap:anywhere}
.due{font-weight:600}
.overdue .due{color:#b42318}
a.tel{display:inline-flex;align-items:center;min-height:2.75rem;padding:.25rem 1rem;border-radius:10px;background:#ecfdf3;color:#05603a;font-weight:600;text-decoration:none}
.choices{display:grid;grid-template-columns:repeat(auto-fill,minmax(6.5rem,1fr));gap:.5rem}
.choices .choice span{justify-content:center;padding:.5rem;font-size:1.05rem;white-space:nowrap}
details>summary{display:flex;align-items:center;min-height:2.75rem;color:#1264e8;font-weight:600;cursor:pointer}
details[open]>summary{margin-bottom:.5rem}
label.field{display:block;margin:0 0 1rem;font-weight:600}
label.field input,label.field select,label.field textarea,.filters select{display:block;width:100%;min-height:2.75rem;margin-top:.25rem;padding:.5rem;border:2px solid #d0d5dd;border-radius:10px;background:#fff;font:inherit;font-weight:400}
.filters{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.5rem;align-items:end}
.filters label.field{margin:0}
.filters button{min-height:2.75rem;font-size:1rem}
button.secondary{background:#fff;color:#1264e8;border:2px solid #1264e8}
.list{list-style:none;margin:0;padding:0}
.list li{padding:.75rem 0;border-bottom:1px solid #eaecf0}
.list li:last-child{border-bottom:0}
.list a.title{font-weight:600}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.25rem .75rem;margin:0}
dl.facts dt{color:#5b6270}
dl.facts dd{margin:0;overflow-wrap:anywhere}
.timeline{list-style:none;margin:0;padding:0 0 0 1rem;border-left:2px solid #d0d5dd}
.timeline li{position:relative;padding:0 0 1rem}
.timeline li::before{content:"";position:absolute;left:-1.45rem;top:.45rem;width:.75rem;height:.75rem;border-radius:50%;background:#1264e8}
.timeline .note{margin:.25rem 0 0;padding:.5rem .75rem;border-radius:8px;background:#f5f6f8;white-space:pre-wrap}
.pager{display:flex;justify-content:flex-end}
.pager a{display:inline-flex;align-items:center;min-height:2.75rem;padding:0 1rem}
.pre{white-space:pre-wrap}
`;
