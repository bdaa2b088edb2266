// Measures the report's layout once it has loaded and writes the figures, as JSON,
// into a <pre> (id cleanweb-probe) at the end of <body> for `--dump-dom` to carry out
// (added after measuring, so it changes nothing measured). Every character outside
// printable ASCII (and <, >, &) is a \u escape, so the DOM serialiser writes the
// JSON unchanged.
//
// The page measured is this document, or, when it holds
// <iframe id="cleanweb-frame" srcdoc="...">, the report inside that frame: headless
// Chromium will not make a window narrower than 500 px, so a phone width is a frame
// of that width.
//
// Per chart: every <svg> at the top of a <figure> (the contract: <svg class="chart
// wide"> and <svg class="chart narrow">, one shown per width), whether it is shown
// (a non-empty box) and, for each shown <text> or <tspan> with text of its own and a
// non-empty box, the size its glyphs come out at in CSS px: its computed font-size
// times the svg's rendered width over its viewBox width.
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
  function shown(win, el) {
    var r = el.getBoundingClientRect();
    if (!(r.width > 0 && r.height > 0)) return false;
    var s = win.getComputedStyle(el);
    return s.visibility !== "hidden" && s.display !== "none";
  }
  function ownText(el) {
    var t = "";
    for (var n = el.firstChild; n; n = n.nextSibling) if (n.nodeType === 3) t += n.data;
    return t.replace(/\s+/g, " ").trim();
  }
  function round(x) {
    return Math.round(x * 1000) / 1000;
  }
  // Elements that stick out past the right edge of the page with no ancestor that
  // clips or scrolls them: what makes the page scroll sideways.
  function overflowing(win, doc, limit) {
    var out = [];
    var all = doc.body.getElementsByTagName("*");
    for (var i = 0; i < all.length && out.length < 8; i++) {
      var el = all[i];
      if (el.closest("svg") && el.tagName.toLowerCase() !== "svg") continue;
      var r = el.getBoundingClientRect();
      if (!(r.width > 0) || r.right + win.scrollX <= limit + 0.5) continue;
      var clipped = false;
      for (var a = el.parentElement; a && a !== doc.body; a = a.parentElement) {
        var ox = win.getComputedStyle(a).overflowX;
        if (ox !== "visible") {
          clipped = true;
          break;
        }
      }
      if (clipped) continue;
      var name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "");
      if (typeof el.className === "string" && el.className) name += "." + el.className.trim().split(/\s+/).join(".");
      else if (el.getAttribute("class")) name += "." + el.getAttribute("class").trim().split(/\s+/).join(".");
      out.push({ element: name, right: round(r.right + win.scrollX), width: round(r.width) });
    }
    return out;
  }
  function measure(win) {
    var doc = win.document;
    var de = doc.documentElement;
    var figures = [];
    var minText = null;
    var textCount = 0;
    var figs = doc.querySelectorAll("figure");
    for (var f = 0; f < figs.length; f++) {
      var fig = figs[f];
      var section = fig.closest("section");
      var entry = { index: f, section: section && section.id ? section.id : null, svgs: [] };
      var svgs = fig.querySelectorAll("svg");
      for (var s = 0; s < svgs.length; s++) {
        var svg = svgs[s];
        if (svg.parentElement.closest("svg")) continue;
        var rect = svg.getBoundingClientRect();
        var vb = svg.viewBox && svg.viewBox.baseVal;
        var vbWidth = vb && vb.width > 0 ? vb.width : rect.width;
        var scale = vbWidth > 0 ? rect.width / vbWidth : 0;
        var item = {
          class: svg.getAttribute("class") || "",
          label: svg.getAttribute("aria-label") || "",
          visible: shown(win, svg),
          width: round(rect.width),
          viewBoxWidth: round(vbWidth),
          scale: round(scale),
          texts: 0,
          minFontPx: null,
          minText: null,
        };
        if (item.visible) {
          var texts = svg.querySelectorAll("text, tspan");
          for (var t = 0; t < texts.length; t++) {
            var el = texts[t];
            var words = ownText(el);
            if (!words || !shown(win, el)) continue;
            var px = parseFloat(win.getComputedStyle(el).fontSize) * scale;
            item.texts++;
            textCount++;
            if (item.minFontPx === null || px < item.minFontPx) {
              item.minFontPx = round(px);
              item.minText = words.slice(0, 80);
            }
            if (minText === null || px < minText.px) {
              minText = { px: round(px), text: words.slice(0, 80), chart: item.label, class: item.class };
            }
          }
        }
        entry.svgs.push(item);
      }
      figures.push(entry);
    }
    return {
      innerWidth: win.innerWidth,
      innerHeight: win.innerHeight,
      clientWidth: de.clientWidth,
      scrollWidth: de.scrollWidth,
      bodyScrollWidth: doc.body.scrollWidth,
      scrollHeight: de.scrollHeight,
      overflowing: overflowing(win, doc, de.clientWidth),
      textCount: textCount,
      minText: minText,
      figures: figures,
    };
  }
  function settle(win, then) {
    var fonts = win.document.fonts && win.document.fonts.ready ? win.document.fonts.ready : Promise.resolve();
    // No requestAnimationFrame: headless Chromium under --dump-dom draws no frames.
    // Reading boxes lays the page out anyway; the timeout lets late style settle.
    fonts.then(function () {
      win.setTimeout(then, 100);
    });
  }
  window.addEventListener("load", function () {
    var frame = document.getElementById("cleanweb-frame");
    var win = frame ? frame.contentWindow : window;
    try {
      settle(win, function () {
        try {
          var result = measure(win);
          result.framed = !!frame;
          report(result);
        } catch (e) {
          report({ error: String(e && e.stack ? e.stack : e) });
        }
      });
    } catch (e) {
      report({ error: String(e && e.stack ? e.stack : e) });
    }
  });
})();
