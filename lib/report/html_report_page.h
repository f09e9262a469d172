#pragma once
// The fixed parts of the HTML report (report/html_reporter.cpp): the body
// skeleton, the style and the script. The script reads the JSON blob of
// <script id="tmlint-data"> and renders with textContent and attributes
// only, never innerHTML, so the data cannot become markup.
#include <string_view>

namespace tmlint::html_page {

inline constexpr std::string_view kBody = R"HTML(<header>
<h1>tmlint report</h1>
<p id="meta"></p>
</header>
<main>
<noscript><p>This report needs JavaScript to show its data.</p></noscript>
<section id="summary" aria-label="Summary"></section>
<ul id="notes" aria-label="Notes about the run"></ul>
<section id="by-rule">
<h2>Findings by rule</h2>
<table id="rules-table">
<thead><tr><th>Rule</th><th>Category</th><th class="num">Errors</th><th class="num">Warnings</th><th class="num">Infos</th><th class="num">Total</th><th>What it reports</th></tr></thead>
<tbody id="rules-body"></tbody>
</table>
</section>
<section id="files-section">
<h2>Files</h2>
<form id="filters" autocomplete="off">
<input id="f-q" type="search" placeholder="Filter by path" aria-label="Filter by path">
<select id="f-rule" aria-label="Rule"><option value="">every rule</option></select>
<select id="f-sev" aria-label="Severity"><option value="">every severity</option><option value="error">errors</option><option value="warning">warnings</option><option value="info">infos</option></select>
<select id="f-stale" aria-label="Staleness"><option value="">any staleness</option><option value="stale">stale</option><option value="fresh">fresh</option><option value="unknown">unknown</option></select>
<select id="f-type" aria-label="Translation type"><option value="">MT and HT</option></select>
<select id="f-sort" aria-label="Sort"><option value="worst">worst first</option></select>
<label><input type="checkbox" id="f-hide"> only files with findings</label>
<button type="button" id="f-reset">Reset</button>
</form>
<p id="status" role="status"></p>
<table id="files-table">
<thead><tr id="files-head"></tr></thead>
<tbody id="files-body"></tbody>
</table>
<nav id="pager" aria-label="Pages"></nav>
</section>
<section id="detail" hidden></section>
</main>
)HTML";

