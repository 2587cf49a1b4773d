/**
 * Talks to the upload API: start an upload with the mapping, send each file as a raw body with
 * XMLHttpRequest (for upload progress events), run the import and poll its progress.
 */
import type { ImportMapping, ImportProgress, ImportResult } from "@/lib/validations/dataset-import";
import { errorMessage, postJson, requestJson } from "../api-client";

export class UploadError extends Error {
  override readonly name = "UploadError";
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export type { ImportProgress, ImportResult };

export async function startUpload(mapping: ImportMapping, files: File[]): Promise<string> {
  const result = await postJson<{ uploadId: string }>("/api/datasets/uploads", {
    mapping,
    files: files.map((f) => ({ name: f.name, size: f.size })),
  });
  if (!result.ok) throw new UploadError(result.status, result.message);
  return result.data.uploadId;
}

export function putFile(
  uploadId: string,
  index: number,
  file: File,
  onProgress: (loaded: number) => void,
  signal: AbortSignal,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open("PUT", `/api/datasets/uploads/${uploadId}/files/${index}`);
    xhr.setRequestHeader("content-type", "text/csv");
    xhr.upload.onprogress = (event) => onProgress(event.loaded);
    xhr.onload = () => (xhr.status < 300 ? resolve() : reject(new UploadError(xhr.status, errorMessage(xhr.responseText, xhr.status))));
    xhr.onerror = () => reject(new UploadError(0, `${file.name} could not be sent; check the connection and try again.`));
    xhr.onabort = () => reject(new UploadError(0, "The upload was cancelled."));
    signal.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(file);
  });
}

/** Sends every file, a few at a time, reporting the bytes sent over all files. */
export async function putFiles(
  uploadId: string,
  files: File[],
  onProgress: (sent: number) => void,
  signal: AbortSignal,
  parallel = 3,
): Promise<void> {
  const loaded = new Array<number>(files.length).fill(0);
  let next = 0;
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      const file = files[index];
      if (!file) continue;
      await putFile(
        uploadId,
        index,
        file,
        (bytes) => {
          loaded[index] = bytes;
          onProgress(loaded.reduce((a, b) => a + b, 0));
        },
        signal,
      );
      loaded[index] = file.size;
      onProgress(loaded.reduce((a, b) => a + b, 0));
    }
  };
  await Promise.all(Array.from({ length: Math.min(parallel, files.length) }, worker));
}

export async function runImport(uploadId: string, onProgress: (p: ImportProgress) => void): Promise<ImportResult> {
  let polling = true;
  const poll = async () => {
    while (polling) {
      await new Promise((r) => setTimeout(r, 400));
      const result = await requestJson<{ progress: ImportProgress | null }>("GET", `/api/datasets/uploads/${uploadId}`);
      if (polling && result.ok && result.data.progress) onProgress(result.data.progress);
    }
  };
  void poll();
  try {
    const result = await postJson<ImportResult>(`/api/datasets/uploads/${uploadId}/import`, {});
    if (!result.ok) throw new UploadError(result.status, result.message);
    return result.data;
  } finally {
    polling = false;
  }
}

export async function cancelUpload(uploadId: string): Promise<void> {
  await requestJson("DELETE", `/api/datasets/uploads/${uploadId}`);
}
