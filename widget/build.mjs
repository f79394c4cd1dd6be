// Bundles the widget and socket.io-client into one file: dist/dortmund-chat.js.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

const outfile = new URL('./dist/dortmund-chat.js', import.meta.url).pathname;

await build({
  entryPoints: [new URL('./src/index.js', import.meta.url).pathname],
  outfile,
  bundle: true,
  minify: true,
  format: 'iife',
  platform: 'browser',
  target: ['es2019'],
  loader: { '.css': 'text' },
  legalComments: 'eof',
  logLevel: 'warning',
});

const code = readFileSync(outfile);
console.log(`built ${outfile}: ${code.length} bytes, ${gzipSync(code).length} bytes gzipped`);
