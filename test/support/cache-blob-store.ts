/**
 * The blob storage behind the local cache service's signed URLs: answers what `@azure/storage-blob` sends
 * (single-shot Put Blob, Get Blob Properties, ranged Get Blob) and the plain GET of `@actions/http-client`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';

export const ACCOUNT = 'productionresultssa0';
export const CONTAINER = 'actions-cache';
/** The host of the real service's signed URLs; `@actions/cache` downloads through the Azure SDK only from it. */
export const AZURE_HOST = `${ACCOUNT}.blob.core.windows.net`;

export interface Reply {
  readonly status: number;
  readonly headers: Record<string, string | number>;
  readonly body?: string | Buffer;
}

/** `cw` (create, write) for upload URLs, `r` for download URLs: the `sp` of a real SAS. */
export type BlobPermission = 'cw' | 'r';

export interface BlobStore {
  /** A URL under `base` for `blobName` with a fresh fake `sig`; only that `sig` opens the blob for `permission`. */
  signedUrl(base: string, blobName: string, permission: BlobPermission): string;
  /** Size of the uploaded blob, or undefined when nothing was uploaded. */
  sizeOf(blobName: string): number | undefined;
  handle(method: string, url: URL, headers: IncomingHttpHeaders, body: Buffer): Reply;
}

interface Blob {
  readonly data: Buffer;
  readonly etag: string;
  readonly lastModified: string;
}

export function createBlobStore(): BlobStore {
  const blobs = new Map<string, Blob>();
  const signatures = new Map<string, string>();

  function download(method: string, blob: Blob, headers: IncomingHttpHeaders): Reply {
    const properties = {
      ...blobHeaders(blob),
      'accept-ranges': 'bytes',
      'content-type': 'application/octet-stream',
    };
    if (method === 'HEAD')
      return { status: 200, headers: { ...properties, 'content-length': blob.data.length } };
    if (method !== 'GET') return azureError(405, 'UnsupportedHttpVerb', `${method} is not supported`);
    // The Azure SDK asks for 4 MiB chunks in x-ms-range; http-client asks for the whole blob.
    const range = /^bytes=(\d+)-(\d*)$/.exec(String(headers['x-ms-range'] ?? headers.range ?? ''));
    if (!range) return { status: 200, headers: properties, body: blob.data };
    const start = Number(range[1]);
    const end = Math.min(range[2] ? Number(range[2]) : Infinity, blob.data.length - 1);
    if (start > end)
      return azureError(416, 'InvalidRange', 'The range specified is invalid for the current size.');
    const contentRange = `bytes ${start}-${end}/${blob.data.length}`;
    const body = blob.data.subarray(start, end + 1);
    return { status: 206, headers: { ...properties, 'content-range': contentRange }, body };
  }

  return {
    signedUrl(base, blobName, permission) {
      const sig = randomBytes(16).toString('base64');
      signatures.set(`${blobName} ${permission}`, sig);
      const query = new URLSearchParams({
        sv: '2024-11-04',
        sr: 'b',
        sp: permission,
        se: '2099-01-01T00:00:00Z',
        sig,
      });
      return `${base}/${CONTAINER}/${blobName}?${query.toString()}`;
    },
    sizeOf: (blobName) => blobs.get(blobName)?.data.length,
    handle(method, url, headers, body) {
      const [container, blobName = ''] = url.pathname.split('/').slice(-2);
      const sig = signatures.get(`${blobName} ${method === 'PUT' ? 'cw' : 'r'}`);
      if (container !== CONTAINER || sig === undefined || url.searchParams.get('sig') !== sig) {
        return azureError(
          403,
          'AuthenticationFailed',
          'The signature does not grant this access to this blob.',
        );
      }
      if (method !== 'PUT') {
        const blob = blobs.get(blobName);
        return blob
          ? download(method, blob, headers)
          : azureError(404, 'BlobNotFound', 'The blob does not exist.');
      }
      if (url.searchParams.has('comp')) {
        // Put Block / Put Block List: the client uses them only above 128 MiB (its maxSingleShotSize).
        return azureError(
          400,
          'UnsupportedQueryParameter',
          'this test service takes single-shot Put Blob only',
        );
      }
      if (headers['x-ms-blob-type'] !== 'BlockBlob') {
        return azureError(400, 'MissingRequiredHeader', 'x-ms-blob-type: BlockBlob is required');
      }
      const etag = `"0x${randomBytes(8).toString('hex').toUpperCase()}"`;
      const blob = { data: body, etag, lastModified: new Date().toUTCString() };
      blobs.set(blobName, blob);
      return { status: 201, headers: blobHeaders(blob), body: '' };
    },
  };
}

/** An Azure Storage error: XML body plus the x-ms-error-code header. */
export function azureError(status: number, code: string, message: string): Reply {
  const body = `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${message}</Message></Error>`;
  return { status, headers: { 'content-type': 'application/xml', 'x-ms-error-code': code }, body };
}

function blobHeaders(blob: Blob): Record<string, string> {
  return {
    etag: blob.etag,
    'last-modified': blob.lastModified,
    'x-ms-blob-type': 'BlockBlob',
    'x-ms-request-id': randomUUID(),
    'x-ms-version': '2024-11-04',
    'x-ms-request-server-encrypted': 'true',
  };
}
