// Generated from the API's OpenAPI document (/docs-json) by scripts/dashboard-openapi.mjs.
// Do not edit: `npm run build` (or `npm run dashboard:openapi`) writes it.

export interface paths {
    "/api/session": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Who am I
         * @description The role of the key or session, and the CSRF token of a session.
         */
        get: operations["SessionController_current"];
        put?: never;
        /**
         * Sign in (dashboard)
         * @description Checks the key; sets the session cookie and answers its role and CSRF token. A wrong key: 401, no cookie.
         */
        post: operations["SessionController_signIn"];
        /**
         * Sign out
         * @description Ends the session at once on every API replica and clears the cookie (needs X-CSRF-Token).
         */
        delete: operations["SessionController_signOut"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/bulk/start": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Start a batch
         * @description Records the batch and one row per symbol, then enqueues one job per symbol. Answers at once.
         */
        post: operations["BulkController_start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/bulk/status/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Status and progress of a batch */
        get: operations["BulkController_status"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/bulk/stop/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Stop a batch
         * @description Queued symbols are cancelled; nothing more is written once it returns.
         */
        post: operations["BulkController_stop"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/bulk/pause/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Pause a batch
         * @description Takes its queued jobs out of Redis; running ones finish and count.
         */
        post: operations["BulkController_pause"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/bulk/resume/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Resume a paused batch
         * @description Enqueues its open symbols again.
         */
        post: operations["BulkController_resume"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/backfill": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Plan or start a backfill
         * @description For each symbol (or the universe's), the sessions of its exchange in [from, to] (or the last `sessions`) that are neither stored nor answered empty by the provider before (unless include_empty), as ranges of consecutive sessions. dry_run: 200 with the plan. Otherwise 202 and a `backfill` batch whose jobs fetch only their symbol's ranges, one provider request per range; nothing missing: 200 with nothing_to_do and no batch. 400 UNSUPPORTED_INTERVAL (not 1d), INVALID_BATCH, INVALID_SYMBOL, TOO_MANY_SYMBOLS.
         */
        post: operations["BackfillController_start"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/batches": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Batch history
         * @description Filter by status, type, provider, schedule and created_at in [from, to); paginated.
         */
        get: operations["BatchesController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/batches/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Progress events of several batches (server-sent events)
         * @description One stream for a page of the history: `progress` (the status body) whenever a followed batch changes, until it is terminal; `created` ({batch_db_id}) when a newer batch appears; a keep-alive comment every 15 s. One poller per API process serves every stream.
         */
        get: operations["BatchesController_watch"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/batches/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One batch */
        get: operations["BatchesController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/batches/{id}/details": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Per-symbol rows of a batch
         * @description Attempts, retry round, records inserted, error; filter by status; paginated.
         */
        get: operations["BatchesController_details"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/batches/{id}/retry-failed": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Retry the failed symbols of a batch
         * @description Failed symbols start a new round with new job ids.
         */
        post: operations["BatchesController_retryFailed"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/batches/{id}/events": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Progress events of a batch (server-sent events)
         * @description `progress` (the status body) on every change, then `end` once the batch is terminal; a keep-alive comment every 15 s.
         */
        get: operations["BatchesController_events"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/schedules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every schedule, oldest first */
        get: operations["SchedulesController_list"];
        put?: never;
        /**
         * Create a schedule
         * @description Stored in PostgreSQL and run by a BullMQ job scheduler: exactly one batch per tick, however many API and worker replicas run. Batches it starts have batch_type "scheduled" and carry schedule_id and scheduled_for. With universe_sync instead of batch, each tick syncs the instrument registry from that listing (last_sync shows what it changed, last_error why it failed). With backfill, each tick plans the last `sessions` sessions and starts a `backfill` batch when something is missing (batch_type "backfill").
         */
        post: operations["SchedulesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/schedules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One schedule, with its next and last run */
        get: operations["SchedulesController_get"];
        put?: never;
        post?: never;
        /**
         * Delete a schedule
         * @description No new batch starts for it; batches it started keep running and stay listed.
         */
        delete: operations["SchedulesController_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/calendars": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** The exchanges with a trading calendar */
        get: operations["CalendarsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/calendars/{exchange}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Trading days of an exchange
         * @description Sessions (dates in the exchange's time zone) in [from, to], both included; without from and to, this calendar year (UTC). At most 20 years, between 1970-01-01 and 2099-12-31.
         */
        get: operations["CalendarsController_sessions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alert-rules": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Every alert rule, oldest first */
        get: operations["AlertRulesController_list"];
        put?: never;
        /**
         * Create an alert rule
         * @description Kinds: batch_failed, batch_stalled, symbol_stale, repeated_failures, data_anomaly, provider_errors. Bad kinds, parameters or channels answer 400 naming the field; a channel URL obeys WEBHOOK_ALLOWED_HOSTS (400 WEBHOOK_HOST_NOT_ALLOWED).
         */
        post: operations["AlertRulesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alert-rules/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** One alert rule */
        get: operations["AlertRulesController_get"];
        put?: never;
        post?: never;
        /**
         * Delete an alert rule
         * @description Its open alerts are resolved without notification; its alerts stay listed.
         */
        delete: operations["AlertRulesController_delete"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Alerts, newest first
         * @description Filter by state (firing, acknowledged, resolved), rule_id, kind, subject; paginated.
         */
        get: operations["AlertsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * One alert with its deliveries
         * @description Each notification (channel, firing or resolved) with every attempt.
         */
        get: operations["AlertsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/alerts/{id}/ack": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Acknowledge an alert
         * @description firing → acknowledged: still open, not notified again until it resolves. Acknowledging twice is harmless; a resolved alert answers 409.
         */
        post: operations["AlertsController_acknowledge"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/anomalies": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Data anomalies, newest candle first
         * @description price_jump, zero_volume_run and stale findings recorded at ingest (a flag: the candles are stored). Filter by symbol, source, interval, kind and the candle time in [from, to); paginated. 400 INVALID_SYMBOL, INVALID_RANGE (from not before to), VALIDATION_FAILED.
         */
        get: operations["AnomaliesController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/symbols": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * The instrument registry
         * @description Filter by provider, exchange, market segment, asset class, industry code, active and q (symbol or name); ordered by provider then symbol; paginated.
         */
        get: operations["SymbolsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/universe/sync": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Sync the instrument registry from a listing
         * @description Downloads the listing, then applies it in one transaction: new instruments added, changed ones updated, missing ones of that listing delisted (inactive, delisted_date = the listing date), returning ones relisted. The same listing twice changes nothing; a listing that cannot be read changes nothing (502/422); one older than the last applied is refused (409).
         */
        post: operations["UniverseController_sync"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness (compatibility alias of /health/ready)
         * @description 200 when PostgreSQL and Redis answer and no migration is pending; 503 otherwise.
         */
        get: operations["HealthController_check"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Liveness
         * @description 200 while the process runs.
         */
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Readiness
         * @description 200 when PostgreSQL and Redis answer and no migration is pending; 503 with the failing check otherwise.
         */
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Prometheus metrics
         * @description Prometheus text format: jobs, durations, rows upserted, queue depth, batches, Node defaults.
         */
        get: operations["MetricsController_metrics"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/ohlcv/{symbol}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Candles of a symbol
         * @description Series of one source (provider): ?source=, or the only source holding the symbol (several: 400 AMBIGUOUS_SOURCE naming them). Range [from, to), keyset paging with cursor = next_cursor, format=csv streams CSV. bucket resamples.
         */
        get: operations["OhlcvController_candles"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/funding-rates/{symbol}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Funding rates of a perpetual
         * @description Series of one source (provider): ?source=, or the only source holding the symbol (several: 400 AMBIGUOUS_SOURCE naming them). Range [from, to), keyset paging with cursor = next_cursor, format=csv streams CSV.
         */
        get: operations["OhlcvController_funding"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/open-interest/{symbol}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Open interest of a perpetual
         * @description Series of one source (provider): ?source=, or the only source holding the symbol (several: 400 AMBIGUOUS_SOURCE naming them). Range [from, to), keyset paging with cursor = next_cursor, format=csv streams CSV.
         */
        get: operations["OhlcvController_openInterest"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/symbols/{symbol}/coverage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Coverage of a symbol
         * @description Daily candles (interval 1d, the default): calendar-aware — the sessions of the symbol's exchange in [from, to] (inclusive days; default from its first stored day to the last session before today where the exchange is), how many are stored, which are missing and which the provider answered empty (the fetch ledger; not missing, not planned again by a backfill). `intervals` lists, per stored interval, the first and last candle, the count and gaps wider than a market pause (the report of other intervals). One source: ?source=, or the only source holding the symbol (several: 400 AMBIGUOUS_SOURCE).
         */
        get: operations["OhlcvController_coverage"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/corporate-actions/{symbol}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Splits and dividends of a symbol
         * @description Stored with its candles by providers that report them (Yahoo), oldest first, ts in [from, to); the source as for candles (?source=, or the only one holding them; several: 400 AMBIGUOUS_SOURCE).
         */
        get: operations["OhlcvController_corporateActions"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/api/coverage": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Coverage of daily candles per symbol, or as a heatmap
         * @description Series of the registry (active, or delisted with candles) and stored daily series, filtered by provider, exchange, market_segment or symbols, ordered by symbol and paged. Sessions come from each symbol's exchange calendar, clipped to its listing and delisting dates; sessions the provider answered empty (the fetch ledger) are not missing. format=matrix answers the heatmap: per symbol and day or week, [stored, expected]. 400 UNSUPPORTED_INTERVAL (not 1d), INVALID_RANGE, LIMIT_TOO_LARGE (heatmap over 2,000,000 cells).
         */
        get: operations["CoverageController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        SignInDto: {
            /**
             * @description One of API_KEYS
             * @example a-key-of-API_KEYS
             */
            api_key: string;
        };
        SessionResponseDto: {
            /** @enum {boolean} */
            success: true;
            /**
             * @description `read`: GET only; `admin`: anything
             * @enum {string}
             */
            role: "read" | "admin";
            /**
             * @description How this request authenticated: X-API-KEY header or session cookie
             * @enum {string}
             */
            via: "key" | "session";
            /** @description Send it as X-CSRF-Token with every change made with the cookie; null without a session */
            csrf_token: string | null;
            /** Format: date-time */
            expires_at: string | null;
        };
        /**
         * @description Stable, machine-readable code
         * @enum {string}
         */
        ApiErrorCode: "VALIDATION_FAILED" | "INVALID_JSON" | "BODY_TOO_DEEP" | "BODY_TOO_WIDE" | "CONTROL_CHARACTER" | "INVALID_BATCH" | "INVALID_SYMBOL" | "EMPTY_SYMBOLS" | "TOO_MANY_SYMBOLS" | "INVALID_RANGE" | "INVALID_BUCKET" | "LIMIT_TOO_LARGE" | "AMBIGUOUS_SOURCE" | "UNSUPPORTED_INTERVAL" | "INVALID_ID" | "INVALID_CRON" | "INVALID_TIMEZONE" | "UNKNOWN_PROVIDER" | "WEBHOOK_HOST_NOT_ALLOWED" | "WEBHOOK_PRIVATE_ADDRESS" | "WEBHOOK_URL_CREDENTIALS" | "SCHEDULE_TOO_FREQUENT" | "INVALID_ALERT_RULE" | "BAD_REQUEST" | "LISTING_FILE_REQUIRED" | "LISTING_OUTDATED" | "LISTING_NOT_A_LISTING" | "LISTING_CORRUPT" | "LISTING_EMPTY" | "LISTING_TOO_LARGE" | "LISTING_UNREACHABLE" | "LISTING_NOT_FOUND" | "UNAUTHORIZED" | "NOT_FOUND" | "UNKNOWN_EXCHANGE" | "METHOD_NOT_ALLOWED" | "CONFLICT" | "PAYLOAD_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "RATE_LIMITED" | "FORBIDDEN" | "CSRF_TOKEN_INVALID" | "NOT_ACCEPTABLE" | "REQUEST_TIMEOUT" | "UNPROCESSABLE_ENTITY" | "TOO_MANY_REQUESTS" | "NOT_IMPLEMENTED" | "BAD_GATEWAY" | "GATEWAY_TIMEOUT" | "INTERNAL_ERROR" | "QUEUE_UNAVAILABLE" | "DATABASE_UNAVAILABLE" | "SERVICE_UNAVAILABLE" | "ERROR";
        ApiErrorDetailDto: {
            /**
             * @description Stable, machine-readable code
             * @example VALIDATION_FAILED
             */
            code: components["schemas"]["ApiErrorCode"];
            /**
             * @description What went wrong, for humans
             * @example interval must be one of 1m, 5m, 15m, 30m, 1h, 1d, 1wk, 1mo
             */
            message: string;
            /** @description Extra data (e.g. the messages of each field) */
            details?: {
                [key: string]: unknown;
            };
        };
        ApiErrorResponseDto: {
            /** @enum {boolean} */
            success: false;
            error: components["schemas"]["ApiErrorDetailDto"];
        };
        UniverseFilterDto: {
            /**
             * @description Whose registry rows to select; the batch's provider when absent (e.g. `yahoo` for the JPX stocks fetched from another provider)
             * @example yahoo
             * @enum {string}
             */
            provider?: "yahoo" | "binance" | "bybit" | "csv" | "synthetic";
            /**
             * @description Exchange, e.g. TSE, BINANCE, BYBIT
             * @example TSE
             */
            exchange?: string;
            /**
             * @description Market segments (any of), e.g. Prime, Standard, Growth
             * @example [
             *       "Prime"
             *     ]
             */
            market_segment?: string[];
            /**
             * @description Asset classes (any of): equity, etf, reit, other, perpetual
             * @example [
             *       "equity"
             *     ]
             */
            asset_class?: string[];
            /**
             * @description Industry codes (any of), e.g. JPX 33-industry codes such as 3650
             * @example [
             *       "3650"
             *     ]
             */
            industry_code?: string[];
            /**
             * @description Only the first N matching symbols, in code order
             * @example 100
             */
            limit?: number;
        };
        StartBatchDto: {
            /**
             * @description Symbols to fetch (upper-cased and de-duplicated; at most MAX_SYMBOLS_PER_BATCH). Required unless universe is given.
             * @example [
             *       "7203.T",
             *       "6758.T",
             *       "^N225"
             *     ]
             */
            symbols?: string[];
            /**
             * @description Instead of symbols, symbols of the instrument registry (active ones, in code order): "all" of the batch's provider, or a filter (at most MAX_SYMBOLS_PER_BATCH; none selected: 400 INVALID_BATCH). The batch's params record the universe and the symbols it selected.
             * @example {
             *       "exchange": "TSE",
             *       "market_segment": [
             *         "Prime"
             *       ]
             *     }
             */
            universe?: "all" | components["schemas"]["UniverseFilterDto"];
            /**
             * @description Candle interval
             * @example 1d
             * @enum {string}
             */
            interval: "1m" | "5m" | "15m" | "30m" | "1h" | "1d" | "1wk" | "1mo";
            /**
             * @description Market-data provider; MARKET_DATA_PROVIDER when absent
             * @example yahoo
             * @enum {string}
             */
            provider?: "yahoo" | "binance" | "bybit" | "csv" | "synthetic";
            /**
             * @description Start of the range (ISO 8601 date or date-time)
             * @example 2020-01-01
             */
            from?: string;
            /**
             * @description End of the range, exclusive (ISO 8601); now when absent
             * @example 2024-12-31T00:00:00Z
             */
            to?: string;
            /**
             * @description incremental: from the last stored candle of each symbol; full: the whole range
             * @example full
             * @enum {string}
             */
            mode?: "incremental" | "full";
            /**
             * @description What to fetch; ohlcv when absent
             * @enum {string}
             */
            data_type?: "ohlcv" | "funding_rate" | "open_interest";
            /**
             * @description Also notify this http(s) URL (besides WEBHOOK_URL) with a signed JSON POST when the batch ends (completed, completed_with_errors, failed, stopped)
             * @example https://hooks.example.com/market-ingest
             */
            webhook_url?: string;
        };
        StartBatchResponseDto: {
            /** @enum {boolean} */
            success: true;
            /** @example job-1795457971739 */
            job_id: string;
            /** @example 42 */
            batch_db_id: number;
            /** @enum {string} */
            status: "accepted";
            total_symbols: number;
            /** @description Symbols given more than once */
            duplicates_removed: string[];
        };
        BatchProgressDto: {
            total: number;
            processed: number;
            successful: number;
            failed: number;
            /**
             * @description processed / total in %, one decimal
             * @example 66.6
             */
            percent: number;
        };
        BatchResponseDto: {
            /** @example job-1795457971739 */
            job_id: string;
            /** @example 42 */
            batch_db_id: number;
            /**
             * @description bulk, universe or scheduled
             * @example bulk
             */
            batch_type: string;
            /** @enum {string} */
            status: "pending" | "running" | "paused" | "stopping" | "stopped" | "completed" | "completed_with_errors" | "failed";
            /** @enum {string} */
            interval: "1m" | "5m" | "15m" | "30m" | "1h" | "1d" | "1wk" | "1mo";
            /** @enum {string} */
            provider: "yahoo" | "binance" | "bybit" | "csv" | "synthetic";
            /** @description mode, data_type, from, to, universe, universe_symbols (the symbols a universe selected; GET /api/batches shows their count, universe_count), duplicates_removed, webhook_url */
            params: {
                [key: string]: unknown;
            };
            progress: components["schemas"]["BatchProgressDto"];
            /** Format: date-time */
            start_time: string | null;
            /** Format: date-time */
            end_time: string | null;
            error_message: string | null;
            /** Format: date-time */
            created_at: string;
            schedule_id: number | null;
            /** Format: date-time */
            scheduled_for: string | null;
            /** @enum {boolean} */
            success: true;
        };
        StartBackfillDto: {
            /**
             * @description Symbols to fetch (upper-cased and de-duplicated; at most MAX_SYMBOLS_PER_BATCH). Required unless universe is given.
             * @example [
             *       "7203.T",
             *       "6758.T",
             *       "^N225"
             *     ]
             */
            symbols?: string[];
            /**
             * @description Instead of symbols, symbols of the instrument registry (active ones, in code order): "all" of the batch's provider, or a filter (at most MAX_SYMBOLS_PER_BATCH; none selected: 400 INVALID_BATCH). The batch's params record the universe and the symbols it selected.
             * @example {
             *       "exchange": "TSE",
             *       "market_segment": [
             *         "Prime"
             *       ]
             *     }
             */
            universe?: "all" | components["schemas"]["UniverseFilterDto"];
            /**
             * @description Market-data provider; MARKET_DATA_PROVIDER when absent
             * @example yahoo
             * @enum {string}
             */
            provider?: "yahoo" | "binance" | "bybit" | "csv" | "synthetic";
            /**
             * @description Also notify this http(s) URL (besides WEBHOOK_URL) with a signed JSON POST when the batch ends (completed, completed_with_errors, failed, stopped)
             * @example https://hooks.example.com/market-ingest
             */
            webhook_url?: string;
            /**
             * @description Only daily candles (1d) are planned from calendar-aware coverage
             * @example 1d
             * @enum {string}
             */
            interval: "1m" | "5m" | "15m" | "30m" | "1h" | "1d" | "1wk" | "1mo";
            /**
             * @description First day to repair (YYYY-MM-DD). Required unless sessions is given
             * @example 2025-01-01
             */
            from?: string;
            /**
             * @description Last day to repair, inclusive. Default and upper bound: the last session of each symbol's exchange before today
             * @example 2025-12-31
             */
            to?: string;
            /**
             * @description Instead of from: the last N sessions of each symbol's exchange up to `to` (what a nightly schedule repairs)
             * @example 30
             */
            sessions?: number;
            /**
             * @description Also ask again for ranges the provider answered empty before (the fetch ledger); default false
             * @example false
             */
            include_empty?: boolean;
            /**
             * @description true: answer the plan (200), start nothing; default false
             * @example true
             */
            dry_run?: boolean;
        };
        BackfillPlanDto: {
            /** @example 2025-01-01 */
            from: string | null;
            /** @example 2025-12-30 */
            to: string;
            sessions: number | null;
            include_empty: boolean;
            /** @description Symbols with a gap */
            symbols: number;
            ranges: number;
            missing_sessions: number;
            /** @description Provider requests the batch will make */
            requests: number;
        };
        PlannedRangeDto: {
            /** @example 2025-01-06 */
            from: string;
            /** @example 2025-01-10 */
            to: string;
            /** @example 5 */
            sessions: number;
        };
        BackfillItemDto: {
            /** @example 7203.T */
            symbol: string;
            /** @example yahoo */
            source: string;
            /** @example TSE */
            exchange: string | null;
            missing_sessions: number;
            requests: number;
            ranges: components["schemas"]["PlannedRangeDto"][];
        };
        BackfillPlanResponseDto: {
            /** @enum {boolean} */
            success: true;
            /** @example yahoo */
            provider: string;
            /** @description true: nothing is missing, no batch was started */
            nothing_to_do?: boolean;
            plan: components["schemas"]["BackfillPlanDto"];
            /** @description Only symbols with a gap */
            items: components["schemas"]["BackfillItemDto"][];
        };
        BackfillStartedResponseDto: {
            /** @enum {boolean} */
            success: true;
            /** @example job-1795457971739 */
            job_id: string;
            batch_db_id: number;
            /** @enum {string} */
            status: "accepted";
            /** @enum {string} */
            batch_type: "backfill";
            total_symbols: number;
            plan: components["schemas"]["BackfillPlanDto"];
            items: components["schemas"]["BackfillItemDto"][];
        };
        BatchDto: {
            /** @example job-1795457971739 */
            job_id: string;
            /** @example 42 */
            batch_db_id: number;
            /**
             * @description bulk, universe or scheduled
             * @example bulk
             */
            batch_type: string;
            /** @enum {string} */
            status: "pending" | "running" | "paused" | "stopping" | "stopped" | "completed" | "completed_with_errors" | "failed";
            /** @enum {string} */
            interval: "1m" | "5m" | "15m" | "30m" | "1h" | "1d" | "1wk" | "1mo";
            /** @enum {string} */
            provider: "yahoo" | "binance" | "bybit" | "csv" | "synthetic";
            /** @description mode, data_type, from, to, universe, universe_symbols (the symbols a universe selected; GET /api/batches shows their count, universe_count), duplicates_removed, webhook_url */
            params: {
                [key: string]: unknown;
            };
            progress: components["schemas"]["BatchProgressDto"];
            /** Format: date-time */
            start_time: string | null;
            /** Format: date-time */
            end_time: string | null;
            error_message: string | null;
            /** Format: date-time */
            created_at: string;
            schedule_id: number | null;
            /** Format: date-time */
            scheduled_for: string | null;
        };
        BatchListResponseDto: {
            /** @description Rows matching the filter */
            total: number;
            /** @example 1 */
            page: number;
            /** @example 50 */
            page_size: number;
            /** @enum {boolean} */
            success: true;
            items: components["schemas"]["BatchDto"][];
        };
        RefetchSplitDto: {
            /**
             * Format: date-time
             * @example 2020-08-31T00:00:00.000Z
             */
            ts: string;
            /** @example 4 */
            numerator: number;
            /** @example 1 */
            denominator: number;
        };
        DetailRefetchDto: {
            /** @description new_split: a split dated after the first stored candle that the stored history did not reflect; overlap_mismatch: the re-fetched newest candle disagreed with the stored one beyond rounding */
            reasons: ("new_split" | "overlap_mismatch")[];
            /** @example a 4:1 split on 2020-08-31 the stored history (from 2020-01-02) does not reflect; the overlap candle changed: the candle of 2020-11-06T00:00:00.000Z opened at 118.32, stored 473.28 */
            message: string;
            /** @description The new splits */
            splits: components["schemas"]["RefetchSplitDto"][];
            /** @description Candles the full fetch returned */
            candles: number;
            /** @description Stored candles inside the fetched range the provider no longer has: deleted */
            deleted: number;
            /** @description Stored candles older than the provider's history, adjusted by the new splits (prices ÷ ratio, volume × ratio) */
            adjusted: number;
            /** @description Stored candles older than the provider's history left as they were (no split to adjust by) */
            kept: number;
        };
        DetailDto: {
            id: number;
            /** @example 7203.T */
            symbol: string;
            /** @enum {string} */
            status: "pending" | "queued" | "running" | "succeeded" | "failed" | "cancelled";
            attempts: number;
            retry_round: number;
            records_inserted: number;
            rejected_records: number;
            /** Format: date-time */
            start_time: string | null;
            /** Format: date-time */
            end_time: string | null;
            error_message: string | null;
            /** @description Set when the symbol's stored history was fetched again in full */
            refetch: components["schemas"]["DetailRefetchDto"] | null;
        };
        BatchDetailsResponseDto: {
            /** @description Rows matching the filter */
            total: number;
            /** @example 1 */
            page: number;
            /** @example 50 */
            page_size: number;
            /** @enum {boolean} */
            success: true;
            batch_db_id: number;
            job_id: string;
            items: components["schemas"]["DetailDto"][];
        };
        RetryFailedResponseDto: {
            /** @example job-1795457971739 */
            job_id: string;
            /** @example 42 */
            batch_db_id: number;
            /**
             * @description bulk, universe or scheduled
             * @example bulk
             */
            batch_type: string;
            /** @enum {string} */
            status: "pending" | "running" | "paused" | "stopping" | "stopped" | "completed" | "completed_with_errors" | "failed";
            /** @enum {string} */
            interval: "1m" | "5m" | "15m" | "30m" | "1h" | "1d" | "1wk" | "1mo";
            /** @enum {string} */
            provider: "yahoo" | "binance" | "bybit" | "csv" | "synthetic";
            /** @description mode, data_type, from, to, universe, universe_symbols (the symbols a universe selected; GET /api/batches shows their count, universe_count), duplicates_removed, webhook_url */
            params: {
                [key: string]: unknown;
            };
            progress: components["schemas"]["BatchProgressDto"];
            /** Format: date-time */
            start_time: string | null;
            /** Format: date-time */
            end_time: string | null;
            error_message: string | null;
            /** Format: date-time */
            created_at: string;
            schedule_id: number | null;
            /** Format: date-time */
            scheduled_for: string | null;
            /** @enum {boolean} */
            success: true;
            /** @description Symbols enqueued again */
            retried: number;
        };
        UniverseSyncActionDto: {
            /**
             * @description Listing to sync from (a csv listing syncs from a file, with the CLI)
             * @example jpx
             * @enum {string}
             */
            source: "jpx" | "binance" | "bybit";
        };
        BackfillRequestDto: {
            /**
             * @description Symbols to fetch (upper-cased and de-duplicated; at most MAX_SYMBOLS_PER_BATCH). Required unless universe is given.
             * @example [
             *       "7203.T",
             *       "6758.T",
             *       "^N225"
             *     ]
             */
            symbols?: string[];
            /**
             * @description Instead of symbols, symbols of the instrument registry (active ones, in code order): "all" of the batch's provider, or a filter (at most MAX_SYMBOLS_PER_BATCH; none selected: 400 INVALID_BATCH). The batch's params record the universe and the symbols it selected.
             * @example {
             *       "exchange": "TSE",
             *       "market_segment": [
             *         "Prime"
             *       ]
             *     }
             */
            universe?: "all" | components["schemas"]["UniverseFilterDto"];
            /**
             * @description Market-data provider; MARKET_DATA_PROVIDER when absent
             * @example yahoo
             * @enum {string}
             */
            provider?: "yahoo" | "binance" | "bybit" | "csv" | "synthetic";
            /**
             * @description Also notify this http(s) URL (besides WEBHOOK_URL) with a signed JSON POST when the batch ends (completed, completed_with_errors, failed, stopped)
             * @example https://hooks.example.com/market-ingest
             */
            webhook_url?: string;
            /**
             * @description Only daily candles (1d) are planned from calendar-aware coverage
             * @example 1d
             * @enum {string}
             */
            interval: "1m" | "5m" | "15m" | "30m" | "1h" | "1d" | "1wk" | "1mo";
            /**
             * @description First day to repair (YYYY-MM-DD). Required unless sessions is given
             * @example 2025-01-01
             */
            from?: string;
            /**
             * @description Last day to repair, inclusive. Default and upper bound: the last session of each symbol's exchange before today
             * @example 2025-12-31
             */
            to?: string;
            /**
             * @description Instead of from: the last N sessions of each symbol's exchange up to `to` (what a nightly schedule repairs)
             * @example 30
             */
            sessions?: number;
            /**
             * @description Also ask again for ranges the provider answered empty before (the fetch ledger); default false
             * @example false
             */
            include_empty?: boolean;
        };
        CreateScheduleDto: {
            /**
             * @description A name for people
             * @example Tokyo close
             */
            name?: string;
            /**
             * @description Cron expression: 5 fields (minute hour day-of-month month day-of-week), 6 with seconds first, or @hourly/@daily/@weekly/@monthly/@yearly
             * @example 30 15 * * 1-5
             */
            cron: string;
            /**
             * @description IANA time zone the cron expression is read in; UTC when absent
             * @example Asia/Tokyo
             */
            timezone?: string;
            /** @description The batch each tick starts: the body of POST /api/bulk/start. Required unless universe_sync is given. */
            batch?: components["schemas"]["StartBatchDto"];
            /** @description Instead of batch: each tick syncs the instrument universe from this listing (as POST /api/universe/sync); giving both is 400 */
            universe_sync?: components["schemas"]["UniverseSyncActionDto"];
            /** @description Instead of batch: each tick plans and starts a backfill (as POST /api/backfill) of the last `sessions` sessions, e.g. {"universe": {"exchange": "TSE", "market_segment": ["Prime"]}, "interval": "1d", "sessions": 30}; from and to are refused (every tick would ask for the same days) */
            backfill?: components["schemas"]["BackfillRequestDto"];
        };
        UniverseSyncDto: {
            /**
             * @example jpx
             * @enum {string}
             */
            source: "jpx" | "binance" | "bybit" | "csv";
            /**
             * @description The listing's date (YYYY-MM-DD)
             * @example 2025-09-30
             */
            as_of: string;
            /**
             * @description Instruments new to the registry
             * @example 47
             */
            added: number;
            /** @description Listed instruments whose name, segment, industry … changed */
            updated: number;
            /**
             * @description Active instruments of this source missing from the listing: now inactive, delisted_date = as_of
             * @example 53
             */
            delisted: number;
            /** @description Inactive instruments listed again: active again */
            relisted: number;
            /** @description Listed instruments that did not change */
            unchanged: number;
            /** @description Active instruments of this source after the sync */
            active: number;
            /** @description Symbols added, in code order (at most 100; symbols_truncated says when cut) */
            added_symbols: string[];
            /** @description Symbols updated, in code order (at most 100; symbols_truncated says when cut) */
            updated_symbols: string[];
            /** @description Symbols delisted, in code order (at most 100; symbols_truncated says when cut) */
            delisted_symbols: string[];
            /** @description Symbols relisted, in code order (at most 100; symbols_truncated says when cut) */
            relisted_symbols: string[];
            /** @description True when a symbol list was cut (the counts are exact) */
            symbols_truncated: boolean;
        };
        ScheduleResponseDto: {
            /** @example 3 */
            id: number;
            /** @example Tokyo close */
            name: string | null;
            /** @example 30 15 * * 1-5 */
            cron: string;
            /**
             * @description IANA time zone
             * @example Asia/Tokyo
             */
            timezone: string;
            /** @description The batch each tick starts; null for a universe sync */
            batch: components["schemas"]["StartBatchDto"] | null;
            /** @description The listing each tick syncs the universe from; null for a batch */
            universe_sync: components["schemas"]["UniverseSyncActionDto"] | null;
            /** @description The backfill each tick plans and starts; null otherwise */
            backfill: components["schemas"]["BackfillRequestDto"] | null;
            /** Format: date-time */
            next_run_at: string | null;
            /** Format: date-time */
            last_run_at: string | null;
            last_batch_id: number | null;
            last_error: string | null;
            /** @description What the last successful universe sync changed (symbol lists: at most 20 each) */
            last_sync: components["schemas"]["UniverseSyncDto"] | null;
            /** Format: date-time */
            created_at: string;
            /** @enum {boolean} */
            success: true;
        };
        ScheduleDto: {
            /** @example 3 */
            id: number;
            /** @example Tokyo close */
            name: string | null;
            /** @example 30 15 * * 1-5 */
            cron: string;
            /**
             * @description IANA time zone
             * @example Asia/Tokyo
             */
            timezone: string;
            /** @description The batch each tick starts; null for a universe sync */
            batch: components["schemas"]["StartBatchDto"] | null;
            /** @description The listing each tick syncs the universe from; null for a batch */
            universe_sync: components["schemas"]["UniverseSyncActionDto"] | null;
            /** @description The backfill each tick plans and starts; null otherwise */
            backfill: components["schemas"]["BackfillRequestDto"] | null;
            /** Format: date-time */
            next_run_at: string | null;
            /** Format: date-time */
            last_run_at: string | null;
            last_batch_id: number | null;
            last_error: string | null;
            /** @description What the last successful universe sync changed (symbol lists: at most 20 each) */
            last_sync: components["schemas"]["UniverseSyncDto"] | null;
            /** Format: date-time */
            created_at: string;
        };
        ScheduleListResponseDto: {
            /** @enum {boolean} */
            success: true;
            items: components["schemas"]["ScheduleDto"][];
            total: number;
        };
        ExchangeCalendarDto: {
            /**
             * @example TSE
             * @enum {string}
             */
            exchange: "TSE" | "NYSE" | "LSE" | "XETRA" | "CRYPTO";
            /** @example Asia/Tokyo */
            timezone: string;
        };
        CalendarListResponseDto: {
            /** @enum {boolean} */
            success: true;
            exchanges: components["schemas"]["ExchangeCalendarDto"][];
            /**
             * Format: date
             * @description First day answered
             * @example 1970-01-01
             */
            first_day: string;
            /**
             * Format: date
             * @description Last day answered
             * @example 2099-12-31
             */
            last_day: string;
            /**
             * @description Longest range of one request
             * @example 20
             */
            max_span_years: number;
        };
        ClosureDto: {
            /**
             * Format: date
             * @example 2024-01-08
             */
            day: string;
            /** @example Coming of Age Day */
            name: string;
        };
        CalendarResponseDto: {
            /** @enum {boolean} */
            success: true;
            /**
             * @example TSE
             * @enum {string}
             */
            exchange: "TSE" | "NYSE" | "LSE" | "XETRA" | "CRYPTO";
            /**
             * @description IANA time zone of the exchange
             * @example Asia/Tokyo
             */
            timezone: string;
            /**
             * Format: date
             * @description First day of the range
             * @example 2024-01-01
             */
            from: string;
            /**
             * Format: date
             * @description Last day, included
             * @example 2024-12-31
             */
            to: string;
            /**
             * @description Trading days in [from, to], in order
             * @example [
             *       "2024-01-04",
             *       "2024-01-05"
             *     ]
             */
            sessions: string[];
            /** @description Weekdays in [from, to] without a session, with the reason */
            closures: components["schemas"]["ClosureDto"][];
        };
        AlertChannelDto: {
            /**
             * @example slack
             * @enum {string}
             */
            type: "slack" | "email" | "webhook";
            /**
             * @description slack and webhook: the http(s) URL (a Slack URL is shown as its origin only: it is a credential)
             * @example https://hooks.slack.com/…
             */
            url?: string;
            /**
             * @description email: the recipients
             * @example [
             *       "ops@example.com"
             *     ]
             */
            to?: string[];
        };
        CreateAlertRuleDto: {
            /**
             * @description A name for people
             * @example Nightly batch failed
             */
            name: string;
            /**
             * @example batch_failed
             * @enum {string}
             */
            kind: "batch_failed" | "batch_stalled" | "symbol_stale" | "repeated_failures" | "data_anomaly" | "provider_errors";
            /**
             * @description Parameters of the kind (defaults filled in): batch_failed {min_failed_ratio: 0.5, provider?}; batch_stalled {minutes: 30, provider?}; symbol_stale {sessions: 3, interval: "1d", source?, symbols?}; repeated_failures {count: 3, provider?}; data_anomaly {kinds: [all], window_minutes: 60, source?}; provider_errors {ratio: 0.5, window_minutes: 15, min_attempts: 20, provider?}
             * @example {
             *       "min_failed_ratio": 0.2
             *     }
             */
            params?: {
                [key: string]: unknown;
            };
            /** @description Where notifications go: Slack incoming webhooks, e-mail (needs SMTP_URL), signed webhooks; at most 10. URLs obey WEBHOOK_ALLOWED_HOSTS. */
            channels: components["schemas"]["AlertChannelDto"][];
            /**
             * @description false: stored but not evaluated
             * @default true
             */
            enabled: boolean;
        };
        AlertRuleResponseDto: {
            /** @example 1 */
            id: number;
            /** @example Nightly batch failed */
            name: string;
            /** @enum {string} */
            kind: "batch_failed" | "batch_stalled" | "symbol_stale" | "repeated_failures" | "data_anomaly" | "provider_errors";
            /**
             * @example {
             *       "min_failed_ratio": 0.5
             *     }
             */
            params: {
                [key: string]: unknown;
            };
            channels: components["schemas"]["AlertChannelDto"][];
            enabled: boolean;
            /** Format: date-time */
            created_at: string;
            /** @enum {boolean} */
            success: true;
        };
        AlertRuleDto: {
            /** @example 1 */
            id: number;
            /** @example Nightly batch failed */
            name: string;
            /** @enum {string} */
            kind: "batch_failed" | "batch_stalled" | "symbol_stale" | "repeated_failures" | "data_anomaly" | "provider_errors";
            /**
             * @example {
             *       "min_failed_ratio": 0.5
             *     }
             */
            params: {
                [key: string]: unknown;
            };
            channels: components["schemas"]["AlertChannelDto"][];
            enabled: boolean;
            /** Format: date-time */
            created_at: string;
        };
        AlertRuleListResponseDto: {
            /** @enum {boolean} */
            success: true;
            items: components["schemas"]["AlertRuleDto"][];
            total: number;
            page: number;
            page_size: number;
        };
        AlertDto: {
            /** @example 7 */
            id: number;
            /** @example 1 */
            rule_id: number;
            /** @example Nightly batch failed */
            rule_name: string;
            /** @enum {string} */
            kind: "batch_failed" | "batch_stalled" | "symbol_stale" | "repeated_failures" | "data_anomaly" | "provider_errors";
            /**
             * @description What it is about: batch:<id>, <source>:<symbol>, provider:<name>
             * @example batch:42
             */
            subject: string;
            /** @enum {string} */
            state: "firing" | "acknowledged" | "resolved";
            /** @example batch 42 (job-1795457971739) ended with 7 of 10 symbols failed (70%) */
            message: string;
            /** @description The subject as fields (batch_id; source, symbol; provider) and the figures */
            details: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            first_at: string;
            /**
             * Format: date-time
             * @description Last change: fired, its message changed (figures), acknowledged not counted, resolved
             */
            last_at: string;
            /** Format: date-time */
            resolved_at: string | null;
            /** Format: date-time */
            acknowledged_at: string | null;
        };
        AlertListResponseDto: {
            /** @enum {boolean} */
            success: true;
            items: components["schemas"]["AlertDto"][];
            total: number;
            page: number;
            page_size: number;
        };
        NotificationAttemptDto: {
            /** Format: date-time */
            at: string;
            attempt: number;
            status_code: number | null;
            error: string | null;
            /** @enum {string} */
            outcome: "delivered" | "retried" | "failed";
        };
        AlertDeliveryDto: {
            id: number;
            /**
             * @description Sent as X-Market-Ingest-Delivery (and in the body): de-duplicate on it
             * @example alert-12
             */
            delivery_id: string;
            /** @enum {string} */
            event: "firing" | "resolved";
            channel: components["schemas"]["AlertChannelDto"];
            attempts: number;
            attempt_log: components["schemas"]["NotificationAttemptDto"][];
            last_status_code: number | null;
            last_error: string | null;
            /** Format: date-time */
            created_at: string;
            /** Format: date-time */
            delivered_at: string | null;
            /** Format: date-time */
            failed_at: string | null;
            /** @enum {string} */
            status: "pending" | "delivered" | "failed";
        };
        AlertDetailResponseDto: {
            /** @example 7 */
            id: number;
            /** @example 1 */
            rule_id: number;
            /** @example Nightly batch failed */
            rule_name: string;
            /** @enum {string} */
            kind: "batch_failed" | "batch_stalled" | "symbol_stale" | "repeated_failures" | "data_anomaly" | "provider_errors";
            /**
             * @description What it is about: batch:<id>, <source>:<symbol>, provider:<name>
             * @example batch:42
             */
            subject: string;
            /** @enum {string} */
            state: "firing" | "acknowledged" | "resolved";
            /** @example batch 42 (job-1795457971739) ended with 7 of 10 symbols failed (70%) */
            message: string;
            /** @description The subject as fields (batch_id; source, symbol; provider) and the figures */
            details: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            first_at: string;
            /**
             * Format: date-time
             * @description Last change: fired, its message changed (figures), acknowledged not counted, resolved
             */
            last_at: string;
            /** Format: date-time */
            resolved_at: string | null;
            /** Format: date-time */
            acknowledged_at: string | null;
            /** @enum {boolean} */
            success: true;
            deliveries: components["schemas"]["AlertDeliveryDto"][];
        };
        AlertResponseDto: {
            /** @example 7 */
            id: number;
            /** @example 1 */
            rule_id: number;
            /** @example Nightly batch failed */
            rule_name: string;
            /** @enum {string} */
            kind: "batch_failed" | "batch_stalled" | "symbol_stale" | "repeated_failures" | "data_anomaly" | "provider_errors";
            /**
             * @description What it is about: batch:<id>, <source>:<symbol>, provider:<name>
             * @example batch:42
             */
            subject: string;
            /** @enum {string} */
            state: "firing" | "acknowledged" | "resolved";
            /** @example batch 42 (job-1795457971739) ended with 7 of 10 symbols failed (70%) */
            message: string;
            /** @description The subject as fields (batch_id; source, symbol; provider) and the figures */
            details: {
                [key: string]: unknown;
            };
            /** Format: date-time */
            first_at: string;
            /**
             * Format: date-time
             * @description Last change: fired, its message changed (figures), acknowledged not counted, resolved
             */
            last_at: string;
            /** Format: date-time */
            resolved_at: string | null;
            /** Format: date-time */
            acknowledged_at: string | null;
            /** @enum {boolean} */
            success: true;
        };
        AnomalyDto: {
            /** @example 12 */
            id: number;
            /**
             * @description The provider that produced the series
             * @example yahoo
             */
            source: string;
            /** @example AAPL */
            symbol: string;
            /** @enum {string} */
            interval: "1m" | "5m" | "15m" | "30m" | "1h" | "1d" | "1wk" | "1mo";
            /**
             * @description price_jump: the close moved more than ANOMALY_JUMP_RATIO against the previous one with no corporate action that day; zero_volume_run: ANOMALY_ZERO_VOLUME_RUN consecutive candles with volume 0; stale: STALE_SESSIONS sessions of the exchange went by after this candle with no newer one
             * @enum {string}
             */
            kind: "price_jump" | "zero_volume_run" | "stale";
            /**
             * Format: date-time
             * @description The candle it is about: the one that jumped, the one at which the run reached its length, the newest one before the series went stale
             */
            ts: string;
            /** Format: date-time */
            detected_at: string;
            /** @description The batch whose fetch found it */
            batch_execution_id: number | null;
            /**
             * @description price_jump: previous_ts, previous_close, close, ratio, threshold; zero_volume_run: run_start, threshold; stale: exchange, last_day, as_of, sessions, threshold
             * @example {
             *       "previous_ts": "2024-01-08T00:00:00.000Z",
             *       "previous_close": 10.2,
             *       "close": 102,
             *       "ratio": 10,
             *       "threshold": 1.8
             *     }
             */
            details: {
                [key: string]: unknown;
            };
        };
        AnomalyListResponseDto: {
            /** @enum {boolean} */
            success: true;
            items: components["schemas"]["AnomalyDto"][];
            /** @description Rows matching the filter */
            total: number;
            /** @example 1 */
            page: number;
            /** @example 50 */
            page_size: number;
        };
        SymbolDto: {
            /**
             * @example yahoo
             * @enum {string}
             */
            provider: "yahoo" | "binance" | "bybit" | "csv" | "synthetic";
            /** @example 7203.T */
            symbol: string;
            /** @example トヨタ自動車 */
            name: string | null;
            /** @example TSE */
            exchange: string | null;
            /** @example equity */
            asset_class: string | null;
            /** @example Prime */
            market_segment: string | null;
            /** @example 3700 */
            industry_code: string | null;
            /** @example 輸送用機器 */
            industry_name: string | null;
            /** @example JPY */
            currency: string | null;
            /** @description False once a newer listing of its source no longer names it */
            active: boolean;
            /** Format: date */
            listed_date: string | null;
            /**
             * Format: date
             * @description Date of the listing that no longer named it
             */
            delisted_date: string | null;
            /** @description jpx, binance, bybit, csv; null: entered by hand */
            listing_source: string | null;
            /** Format: date-time */
            first_seen_at: string;
            /**
             * Format: date-time
             * @description When a sync last found it in a (newer) listing
             */
            last_seen_at: string;
            /**
             * Format: date-time
             * @description When a sync last changed it
             */
            updated_at: string;
        };
        SymbolListResponseDto: {
            /** @enum {boolean} */
            success: true;
            items: components["schemas"]["SymbolDto"][];
            /** @description Instruments matching the filters */
            total: number;
            page: number;
            page_size: number;
        };
        SyncUniverseDto: {
            /**
             * @description jpx: JPX_LISTING_URL (TSE issues, provider yahoo); binance: BINANCE_BASE_URL/fapi/v1/exchangeInfo; bybit: BYBIT_BASE_URL/v5/market/instruments-info?category=linear
             * @example jpx
             * @enum {string}
             */
            source: "jpx" | "binance" | "bybit";
        };
        UniverseSyncResponseDto: {
            /**
             * @example jpx
             * @enum {string}
             */
            source: "jpx" | "binance" | "bybit" | "csv";
            /**
             * @description The listing's date (YYYY-MM-DD)
             * @example 2025-09-30
             */
            as_of: string;
            /**
             * @description Instruments new to the registry
             * @example 47
             */
            added: number;
            /** @description Listed instruments whose name, segment, industry … changed */
            updated: number;
            /**
             * @description Active instruments of this source missing from the listing: now inactive, delisted_date = as_of
             * @example 53
             */
            delisted: number;
            /** @description Inactive instruments listed again: active again */
            relisted: number;
            /** @description Listed instruments that did not change */
            unchanged: number;
            /** @description Active instruments of this source after the sync */
            active: number;
            /** @description Symbols added, in code order (at most 100; symbols_truncated says when cut) */
            added_symbols: string[];
            /** @description Symbols updated, in code order (at most 100; symbols_truncated says when cut) */
            updated_symbols: string[];
            /** @description Symbols delisted, in code order (at most 100; symbols_truncated says when cut) */
            delisted_symbols: string[];
            /** @description Symbols relisted, in code order (at most 100; symbols_truncated says when cut) */
            relisted_symbols: string[];
            /** @description True when a symbol list was cut (the counts are exact) */
            symbols_truncated: boolean;
            /** @enum {boolean} */
            success: true;
        };
        CandleDto: {
            /**
             * Format: date-time
             * @description Start of the period (ISO 8601, UTC)
             */
            ts: string;
            open: number;
            high: number;
            low: number;
            close: number;
            adj_close: number | null;
            volume: number;
        };
        CandlesPageDto: {
            /** @enum {boolean} */
            success: true;
            /**
             * @description Provider whose series this is: the one named by ?source=, else the only one holding the symbol; null when none holds it (the answer is empty)
             * @example binance
             */
            source: string | null;
            /** @example 7203.T */
            symbol: string;
            /** @example 1000 */
            count: number;
            /**
             * Format: date-time
             * @description Pass as cursor for the next page; null on the last page
             */
            next_cursor: string | null;
            /** @enum {string} */
            interval: "1m" | "5m" | "15m" | "30m" | "1h" | "1d" | "1wk" | "1mo";
            /**
             * @description The resampling interval, if any
             * @enum {string|null}
             */
            bucket: "1m" | "5m" | "15m" | "30m" | "1h" | "1d" | "1wk" | "1mo" | null;
            items: components["schemas"]["CandleDto"][];
        };
        FundingRateDto: {
            /**
             * Format: date-time
             * @description Start of the period (ISO 8601, UTC)
             */
            ts: string;
            funding_rate: number;
            mark_price: number | null;
        };
        FundingRatesPageDto: {
            /** @enum {boolean} */
            success: true;
            /**
             * @description Provider whose series this is: the one named by ?source=, else the only one holding the symbol; null when none holds it (the answer is empty)
             * @example binance
             */
            source: string | null;
            /** @example 7203.T */
            symbol: string;
            /** @example 1000 */
            count: number;
            /**
             * Format: date-time
             * @description Pass as cursor for the next page; null on the last page
             */
            next_cursor: string | null;
            items: components["schemas"]["FundingRateDto"][];
        };
        OpenInterestDto: {
            /**
             * Format: date-time
             * @description Start of the period (ISO 8601, UTC)
             */
            ts: string;
            open_interest: number;
            open_interest_value: number | null;
        };
        OpenInterestPageDto: {
            /** @enum {boolean} */
            success: true;
            /**
             * @description Provider whose series this is: the one named by ?source=, else the only one holding the symbol; null when none holds it (the answer is empty)
             * @example binance
             */
            source: string | null;
            /** @example 7203.T */
            symbol: string;
            /** @example 1000 */
            count: number;
            /**
             * Format: date-time
             * @description Pass as cursor for the next page; null on the last page
             */
            next_cursor: string | null;
            /** @enum {string} */
            interval: "1m" | "5m" | "15m" | "30m" | "1h" | "1d" | "1wk" | "1mo";
            items: components["schemas"]["OpenInterestDto"][];
        };
        SessionRangeDto: {
            /**
             * @description First session (inclusive)
             * @example 2025-01-06
             */
            from: string;
            /**
             * @description Last session (inclusive)
             * @example 2025-01-10
             */
            to: string;
            /** @example 5 */
            sessions: number;
        };
        GapDto: {
            /** Format: date-time */
            after: string;
            /** Format: date-time */
            before: string;
            missing_ms: number;
        };
        IntervalCoverageDto: {
            /** @enum {string} */
            interval: "1m" | "5m" | "15m" | "30m" | "1h" | "1d" | "1wk" | "1mo";
            /** Format: date-time */
            first: string;
            /** Format: date-time */
            last: string;
            candles: number;
            /** @description Widest first, at most 50 */
            gaps: components["schemas"]["GapDto"][];
        };
        SymbolCoverageResponseDto: {
            /** @enum {boolean} */
            success: true;
            /** @example yahoo */
            source: string | null;
            /** @example 7203.T */
            symbol: string;
            /** @example 1d */
            interval: string;
            /**
             * @description Exchange whose sessions are expected (daily candles)
             * @example TSE
             */
            exchange: string | null;
            /**
             * @description The exchange, or "weekdays" (Monday to Friday) when none fits
             * @example TSE
             */
            calendar?: string;
            /** @example 2025-01-01 */
            from?: string;
            /** @example 2025-12-30 */
            to?: string;
            /** @example 2015-01-05 */
            first?: string | null;
            /** @example 2025-12-30 */
            last?: string | null;
            expected_sessions?: number;
            stored_sessions?: number;
            /** @description Sessions neither stored nor answered empty by the provider */
            missing_sessions?: number;
            empty_fetched_sessions?: number;
            missing?: components["schemas"]["SessionRangeDto"][];
            /** @description Sessions the provider was asked for and had nothing (the fetch ledger) */
            empty_fetched?: components["schemas"]["SessionRangeDto"][];
            /** @description Per stored interval: span, count and gaps wider than a market pause */
            intervals: components["schemas"]["IntervalCoverageDto"][];
        };
        CorporateActionDto: {
            /** Format: date-time */
            ts: string;
            /**
             * @description split or dividend
             * @example split
             */
            type: string;
            /** @description Dividend per share */
            amount: number | null;
            /** @description Split ratio numerator */
            numerator: number | null;
            /** @description Split ratio denominator */
            denominator: number | null;
        };
        CorporateActionsResponseDto: {
            /** @enum {boolean} */
            success: true;
            /**
             * @description Provider whose series this is: the one named by ?source=, else the only one holding the symbol; null when none holds it (the answer is empty)
             * @example binance
             */
            source: string | null;
            /** @example 7203.T */
            symbol: string;
            items: components["schemas"]["CorporateActionDto"][];
        };
        CoverageItemDto: {
            /** @example 7203.T */
            symbol: string;
            /** @example yahoo */
            source: string;
            /**
             * @description A calendar (TSE, NYSE, LSE, XETRA, CRYPTO); null when none fits the symbol
             * @example TSE
             */
            exchange: string | null;
            /** @example Prime */
            market_segment: string | null;
            /** @example 2025-01-01 */
            from: string;
            /** @example 2025-12-30 */
            to: string;
            expected_sessions: number;
            stored_sessions: number;
            missing_sessions: number;
            empty_fetched_sessions: number;
            first: string | null;
            last: string | null;
        };
        CoverageListResponseDto: {
            /** @enum {boolean} */
            success: true;
            /** @example 1d */
            interval: string;
            /** @example 2025-01-01 */
            from: string;
            /** @example 2025-12-31 */
            to: string;
            items: components["schemas"]["CoverageItemDto"][];
            total: number;
            page: number;
            page_size: number;
        };
        MatrixSymbolDto: {
            /** @example 7203.T */
            symbol: string;
            /** @example yahoo */
            source: string;
            /**
             * @description A calendar (TSE, NYSE, LSE, XETRA, CRYPTO); null when none fits the symbol
             * @example TSE
             */
            exchange: string | null;
        };
        CoverageMatrixResponseDto: {
            /** @enum {boolean} */
            success: true;
            /** @example 1d */
            interval: string;
            /** @enum {string} */
            granularity: "day" | "week";
            /** @example 2025-01-01 */
            from: string;
            /** @example 2025-12-31 */
            to: string;
            /** @description Column starts: days, or Mondays of weeks */
            days: string[];
            symbols: components["schemas"]["MatrixSymbolDto"][];
            /** @description Per symbol, per column: [stored sessions, sessions expected of the source] (sessions the provider answered empty are not expected), or null when the column holds no session */
            cells: (number[] | null)[][];
            total: number;
            page: number;
            page_size: number;
        };
        HealthResponseDto: {
            /** @enum {string} */
            status: "ok" | "error" | "shutting_down";
            /** @description Checks that are up */
            info?: {
                [key: string]: components["schemas"]["HealthCheckStatusDto"];
            };
            /** @description Checks that are down */
            error?: {
                [key: string]: components["schemas"]["HealthCheckStatusDto"];
            };
            /** @description Every check */
            details: {
                [key: string]: components["schemas"]["HealthCheckStatusDto"];
            };
        };
        HealthCheckStatusDto: {
            /** @enum {string} */
            status: "up" | "down";
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    SessionController_current: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    SessionController_signIn: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SignInDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SessionResponseDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: not a key of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    SessionController_signOut: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Signed out */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description FORBIDDEN: a read key (or its session) may not change anything; CSRF_TOKEN_INVALID: a change with the session cookie lacks its X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    BulkController_start: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StartBatchDto"];
            };
        };
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StartBatchResponseDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description FORBIDDEN: a read key (or its session) may not change anything; CSRF_TOKEN_INVALID: a change with the session cookie lacks its X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description QUEUE_UNAVAILABLE: Redis refused or did not answer in time; a start wrote nothing */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    BulkController_status: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description batch_db_id or job-<ms> */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchResponseDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description NOT_FOUND: no such batch */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    BulkController_stop: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description batch_db_id or job-<ms> */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchResponseDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description FORBIDDEN: a read key (or its session) may not change anything; CSRF_TOKEN_INVALID: a change with the session cookie lacks its X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description NOT_FOUND: no such batch */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description CONFLICT: the batch's status does not allow this action; LISTING_OUTDATED: a listing older than the last applied */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    BulkController_pause: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description batch_db_id or job-<ms> */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchResponseDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description FORBIDDEN: a read key (or its session) may not change anything; CSRF_TOKEN_INVALID: a change with the session cookie lacks its X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description NOT_FOUND: no such batch */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description CONFLICT: the batch's status does not allow this action; LISTING_OUTDATED: a listing older than the last applied */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    BulkController_resume: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description batch_db_id or job-<ms> */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchResponseDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description FORBIDDEN: a read key (or its session) may not change anything; CSRF_TOKEN_INVALID: a change with the session cookie lacks its X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description NOT_FOUND: no such batch */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description CONFLICT: the batch's status does not allow this action; LISTING_OUTDATED: a listing older than the last applied */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description QUEUE_UNAVAILABLE: Redis refused or did not answer in time; a start wrote nothing */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    BackfillController_start: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["StartBackfillDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BackfillPlanResponseDto"];
                };
            };
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BackfillStartedResponseDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description FORBIDDEN: a read key (or its session) may not change anything; CSRF_TOKEN_INVALID: a change with the session cookie lacks its X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description QUEUE_UNAVAILABLE: Redis refused or did not answer in time; a start wrote nothing */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    BatchesController_list: {
        parameters: {
            query?: {
                /** @description Page, 1-based */
                page?: number;
                /** @description Rows per page */
                page_size?: number;
                /** @description Batch statuses: comma-separated (running,paused) or repeated */
                status?: ("pending" | "running" | "paused" | "stopping" | "stopped" | "completed" | "completed_with_errors" | "failed")[];
                /** @description Batch type */
                type?: string;
                /** @description Provider of the batch */
                provider?: "yahoo" | "binance" | "bybit" | "csv" | "synthetic";
                /** @description Created at or after (ISO 8601) */
                from?: string;
                /** @description Created before (ISO 8601) */
                to?: string;
                /** @description Only batches started by this schedule */
                schedule_id?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchListResponseDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    BatchesController_watch: {
        parameters: {
            query?: {
                /** @description batch_db_ids to follow, comma-separated (at most 200); none: only `created` events */
                ids?: number[];
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/event-stream of progress and created events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    BatchesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description batch_db_id or job-<ms> */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchResponseDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description NOT_FOUND: no such batch */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    BatchesController_details: {
        parameters: {
            query?: {
                /** @description Page, 1-based */
                page?: number;
                /** @description Rows per page */
                page_size?: number;
                /** @description Symbol statuses: comma-separated (failed,stopped) or repeated */
                status?: ("pending" | "queued" | "running" | "succeeded" | "failed" | "cancelled")[];
            };
            header?: never;
            path: {
                /** @description batch_db_id or job-<ms> */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BatchDetailsResponseDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description NOT_FOUND: no such batch */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    BatchesController_retryFailed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description batch_db_id or job-<ms> */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["RetryFailedResponseDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description FORBIDDEN: a read key (or its session) may not change anything; CSRF_TOKEN_INVALID: a change with the session cookie lacks its X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description NOT_FOUND: no such batch */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description CONFLICT: the batch's status does not allow this action; LISTING_OUTDATED: a listing older than the last applied */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description QUEUE_UNAVAILABLE: Redis refused or did not answer in time; a start wrote nothing */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    BatchesController_events: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description batch_db_id or job-<ms> */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description text/event-stream of progress and end events */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description NOT_FOUND: no such batch */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/event-stream": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    SchedulesController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduleListResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    SchedulesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateScheduleDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduleResponseDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description FORBIDDEN: a read key (or its session) may not change anything; CSRF_TOKEN_INVALID: a change with the session cookie lacks its X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description QUEUE_UNAVAILABLE: Redis refused or did not answer in time; a start wrote nothing */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    SchedulesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ScheduleResponseDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description NOT_FOUND: no such batch */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    SchedulesController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description FORBIDDEN: a read key (or its session) may not change anything; CSRF_TOKEN_INVALID: a change with the session cookie lacks its X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description NOT_FOUND: no such batch */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    CalendarsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarListResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    CalendarsController_sessions: {
        parameters: {
            query?: {
                /** @description First day (YYYY-MM-DD); default 1 January of the year of `to`, else of this year */
                from?: string;
                /** @description Last day, included (YYYY-MM-DD); default 31 December of the year of `from` */
                to?: string;
            };
            header?: never;
            path: {
                /** @description Any case */
                exchange: "TSE" | "NYSE" | "LSE" | "XETRA" | "CRYPTO";
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CalendarResponseDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNKNOWN_EXCHANGE: no calendar for this exchange (details.supported lists them) */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    AlertRulesController_list: {
        parameters: {
            query?: {
                /** @description Page, 1-based */
                page?: number;
                /** @description Rows per page */
                page_size?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRuleListResponseDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    AlertRulesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateAlertRuleDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRuleResponseDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description FORBIDDEN: a read key (or its session) may not change anything; CSRF_TOKEN_INVALID: a change with the session cookie lacks its X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description PAYLOAD_TOO_LARGE: the body is larger than the limit */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    AlertRulesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertRuleResponseDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description NOT_FOUND: no such batch */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    AlertRulesController_delete: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description FORBIDDEN: a read key (or its session) may not change anything; CSRF_TOKEN_INVALID: a change with the session cookie lacks its X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description NOT_FOUND: no such batch */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    AlertsController_list: {
        parameters: {
            query?: {
                /** @description Page, 1-based */
                page?: number;
                /** @description Rows per page */
                page_size?: number;
                /** @description States: comma-separated (firing,acknowledged) or repeated */
                state?: ("firing" | "acknowledged" | "resolved")[];
                /** @description Only alerts of this rule */
                rule_id?: number;
                /** @description Kinds: comma-separated or repeated */
                kind?: ("batch_failed" | "batch_stalled" | "symbol_stale" | "repeated_failures" | "data_anomaly" | "provider_errors")[];
                /** @description Exact subject */
                subject?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertListResponseDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    AlertsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertDetailResponseDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description NOT_FOUND: no such batch */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    AlertsController_acknowledge: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AlertResponseDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description FORBIDDEN: a read key (or its session) may not change anything; CSRF_TOKEN_INVALID: a change with the session cookie lacks its X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description NOT_FOUND: no such batch */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description CONFLICT: the batch's status does not allow this action; LISTING_OUTDATED: a listing older than the last applied */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    AnomaliesController_list: {
        parameters: {
            query?: {
                /** @description Page, 1-based */
                page?: number;
                /** @description Rows per page */
                page_size?: number;
                /** @description Symbol (any case, read upper-cased) */
                symbol?: string;
                /** @description Source (the provider that produced the series; any case) */
                source?: string;
                /** @description Interval of the series */
                interval?: "1m" | "5m" | "15m" | "30m" | "1h" | "1d" | "1wk" | "1mo";
                /** @description Kinds: comma-separated (price_jump,stale) or repeated */
                kind?: ("price_jump" | "zero_volume_run" | "stale")[];
                /** @description First candle time (ISO 8601) */
                from?: string;
                /** @description End of the candle times, exclusive (ISO 8601) */
                to?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["AnomalyListResponseDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    SymbolsController_list: {
        parameters: {
            query?: {
                /** @description Page, 1-based */
                page?: number;
                /** @description Rows per page */
                page_size?: number;
                /** @description Provider of the instruments */
                provider?: "yahoo" | "binance" | "bybit" | "csv" | "synthetic";
                /** @description Exchange (TSE, BINANCE, BYBIT, …) */
                exchange?: string;
                /** @description Market segments: comma-separated or repeated (any of them) */
                market_segment?: string[];
                /** @description Asset classes: comma-separated or repeated (any of them) */
                asset_class?: string[];
                /** @description Industry codes: comma-separated or repeated (any of them) */
                industry_code?: string[];
                /** @description true: listed instruments only; false: delisted ones only; absent: both */
                active?: boolean;
                /** @description Part of the symbol or the name, case-insensitive (full-width letters and digits of names match their ASCII forms) */
                q?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SymbolListResponseDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    UniverseController_sync: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["SyncUniverseDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["UniverseSyncResponseDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description FORBIDDEN: a read key (or its session) may not change anything; CSRF_TOKEN_INVALID: a change with the session cookie lacks its X-CSRF-Token */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description CONFLICT: the batch's status does not allow this action; LISTING_OUTDATED: a listing older than the last applied */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description LISTING_NOT_A_LISTING, LISTING_CORRUPT, LISTING_EMPTY, LISTING_TOO_LARGE: what came back is not a usable listing; nothing changed */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description LISTING_UNREACHABLE, LISTING_NOT_FOUND: the listing's host did not answer, failed or has no such file; nothing changed */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    HealthController_check: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every check is up */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthResponseDto"];
                };
            };
            /** @description A check is down (named, without details) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthResponseDto"];
                };
            };
        };
    };
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every check is up */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthResponseDto"];
                };
            };
            /** @description A check is down (named, without details) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthResponseDto"];
                };
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Every check is up */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthResponseDto"];
                };
            };
            /** @description A check is down (named, without details) */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["HealthResponseDto"];
                };
            };
        };
    };
    MetricsController_metrics: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text exposition format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
        };
    };
    OhlcvController_candles: {
        parameters: {
            query?: {
                /** @description Provider whose series to read (any case). Default: the only source holding the symbol; several: 400 AMBIGUOUS_SOURCE naming them in details.candidates */
                source?: string;
                /** @description Stored interval */
                interval?: "1m" | "5m" | "15m" | "30m" | "1h" | "1d" | "1wk" | "1mo";
                /** @description First timestamp (ISO 8601) */
                from?: string;
                /** @description End of the range, exclusive (ISO 8601) */
                to?: string;
                /** @description next_cursor of the previous page */
                cursor?: string;
                /** @description Rows: default 1000 and at most 50000 for JSON; default all for CSV */
                limit?: number;
                /** @description Resample into this coarser interval (candles only) */
                bucket?: "1m" | "5m" | "15m" | "30m" | "1h" | "1d" | "1wk" | "1mo";
                /** @description json, or csv (streamed) */
                format?: "json" | "csv";
            };
            header?: never;
            path: {
                /** @description Symbol (1-32 ASCII letters, digits and . _ = ^ & -; any case, read upper-cased) */
                symbol: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CandlesPageDto"];
                    "text/csv": components["schemas"]["CandlesPageDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                    "text/csv": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    OhlcvController_funding: {
        parameters: {
            query?: {
                /** @description Provider whose series to read (any case). Default: the only source holding the symbol; several: 400 AMBIGUOUS_SOURCE naming them in details.candidates */
                source?: string;
                /** @description Stored interval */
                interval?: "1m" | "5m" | "15m" | "30m" | "1h" | "1d" | "1wk" | "1mo";
                /** @description First timestamp (ISO 8601) */
                from?: string;
                /** @description End of the range, exclusive (ISO 8601) */
                to?: string;
                /** @description next_cursor of the previous page */
                cursor?: string;
                /** @description Rows: default 1000 and at most 50000 for JSON; default all for CSV */
                limit?: number;
                /** @description Resample into this coarser interval (candles only) */
                bucket?: "1m" | "5m" | "15m" | "30m" | "1h" | "1d" | "1wk" | "1mo";
                /** @description json, or csv (streamed) */
                format?: "json" | "csv";
            };
            header?: never;
            path: {
                /** @description Symbol (1-32 ASCII letters, digits and . _ = ^ & -; any case, read upper-cased) */
                symbol: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FundingRatesPageDto"];
                    "text/csv": components["schemas"]["FundingRatesPageDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                    "text/csv": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    OhlcvController_openInterest: {
        parameters: {
            query?: {
                /** @description Provider whose series to read (any case). Default: the only source holding the symbol; several: 400 AMBIGUOUS_SOURCE naming them in details.candidates */
                source?: string;
                /** @description Stored interval */
                interval?: "1m" | "5m" | "15m" | "30m" | "1h" | "1d" | "1wk" | "1mo";
                /** @description First timestamp (ISO 8601) */
                from?: string;
                /** @description End of the range, exclusive (ISO 8601) */
                to?: string;
                /** @description next_cursor of the previous page */
                cursor?: string;
                /** @description Rows: default 1000 and at most 50000 for JSON; default all for CSV */
                limit?: number;
                /** @description Resample into this coarser interval (candles only) */
                bucket?: "1m" | "5m" | "15m" | "30m" | "1h" | "1d" | "1wk" | "1mo";
                /** @description json, or csv (streamed) */
                format?: "json" | "csv";
            };
            header?: never;
            path: {
                /** @description Symbol (1-32 ASCII letters, digits and . _ = ^ & -; any case, read upper-cased) */
                symbol: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["OpenInterestPageDto"];
                    "text/csv": components["schemas"]["OpenInterestPageDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                    "text/csv": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    OhlcvController_coverage: {
        parameters: {
            query?: {
                /** @description First day counted (YYYY-MM-DD, or an ISO instant: its UTC date). Default: one year before `to` (a symbol: its first stored day) */
                from?: string;
                /** @description Last day counted, inclusive. Default and upper bound: the last session of the symbol's exchange before today (where the exchange is) */
                to?: string;
                /** @description Provider whose series to read (any case). Default: the only source holding the symbol; several: 400 AMBIGUOUS_SOURCE naming them in details.candidates */
                source?: string;
                /** @description 1d (default): calendar-aware coverage of the daily candles. Another interval: its stored span and gaps wider than a market pause (`intervals`) */
                interval?: "1m" | "5m" | "15m" | "30m" | "1h" | "1d" | "1wk" | "1mo";
            };
            header?: never;
            path: {
                /** @description Symbol (1-32 ASCII letters, digits and . _ = ^ & -; any case, read upper-cased) */
                symbol: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SymbolCoverageResponseDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    OhlcvController_corporateActions: {
        parameters: {
            query?: {
                /** @description Provider whose series to read (any case). Default: the only source holding the symbol; several: 400 AMBIGUOUS_SOURCE naming them in details.candidates */
                source?: string;
                /** @description First timestamp (ISO 8601) */
                from?: string;
                /** @description End of the range, exclusive (ISO 8601) */
                to?: string;
            };
            header?: never;
            path: {
                /** @description Symbol (1-32 ASCII letters, digits and . _ = ^ & -; any case, read upper-cased) */
                symbol: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CorporateActionsResponseDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
    CoverageController_list: {
        parameters: {
            query?: {
                /** @description Page, 1-based */
                page?: number;
                /** @description Rows per page */
                page_size?: number;
                /** @description Only daily candles (1d) are counted: another interval is 400 UNSUPPORTED_INTERVAL */
                interval?: "1m" | "5m" | "15m" | "30m" | "1h" | "1d" | "1wk" | "1mo";
                /** @description First day counted (YYYY-MM-DD). Default: one year before `to` */
                from?: string;
                /** @description Last day counted, inclusive (YYYY-MM-DD). Default: yesterday (UTC) */
                to?: string;
                /** @description Source (provider) of the series and of the registry rows; default: all */
                provider?: string;
                /** @description Exchange (a calendar: TSE, NYSE, LSE, XETRA, CRYPTO, or an alias such as XTKS); other names match the registry's exchange */
                exchange?: string;
                /** @description Market segments of the registry: comma-separated or repeated */
                market_segment?: string[];
                /** @description Only these symbols: comma-separated or repeated (upper-cased) */
                symbols?: string[];
                /** @description json (default): per symbol; matrix: the heatmap */
                format?: "json" | "matrix";
                /** @description Columns of the matrix: day or week (Mondays). Default: day up to a year, else week */
                granularity?: "day" | "week";
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CoverageListResponseDto"] | components["schemas"]["CoverageMatrixResponseDto"];
                };
            };
            /** @description Invalid input: VALIDATION_FAILED, INVALID_JSON, INVALID_SYMBOL, INVALID_RANGE, UNKNOWN_PROVIDER, … */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description UNAUTHORIZED: X-API-KEY missing or not one of API_KEYS */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
            /** @description RATE_LIMITED: more than API_RATE_LIMIT requests in a minute with this key; see Retry-After */
            429: {
                headers: {
                    /** @description Seconds until the key may call again */
                    "Retry-After"?: number;
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ApiErrorResponseDto"];
                };
            };
        };
    };
}
