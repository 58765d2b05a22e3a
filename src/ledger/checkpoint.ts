/**
 * Signed tree heads in the C2SP checkpoint format (c2sp.org/tlog-checkpoint): a signed note
 * whose text is the log's origin, its tree size in decimal and its root hash in base64, one per
 * line, then optional extension lines.
 *
 * Liuhen writes two extension lines: `time <UTC instant to the second>`, when the head was
 * signed, and `hash <sm3|sha256>`, the tree's hash algorithm, since the root alone does not say
 * which function made it. Other extension lines are kept verbatim and otherwise ignored, as the
 * spec makes them opaque.
 *
 * Example:
 *
 *     liuhen.example/410221
 *     8
 *     XcnaeacGWamtVZy3Ad7Zoqudgjqtaa9gz+Nw7/RgQyg=
 *     time 2026-12-03T10:00:00Z
 *     hash sha256
 *
 *     — liuhen.example/410221 AAAAAbase64…
 */

import {
  HASH_SIZE,
  type HashAlgorithm,
  hashFromHex,
  isHashAlgorithm,
  toHex,
} from './hash-algorithm.js';
import {
  type NoteFailureCode,
  type ParseFailure,
  parseFailure,
  parseSignedNote,
  type SignedNote,
  signNote,
  verifyNote,
} from './signed-note.js';
import { decodeBase64, type SigningKey, type VerifierKey } from './signer.js';
import { isTreeSize } from './subtree.js';

export interface Checkpoint {
  /** The log's identity, e.g. `liuhen.example/410221`. */
  readonly origin: string;
  /** The number of leaves in the tree. */
  readonly size: number;
  /** The tree's root hash, lowercase hex. */
  readonly rootHash: string;
  /** When the head was signed; written to the second, in UTC. */
  readonly time?: Date;
  /** The hash algorithm of the tree. */
  readonly alg?: HashAlgorithm;
  /** Any further extension lines, verbatim, each non-empty. */
  readonly extensions?: readonly string[];
}

export type CheckpointFailureCode =
  | NoteFailureCode
  | 'too-few-lines'
  | 'bad-origin'
  | 'bad-size'
  | 'bad-root-hash'
  | 'bad-extension';

export type CheckpointParseResult =
  | { readonly ok: true; readonly checkpoint: Checkpoint; readonly note: SignedNote }
  | ParseFailure<CheckpointFailureCode>;

export interface CheckpointVerification {
  readonly ok: boolean;
  /** The checkpoint, present only when a trusted signature verified it. */
  readonly checkpoint?: Checkpoint;
  /** The trusted keys whose signatures verified. */
  readonly verifiedBy: readonly VerifierKey[];
  /** Why it did not verify, lowercase English; empty when ok. */
  readonly problems: readonly string[];
}

const TREE_SIZE = /^(?:0|[1-9][0-9]*)$/;

const UTC_SECOND = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

// The origin SHOULD be a schema-less URL without Unicode spaces or plus signs; Liuhen only
// writes such origins, but accepts any non-empty one when parsing, as the spec requires.
const WRITABLE_ORIGIN = /^[^\s+\p{Cc}]+$/u;

/**
 * The note text (body) of a checkpoint, ending with a newline, ready to sign.
 *
 * Preconditions: the origin has no spaces, `+` or controls; the size is a non-negative safe
 * integer; the root is 64 hex digits; extension lines are non-empty, without controls, and do
 * not start with `time ` or `hash `. A RangeError names the first violation.
 *
 * @example formatCheckpoint({ origin: 'liuhen.example/410221', size: 0, rootHash, alg: 'sm3' })
 */
export function formatCheckpoint(checkpoint: Checkpoint): string {
  const lines = [
    formatOrigin(checkpoint.origin),
    formatSize(checkpoint.size),
    formatRoot(checkpoint.rootHash),
    ...formatExtensions(checkpoint),
  ];

  return `${lines.join('\n')}\n`;
}

