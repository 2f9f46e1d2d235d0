/* Migration Governance Atlas: accessibility for markup that Dash and plotly.js draw themselves, and small helpers.
 *
 * - Controls Dash draws inside a wrapper with data-labelledby (slider thumb, year box) are named by that label;
 *   a dropdown keeps its visible <label for> in its name (Dash names it by its value alone) and its hidden
 *   focus helper leaves the tab order (it is aria-hidden, and Tab reaches the dropdown's own button anyway).
 * - Charts: the SVG plotly.js draws is hidden from assistive technology; the <figure> around it is named and
 *   described in HTML (dashboard/web/charts.py). The modebar's buttons stay reachable.
 * - Skip link and "show the table" links move focus, not just the scroll position; an element with
 *   data-focus-after="<selector>" sends focus there once it appears after a click (a profile opening).
 * - dash_clientside.atlas: the document's title and language, and focus on the page's <h1> after a change of page.
 */
(function () {
  "use strict";
  var pendingFocus = null;
  var pageShown = false;

  function linkLabels(root) {
    root.querySelectorAll("[data-labelledby]").forEach(function (box) {
      var label = box.getAttribute("data-labelledby");
      box.querySelectorAll("[role=slider], input:not([type=hidden])").forEach(function (el) {
        if (el.getAttribute("aria-labelledby") !== label) el.setAttribute("aria-labelledby", label);
      });
    });
    // A dropdown: Dash names it by what it shows; here its <label for> names it (as for any control) and what it
    // shows (the values, "n selected") describes it: "Processes, button: RCM — …, 2 selected".
    root.querySelectorAll("label[for]").forEach(function (label) {
      var target = document.getElementById(label.htmlFor);
      if (!target || !target.classList.contains("dash-dropdown")) return;
      var shown = target.getAttribute("aria-labelledby");
      if (shown) {
        target.removeAttribute("aria-labelledby");
        target.setAttribute("aria-describedby", shown.split(/\s+/).sort(function (a, b) {
          return /-value$/.test(b) - /-value$/.test(a);
        }).join(" "));
      }
    });
    dropdownFocus(root);
  }

  // Dash 4's dropdown takes Tab on a hidden helper input (aria-hidden, yet focusable) that hands focus on to the
  // dropdown's own button (tabindex -1). Here the button itself is in the tab order and the helper stays out of it,
  // also after the button's blur handler puts it back.
  function dropdownFocus(root) {
    root.querySelectorAll("input.dash-dropdown-focus-target").forEach(function (helper) {
      var button = helper.nextElementSibling;
      if (!button || !button.classList.contains("dash-dropdown")) return;
      if (helper.tabIndex !== -1) helper.tabIndex = -1;
      if (!button.disabled && button.tabIndex !== 0) button.tabIndex = 0;
    });
  }

  // Dash 4's RadioItems and Checklist: a listbox of role=option labels around native inputs. Inside our
  // fieldsets (dashboard/web/controls.py) the roles go, and stay gone when React sets aria-selected again.
  function plainChoices(root) {
    root.querySelectorAll(".atlas-fieldset .dash-options-list, .atlas-choices .dash-options-list").forEach(function (list) {
      if (list.hasAttribute("role")) list.removeAttribute("role");
      list.querySelectorAll("label[role], label[aria-selected]").forEach(function (label) {
        label.removeAttribute("role");
        label.removeAttribute("aria-selected");
      });
    });
  }

  function hideDrawings(root) {
    root.querySelectorAll(".js-plotly-plot svg.main-svg, .js-plotly-plot .gl-container").forEach(function (el) {
      if (el.getAttribute("aria-hidden") !== "true") el.setAttribute("aria-hidden", "true");
    });
    root.querySelectorAll(".js-plotly-plot .modebar[role=toolbar]").forEach(function (el) {
      if (!el.hasAttribute("aria-label")) el.setAttribute("aria-label", "Chart tools");
    });
  }

  function focusNow(el) {
    if (!el) return false;
    if (!el.hasAttribute("tabindex") && !/^(A|BUTTON|INPUT|SELECT|TEXTAREA)$/.test(el.tagName)) {
      el.setAttribute("tabindex", "-1");
    }
    el.focus({preventScroll: false});
    return document.activeElement === el;
  }

  function repair() {
    plainChoices(document);
    linkLabels(document);
    hideDrawings(document);
    if (pendingFocus && Date.now() < pendingFocus.until) {
      var el = document.querySelector(pendingFocus.selector);
      if (el && isNew(el, pendingFocus) && focusNow(el)) pendingFocus = null;
    } else {
      pendingFocus = null;
    }
  }

  // The element to focus once it is a new one (React may reuse the old element with new text); the same one
  // after a moment, when the page did not change around it.
  function isNew(el, pending) {
    return el !== pending.from || el.textContent !== pending.text || Date.now() > pending.since + 400;
  }

  function expectFocus(selector) {
    var current = document.querySelector(selector);
    var now = Date.now();
    pendingFocus = {selector: selector, from: current, text: current && current.textContent, since: now,
                    until: now + 8000};
    window.setTimeout(schedule, 450);
  }

  // Copy buttons: the target field's text to the clipboard; the button says so (and screen readers hear it).
  function copyText(button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) return;
    var done = function () {
      var label = button.textContent;
      var live = document.getElementById("atlas-live");
      button.textContent = button.getAttribute("data-copied") || "Copied";
      if (live) live.textContent = button.textContent;
      window.setTimeout(function () { button.textContent = label; }, 2000);
    };
    var fallback = function () {
      field.select();
      try { document.execCommand("copy"); } catch (e) { /* the field stays selected for Ctrl+C */ }
      button.focus();
      done();
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(done, fallback);
    } else {
      fallback();
    }
  }

  var scheduled = false;
  function schedule() {
    if (scheduled) return;
    scheduled = true;
    window.requestAnimationFrame(function () {
      scheduled = false;
      repair();
    });
  }

  function start() {
    new MutationObserver(schedule).observe(document.body, {childList: true, subtree: true});
    // Synchronously (before the next paint), as React sets them: option roles and their selection state.
    new MutationObserver(function () {
      plainChoices(document);
      dropdownFocus(document);
    }).observe(document.body, {attributes: true, subtree: true, attributeFilter: ["role", "aria-selected", "tabindex"]});
    schedule();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();

  document.addEventListener("click", function (event) {
    var jump = event.target.closest && event.target.closest("a.atlas-skip, a.atlas-jump");
    if (jump) {
      var target = document.getElementById(jump.getAttribute("href").slice(1));
      if (target) {
        event.preventDefault();
        target.scrollIntoView({block: "start"});
        focusNow(target);
        if (target.getAttribute("aria-expanded") === "false") target.click();
      }
      return;
    }
    var copier = event.target.closest && event.target.closest("button[data-copy]");
    if (copier) {
      copyText(copier);
      return;
    }
    var source = event.target.closest && event.target.closest("[data-focus-after]");
    if (source) expectFocus(source.getAttribute("data-focus-after"));
  });

  window.dash_clientside = window.dash_clientside || {};
  window.dash_clientside.atlas = {
    setTitle: function (data) {
      if (data && data.title) document.title = data.title;
      if (data && data.lang) document.documentElement.lang = data.lang;
      return null;
    },
    focusHeading: function (children) {
      if (!children) return null;
      if (!pageShown) {  // the first page of a visit: the reader starts at the top (skip link first)
        pageShown = true;
        return null;
      }
      expectFocus("#page h1");
      schedule();
      return null;
    },
  };
})();
