/* The Export control's Download: fetched here rather than followed, so that an export that takes more than two
   seconds (a film above all: one frame per year) shows its progress, and a refusal shows its reason. */
(function () {
  "use strict";
  var SHOW_AFTER_MS = 2000;

  function fill(template, values) {
    return (template || "").replace(/\{(\w+)\}/g, function (_, key) { return key in values ? values[key] : ""; });
  }

  function framesOf(href) {
    var match = /\/export\/map\.(gif|mp4)\?/.exec(href);
    if (!match) return null;
    var params = new URL(href, window.location.href).searchParams;
    var first = parseInt(params.get("from"), 10), last = parseInt(params.get("to"), 10);
    return isNaN(first) || isNaN(last) ? "" : String(last - first + 1);
  }

  function say(note, text, state) {
    if (!note) return;
    note.textContent = "";
    note.dataset.state = state;
    if (state === "busy") {
      var spinner = document.createElement("span");
      spinner.className = "spinner-border spinner-border-sm me-1";
      spinner.setAttribute("aria-hidden", "true");
      note.appendChild(spinner);
    }
    note.appendChild(document.createTextNode(text));
  }

  document.addEventListener("click", function (event) {
    // The Export control's Download, and the deck basket's (data-progress names where its progress shows).
    var link = event.target.closest ? event.target.closest("#export-download, [data-progress]") : null;
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    if (link.dataset.busy) return;
    var note = document.getElementById(link.getAttribute("data-progress") || "export-progress");
    var href = link.getAttribute("href"), name = link.getAttribute("download") || "";
    var frames = framesOf(href), started = Date.now();
    link.dataset.busy = "1";
    link.setAttribute("aria-busy", "true");
    link.classList.add("disabled");
    say(note, "", "waiting");
    var timer = window.setInterval(function () {
      var elapsed = Date.now() - started;
      if (elapsed < SHOW_AFTER_MS) return;
      var values = {n: frames, seconds: Math.round(elapsed / 1000)};
      var template = frames ? note.dataset.film : note.dataset.waiting;
      say(note, fill(template, values), "busy");
    }, 250);
    window.fetch(href, {credentials: "same-origin"}).then(function (response) {
      if (!response.ok) {
        return response.text().then(function (text) { throw new Error(text.trim() || response.statusText); });
      }
      return response.blob();
    }).then(function (blob) {
      var url = URL.createObjectURL(blob);
      var save = document.createElement("a");
      save.href = url;
      save.download = name;
      document.body.appendChild(save);
      save.click();
      save.remove();
      window.setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
      say(note, fill(note.dataset.done, {seconds: Math.round((Date.now() - started) / 1000)}), "done");
    }).catch(function (error) {
      say(note, error.message, "error");
    }).then(function () {
      window.clearInterval(timer);
      delete link.dataset.busy;
      link.removeAttribute("aria-busy");
      link.classList.remove("disabled");
    });
  }, true);
})();
