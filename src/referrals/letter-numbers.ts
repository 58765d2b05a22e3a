/**
 * Letter numbers (文号) of referral letters: an issuer's abbreviation, the year in 〔〕 and a
 * serial restarting each year (GB/T 9704-2012 §7.2.4), e.g. 汴统移〔2020〕1号. The next number
 * is suggested from the bureau's own numbers, so the abbreviation it chose once is kept.
 */
import type { Context } from '../platform/context.js';
import { placeName } from './cadre-authority.js';

const NUMBER = /^(.+)〔(\d{4})〕(\d+)号$/;

export function parseLetterNumber(
  text: string,
): { prefix: string; year: number; serial: number } | null {
  const match = NUMBER.exec(text);
  if (!match) return null;

  return { prefix: match[1]!, year: Number(match[2]), serial: Number(match[3]) };
}

export function formatLetterNumber(prefix: string, year: number, serial: number): string {
  return `${prefix}〔${year}〕${serial}号`;
}

/**
 * The bureau's next number for `year`: the prefix of its latest referral (or, for its first,
 * the place it is named after with 统移, which the reviewer will usually change to the local
 * abbreviation such as 汴统移) and one more than the highest serial of that year.
 */
export async function suggestLetterNumber(
  ctx: Pick<Context, 'db'>,
  bureau: string,
  year: number,
): Promise<string> {
  const rows = await ctx.db
    .selectFrom('referrals')
    .select(['number', 'created_at'])
    .where('bureau', '=', bureau)
    .orderBy('created_at', 'desc')
    .execute();
  const parsed = rows.map((r) => parseLetterNumber(r.number)).filter((p) => p !== null);
  const prefix = parsed[0]?.prefix ?? (await defaultPrefix(ctx, bureau));
  const serials = parsed.filter((p) => p.year === year && p.prefix === prefix).map((p) => p.serial);

  return formatLetterNumber(prefix, year, Math.max(0, ...serials) + 1);
}

async function defaultPrefix(ctx: Pick<Context, 'db'>, bureau: string): Promise<string> {
  const unit = await ctx.db
    .selectFrom('units')
    .select('name')
    .where('code', '=', bureau)
    .executeTakeFirst();

  return `${placeName(unit?.name ?? '')}统移`;
}
