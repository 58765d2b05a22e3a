/**
 * `liuhen verify`, `liuhen receipt verify` and `liuhen keys …`: the commands that prove the
 * logs intact. `receipt verify` needs no database: a recorder can run it on their own copy.
 */
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { verifyReceipt } from '../ledger/receipt.js';
import { describeKeyProblem, type VerifierKey } from '../ledger/signer.js';
import { publicKeys, rotateSigningKey } from '../ledger/signing-keys.js';
import type { Config } from '../platform/config.js';
import { openInstance } from '../platform/instance.js';
import { formatReport, verifyInstance } from '../verification/verify.js';

/** Exit codes: 0 all holds, 1 something was tampered with, 2 could not run. */
export async function verifyCommand(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { unit: { type: 'string' }, json: { type: 'boolean' }, key: { type: 'string' } },
  });
  let pinned: VerifierKey[] | undefined;
  try {
    pinned = values.key ? readKeys(values.key) : undefined;
  } catch (error) {
    console.error(`无法读取公钥 cannot read the key file: ${(error as Error).message}`);
    return 2;
  }

  let instance: Awaited<ReturnType<typeof openInstance>>;
  try {
    instance = await openInstance(config);
  } catch (error) {
    console.error(`无法打开数据库 cannot open the database: ${(error as Error).message}`);
    return 2;
  }

  try {
    const options = {
      ...(values.unit ? { unit: values.unit } : {}),
      ...(pinned ? { keys: pinned } : {}),
    };
    const report = await verifyInstance(instance.ctx, options);
    if (values.unit && report.logs.length === 0) {
      console.error(`单位 ${values.unit} 没有日志 no log for this unit`);
      return 2;
    }

    console.log(values.json ? JSON.stringify(report, null, 2) : formatReport(report));
    return report.ok ? 0 : 1;
  } finally {
    await instance.close();
  }
}

export async function receiptCommand(args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { key: { type: 'string' } },
  });
  const [sub, file] = positionals;
  if (sub !== 'verify' || !file) {
    console.error('用法：liuhen receipt verify FILE [--key PUBKEY.json]');
    return 2;
  }

  let receipt: unknown;
  let keys: VerifierKey[] | undefined;
  try {
    receipt = JSON.parse(fs.readFileSync(file, 'utf8'));
    keys = values.key ? readKeys(values.key) : undefined;
  } catch (error) {
    console.error(`无法读取 cannot read: ${(error as Error).message}`);
    return 2;
  }

  const result = verifyReceipt(receipt, keys);
  if (result.ok) {
    console.log(
      `回执有效 receipt verified${keys ? '' : '（仅用回执自带的公钥；请用 --key 指定可信公钥 trusted only the receipt’s own key）'}`,
    );
    return 0;
  }

  console.log('回执无效 receipt does NOT verify:');
  for (const problem of result.problems) console.log(`  ✗ ${problem}`);
  return 1;
}

/** A key file: one key object, a list of them, or the answer of GET /api/v1/keys. */
function readKeys(file: string): VerifierKey[] {
  const parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
  const list = Array.isArray(parsed) ? parsed : ((parsed as { keys?: unknown }).keys ?? [parsed]);
  if (!Array.isArray(list)) throw new Error('the key file holds no keys');

  for (const key of list) {
    const problem = describeKeyProblem(key);
    if (problem) throw new Error(`bad key in ${file}: ${problem}`);
  }

  return list as VerifierKey[];
}

export async function keysCommand(config: Config, args: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args,
    allowPositionals: true,
    options: { alg: { type: 'string' } },
  });
  const instance = await openInstance(config);
  try {
    if (positionals[0] === 'rotate') {
      const alg = values.alg ?? 'sm2';
      if (alg !== 'sm2' && alg !== 'ed25519') {
        console.error('--alg 须为 sm2 或 ed25519');
        return 2;
      }

      const key = await rotateSigningKey(instance.ctx, alg);
      console.log(
        `已启用新签名密钥 new signing key ${key.id} (${key.alg}); 旧密钥保留用于验证 old keys kept`,
      );
      return 0;
    }

    console.log(JSON.stringify({ keys: await publicKeys(instance.ctx) }, null, 2));
    return 0;
  } finally {
    await instance.close();
  }
}
