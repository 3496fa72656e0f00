/**
 * Errors are data: they cross every boundary (IPC, HTTP, CLI) as {code, message, hint?, detail?}.
 * A UserError is something the user can fix (bad file, unknown column, bad name); anything else
 * is a bug and is reported as `internal`.
 */
export type ErrorCode =
  | 'bad_request'
  | 'not_found'
  | 'unreadable_file'
  | 'bad_format'
  | 'wrong_kind'
  | 'unknown_field'
  | 'bad_spec'
  | 'bad_name'
  | 'read_only'
  | 'cancelled'
  | 'conflict'
  /** The workspace is open for writing in another process (a read-only snapshot is offered). */
  | 'locked'
  /** The workspace file or its WAL cannot be read; it was moved aside and can be rebuilt. */
  | 'damaged'
  /** The disk holding the workspace (or its temp files) is full; nothing was changed. */
  | 'disk_full'
  | 'internal';

export interface ErrorShape {
  readonly code: ErrorCode;
  /** One line: what went wrong and where. */
  readonly message: string;
  /** What the user can do next. */
  readonly hint?: string;
  readonly detail?: string;
}

export class UserError extends Error implements ErrorShape {
  readonly code: ErrorCode;
  readonly hint?: string;
  readonly detail?: string;

  constructor(code: ErrorCode, message: string, hint?: string, detail?: string) {
    super(message);
    this.name = 'UserError';
    this.code = code;
    if (hint !== undefined) this.hint = hint;
    if (detail !== undefined) this.detail = detail;
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof UserError;
}

/** Turns anything thrown into the error shape that crosses a boundary. */
export function toErrorShape(e: unknown): ErrorShape {
  if (isUserError(e)) {
    return { code: e.code, message: e.message, ...(e.hint ? { hint: e.hint } : {}) };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { code: 'internal', message: `internal error: ${message.split('\n')[0]}`, detail: message };
}

/** One line for a terminal or a status bar: "message — hint". */
export function describeError(e: ErrorShape): string {
  return e.hint ? `${e.message} — ${e.hint}` : e.message;
}
