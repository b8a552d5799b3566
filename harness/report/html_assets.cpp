// report.html's inline style sheet and script, so the page works offline as a single file.
#include "report/html_parts.hpp"

namespace harness::report::html {

std::string_view style_sheet() {
    return R"css(
:root { --pass: #2e7d32; --xfail: #9ccc65; --fail: #c62828; --xpass: #ef6c00;
        --error: #6a1b9a; --skipped: #9e9e9e; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial,
       sans-serif; margin: 1.5rem; color: #222; background: #fff; line-height: 1.4; }
h1 { margin: 0 0 .5rem; font-size: 1.6rem; }
h2 { margin-top: 2rem; border-bottom: 1px solid #ddd; }
code, pre { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
pre { background: #f6f8fa; padding: .5rem; overflow: auto; max-height: 30rem; font-size: .8rem; }
dl.facts { display: grid; grid-template-columns: max-content auto; gap: .1rem 1rem; }
dl.facts dt { font-weight: 600; }
dl.facts dd { margin: 0; }
.badge { display: inline-block; padding: .1rem .5rem; border-radius: .8rem; color: #fff;
         font-size: .85rem; margin-right: .3rem; background: #555; }
.banner { background: #fff3cd; border: 1px solid #e0b400; padding: .5rem 1rem; }
.banner.reveal { background: #fde2e1; border-color: #c62828; }
.v-pass { background: var(--pass); } .v-xfail { background: var(--xfail); color: #222; }
.v-fail { background: var(--fail); } .v-xpass { background: var(--xpass); }
.v-error { background: var(--error); } .v-skipped { background: var(--skipped); }
#filters { display: flex; flex-wrap: wrap; gap: 1rem; margin: 1rem 0; }
table { border-collapse: collapse; }
th, td { border: 1px solid #ddd; padding: .2rem .5rem; text-align: left; vertical-align: top; }
table.grid td { min-width: 3rem; }
a.sq { display: inline-block; width: .9rem; height: .9rem; margin: 1px; border-radius: 2px; }
details { border: 1px solid #ddd; border-radius: 4px; margin: .4rem 0; padding: .3rem .6rem; }
details[open] { background: #fcfcfc; }
summary { cursor: pointer; }
tr.st-failed td { background: #fdecea; } tr.st-skipped td, tr.st-not_run td { color: #888; }
.rerun code { background: #f0f0f0; padding: .2rem .4rem; }
.hidden { display: none !important; }
)css";
}

// No "</" sequences below: the HTML parser would take one as the end of the script.
std::string_view script() {
    return R"js(
(function () {
  'use strict';
  var filters = Array.prototype.slice.call(document.querySelectorAll('select[data-filter]'));
  function matches(el) {
    return filters.every(function (f) {
      return f.value === '' || el.getAttribute(f.getAttribute('data-filter')) === f.value;
    });
  }
  function applyFilters() {
    document.querySelectorAll('.scn').forEach(function (el) {
      el.classList.toggle('hidden', !matches(el));
    });
  }
  filters.forEach(function (f) { f.addEventListener('change', applyFilters); });

  var pick = document.getElementById('pair-pick');
  function showPair() {
    document.querySelectorAll('.pair').forEach(function (p) { p.hidden = p.id !== pick.value; });
  }
  if (pick) { pick.addEventListener('change', showPair); showPair(); }

  document.querySelectorAll('a.sq').forEach(function (a) {
    a.addEventListener('click', function () {
      var target = document.getElementById(a.getAttribute('href').slice(1));
      if (target) { target.open = true; }
    });
  });

  document.querySelectorAll('button.copy').forEach(function (button) {
    button.addEventListener('click', function () {
      var code = button.parentNode.querySelector('code');
      var done = function () { button.textContent = 'Copied'; };
      if (navigator.clipboard) {
        navigator.clipboard.writeText(code.textContent).then(done);
        return;
      }
      var range = document.createRange();
      range.selectNodeContents(code);
      window.getSelection().removeAllRanges();
      window.getSelection().addRange(range);
      if (document.execCommand('copy')) { done(); }
    });
  });
})();
)js";
}

} // namespace harness::report::html
