export class BatchNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`batch ${id} not found`);
    this.name = 'BatchNotFoundError';
  }
}
