import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { BatchScheduleEntity } from '../entities/batch-schedule.entity';

/** A schedule as read (live schedules only, so without `deletedAt`): the entity's columns. */
export type ScheduleRecord = Omit<BatchScheduleEntity, 'deletedAt'>;

const COLUMNS = `id, name, cron, timezone, request, universe_sync AS "universeSync",
  last_run_at AS "lastRunAt", last_batch_id AS "lastBatchId", last_error AS "lastError",
  last_sync AS "lastSync", created_at AS "createdAt"`;

/** The batch_schedules table: the source of truth the BullMQ job schedulers are restored from. */
@Injectable()
export class ScheduleRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A schedule of a batch (`request`) or of a universe sync (`universeSync`): exactly one. */
  async create(input: {
    name: string | null;
    cron: string;
    timezone: string;
    request: Record<string, unknown> | null;
    universeSync?: { source: string } | null;
  }): Promise<ScheduleRecord> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO batch_schedules (name, cron, timezone, request, universe_sync)
       VALUES ($1, $2, $3, $4, $5) RETURNING ${COLUMNS}`,
      [input.name, input.cron, input.timezone, input.request, input.universeSync ?? null],
    )) as ScheduleRecord[];
    return row;
  }

  async findById(id: number): Promise<ScheduleRecord | null> {
    const rows = (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM batch_schedules WHERE id = $1 AND deleted_at IS NULL`,
      [id],
    )) as ScheduleRecord[];
    return rows[0] ?? null;
  }

  async all(): Promise<ScheduleRecord[]> {
    return (await this.dataSource.query(
      `SELECT ${COLUMNS} FROM batch_schedules WHERE deleted_at IS NULL ORDER BY id`,
    )) as ScheduleRecord[];
  }

  /**
   * Deletes the schedule: it is kept as deleted, so the batches it started still name it
   * (`GET /api/batches?schedule_id=`); it never ticks again and is no longer listed.
   */
  async delete(id: number): Promise<boolean> {
    const rows = (await this.dataSource.query(
      `UPDATE batch_schedules SET deleted_at = now() WHERE id = $1 AND deleted_at IS NULL RETURNING id`,
      [id],
    )) as unknown[];
    return rows.length > 0;
  }

  /** Removes a schedule that never ran (its job scheduler could not be created). */
  async purge(id: number): Promise<void> {
    await this.dataSource.query(`DELETE FROM batch_schedules WHERE id = $1`, [id]);
  }

  /**
   * Records what a tick did: the batch it started, what its universe sync changed, or why it
   * could not do either.
   */
  async recordRun(
    id: number,
    at: Date,
    outcome:
      | { batchId: number }
      | { sync: Record<string, unknown> }
      | { error: string }
      | Record<string, never>,
  ): Promise<void> {
    await this.dataSource.query(
      `UPDATE batch_schedules
       SET last_run_at = greatest(last_run_at, $2), last_batch_id = coalesce($3, last_batch_id),
           last_error = $4, last_sync = coalesce($5, last_sync)
       WHERE id = $1 AND (last_run_at IS NULL OR last_run_at <= $2)`,
      [
        id,
        at,
        'batchId' in outcome ? outcome.batchId : null,
        'error' in outcome ? outcome.error.slice(0, 2000) : null,
        'sync' in outcome ? outcome.sync : null,
      ],
    );
  }
}
