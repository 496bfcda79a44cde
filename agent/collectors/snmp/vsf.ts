import type { Chassis } from './entity.js';
import { asText } from './values.js';
import type { Column } from './walk.js';

/**
 * AOS-CX Virtual Switching Framework stacks whose ENTITY-MIB gives no chassis:
 * ARUBAWIRED-VSFv2-MIB arubaWiredVsfv2MemberTable (1.3.6.1.4.1.47196.4.1.1.3.15.1.2.1), one row per
 * member, indexed by member number: part number (column 4), product name (6), serial (7).
 */
const MEMBER = '1.3.6.1.4.1.47196.4.1.1.3.15.1.2.1';
export const VSF_COLUMNS = { partNumber: `${MEMBER}.4`, productName: `${MEMBER}.6`, serial: `${MEMBER}.7` } as const;

/** The members as chassis entries, in member-number order (the conductor is member 1 unless renumbered). Pure. */
export function vsfMembers(cols: Map<string, Column>): Chassis[] {
  const col = (c: string) => cols.get(c) ?? new Map();
  const indexes = [...col(VSF_COLUMNS.partNumber).keys(), ...col(VSF_COLUMNS.serial).keys()].filter((i, n, all) => /^\d+$/.test(i) && all.indexOf(i) === n);
  return indexes
    .sort((a, b) => Number(a) - Number(b))
    .map((index) => {
      const member: Chassis = { index, position: Number(index) };
      const model = asText(col(VSF_COLUMNS.partNumber).get(index))?.trim();
      const descr = asText(col(VSF_COLUMNS.productName).get(index))?.trim();
      const serial = asText(col(VSF_COLUMNS.serial).get(index))?.trim();
      if (model) member.model = model;
      if (descr) member.descr = descr;
      if (serial) member.serial = serial;
      return member;
    });
}
