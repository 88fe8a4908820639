// Writes a gzip sibling ("x.js.gz") next to every compressible file of the build, so that
// `hoptac serve` can send it to clients that accept gzip. No dependency beyond node:zlib.
import { readdirSync, readFileSync, statSync, writeFileSync, unlinkSync } from 'node:fs';
import { join, extname } from 'node:path';
import { gzipSync, constants } from 'node:zlib';

const root = process.argv[2] || 'dist';
const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.svg', '.txt', '.xml', '.webmanifest', '.map']);
let files = 0, before = 0, after = 0;

function list(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) out.push(...list(path));
    else out.push(path);
  }
  return out;
}

function walk(dir) {
  const all = list(dir);
  for (const path of all) if (path.endsWith('.gz')) unlinkSync(path);  // stale from an earlier build
  for (const path of all) {
    if (path.endsWith('.gz')) continue;
    const name = path;
    const st = statSync(path);
    if (!COMPRESSIBLE.has(extname(name)) || st.size < 256) continue;
    const data = readFileSync(path);
    const gz = gzipSync(data, { level: constants.Z_BEST_COMPRESSION });
    if (gz.length >= data.length) continue;
    writeFileSync(path + '.gz', gz);
    files++; before += data.length; after += gz.length;
  }
}
walk(root);
console.log(`gzip: ${files} files, ${(before / 1024).toFixed(1)} KiB -> ${(after / 1024).toFixed(1)} KiB`);
