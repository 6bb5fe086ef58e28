#!/usr/bin/env node
// Makes faiss-node loadable. Its own installer downloads a prebuilt binary or clones faiss from GitHub;
// where neither is reachable (offline machines that see only the npm registry) we build faiss-node's own
// published source with node-gyp against the system libfaiss (Debian: libfaiss-dev). No FAISS stand-in.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, renameSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const pkgDir = join(root, 'node_modules', 'faiss-node');
const version = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).optionalDependencies['faiss-node'];
const log = (msg) => process.stderr.write(`[faiss-node] ${msg}\n`);

function works() {
  try {
    const out = execFileSync(process.execPath, ['-e', `
      const { IndexFlatL2 } = require(${JSON.stringify(pkgDir)});
      const { Index } = require(${JSON.stringify(pkgDir)});
      const ix = new IndexFlatL2(2); ix.add([0, 0, 1, 1]);
      const back = Index.fromBuffer(ix.toBuffer());
      const r = back.search([0.9, 0.9], 1);
      const ivf = Index.fromFactory(2, 'IVF2,Flat', 0); // k-means training calls BLAS
      ivf.train(Array.from({ length: 200 }, (_, i) => (i % 7) / 7)); ivf.add([0, 0, 1, 1]);
      process.stdout.write(String(r.labels[0]) + String(ivf.ntotal()));`], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return out.trim() === '12';
  } catch {
    return false;
  }
}

if (process.env.SOUNDLIKE_SKIP_FAISS === '1') {
  log('SOUNDLIKE_SKIP_FAISS=1: not building faiss-node (the sound radio will be unavailable).');
  process.exit(0);
}
if (existsSync(pkgDir) && works()) {
  log('loads and answers a search.');
  process.exit(0);
}

const header = ['/usr/include/faiss/IndexFlat.h', '/usr/local/include/faiss/IndexFlat.h'].find(existsSync);
if (!header) {
  log('faiss-node has no usable binary and the system FAISS library is missing.');
  log('Install it, then run `npm rebuild soundlike` or `node scripts/install-faiss.mjs`:');
  log('  Debian/Ubuntu: sudo apt-get install libfaiss-dev libopenblas0-pthread');
  process.exit(1);
}

if (!existsSync(join(pkgDir, 'src', 'faiss.cc'))) {
  // npm removed the optional package after its installer failed: unpack the published tarball again.
  log(`fetching the faiss-node@${version} tarball from the npm registry`);
  const tmp = mkdtempSync(join(tmpdir(), 'faiss-node-'));
  const tgz = execFileSync('npm', ['pack', `faiss-node@${version}`, '--silent', '--pack-destination', tmp], { encoding: 'utf8', cwd: tmp }).trim().split('\n').pop();
  execFileSync('tar', ['xzf', join(tmp, tgz), '-C', tmp]);
  rmSync(pkgDir, { recursive: true, force: true });
  mkdirSync(dirname(pkgDir), { recursive: true });
  renameSync(join(tmp, 'package'), pkgDir);
  rmSync(tmp, { recursive: true, force: true });
}

// libfaiss 1.7.3 (Debian 12) predates the namespace-level faiss::idx_t that faiss-node's source uses.
const prefix = dirname(dirname(header));
const hasNamespaceIdx = /using\s+idx_t\s*=/.test(readFileSync(join(prefix, 'faiss', 'MetricType.h'), 'utf8'));
const src = join(pkgDir, 'src', 'faiss.cc');
if (!hasNamespaceIdx) {
  const code = readFileSync(src, 'utf8');
  writeFileSync(src, code.replace('using idx_t = faiss::idx_t;', 'using idx_t = faiss::Index::idx_t; // libfaiss < 1.7.4 shim'));
}

// node-addon-api's headers sit at its package root.
const addonInclude = dirname(require.resolve('node-addon-api/package.json'));
writeFileSync(join(pkgDir, 'binding.gyp'), JSON.stringify({
  targets: [{
    target_name: 'faiss-node',
    sources: ['src/faiss.cc'],
    include_dirs: [addonInclude, prefix],
    // Debian ships libfaiss as a static archive: its BLAS/LAPACK (OpenBLAS via alternatives) must be linked here.
    libraries: ['-lfaiss', '-lblas', '-llapack', '-lgomp'],
    cflags_cc: ['-std=c++17', '-fexceptions', '-frtti', '-fopenmp', '-O2'],
    // faiss dynamic_casts indexes (write_index, index_factory): node-gyp's default -fno-rtti would crash it.
    'cflags_cc!': ['-fno-exceptions', '-fno-rtti'],
    defines: ['NAPI_VERSION=8', 'NAPI_CPP_EXCEPTIONS'],
  }],
}, null, 2));

log('building faiss-node from its published source against the system libfaiss (about a minute)');
const gyp = join(root, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
const nodedir = existsSync('/usr/include/node/node_api.h') ? ['--nodedir=/usr'] : [];
execFileSync(process.execPath, [gyp, 'rebuild', ...nodedir], { cwd: pkgDir, stdio: 'inherit' });
if (!works()) {
  log('built, but it does not answer a search. Is libopenblas installed (apt-get install libopenblas0-pthread)?');
  process.exit(1);
}
log('built from source; loads and answers a search.');
