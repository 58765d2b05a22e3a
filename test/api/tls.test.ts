/**
 * HTTPS (issue 8, Cryptography): `liuhen serve --tls-cert --tls-key` serves TLS 1.2 and later
 * only; over it the answers carry HSTS and the session cookie takes the `__Host-` prefix and
 * the Secure flag. The certificate is made for the test by Debian's openssl.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readTls } from '../../src/cli/serve-command.js';
import { buildServer } from '../../src/platform/http/server.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describeEachEngine('HTTPS', (engine) => {
  let t: TestApp;
  let server: FastifyInstance;
  let port: number;
  let ca: Buffer;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'liuhen-tls-'));
  const certFile = path.join(dir, 'cert.pem');
  const keyFile = path.join(dir, 'key.pem');

  beforeAll(async () => {
    t = await startTestApp(engine);
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:prime256v1',
        '-nodes',
        '-keyout',
        keyFile,
        '-out',
        certFile,
        '-days',
        '2',
        '-subj',
        '/CN=localhost',
        '-addext',
        'subjectAltName=DNS:localhost,IP:127.0.0.1',
      ],
      { stdio: 'ignore' },
    );
    ca = fs.readFileSync(certFile);
    const certificate = readTls(certFile, keyFile);
    if (typeof certificate !== 'object') throw new Error(`certificate unusable: ${certificate}`);
    server = await buildServer(t.instance.ctx, { tls: certificate });
    await server.listen({ host: '127.0.0.1', port: 0 });
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await server?.close();
    await t.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  function get(url: string): Promise<{ status: number; headers: Record<string, unknown> }> {
    return new Promise((resolve, reject) => {
      https
        .get({ host: '127.0.0.1', port, path: url, ca, servername: 'localhost' }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
        })
        .on('error', reject);
    });
  }

  function handshake(maxVersion: tls.SecureVersion): Promise<string> {
    return new Promise((resolve) => {
      const socket = tls.connect(
        { host: '127.0.0.1', port, ca, servername: 'localhost', minVersion: 'TLSv1', maxVersion },
        () => {
          resolve(socket.getProtocol() ?? 'unknown');
          socket.end();
        },
      );
      socket.on('error', () => resolve('refused'));
    });
  }

  it('speaks TLS 1.2 and 1.3, and refuses 1.0 and 1.1', async () => {
    expect(await handshake('TLSv1.3')).toBe('TLSv1.3');
    expect(await handshake('TLSv1.2')).toBe('TLSv1.2');
    expect(await handshake('TLSv1.1')).toBe('refused');
    expect(await handshake('TLSv1')).toBe('refused');
  });

  it('sends HSTS and a __Host- session cookie that is Secure', async () => {
    const res = await get('/api/v1/session');
    expect(res.status).toBe(200);
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toMatch(/^__Host-liuhen_pre=[^;]+;/);
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('Path=/');
    expect(cookie).not.toContain('Domain=');
  });

  it('explains a missing or unusable certificate before listening', () => {
    expect(readTls(certFile, undefined)).toContain('须同时给出');
    expect(readTls(certFile, certFile)).toContain('无法使用 TLS 证书或私钥');
    expect(readTls(undefined, undefined)).toBeUndefined();
  });
});
