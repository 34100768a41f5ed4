import type pg from 'pg';
import type { PlantReleaseRequest, PlantReleaseView } from '../../core';
import type { PlantProjector } from './plant-projector';

type ChangeStatus = NonNullable<PlantReleaseView['lines'][number]['changeStatus']>;

/** What a release is about, as people name it. */
export function releaseSubject(r: PlantReleaseRequest): string {
  switch (r.kind) {
    case 'material':
      return `${r.definition.id} rev ${r.definition.revision}`;
    case 'product':
      return `${r.definition.product} rev ${r.definition.revision}`;
    case 'change':
      return r.change.number;
  }
}

/** What a station applies: the definition or the change, as the station's own API takes it. */
export const releaseBody = (r: PlantReleaseRequest): unknown => (r.kind === 'change' ? r.change : r.definition);

/**
 * Releases to the lines: appended once, in order, for every station to take; and where each stands on each line —
 * its station's receipt (applied, refused and why, or still waiting: offline, say), and for a change the status of
 * its approval at that line, read from the plant's replica of the line's station (its own record of it).
 */
export class PlantReleases {
  constructor(
    private readonly pool: pg.Pool,
    private readonly projector: PlantProjector,
  ) {}

  async release(r: PlantReleaseRequest, by: string): Promise<PlantReleaseView> {
    const row = await this.pool.query<{ seq: string }>('INSERT INTO plant_releases (kind, subject, body, released_by) VALUES ($1, $2, $3, $4) RETURNING seq', [
      r.kind,
      releaseSubject(r),
      JSON.stringify(releaseBody(r)),
      by,
    ]);
    const seq = Number(row.rows[0]!.seq);
    return (await this.list(seq))[0]!;
  }

  /** Newest first; one release when `only` says which. */
  async list(only?: number): Promise<PlantReleaseView[]> {
    const releases = await this.pool.query<{ seq: string; kind: PlantReleaseView['kind']; subject: string; released_at: Date; released_by: string }>(
      `SELECT seq, kind, subject, released_at, released_by FROM plant_releases ${only === undefined ? '' : 'WHERE seq = $1'} ORDER BY seq DESC LIMIT 200`,
      only === undefined ? [] : [only],
    );
    const stations = (await this.pool.query<{ id: string }>('SELECT id FROM stations ORDER BY id')).rows.map((s) => s.id);
    const receipts = await this.pool.query<{ station_id: string; seq: string; outcome: 'applied' | 'refused'; message: string | null }>(
      'SELECT station_id, seq, outcome, message FROM release_receipts WHERE seq = ANY ($1::bigint[])',
      [releases.rows.map((r) => r.seq)],
    );
    const receipt = new Map(receipts.rows.map((r) => [`${r.station_id}\u0000${r.seq}`, r]));
    const changeStatus = (station: string, number: string): ChangeStatus | null =>
      (this.projector.replica(station).db.prepare('SELECT status FROM changes WHERE number = ?').pluck().get(number) as ChangeStatus | undefined) ?? null;
    return releases.rows.map((r) => ({
      seq: Number(r.seq),
      kind: r.kind,
      subject: r.subject,
      releasedAt: r.released_at.toISOString(),
      releasedBy: r.released_by,
      lines: stations.map((station) => {
        const got = receipt.get(`${station}\u0000${r.seq}`);
        return {
          station,
          outcome: got?.outcome ?? 'waiting',
          message: got?.message ?? null,
          changeStatus: r.kind === 'change' && got?.outcome === 'applied' ? changeStatus(station, r.subject) : null,
        };
      }),
    }));
  }
}