inline constexpr std::string_view kStyle = R"CSS(
:root{--bg:#f6f7f9;--fg:#1d2330;--muted:#5b6475;--line:#d9dde5;--card:#fff;--err:#c62828;--warn:#a35f00;--info:#1565c0;--mark:#ffe08a;--acc:#2f5bd3}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans","IPAGothic",sans-serif;background:var(--bg);color:var(--fg)}
header{background:#1f2a44;color:#fff;padding:12px 24px}
header h1{margin:0;font-size:20px}
#meta{margin:2px 0 0;color:#c9d2e6;font-size:13px;word-break:break-all}
main{padding:12px 24px 40px;max-width:1700px}
h2{font-size:16px;margin:18px 0 8px}
#summary{display:grid;grid-template-columns:repeat(auto-fill,minmax(150px,1fr));gap:10px}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:8px 12px}
.card .v{font-size:22px;font-weight:600;font-variant-numeric:tabular-nums}
.card .l{color:var(--muted);font-size:11px;text-transform:uppercase;letter-spacing:.04em}
.card .s{color:var(--muted);font-size:12px}
.card.click{cursor:pointer}.card.click:hover{border-color:var(--acc)}.card.on{outline:2px solid var(--acc)}
.card.error .v{color:var(--err)}.card.warning .v{color:var(--warn)}.card.info .v{color:var(--info)}
table{border-collapse:collapse;width:100%;background:var(--card);border:1px solid var(--line)}
th,td{padding:4px 8px;border-bottom:1px solid var(--line);text-align:left;vertical-align:top}
th{background:#eef1f6;font-weight:600;white-space:nowrap}
#files-head th{cursor:pointer;user-select:none}#files-head th:hover{background:#e2e7f0}
th.num,td.num{text-align:right;font-variant-numeric:tabular-nums}
tbody tr{cursor:pointer}tbody tr:hover{background:#f0f4ff}tr.sel{background:#e3ebff}
td.path{word-break:break-all}
td.sum{color:var(--muted)}
.n-e{color:var(--err);font-weight:600}.n-w{color:var(--warn);font-weight:600}.n-i{color:var(--info)}
#filters{display:flex;flex-wrap:wrap;gap:8px;align-items:center;margin-bottom:4px}
#f-q{min-width:260px}
input,select,button{font:inherit;padding:3px 6px;border:1px solid #b9c0cc;border-radius:4px;background:#fff;color:inherit}
button{cursor:pointer}button:disabled{cursor:default;opacity:.5}
#status{color:var(--muted);margin:6px 0}
#pager{display:flex;gap:6px;align-items:center;margin:8px 0}
.sev{display:inline-block;border-radius:3px;padding:0 6px;font-size:12px;font-weight:600;color:#fff}
.sev.error{background:var(--err)}.sev.warning{background:var(--warn)}.sev.info{background:var(--info)}
.st{display:inline-block;border-radius:3px;padding:0 5px;font-size:12px}
.st.stale{background:#fde2c4;color:#7a3b00}.st.fresh{background:#d7f0dc;color:#1d5e2b}.st.unknown{color:var(--muted)}
#detail{position:fixed;top:0;right:0;bottom:0;width:min(980px,72vw);overflow:auto;background:var(--bg);border-left:1px solid #b9c0cc;box-shadow:-6px 0 24px rgba(20,30,50,.18);padding:4px 20px 24px;z-index:2}
#detail h2{word-break:break-all;display:flex;gap:12px;align-items:baseline;justify-content:space-between}
.facts{color:var(--muted);margin:0 0 8px}
.finding{background:var(--card);border:1px solid var(--line);border-left:4px solid var(--err);border-radius:6px;padding:8px 12px;margin:10px 0}
.finding.warning{border-left-color:var(--warn)}.finding.info{border-left-color:var(--info)}
.fhead{display:flex;gap:10px;align-items:baseline;flex-wrap:wrap}
.loc,.segid{color:var(--muted);font-size:12px}
.msg{margin:4px 0 8px;white-space:pre-wrap;word-break:break-word}
.pair{display:grid;grid-template-columns:1fr 1fr;gap:10px}
.ctx{margin-top:8px}
.side,.ctx{border:1px solid var(--line);border-radius:4px;padding:6px 8px;background:#fbfbfd;min-width:0}
.pair.whole .side{background:#fff8e1;border-color:#f0c36d}
.side.hit{border-color:#e0a800}
.lbl{font-size:11px;color:var(--muted);text-transform:uppercase;letter-spacing:.04em;margin-bottom:2px}
.txt{white-space:pre-wrap;word-break:break-word;font-family:ui-monospace,"DejaVu Sans Mono","IPAGothic",monospace;font-size:13px}
mark{background:var(--mark);color:inherit;outline:1px solid #e0a800;border-radius:2px}
.none{color:var(--muted);font-style:italic}
.note{color:var(--muted)}
)CSS";

inline constexpr std::string_view kScript = R"JS(
(function () {
'use strict';
const t0 = performance.now();
const D = JSON.parse(document.getElementById('tmlint-data').textContent);
const PAGE = 50, CARDS = 100;
const $ = id => document.getElementById(id);

function h(tag, attrs, ...kids) {
  const e = document.createElement(tag);
  if (attrs) for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k === 'class') e.className = v;
    else if (k === 'on') for (const [ev, fn] of Object.entries(v)) e.addEventListener(ev, fn);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of kids.flat()) if (c != null && c !== false) e.append(c instanceof Node ? c : String(c));
  return e;
}
// Control characters and bidirectional overrides made visible: they neither
// vanish nor reorder what is around them.
const vis = s => String(s)
  .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, c => String.fromCharCode(c === '\u007f' ? 0x2421 : 0x2400 + c.charCodeAt(0)))
  .replace(/[\u202a-\u202e\u2066-\u2069]/g, c => '<U+' + c.charCodeAt(0).toString(16).toUpperCase() + '>');
const num = n => Number(n).toLocaleString('en-US');
function texts(t) {
  if (t == null) return [h('span', {class: 'none'}, '(none)')];
  if (typeof t === 'string') return t === '' ? [h('span', {class: 'none'}, '(empty)')] : [vis(t)];
  return [vis(t[0]), h('mark', null, t[1] === '' ? '\u200b' : vis(t[1])), vis(t[2])];
}

const files = D.files;
files.forEach((f, i) => { f.idx = i; f.f = []; f.e = f.w = f.n = 0; f.low = f.rel.toLowerCase(); });
for (const x of D.findings) {
  const f = files[x.a];
  f.f.push(x);
  if (x.sev === 'error') f.e++; else if (x.sev === 'warning') f.w++; else f.n++;
}
const ruleById = {};
for (const r of D.rules) ruleById[r.id] = r;
const ruleCounts = {};
for (const x of D.findings) {
  const c = ruleCounts[x.rule] || (ruleCounts[x.rule] = {error: 0, warning: 0, info: 0, total: 0});
  c[x.sev]++; c.total++;
}
const usedRules = Object.keys(ruleCounts).sort((a, b) => ruleCounts[b].total - ruleCounts[a].total || (a < b ? -1 : 1));

const COLS = [
  {key: 'rel', label: 'File', str: true, get: f => f.rel},
  {key: 'type', label: 'MT/HT', str: true, get: f => f.type || ''},
  {key: 'handoff', label: 'Handoff', str: true, get: f => f.handoff || ''},
  {key: 'segments', label: 'Segments', get: f => f.segments || 0},
  {key: 'words', label: 'Words', get: f => f.words || 0},
  {key: 'untr', label: 'Untranslated', get: f => f.segments ? f.untranslated / f.segments : 0},
  {key: 'stale', label: 'Staleness', str: true, get: f => f.stale || ''},
  {key: 'e', label: 'Errors', get: f => f.me},
  {key: 'w', label: 'Warnings', get: f => f.mw},
  {key: 'n', label: 'Infos', get: f => f.mn},
];

const DEFAULTS = {q: '', rule: '', sev: '', stale: '', type: '', hide: false, sort: 'worst', desc: true, page: 1, file: ''};
let S = Object.assign({}, DEFAULTS);
let cardLimit = CARDS, showAll = false;

function readHash() {
  const p = new URLSearchParams(location.hash.slice(1));
  const s = Object.assign({}, DEFAULTS);
  for (const k of ['q', 'rule', 'sev', 'stale', 'type', 'sort', 'file']) if (p.has(k)) s[k] = p.get(k);
  if (p.has('desc')) s.desc = p.get('desc') !== '0';
  if (p.has('hide')) s.hide = p.get('hide') !== '0';
  if (p.has('page')) s.page = Math.max(1, parseInt(p.get('page'), 10) || 1);
  return s;
}
function writeHash() {
  const p = new URLSearchParams();
  for (const k of Object.keys(DEFAULTS)) {
    if (S[k] === DEFAULTS[k]) continue;
    p.set(k, typeof S[k] === 'boolean' ? (S[k] ? '1' : '0') : String(S[k]));
  }
  const hash = p.toString();
  try { history.replaceState(null, '', hash ? '#' + hash : location.pathname + location.search); } catch (e) { /* opaque origin */ }
}

const matches = x => (!S.rule || x.rule === S.rule) && (!S.sev || x.sev === S.sev);

function visibleFiles() {
  const q = S.q.toLowerCase(), filtered = S.rule || S.sev;
  const out = [];
  for (const f of files) {
    let me = 0, mw = 0, mn = 0;
    for (const x of f.f) if (matches(x)) { if (x.sev === 'error') me++; else if (x.sev === 'warning') mw++; else mn++; }
    f.me = me; f.mw = mw; f.mn = mn; f.m = me + mw + mn;
    if (q && !f.low.includes(q)) continue;
    if (S.stale && (f.stale || '') !== S.stale) continue;
    if (S.type && (f.type || '') !== S.type) continue;
    if ((filtered || S.hide) && !f.m) continue;
    out.push(f);
  }
  const col = COLS.find(c => c.key === S.sort);
  if (col) {
    out.sort((a, b) => {
      const va = col.get(a), vb = col.get(b);
      let r = col.str ? (va < vb ? -1 : va > vb ? 1 : 0) : va - vb;
      if (S.desc) r = -r;
      return r || a.idx - b.idx;
    });
  } else {
    // Worst first: errors, then warnings, then infos, then untranslated share.
    const share = f => f.segments ? f.untranslated / f.segments : 0;
    out.sort((a, b) => b.me - a.me || b.mw - a.mw || b.mn - a.mn || share(b) - share(a) || a.idx - b.idx);
  }
  return out;
}

function renderMeta() {
  const m = $('meta');
  m.replaceChildren(vis(D.root || '(no files)'), ' \u00b7 tmlint ' + D.version + ' \u00b7 ',
    D.withSource ? 'checked with --source' : 'checked without --source: staleness not known');
  document.title = 'tmlint report: ' + (D.root || '');
}

function card(id, label, value, sub, cls, onClick, on) {
  const c = h('div', {id: id, class: 'card' + (cls ? ' ' + cls : '') + (onClick ? ' click' : '') + (on ? ' on' : ''),
    'data-value': value, role: onClick ? 'button' : null, tabindex: onClick ? 0 : null},
    h('div', {class: 'l'}, label), h('div', {class: 'v'}, typeof value === 'number' ? num(value) : value),
    sub ? h('div', {class: 's'}, sub) : null);
  if (onClick) {
    c.addEventListener('click', onClick);
    c.addEventListener('keydown', e => { if (e.key === 'Enter') onClick(); });
  }
  return c;
}

function toggle(key, value) {
  return () => { S[key] = S[key] === value ? '' : value; S.page = 1; update(); };
}

function renderSummary() {
  const s = D.summary;
  const share = s.segments ? (100 * s.untranslated / s.segments).toFixed(1) + ' % of segments' : '';
  const stale = D.withSource
    ? card('sum-stale', 'Stale articles', s.stale, num(s.fresh) + ' fresh, ' + num(s.unknownStaleness) + ' unknown', null, toggle('stale', 'stale'), S.stale === 'stale')
    : card('sum-stale', 'Stale articles', 'n/a', 'needs --source', null, null, false);
  $('summary').replaceChildren(
    card('sum-files', 'Articles', s.files, s.yamlPages ? '+ ' + num(s.yamlPages) + ' TOC pages' : null),
    card('sum-segments', 'Segments', s.segments),
    card('sum-words', 'Source words', s.sourceWords),
    card('sum-chars', 'Target characters', s.targetCharacters),
    card('sum-errors', 'Errors', s.errors, null, 'error', toggle('sev', 'error'), S.sev === 'error'),
    card('sum-warnings', 'Warnings', s.warnings, null, 'warning', toggle('sev', 'warning'), S.sev === 'warning'),
    card('sum-infos', 'Infos', s.infos, null, 'info', toggle('sev', 'info'), S.sev === 'info'),
    stale,
    card('sum-untranslated', 'Untranslated', s.untranslated, share),
    card('sum-mt', 'MT / HT articles', num(s.mt) + ' / ' + num(s.ht)),
    card('sum-suppressed', 'Not shown', s.suppressed, num(s.suppressed - s.baselined) + ' suppressed inline, ' + num(s.baselined) + ' in the baseline'));
  // Facts about the run that no finding carries (a --source repository
  // that is not the source's history).
  $('notes').replaceChildren(...D.notes.map(n => h('li', {class: 'note'}, 'Note: ' + n.message + ' ', ruleLink(n.rule))));
}

function ruleLink(id) {
  return h('a', {href: D.ruleDocs + id + '.md', target: '_blank', rel: 'noopener noreferrer', class: 'rule',
    on: {click: e => e.stopPropagation()}}, id);
}

function renderRules() {
  const rows = usedRules.map(id => {
    const c = ruleCounts[id], r = ruleById[id] || {category: '', summary: ''};
    const tr = h('tr', {'data-rule': id, class: S.rule === id ? 'sel' : null, tabindex: 0},
      h('td', null, ruleLink(id)), h('td', null, r.category),
      h('td', {class: 'num' + (c.error ? ' n-e' : '')}, num(c.error)), h('td', {class: 'num' + (c.warning ? ' n-w' : '')}, num(c.warning)),
      h('td', {class: 'num' + (c.info ? ' n-i' : '')}, num(c.info)), h('td', {class: 'num'}, num(c.total)), h('td', {class: 'sum'}, r.summary));
    tr.addEventListener('click', toggle('rule', id));
    tr.addEventListener('keydown', e => { if (e.key === 'Enter') toggle('rule', id)(); });
    return tr;
  });
  if (!rows.length) rows.push(h('tr', null, h('td', {colspan: 7, class: 'note'}, 'No findings.')));
  $('rules-body').replaceChildren(...rows);
}

function setupControls() {
  const rule = $('f-rule');
  for (const id of usedRules) rule.append(h('option', {value: id}, id + ' (' + num(ruleCounts[id].total) + ')'));
  const types = [...new Set(files.map(f => f.type).filter(t => t))].sort();
  for (const t of types) $('f-type').append(h('option', {value: t}, t));
  for (const c of COLS) $('f-sort').append(h('option', {value: c.key}, c.label));
  let timer = 0;
  $('f-q').addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(() => { S.q = $('f-q').value; S.page = 1; update(); }, 120);
  });
  for (const [id, key] of [['f-rule', 'rule'], ['f-sev', 'sev'], ['f-stale', 'stale'], ['f-type', 'type']])
    $(id).addEventListener('change', () => { S[key] = $(id).value; S.page = 1; update(); });
  $('f-sort').addEventListener('change', () => {
    const col = COLS.find(c => c.key === $('f-sort').value);
    S.sort = $('f-sort').value; S.desc = col ? !col.str : true; update();
  });
  $('f-hide').addEventListener('change', () => { S.hide = $('f-hide').checked; S.page = 1; update(); });
  $('f-reset').addEventListener('click', () => { S = Object.assign({}, DEFAULTS); update(); });
  $('filters').addEventListener('submit', e => e.preventDefault());
  $('files-body').addEventListener('click', e => {
    const tr = e.target.closest('tr[data-idx]');
    if (tr) select(files[+tr.dataset.idx]);
  });
  $('files-body').addEventListener('keydown', e => {
    const tr = e.target.closest('tr[data-idx]');
    if (tr && e.key === 'Enter') select(files[+tr.dataset.idx]);
  });
  window.addEventListener('hashchange', () => { S = readHash(); render(); });
}

function syncControls() {
  for (const [id, key] of [['f-rule', 'rule'], ['f-sev', 'sev'], ['f-stale', 'stale'], ['f-type', 'type'], ['f-sort', 'sort']]) {
    const el = $(id);
    if (key === 'rule' && S.rule && ![...el.options].some(o => o.value === S.rule))
      el.append(h('option', {value: S.rule}, S.rule + ' (0)'));
    el.value = S[key];
  }
  if ($('f-q').value !== S.q) $('f-q').value = S.q;
  $('f-hide').checked = S.hide;
}

function select(f) {
  S.file = S.file === f.rel ? '' : f.rel;
  cardLimit = CARDS; showAll = false;
  update();
  $('detail').scrollTop = 0;
}

function renderHead() {
  $('files-head').replaceChildren(...COLS.map(c => {
    const on = S.sort === c.key;
    const th = h('th', {class: c.str ? null : 'num', 'aria-sort': on ? (S.desc ? 'descending' : 'ascending') : null,
      title: 'Sort by ' + c.label.toLowerCase()}, c.label + (on ? (S.desc ? ' \u25bc' : ' \u25b2') : ''));
    th.addEventListener('click', () => {
      if (S.sort === c.key) S.desc = !S.desc; else { S.sort = c.key; S.desc = !c.str; }
      update();
    });
    return th;
  }));
}

function row(f) {
  const pct = f.segments ? (100 * f.untranslated / f.segments).toFixed(1) + ' %' : '';
  return h('tr', {'data-idx': f.idx, class: S.file === f.rel ? 'sel' : null, tabindex: 0},
    h('td', {class: 'path'}, vis(f.rel), f.toc ? h('span', {class: 'note'}, ' (TOC)') : null),
    h('td', null, vis(f.type || '')), h('td', null, vis(f.handoff || '')),
    h('td', {class: 'num'}, f.toc ? '' : num(f.segments || 0)), h('td', {class: 'num'}, f.toc ? '' : num(f.words || 0)),
    h('td', {class: 'num'}, pct),
    h('td', null, f.stale ? h('span', {class: 'st ' + f.stale}, f.stale) : ''),
    h('td', {class: 'num' + (f.me ? ' n-e' : '')}, num(f.me)), h('td', {class: 'num' + (f.mw ? ' n-w' : '')}, num(f.mw)),
    h('td', {class: 'num' + (f.mn ? ' n-i' : '')}, num(f.mn)));
}

function renderFiles() {
  const list = visibleFiles();
  const pages = Math.max(1, Math.ceil(list.length / PAGE));
  if (S.page > pages) S.page = pages;
  const from = (S.page - 1) * PAGE, shown = list.slice(from, from + PAGE);
  $('files-body').replaceChildren(...shown.map(row));
  if (!shown.length) $('files-body').append(h('tr', null, h('td', {colspan: COLS.length, class: 'note'}, 'No file matches the filter.')));
  let matching = 0;
  for (const f of list) matching += f.m;
  const st = $('status');
  st.dataset.shownFiles = list.length;
  st.dataset.matchingFindings = matching;
  st.dataset.totalFiles = files.length;
  st.dataset.totalFindings = D.findings.length;
  const what = [S.rule && 'rule ' + S.rule, S.sev && S.sev + 's', S.stale && S.stale + ' articles', S.type, S.q && '\u201c' + S.q + '\u201d'].filter(x => x);
  st.replaceChildren((list.length ? 'Files ' + num(from + 1) + '\u2013' + num(from + shown.length) + ' of ' : '') + num(list.length) +
    ' shown (' + num(files.length) + ' in all), ' + num(matching) + ' finding' + (matching === 1 ? '' : 's') +
    (what.length ? ' matching ' + what.join(', ') : '') + '. Click a file for its findings.');
  const prev = h('button', {type: 'button', disabled: S.page <= 1}, '\u2039 Previous');
  const next = h('button', {type: 'button', disabled: S.page >= pages}, 'Next \u203a');
  prev.addEventListener('click', () => { S.page--; update(); });
  next.addEventListener('click', () => { S.page++; update(); });
  $('pager').replaceChildren(prev, h('span', {id: 'page', 'data-page': S.page, 'data-pages': pages}, 'page ' + S.page + ' of ' + pages), next);
}

function findingCard(f, x) {
  const head = h('div', {class: 'fhead'}, h('span', {class: 'sev ' + x.sev}, x.sev), ruleLink(x.rule),
    h('span', {class: 'loc'}, 'line ' + x.line + ', column ' + x.col), x.seg ? h('span', {class: 'segid'}, 'segment ' + vis(x.seg)) : null);
  let body = null;
  if ('tgt' in x) {
    const side = (cls, label, t, lang, hit) => h('div', {class: 'side ' + cls + (hit ? ' hit' : '')},
      h('div', {class: 'lbl'}, label), h('div', {class: 'txt', lang: lang || null}, texts(t)));
    body = h('div', {class: 'pair' + (x.at === 'pair' ? ' whole' : ''), 'data-at': x.at},
      side('src', 'Source', x.src, 'en', x.at === 'source'),
      side('tgt', 'Target' + (f.locale ? ' (' + vis(f.locale) + ')' : ''), x.tgt, f.locale, x.at === 'target'));
  }
  const line = 'ctx' in x ? h('div', {class: 'ctx', 'data-at': 'line'}, h('div', {class: 'lbl'}, 'Line ' + x.line),
    h('div', {class: 'txt'}, texts(x.ctx))) : null;
  return h('article', {class: 'finding ' + x.sev, 'data-rule': x.rule}, head, h('p', {class: 'msg'}, vis(x.msg)), body, line);
}

function renderDetail() {
  const sec = $('detail');
  const f = S.file ? files.find(x => x.rel === S.file) || files.find(x => x.path === S.file) : null;
  if (!f) { sec.hidden = true; sec.replaceChildren(); delete sec.dataset.file; return; }
  sec.hidden = false;
  const filtered = (S.rule || S.sev) && !showAll;
  const list = filtered ? f.f.filter(matches) : f.f;
  const facts = [f.locale, f.type, f.handoff && 'handoff ' + f.handoff, f.stale && f.stale,
    f.segments != null && num(f.segments) + ' segments', f.words != null && num(f.words) + ' source words',
    f.chars != null && num(f.chars) + ' target characters', f.untranslated ? num(f.untranslated) + ' untranslated' : null].filter(x => x);
  const close = h('button', {type: 'button'}, 'Close');
  close.addEventListener('click', () => { S.file = ''; update(); });
  const kids = [h('h2', null, h('span', null, vis(f.rel)), close), h('p', {class: 'facts'}, vis(f.path), facts.length ? ' \u00b7 ' + vis(facts.join(' \u00b7 ')) : '')];
  let note = num(list.length) + ' of ' + num(f.f.length) + ' finding' + (f.f.length === 1 ? '' : 's') + ' shown';
  const noteEl = h('p', {class: 'note'}, note);
  if (filtered && list.length < f.f.length) {
    const all = h('button', {type: 'button'}, 'Show every finding of this file');
    all.addEventListener('click', () => { showAll = true; renderDetail(); });
    noteEl.append(' (the filter hides the others) ', all);
  }
  kids.push(noteEl);
  for (const x of list.slice(0, cardLimit)) kids.push(findingCard(f, x));
  if (list.length > cardLimit) {
    const more = h('button', {type: 'button'}, 'Show ' + num(Math.min(CARDS, list.length - cardLimit)) + ' more');
    more.addEventListener('click', () => { cardLimit += CARDS; renderDetail(); });
    kids.push(more);
  }
  sec.replaceChildren(...kids);
  sec.dataset.file = f.rel;
  sec.dataset.findings = list.length;
  sec.dataset.cards = Math.min(list.length, cardLimit);
  sec.dataset.marks = sec.querySelectorAll('mark').length;
}

function render() {
  syncControls();
  renderSummary();
  renderRules();
  renderHead();
  renderFiles();
  renderDetail();
}
function update() { writeHash(); render(); }

renderMeta();
setupControls();
S = readHash();
render();
document.addEventListener('keydown', e => { if (e.key === 'Escape' && S.file) { S.file = ''; update(); } });
document.body.dataset.renderMs = Math.round(performance.now() - t0);
document.body.dataset.ready = '1';
})();
)JS";

}  // namespace tmlint::html_page
