/**
 * The index columns of a log entry held against its hashed text. `type`, `actor` and `at` lie
 * outside the leaf hash, so verification checks each against what the canonical JSON says.
 */

/**
 * The `type`, `actor` and `at` columns index the entries (the audit trail searches by them,
 * the replay selects by type) but lie outside the hash, so each must equal what the hashed
 * text says. The canonical form fixes where they stand: keys are sorted, so the text opens
 * with actor then at, and closes with type then unit. Checked on the text, without parsing
 * every entry of a long log.
 */
export function columnProblem(row: {
  entry: string;
  type: string;
  actor: string | null;
  at: string;
}): string | null {
  const { entry } = row;
  // The opening is {"actor":<actor>,"at":<at>, held piece by piece, without building it.
  let at = literalAt(entry, 0, '{"actor":');
  at =
    row.actor === null
      ? literalAt(entry, at, 'null')
      : literalAt(entry, jsonStringAt(entry, literalAt(entry, at, '{"username":'), row.actor), '}');
  at = literalAt(entry, jsonStringAt(entry, literalAt(entry, at, ',"at":'), row.at), ',');
  if (at < 0) return 'its actor or time column differs from its text';

  // Inside a JSON string every quote is escaped, so the last `,"type":` of the text is the
  // only place the closing can start: matching there alone reads the tail, not the whole text.
  const closing = entry.lastIndexOf(',"type":');
  const unit = literalAt(
    entry,
    jsonStringAt(entry, closing + ',"type":'.length, row.type),
    ',"unit":',
  );
  UNIT_TO_END.lastIndex = unit;
  if (closing < 0 || unit < 0 || !UNIT_TO_END.test(entry)) {
    return 'its type column differs from its text';
  }

  return null;
}

/** Where `literal` ends if `text` holds it at `at`, or -1; -1 in gives -1 out. */
function literalAt(text: string, at: number, literal: string): number {
  return at >= 0 && text.startsWith(literal, at) ? at + literal.length : -1;
}

/**
 * Where the JSON string of `value` (as JSON.stringify writes it, the RFC 8785 form) ends if
 * `text` holds it at `at`, or -1. A value with nothing to escape is compared in place: this
 * runs three times per entry, and building each JSON string cost more than comparing it.
 */
function jsonStringAt(text: string, at: number, value: string): number {
  if (at < 0) return -1;
  if (NEEDS_ESCAPE.test(value)) return literalAt(text, at, JSON.stringify(value));

  const end = at + 1 + value.length;

  return text[at] === '"' && text.startsWith(value, at + 1) && text[end] === '"' ? end + 1 : -1;
}

// What JSON.stringify escapes: the quote, the backslash, controls, and lone surrogates (any
// surrogate here, to stay on the safe side).
// biome-ignore lint/suspicious/noControlCharactersInRegex: the controls are what JSON escapes.
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
const UNIT_TO_END = /(?:null|"(?:[^"\\]|\\.)*")\}$/y;
