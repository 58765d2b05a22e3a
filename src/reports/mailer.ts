/**
 * E-mail for reminders, when the operator names an SMTP server inside the government network
 * (`LIUHEN_SMTP_URL`, e.g. `smtp://user:pass@mail.tjj.local:25`; `LIUHEN_SMTP_FROM`). Without
 * one, reminders stay in the app; nothing is ever sent to a server not configured.
 */
import nodemailer from 'nodemailer';
import type { Config } from '../platform/config.js';

export interface Mailer {
  send(to: string, subject: string, text: string): Promise<void>;
}

export function createMailer(config: Pick<Config, 'smtpUrl' | 'smtpFrom'>): Mailer | null {
  if (!config.smtpUrl) return null;

  const transport = nodemailer.createTransport(config.smtpUrl);
  return {
    async send(to, subject, text) {
      await transport.sendMail({ from: config.smtpFrom, to, subject, text });
    },
  };
}
