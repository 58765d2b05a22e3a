/**
 * Uploads one evidence file as multipart form data, reporting progress. The JSON client has
 * no progress events, so this uses XMLHttpRequest with the same session cookie and CSRF
 * token, read fresh from the session, and turns failures into the same ApiError.
 */
import { ApiError } from '../api/client';
import { sessionApi } from '../session/session';
import { type Evidence, type EvidenceRole, recordLinks } from './records';

export interface UploadOptions {
  recordId: string;
  role: EvidenceRole;
  file: File;
  onProgress: (percent: number) => void;
  /** Lets the caller abort, e.g. when the page is left. */
  signal?: AbortSignal;
}

export async function uploadEvidence(options: UploadOptions): Promise<Evidence> {
  const { csrfToken } = await sessionApi.read();
  const body = new FormData();
  // The server reads the role before the file, so it must come first.
  body.append('role', options.role);
  body.append('file', options.file, options.file.name);

  return new Promise<Evidence>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', recordLinks.evidenceUpload(options.recordId));
    xhr.withCredentials = true;
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.setRequestHeader('X-CSRF-Token', csrfToken);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress((event.loaded / event.total) * 100);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve(JSON.parse(xhr.responseText) as Evidence);
      else reject(errorOf(xhr));
    };
    xhr.onerror = () => reject(new ApiError(0, 'NETWORK', '上传中断，请检查网络后重试'));
    xhr.onabort = () => reject(new ApiError(0, 'ABORTED', '上传已取消'));
    options.signal?.addEventListener('abort', () => xhr.abort());
    xhr.send(body);
  });
}

function errorOf(xhr: XMLHttpRequest): ApiError {
  try {
    const { error } = JSON.parse(xhr.responseText) as {
      error?: { code?: string; message?: string; details?: { field: string; message: string }[] };
    };
    if (error?.code) {
      return new ApiError(xhr.status, error.code, error.message ?? '上传失败', error.details ?? []);
    }
  } catch {
    // Not JSON: a proxy's error page, or the connection was cut by a size limit.
  }

  if (xhr.status === 413) return new ApiError(413, 'TOO_LARGE', '文件太大，超过了上传大小限制');

  return new ApiError(xhr.status, 'HTTP_ERROR', `上传失败（${xhr.status}），请稍后重试`);
}
