/**
 * Durability across a crash: `liuhen serve` is killed with SIGKILL while unit changes stream
 * in over HTTP, then restarted. Every change the server acknowledged must still be there, in
 * the table and as an event in the unit's log; a change in flight may be there or not, but
 * whole; and `liuhen verify` must find the logs intact. Three cycles per engine.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase } from '../../src/platform/db/database.js';
import { type RunningServer, runCli, startServer } from '../support/cli.js';
import { describeEachEngine, type TestDatabase } from '../support/engines.js';

const ONE_TIME = 'Crash-Pass-1';
const PASSWORD = 'Crash-Pass-2';
/** Each stream renames these units, one request at a time per unit, all units at once. */
const UNITS = ['410221', '410222', '410223', '410225'];
const CYCLES = 3;

/** What one unit's stream sent: every name attempted, in order, and how many were answered 2xx. */
interface Stream {
  unit: string;
  attempted: string[];
  acknowledged: number;
  /** Answers that were neither 2xx nor a dropped connection: none are expected. */
  unexpected: string[];
}

describeEachEngine('a crash of liuhen serve', (engine) => {
  let database: TestDatabase;
  let dataDir: string;
  let env: Record<string, string>;
  let server: RunningServer | undefined;

  beforeAll(async () => {
    database = await engine.create();
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'liuhen-crash-'));
    env = { LIUHEN_DB_URL: database.url, LIUHEN_DATA_DIR: dataDir };
    const init = runCli(['init', '--preset', 'kaifeng', '--admin-password', ONE_TIME], env);
    if (init.status !== 0) throw new Error(init.stdout + init.stderr);
  });
  afterAll(async () => {
    const running = server?.child.exitCode === null && server.child.signalCode === null;
    if (running) await server!.stop();
    await database.drop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged change through three SIGKILLs, and the logs verify', async () => {
    server = await startServer(env);

    for (let cycle = 1; cycle <= CYCLES; cycle += 1) {
      const session = await HttpSession.signIn(server.url, cycle === 1);
      const streams = await streamUntilKilled(server, session, cycle, 10 + 8 * cycle);

      server = await startServer(env);
      for (const stream of streams) {
        expect(stream.unexpected, stream.unit).toEqual([]);
        expect(stream.acknowledged, stream.unit).toBeGreaterThan(0);
      }
      await expectDurable(database.url, streams, cycle);

      const verify = runCli(['verify'], env);
      expect(verify.status, verify.stdout + verify.stderr).toBe(0);
    }
  }, 90_000);
});

/**
 * Streams renamings of every unit in parallel, each unit's one at a time, and kills the server
 * with SIGKILL once `killAfter` have been acknowledged in all, while others are in flight.
 */
async function streamUntilKilled(
  server: RunningServer,
  session: HttpSession,
  cycle: number,
  killAfter: number,
): Promise<Stream[]> {
  let acknowledged = 0;
  let killed: Promise<number | null> | undefined;

  const run = async (unit: string): Promise<Stream> => {
    const stream: Stream = { unit, attempted: [], acknowledged: 0, unexpected: [] };
    while (!killed) {
      const name = `${unit}·第${cycle}轮·${stream.attempted.length}`;
      stream.attempted.push(name);
      const res = await session.send('PATCH', `/api/v1/units/${unit}`, { name }).catch(() => null);
      if (!res) break;

      if (res.ok) {
        stream.acknowledged += 1;
        acknowledged += 1;
      } else {
        stream.unexpected.push(`${res.status} ${await res.text()}`);
      }
      if (acknowledged >= killAfter) killed ??= server.stop('SIGKILL');
    }

    return stream;
  };

  const streams = await Promise.all(UNITS.map(run));
  expect(await killed).toBeNull();

  return streams;
}

/**
 * Each unit's log holds, for this cycle, the first k names attempted, in order, where k is
 * the number acknowledged or one more (the request in flight at the kill); the table holds
 * the k-th.
 */
async function expectDurable(url: string, streams: Stream[], cycle: number): Promise<void> {
  const { db, close } = openDatabase(url);
  try {
    for (const { unit, attempted, acknowledged } of streams) {
      const rows = await db
        .selectFrom('log_entries')
        .select('entry')
        .where('log_id', '=', unit)
        .where('type', '=', 'unit.updated')
        .orderBy('idx')
        .execute();
      const logged = rows
        .map((r) => JSON.parse(r.entry).data.after.name as string)
        .filter((name) => name.includes(`·第${cycle}轮·`));
      const row = await db
        .selectFrom('units')
        .select('name')
        .where('code', '=', unit)
        .executeTakeFirstOrThrow();

      expect(logged, unit).toEqual(attempted.slice(0, logged.length));
      expect(logged.length, unit).toBeGreaterThanOrEqual(acknowledged);
      expect(logged.length, unit).toBeLessThanOrEqual(acknowledged + 1);
      expect(row.name, unit).toBe(logged.at(-1));
    }
  } finally {
    await close();
  }
}

/** A browser-like session over fetch: cookies, and the CSRF token on every mutating request. */
class HttpSession {
  private readonly cookies = new Map<string, string>();
  private csrf = '';

  private constructor(private readonly base: string) {}

  /** Signs in as sysadmin; the first time, also makes the forced change of password. */
  static async signIn(base: string, first: boolean): Promise<HttpSession> {
    const session = new HttpSession(base);
    const password = first ? ONE_TIME : PASSWORD;
    session.csrf = await csrfTokenOf(await session.send('GET', '/api/v1/session'));

    const signedIn = await session.send('POST', '/api/v1/session', {
      username: 'sysadmin',
      password,
    });
    expect(signedIn.status).toBe(200);
    session.csrf = await csrfTokenOf(signedIn);
    if (first) {
      const body = { current: ONE_TIME, next: PASSWORD };
      expect((await session.send('POST', '/api/v1/session/password', body)).status).toBe(204);
    }

    return session;
  }

  async send(method: string, url: string, body?: unknown): Promise<Response> {
    const headers: Record<string, string> = {
      cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
    };
    if (method !== 'GET') headers['x-csrf-token'] = this.csrf;
    if (body !== undefined) headers['content-type'] = 'application/json';

    const res = await fetch(`${this.base}${url}`, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, value] = pair!.split('=') as [string, string];
      this.cookies.set(name, value);
    }

    return res;
  }
}

async function csrfTokenOf(res: Response): Promise<string> {
  const body = (await res.json()) as { csrfToken: string };

  return body.csrfToken;
}
