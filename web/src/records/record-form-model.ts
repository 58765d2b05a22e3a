/**
 * The record form's values and the API input they stand for. The form keeps the nesting of
 * the input (`interferer.name`, `details.witnesses.0.user`), so a problem the server names by
 * its dotted path lands on the field of the same name; only the time of interference (a date
 * and an hour) and the supplementary record (a switch and a date) are shaped for the widgets.
 */
import type { FormInstance } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError, type FieldProblem } from '../api/client';
import { channelFields } from './record-terms';
import type {
  Channel,
  InterferenceForm,
  Level,
  RecordContent,
  RecordDetails,
  RecordInput,
  TopLevelField,
} from './records';

export interface RecordFields {
  unit?: string;
  office?: string;
  form?: InterferenceForm;
  channel?: Channel;
  occurredDate?: Dayjs | null;
  occurredHour?: number | null;
  interferer?: { name?: string; post?: string; level?: Level };
  situation?: string;
  content?: {
    indicators?: { name?: string; period?: string }[];
    case?: { name?: string; units?: string[]; persons?: string[] };
    words?: string;
    description?: string;
    storageMedium?: string;
  };
  details?: {
    place?: string;
    witnesses?: { name?: string; post?: string; user?: string }[];
    senderUnit?: string;
    phone?: string;
    qq?: string;
    wechat?: string;
    email?: string;
    otherSource?: string;
  };
  isSupplementary?: boolean;
  supplementary?: { obstacleRemovedOn?: Dayjs | null; reason?: string };
  noEvidenceReason?: string;
}

/** Days after the obstacle is gone within which a supplementary record is on time (2023 rule). */
export const SUPPLEMENTARY_DAYS = 15;

/**
 * The API input for what the form holds. Details that do not belong to the chosen form are
 * left out (a letter has no witnesses), as are empty optional texts and empty indicator rows,
 * so the record says only what was recorded.
 */
export function inputOfFields(fields: RecordFields): RecordInput {
  const form = fields.form ?? 'oral';
  const input: RecordInput = {
    unit: fields.unit ?? '',
    office: clean(fields.office) ?? '',
    occurredAt: occurredAtOf(fields.occurredDate, fields.occurredHour),
    form,
    interferer: {
      name: clean(fields.interferer?.name) ?? '',
      post: clean(fields.interferer?.post) ?? '',
      level: fields.interferer?.level ?? 'other',
    },
    situation: fields.situation ?? '',
    content: contentOf(form, fields.content),
    details: detailsOf(form, fields.channel, fields.details),
  };
  if (form === 'message' && fields.channel) input.channel = fields.channel;

  const removedOn = fields.supplementary?.obstacleRemovedOn;
  if (fields.isSupplementary && removedOn) {
    input.supplementary = {
      obstacleRemovedOn: removedOn.format('YYYY-MM-DD'),
      reason: clean(fields.supplementary?.reason) ?? '',
    };
  }

  const noEvidenceReason = clean(fields.noEvidenceReason);
  if (form !== 'oral' && noEvidenceReason) input.noEvidenceReason = noEvidenceReason;

  return input;
}

/** The form's values for a saved input, e.g. a draft to edit or a record to amend. */
export function fieldsOfInput(input: RecordInput): RecordFields {
  const [date, hour] = input.occurredAt.split('T');

  return {
    unit: input.unit,
    office: input.office,
    form: input.form,
    channel: input.channel,
    occurredDate: date ? dayjs(date) : null,
    occurredHour: hour === undefined ? null : Number(hour),
    interferer: { ...input.interferer },
    situation: input.situation,
    content: {
      ...input.content,
      indicators: input.content.indicators?.map((i) => ({ ...i })) ?? [],
    },
    details: {
      ...input.details,
      witnesses: input.details.witnesses?.map((w) => ({ ...w })) ?? [],
    },
    isSupplementary: Boolean(input.supplementary),
    supplementary: input.supplementary && {
      obstacleRemovedOn: dayjs(input.supplementary.obstacleRemovedOn),
      reason: input.supplementary.reason,
    },
    noEvidenceReason: input.noEvidenceReason,
  };
}

/**
 * The top-level fields whose value differs between two inputs, as an amendment or a draft
 * update sends them. A field the new input no longer has is sent as null, so the server
 * removes it rather than keeping the old value.
 */
export function changedFields(before: RecordInput, after: RecordInput): Record<string, unknown> {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)] as TopLevelField[]);
  const changes: Record<string, unknown> = {};
  for (const key of keys) {
    if (stableJson(before[key]) !== stableJson(after[key])) changes[key] = after[key] ?? null;
  }

  return changes;
}

