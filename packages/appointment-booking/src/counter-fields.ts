import type { Agency } from '@dvc-widgets/contract';

/**
 * The fields (lĩnh vực) the agency's counters receive, in counter order, each once. A counter with
 * no fields takes every field, so it adds nothing to the order.
 */
export function counterFields(agency: Pick<Agency, 'counters'> | null | undefined): string[] {
  return [...new Set(agency?.counters.flatMap((c) => c.fields) ?? [])];
}

/**
 * Browse order before the citizen types: procedures of the counters' fields first (in counter
 * order), then the rest, each group keeping its incoming (catalog) order. Without counter fields
 * the list is returned as is. Used only for the no-query list; typed queries keep their ranking.
 */
export function byCounterFields<T extends { item: { field: string } }>(hits: readonly T[], fields: readonly string[]): T[] {
  if (!fields.length) return [...hits];
  const rank = (h: T): number => {
    const i = fields.indexOf(h.item.field);
    return i === -1 ? fields.length : i;
  };
  // Array.prototype.sort is stable (ES2019), so each group keeps the catalog order.
  return [...hits].sort((a, b) => rank(a) - rank(b));
}
