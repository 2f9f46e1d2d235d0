/*
 * The language menu (dashboard/web/language.py): each link is the address shown, in its language. The page's
 * filters change the address without a reload, so a link takes the current address at the moment it is used
 * (pointed at, focused, clicked or copied): lang= replaced, or dropped for English (the default).
 */
(function () {
  "use strict";
  function retarget(event) {
    var link = event.target.closest && event.target.closest(".atlas-lang a[data-lang]");
    if (!link) return;
    var params = new URLSearchParams(window.location.search);
    params.delete("lang");
    var lang = link.getAttribute("data-lang");
    if (lang !== "en") params.set("lang", lang);
    var query = params.toString().replace(/%2C/g, ",");
    link.setAttribute("href", window.location.pathname + (query ? "?" + query : ""));
  }
  ["pointerover", "focusin", "mousedown", "click", "contextmenu"].forEach(function (name) {
    document.addEventListener(name, retarget, true);
  });
})();