/** Whole days from the obstacle's removal to `today`; more than 15 is a late supplement. */
export function daysSince(removedOn: Dayjs, today: Dayjs = dayjs()): number {
  return today.startOf('day').diff(removedOn.startOf('day'), 'day');
}

function occurredAtOf(date?: Dayjs | null, hour?: number | null): string {
  if (!date) return '';

  const day = date.format('YYYY-MM-DD');
  // 填报说明 3: 干预时间 to the month, day and hour; a letter may give month and day only.
  // Without an hour the server names what is missing on the 干预时间 field.
  if (hour === null || hour === undefined) return day;

  return `${day}T${String(hour).padStart(2, '0')}`;
}

function contentOf(form: InterferenceForm, content: RecordFields['content']): RecordContent {
  const result: RecordContent = {};
  const indicators = (content?.indicators ?? [])
    .map((row) => ({ name: clean(row?.name) ?? '', period: clean(row?.period) ?? '' }))
    .filter((row) => row.name || row.period);
  if (indicators.length > 0) result.indicators = indicators;

  const caseName = clean(content?.case?.name);
  const units = cleanList(content?.case?.units);
  const persons = cleanList(content?.case?.persons);
  if (caseName || units.length > 0 || persons.length > 0) {
    result.case = { name: caseName ?? '' };
    if (units.length > 0) result.case.units = units;
    if (persons.length > 0) result.case.persons = persons;
  }

  const words = clean(content?.words);
  const description = clean(content?.description);
  const storageMedium = clean(content?.storageMedium);
  if (words) result.words = words;
  if (description) result.description = description;
  if (form === 'message' && storageMedium) result.storageMedium = storageMedium;

  return result;
}

function detailsOf(
  form: InterferenceForm,
  channel: Channel | undefined,
  details: RecordFields['details'],
): RecordDetails {
  if (form === 'oral') {
    const result: RecordDetails = {};
    const place = clean(details?.place);
    if (place) result.place = place;
    result.witnesses = (details?.witnesses ?? []).map((w) => {
      const witness: { name: string; post?: string; user?: string } = {
        name: clean(w?.name) ?? '',
      };
      const post = clean(w?.post);
      const user = clean(w?.user);
      if (post) witness.post = post;
      if (user) witness.user = user;

      return witness;
    });

    return result;
  }

  if (form === 'letter') {
    const senderUnit = clean(details?.senderUnit);

    return senderUnit ? { senderUnit } : {};
  }

  if (!channel) return {};

  const field = channelFields[channel].field;
  const value = clean(details?.[field]);

  return value ? { [field]: value } : {};
}

function clean(text: string | undefined | null): string | undefined {
  const trimmed = text?.trim();

  return trimmed ? trimmed : undefined;
}

function cleanList(list: string[] | undefined): string[] {
  return (list ?? []).map((item) => item.trim()).filter(Boolean);
}

/** JSON with object keys sorted, so two equal values always compare equal. */
function stableJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b)))
      : v,
  );
}

// The server names input fields; a few of them are edited by other widgets here.
const fieldAliases: Record<string, (string | number)[]> = {
  occurredAt: ['occurredDate'],
  content: ['content', 'words'],
  'content.case': ['content', 'case', 'name'],
  supplementary: ['supplementary', 'obstacleRemovedOn'],
};

/**
 * Puts the server's per-field problems on the fields they name (`details.witnesses.0.name`)
 * and returns those the form does not show, for a summary above it.
 */
export function showRecordFieldErrors(
  form: FormInstance,
  error: unknown,
  rename: (field: string) => string = (field) => field,
): FieldProblem[] {
  if (!(error instanceof ApiError)) return [];

  const shown = form.getFieldsValue() as Record<string, unknown>;
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  const rest: FieldProblem[] = [];
  for (const problem of error.details) {
    const name = namePathOf(rename(problem.field.replace(/^body\.?/, '')));
    if (!hasPath(shown, name)) {
      rest.push(problem);
      continue;
    }

    const key = name.join('.');
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(problem.message);
    byField.set(key, entry);
  }
  form.setFields([...byField.values()]);

  return rest;
}

function namePathOf(dotted: string): (string | number)[] {
  const alias = fieldAliases[dotted];
  if (alias) return alias;

  return dotted.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function hasPath(values: unknown, path: (string | number)[]): boolean {
  let node: unknown = values;
  for (const part of path) {
    if (node === null || typeof node !== 'object' || !(part in node)) return false;
    node = (node as Record<string | number, unknown>)[part];
  }

  return path.length > 0;
}
