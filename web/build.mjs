// Bundles the UI into dist/: content-hashed JavaScript and CSS under dist/assets/ (served with
// long-lived caching) and an index.html that refers to them by relative paths, so the same files
// work under any route prefix or external URL path. src/Argus.Web embeds dist/ into the assembly.
import * as esbuild from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

const outdir = 'dist';
await rm(outdir, { recursive: true, force: true });
await mkdir(path.join(outdir, 'assets'), { recursive: true });

const result = await esbuild.build({
  entryPoints: ['src/main.ts'],
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2020',
  outdir: path.join(outdir, 'assets'),
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
});

const entry = Object.entries(result.metafile.outputs).find(([, output]) => output.entryPoint === 'src/main.ts');
if (!entry) {
  throw new Error('build.mjs: esbuild produced no output for src/main.ts');
}
const relative = (file) => path.relative(outdir, file).split(path.sep).join('/');
const script = relative(entry[0]);
const stylesheet = entry[1].cssBundle ? relative(entry[1].cssBundle) : null;

// An inline SVG icon keeps the browser from asking the server for /favicon.ico.
const icon = "data:image/svg+xml,%3Csvg xmlns='http://www.w3.org/2000/svg' viewBox='0 0 16 16'%3E%3Ccircle cx='8' cy='8' r='7' fill='%23e6522c'/%3E%3C/svg%3E";
const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>Argus</title>
<link rel="icon" href="${icon}">
${stylesheet ? `<link rel="stylesheet" href="${stylesheet}">\n` : ''}<script type="module" src="${script}"></script>
</head>
<body>
<noscript>The Argus web UI needs JavaScript. The HTTP API is at api/v1/.</noscript>
</body>
</html>
`;
await writeFile(path.join(outdir, 'index.html'), html);
console.log(`build.mjs: wrote ${outdir}/index.html, ${script}${stylesheet ? ', ' + stylesheet : ''}`);
