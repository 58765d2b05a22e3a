/**
 * Breaking a paragraph of mixed Chinese and Latin text into lines that fit a width.
 *
 * Chinese text may break between any two characters; a Latin word, a number or a file name
 * such as `回执.json` stays whole unless it alone is wider than the line. Closing punctuation
 * (，。、）” …) never starts a line and opening punctuation (（“《 …) never ends one, the
 * common rule of Chinese typesetting (GB/T 15834 for the marks; 避头尾 in layout practice).
 */

/** Measures the width of a piece of text, in the caller's unit. */
export type Measure = (text: string) => number;

const CLOSING = new Set('，。、；：！？）》」』】〕”’,.;:!?)]}%'.split(''));

const OPENING = new Set('（《「『【〔“‘([{'.split(''));

// Letters, digits and the marks inside words, paths and numbers.
const WORD = /^[\p{Script=Latin}\p{Nd}_\-./@#+=~&'"<>|\\*^$:]$/u;

/**
 * The lines of `text`, each at most `width` wide by `measure` when it can be, spaces at the
 * breaks removed; a newline in `text` always breaks.
 *
 * @example breakLines('运行 liuhen receipt verify 回执.json', 40, measure) // ['运行 liuhen', …]
 */
export function breakLines(text: string, width: number, measure: Measure): string[] {
  return text.split('\n').flatMap((paragraph) => breakParagraph(paragraph, width, measure));
}

function breakParagraph(text: string, width: number, measure: Measure): string[] {
  const lines: string[] = [];
  let line = '';
  for (const token of tokensOf(text)) {
    const candidate = line + token;
    if (line === '' || measure(candidate.trimEnd()) <= width) {
      line = candidate;
    } else {
      lines.push(line.trimEnd());
      line = token.trimStart();
    }

    while (measure(line) > width && [...line].length > 1) {
      const [head, rest] = splitToFit(line, width, measure);
      lines.push(head);
      line = rest;
    }
  }

  if (line.trim() !== '' || lines.length === 0) {
    lines.push(line.trimEnd());
  }

  return lines;
}

/**
 * Unbreakable pieces: a Chinese character or a word, with closing punctuation and following
 * spaces attached to what precedes them and opening punctuation to what follows.
 */
function tokensOf(text: string): string[] {
  const tokens: string[] = [];
  let pending = '';
  for (const character of text) {
    const last = tokens.at(-1);
    const joinsLast = last !== undefined && pending === '' && attachesTo(last, character);
    if (joinsLast) {
      tokens[tokens.length - 1] = last + character;
    } else if (OPENING.has(character)) {
      pending += character;
    } else {
      tokens.push(pending + character);
      pending = '';
    }
  }

  if (pending !== '') {
    tokens.push(pending);
  }

  return tokens;
}

function attachesTo(token: string, character: string): boolean {
  if (CLOSING.has(character) || character === ' ') {
    return true;
  }

  const previous = [...token].at(-1)!;

  return WORD.test(character) && WORD.test(previous) && !token.endsWith(' ');
}

// A piece wider than the line on its own is cut between characters, as much as fits.
function splitToFit(text: string, width: number, measure: Measure): [string, string] {
  const characters = [...text];
  let count = 1;
  while (count < characters.length && measure(characters.slice(0, count + 1).join('')) <= width) {
    count++;
  }

  return [characters.slice(0, count).join(''), characters.slice(count).join('').trimStart()];
}
