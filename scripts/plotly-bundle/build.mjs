// Build plotly-atlas.min.js and its provenance from the pinned npm packages in this folder.
// Run through scripts/build_plotly_bundle.sh, which installs them (npm ci) in a temporary copy of this folder.
//
//   node build.mjs OUT_DIR
//
// Same inputs (package-lock.json, entry.js, this file) give the same bytes: esbuild's output depends on its own
// version and its inputs only, not on Node's version nor on the folder it runs in (paths in it are relative).

import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import * as esbuild from 'esbuild';

const require = createRequire(import.meta.url);
const here = path.dirname(new URL(import.meta.url).pathname);

// Trace types in the bundle: what entry.js registers, and `scatter`, which plotly.js's core always carries.
const TRACES = ['scatter', 'bar', 'heatmap', 'scattergeo', 'choropleth'];
const OUT_NAME = 'plotly-atlas.min.js';
const PROVENANCE_NAME = 'plotly-atlas.provenance.json';

const outDir = path.resolve(process.argv[2] || path.join(here, 'out'));
const plotlyPkg = require('plotly.js/package.json');
const plotlyDir = path.dirname(require.resolve('plotly.js/package.json'));

// ---------------------------------------------------------------------------------------------------------------
// Attribute descriptions: plotly.js keeps a documentation string on every attribute, used only by its schema docs.
// plotly.js's own dist bundles drop them; so does this build, with a conservative rule of its own: a line
// `description: <value>,` inside plotly.js/src, where <value> is made only of string literals, brackets, `+`
// and `.join(...)` of strings. Anything else stays.

function skipString(src, i) {
    const quote = src[i];
    for (i += 1; i < src.length; i += 1) {
        if (src[i] === '\\') i += 1;
        else if (src[i] === quote) return i + 1;
        else if (src[i] === '\n' && quote !== '`') return -1;
    }
    return -1;
}

// End of the value starting at i: the index just past a depth-0 comma, or of the bracket that closes the object.
function valueEnd(src, i) {
    let depth = 0;
    while (i < src.length) {
        const c = src[i];
        if (c === '\'' || c === '"' || c === '`') {
            i = skipString(src, i);
            if (i < 0) return -1;
            continue;
        }
        if (c === '/' && src[i + 1] === '/') {
            const nl = src.indexOf('\n', i);
            i = nl < 0 ? src.length : nl;
            continue;
        }
        if (c === '/' && src[i + 1] === '*') {
            const close = src.indexOf('*/', i + 2);
            if (close < 0) return -1;
            i = close + 2;
            continue;
        }
        if (c === '(' || c === '[' || c === '{') depth += 1;
        else if (c === ')' || c === ']' || c === '}') {
            if (depth === 0) return i;
            depth -= 1;
        } else if (c === ',' && depth === 0) return i + 1;
        i += 1;
    }
    return -1;
}

function onlyStrings(value) {
    let rest = '';
    for (let i = 0; i < value.length;) {
        const c = value[i];
        if (c === '\'' || c === '"' || c === '`') {
            const end = skipString(value, i);
            if (end < 0 || (c === '`' && value.slice(i, end).includes('${'))) return false;
            rest += 'S';
            i = end;
        } else if (c === '/' && value[i + 1] === '/') {
            const nl = value.indexOf('\n', i);
            i = nl < 0 ? value.length : nl;
        } else if (c === '/' && value[i + 1] === '*') {
            i = value.indexOf('*/', i + 2) + 2;
        } else {
            rest += c;
            i += 1;
        }
    }
    return /^(?:[S[\](),+]|\.join)*$/.test(rest.replace(/\s+/g, ''));
}

export function stripDescriptions(src) {
    const key = /^[ \t]*description:/gm;
    let out = '';
    let last = 0;
    let removed = 0;
    let match;
    while ((match = key.exec(src)) !== null) {
        const start = match.index;
        const valueStart = start + match[0].length;
        const end = valueEnd(src, valueStart);
        if (end < 0) continue;
        const value = src.slice(valueStart, src[end - 1] === ',' ? end - 1 : end);
        if (!onlyStrings(value)) continue;
        out += src.slice(last, start);
        last = end;
        removed += 1;
        key.lastIndex = end;
    }
    return { code: out + src.slice(last), removed };
}

