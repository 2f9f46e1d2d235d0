/* Year steps on the map, in the browser (dashboard/web/pages/map_years.py, dashboard/views/map_years.py).
 *
 * The series holds, for the selection, every year's z of every shape. Moving the slider (keys or drag), a frame
 * of Play, or back/forward to another year repaints the fills and the title from it, with no request. When the
 * year has rested (or Play stops), the address gets the year and one request completes the rest of the map
 * (hover texts, markers, notes), its panels and table: what the series does not hold.
 *
 * The repaint follows the slider's own thumb (aria-valuenow) rather than Dash's callback for its value: that
 * callback comes after Dash has processed the change, often a frame or more later. */
(function () {
    "use strict";
    var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
    var INDEX = {};
    for (var d = 0; d < DIGITS.length; d++) { INDEX[DIGITS.charAt(d)] = d; }
    var SETTLE_MS = 150;  // a rest this long after the last step, and the address and the server follow
    var PLAY_MS = 80;  // Play: 12.5 years a second
    var SERVER_PLAY_MS = 900;  // Play without a series (the server draws each year)
    var WAIT_PLAY_MS = 20000;  // Play pressed before the slider is drawn: started once it is, or given up after this
    var USER_MS = 1500;  // a thumb that moves this soon after a key or pointer on the slider is the user's
    var GRAPH = "#map-graph .js-plotly-plot";

    // What this page has drawn itself (the benchmark and the browser tests read it too).
    var years = window.atlasMapYears = {
        series: null, state: null, preview: null, painted: [], settled: 0, timer: null,
        observed: null, userUntil: 0, playing: false, playTimer: null, waiting: null, thumbHalf: 0
    };

    function decode(text, width) {
        var out = new Array(text.length / width);
        for (var i = 0, k = 0; i < text.length; i += width, k++) {
            var v = 0;
            for (var j = 0; j < width; j++) { v = v * 64 + INDEX[text.charAt(i + j)]; }
            out[k] = v;
        }
        return out;
    }

    function pairs(query) {
        return (query || "").replace(/^\?/, "").split("&").filter(function (p) { return p; });
    }

    function without(query, names) {
        return pairs(query).filter(function (p) { return names.indexOf(p.split("=")[0]) < 0; }).join("&");
    }

    function yearOf(query, fallback) {
        var found = pairs(query).filter(function (p) { return p.split("=")[0] === "year"; });
        var year = found.length ? parseInt(found[0].split("=")[1], 10) : NaN;
        return isFinite(year) ? year : fallback;
    }

    // The address with this year where the server's to_query() puts it: in place of the year it has, else before
    // the parameters that to_query() writes after a year (the page lists them on the Play button).
    function afterYear() {
        var button = document.getElementById("map-play");
        var names = button && button.getAttribute("data-after-year");
        return names ? names.split(",") : ["role", "country", "layer", "theme"];
    }

    function withYear(query, year, defaultYear) {  // defaultYear null: always a year
        var all = pairs(query), name = function (p) { return p.split("=")[0]; };
        var at = all.findIndex(function (p) { return name(p) === "year"; });
        // As the server does: an address without a year stays without one while the year is the default.
        if (at < 0 && year === defaultYear) { return all.length ? "?" + all.join("&") : ""; }
        if (at >= 0) {
            all[at] = "year=" + year;
        } else {
            var followers = afterYear();
            var before = all.findIndex(function (p) { return followers.indexOf(name(p)) >= 0; });
            all.splice(before < 0 ? all.length : before, 0, "year=" + year);
        }
        return "?" + all.join("&");
    }

    function rgb(colour) {
        var m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
        if (m) { return [parseInt(m[1], 16), parseInt(m[2], 16), parseInt(m[3], 16)]; }
        m = /^rgba?\(\s*([\d.]+)\s*,\s*([\d.]+)\s*,\s*([\d.]+)/i.exec(colour);
        return m ? [+m[1], +m[2], +m[3]] : null;
    }

    // The fill plotly.js gives z on this trace's colour scale (linear between stops, as plotly.js does).
    function fillOf(trace, z) {
        var scale = trace.colorscale, lo = trace.zmin, hi = trace.zmax;
        var f = hi > lo ? Math.min(1, Math.max(0, (z - lo) / (hi - lo))) : 0;
        for (var i = 1; i < scale.length; i++) {
            if (f <= scale[i][0] || i === scale.length - 1) {
                var a = scale[i - 1], b = scale[i];
                if (a[1] === b[1]) { return a[1]; }
                if (b[0] === a[0]) { return b[1]; }
                var ca = rgb(a[1]), cb = rgb(b[1]);
                if (!ca || !cb) { return a[1]; }
                var w = (f - a[0]) / (b[0] - a[0]);
                return "rgb(" + [0, 1, 2].map(function (c) { return Math.round(ca[c] + w * (cb[c] - ca[c])); }) + ")";
            }
        }
        return scale[scale.length - 1][1];
    }

    function graph() { return document.querySelector(GRAPH); }

    // The series, if it is for the selection the map shows (the server's state, less its year and country).
    function usable(gd) {
        var series = years.series;
        return series && gd && gd.on && gd.data && gd.data[0] &&
            series.selection === without(years.state, ["year", "country"]) ? series : null;
    }

    function hook(gd) {
        if (!gd || !gd.on || gd.__atlasYears) { return; }
        gd.__atlasYears = true;
        // A figure from the server (dcc.Graph calls Plotly.react) replaces whatever was painted here.
        gd.on("plotly_react", function () {
            years.preview = null;
            if (!years.playing && gd.parentElement) { gd.parentElement.classList.remove("atlas-playing"); }
        });
    }

    // Repaint the fills and the title for `year` from the series; false if the series has no such year.
    function paint(gd, series, year) {
        var i = year - series.first;
        if (i < 0 || i >= series.z.length) { return false; }
        var epoch = series.epochs[series.epoch[i]];
        var z = decode(series.z[i], series.width);
        var trace = gd.data[0];
        var done = true;
        if (trace.locations.length !== epoch.codes.length || trace.locations.join() !== epoch.codes.join()) {
            // Other shapes this year (a former state, before or after it dissolved): plotly.js draws them.
            done = Plotly.restyle(gd, {locations: [epoch.codes], z: [z], customdata: [epoch.names],
                                       text: [epoch.codes.map(function () { return ""; })]}, [0]);
        } else {
            var at = {}, fills = {};
            for (var k = 0; k < epoch.codes.length; k++) { at[epoch.codes[k]] = k; }
            var shapes = gd.querySelectorAll(".choroplethlocation");
            for (var s = 0; s < shapes.length; s++) {
                var point = shapes[s].__data__;
                var n = point ? at[point.loc] : undefined;
                if (n === undefined) { continue; }
                point.z = z[n];  // what plotly.js restyles from, should it restyle before the server's figure comes
                var fill = fills[z[n]] || (fills[z[n]] = fillOf(trace, z[n]));  // a few distinct values a year
                // Only the shapes whose fill changes: from one year to the next, most keep theirs, and each
                // attribute written costs the browser a restyle of that shape.
                if (shapes[s].getAttribute("fill") !== fill) { shapes[s].setAttribute("fill", fill); }
            }
        }
        var title = gd.querySelector(".gtitle");
        if (title) { retitle(title, series.titles[i]); }
        years.preview = year;
        var entry = {year: year, t: performance.now()};
        requestAnimationFrame(function () { entry.frame = performance.now(); });  // the frame that shows it
        years.painted.push(entry);
        if (years.painted.length > 500) { years.painted.splice(0, 250); }
        return done;
    }

    // A title's lines (plotly draws a wrapped title as one tspan.line per line): each line its text; a title whose
    // number of lines differs is set whole (plotly redraws it with the server's figure).
    function retitle(title, lines) {
        var spans = title.querySelectorAll("tspan.line");
        if (spans.length > 1 && spans.length === lines.length) {
            for (var k = 0; k < lines.length; k++) { spans[k].textContent = lines[k]; }
        } else {
            title.textContent = lines.join(" ");
        }
    }

    // Show `year` from the series unless this page has painted it already; false if the series cannot. (After a
    // figure from the server it paints again even the year that figure shows: the same fills, and no guess.)
    function show(year) {
        var gd = graph(), series = usable(gd);
        if (!series) { return false; }
        return years.preview === year ? true : paint(gd, series, year);
    }

    // After a rest of `ms`: the address gets the year (one history entry per rest, not per step), and the server
    // completes the map. Deferred, so that the fills painted now reach the screen before anything else runs.
    // `byAddress`: no series, so the new address itself goes to the server (year() hands it over).
    function settle(ms, search, byAddress) {
        clearTimeout(years.timer);
        years.timer = setTimeout(function () {
            var set = window.dash_clientside.set_props;
            if (typeof search === "string") {
                // Also when the address bar has it already (Play moves it in place): Dash's copy must follow.
                var moved = search !== window.location.search;
                var href = window.location.origin + window.location.pathname + search + window.location.hash;
                // The map page's Location writes the address (both search and href: a stale href is pushed back
                // by dcc.Location); the shell's follows, for what listens to it (the Export control).
                set("map-location", {search: search, href: href});
                set("url", {search: search, href: href});
                if (byAddress && moved) { return; }
            }
            years.settled += 1;
            set("map-settled", {data: years.settled});
        }, ms);
    }

    function currentYear() {
        var thumb = document.querySelector("#map-year [role=slider]");
        var year = thumb ? parseInt(thumb.getAttribute("aria-valuenow"), 10) : NaN;
        return isFinite(year) ? year : null;
    }

    // The year a key on the thumb moves the slider to, as Dash's slider (Radix) moves it: arrows one step, with
    // Shift or Page Up / Page Down ten, Home and End to the ends. Null: no such key, or no thumb.
    function keyedYear(e) {
        var thumb = e.target && e.target.closest && e.target.closest("[role=slider]");
        var year = currentYear();
        if (!thumb || year === null) { return null; }
        var min = parseInt(thumb.getAttribute("aria-valuemin"), 10), max = parseInt(thumb.getAttribute("aria-valuemax"), 10);
        var up = {ArrowRight: 1, ArrowUp: 1, PageUp: 1, ArrowLeft: -1, ArrowDown: -1, PageDown: -1}[e.key];
        if (e.key === "Home") { return min; }
        if (e.key === "End") { return max; }
        if (!up) { return null; }
        var by = e.key.indexOf("Page") === 0 || e.shiftKey ? 10 : 1;
        return Math.min(max, Math.max(min, year + up * by));
    }

    // ---- The slider's number box: a typed year applies on Enter and on leaving the box; one the map cannot show
    // is refused in words (Dash's slider would ignore Enter, and put 1800 silently at the nearest end on blur). ----
    function yearError(text) {
        var note = document.getElementById("map-year-error");
        if (!note) { return; }
        note.textContent = text || "";
        note.hidden = !text;
    }

    function shownYear(input) {  // the year in the box if the map shows it, else NaN
        var min = parseInt(input.getAttribute("min"), 10), max = parseInt(input.getAttribute("max"), 10);
        var text = String(input.value || "").trim();
        var year = /^[0-9]{1,6}$/.test(text) && !input.validity.badInput ? parseInt(text, 10) : NaN;
        return year >= min && year <= max ? year : NaN;
    }

    // The typed year, or null after saying why it cannot be shown (the box is marked invalid and keeps the text).
    function typedYear(input) {
        var text = String(input.value || "").trim();
        var year = shownYear(input);
        if (isFinite(year)) {
            input.removeAttribute("aria-invalid");
            yearError("");
            return year;
        }
        var note = document.getElementById("map-year-error");
        var words = note && note.getAttribute(text && !input.validity.badInput ? "data-rejected" : "data-missing");
        input.setAttribute("aria-invalid", "true");
        input.setAttribute("aria-describedby", "map-year-error");
        yearError((words || "").replace("{value}", text));
        return null;
    }

    function watchBox(box) {
        var isBox = function (e) { return e.target && e.target.matches && e.target.matches("input[type=number]"); };
        // The slider follows the box only while it holds a year the map shows: not to 1800, nor through 1, 19, 199.
        box.addEventListener("input", function (e) {
            if (isBox(e) && !isFinite(shownYear(e.target))) { e.stopPropagation(); }
        }, true);
        box.addEventListener("keydown", function (e) {
            if (e.key !== "Enter" || !isBox(e)) { return; }
            e.preventDefault();
            var year = typedYear(e.target);
            if (year !== null) { window.dash_clientside.set_props("map-year", {value: year}); }
        }, true);
        // Before the slider's own handler (React listens at the root): a refused year never reaches it.
        box.addEventListener("focusout", function (e) {
            if (!isBox(e)) { return; }
            var text = String(e.target.value || "").trim();
            if (text === "" && !e.target.validity.badInput) { yearError(""); return; }  // the slider puts its year back
            if (typedYear(e.target) === null) { e.stopPropagation(); }
        }, true);
    }

    // Repaint as the user moves the thumb (a key, a drag), before Dash has processed the slider's new value.
    function watch() {
        var box = document.getElementById("map-year");
        if (!box || years.observed === box) { return; }
        years.observed = box;
        watchBox(box);
        var mine = function () { years.userUntil = performance.now() + USER_MS; };
        ["keydown", "pointerdown", "pointermove", "touchstart"].forEach(function (name) {
            box.addEventListener(name, function (e) { if (name !== "pointermove" || e.buttons) { mine(); } }, true);
        });
        // A key on the thumb repaints at once, with the year the slider is about to take: not after Dash has
        // processed the slider's change, which on a busy machine took tens of milliseconds more.
        box.addEventListener("keydown", function (e) {
            var year = keyedYear(e);
            if (year !== null && !years.playing) { show(year); }
        }, true);
        new MutationObserver(function () {
            if (performance.now() > years.userUntil || years.playing) { return; }
            var year = currentYear();
            if (year !== null) { show(year); }
        }).observe(box, {attributes: true, subtree: true, attributeFilter: ["aria-valuenow"]});
    }

    // Back, forward, or an address set by a script: repaint now if only the year changed, before Dash has
    // processed the address (year() then moves the slider and settles, finding the year painted).
    window.addEventListener("popstate", function () {
        var series = usable(graph());
        if (series && !years.playing && without(location.search, ["year"]) === without(years.state, ["year"])) {
            show(yearOf(location.search, series.default));
        }
    });

    // ---- Play: a loop here, one year per frame, the next only once the last is painted, none skipped -------------
    function label(playing) {
        var button = document.getElementById("map-play");
        return button ? button.getAttribute(playing ? "data-pause" : "data-play") : (playing ? "Pause" : "Play");
    }

    function stopPlay() {
        if (!years.playing) { return; }
        years.playing = false;
        clearTimeout(years.playTimer);
        var gd = graph(), series = usable(gd), year = currentYear();
        window.dash_clientside.set_props("map-play", {children: label(false)});
        if (year !== null) { window.dash_clientside.set_props("map-year", {value: year}); }  // see moveSlider
        if (gd && gd.parentElement) {
            var box = gd.parentElement;
            setTimeout(function () { box.classList.remove("atlas-playing"); }, 2000);  // if no figure comes
        }
        settle(0, series && year !== null ? withYear(years.state, year, series.default) : undefined);
    }

    // Play moves the slider itself, and Dash learns the year once, when Play stops: a set_props per frame cost
    // Dash's renderer more than the repaint (it runs every callback's bookkeeping), and held Play under 10 frames a
    // second. The thumb, its tooltip and box, the range and the marks are put where Dash's slider (Radix) puts them
    // for that value; its next render, with the year Play stopped at, draws the same. False: not that slider.
    function moveSlider(year) {
        var box = document.getElementById("map-year");
        var thumb = box && box.querySelector("[role=slider]");
        var holder = thumb && thumb.parentElement;
        if (!holder || !holder.style) { return false; }
        var min = parseInt(thumb.getAttribute("aria-valuemin"), 10), max = parseInt(thumb.getAttribute("aria-valuemax"), 10);
        var at = max > min ? (year - min) / (max - min) * 100 : 0;
        if (!years.thumbHalf) { years.thumbHalf = thumb.getBoundingClientRect().width / 2; }  // read once: a layout
        var half = years.thumbHalf;  // Radix keeps the thumb inside the track by this much
        holder.style.left = "calc(" + at + "% + " + (half * (1 - at / 50)) + "px)";
        var range = box.querySelector(".dash-slider-range");
        if (range) { range.style.right = (100 - at) + "%"; }
        thumb.setAttribute("aria-valuenow", String(year));
        var tip = box.querySelector(".dash-slider-tooltip > div");
        if (tip) { tip.textContent = String(year); }
        var input = box.querySelector("input[type=number]");
        if (input) { input.value = String(year); }
        box.querySelectorAll(".dash-slider-mark").forEach(function (mark) {
            mark.classList.toggle("dash-slider-mark-outside-selection", parseInt(mark.textContent, 10) > year);
        });
        var live = document.getElementById("map-year-live");
        var words = live && live.getAttribute("data-year-now");
        if (words) { live.textContent = words.replace("{year}", String(year)); }
        return true;
    }

    function playStep(year, last) {
        if (!years.playing) { return; }
        if (year > last) { stopPlay(); return; }
        var started = performance.now();
        var gd = graph(), series = usable(gd);
        var painted = series ? paint(gd, series, year) : true;
        if (!series || !moveSlider(year)) { window.dash_clientside.set_props("map-year", {value: year}); }
        if (series) {  // the address follows, in place: no history entry per frame, no request (see startPlay)
            var search = withYear(years.state, year, series.default);
            history.replaceState(history.state, "", location.pathname + search + location.hash);
        }
        if (!series) { settle(0, withYear(years.state, year, null), true); }  // the server draws each year
        Promise.resolve(painted).then(function () {
            requestAnimationFrame(function () {
                var wait = (series ? PLAY_MS : SERVER_PLAY_MS) - (performance.now() - started);
                years.playTimer = setTimeout(function () { playStep(year + 1, last); }, Math.max(0, wait));
            });
        });
    }

    function startPlay() {
        var gd = graph(), series = usable(gd);
        var slider = document.querySelector("#map-year [role=slider]");
        var first = slider ? parseInt(slider.getAttribute("aria-valuemin"), 10) : NaN;
        var last = slider ? parseInt(slider.getAttribute("aria-valuemax"), 10) : NaN;
        var year = currentYear();
        if (year === null || !isFinite(first) || !isFinite(last)) { return false; }
        years.playing = true;
        years.thumbHalf = 0;
        clearTimeout(years.timer);
        // One history entry for the whole of Play: back, after it, returns to the year it started from.
        if (series) { history.pushState(history.state, "", location.href); }
        if (series && gd.parentElement) { gd.parentElement.classList.add("atlas-playing"); }
        playStep(year >= last ? first : year + 1, last);  // at the end, Play starts again from the beginning
        return true;
    }

    window.dash_clientside = window.dash_clientside || {};
    window.dash_clientside.atlas_map = {
        // Keeps the series and the server's state (what the map shows) for the repaints; changes nothing.
        track: function (series, state) {
            years.series = series || null;
            years.state = state || "";
            watch();
            hook(graph());
            return window.dash_clientside.no_update;
        },

        // Inputs: the slider's year, the address; states: the series, the server's state.
        // Outputs: the slider's year (after back/forward), and an address for the server when it is not a year
        // step of the map shown.
        year: function (value, search, series, state) {
            var none = window.dash_clientside.no_update;
            var fired = (window.dash_clientside.callback_context.triggered || []).map(function (t) { return t.prop_id; });
            years.series = series || null;
            years.state = state || "";
            watch();
            hook(graph());
            var known = usable(graph());
            if (fired.indexOf("map-location.search") >= 0) {
                if (!known || without(search, ["year"]) !== without(state, ["year"])) {
                    return [none, search];  // another view, not another year of this one: the server's
                }
                var year = yearOf(search, known.default);
                if (year === value && (years.preview === null || years.preview === year)) {
                    return [none, none];  // the map shows it already (this is the address this page wrote)
                }
                if (!show(year)) { return [none, search]; }
                settle(SETTLE_MS);
                return [year, none];
            }
            yearError("");  // a year the map shows: whatever was refused before is gone
            var typed = document.querySelector("#map-year input[type=number]");
            if (typed) { typed.removeAttribute("aria-invalid"); }
            if (years.playing) { return [none, none]; }  // Play paints, and settles when it stops
            if (!known || !show(value)) {  // no series for this view (yet): the server draws the year
                settle(0, withYear(state, value, null), true);
                return [none, none];
            }
            settle(SETTLE_MS, withYear(state, value, known.default));
            return [none, none];
        },

        // A press before the slider is drawn (it loads a moment after the first map) is kept, not lost: Play starts
        // as soon as the slider is there; a second press meanwhile cancels it.
        play: function () {
            if (years.playing) { stopPlay(); return label(false); }
            if (years.waiting) { clearTimeout(years.waiting); years.waiting = null; return label(false); }
            if (startPlay()) { return label(true); }
            var since = performance.now();
            (function retry() {
                years.waiting = setTimeout(function () {
                    years.waiting = null;
                    if (startPlay()) { return; }
                    if (performance.now() - since < WAIT_PLAY_MS) { retry(); return; }
                    window.dash_clientside.set_props("map-play", {children: label(false)});
                }, 100);
            })();
            return label(true);
        }
    };
})();
