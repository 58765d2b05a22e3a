/**
 * The registry of interfering persons. The summary counts distinct persons (人数), so the same
 * deputy county head recorded three times in a quarter counts once: records of one recording
 * unit that name the same person share an interferer id.
 */
import { randomUUID } from 'node:crypto';
import type { Change } from '../platform/context.js';
import type { RecordInput } from './record-schema.js';

/**
 * A name as people write it: full-width letters and digits folded, spaces and the middle dot
 * of minority names' transliterations ignored, so 张 三 and 张三 are one person.
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[\s·•・]/gu, '')
    .toLowerCase();
}

/**
 * Finds the unit's interferer with this name, or registers one; the post and level are kept
 * up to date with the latest record.
 * Limitation: two different people of the same name in one recording unit are one person
 * to the summary (rare within one county; the record itself keeps each one's post).
 */
export async function interfererIdFor(
  change: Change,
  unit: string,
  person: RecordInput['interferer'],
): Promise<string> {
  const key = nameKey(person.name);
  const found = await change.trx
    .selectFrom('interferers')
    .select('id')
    .where('unit', '=', unit)
    .where('name_key', '=', key)
    .executeTakeFirst();

  if (found) {
    await change.trx
      .updateTable('interferers')
      .set({ post: person.post, level: person.level, name: person.name })
      .where('id', '=', found.id)
      .execute();
    return found.id;
  }

  const id = randomUUID();
  await change.trx
    .insertInto('interferers')
    .values({
      id,
      unit,
      name_key: key,
      name: person.name,
      post: person.post,
      level: person.level,
      created_at: change.now.toISOString(),
    })
    .execute();

  return id;
}
