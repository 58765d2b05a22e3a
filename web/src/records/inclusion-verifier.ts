/**
 * Checks in the browser, without trusting the server's word, that a record's receipt proves
 * its entry is in the unit's log: the leaf hash is recomputed from the entry text, the audit
 * path is walked to a root (RFC 9162 §2.1.3.2), and that root must be the one the signed
 * checkpoint states, at a size that covers the entry's index.
 *
 * SM3 (GB/T 32905) comes from `sm-crypto-v2`, bundled with the app, so the check works on an
 * intranet with no internet. A log kept with SHA-256 is reported as not checkable here: the
 * browser's own SHA-256 is only available on HTTPS pages and is asynchronous.
 *
 * Messages are lowercase English naming got and want, like the server's verifier; the badge
 * that shows them puts a Chinese verdict above.
 */
import { sm3 } from 'sm-crypto-v2';

export type Hash = (bytes: Uint8Array) => Uint8Array;

/** A receipt as `GET /api/v1/records/{id}/receipt` returns it. */
export interface Receipt {
  version: number;
  log: string;
  alg: string;
  index: number;
  entry: string;
  proof: string[];
  checkpoint: string;
  publicKey: { alg: string; name: string; publicKey: string };
}

/** A checkpoint's note: its body lines and its signature lines, not yet trusted. */
export interface ParsedCheckpoint {
  origin: string;
  size: number;
  /** Lowercase hex of the root hash, decoded from the body's base64 third line. */
  root: string;
  /** The `time` extension line, a UTC instant, when present. */
  time?: string;
  /** The `hash` extension line, when present. */
  alg?: string;
  /** The signed text: the body with its final newline. */
  body: string;
  signatures: { name: string; bytes: Uint8Array }[];
}

export interface InclusionResult {
  ok: boolean;
  problems: string[];
  checkpoint?: ParsedCheckpoint;
  /** The recomputed leaf hash, hex. */
  leafHash?: string;
}

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;
const HEX_HASH = /^[0-9a-f]{64}$/;

export const sm3Hash: Hash = (bytes) => hexToBytes(sm3(bytes));

/** RFC 9162 §2.1.1: the hash of a leaf is HASH(0x00 || entry). */
export function leafHash(entry: string, hash: Hash = sm3Hash): Uint8Array {
  return hash(concat(Uint8Array.of(LEAF_PREFIX), new TextEncoder().encode(entry)));
}

/** RFC 9162 §2.1.1: an interior node is HASH(0x01 || left || right). */
export function nodeHash(left: Uint8Array, right: Uint8Array, hash: Hash = sm3Hash): Uint8Array {
  return hash(concat(Uint8Array.of(NODE_PREFIX), left, right));
}

/**
 * The root reached from leaf `index` of a tree of `size` leaves along `proof`, by the steps of
 * RFC 9162 §2.1.3.2; undefined when the path is too long or too short for (index, size).
 *
 * Preconditions: 0 ≤ index < size, both safe integers; every hash is 32 bytes.
 */
export function rootFromInclusionProof(
  leaf: Uint8Array,
  index: number,
  size: number,
  proof: Uint8Array[],
  hash: Hash = sm3Hash,
): Uint8Array | undefined {
  // Steps 2–3: fn is the leaf's index, sn the last index, r the running hash.
  let fn = index;
  let sn = size - 1;
  let r = leaf;

  for (const p of proof) {
    // Step 4a: a path longer than the tree is deep.
    if (sn === 0) return undefined;

    if (fn % 2 === 1 || fn === sn) {
      r = nodeHash(p, r, hash);
      // Step 4b.ii: on the right edge, climb past levels where this subtree has no sibling.
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = nodeHash(r, p, hash);
    }

    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }

  // Step 5: the path must end exactly at the root.
  return sn === 0 ? r : undefined;
}

/**
 * Splits a checkpoint (c2sp.org/tlog-checkpoint, a signed note) into origin, size, root and
 * signature lines; returns a problem text instead when it is not one. Signatures are not
 * checked here.
 */
export function parseCheckpoint(note: string): ParsedCheckpoint | string {
  const separator = note.lastIndexOf('\n\n');
  if (separator < 0 || !note.endsWith('\n')) return 'checkpoint: got no signature block';

  const body = note.slice(0, separator + 1);
  const [origin, sizeLine, rootLine, ...extensions] = body.slice(0, -1).split('\n');
  if (!origin || sizeLine === undefined || rootLine === undefined) {
    return 'checkpoint: got fewer than 3 body lines, want origin, size and root';
  }

  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine) || !Number.isSafeInteger(Number(sizeLine))) {
    return `checkpoint size: got ${JSON.stringify(sizeLine)}, want a decimal integer`;
  }

  const root = base64ToBytes(rootLine);
  if (root?.length !== 32) {
    return `checkpoint root: got ${JSON.stringify(rootLine)}, want 32 bytes of base64`;
  }

  const signatures = parseSignatureLines(note.slice(separator + 2, -1));
  if (typeof signatures === 'string') return signatures;

  return {
    origin,
    size: Number(sizeLine),
    root: bytesToHex(root),
    time: extension(extensions, 'time'),
    alg: extension(extensions, 'hash'),
    body,
    signatures,
  };
}

/**
 * Checks the inclusion half of a receipt: the entry's leaf hash with the proof leads to the
 * checkpoint's root, the index is below the checkpoint's size, and the receipt, checkpoint
 * and log agree on the log and the hash algorithm.
 *
 * Invariant: never throws, whatever `receipt` holds; every problem found is reported.
 */
