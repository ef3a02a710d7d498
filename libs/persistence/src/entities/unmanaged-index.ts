import type { IndexOptions } from 'typeorm';

/**
 * Options of an index that migrations own and schema sync must neither create nor drop: the time
 * index is BRIN on plain PostgreSQL and TimescaleDB's own btree on a hypertable. TypeORM honours
 * `synchronize: false` at run time though its 1.x typings no longer declare it.
 */
export const UNMANAGED_INDEX = { synchronize: false } as IndexOptions;
