import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Db } from '../../src/storage/db.ts';

/**
 * Fault injection for the all-or-nothing tests: the n-th write statement (insert, update,
 * delete) run through this database fails before it reaches the database, as a crash or a
 * lost connection between two statements would leave things.
 */
export function failingNthWrite(db: Db, n: number): { db: Db; failed(): boolean } {
  let writes = 0;
  let failed = false;
  const plugin: KyselyPlugin = {
    transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
      const kind = args.node.kind;
      if (kind === 'InsertQueryNode' || kind === 'UpdateQueryNode' || kind === 'DeleteQueryNode') {
        writes++;
        if (writes === n) {
          failed = true;
          throw new Error(`injected fault at write ${n}`);
        }
      }
      return args.node;
    },
    async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
      return args.result;
    },
  };
  return { db: db.withPlugin(plugin), failed: () => failed };
}
