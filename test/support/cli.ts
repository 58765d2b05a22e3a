/**
 * Runs the real `liuhen` command in a child process, as an operator would.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import path from 'node:path';

const bin = path.resolve(import.meta.dirname, '../../bin/liuhen.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], env: Record<string, string>): CliResult {
  const result = spawnSync(process.execPath, [bin, ...args], {
    env: { ...process.env, LIUHEN_SCRYPT_COST: '1024', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });

  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

export interface RunningServer {
  child: ChildProcess;
  url: string;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/** Starts `liuhen serve` on a free port and waits for its start-up line. */
export function startServer(
  env: Record<string, string>,
  args: string[] = ['--no-build'],
): Promise<RunningServer> {
  const child = spawn(process.execPath, [bin, 'serve', ...args], {
    env: { ...process.env, LIUHEN_SCRYPT_COST: '1024', PORT: '0', ...env },
  });
  let output = '';

  return new Promise((resolve, reject) => {
    // A server that never says it is listening is killed, not left running after the test.
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`server did not start:\n${output}`));
    }, 60_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /"url":"(http:\/\/[^"]+)"/.exec(output);
      if (!match) return;

      clearTimeout(timer);
      resolve({
        child,
        url: match[1]!,
        output: () => output,
        stop: (signal = 'SIGTERM') =>
          new Promise((done) => {
            child.once('exit', (code) => done(code));
            child.kill(signal);
          }),
      });
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`server exited with ${code}:\n${output}`)));
  });
}
