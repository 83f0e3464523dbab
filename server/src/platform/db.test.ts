import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { sql } from 'drizzle-orm';
import { engine, testDatabase } from '../../test/helpers.ts';
import { preparedQuery, query, type Database } from './db.ts';

// The one `query` helper and the statements rendered once must behave the same on both engines.

let database: Database;

beforeAll(async () => {
  database = await testDatabase();
  await database.db.execute(sql`CREATE TABLE db_test_rows (id bigint PRIMARY KEY, label text NOT NULL)`);
  await database.db.execute(sql`INSERT INTO db_test_rows VALUES (1, 'en'), (2, 'to'), (3, 'tre')`);
});
afterAll(async () => {
  await database?.close();
});

const byId = preparedQuery<{ id: number; label: string }>(
  () => sql`SELECT id, label FROM db_test_rows WHERE id = ${sql.placeholder('id')} OR label = ${sql.placeholder('label')} ORDER BY id`,
);

describe('query', () => {
  test('int8 comes back as a number, whatever the engine', async () => {
    const [row] = await query<{ n: number; id: number }>(database.db, sql`SELECT count(*) AS n, max(id) AS id FROM db_test_rows`);
    expect(row).toEqual({ n: 3, id: 3 });
  });
});

describe('preparedQuery', () => {
  test('fills its placeholders anew on every call', async () => {
    expect(await byId(database.db, { id: 1, label: '' })).toEqual([{ id: 1, label: 'en' }]);
    expect(await byId(database.db, { id: 2, label: 'tre' })).toEqual([{ id: 2, label: 'to' }, { id: 3, label: 'tre' }]);
  });

  test('a missing value is refused before anything is sent', async () => {
    await expect(byId(database.db, { id: 1 })).rejects.toThrow(/label/);
  });

  test('runs inside the caller’s transaction: it sees what the transaction wrote, and the rollback undoes it', async () => {
    let inside: unknown[] = [];
    await database.db
      .transaction(async (tx) => {
        await tx.execute(sql`INSERT INTO db_test_rows VALUES (4, 'fire')`);
        inside = await byId(tx, { id: 4, label: '' });
        tx.rollback();
      })
      .catch(() => {});
    expect(inside).toEqual([{ id: 4, label: 'fire' }]);
    expect(await byId(database.db, { id: 4, label: '' })).toEqual([]);
  });

  test.runIf(engine === 'postgres')('is a named prepared statement on a PostgreSQL server', async () => {
    const names = await database.db.transaction(async (tx) => {
      await byId(tx, { id: 1, label: '' });
      // The pattern goes in as a parameter, so this statement's own text does not match it.
      return query<{ name: string }>(tx, sql`SELECT name FROM pg_prepared_statements WHERE strpos(statement, ${'OR label = $2'}) > 0`);
    });
    expect(names.map((n) => n.name)).toEqual([expect.stringMatching(/^sammen_[0-9a-f]{20}$/)]);
  });
});
