/**
 * `liuhen/ledger` is a package export that plain Node.js can import, with no TypeScript
 * loader: an outside verifier uses it as a library.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { beforeAll, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
// The published vectors live beside the repository, in shared/testdata.
const vectors = JSON.parse(
  fs.readFileSync(path.join(root, '../shared/testdata/hash-vectors.json'), 'utf8'),
) as { rfc6962_sha256: { leaves: string[]; roots: Record<string, string> } };

beforeAll(() => {
  // `npm ci` builds it (the prepare script); build here too when run from a bare checkout.
  if (!fs.existsSync(path.join(root, 'dist/ledger/index.js'))) {
    const tsc = path.join(root, 'node_modules/typescript/bin/tsc');
    spawnSync(process.execPath, [tsc, '-p', 'tsconfig.ledger.json'], {
      cwd: root,
      stdio: 'inherit',
    });
  }
});

it('imports from plain Node.js and reproduces the RFC 6962 root of eight leaves', () => {
  const script = `
    import { rootHash, leafHash, inclusionProof, verifyInclusion } from 'liuhen/ledger';
    const leaves = ${JSON.stringify(vectors.rfc6962_sha256.leaves)}.map((hex) => Buffer.from(hex, 'hex'));
    const root = rootHash(leaves, 'sha256');
    const proof = inclusionProof(leaves, 5, 8, 'sha256');
    const ok = verifyInclusion({ leafHash: leafHash(leaves[5], 'sha256'), index: 5, size: 8, proof, root, alg: 'sha256' });
    console.log(JSON.stringify({ root, ok }));
  `;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', script], {
    cwd: root,
    encoding: 'utf8',
  });

  expect(result.stderr).toBe('');
  expect(JSON.parse(result.stdout)).toEqual({ root: vectors.rfc6962_sha256.roots['8'], ok: true });
});
