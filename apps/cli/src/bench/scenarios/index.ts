import { Scenario } from '../bench-context';
import { coverageScenario } from './coverage.scenario';
import { importScenario } from './import.scenario';
import { ingestScenario } from './ingest.scenario';
import { jobsScenario } from './jobs.scenario';
import { memoryScenario } from './memory.scenario';
import { queryScenario } from './query.scenario';
import { reingestScenario } from './reingest.scenario';
import { startScenario } from './start.scenario';
import { statusScenario } from './status.scenario';
import { uiScenario } from './ui.scenario';
import { workersScenario } from './workers.scenario';

/** Every scenario, in the order a full run takes them (ingest's data serves the next three). */
export const SCENARIOS: readonly Scenario[] = [
  ingestScenario,
  reingestScenario,
  queryScenario,
  memoryScenario,
  jobsScenario,
  workersScenario,
  statusScenario,
  startScenario,
  importScenario,
  // Seeds 4,000 symbols × 10 years of daily candles (≈10 M rows): after the scenarios that time writes.
  coverageScenario,
  // Last: it adds its history of batches to the bench database.
  uiScenario,
];
