/** The page's inline CSS and script: the report is one file with no external URL. */
export const REPORT_CSS = `
:root { color-scheme: light; --ink:#0f172a; --muted:#64748b; --line:#e2e8f0; --accent:#2563eb; --bg:#f8fafc; }
* { box-sizing: border-box; }
body { margin:0; font:14px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif; color:var(--ink); background:var(--bg); }
header { padding:24px 32px; background:#0f172a; color:#fff; }
header h1 { margin:0 0 4px; font-size:22px; }
header p { margin:0; color:#cbd5e1; }
main { padding:24px 32px; max-width:1400px; }
section.block { background:#fff; border:1px solid var(--line); border-radius:10px; padding:20px 24px; margin-bottom:24px; }
h2 { margin:0 0 12px; font-size:18px; }
h3 { margin:0; font-size:16px; }
table { border-collapse:collapse; }
.summary th, .summary td { text-align:left; padding:6px 10px; border-bottom:1px solid var(--line); }
.summary td.num, .summary th.num { text-align:right; font-variant-numeric:tabular-nums; white-space:nowrap; }
.summary td.last-run { white-space:nowrap; }
.summary th { cursor:pointer; user-select:none; color:var(--muted); font-weight:600; }
.bar { display:inline-block; height:8px; background:var(--accent); border-radius:4px; vertical-align:middle; }
.badge { display:inline-block; padding:1px 8px; border-radius:999px; font-size:12px; background:#e0e7ff; color:#3730a3; }
.badge.static { background:#f1f5f9; color:#334155; } .badge.additive { background:#dcfce7; color:#166534; }
.missing { color:#b91c1c; }
.scroll { overflow:auto; max-height:80vh; }
.overlap { font-size:12px; font-variant-numeric:tabular-nums; }
.overlap td { min-width:38px; height:30px; text-align:center; border:1px solid #fff; }
.overlap td.diag { background:#0f172a; color:#fff; font-weight:700; }
.overlap th.row-name { text-align:right; padding-right:8px; white-space:nowrap; font-weight:500; }
.overlap th.col-name { vertical-align:bottom; padding:4px 0; }
.overlap th.col-name span { writing-mode:vertical-rl; transform:rotate(180deg); white-space:nowrap; font-weight:500; }
.overlap .hl { outline:2px solid #f59e0b; }
.funnel text { font:14px system-ui,sans-serif; fill:var(--ink); }
.funnel .stage-name { font-weight:600; } .funnel .stage-share { fill:var(--muted); font-size:12px; }
.funnel .stage-count { fill:#fff; font-weight:700; }
.funnel .stage-count.outside { fill:var(--ink); }
.segment { border-top:1px solid var(--line); padding:16px 0; }
.segment .meta { color:var(--muted); margin:4px 0 8px; }
pre { margin:6px 0; padding:10px 12px; background:#f1f5f9; border-radius:6px; overflow:auto; font:12px/1.45 ui-monospace,SFMono-Regular,Menlo,monospace; }
pre.rules { background:#fefce8; font-family:inherit; font-size:13px; white-space:pre-wrap; }
details summary { cursor:pointer; color:var(--accent); }
input[type=search] { padding:6px 10px; border:1px solid var(--line); border-radius:6px; width:280px; font:inherit; }
.hidden { display:none; }
`;

/**
 * Filters segments by name, sorts the summary table and highlights the heatmap row and column under the
 * pointer. It reads the embedded JSON only to count what it found, which also marks that scripts ran.
 */
export const REPORT_JS = `
(function () {
  var data = JSON.parse(document.getElementById('report-data').textContent);
  document.documentElement.setAttribute('data-ready', String(data.segments.length));
  var search = document.getElementById('search');
  search.addEventListener('input', function () {
    var q = search.value.toLowerCase();
    document.querySelectorAll('[data-segment]').forEach(function (el) {
      el.classList.toggle('hidden', q !== '' && el.getAttribute('data-segment').toLowerCase().indexOf(q) < 0);
    });
  });
  document.querySelectorAll('.summary th[data-sort]').forEach(function (th, col) {
    th.addEventListener('click', function () {
      var body = th.closest('table').tBodies[0];
      var num = th.getAttribute('data-sort') === 'num';
      var dir = th.getAttribute('data-dir') === 'asc' ? -1 : 1;
      th.setAttribute('data-dir', dir === 1 ? 'asc' : 'desc');
      Array.prototype.slice.call(body.rows).sort(function (a, b) {
        var x = a.cells[col].getAttribute('data-value'), y = b.cells[col].getAttribute('data-value');
        return dir * (num ? (Number(x) || -1) - (Number(y) || -1) : x.localeCompare(y));
      }).forEach(function (r) { body.appendChild(r); });
    });
  });
  var table = document.getElementById('overlap');
  if (table) table.addEventListener('mouseover', function (e) {
    var td = e.target.closest('td');
    table.querySelectorAll('.hl').forEach(function (el) { el.classList.remove('hl'); });
    if (!td) return;
    table.querySelectorAll('[data-row="' + td.getAttribute('data-row') + '"] , [data-col="' + td.getAttribute('data-col') + '"]')
      .forEach(function (el) { if (el.tagName === 'TH') el.classList.add('hl'); });
    td.classList.add('hl');
  });
})();
`;
