/**
 * The instance's checkpoint signing keys: SM2 (GB/T 32918, the default) or Ed25519, chosen at
 * `liuhen init`. The private half is stored sealed under the master key (SM4-CTR with
 * HMAC-SM3); rotation retires the old key but keeps it, so old checkpoints still verify.
 */
import { randomBytes } from 'node:crypto';
import { type Change, type Context, write } from '../platform/context.js';
import { open, seal } from '../platform/crypto/sealed-box.js';
import { toHex } from './hash-algorithm.js';
import {
  generateSigningKey,
  keyIdOf,
  type SignatureAlgorithm,
  type SigningKey,
  type VerifierKey,
  verifierKeyOf,
} from './signer.js';

export interface PublicKeyInfo extends VerifierKey {
  /** The signed-note key id (4 bytes) as hex: how checkpoints name their signer. */
  id: string;
  createdAt: string;
  retiredAt: string | null;
}

export const SEAL_CONTEXT = 'liuhen signing key';

/** The instance's name in log origins and key names, created once. */
export async function instanceName(ctx: Context): Promise<string> {
  const row = await ctx.db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'instanceId')
    .executeTakeFirst();
  if (row) return `liuhen.${JSON.parse(row.value) as string}`;

  const id = randomBytes(4).toString('hex');
  await ctx.db
    .insertInto('settings')
    .values({
      key: 'instanceId',
      value: JSON.stringify(id),
      updated_at: ctx.clock.now().toISOString(),
    })
    .onConflict((c) => c.doNothing())
    .execute();

  return instanceName(ctx);
}

/** Creates the first signing key when there is none; returns the active key's public half. */
export async function ensureSigningKey(
  ctx: Context,
  alg: SignatureAlgorithm = 'sm2',
): Promise<PublicKeyInfo> {
  const active = await activeRow(ctx);
  if (active) return toPublic(active);

  const key = generateSigningKey(alg, await instanceName(ctx));
  return write(ctx, (change) => storeKey(ctx, change, key, []));
}

/** Retires the active key and creates a new one; old keys stay for verification. */
export async function rotateSigningKey(
  ctx: Context,
  alg: SignatureAlgorithm,
): Promise<PublicKeyInfo> {
  const key = generateSigningKey(alg, await instanceName(ctx));

  return write(ctx, async (change) => {
    const retiring = await change.trx
      .selectFrom('signing_keys')
      .select('id')
      .where('retired_at', 'is', null)
      .execute();
    await change.trx
      .updateTable('signing_keys')
      .set({ retired_at: change.now.toISOString() })
      .where('retired_at', 'is', null)
      .execute();

    return storeKey(
      ctx,
      change,
      key,
      retiring.map((r) => r.id),
    );
  });
}

/**
 * Stores a new key, sealed, and logs its public half, so the log itself tells which keys were
 * trusted when. Precondition: inside `change`; the key was generated before the transaction
 * (on SQLite a query outside the open transaction would wait for it for ever).
 */
async function storeKey(
  ctx: Context,
  change: Change,
  key: SigningKey,
  retired: string[],
): Promise<PublicKeyInfo> {
  const sealed = seal(Buffer.from(key.privateKey, 'base64'), ctx.masterKey, SEAL_CONTEXT);
  const row = {
    id: toHex(keyIdOf(key)),
    alg: key.alg,
    name: key.name,
    public_key: key.publicKey,
    sealed_private_key: sealed.toString('base64'),
    created_at: change.now.toISOString(),
    retired_at: null,
  };
  await change.trx.insertInto('signing_keys').values(row).execute();
  const info = toPublic(row);
  await change.event({ type: 'keys.created', actor: null, data: { key: info, retired } });

  return info;
}

/** The active key with its private half unsealed; only the checkpoint writer calls this. */
export async function activeSigningKey(ctx: Context): Promise<{ id: string; key: SigningKey }> {
  let row = await activeRow(ctx);
  if (!row) {
    await ensureSigningKey(ctx);
    row = (await activeRow(ctx))!;
  }
  const privateKey = open(
    Buffer.from(row.sealed_private_key, 'base64'),
    ctx.masterKey,
    SEAL_CONTEXT,
  );

  return {
    id: row.id,
    key: {
      alg: row.alg as SignatureAlgorithm,
      name: row.name,
      publicKey: row.public_key,
      privateKey: privateKey.toString('base64'),
    },
  };
}

export async function publicKeys(ctx: Pick<Context, 'db'>): Promise<PublicKeyInfo[]> {
  const rows = await ctx.db.selectFrom('signing_keys').selectAll().orderBy('created_at').execute();

  return rows.map(toPublic);
}

async function activeRow(ctx: Context) {
  return ctx.db
    .selectFrom('signing_keys')
    .selectAll()
    .where('retired_at', 'is', null)
    .orderBy('created_at', 'desc')
    .executeTakeFirst();
}

function toPublic(row: {
  id: string;
  alg: string;
  name: string;
  public_key: string;
  created_at: string;
  retired_at: string | null;
}): PublicKeyInfo {
  const verifier = verifierKeyOf({
    alg: row.alg as SignatureAlgorithm,
    name: row.name,
    publicKey: row.public_key,
  });

  return { id: row.id, ...verifier, createdAt: row.created_at, retiredAt: row.retired_at };
}
