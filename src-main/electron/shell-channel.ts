/**
 * Shell commands on their way to the renderer. A command sent while the page is (re)loading
 * would be lost — nobody listens yet — so the channel queues until the renderer shows it is
 * running (its first engine request, made after App subscribes to `shell`), then delivers in
 * order. No electron import: main.ts wires `deliver` to webContents.send and the page events.
 */
import type { ShellCommand } from '../../src-shared/contract';

export interface ShellChannel {
  send(command: ShellCommand): void;
  /** The page started loading (first load or a reload): queue from now on. */
  loading(): void;
  /** The renderer made a request: it listens; flush the queue. */
  ready(): void;
}

export function createShellChannel(deliver: (command: ShellCommand) => void): ShellChannel {
  let listening = false;
  const queue: ShellCommand[] = [];
  return {
    send(command) {
      if (listening) deliver(command);
      else queue.push(command);
    },
    loading() {
      listening = false;
    },
    ready() {
      if (listening) return;
      listening = true;
      for (const command of queue.splice(0)) deliver(command);
    },
  };
}
