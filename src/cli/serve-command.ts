/** `liuhen serve`: open (and on first run initialise) the instance, then listen. */
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
    options: { port: { type: 'string' }, 'no-build': { type: 'boolean' } },
  });
  const port = values.port ? Number(values.port) : config.port;
  if (!values['no-build']) ensureWebBuilt(config.webDist);

  const instance = await openInstance(config);
  printAdministrators(instance.administrators);
  // Uploads cut off by a crash leave temp files; nothing else removes them.
  await instance.ctx.evidence.sweepTemp();

  const app = await buildServer(instance.ctx, { logger: { level: config.logLevel } });
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
