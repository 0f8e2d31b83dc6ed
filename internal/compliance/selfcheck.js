// partnerdocs self-check: the tier review of `partnerdocs compliance`,
// run in the browser over the program's matrix.json. Each function below
// mirrors the Go function of the same name in the compliance package, so
// both give the same answer; the end-to-end tests hold them to it. Nothing
// the partner enters leaves the page.
(function () {
  "use strict";
  var root = document.querySelector(".self-check");
  if (!root) return;
  var form = root.querySelector("form");
  var out = root.querySelector(".self-check-result");
  // The words come from the site's table in the page's language.
  var words = {};
  try { words = JSON.parse(root.getAttribute("data-words") || "{}"); } catch (e) { words = {}; }
  function w(key, arg) {
    var s = words[key] || key;
    return arg === undefined ? s : s.split("{0}").join(arg);
  }

  function tierIndex(doc, id) {
    for (var i = 0; i < doc.tiers.length; i++) {
      if (doc.tiers[i].id === id) return i;
    }
    return -1;
  }

  function threshold(v) {
    if (typeof v === "number") return v;
    return v === true ? 1 : 0;
  }

  // yesNo: a requirement met or not rather than counted (Go's YesNo).
  function yesNo(kind) {
    return kind === "text" || kind === "designation";
  }

  function met(doc, p, a) {
    var v = p.values[a.id] || 0;
    if (yesNo(a.kind)) return v >= 1;
    if (a.kind === "tier" && a.reached) {
      var t = tierIndex(doc, a.id.replace(/^tier:/, ""));
      var cur = tierIndex(doc, p.tier);
      return v > 0 || (t >= 0 && cur >= t);
    }
    return v >= threshold(a.value);
  }

  // Figures are written as the page's language writes them (the matrix
  // does the same): "150.000" on a German page.
  var group = root.getAttribute("data-group") || ",", decimal = root.getAttribute("data-decimal") || ".";

  function number(v) {
    var neg = v < 0;
    v = Math.abs(v);
    var whole = Math.floor(v);
    var frac = Math.round((v - whole) * 100);
    if (frac === 100) {
      whole += 1;
      frac = 0;
    }
    var s = whole.toFixed(0), b = "";
    for (var i = 0; i < s.length; i++) {
      if (i > 0 && (s.length - i) % 3 === 0) b += group;
      b += s[i];
    }
    if (frac > 0) {
      var f = String(frac);
      if (f.length === 1) f = "0" + f;
      b += decimal + f.replace(/0$/, "");
    }
    return neg ? "-" + b : b;
  }

  function amount(v, unit) {
    var n = number(v);
    if (unit === "USD" || unit === "EUR") return unit + " " + n;
    if (unit === "percent") return n + "%";
    return n;
  }

  function has(p, a) {
    if (yesNo(a.kind) || (a.kind === "tier" && a.reached)) return w("sc_not_yet");
    return w("sc_has", amount(p.values[a.id] || 0, a.unit || ""));
  }

  function hasAny(p, alts) {
    return alts.map(function (a) {
      if (yesNo(a.kind) || (a.kind === "tier" && a.reached)) return w("sc_not_yet");
      return amount(p.values[a.id] || 0, a.unit || "");
    }).join(" " + w("sc_and") + " ");
  }

  function unmet(doc, p, col, keep) {
    var rows = doc.requirements;
    if (keep && doc.keep.length > 0) rows = doc.keep;
    var res = [];
    rows.forEach(function (r) {
      var c = r.cells[col];
      if (!c || c.kind !== "requirement") return;
      if (r.kind === "any_of") {
        if (!c.any_of.some(function (a) { return met(doc, p, a); })) {
          res.push(c.text + " (" + w("sc_has", hasAny(p, c.any_of)) + ")");
        }
        return;
      }
      var alt = { id: r.id, kind: r.kind, value: c.value, unit: c.unit, text: c.text, reached: c.reached };
      if (!met(doc, p, alt)) res.push(alt.text + " (" + has(p, alt) + ")");
    });
    return res;
  }

  function evaluate(doc, p) {
    var res = { tier: p.tier, qualifies: "", status: "", missing: [], designations: [], target: -1 };
    var cur = tierIndex(doc, p.tier), q = -1;
    doc.tiers.forEach(function (t, i) {
      if (unmet(doc, p, t.id, i === cur).length === 0) q = i;
    });
    (doc.designations || []).forEach(function (d) {
      if ((p.values["designation:" + d.id] || 0) >= 1 || unmet(doc, p, d.id, false).length === 0) res.designations.push(d.id);
    });
    if (q >= 0) res.qualifies = doc.tiers[q].id;
    var target = -1, keep = false;
    if (cur < 0 && q < 0) {
      res.status = "none"; target = 0;
    } else if (cur < 0 || q > cur) {
      res.status = "upgrade"; target = q + 1;
    } else if (q === cur) {
      res.status = "ok"; target = q + 1;
    } else {
      res.status = "at-risk"; target = cur; keep = true;
    }
    if (target >= 0 && target < doc.tiers.length) {
      res.missing = unmet(doc, p, doc.tiers[target].id, keep);
      res.target = target;
    }
    return res;
  }

  // What the partner entered: the current tier and a figure per column.
  function figures() {
    var p = { tier: form.elements.tier.value, values: {} }, bad = false;
    Array.prototype.forEach.call(form.querySelectorAll("input[name]"), function (el) {
      if (el.type === "checkbox") {
        p.values[el.name] = el.checked ? 1 : 0;
        return;
      }
      var v = el.value.trim() === "" ? 0 : Number(el.value);
      var ok = isFinite(v) && v >= 0;
      el.setAttribute("aria-invalid", ok ? "false" : "true");
      if (!ok) bad = true;
      p.values[el.name] = ok ? v : 0;
    });
    return { partner: p, bad: bad };
  }

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  function titles(doc) {
    var t = {};
    doc.tiers.forEach(function (x) { t[x.id] = x.title; });
    (doc.designations || []).forEach(function (x) { t[x.id] = x.title; });
    return t;
  }

  function list(items) {
    var ul = el("ul");
    items.forEach(function (m) { ul.appendChild(el("li", m)); });
    return ul;
  }

  function show(doc) {
    var f = figures(), p = f.partner, r = evaluate(doc, p), name = titles(doc);
    out.textContent = "";
    out.dataset.qualifies = r.qualifies;
    out.dataset.status = r.status;
    out.dataset.missing = r.missing.join("; ");
    out.dataset.designations = r.designations.join(" ");
    if (f.bad) out.appendChild(el("p", w("sc_bad_figures"), "self-check-warning"));
    var verdict = r.qualifies ? w("sc_qualify", name[r.qualifies]) : w("sc_no_tier");
    out.appendChild(el("p", verdict, "self-check-verdict"));
    var status = {
      "ok": w("sc_ok"),
      "upgrade": p.tier ? w("sc_upgrade_from", name[p.tier]) : w("sc_apply"),
      "at-risk": w("sc_at_risk", name[p.tier]),
      "none": ""
    }[r.status];
    if (status) out.appendChild(el("p", status));
    if (r.target >= 0) {
      var t = name[doc.tiers[r.target].id];
      var head = r.status === "at-risk" ? w("sc_keep_need", t) : w("sc_reach_need", t);
      if (r.missing.length) {
        out.appendChild(el("h2", head));
        out.appendChild(list(r.missing));
      }
    } else if (r.qualifies) {
      out.appendChild(el("p", w("sc_top")));
    }
    (doc.designations || []).forEach(function (d) {
      var m = unmet(doc, p, d.id, false);
      out.appendChild(el("h2", w("sc_designation", d.title)));
      if ((p.values["designation:" + d.id] || 0) >= 1) {
        out.appendChild(el("p", w("sc_hold_it")));
      } else if (!m.length) {
        out.appendChild(el("p", w("sc_qualify_it")));
      } else {
        out.appendChild(el("p", w("sc_still_need")));
        out.appendChild(list(m));
      }
    });
  }

  fetch(root.getAttribute("data-matrix")).then(function (res) {
    if (!res.ok) throw new Error(res.status);
    return res.json();
  }).then(function (doc) {
    if (doc.schema !== 2) throw new Error("matrix.json schema " + doc.schema);
    var update = function () { show(doc); };
    form.addEventListener("input", update);
    form.addEventListener("change", update);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    update();
    root.classList.add("self-check-ready");
  }).catch(function () {
    out.textContent = w("sc_load_failed");
  });
})();
