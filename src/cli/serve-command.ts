/** `liuhen serve`: open (and on first run initialise) the instance, then listen. */
import fs from 'node:fs';
import tls from 'node:tls';
import { parseArgs } from 'node:util';
import { checkpointChangedLogs } from '../ledger/checkpoints.js';
import type { Config } from '../platform/config.js';
import { buildServer } from '../platform/http/server.js';
import { openInstance } from '../platform/instance.js';
import { sendReferralReminders } from '../referrals/referral-reminders.js';
import { sendReminders } from '../reports/reminders.js';
import { printAdministrators } from './admin-commands.js';
import { ensureWebBuilt } from './web-build.js';

export async function serveCommand(config: Config, args: string[]): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      'no-build': { type: 'boolean' },
      'tls-cert': { type: 'string' },
      'tls-key': { type: 'string' },
    },
  });
  const port = values.port ? Number(values.port) : config.port;
  const certificate = readTls(values['tls-cert'], values['tls-key']);
  if (typeof certificate === 'string') {
    console.error(certificate);
    return 2;
  }
  if (!values['no-build']) ensureWebBuilt(config.webDist);

  const instance = await openInstance(config);
  printAdministrators(instance.administrators);
  // Uploads cut off by a crash leave temp files; nothing else removes them.
  await instance.ctx.evidence.sweepTemp();

  const app = await buildServer(instance.ctx, {
    logger: { level: config.logLevel },
    ...(certificate ? { tls: certificate } : {}),
  });
  const address = await app.listen({ host: config.host, port });
  const url = address.replace('[::1]', 'localhost');
  app.log.info(
    {
      url,
      engine: instance.database.engine,
      database: instance.database.location,
      dataDir: config.dataDir,
      migrations: instance.migrations.length,
    },
    `留痕 Liuhen listening on ${url}`,
  );

  // At least one checkpoint a day for every log that changed (issue: tamper-evident log).
  const checkpointChanged = async () => {
    try {
      const made = await checkpointChangedLogs(instance.ctx);
      if (made.length > 0) app.log.info({ logs: made.length }, 'checkpoints made');
      const reminded =
        (await sendReminders(instance.ctx)) + (await sendReferralReminders(instance.ctx));
      if (reminded > 0) app.log.info({ notices: reminded }, 'reminders sent');
    } catch (error) {
      app.log.error({ err: error }, 'checkpointing failed');
    }
  };
  await checkpointChanged();
  const timer = setInterval(checkpointChanged, 3_600_000);
  timer.unref();

  const stop = async (signal: string) => {
    clearInterval(timer);
    app.log.info({ signal }, 'shutting down');
    await app.close();
    await instance.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));

  return new Promise<number>(() => {});
}

/** The certificate and key named on the command line, read as PEM; a message when unusable. */
export function readTls(
  certFile: string | undefined,
  keyFile: string | undefined,
): { cert: Buffer; key: Buffer } | undefined | string {
  if (certFile === undefined && keyFile === undefined) return undefined;
  if (certFile === undefined || keyFile === undefined)
    return '--tls-cert 与 --tls-key 须同时给出：证书链文件和私钥文件（PEM 格式）';
  try {
    const cert = fs.readFileSync(certFile);
    const key = fs.readFileSync(keyFile);
    // Fails here, with a message, rather than at the first connection.
    tls.createSecureContext({ cert, key });
    return { cert, key };
  } catch (error) {
    return `无法使用 TLS 证书或私钥：${(error as Error).message}`;
  }
}
