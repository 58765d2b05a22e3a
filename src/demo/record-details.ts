/**
 * The part of a demo record that depends on its form (填报说明 4 and 5): the place and
 * witnesses of an oral interference, the sending unit of a letter, the channel and where a
 * message is kept; and the evidence the recorder attaches, or the reason there is none.
 */
import type { RecordInput } from '../records/record-schema.js';
import { fill, type Interferer } from './demo-interferers.js';
import type { CountyStaff, DemoAccount, NameBook } from './demo-people.js';
import type { Kind, PlannedRecord } from './demo-records.js';
import type { SeededRandom } from './seeded-random.js';
import { places, storageMedia } from './word-lists.js';

export interface DetailInput {
  planned: PlannedRecord;
  person: Interferer;
  county: CountyStaff;
  /** The other recorder of the bureau, present at oral interferences. */
  colleague: DemoAccount;
  words: { text: string; indicator: string };
  names: NameBook;
}

type Channel = Exclude<Kind, 'oral' | 'letter'>;

export const detailsByKind: Record<Kind, (random: SeededRandom, input: DetailInput) => void> = {
  oral: oral,
  letter: letter,
  phone: (random, input) => message(random, input, 'phone', input.person.phone),
  qq: (random, input) => message(random, input, 'qq', input.person.qq),
  wechat: (random, input) => message(random, input, 'wechat', input.person.wechat),
  email: (random, input) => message(random, input, 'email', input.person.email),
  other: (random, input) =>
    message(random, input, 'other', `钉钉工作群“${input.county.area}经济运行调度群”`),
};

function oral(random: SeededRandom, { planned, county, colleague, names }: DetailInput) {
  const witnesses: NonNullable<RecordInput['details']['witnesses']> = [
    { name: colleague.name, post: `${county.unitName}干部`, user: colleague.username },
  ];
  planned.confirmers.push(colleague.username);
  // Someone without an account was present too: the recorder uploads the page they signed.
  if (random.chance(0.3)) {
    witnesses.push({ name: names.next(), post: `${county.area}人民政府办公室工作人员` });
    const lines = witnesses.map((w) => `${w.name}  ${w.post}`);
    planned.evidence.push({
      role: 'witness-signatures',
      name: '在场人员签字页.pdf',
      document: { title: '在场人员签字确认页', lines },
    });
  }
  planned.body.details = { place: fill(random.pick(places), county.area, random), witnesses };
}

function letter(random: SeededRandom, { planned, county, words, person }: DetailInput) {
  planned.body.details = { senderUnit: person.unit };
  if (random.chance(0.15)) {
    planned.body.noEvidenceReason = '来函原件已按要求交回来文单位，未能留存复印件';
    return;
  }

  const title = `${person.unit}关于${words.indicator}有关事项的函`;
  const lines = [`${county.unitName}：`, words.text, '特此函告。', person.unit];
  planned.evidence.push({ role: 'evidence', name: `${title}.pdf`, document: { title, lines } });
}

const detailField = {
  phone: 'phone',
  qq: 'qq',
  wechat: 'wechat',
  email: 'email',
  other: 'otherSource',
} as const;

function message(random: SeededRandom, input: DetailInput, channel: Channel, source: string) {
  const { planned } = input;
  planned.body.details = { [detailField[channel]]: source };
  planned.body.content.storageMedium = storageMedia[channel];
  if (channel === 'phone' && random.chance(0.4)) {
    planned.body.noEvidenceReason = '电话未录音，通话内容已当场做了文字记录';
    return;
  }

  const name = channel === 'email' ? '邮件打印截屏.png' : '聊天记录截屏.png';
  const screenshot = { channel, variant: random.int(0, 999) };
  planned.evidence.push({ role: 'evidence', name, screenshot });
}
