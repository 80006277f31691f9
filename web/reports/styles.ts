/**
 * The report pages' additions to the staff stylesheet: a desktop width, tables of numbers, the
 * charts scaling down with the page, and a print stylesheet (A4, no navigation or filters, each
 * section of the monthly report on its own page) so the office can hand the report out on paper.
 */
export const reportCss = `
body.staff main{max-width:80rem}
.report-head{display:flex;flex-wrap:wrap;align-items:baseline;justify-content:space-between;gap:.5rem 1rem}
.report-head h1{margin-bottom:.25rem}
.links{display:flex;flex-wrap:wrap;gap:.25rem 1rem}
.links a{display:inline-flex;align-items:center;min-height:2.75rem}
.filters input{display:block;width:100%;min-height:2.75rem;margin-top:.25rem;padding:.5rem;border:2px solid #d0d5dd;border-radius:10px;background:#fff;font:inherit;font-weight:400}
.kpis{display:grid;grid-template-columns:repeat(auto-fit,minmax(9rem,1fr));gap:.75rem;margin:0;padding:0;list-style:none}
.kpis li{background:#f5f6f8;border-radius:10px;padding:.4rem .75rem}
.kpis .label{display:block;color:#5b6270;font-size:.85rem}
.kpis .value{display:block;font-size:1.3rem;font-weight:700}
.pair{display:grid;grid-template-columns:repeat(auto-fit,minmax(30rem,1fr));gap:1rem;margin:0 0 1rem}
.pair>.card{margin:0;min-width:0}
.scroll{overflow-x:auto}
table.data{border-collapse:collapse;width:100%;font-size:.92rem}
table.data caption{text-align:left;font-weight:600;padding:0 0 .5rem}
table.data th,table.data td{padding:.35rem .4rem;border-bottom:1px solid #eaecf0;text-align:left;white-space:nowrap}
table.data thead th{background:#f5f6f8;color:#344054;font-weight:600}
table.data .num{text-align:right;font-variant-numeric:tabular-nums}
table.data td.low{color:#b42318;font-weight:600}
table.data td.few{color:#5b6270}
.red h2{color:#b42318}
.black h2{color:#1f2329}
svg.chart{display:block;max-width:100%;height:auto;margin:.5rem 0}
.note{color:#5b6270;font-size:.85rem}
.print-only{display:none}
@page{size:A4;margin:14mm 12mm}
@media print{
  .nav,.filters,.no-print{display:none!important}
  .print-only{display:block}
  body{background:#fff;font-size:11pt}
  body.staff main{max-width:none;margin:0;padding:0}
  .pair{display:block}
  .pair>.card{margin:0 0 1rem}
  .card{box-shadow:none;border:1px solid #d0d5dd;break-inside:avoid}
  .sheet{break-before:page}
  .sheet:first-of-type{break-before:auto}
  table.data{font-size:9.5pt}
  table.data tr{break-inside:avoid}
  svg.chart{max-width:100%}
  a{color:inherit;text-decoration:none}
}
`;
