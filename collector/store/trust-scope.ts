/**
 * The trust set a reader may see, as SQL: every read model adds this to its WHERE clause, so a
 * credential scoped to some trusts never reads another trust's rows, whatever else it asks for.
 * `trusts` undefined means every trust; an empty list means none.
 */
export const TRUST_SCOPE_SQL = `({scope_all:UInt8} = 1 OR trust_id IN {scope_trusts:Array(String)})`;

export function trustScopeParams(trusts: readonly string[] | undefined): { scope_all: number; scope_trusts: string[] } {
  return { scope_all: trusts === undefined ? 1 : 0, scope_trusts: trusts ? [...trusts] : [] };
}

/** Whether a trust is in the set (undefined: every trust). */
export function inTrustScope(trusts: readonly string[] | undefined, trustId: string): boolean {
  return trusts === undefined || trusts.includes(trustId);
}
