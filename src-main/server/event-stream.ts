/** Service events (import progress) to every open page, as Server-Sent Events on /api/events. */
import type { ServerResponse } from 'node:http';
import type { ServiceEvents } from '../../src-shared/contract';
import { SECURITY_HEADERS } from './http-io';

const KEEPALIVE_MS = 15_000;

export class EventStream {
  private readonly clients = new Set<ServerResponse>();
  private readonly timer = setInterval(() => this.write(': keepalive\n\n'), KEEPALIVE_MS);

  constructor() {
    this.timer.unref();
  }

  attach(res: ServerResponse): void {
    res.writeHead(200, { ...SECURITY_HEADERS, 'Content-Type': 'text/event-stream; charset=utf-8', Connection: 'keep-alive' });
    res.write(': connected\n\n');
    this.clients.add(res);
    res.on('close', () => this.clients.delete(res));
  }

  emit<K extends keyof ServiceEvents>(event: K, payload: ServiceEvents[K]): void {
    this.write(`event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`);
  }

  close(): void {
    clearInterval(this.timer);
    for (const res of this.clients) res.end();
    this.clients.clear();
  }

  private write(text: string): void {
    for (const res of this.clients) res.write(text);
  }
}