export function verifyInclusion(receipt: Receipt): InclusionResult {
  const shape = shapeProblems(receipt);
  if (shape.length > 0) return { ok: false, problems: shape };

  const checkpoint = parseCheckpoint(receipt.checkpoint);
  if (typeof checkpoint === 'string') return { ok: false, problems: [checkpoint] };

  const problems: string[] = [];
  if (checkpoint.origin !== receipt.log) {
    problems.push(`log: got ${receipt.log}, want the checkpoint origin ${checkpoint.origin}`);
  }

  if (checkpoint.alg !== undefined && checkpoint.alg !== receipt.alg) {
    problems.push(`alg: got ${receipt.alg}, want the checkpoint's ${checkpoint.alg}`);
  }

  if (receipt.index >= checkpoint.size) {
    problems.push(`index: got ${receipt.index}, want below the checkpoint size ${checkpoint.size}`);
    return { ok: false, problems, checkpoint };
  }

  const leaf = leafHash(receipt.entry);
  const proof = receipt.proof.map(hexToBytes);
  const root = rootFromInclusionProof(leaf, receipt.index, checkpoint.size, proof);
  if (root === undefined) {
    problems.push(`proof: got ${proof.length} hashes, wrong length for leaf ${receipt.index}`);
  } else if (bytesToHex(root) !== checkpoint.root) {
    problems.push(`root from the proof: got ${bytesToHex(root)}, want ${checkpoint.root}`);
  }

  return { ok: problems.length === 0, problems, checkpoint, leafHash: bytesToHex(leaf) };
}

/**
 * Checks the SM3 code and the proof walk against known answers before trusting them: the
 * GB/T 32905 example `abc`, and a three-leaf tree built here by RFC 9162's definition.
 * Returns the problems; empty means the verifier may be used.
 */
export function selfCheck(): string[] {
  const problems: string[] = [];
  const abc = bytesToHex(sm3Hash(new TextEncoder().encode('abc')));
  if (abc !== '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0') {
    problems.push(`sm3("abc"): got ${abc}, want the GB/T 32905 example value`);
  }

  // MTH({a, b, c}) = node(node(leaf a, leaf b), leaf c), as RFC 9162 §2.1.1 defines it.
  const [a, b, c] = ['a', 'b', 'c'].map((entry) => leafHash(entry)) as [
    Uint8Array,
    Uint8Array,
    Uint8Array,
  ];
  const ab = nodeHash(a, b);
  const root = bytesToHex(nodeHash(ab, c));
  const cases: [number, Uint8Array, Uint8Array[]][] = [
    [0, a, [b, c]],
    [1, b, [a, c]],
    [2, c, [ab]],
  ];
  for (const [index, leaf, proof] of cases) {
    const got = rootFromInclusionProof(leaf, index, 3, proof);
    if (!got || bytesToHex(got) !== root)
      problems.push(`self-check leaf ${index} of 3: wrong root`);
  }

  if (rootFromInclusionProof(c, 2, 3, [ab, c]) !== undefined) {
    problems.push('self-check: a path longer than the tree was accepted');
  }

  return problems;
}

function shapeProblems(receipt: Receipt): string[] {
  const r = receipt as unknown as Record<string, unknown>;
  const checks: [boolean, string][] = [
    [r.version === 1, `version: got ${String(r.version)}, want 1`],
    [typeof r.log === 'string' && r.log !== '', 'log: want the log origin'],
    [r.alg === 'sm3', `alg: got ${String(r.alg)}, want sm3`],
    [Number.isSafeInteger(r.index) && (r.index as number) >= 0, 'index: want an integer ≥ 0'],
    [typeof r.entry === 'string', 'entry: want the entry text'],
    [
      Array.isArray(r.proof) && r.proof.every((h) => typeof h === 'string' && HEX_HASH.test(h)),
      'proof: want an array of 64-digit lowercase hex hashes',
    ],
    [typeof r.checkpoint === 'string', 'checkpoint: want the signed note text'],
  ];

  return checks.filter(([fine]) => !fine).map(([, problem]) => problem);
}

function parseSignatureLines(block: string): ParsedCheckpoint['signatures'] | string {
  const signatures: ParsedCheckpoint['signatures'] = [];
  for (const line of block.split('\n')) {
    const match = /^\u2014 (\S+) (\S+)$/.exec(line);
    const bytes = match?.[2] ? base64ToBytes(match[2]) : undefined;
    if (!match?.[1] || !bytes || bytes.length < 5) {
      return `signature line: got ${JSON.stringify(line.slice(0, 60))}, want "— <name> <base64>"`;
    }

    signatures.push({ name: match[1], bytes });
  }

  return signatures;
}

function extension(lines: string[], key: string): string | undefined {
  const line = lines.find((l) => l.startsWith(`${key} `));

  return line?.slice(key.length + 1);
}

export function hexToBytes(hex: string): Uint8Array {
  const bytes = new Uint8Array(hex.length / 2);
  for (let i = 0; i < bytes.length; i++)
    bytes[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);

  return bytes;
}

export function bytesToHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Strict RFC 4648 §4 base64, or undefined. */
export function base64ToBytes(text: string): Uint8Array | undefined {
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) {
    return undefined;
  }

  const binary = atob(text);

  return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }

  return out;
}
