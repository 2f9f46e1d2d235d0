/* Present mode (dashboard/export/present.py): one view per slide, full screen, live.
 *
 * ← → ↑ ↓, Page Up / Page Down, Home / End step the slides (not while the year slider has the focus: its own keys
 * move the year); F toggles full screen. Each chart is drawn the first time its slide shows. On a map slide the
 * year slider and Play repaint the fills, the title, the filters and the permalink from the year series the page
 * carries, with no request (so the offline file does the same). The slide shown is in the address's #hash. */
(function () {
    "use strict";
    var DIGITS = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_";
    var SHARED = "atlas:shared-geojson";
    var PLAY_MS = 350;  // a year on screen while playing
    var data = JSON.parse(document.getElementById("deck-data").textContent);
    var slides = Array.prototype.slice.call(document.querySelectorAll(".slide"));
    var counter = document.querySelector(".counter");
    var drawn = {};
    var current = 0;
    var state = window.atlasPresent = {current: 1, total: slides.length, drawn: 0, painted: []};

    function decode(text, width) {
        var out = new Array(text.length / width);
        for (var i = 0, k = 0; i < text.length; i += width, k++) {
            var v = 0;
            for (var j = 0; j < width; j++) { v = v * 64 + DIGITS.indexOf(text.charAt(i + j)); }
            out[k] = v;
        }
        return out;
    }

    function hideDrawing(gd) {  // the <figure> carries the text; the SVG would be read as a jumble
        gd.querySelectorAll(".main-svg, .gl-container").forEach(function (e) { e.setAttribute("aria-hidden", "true"); });
    }

    function draw(index) {
        if (drawn[index]) { return drawn[index]; }
        var fig = data.slides[index].figure;
        fig.data.forEach(function (trace) { if (trace.geojson === SHARED) { trace.geojson = data.shared; } });
        var gd = document.getElementById("chart-" + (index + 1));
        drawn[index] = Plotly.newPlot(gd, fig.data, fig.layout, data.config).then(function (g) {
            hideDrawing(g);
            state.drawn += 1;
            g.setAttribute("data-drawn", "true");
            return g;
        });
        return drawn[index];
    }

    function show(index, focus) {
        index = Math.max(0, Math.min(slides.length - 1, index));
        stop();
        slides[current].hidden = true;
        current = index;
        slides[index].hidden = false;
        counter.textContent = (index + 1) + " / " + slides.length;
        state.current = index + 1;
        try { history.replaceState(null, "", "#" + (index + 1)); } catch (e) { /* a sandboxed file may refuse */ }
        draw(index).then(function (gd) { Plotly.Plots.resize(gd); });
        if (focus) { slides[index].focus({preventScroll: true}); }
    }

    // ---- The year slider and Play of a map slide -------------------------------------------------------------
    var playing = null;

    function paint(index, year) {
        var years = data.slides[index].years, slide = slides[index];
        var i = years ? year - years.first : -1;
        if (i < 0 || i >= years.z.length) { return Promise.resolve(); }
        var epoch = years.epochs[years.epoch[i]];
        var z = decode(years.z[i], years.width);
        var hover = z.map(function (v) { return years.hover[Math.min(v, years.hover.length - 1)]; });
        slide.querySelector(".title").textContent = years.titles[i];
        slide.querySelector(".filters").textContent = years.filters[i];
        var link = slide.querySelector(".permalink");
        link.href = link.textContent = years.links[i];
        slide.querySelector(".year-value").textContent = year;
        slide.querySelector("input.year").value = year;
        return draw(index).then(function (gd) {
            // Markers and notes made for the slide's own year (small states, observers, what a source leaves
            // out that year) would be wrong in another: they show in that year only.
            var own = year === years.year, markers = [];
            gd.data.forEach(function (tr, k) {
                if (k > 0 && !tr.showlegend && tr.lon && tr.lon.length) { markers.push(k); }
            });
            if (!gd.__ownNotes) { gd.__ownNotes = (gd.layout.annotations || []).slice(); }
            var update = Plotly.restyle(gd, {locations: [epoch.codes], z: [z], customdata: [epoch.names], text: [hover]}, [0]);
            return update.then(function () {
                return markers.length ? Plotly.restyle(gd, {visible: own}, markers) : gd;
            }).then(function () {
                return Plotly.relayout(gd, {annotations: own ? gd.__ownNotes : []});
            }).then(function () { state.painted.push({slide: index + 1, year: year}); });
        });
    }

    function stop() {
        if (!playing) { return; }
        clearTimeout(playing.timer);
        var button = slides[playing.index].querySelector(".play");
        button.textContent = button.getAttribute("data-play");
        playing = null;
    }

    function play(index) {
        var years = data.slides[index].years, input = slides[index].querySelector("input.year");
        var button = slides[index].querySelector(".play");
        var year = parseInt(input.value, 10);
        playing = {index: index, timer: null};
        button.textContent = button.getAttribute("data-pause");
        var run = playing;
        function step(y) {
            if (playing !== run) { return; }
            if (y > years.last) { stop(); return; }
            var started = Date.now();
            paint(index, y).then(function () {
                run.timer = setTimeout(function () { step(y + 1); }, Math.max(0, PLAY_MS - (Date.now() - started)));
            });
        }
        step(year >= years.last ? years.first : year + 1);  // at the end, Play starts again from the beginning
    }

    slides.forEach(function (slide, index) {
        slide.tabIndex = -1;
        var input = slide.querySelector("input.year");
        if (!input) { return; }
        input.addEventListener("input", function () { stop(); paint(index, parseInt(input.value, 10)); });
        slide.querySelector(".play").addEventListener("click", function () {
            if (playing) { stop(); } else { play(index); }
        });
    });

    // ---- Keys and buttons ----------------------------------------------------------------------------------------
    var NEXT = {ArrowRight: 1, ArrowDown: 1, PageDown: 1, " ": 1}, PREVIOUS = {ArrowLeft: 1, ArrowUp: 1, PageUp: 1};

    function fullscreen() {
        if (document.fullscreenElement) { document.exitFullscreen(); return; }
        var request = document.documentElement.requestFullscreen;
        if (request) { request.call(document.documentElement).catch(function () { /* refused: the page fills the window */ }); }
    }

    document.addEventListener("keydown", function (e) {
        if (e.altKey || e.ctrlKey || e.metaKey) { return; }
        var target = e.target, tag = target && target.tagName;
        if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") { return; }  // the slider's own keys
        if (e.key === " " && (tag === "BUTTON" || tag === "A")) { return; }  // Space presses a focused button
        if (NEXT[e.key]) { show(current + 1); } else if (PREVIOUS[e.key]) { show(current - 1); }
        else if (e.key === "Home") { show(0); } else if (e.key === "End") { show(slides.length - 1); }
        else if (e.key === "f" || e.key === "F") { fullscreen(); } else { return; }
        e.preventDefault();
    });
    document.querySelector(".controls .next").addEventListener("click", function () { show(current + 1); });
    document.querySelector(".controls .prev").addEventListener("click", function () { show(current - 1); });
    document.querySelector(".controls .fullscreen").addEventListener("click", fullscreen);

    var start = parseInt((location.hash || "").replace("#", ""), 10);
    show(isFinite(start) ? start - 1 : 0);
})();
