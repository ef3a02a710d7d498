import { SetMetadata } from '@nestjs/common';

export const PUBLIC_ROUTE = 'market-ingest:public-route';
export const ROLE_EXEMPT_ROUTE = 'market-ingest:role-exempt-route';

/** A route under /api that needs no credential (signing in, which takes the key in its body). */
export const PublicRoute = (): MethodDecorator => SetMetadata(PUBLIC_ROUTE, true);

/** A change any role may make (signing out): the CSRF token is still required with the cookie. */
export const AnyRoleRoute = (): MethodDecorator => SetMetadata(ROLE_EXEMPT_ROUTE, true);
