import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Post,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiSecurity,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { UnauthorizedException } from '@nestjs/common';
import { serialize } from 'cookie';
import type { Request, Response } from 'express';
import { AppConfig } from '@app/common';
import { ApiKeyGuard } from '../auth/api-key.guard';
import { RoutedRequest } from '../auth/principal';
import { AnyRoleRoute, PublicRoute } from '../auth/public-route.decorator';
import { SESSION_COOKIE, SESSION_COOKIE_PATH } from '../auth/session-cookie';
import { SessionStore } from '../auth/session.store';
import { ApiErrorResponseDto } from '../openapi/api-error-response.dto';
import { API_KEY_SCHEME, ApiErrors, SESSION_SCHEME } from '../openapi/api-errors.decorator';
import { SessionResponseDto } from './session-response.dto';
import { SignInDto } from './sign-in.dto';

/** Behind a TLS proxy the cookie is `Secure`; over plain HTTP (this machine, a LAN) it cannot be. */
function overHttps(request: Request): boolean {
  const forwarded = request.headers['x-forwarded-proto'];
  const proto = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return request.secure || proto === 'https';
}

/**
 * The dashboard's sign-in: an API key in, an HttpOnly, SameSite=Strict, signed, expiring cookie
 * out (Path=/api: only the API reads it). The key itself is never stored: the session keeps its
 * SHA-256, so its role is the key's role at each request, and a key removed from API_KEYS ends
 * its sessions.
 */
@ApiTags('session')
@Controller('api/session')
export class SessionController {
  private readonly ttlSeconds: number;

  constructor(
    config: AppConfig,
    private readonly guard: ApiKeyGuard,
    private readonly sessions: SessionStore,
  ) {
    this.ttlSeconds = config.sessionTtlSeconds;
  }

  @Post()
  @PublicRoute()
  @HttpCode(HttpStatus.CREATED)
  @ApiOperation({
    summary: 'Sign in (dashboard)',
    description:
      'Checks the key; sets the session cookie and answers its role and CSRF token. A wrong key: 401, no cookie.',
  })
  @ApiCreatedResponse({ type: SessionResponseDto })
  @ApiUnauthorizedResponse({
    description: 'UNAUTHORIZED: not a key of API_KEYS',
    type: ApiErrorResponseDto,
  })
  @ApiErrors(400, 429)
  async signIn(
    @Body() body: SignInDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<SessionResponseDto> {
    const matched = this.guard.keys.match(body.api_key);
    if (matched === null) throw new UnauthorizedException('invalid API key');
    const now = Math.floor(Date.now() / 1000);
    // Signing in again ends the session the browser had.
    const previous = this.guard.cookies.decode(this.guard.sessionCookie(request), now);
    if (previous !== null) await this.sessions.revoke(previous.sid);
    const { sid, session } = await this.sessions.open(matched.keyId, now);
    const value = this.guard.cookies.encode({ sid, expiresAt: session.expiresAt });
    response.setHeader('Set-Cookie', this.cookie(request, value, this.ttlSeconds));
    return {
      success: true,
      role: matched.role,
      via: 'session',
      csrf_token: session.csrfToken,
      expires_at: new Date(session.expiresAt * 1000).toISOString(),
    };
  }

  @Get()
  @ApiSecurity(API_KEY_SCHEME)
  @ApiCookieAuth(SESSION_SCHEME)
  @ApiOperation({
    summary: 'Who am I',
    description: 'The role of the key or session, and the CSRF token of a session.',
  })
  @ApiOkResponse({ type: SessionResponseDto })
  @ApiErrors(401, 429)
  current(@Req() request: RoutedRequest): SessionResponseDto {
    const principal = request.principal!;
    return {
      success: true,
      role: principal.role,
      via: principal.via,
      csrf_token: principal.session?.csrfToken ?? null,
      expires_at:
        principal.session === undefined
          ? null
          : new Date(principal.session.expiresAt * 1000).toISOString(),
    };
  }

  @Delete()
  @AnyRoleRoute()
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiCookieAuth(SESSION_SCHEME)
  @ApiOperation({
    summary: 'Sign out',
    description:
      'Ends the session at once on every API replica and clears the cookie (needs X-CSRF-Token).',
  })
  @ApiNoContentResponse({ description: 'Signed out' })
  @ApiErrors(401, 403, 429)
  async signOut(
    @Req() request: Request & RoutedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<void> {
    const session = request.principal?.session;
    if (session !== undefined) await this.sessions.revoke(session.sid);
    response.setHeader('Set-Cookie', this.cookie(request, '', 0));
  }

  private cookie(request: Request, value: string, maxAge: number): string {
    return serialize(SESSION_COOKIE, value, {
      httpOnly: true,
      sameSite: 'strict',
      secure: overHttps(request),
      path: SESSION_COOKIE_PATH,
      maxAge,
    });
  }
}
