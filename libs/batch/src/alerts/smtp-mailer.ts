import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { AppConfig } from '@app/common';
import { smtpTransportOptions } from './smtp-options';

/** One message to send. */
export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  html: string;
  /** `Message-ID` (mail clients de-duplicate on it) and extra headers. */
  messageId: string;
  headers: Record<string, string>;
}

/** What the server said when it took a message. */
export interface MailReceipt {
  accepted: string[];
  rejected: string[];
  response: string;
}

/**
 * Sends mail through SMTP_URL with nodemailer (plain text and HTML parts, From ALERT_EMAIL_FROM).
 * One transport per process, made at the first mail; its options come from the URL (TLS when it
 * says smtps:, STARTTLS when the server offers it). nodemailer's own logger stays off, so
 * neither the URL nor the password reaches a log line.
 */
@Injectable()
export class SmtpMailer implements OnModuleDestroy {
  private transport: Transporter<SMTPTransport.SentMessageInfo> | undefined;

  constructor(private readonly config: AppConfig) {}

  get configured(): boolean {
    return this.config.smtpUrl !== '';
  }

  async send(mail: OutgoingMail): Promise<MailReceipt> {
    this.transport ??= createTransport(
      smtpTransportOptions(this.config.smtpUrl, this.config.webhookTimeoutMs),
    );
    const info = await this.transport.sendMail({
      from: this.config.alertEmailFrom,
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      messageId: mail.messageId,
      headers: mail.headers,
    });
    const list = (xs: unknown[] | undefined) =>
      (xs ?? []).map((x) => (typeof x === 'string' ? x : (x as { address: string }).address));
    return {
      accepted: list(info.accepted),
      rejected: list(info.rejected),
      response: info.response,
    };
  }

  onModuleDestroy(): void {
    this.transport?.close();
  }
}
