// The words the scripts print, in the page's language (the site's table,
// given by the layout in a meta element); a word it lacks shows its key.
var partnerdocsWord = (function () {
  "use strict";
  var words = {};
  var m = document.querySelector('meta[name="partnerdocs-words"]');
  try { words = JSON.parse((m && m.content) || "{}"); } catch (e) { words = {}; }
  return function (key) {
    var s = words[key] || key;
    for (var i = 1; i < arguments.length; i++) s = s.split("{" + (i - 1) + "}").join(arguments[i]);
    return s;
  };
})();

// The program guide's print button: shown only here, where it works.
(function () {
  "use strict";
  document.querySelectorAll("[data-print-actions]").forEach(function (p) { p.hidden = false; });
  document.addEventListener("click", function (e) {
    if (e.target.closest && e.target.closest("[data-print]")) window.print();
  });
})();

// Small things readers of documentation sites expect: a copy button on
// every code block. The page works without it.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  document.querySelectorAll(".content pre").forEach(function (pre) {
    var btn = document.createElement("button");
    btn.type = "button";
    btn.className = "copy-code";
    btn.textContent = partnerdocsWord("js_copy");
    btn.setAttribute("aria-label", partnerdocsWord("js_copy_label"));
    btn.addEventListener("click", function () {
      var code = pre.querySelector("code") || pre;
      navigator.clipboard.writeText(code.innerText.replace(/\n$/, "")).then(function () {
        btn.textContent = partnerdocsWord("js_copied");
        setTimeout(function () { btn.textContent = partnerdocsWord("js_copy"); }, 1500);
      }, function () {
        btn.textContent = partnerdocsWord("js_press_ctrl_c");
      });
    });
    pre.classList.add("has-copy");
    pre.appendChild(btn);
  });
})();

// A folder of the navigation longer than the sidebar shows (a block of
// its items around the page) opens in place: its "all N" item loads the
// folder's list (_nav.html) and keeps the items the sidebar already has,
// so the open path and the current page stay marked. Without the script,
// or if the list cannot be loaded, the link goes to the folder's page.
(function () {
  "use strict";
  document.addEventListener("click", function (e) {
    var el = e.target.closest && e.target.closest("[data-nav-fragment]");
    if (!el || !window.fetch) return;
    e.preventDefault();
    var li = el.closest("li"), ul = li && li.parentElement;
    fetch(el.getAttribute("data-nav-fragment")).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.text();
    }).then(function (html) {
      var tmp = document.createElement("div");
      tmp.innerHTML = html;
      var all = tmp.querySelector("ul");
      if (!all || !ul) throw new Error("no list");
      var have = {};
      Array.prototype.forEach.call(ul.children, function (c) {
        var a = c.querySelector(":scope > a");
        if (a) have[a.getAttribute("href")] = c;
      });
      var items = Array.prototype.map.call(all.children, function (c) {
        var a = c.querySelector(":scope > a");
        return (a && have[a.getAttribute("href")]) || c;
      });
      ul.replaceChildren.apply(ul, items);
      var focus = ul.querySelector("[aria-current]") || ul.querySelector("a");
      if (focus) focus.focus();
    }).catch(function () {
      if (el.href) location.href = el.href;
    });
  });
})();

