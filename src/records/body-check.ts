/**
 * Checks over a whole file, for evidence types whose first bytes cannot confirm them: plain
 * text must be UTF-8 without NUL to the last byte, an e-mail free of NUL (its body may be
 * 8-bit GBK, as Chinese mail programs still send).
 */
/** A check fed every byte of a file in order, for types the head alone cannot confirm. */
export interface BodyCheck {
  update(chunk: Buffer): void;
  /** Whether everything fed so far, taken as the whole file, is of the type. */
  passed(): boolean;
}

/**
 * The whole-file check for `mediaType`, or null when its head is enough: plain text must be
 * UTF-8 without NUL to the last byte, an e-mail free of NUL (its body may be 8-bit GBK).
 */
export function bodyCheckFor(mediaType: string): BodyCheck | null {
  if (mediaType === 'text/plain') {
    return utf8Check();
  }

  return mediaType === 'message/rfc822' ? nulCheck() : null;
}

function nulCheck(): BodyCheck {
  let clean = true;

  return {
    update: (chunk) => {
      clean &&= !chunk.includes(0);
    },
    passed: () => clean,
  };
}

function utf8Check(): BodyCheck {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  const nul = nulCheck();
  let valid = true;

  return {
    update: (chunk) => {
      nul.update(chunk);
      valid &&= decodes(() => decoder.decode(chunk, { stream: true }));
    },
    // A final decode without `stream` flushes, and fails on a character cut off at the end.
    passed: () => nul.passed() && valid && decodes(() => decoder.decode()),
  };

  function decodes(run: () => unknown): boolean {
    try {
      run();
      return true;
    } catch {
      return false;
    }
  }
}