const stats = { files: 0, descriptions: 0 };
const stripPlugin = {
    name: 'strip-attribute-descriptions',
    setup(build) {
        const srcDir = path.join(plotlyDir, 'src') + path.sep;
        build.onLoad({ filter: /\.js$/ }, (args) => {
            if (!args.path.startsWith(srcDir)) return undefined;
            const { code, removed } = stripDescriptions(readFileSync(args.path, 'utf8'));
            stats.files += removed ? 1 : 0;
            stats.descriptions += removed;
            return { contents: code, loader: 'js', resolveDir: path.dirname(args.path) };
        });
    }
};

// ---------------------------------------------------------------------------------------------------------------
// The licence header of plotly.js's own dist bundle, then a wrapper that exposes the bundle as plotly.min.js does:
// `module.exports` under CommonJS, else the global `Plotly` (window.Plotly, which Dash's dcc.Graph looks for).

const distHeader = readFileSync(path.join(plotlyDir, 'dist', 'plotly.min.js'), 'utf8').match(/^\/\*\*[\s\S]*?\*\//)[0];
const header = distHeader.replace('plotly.js', `plotly.js (atlas partial bundle: ${TRACES.join(', ')} - minified)`);
const banner = [
    header,
    '(function (root, factory) {',
    '  if (typeof module === "object" && module.exports) {',
    '    module.exports = factory();',
    '  } else {',
    '    root.Plotly = factory();',
    '  }',
    '}(typeof self !== "undefined" ? self : this, function () {',
].join('\n');
const footer = ['window.Plotly = Plotly;', 'return Plotly;', '}));'].join('\n');

const result = await esbuild.build({
    absWorkingDir: here,
    entryPoints: ['entry.js'],
    bundle: true,
    minify: true,
    format: 'iife',
    globalName: 'Plotly',
    target: 'es2016',
    platform: 'browser',
    charset: 'ascii',
    legalComments: 'eof',
    // As plotly.js's own build: `global` is the window, and no AMD define().
    define: { global: 'window', 'define.amd': 'false' },
    // maplibre-gl's stylesheet is required only for the `map` subplot, which this bundle leaves out.
    loader: { '.css': 'empty' },
    plugins: [stripPlugin],
    banner: { js: banner },
    footer: { js: footer },
    write: false,
    metafile: true,
    logLevel: 'warning',
    outfile: path.join(outDir, OUT_NAME),
});

const bytes = Buffer.from(result.outputFiles.find((f) => f.path.endsWith('.js')).contents);
mkdirSync(outDir, { recursive: true });
writeFileSync(path.join(outDir, OUT_NAME), bytes);

const sha256 = (buf) => createHash('sha256').update(buf).digest('hex');
const gzipped = (buf) => gzipSync(buf, { level: 9 }).length;
const full = readFileSync(path.join(plotlyDir, 'dist', 'plotly.min.js'));
const lock = readFileSync(path.join(here, 'package-lock.json'));

const provenance = {
    file: OUT_NAME,
    sha256: sha256(bytes),
    bytes: bytes.length,
    gzip_bytes: gzipped(bytes),
    gzip: 'zlib level 9',
    traces: TRACES,
    plotly_js: { package: 'plotly.js', version: plotlyPkg.version, entry: 'scripts/plotly-bundle/entry.js' },
    builder: {
        name: 'esbuild',
        version: esbuild.version,
        script: 'scripts/build_plotly_bundle.sh (scripts/plotly-bundle/build.mjs)',
        options: 'bundle, minify, iife, target es2016, global=window, no .css, attribute descriptions dropped',
        descriptions_dropped: stats.descriptions,
    },
    node: process.version,
    package_lock_sha256: sha256(lock),
    full_bundle: {
        file: 'plotly.js/dist/plotly.min.js',
        sha256: sha256(full),
        bytes: full.length,
        gzip_bytes: gzipped(full),
    },
};
writeFileSync(path.join(outDir, PROVENANCE_NAME), JSON.stringify(provenance, null, 2) + '\n');
console.log(`${OUT_NAME}: ${bytes.length} bytes, ${provenance.gzip_bytes} gzipped (full plotly.min.js: ` +
            `${full.length}, ${provenance.full_bundle.gzip_bytes} gzipped); sha256 ${provenance.sha256}`);
