// Parses Mermaid files with Mermaid's own parser (mermaid 11, the bundle shipped in
// the PyPI package mermaid-parser-py), as GitHub's renderer would before drawing.
// Usage: node mermaid_check.js BUNDLE FILE…  Prints "ok FILE" or "FAIL FILE: reason";
// exit code 1 when any file fails. A file that starts with `gantt` (orgc graph --gantt)
// must parse as a Gantt chart, every other file as a flowchart.
const parse = require(process.argv[2]);
const fs = require('fs');
(async () => {
  let bad = 0;
  for (const f of process.argv.slice(3)) {
    try {
      const text = fs.readFileSync(f, 'utf8');
      const expected = text.startsWith('gantt\n') ? 'gantt' : 'flowchart';
      const r = JSON.parse(await parse(text));
      if (!String(r.graph_type).startsWith(expected)) throw new Error('not a ' + expected + ': ' + r.graph_type);
      console.log('ok', f);
    } catch (e) {
      bad++;
      console.log('FAIL', f + ':', String((e && e.message) || e).slice(0, 500));
    }
  }
  process.exit(bad ? 1 : 0);
})();
