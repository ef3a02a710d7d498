import { UnknownProviderError } from './errors/unknown-provider.error';
import type { MarketDataProvider } from './provider';

/** Picks a provider by name; fails loudly on an unknown one. */
export class ProviderRegistry {
  private readonly byName = new Map<string, MarketDataProvider>();

  constructor(providers: MarketDataProvider[]) {
    for (const p of providers) this.byName.set(p.name, p);
  }

  get(name: string): MarketDataProvider {
    const provider = this.byName.get(name);
    if (!provider) throw new UnknownProviderError(name, this.names());
    return provider;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  names(): string[] {
    return [...this.byName.keys()].sort();
  }
}
