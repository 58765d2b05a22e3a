/**
 * Every answer carries the hardening headers (issue 8, Web hardening): a CSP that allows no
 * inline script and no framing, nosniff, no referrer, COOP; the API is never cached; a stored
 * file keeps its own sandbox policy; HSTS only over HTTPS. The explorer and the app pages run
 * no inline script, so the policy costs them nothing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../src/platform/http/security-headers.js';
import { describeEachEngine } from '../support/engines.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

describeEachEngine('security headers', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(engine, { trustProxy: true });
  });
  afterAll(() => t.close());

  function policyOf(header: unknown): Map<string, string> {
    return new Map(
      String(header)
        .split(';')
        .map((part) => part.trim().split(/\s+/))
        .map(([name, ...values]) => [name!, values.join(' ')]),
    );
  }

  it('sends the fixed headers on API answers, errors included, and forbids caching them', async () => {
    for (const [url, status] of [
      ['/api/v1/session', 200],
      ['/api/v1/units', 401],
      ['/api/v1/nothing-here', 404],
    ] as const) {
      const res = await t.client().get(url);
      expect(res.statusCode, url).toBe(status);
      expect(res.headers['cache-control'], url).toBe('no-store');
      expect(res.headers['x-content-type-options'], url).toBe('nosniff');
      expect(res.headers['referrer-policy'], url).toBe('no-referrer');
      expect(res.headers['cross-origin-opener-policy'], url).toBe('same-origin');
      expect(res.headers['x-frame-options'], url).toBe('DENY');
      expect(res.headers['strict-transport-security'], url).toBeUndefined();
    }
  });

  it('allows only the app’s own scripts and no framing', async () => {
    const policy = policyOf(CONTENT_SECURITY_POLICY);
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('frame-ancestors')).toBe("'none'");
    expect(policy.get('object-src')).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:/);

    for (const url of ['/healthz', '/api/docs/', '/api/v1/session']) {
      const res = await t.client().get(url);
      expect(res.headers['content-security-policy'], url).toBe(CONTENT_SECURITY_POLICY);
    }
  });

  it('serves the API explorer without inline scripts, so the policy does not break it', async () => {
    const page = await t.client().get('/api/docs/');
    expect(page.statusCode).toBe(200);
    const scripts = page.body.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toMatch(/\ssrc=/);
  });

  it('sends HSTS only when the request came over HTTPS', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/healthz',
      headers: { 'x-forwarded-proto': 'https' },
    });
    expect(res.headers['strict-transport-security']).toBe('max-age=31536000; includeSubDomains');
  });
});