// Diagrams. A Mermaid fence is written as a figure holding its source,
// which readers without JavaScript read as code. On a page that has one
// (and only there) the theme's own Mermaid build is loaded, from beside
// this script (no CDN), and draws each figure in the reader's light or
// dark scheme, again when the scheme changes. Mermaid runs at its strict
// security level: labels cannot carry markup, script or javascript:
// links. A diagram that does not parse, is longer than MAX_TEXT, or comes
// after the page's time budget is spent keeps its source, with the
// reason. <html data-diagrams> is "pending" until every figure is drawn
// or given up, then "done": the PDF printer waits for it.
(function () {
  "use strict";
  var figs = Array.prototype.slice.call(document.querySelectorAll("figure.diagram-mermaid"));
  if (!figs.length) return;
  var root = document.documentElement;
  var MAX_TEXT = 50000, BUDGET_MS = 15000;
  var here = document.currentScript && document.currentScript.src;
  var src = here ? here.replace(/page\.js([?#].*)?$/, "vendor/mermaid/mermaid.min.js") : "assets/vendor/mermaid/mermaid.min.js";
  var dark = window.matchMedia ? window.matchMedia("(prefers-color-scheme: dark)") : null;
  var seq = 0, drawing = false, again = false;
  root.setAttribute("data-diagrams", "pending");

  function sourceOf(fig) {
    var code = fig.querySelector(".diagram-source code");
    return code ? code.textContent : "";
  }
  function fail(fig, why) {
    var svg = fig.querySelector(".diagram-svg");
    if (svg) svg.remove();
    var p = fig.querySelector(".diagram-error");
    if (!p) {
      p = document.createElement("p");
      p.className = "diagram-error";
      p.setAttribute("role", "note");
      fig.insertBefore(p, fig.firstChild);
    }
    p.textContent = partnerdocsWord("js_diagram_failed", why);
    fig.classList.remove("drawn");
    fig.classList.add("failed");
  }
  // Elements a diagram has no need of. Strict mode already removes
  // script and event attributes; an <img> in an HTML label would still
  // load from anywhere.
  var UNWANTED = "img, image, iframe, object, embed, video, audio, link, meta, form, input, button";
  function show(fig, svg) {
    var out = fig.querySelector(".diagram-svg");
    if (!out) {
      out = document.createElement("div");
      out.className = "diagram-svg";
      // It may scroll sideways (on a phone): keyboards reach it too.
      out.tabIndex = 0;
      out.setAttribute("role", "group");
      out.setAttribute("aria-label", "Diagram");
      fig.insertBefore(out, fig.firstChild);
    }
    // Parsed in a template (inert: nothing loads), cleaned, then shown.
    var tpl = document.createElement("template");
    tpl.innerHTML = svg;
    tpl.content.querySelectorAll(UNWANTED).forEach(function (el) { el.remove(); });
    tpl.content.querySelectorAll("a").forEach(function (a) {
      var h = a.getAttribute("href") || a.getAttribute("xlink:href") || "";
      if (!/^(https?:|#|\/)/i.test(h.trim())) { a.removeAttribute("href"); a.removeAttribute("xlink:href"); }
    });
    out.replaceChildren(tpl.content);
    // Mermaid scales a diagram down to the column; on a phone that makes
    // its words unreadable. Below 600 px of its own width it scrolls
    // sideways instead.
    var el = out.querySelector("svg"), natural = el && parseFloat(el.style.maxWidth);
    if (natural) el.style.minWidth = Math.min(natural, 600) + "px";
    var p = fig.querySelector(".diagram-error");
    if (p) p.remove();
    fig.classList.remove("failed");
    fig.classList.add("drawn");
  }
  function draw() {
    if (drawing) { again = true; return; }
    drawing = true;
    var mermaid = window.mermaid, start = Date.now(), isDark = dark && dark.matches;
    mermaid.initialize({
      startOnLoad: false,
      securityLevel: "strict",
      suppressErrorRendering: true,
      theme: isDark ? "dark" : "default",
      // Mermaid's dark edge labels are light grey on mid grey (3.6:1);
      // a darker ground gives them the contrast text needs.
      themeVariables: isDark ? { edgeLabelBackground: "#2b2b2b" } : {},
      maxTextSize: MAX_TEXT,
      maxEdges: 1000
    });
    var i = 0;
    (function next() {
      if (i >= figs.length) {
        drawing = false;
        root.setAttribute("data-diagrams", "done");
        if (again) { again = false; draw(); }
        return;
      }
      var fig = figs[i++], text = sourceOf(fig), id = "pd-mermaid-" + (++seq);
      if (text.length > MAX_TEXT) { fail(fig, "it is longer than " + MAX_TEXT + " characters."); return next(); }
      if (Date.now() - start > BUDGET_MS) { fail(fig, "the page's time for diagrams ran out."); return next(); }
      mermaid.render(id, text).then(function (r) { show(fig, r.svg); }, function (e) {
        fail(fig, String((e && e.message) || e).split("\n")[0]);
      }).then(function () {
        // Mermaid leaves its scratch element behind when it fails.
        var scratch = document.getElementById("d" + id);
        if (scratch) scratch.remove();
        setTimeout(next, 0);
      });
    })();
  }
  var s = document.createElement("script");
  s.src = src;
  s.onload = function () {
    draw();
    if (dark && dark.addEventListener) dark.addEventListener("change", draw);
  };
  s.onerror = function () {
    figs.forEach(function (f) { fail(f, "the diagram library did not load."); });
    root.setAttribute("data-diagrams", "done");
  };
  document.head.appendChild(s);
})();

// Glossary terms: a tap opens a term's definition (hover and focus do by
// CSS), Escape or a tap elsewhere closes it, and a definition that would
// run off the screen's right edge is moved left.
(function () {
  "use strict";
  var terms = document.querySelectorAll(".term");
  if (!terms.length) return;
  function fit(term) {
    var def = term.querySelector(".term-def");
    if (!def) return;
    def.style.left = "0px";
    var r = def.getBoundingClientRect();
    var over = r.right - (document.documentElement.clientWidth - 8);
    if (over > 0) def.style.left = Math.round(-Math.min(over, r.left - 8)) + "px";
  }
  function closeAll(except) {
    terms.forEach(function (t) {
      if (t !== except) {
        t.classList.remove("open");
        var b = t.querySelector(".term-word");
        if (b) b.setAttribute("aria-expanded", "false");
      }
    });
  }
  terms.forEach(function (t) {
    var b = t.querySelector(".term-word");
    if (!b) return;
    b.setAttribute("aria-expanded", "false");
    t.addEventListener("mouseenter", function () { t.classList.remove("closed"); fit(t); });
    t.addEventListener("focusin", function () { t.classList.remove("closed"); fit(t); });
    b.addEventListener("click", function () {
      var open = !t.classList.contains("open");
      closeAll(t);
      t.classList.toggle("open", open);
      // A tap that closes it must win over :focus-within.
      t.classList.toggle("closed", !open);
      b.setAttribute("aria-expanded", open ? "true" : "false");
      if (open) fit(t);
    });
  });
  document.addEventListener("click", function (e) {
    if (!e.target.closest || !e.target.closest(".term")) closeAll(null);
  });
  document.addEventListener("keydown", function (e) {
    if (e.key !== "Escape") return;
    terms.forEach(function (t) {
      if (t.classList.contains("open") || t.contains(document.activeElement)) {
        t.classList.remove("open");
        t.classList.add("closed");
        var b = t.querySelector(".term-word");
        if (b) b.setAttribute("aria-expanded", "false");
      }
    });
  });
})();

// Paths: the steps a reader ticks are kept in this browser's storage,
// under the path's address, and never sent anywhere.
(function () {
  "use strict";
  document.querySelectorAll("[data-path]").forEach(function (path) {
    var key = "partnerdocs-path:" + path.getAttribute("data-path");
    var boxes = path.querySelectorAll("input[data-step]");
    var total = boxes.length;
    var progress = path.querySelector("[data-path-progress]");
    var bar = path.querySelector("[data-path-bar]");
    var reset = path.querySelector("[data-path-reset]");
    var done = {};
    try { done = JSON.parse(localStorage.getItem(key) || "{}") || {}; } catch (e) { done = {}; }
    function show() {
      var n = 0;
      boxes.forEach(function (b) {
        var on = !!done[b.getAttribute("data-step")];
        b.checked = on;
        b.closest(".path-step").classList.toggle("done", on);
        if (on) n++;
      });
      if (progress) progress.textContent = partnerdocsWord("js_path_progress", n, total);
      if (bar) { bar.hidden = false; bar.value = n; }
      if (reset) reset.hidden = n === 0;
    }
    function save() {
      try {
        if (Object.keys(done).length) localStorage.setItem(key, JSON.stringify(done));
        else localStorage.removeItem(key);
      } catch (e) { /* storage refused: ticks last as long as the page */ }
    }
    boxes.forEach(function (b) {
      b.addEventListener("change", function () {
        var id = b.getAttribute("data-step");
        if (b.checked) done[id] = true; else delete done[id];
        save();
        show();
      });
    });
    if (reset) reset.addEventListener("click", function () { done = {}; save(); show(); });
    show();
  });
})();

// Events: the time in the reader's own zone, when it is not the event's.
(function () {
  "use strict";
  var el = document.querySelector("[data-event-start]");
  if (!el || !window.Intl || !Intl.DateTimeFormat) return;
  var start = new Date(el.getAttribute("data-event-start"));
  var endText = el.getAttribute("data-event-end");
  if (isNaN(start)) return;
  var lang = document.documentElement.lang || undefined;
  var zone = el.closest(".event-facts").querySelector(".event-zone");
  var eventZone = zone ? zone.textContent.replace(/[()]/g, "") : "";
  var mine = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (mine === eventZone) return;
  var day = new Intl.DateTimeFormat(lang, { weekday: "long", day: "numeric", month: "long", hour: "2-digit", minute: "2-digit", timeZoneName: "short" });
  var text = day.format(start);
  if (endText) {
    var end = new Date(endText);
    if (!isNaN(end)) text = day.formatRange ? day.formatRange(start, end) : text;
  }
  el.textContent = partnerdocsWord("js_event_local", text);
  el.hidden = false;
})();
