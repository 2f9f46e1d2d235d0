'use strict';

// The atlas's plotly.js: the core (which always carries `scatter`) plus the trace types the atlas draws.
// Keep TRACES in build.mjs in step with this list.
var Plotly = require('plotly.js/lib/core');

Plotly.register([
    require('plotly.js/lib/bar'),
    require('plotly.js/lib/heatmap'),
    require('plotly.js/lib/scattergeo'),
    require('plotly.js/lib/choropleth'),
]);

module.exports = Plotly;
