/**
 * The 干预形式 check boxes of a ledger band (forms.md, 附件1): which of 口头干预, 来文来函 and
 * 通讯信息 is ticked. Paper-era files tick with ☑, √, ✓ or ■, leave ☐ or □ for the others, or
 * just write the form's name; one cell may even hold all three boxes. Exactly one form must
 * come out, or the band gets a message.
 */
import type { Form } from '../records/record-schema.js';
import type { Read } from './cell-values.js';

const TICKS = '☑√✓✔■☒▣●✅';
const EMPTY_BOXES = '☐□○◻';
const MARK = new RegExp(`([${TICKS}${EMPTY_BOXES}])`);

export interface Box {
  text: string;
  /** The form the box's place in the band stands for, when its text names none. */
  byPosition: Form;
}

interface Mark {
  ticked: boolean | null;
  form: Form | null;
}

export function formOfBoxes(boxes: Box[]): Read<Form> {
  const marks = boxes.flatMap(marksOf);
  const ticked = distinct(marks.filter((m) => m.ticked === true));
  if (ticked.length === 1) return { ok: true, value: ticked[0]! };
  if (ticked.length > 1) return { ok: false, message: '勾选了不止一种干预形式，请只勾选一项' };

  // No tick anywhere: a box that only names its form counts, if it is the only one named.
  const named = distinct(marks.filter((m) => m.ticked === null));
  if (named.length === 1) return { ok: true, value: named[0]! };

  return {
    ok: false,
    message: '没有勾选干预形式，请在“口头干预”“来文来函”“通讯信息”中用 ☑ 或 √ 勾选一项',
  };
}

function distinct(marks: Mark[]): Form[] {
  return [...new Set(marks.map((m) => m.form).filter((f): f is Form => f !== null))];
}

/** Splits a box's text at each mark; text with no mark at all is one unmarked name. */
function marksOf(box: Box): Mark[] {
  const text = box.text.normalize('NFKC').trim();
  if (text === '') return [];

  const parts = text.split(MARK).filter((p) => p.trim() !== '');
  if (!parts.some((p) => MARK.test(p))) return [{ ticked: null, form: formNamed(text) }];

  // Marks come before their names (☑ 口头干预) or, if the text starts with a name, after them
  // (口头干预√ 来文来函□).
  const offset = MARK.test(parts[0]!) ? 1 : -1;
  const marks: Mark[] = [];
  for (const [i, part] of parts.entries()) {
    if (!MARK.test(part)) continue;

    const name = parts[i + offset];
    const form = name !== undefined && !MARK.test(name) ? formNamed(name) : null;
    marks.push({ ticked: TICKS.includes(part), form: form ?? box.byPosition });
  }

  return marks;
}

function formNamed(text: string): Form | null {
  if (/口头/.test(text)) return 'oral';
  if (/来文|来函/.test(text)) return 'letter';
  if (/通讯|短信|微信|QQ|电话|邮件|Email/i.test(text)) return 'message';

  return null;
}
