/**
 * The headers every answer carries (GB/T 22239 level 3, OWASP ASVS V3/V14): a content security
 * policy that runs only the app's own scripts, no framing, no MIME sniffing, no referrer, a
 * browsing context of its own, and for the API `Cache-Control: no-store`, so that a shared
 * office computer keeps no record contents in its cache. HSTS is sent only over HTTPS.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';

/**
 * antd writes its styles into <style> elements at run time (CSS-in-JS), so styles need
 * 'unsafe-inline'; scripts never do: the Vite build emits only external modules.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

const FIXED_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

export function securityHeaders(app: FastifyInstance): void {
  app.addHook('onSend', async (request: FastifyRequest, reply: FastifyReply, payload) => {
    for (const [name, value] of Object.entries(FIXED_HEADERS)) reply.header(name, value);
    // A route that serves a stored file sets a stricter policy (sandbox) of its own.
    if (!reply.hasHeader('content-security-policy'))
      reply.header('content-security-policy', CONTENT_SECURITY_POLICY);
    if (request.url.startsWith('/api/')) {
      reply.header('cache-control', 'no-store');
      reply.header('pragma', 'no-cache');
    }
    if (request.protocol === 'https')
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');

    return payload;
  });
}
