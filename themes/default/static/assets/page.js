// Small things readers of documentation sites expect: a copy button on
// every code block. The page works without it.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  document.querySelectorAll(".content pre").forEach(function (pre) {
    var btn = document.createElement("button");
    btn.type = "button";
    btn.className = "copy-code";
    btn.textContent = "Copy";
    btn.setAttribute("aria-label", "Copy the code");
    btn.addEventListener("click", function () {
      var code = pre.querySelector("code") || pre;
      navigator.clipboard.writeText(code.innerText.replace(/\n$/, "")).then(function () {
        btn.textContent = "Copied";
        setTimeout(function () { btn.textContent = "Copy"; }, 1500);
      }, function () {
        btn.textContent = "Press Ctrl+C";
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
