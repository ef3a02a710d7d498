import { BODY_SHAPE_ERROR, verifyJsonBody } from './json-body-limit';

describe('verifyJsonBody (body-parser verify hook)', () => {
  const verify = (text: string, encoding?: string) => () =>
    verifyJsonBody(undefined, undefined, Buffer.from(text, 'utf8'), encoding);

  it('passes UTF-8 bodies within the limits', () => {
    expect(verify('{"a":1}', 'utf-8')).not.toThrow();
    expect(verify('{"a":1}', 'UTF8')).not.toThrow();
    expect(verify('{"a":1}')).not.toThrow();
  });

  it('refuses other charsets with 415 (body-parser would decode utf-7)', () => {
    expect(verify('{"a":1}', 'utf-7')).toThrow(
      expect.objectContaining({ status: 415, type: 'charset.unsupported' }),
    );
    expect(verify('{"a":1}', 'utf-16le')).toThrow(expect.objectContaining({ status: 415 }));
  });

  it('refuses deep bodies with 400 and the shape code, before parsing', () => {
    expect(verify(`${'['.repeat(5000)}`, 'utf-8')).toThrow(
      expect.objectContaining({ status: 400, type: BODY_SHAPE_ERROR, code: 'BODY_TOO_DEEP' }),
    );
  });
});
