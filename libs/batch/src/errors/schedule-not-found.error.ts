export class ScheduleNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`schedule ${id} not found`);
    this.name = 'ScheduleNotFoundError';
  }
}
