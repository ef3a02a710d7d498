import { copyField, copyLine } from './copy-text';

describe('COPY text format', () => {
  it('escapes backslash, tab, newline and carriage return; NULL is \\N', () => {
    expect(copyField(null)).toBe('\\N');
    expect(copyField('plain')).toBe('plain');
    expect(copyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    expect(copyField('\\N')).toBe('\\\\N');
    expect(copyLine(['1', null, 'x y'])).toBe('1\t\\N\tx y\n');
  });
});
