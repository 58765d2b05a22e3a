/**
 * The C2SP signed-note format (c2sp.org/signed-note): a text, a blank line, and one line per
 * signature, `— <key name> <base64(key ID || signature)>`. Checkpoints are signed notes.
 *
 * Parsing is strict and total: whatever the input, it returns a parsed note or a typed failure,
 * and never throws. Verification applies the spec's rules on which signatures count.
 */

import {
  decodeBase64,
  describeKeyProblem,
  isKeyName,
  keyIdOf,
  type SigningKey,
  signMessage,
  type VerifierKey,
  verifyMessage,
} from './signer.js';

export interface NoteSignature {
  readonly name: string;
  /** The 4-byte key ID the signer claims. */
  readonly keyId: Buffer;
  readonly signature: Buffer;
}

export interface SignedNote {
  /** The signed text, final newline included, separating blank line excluded. */
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

export type NoteFailureCode =
  | 'not-text'
  | 'too-large'
  | 'invalid-character'
  | 'no-signatures'
  | 'bad-signature-line'
  | 'too-many-signatures';

/** Why a text is not what was expected; `message` is lowercase English with got/want. */
export interface ParseFailure<Code extends string> {
  readonly ok: false;
  readonly code: Code;
  readonly message: string;
}

export type NoteParseResult =
  | { readonly ok: true; readonly note: SignedNote }
  | ParseFailure<NoteFailureCode>;

export interface NoteVerification {
  readonly ok: boolean;
  /** The trusted keys whose signatures verified. */
  readonly verifiedBy: readonly VerifierKey[];
  readonly problems: readonly string[];
}

/** Large enough for 16 post-quantum signatures, which the spec requires accepting. */
export const MAX_NOTE_SIZE = 128 * 1024;

export const MAX_SIGNATURES = 64;

const EM_DASH = '\u2014';

// A JavaScript string with a lone surrogate has no UTF-8 form, so it cannot be a valid note.
const LONE_SURROGATE = /\p{Surrogate}/u;

/**
 * Splits a signed note into its text and signatures, checking every rule of the format.
 *
 * Invariant: never throws; a note that parses has at least one signature, each with a valid
 * key name, a 4-byte key ID and a non-empty signature. No signature is checked here.
 */
export function parseSignedNote(input: unknown): NoteParseResult {
  const unusable = checkCharacters(input);
  if (unusable !== undefined) {
    return unusable;
  }

  const note = input as string;
  // The text is separated from the signatures by the last empty line of the note.
  const separator = note.lastIndexOf('\n\n');
  if (separator < 0 || !note.endsWith('\n') || separator + 2 === note.length) {
    return parseFailure('no-signatures', 'note: got no blank line followed by signature lines');
  }

  const lines = note.slice(separator + 2, -1).split('\n');
  if (lines.length > MAX_SIGNATURES) {
    return parseFailure(
      'too-many-signatures',
      `signatures: got ${lines.length}, want at most ${MAX_SIGNATURES}`,
    );
  }

  return parseSignatureLines(note.slice(0, separator + 1), lines);
}

/**
 * Signs `text` with each of `keys` and returns the signed note.
 *
 * Preconditions: `text` ends with a newline and holds no control character but newlines, and
 * there is at least one key (a RangeError otherwise: a note without signatures is no note).
 */
export function signNote(text: string, keys: readonly SigningKey[]): string {
  const problem = checkCharacters(text);
  if (problem !== undefined || !text.endsWith('\n')) {
    throw new RangeError(`note text: ${problem?.message ?? 'got no final newline, want one'}`);
  }

  if (keys.length === 0) {
    throw new RangeError('signing keys: got none, want at least one');
  }

  const message = Buffer.from(text, 'utf8');
  const lines = keys.map((key) => {
    const signed = Buffer.concat([keyIdOf(key), signMessage(key, message)]);

    return `${EM_DASH} ${key.name} ${signed.toString('base64')}\n`;
  });

  return `${text}\n${lines.join('')}`;
}

/**
 * Checks the signatures of `note` against `trusted`, by the spec's rules: a signature counts
 * only if both its key name and key ID match a trusted key; signatures of unknown keys are
 * ignored; a failing signature from a trusted key rejects the note; and at least one trusted
 * signature must verify. A malformed trusted key is reported, never silently skipped.
 */
export function verifyNote(note: SignedNote, trusted: readonly VerifierKey[]): NoteVerification {
  const problems = trusted.flatMap((key) => describeKeyProblem(key) ?? []);
  const usable = trusted.filter((key) => describeKeyProblem(key) === undefined);
  const message = Buffer.from(note.text, 'utf8');
  const verifiedBy: VerifierKey[] = [];

  for (const line of note.signatures) {
    for (const key of usable.filter((k) => signs(k, line))) {
      if (verifyMessage(key, message, line.signature)) {
        verifiedBy.push(key);
      } else {
        problems.push(
          `signature by ${key.name} (key id ${line.keyId.toString('hex')}) does not verify`,
        );
      }
    }
  }

  if (verifiedBy.length === 0 && problems.length === 0) {
    problems.push(`signatures: got ${describeSigners(note)}, want one by ${describeKeys(usable)}`);
  }

  return { ok: problems.length === 0, verifiedBy, problems };
}

function checkCharacters(input: unknown): ParseFailure<NoteFailureCode> | undefined {
  if (typeof input !== 'string') {
    return parseFailure('not-text', `note: got ${typeof input}, want a string`);
  }

  if (input.length > MAX_NOTE_SIZE) {
    return parseFailure(
      'too-large',
      `note: got ${input.length} characters, want at most ${MAX_NOTE_SIZE}`,
    );
  }

  if (hasForbiddenControl(input) || LONE_SURROGATE.test(input)) {
    return parseFailure('invalid-character', 'note: got a control character or invalid unicode');
  }

  return undefined;
}

// signed-note: notes "MUST NOT contain any ASCII control characters (those below U+0020) other
// than newline"; this also rules out CRLF line endings.
function hasForbiddenControl(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x20 && code !== 0x0a) {
      return true;
    }
  }

  return false;
}

