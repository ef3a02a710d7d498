import { columnOf, copyLineOf, isRowLevelError, keyOf } from './pg-row-error';

describe('PostgreSQL row errors', () => {
  const unique = {
    message: 'duplicate key value violates unique constraint "e_pkey"',
    code: '23505',
    detail: 'Key (id)=(1) already exists.',
    where: 'COPY e, line 90001',
  };
  const badValue = {
    message: 'invalid input syntax for type integer: "x"',
    code: '22P02',
    where: 'COPY e, line 6, column id: "x"',
  };
  const foreignKey = {
    message: 'insert or update on table "ch" violates foreign key constraint "ch_p_fkey"',
    code: '23503',
    detail: 'Key ("parent id", kind)=(5, a) is not present in table "p".',
  };

  it('tells row errors from the rest', () => {
    expect(isRowLevelError(unique)).toBe(true);
    expect(isRowLevelError(badValue)).toBe(true);
    expect(isRowLevelError({ message: 'connection reset', code: '08006' })).toBe(false);
    expect(isRowLevelError(new Error('x'))).toBe(false);
  });

  it('finds the COPY line, the column and the key', () => {
    expect(copyLineOf(unique)).toBe(90001);
    expect(copyLineOf(badValue)).toBe(6);
    expect(copyLineOf(foreignKey)).toBeNull();
    expect(columnOf(badValue)).toBe('id');
    expect(columnOf(unique)).toBe('id');
    expect(columnOf({ ...badValue, column: 'other' })).toBe('other');
    expect(keyOf(foreignKey)).toEqual({ columns: ['parent id', 'kind'], values: ['5', 'a'] });
    expect(columnOf(foreignKey)).toBe('parent id, kind');
  });
});
