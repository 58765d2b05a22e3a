/**
 * What the record form needs besides the record: the units where the signed-in user is a
 * recorder, and the rule versions with their situations.
 */
import { useMemo } from 'react';
import { useResource } from '../api/use-resource';
import { type Unit, unitsApi } from '../org/units';
import { type RuleVersion, rulesApi } from '../rules/rules';
import { useSignedIn } from '../session/session-context';
import { type Level, levels } from './records';

export interface RecordFormData {
  recorderUnits: Unit[];
  versions: RuleVersion[];
  /** The levels to offer for a record of `unit`, keeping `current` when it is unusual. */
  levelsFor: (unit: string | undefined, current?: Level) => Level[];
  loading: boolean;
  error: unknown;
  reload: () => void;
}

const BASIC_LEVELS: Level[] = ['county', 'township', 'other'];

export function useRecordFormData(): RecordFormData {
  const { roles } = useSignedIn();
  const units = useResource('units', unitsApi.list);
  const rules = useResource('rules', rulesApi.read);

  const recorderUnits = useMemo(() => {
    const codes = new Set(roles.filter((g) => g.role === 'recorder').map((g) => g.unit));
    const known = (units.data ?? []).filter((u) => codes.has(u.code));
    // A grant for a unit missing from the list still lets the user pick it by code.
    const missing = [...codes]
      .filter((code) => !known.some((u) => u.code === code))
      .map(
        (code): Unit => ({
          code,
          name: code,
          kind: 'other',
          parent: null,
          reportsTo: null,
          active: true,
        }),
      );

    return [...known, ...missing];
  }, [roles, units.data]);

  const levelsFor = (unit: string | undefined, current?: Level): Level[] => {
    // 厅局级 and above occur only where a province bureau records (domain README §4).
    const kind = (units.data ?? []).find((u) => u.code === unit)?.kind;
    const offered = kind === 'province' ? [...levels] : BASIC_LEVELS;

    return current && !offered.includes(current) ? [...offered, current] : offered;
  };

  return {
    recorderUnits,
    versions: rules.data?.versions ?? [],
    levelsFor,
    loading: units.loading || rules.loading,
    error: units.error ?? rules.error,
    reload: () => {
      units.reload();
      rules.reload();
    },
  };
}
