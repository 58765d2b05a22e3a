/**
 * Every route that takes a body describes it, and refuses what it does not describe (issue 8,
 * Web hardening): in the OpenAPI document every JSON object a route accepts, at any depth,
 * says `additionalProperties: false`, so an unknown field is an error, never silently kept.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachEngine } from '../support/engines.js';
import { startTestApp, type TestApp } from '../support/test-app.js';

type Schema = Record<string, unknown>;

/** Paths inside `schema` to object schemas that allow properties they do not name. */
function openObjects(schema: unknown, at: string): string[] {
  if (!schema || typeof schema !== 'object') return [];
  const node = schema as Schema;
  const here =
    node.type === 'object' && node.properties && node.additionalProperties !== false ? [at] : [];
  const children = Object.entries(node).flatMap(([key, value]) =>
    Array.isArray(value)
      ? value.flatMap((item, i) => openObjects(item, `${at}.${key}[${i}]`))
      : openObjects(value, `${at}.${key}`),
  );

  return [...here, ...children];
}

describeEachEngine('route schemas', (engine) => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp(engine);
  });
  afterAll(() => t.close());

  it('close every JSON body to fields they do not name', async () => {
    const doc = await t.client().get('/api/docs/json').expect(200);
    const open: string[] = [];
    let bodies = 0;
    for (const [path, operations] of Object.entries(doc.paths as Record<string, Schema>)) {
      for (const [method, operation] of Object.entries(operations)) {
        const content = (operation as { requestBody?: { content?: Schema } }).requestBody?.content;
        const json = (content?.['application/json'] as { schema?: unknown } | undefined)?.schema;
        if (!json) continue;
        bodies += 1;
        open.push(...openObjects(json, `${method.toUpperCase()} ${path}`));
      }
    }

    expect(bodies).toBeGreaterThan(30);
    expect(open).toEqual([]);
  });
});
