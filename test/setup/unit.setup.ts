import { Logger } from '@nestjs/common';

// Unit tests call services directly, without an app logger: keep Nest's console logger to warnings
// and errors so that debug lines (provider requests, job progress) do not flood the test output.
Logger.overrideLogger(['fatal', 'error', 'warn']);
