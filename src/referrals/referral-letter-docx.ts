/**
 * The referral letter as a Word document laid out as a Chinese official letter (GB/T 9704-2012,
 * the building blocks of documents/official-docx.ts): the 文号, the title in 小标宋, the
 * addressees, the body in 仿宋 with one 「（一）」 paragraph per record, the attachments, the
 * bureau and the date, and the 抄送 line. The reviewer fills the highlighted placeholders
 * (verification done, contact person) before the letter is signed and sealed.
 */
import { AlignmentType, Paragraph } from 'docx';
import {
  body,
  CHAR,
  centred,
  exactLine,
  flush,
  heading,
  placeholder,
  renderOfficialDocx,
  run,
  SIZE,
} from '../documents/official-docx.js';
import { LETTER_TITLE, type LetterItem, type ReferralLetter } from './referral-letter.js';

const numerals = '一二三四五六七八九十';

/** 「（一）」…「（十）」, then 「（11）」: letters rarely refer more than ten records. */
function itemLabel(i: number): string {
  return i < numerals.length ? `（${numerals[i]}）` : `（${i + 1}）`;
}

function itemParagraphs(item: LetterItem, i: number): Paragraph[] {
  const who = `${itemLabel(i)}${item.interferer}（${item.post}，${item.level}）`;
  const how = item.circumstances ? `${item.form}，${item.circumstances}` : item.form;

  return [
    heading(who, 'subheading'),
    body(`${item.occurredAt}，以${how}的形式干预统计工作，由${item.unit}记录。`),
    body(`干预情形：${item.situation}。`),
    body(`干预内容：${item.content || '见所附记录'}。`),
  ];
}

function opening(letter: ReferralLetter): string {
  return (
    `根据《关于建立领导干部违规干预统计工作记录制度的办法》的规定，我局在审核下级统计机构` +
    `报送的领导干部违规干预统计工作记录时，发现以下${letter.items.length}条问题线索。` +
    `按照干部管理权限，现移送你们，请依规依纪依法处理，并${letter.dueText}将处理结果书面反馈我局。`
  );
}

/** Width of a line in characters: CJK counts one, digits and Latin letters half. */
function charWidth(text: string): number {
  return [...text].reduce((n, c) => n + (c.charCodeAt(0) < 0x2000 ? 0.5 : 1), 0);
}

/** GB/T 9704 §7.3.5.1: the date four characters from the right, the name centred over it. */
function signature(name: string, date: string): Paragraph[] {
  const nameIndent = 4 * CHAR + Math.round(((charWidth(date) - charWidth(name)) / 2) * CHAR);
  const right = (text: string, indent: number) =>
    new Paragraph({
      children: [run(text)],
      alignment: AlignmentType.RIGHT,
      indent: { right: Math.max(indent, 0) },
      spacing: exactLine,
    });

  return [flush(''), flush(''), right(name, nameIndent), right(date, 4 * CHAR)];
}

/** 「附件：1. …」 with later items aligned under the first (GB/T 9704 §7.3.4). */
function attachments(names: readonly string[]): Paragraph[] {
  if (names.length === 0) return [];
  if (names.length === 1) return [flush(''), body(`附件：${names[0]}`)];

  return [
    flush(''),
    ...names.map(
      (name, i) =>
        new Paragraph({
          children: [run(`${i === 0 ? '附件：' : ''}${i + 1}. ${name}`)],
          indent: i === 0 ? { firstLine: 2 * CHAR } : { left: 5 * CHAR },
          spacing: exactLine,
        }),
    ),
  ];
}

function letterBody(letter: ReferralLetter): Paragraph[] {
  return [
    centred(letter.number, {}),
    flush(''),
    centred(LETTER_TITLE, { font: 'title', size: SIZE.title }),
    flush(''),
    flush(`${letter.addressees.join('、')}：`),
    body(opening(letter)),
    ...letter.items.flatMap(itemParagraphs),
    placeholder('补充核实情况或其他需要说明的事项，无则删除本段'),
    body('联系人：（请填写）　联系电话：（请填写）', { highlight: true }),
    ...attachments(letter.attachments),
    ...signature(letter.bureau, letter.date),
    ...(letter.copyTo.length === 0
      ? []
      : [flush(''), flush(`抄送：${letter.copyTo.join('、')}。`)]),
  ];
}

export async function renderReferralLetterDocx(letter: ReferralLetter): Promise<Buffer> {
  return renderOfficialDocx({
    title: LETTER_TITLE,
    creator: letter.bureau,
    children: letterBody(letter),
  });
}