/**
 * Signs a checkpoint with one or more keys and returns the signed note text.
 *
 * Precondition: `checkpoint` is a Checkpoint that {@link formatCheckpoint} accepts, or a body
 * text that parses as one; a RangeError otherwise.
 *
 * @example signCheckpoint({ origin, size, rootHash, time: new Date(), alg: 'sm3' }, key)
 */
export function signCheckpoint(
  checkpoint: Checkpoint | string,
  keys: SigningKey | readonly SigningKey[],
): string {
  const body = typeof checkpoint === 'string' ? checkpoint : formatCheckpoint(checkpoint);
  const parsed = parseCheckpointBody(body);
  if (!parsed.ok) {
    throw new RangeError(`checkpoint body: ${parsed.message}`);
  }

  return signNote(body, Array.isArray(keys) ? keys : [keys as SigningKey]);
}

/**
 * Parses a signed checkpoint without checking any signature, strictly: every rule of the
 * signed-note and tlog-checkpoint formats, plus well-formed `time` and `hash` lines.
 *
 * Invariant: never throws, whatever the input; a failure carries a code and a message. Until
 * {@link verifyCheckpoint} succeeds, the content is a claim, not a fact.
 *
 * @example parseCheckpoint('x\n08\n') // { ok: false, code: 'no-signatures', message: '…' }
 */
export function parseCheckpoint(text: unknown): CheckpointParseResult {
  const parsed = parseSignedNote(text);
  if (!parsed.ok) {
    return parsed;
  }

  const body = parseCheckpointBody(parsed.note.text);

  return body.ok ? { ok: true, checkpoint: body.checkpoint, note: parsed.note } : body;
}

/**
 * Parses a signed checkpoint and checks its signatures against `trustedKeys` by the
 * signed-note rules: signatures by unknown keys are ignored, one by a trusted key that fails
 * rejects the checkpoint, and at least one trusted signature must verify.
 *
 * Invariant: never throws; `ok` is true exactly when `problems` is empty, and only then is the
 * checkpoint returned.
 *
 * @example verifyCheckpoint(text, [verifierKeyOf(key)]) // { ok: true, checkpoint, … }
 */
export function verifyCheckpoint(
  text: unknown,
  trustedKeys: readonly VerifierKey[],
): CheckpointVerification {
  const parsed = parseCheckpoint(text);
  if (!parsed.ok) {
    return { ok: false, verifiedBy: [], problems: [parsed.message] };
  }

  const verification = verifyNote(parsed.note, Array.isArray(trustedKeys) ? trustedKeys : []);
  if (!verification.ok) {
    return { ok: false, verifiedBy: verification.verifiedBy, problems: verification.problems };
  }

  return {
    ok: true,
    checkpoint: parsed.checkpoint,
    verifiedBy: verification.verifiedBy,
    problems: [],
  };
}

/** Parses a checkpoint's note text (without signatures); never throws. */
export function parseCheckpointBody(
  text: string,
): { readonly ok: true; readonly checkpoint: Checkpoint } | ParseFailure<CheckpointFailureCode> {
  const lines = text.slice(0, -1).split('\n');
  const [origin, size, root, ...extensionLines] = lines;
  if (root === undefined || !text.endsWith('\n')) {
    return parseFailure('too-few-lines', `checkpoint: got ${lines.length} lines, want at least 3`);
  }

  if (origin === '') {
    return parseFailure('bad-origin', 'origin: got an empty line, want the log identity');
  }

  const treeSize = parseSize(size ?? '');
  if (treeSize === undefined) {
    return parseFailure(
      'bad-size',
      `tree size: got ${quote(size ?? '')}, want a decimal without leading zeros`,
    );
  }

  const rootBytes = decodeBase64(root);
  if (rootBytes?.length !== HASH_SIZE) {
    return parseFailure(
      'bad-root-hash',
      `root hash: got ${quote(root)}, want ${HASH_SIZE} bytes of base64`,
    );
  }

  const base = { origin: origin!, size: treeSize, rootHash: toHex(rootBytes) };

  return parseExtensions(base, extensionLines);
}

function parseSize(line: string): number | undefined {
  if (!TREE_SIZE.test(line)) {
    return undefined;
  }

  const size = Number(line);

  return isTreeSize(size) ? size : undefined;
}

