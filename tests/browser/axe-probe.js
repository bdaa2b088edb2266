// Runs axe-core (inlined before this script) on the page once it has loaded and
// writes the outcome, as JSON, into a <pre> (id cleanweb-probe) at the end of <body>,
// for `--dump-dom` to carry out. The <pre> is added after the run, so axe never sees
// it. Every character outside printable ASCII (and <, >, &) is a \u escape, so the
// DOM serialiser writes the JSON unchanged.
(function () {
  "use strict";
  function report(result) {
    var json = JSON.stringify(result).replace(/[^\x20-\x25\x27-\x3b\x3d\x3f-\x7e]/g, function (c) {
      return "\\u" + ("0000" + c.charCodeAt(0).toString(16)).slice(-4);
    });
    var pre = document.createElement("pre");
    pre.id = "cleanweb-probe";
    pre.hidden = true;
    pre.textContent = json;
    document.body.appendChild(pre);
  }
  function brief(items, withNodes) {
    return items.map(function (v) {
      return {
        id: v.id,
        impact: v.impact || null,
        help: v.help,
        helpUrl: v.helpUrl,
        tags: v.tags,
        count: v.nodes.length,
        nodes: withNodes
          ? v.nodes.slice(0, 5).map(function (n) {
              var related = [];
              ["any", "all", "none"].forEach(function (kind) {
                (n[kind] || []).forEach(function (check) {
                  (check.relatedNodes || []).forEach(function (r) {
                    if (related.length < 5) related.push(r.target);
                  });
                });
              });
              return {
                target: n.target,
                html: n.html.slice(0, 300),
                summary: n.failureSummary || "",
                related: related,
              };
            })
          : [],
      };
    });
  }
  window.addEventListener("load", function () {
    if (typeof window.axe === "undefined") {
      report({ error: "axe-core did not load" });
      return;
    }
    window.axe
      .run(document, { resultTypes: ["violations", "incomplete"] })
      .then(function (r) {
        report({
          axe: window.axe.version,
          url: r.url,
          violations: brief(r.violations, true),
          incomplete: brief(r.incomplete, false),
        });
      })
      .catch(function (e) {
        report({ error: String(e && e.stack ? e.stack : e) });
      });
  });
})();
