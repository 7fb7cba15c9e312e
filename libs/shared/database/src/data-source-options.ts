import type { DataSourceOptions, EntitySchema, MixedList } from 'typeorm';
import { migrations } from './migrations';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** Where the database is: a URL (real PostgreSQL) or host/port (the embedded PGlite socket). */
export type DatabaseConnection =
  { kind: 'url'; url: string } | { kind: 'embedded'; host: string; port: number };

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- TypeORM's own entity list type
type EntityList = MixedList<Function | string | EntitySchema>;

/**
 * The TypeORM options every process uses: migrations only, never `synchronize`.
 * On embedded PGlite the pool is 1 connection: PGlite serialises everything anyway, and a
 * second connection waiting on the first inside a transaction would deadlock (toolchain notes).
 */
export function buildDataSourceOptions(params: {
  connection: DatabaseConnection;
  entities: EntityList;
  poolSize?: number;
  applicationName?: string;
}): DataSourceOptions {
  const { connection } = params;
  const target =
    connection.kind === 'url'
      ? { url: connection.url }
      : {
          host: connection.host,
          port: connection.port,
          username: 'postgres',
          password: 'postgres',
          database: 'postgres',
        };
  return {
    type: 'postgres',
    ...target,
    entities: params.entities,
    migrations,
    migrationsTableName: 'schema_migration',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    namingStrategy: new SnakeNamingStrategy(),
    extra: {
      max: connection.kind === 'embedded' ? 1 : (params.poolSize ?? 10),
      application_name: params.applicationName ?? 'vigie',
    },
  };
}
