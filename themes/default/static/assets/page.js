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
