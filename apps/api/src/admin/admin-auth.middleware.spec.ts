import type { NextFunction, Request, Response } from 'express';
import { adminAuth, basicAuthPassword } from './admin-auth.middleware';

const KEY = 'admin-test-key-0123456789';
const basic = (text: string) => `Basic ${Buffer.from(text).toString('base64')}`;

describe('adminAuth', () => {
  it('reads the password of basic auth for user admin only', () => {
    expect(basicAuthPassword(basic(`admin:${KEY}`))).toBe(KEY);
    expect(basicAuthPassword(basic('admin:with:colons'))).toBe('with:colons');
    expect(basicAuthPassword(basic(`root:${KEY}`))).toBeUndefined();
    expect(basicAuthPassword(basic('admin'))).toBeUndefined();
    expect(basicAuthPassword(`Bearer ${KEY}`)).toBeUndefined();
    expect(basicAuthPassword(undefined)).toBeUndefined();
  });

  function run(headers: Record<string, string>) {
    const response = {
      statusCode: 0,
      headers: {} as Record<string, string>,
      body: undefined as unknown,
      status(code: number) {
        this.statusCode = code;
        return this;
      },
      set(name: string, value: string) {
        this.headers[name] = value;
        return this;
      },
      json(body: unknown) {
        this.body = body;
        return this;
      },
    };
    const next = jest.fn();
    adminAuth({ accepts: (k) => k === KEY })(
      { headers } as unknown as Request,
      response as unknown as Response,
      next as NextFunction,
    );
    return { response, passed: next.mock.calls.length === 1 };
  }

  it('passes the key in X-API-KEY or as the basic-auth password; 401 otherwise', () => {
    expect(run({ 'x-api-key': KEY }).passed).toBe(true);
    expect(run({ authorization: basic(`admin:${KEY}`) }).passed).toBe(true);
    const none = run({});
    expect(none.passed).toBe(false);
    expect(none.response.statusCode).toBe(401);
    expect(none.response.headers['WWW-Authenticate']).toMatch(/^Basic realm=/);
    expect(none.response.body).toMatchObject({ success: false, error: { code: 'UNAUTHORIZED' } });
    expect(run({ 'x-api-key': 'wrong' }).passed).toBe(false);
    expect(run({ authorization: basic('admin:wrong') }).passed).toBe(false);
  });
});
