/**
 * Browser mode: sends one file's bytes to the server (POST /api/upload?name=…), which keeps it in
 * the session's upload folder and answers the path an import can read it from.
 */
import type { ErrorShape } from '../../../src-shared/errors';
import { ApiError } from '../../api/client';

export async function uploadFile(file: File): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`/api/upload?name=${encodeURIComponent(file.name)}`, { method: 'POST', credentials: 'same-origin', body: file });
  } catch {
    throw new ApiError({ code: 'internal', message: `cannot upload ${file.name}: the Tallybook server does not answer`, hint: 'is `tallybook serve` still running?' });
  }
  const body = (await res.json().catch(() => null)) as { path?: string; error?: ErrorShape } | null;
  if (!res.ok || typeof body?.path !== 'string') {
    throw new ApiError(body?.error ?? { code: 'internal', message: `the upload of ${file.name} failed (${res.status})` });
  }
  return body.path;
}

/** Uploading is for the browser mode; the desktop app imports files by their path. */
export const canUpload = typeof window !== 'undefined' && !window.tallybook;
