import type { Db } from '../database';
import type { ReadModel } from './read-model';

/**
 * The dispatch list keeps a rank per order, spaced RANK_STEP apart: a move rewrites one row (between its new
 * neighbours), a completed order leaves without renumbering the rest. Ranks are renumbered only when two
 * neighbours come too close (after some 40 moves into the same gap).
 */
const RANK_STEP = 1024;

export function dispatchListReadModel(db: Db): ReadModel {
  const appendStmt = db.prepare(
    'INSERT INTO dispatch_list (line, number, position) SELECT @line, @number, coalesce(max(position), 0) + @step FROM dispatch_list WHERE line = @line',
  );
  const remove = db.prepare('DELETE FROM dispatch_list WHERE line = ? AND number = ?');
  const setRank = db.prepare('UPDATE dispatch_list SET position = ? WHERE line = ? AND number = ?');
  const neighbours = db.prepare('SELECT position FROM dispatch_list WHERE line = ? AND number <> ? ORDER BY position LIMIT ? OFFSET ?').pluck();
  const all = db.prepare('SELECT number FROM dispatch_list WHERE line = ? ORDER BY position').pluck();
  const move = (line: string, number: string, to: number): void => {
    const rankAt = (): number | null => {
      if (to === 0) {
        const below = neighbours.all(line, number, 1, 0)[0] as number | undefined;
        return below === undefined ? RANK_STEP : below - RANK_STEP;
      }
      const [above, below] = neighbours.all(line, number, 2, to - 1) as number[];
      if (above === undefined) return null;
      if (below === undefined) return above + RANK_STEP;
      return below - above > 1e-6 ? (above + below) / 2 : null;
    };
    let rank = rankAt();
    if (rank === null) {
      (all.all(line) as string[]).forEach((n, i) => setRank.run((i + 1) * RANK_STEP, line, n));
      rank = rankAt();
    }
    if (rank !== null) setRank.run(rank, line, number);
  };
  return {
    name: 'dispatch list',
    tables: ['dispatch_list'],
    project(e) {
      switch (e.type) {
        case 'OrderQueued':
          return void appendStmt.run({ line: e.data.line, number: e.data.number, step: RANK_STEP });
        case 'OrderMoved':
          return move(e.data.line, e.data.number, e.data.to);
        case 'OrderDequeued':
          return void remove.run(e.data.line, e.data.number);
      }
    },
  };
}

/** The dispatch list's state read from its projection (see EventStore.snapshotFrom): the list, in order. */
export function dispatchListSnapshot(db: Db, stream: string): { orders: string[] } {
  const line = stream.slice(stream.indexOf(':') + 1);
  return { orders: db.prepare('SELECT number FROM dispatch_list WHERE line = ? ORDER BY position').pluck().all(line) as string[] };
}
