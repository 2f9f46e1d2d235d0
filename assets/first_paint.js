/* The first paint first (dashboard/web/first_paint.py): a page's first chart is drawn before what it does not need.
 *
 * atlas_first.painted(graphId) resolves once the graph's first figure is on screen (its country shapes, or for a
 * chart without a map its plot), a frame later; its callback's output then brings the rest of the page (tables,
 * panels, every option of a long list, the year series). Should the chart not draw, the rest comes anyway. */
(function () {
    "use strict";
    var GIVE_UP_MS = 20000;

    function drawn(box) {
        if (!box) { return false; }
        if (box.querySelector(".choroplethlocation")) { return true; }
        var gd = box.querySelector(".js-plotly-plot");
        var data = gd && gd._fullData;
        var map = data && data.some(function (t) { return t.type === "choropleth"; });
        return !!(data && !map && gd.querySelector(".main-svg .plot"));
    }

    window.dash_clientside = window.dash_clientside || {};
    window.dash_clientside.atlas_first = {
        painted: function (graphId) {
            var since = performance.now();
            return new Promise(function (resolve) {
                (function poll() {
                    var box = document.getElementById(graphId);
                    if (drawn(box) || performance.now() - since > GIVE_UP_MS) {
                        // The frame that shows it first, then the rest (a task after that frame).
                        requestAnimationFrame(function () { setTimeout(function () { resolve(Date.now()); }, 0); });
                        return;
                    }
                    requestAnimationFrame(poll);
                })();
            });
        }
    };
})();
