/**
 * One call of the service as it crosses a bridge (Electron IPC, HTTP): a known method and at most
 * one plain request object of that method's shape (request-shapes.ts). Each service method then
 * checks its own fields further.
 */
import { SERVICE_METHODS, type ServiceMethod } from './contract';
import { UserError } from './errors';
import { checkRequestShape } from './request-shapes';

export interface Invocation {
  readonly method: ServiceMethod;
  readonly args: Readonly<Record<string, unknown>> | undefined;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

function isServiceMethod(v: unknown): v is ServiceMethod {
  return typeof v === 'string' && (SERVICE_METHODS as readonly string[]).includes(v);
}

/** Checks a bridge payload; throws a UserError 'bad_request' naming what is wrong. */
export function parseInvocation(payload: unknown): Invocation {
  if (!isPlainObject(payload)) throw new UserError('bad_request', 'a request must be an object {method, args}');
  const { method, args } = payload;
  if (!isServiceMethod(method)) {
    throw new UserError('bad_request', `unknown method ${JSON.stringify(method)}`, `use one of: ${SERVICE_METHODS.join(', ')}`);
  }
  if (args !== undefined && !isPlainObject(args)) {
    throw new UserError('bad_request', `the arguments of ${method} must be one object`);
  }
  checkRequestShape(method, args);
  return { method, args };
}