interface Extensions {
  time?: Date;
  alg?: HashAlgorithm;
  extensions: string[];
}

function parseExtensions(
  base: Pick<Checkpoint, 'origin' | 'size' | 'rootHash'>,
  lines: readonly string[],
): { readonly ok: true; readonly checkpoint: Checkpoint } | ParseFailure<CheckpointFailureCode> {
  const found: Extensions = { extensions: [] };
  for (const line of lines) {
    const problem = addExtension(found, line);
    if (problem !== undefined) {
      return parseFailure('bad-extension', problem);
    }
  }

  return { ok: true, checkpoint: { ...base, ...found } };
}

function addExtension(found: Extensions, line: string): string | undefined {
  if (line === '') {
    return 'extension line: got an empty line, want none or a non-empty one';
  }

  if (line.startsWith('time ')) {
    const time = parseTime(line.slice(5));
    if (time === undefined || found.time !== undefined) {
      return `time: got ${quote(line)}, want one "time YYYY-MM-DDTHH:MM:SSZ"`;
    }

    found.time = time;
  } else if (line.startsWith('hash ')) {
    const alg = line.slice(5);
    if (!isHashAlgorithm(alg) || found.alg !== undefined) {
      return `hash: got ${quote(line)}, want one "hash sm3" or "hash sha256"`;
    }

    found.alg = alg;
  } else {
    found.extensions.push(line);
  }

  return undefined;
}

// Exactly the form formatCheckpoint writes; the round trip through Date rejects dates that do
// not exist (02-30) and leap seconds, which Date would silently roll over.
function parseTime(text: string): Date | undefined {
  if (!UTC_SECOND.test(text)) {
    return undefined;
  }

  const time = new Date(text);

  return Number.isNaN(time.getTime()) || formatTime(time) !== text ? undefined : time;
}

// Hostile lines can be long; a message quotes only their start.
function quote(text: string): string {
  return JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}…` : text);
}

function formatTime(time: Date): string {
  return `${time.toISOString().slice(0, 19)}Z`;
}

function formatOrigin(origin: string): string {
  if (typeof origin !== 'string' || !WRITABLE_ORIGIN.test(origin)) {
    throw new RangeError(`origin: got ${JSON.stringify(origin)}, want no spaces, "+" or controls`);
  }

  return origin;
}

function formatSize(size: number): string {
  if (!isTreeSize(size)) {
    throw new RangeError(`tree size: got ${size}, want a non-negative safe integer`);
  }

  return String(size);
}

function formatRoot(rootHash: string): string {
  const bytes = hashFromHex(rootHash);
  if (bytes === undefined) {
    throw new RangeError(`root hash: got ${JSON.stringify(rootHash)}, want 64 hex digits`);
  }

  return bytes.toString('base64');
}

function formatExtensions(checkpoint: Checkpoint): string[] {
  const lines: string[] = [];
  if (checkpoint.time !== undefined) {
    if (Number.isNaN(checkpoint.time.getTime())) {
      throw new RangeError('time: got an invalid date, want a valid one');
    }

    lines.push(`time ${formatTime(checkpoint.time)}`);
  }

  if (checkpoint.alg !== undefined) {
    if (!isHashAlgorithm(checkpoint.alg)) {
      throw new RangeError(`hash: got ${JSON.stringify(checkpoint.alg)}, want sm3 or sha256`);
    }

    lines.push(`hash ${checkpoint.alg}`);
  }

  for (const line of checkpoint.extensions ?? []) {
    lines.push(formatExtension(line));
  }

  return lines;
}

// Other extension lines must not pose as the two this module owns, nor break the note format.
function formatExtension(line: string): string {
  const text = typeof line === 'string' ? line : '';
  const reserved = text.startsWith('time ') || text.startsWith('hash ');
  if (text === '' || reserved || /\p{Cc}/u.test(text)) {
    throw new RangeError(`extension line: got ${JSON.stringify(line)}, want other non-empty text`);
  }

  return text;
}
