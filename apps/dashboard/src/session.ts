import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Role } from './api/client';

export interface SessionInfo {
  role: Role;
  csrfToken: string | null;
}

export interface SessionApi {
  session: SessionInfo;
  /** True for an admin key: the pages show the controls that change things. */
  canChange: boolean;
  signOut: () => Promise<void>;
}

export const SessionContext = createContext<SessionApi | null>(null);

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (value === null) throw new Error('useSession outside a signed-in page');
  return value;
}
