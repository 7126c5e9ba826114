// SPDX-License-Identifier: MIT
// The pages' stylesheets, kept apart from the markup that uses them: the
// look every Limber page shares, then the report's own.
#include "report/charts.hpp"
#include "report/style.hpp"

namespace limber::report {

const char* base_style() {
    return R"css(
:root { --bg:#f3efe6; --card:#fffdf8; --ink:#23313d; --muted:#7b8590; --line:#e6e0d4;
  --calm:#3d9a8b; --warm:#e2735a; --sand:#e8b64c; --green:#79ad63; --slate:#9aa6b2; --lane:#f1ece2; }
* { box-sizing:border-box; }
html { background:var(--bg); }
body { margin:0; color:var(--ink); font:15px/1.5 "Inter","Cantarell","DejaVu Sans",system-ui,sans-serif; }
main { max-width:1120px; margin:0 auto; padding:36px 28px 48px; }
.hero { display:flex; align-items:flex-end; justify-content:space-between; gap:24px; margin-bottom:26px; }
.brand { font-weight:700; letter-spacing:.18em; text-transform:uppercase; font-size:12px; color:var(--calm); }
h1 { font-size:34px; line-height:1.15; margin:6px 0 4px; letter-spacing:-.01em; }
.sub { color:var(--muted); margin:0; }
.card, .panel { background:var(--card); border:1px solid var(--line); border-radius:18px;
  box-shadow:0 1px 2px rgba(60,50,30,.05), 0 8px 24px -16px rgba(60,50,30,.25); }
.panel { padding:20px 24px 18px; margin-bottom:18px; }
.panel h2 { font-size:17px; margin:0 0 2px; }
.panel .note { color:var(--muted); font-size:13px; margin:0 0 10px; }
footer { color:var(--muted); font-size:12px; text-align:center; margin-top:26px; }
@media print { html { background:#fff; } .card, .panel { box-shadow:none; } }
)css";
}

const char* sheet_style() {
    return R"css(
main.sheet { max-width:880px; }
.facts { display:flex; flex-wrap:wrap; gap:4px 24px; margin:12px 0 0; color:var(--muted); }
.facts b { color:var(--ink); }
.safety { margin:0 0 18px; padding:10px 16px; border-left:4px solid var(--warm); border-radius:10px; background:#fbeee8; }
.steps { list-style:none; margin:0; padding:0; }
.step { display:flex; gap:20px; align-items:flex-start; padding:14px 20px; margin-bottom:12px; break-inside:avoid; }
.figs { flex:none; width:192px; display:flex; align-items:flex-end; gap:8px; }  /* the words line up */
.figs figure { margin:0; text-align:center; }
.figs svg { display:block; width:112px; height:112px; }
.figs .other svg { width:64px; height:64px; margin:0 auto; }
.figs figcaption { font-size:11px; line-height:1.2; color:var(--muted); width:72px; margin-top:4px; }
.nofig { width:112px; height:112px; border-radius:14px; background:var(--lane); }
.step h2 { font-size:18px; margin:0 0 2px; }
.step h2 .n { display:inline-block; min-width:1.4em; color:var(--calm); }
.timing { margin:0 0 4px; font-weight:600; color:var(--calm); }
.how { margin:0; }
@page { size:A4; margin:12mm; }
@media print { body { font-size:11.5px; } main.sheet { max-width:none; padding:0; } .hero { margin-bottom:10px; }
  h1 { font-size:24px; } .safety { margin-bottom:10px; padding:6px 12px; }
  .step { padding:8px 14px; margin-bottom:6px; gap:14px; } .step h2 { font-size:14px; }
  .figs { width:156px; } .figs svg { width:88px; height:88px; } .figs .other svg { width:52px; height:52px; }
  .figs figcaption { width:60px; font-size:9px; } .nofig { width:88px; height:88px; }
  footer { margin-top:10px; } }
)css";
}

namespace charts {

const char* page_style() {
    return R"css(
.headline { font-size:18px; max-width:720px; margin:14px 0 0; }
.headline b { color:var(--ink); }
.badge { flex:none; min-width:220px; background:var(--card); border:1px solid var(--line); border-radius:18px; padding:14px 20px; }
.badge .k { font-size:12px; text-transform:uppercase; letter-spacing:.08em; color:var(--muted); }
.badge b { display:block; font-size:40px; line-height:1.1; color:var(--ink); } .badge small { font-size:20px; color:var(--muted); }
.badge span { font-size:13px; color:var(--muted); } .badge.met { border-color:#cfe3c4; background:#f3f8ef; } .badge.met b { color:#5a9444; }
.cards { display:grid; grid-template-columns:repeat(4,1fr); gap:16px; margin-bottom:18px; }
.card { padding:18px 20px 16px; }
.card .k { font-size:12px; text-transform:uppercase; letter-spacing:.08em; color:var(--muted); }
.card .big { display:block; font-size:32px; font-weight:700; margin:4px 0 2px; letter-spacing:-.02em; }
.card .s { color:var(--muted); font-size:13px; }
.tone-warm .big { color:var(--warm); } .tone-calm .big { color:var(--calm); } .tone-green .big { color:#5a9444; }
.meter { height:6px; border-radius:3px; background:var(--lane); margin-top:10px; overflow:hidden; }
.meter span { display:block; height:100%; background:var(--warm); border-radius:3px; }
.two { display:grid; grid-template-columns:1fr 1fr; gap:18px; }
.two .panel { margin-bottom:18px; }
.key { display:inline-block; width:10px; height:10px; border-radius:3px; margin:0 5px 0 12px; vertical-align:0; }
.key:first-child { margin-left:0; }
svg { display:block; width:100%; height:auto; }
svg text { font-family:inherit; }
.lbl { font-size:12px; fill:#56626e; } .lbl.dim { fill:var(--muted); } .lbl.wk { fill:#b0846a; }
.val { font-size:12px; font-weight:600; fill:var(--ink); }
.inbar { font-size:13px; font-weight:700; fill:#fff; }
.grid { stroke:#ece6da; stroke-width:1; } .axis { stroke:#cfc7b8; stroke-width:1; } .tick { stroke:#cfc7b8; }
.calm, .key.calm { fill:var(--calm); background:var(--calm); }
.warm, .key.warm { fill:var(--warm); background:var(--warm); }
.stretch, .key.stretch { fill:var(--green); background:var(--green); }
.lane { fill:var(--lane); }
.avg { stroke:var(--ink); stroke-width:1.2; stroke-dasharray:2 4; opacity:.55; }
.halo { paint-order:stroke; stroke:var(--card); stroke-width:4px; stroke-linejoin:round; }
.stem { stroke:var(--calm); stroke-width:3; stroke-linecap:round; opacity:.45; } .stem.over { stroke:var(--warm); }
.limit { stroke:var(--warm); stroke-width:1.5; stroke-dasharray:6 5; } .limitl { fill:var(--warm); font-weight:600; }
.overzone { fill:var(--warm); opacity:.06; }
.trend { fill:none; stroke:#8fb8b0; stroke-width:2; stroke-linejoin:round; }
.dot { fill:var(--calm); stroke:var(--card); stroke-width:1.5; } .dot.over { fill:var(--warm); }
.h0 { fill:#f1ece2; } .h1 { fill:#d6ece6; } .h2 { fill:#a9d7cb; } .h3 { fill:#72bead; } .h4 { fill:#3d9a8b; } .h5 { fill:#23695f; }
.o-acted { fill:var(--green); background:var(--green); } .o-break { fill:var(--calm); background:var(--calm); }
.o-skip { fill:var(--sand); background:var(--sand); } .o-paused { fill:var(--slate); background:var(--slate); }
.o-none { fill:#eeb3a3; background:#eeb3a3; }
.corner { fill:var(--card); }
.legend { display:flex; flex-wrap:wrap; gap:6px 22px; margin:10px 0 4px; font-size:14px; }
.legend b { font-size:18px; margin-right:4px; }
.stats { display:flex; gap:28px; flex-wrap:wrap; color:var(--muted); font-size:14px; margin-top:8px; }
.stats b { color:var(--ink); font-size:16px; }
.held { color:var(--muted); font-size:14px; margin:10px 0 0; }
.held b { color:var(--ink); }
.ring { width:180px; flex:none; } .ring-track { fill:none; stroke:var(--lane); stroke-width:16; }
.ring-fill { fill:none; stroke:var(--green); stroke-width:16; stroke-linecap:round; }
.ring-num { font-size:38px; font-weight:700; fill:var(--ink); }
.goal .row { display:flex; gap:22px; align-items:center; }
.streak { font-size:40px; font-weight:700; color:#5a9444; line-height:1; }
.wk-met { fill:var(--green); } .wk-some { fill:#cfe3c4; } .wk-none { fill:var(--lane); }
.days7 { display:flex; gap:6px; margin-top:12px; } .days7 span { width:30px; height:30px; border-radius:50%;
  display:flex; align-items:center; justify-content:center; font-size:11px; background:var(--lane); color:var(--muted); }
.days7 span.on { background:var(--green); color:#fff; font-weight:700; }
.rt { display:grid; grid-template-columns:110px 1fr 120px; gap:10px; align-items:center; margin:10px 0; }
.rt .name { font-weight:600; } .rt .n { text-align:right; color:var(--muted); font-size:13px; }
.bar { height:14px; background:var(--lane); border-radius:7px; overflow:hidden; }
.bar span { display:block; height:100%; background:var(--green); border-radius:7px; }
.chips { display:grid; grid-template-columns:repeat(auto-fit,minmax(150px,1fr)); gap:10px; }
.chip { border:1px solid var(--line); border-radius:14px; padding:10px 14px; background:#fff; } .chip.zero { opacity:.5; }
.chip .k { font-size:12px; text-transform:uppercase; letter-spacing:.08em; color:var(--muted); }
.chip b { display:block; font-size:20px; }
.empty { color:var(--muted); font-style:italic; }
@media (max-width:800px) { .cards { grid-template-columns:1fr 1fr; } .two { grid-template-columns:1fr; } .hero { display:block; } }
)css";
}

}  // namespace charts
}  // namespace limber::report