function parseSignatureLines(text: string, lines: readonly string[]): NoteParseResult {
  const signatures: NoteSignature[] = [];
  for (const [i, line] of lines.entries()) {
    const signature = parseSignatureLine(line);
    if (signature === undefined) {
      const got = JSON.stringify(line.slice(0, 80));

      return parseFailure(
        'bad-signature-line',
        `signature line ${i + 1}: got ${got}, want "— <name> <base64>"`,
      );
    }

    signatures.push(signature);
  }

  return { ok: true, note: { text, signatures } };
}

function parseSignatureLine(line: string): NoteSignature | undefined {
  const [dash, name, encoded, ...rest] = line.split(' ');
  const bytes = decodeBase64(encoded);
  if (dash !== EM_DASH || !isKeyName(name) || rest.length > 0 || bytes === undefined) {
    return undefined;
  }

  // Four bytes of key ID and at least one of signature.
  if (bytes.length < 5) {
    return undefined;
  }

  return { name, keyId: bytes.subarray(0, 4), signature: bytes.subarray(4) };
}

function signs(key: VerifierKey, line: NoteSignature): boolean {
  return key.name === line.name && keyIdOf(key).equals(line.keyId);
}

function describeSigners(note: SignedNote): string {
  const names = note.signatures.map((s) => `${s.name} (${s.keyId.toString('hex')})`);

  return `only ${names.join(', ')}`;
}

function describeKeys(keys: readonly VerifierKey[]): string {
  if (keys.length === 0) {
    return 'a trusted key, and no trusted key was given';
  }

  return keys.map((k) => `${k.name} (${keyIdOf(k).toString('hex')})`).join(' or ');
}

/** A {@link ParseFailure} with `code` and `message`. */
export function parseFailure<Code extends string>(code: Code, message: string): ParseFailure<Code> {
  return { ok: false, code, message };
}
