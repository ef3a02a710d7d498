import { Stack, startStack, TEST_API_KEY } from '../support/stack';
import { createMigratedDatabase, dropDatabase, queuePrefix } from '../support/test-env';

interface CalendarBody {
  success: boolean;
  exchange: string;
  timezone: string;
  from: string;
  to: string;
  sessions: string[];
  closures: { day: string; name: string }[];
}

interface ErrorBody {
  success: false;
  error: { code: string; message: string; details?: Record<string, unknown> };
}

describe('calendar routes (API process)', () => {
  let db: string;
  let stack: Stack;
  const get = async <T>(path: string, key: string | null = TEST_API_KEY) => {
    const res = await fetch(`${stack.base}${path}`, {
      headers: key ? { 'x-api-key': key } : {},
    });
    return { status: res.status, body: (await res.json()) as T };
  };

  beforeAll(async () => {
    db = await createMigratedDatabase();
    stack = await startStack({ DATABASE_URL: db, QUEUE_PREFIX: queuePrefix() }, { workers: 0 });
  });
  afterAll(async () => {
    await stack?.stop();
    await dropDatabase(db);
  });

  it("answers an exchange's sessions in a range, both ends included, with the closed weekdays", async () => {
    const tse = await get<CalendarBody>('/api/calendars/TSE?from=2024-01-01&to=2024-01-10');
    expect(tse).toEqual({
      status: 200,
      body: {
        success: true,
        exchange: 'TSE',
        timezone: 'Asia/Tokyo',
        from: '2024-01-01',
        to: '2024-01-10',
        sessions: ['2024-01-04', '2024-01-05', '2024-01-09', '2024-01-10'],
        closures: [
          { day: '2024-01-01', name: "New Year's Day" },
          { day: '2024-01-02', name: 'Year-end closure (31 Dec – 3 Jan)' },
          { day: '2024-01-03', name: 'Year-end closure (31 Dec – 3 Jan)' },
          { day: '2024-01-08', name: 'Coming of Age Day' },
        ],
      },
    });
    const nyse = await get<CalendarBody>('/api/calendars/nyse?from=2024-07-01&to=2024-07-08');
    expect(nyse.status).toBe(200);
    expect(nyse.body).toMatchObject({
      exchange: 'NYSE',
      timezone: 'America/New_York',
      sessions: ['2024-07-01', '2024-07-02', '2024-07-03', '2024-07-05', '2024-07-08'],
    });
    const lse = await get<CalendarBody>('/api/calendars/LSE?from=2024-12-23&to=2024-12-31');
    expect(lse.body.sessions).toEqual([
      '2024-12-23',
      '2024-12-24',
      '2024-12-27',
      '2024-12-30',
      '2024-12-31',
    ]);
    const xetra = await get<CalendarBody>('/api/calendars/XETRA?from=2024-10-03&to=2024-10-03');
    expect(xetra.body).toMatchObject({ timezone: 'Europe/Berlin', sessions: ['2024-10-03'] });
  });

  it('defaults the range to a calendar year', async () => {
    const year = new Date().getUTCFullYear();
    const crypto = await get<CalendarBody>('/api/calendars/CRYPTO');
    expect(crypto.status).toBe(200);
    expect(crypto.body).toMatchObject({
      exchange: 'CRYPTO',
      timezone: 'UTC',
      from: `${year}-01-01`,
      to: `${year}-12-31`,
      closures: [],
    });
    const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
    expect(crypto.body.sessions).toHaveLength(leap ? 366 : 365);
    const fromOnly = await get<CalendarBody>('/api/calendars/NYSE?from=2024-12-20');
    expect(fromOnly.body).toMatchObject({ from: '2024-12-20', to: '2024-12-31' });
    expect(fromOnly.body.sessions).toEqual([
      '2024-12-20',
      '2024-12-23',
      '2024-12-24',
      '2024-12-26',
      '2024-12-27',
      '2024-12-30',
      '2024-12-31',
    ]);
    const toOnly = await get<CalendarBody>('/api/calendars/NYSE?to=2024-01-03');
    expect(toOnly.body).toMatchObject({
      from: '2024-01-01',
      sessions: ['2024-01-02', '2024-01-03'],
    });
  });

  it('lists the exchanges it has calendars for', async () => {
    const list = await get<Record<string, unknown>>('/api/calendars');
    expect(list).toEqual({
      status: 200,
      body: {
        success: true,
        exchanges: [
          { exchange: 'TSE', timezone: 'Asia/Tokyo' },
          { exchange: 'NYSE', timezone: 'America/New_York' },
          { exchange: 'LSE', timezone: 'Europe/London' },
          { exchange: 'XETRA', timezone: 'Europe/Berlin' },
          { exchange: 'CRYPTO', timezone: 'UTC' },
        ],
        first_day: '1970-01-01',
        last_day: '2099-12-31',
        max_span_years: 20,
      },
    });
  });

  it('refuses bad ranges with 400 naming the problem, unknown exchanges with 404 naming the known', async () => {
    const cases: Array<[string, number, string, string]> = [
      ['/api/calendars/TSE?from=2024-02-01&to=2024-01-31', 400, 'INVALID_RANGE', 'is before from'],
      [
        '/api/calendars/TSE?from=2000-01-01&to=2024-12-31',
        400,
        'INVALID_RANGE',
        'at most 20 years',
      ],
      [
        '/api/calendars/TSE?from=1969-12-01&to=1970-01-31',
        400,
        'INVALID_RANGE',
        'between 1970-01-01',
      ],
      ['/api/calendars/TSE?to=2100-01-01', 400, 'INVALID_RANGE', 'between 1970-01-01'],
      ['/api/calendars/TSE?from=2024-02-30', 400, 'VALIDATION_FAILED', 'from must be a date'],
      ['/api/calendars/TSE?to=20240131', 400, 'VALIDATION_FAILED', 'to must be a date'],
      ['/api/calendars/TSE?from=2024-01-01&from=2024-02-01', 400, 'VALIDATION_FAILED', 'from'],
      ['/api/calendars/TSE?year=2024', 400, 'VALIDATION_FAILED', 'year should not exist'],
      ['/api/calendars/HKEX', 404, 'UNKNOWN_EXCHANGE', 'supported: TSE, NYSE, LSE, XETRA, CRYPTO'],
    ];
    for (const [path, status, code, message] of cases) {
      const res = await get<ErrorBody>(path);
      expect({ path, status: res.status, code: res.body.error?.code }).toEqual({
        path,
        status,
        code,
      });
      expect(res.body.error.message).toContain(message);
    }
    const reversed = await get<ErrorBody>('/api/calendars/TSE?from=2024-02-01&to=2024-01-31');
    expect(reversed.body.error.details).toEqual({ field: 'to' });
    const unknown = await get<ErrorBody>('/api/calendars/HKEX');
    expect(unknown.body.error.details).toEqual({
      exchange: 'HKEX',
      supported: ['TSE', 'NYSE', 'LSE', 'XETRA', 'CRYPTO'],
    });
    // Without a key: 401 first, whatever the exchange.
    expect((await get<ErrorBody>('/api/calendars/TSE', null)).status).toBe(401);
    expect((await get<ErrorBody>('/api/calendars/HKEX', null)).status).toBe(401);
  });
});
