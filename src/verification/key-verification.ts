/**
 * Checks that every signing key in the database is the instance's own: its sealed private half
 * opens under the master key (which never enters the database) and signs what its public half
 * verifies. Someone with only database access could otherwise insert a key of their own,
 * re-sign rewritten checkpoints with it and pass every other check.
 */
import { type SignatureAlgorithm, signMessage, verifyMessage } from '../ledger/signer.js';
import { SEAL_CONTEXT } from '../ledger/signing-keys.js';
import type { Context } from '../platform/context.js';
import { open } from '../platform/crypto/sealed-box.js';
import type { Problem } from './log-verification.js';

const PROBE = Buffer.from('liuhen verify: this key belongs to this instance');

export async function verifyKeys(ctx: Context): Promise<Problem[]> {
  const rows = await ctx.db.selectFrom('signing_keys').selectAll().execute();
  const problems: Problem[] = [];

  for (const row of rows) {
    const key = { alg: row.alg as SignatureAlgorithm, name: row.name, publicKey: row.public_key };
    try {
      const privateKey = open(
        Buffer.from(row.sealed_private_key, 'base64'),
        ctx.masterKey,
        SEAL_CONTEXT,
      );
      const signature = signMessage({ ...key, privateKey: privateKey.toString('base64') }, PROBE);
      if (verifyMessage(key, PROBE, signature)) continue;

      problems.push({
        kind: 'key-mismatch',
        message: `signing key ${row.id}: its private half does not match its public key`,
      });
    } catch {
      problems.push({
        kind: 'key-foreign',
        message: `signing key ${row.id}: not sealed under this instance's master key (a key from elsewhere)`,
      });
    }
  }

  return problems;
}
