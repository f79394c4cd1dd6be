// Bundles the widget and socket.io-client into one file: dist/dortmund-chat.js.
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { existsSync, readFileSync } from 'node:fs';

const outfile = new URL('./dist/dortmund-chat.js', import.meta.url).pathname;
const languages = new URL('./src/languages.generated.js', import.meta.url).pathname;

if (!existsSync(languages)) {
  throw new Error(`${languages} is missing: scripts/setup_widget.sh writes it from knowledge/languages/`);
}

/** A whole number from the environment; the build stops when it is missing. */
function required(name) {
  const value = process.env[name];
  if (!/^\d+$/.test(value || '')) throw new Error(`${name} must be set to a number (scripts/setup_widget.sh does)`);
  return value;
}

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
  // Limits defined once in Python (bot.retention, bot.nlu.input_check), passed in by scripts/setup_widget.sh.
  define: {
    __RETENTION_DAYS__: required('RETENTION_DAYS'),
    __MAX_MESSAGE_CHARS__: required('MAX_MESSAGE_CHARS'),
  },
});

const code = readFileSync(outfile);
console.log(`built ${outfile}: ${code.length} bytes, ${gzipSync(code).length} bytes gzipped`);
