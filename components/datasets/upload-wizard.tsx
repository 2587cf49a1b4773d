"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { isImportError } from "@/lib/import/errors";
import { cellIssues } from "@/lib/import/mapping-checks";
import { IMPORT_LIMITS } from "@/lib/import/limits";
import { previewCsv, type CsvPreview } from "@/lib/import/preview";
import { cancelUpload, putFiles, runImport, startUpload, UploadError } from "./upload-client";
import { UploadDropzone } from "./upload-dropzone";
import { initialForm, toMapping, type MappingForm } from "./upload-form";
import { UploadMapping } from "./upload-mapping";
import { UploadPreview } from "./upload-preview";
import { UploadProgress, type UploadPhase } from "./upload-progress";

async function readPreview(file: File): Promise<CsvPreview> {
  const bytes = new Uint8Array(await file.slice(0, IMPORT_LIMITS.previewBytes).arrayBuffer());
  return previewCsv(bytes, file.name, file.size <= IMPORT_LIMITS.previewBytes);
}

/**
 * Upload in two steps: pick files (their first rows are read here, with the File API), map the
 * columns; then the files are sent and imported on the server, with one progress bar for both.
 */
export function UploadWizard() {
  const router = useRouter();
  const [files, setFiles] = useState<File[]>([]);
  const [preview, setPreview] = useState<CsvPreview | null>(null);
  const [form, setForm] = useState<MappingForm | null>(null);
  const [error, setError] = useState<string | null>(null);
  // Bumped with every error shown, so that the same message twice still scrolls into view.
  const [errorCount, setErrorCount] = useState(0);
  const [phase, setPhase] = useState<UploadPhase>({ kind: "idle" });
  const abort = useRef<AbortController | null>(null);
  const banner = useRef<HTMLParagraphElement>(null);
  const busy = phase.kind !== "idle";
  const issues = useMemo(() => (preview && form ? cellIssues(preview.header, preview.rows, form.channels) : []), [preview, form]);

  // The banner sits above the preview; the button that led to it is further down: bring it into view.
  useEffect(() => {
    if (errorCount > 0) banner.current?.scrollIntoView({ block: "center", behavior: "smooth" });
  }, [errorCount]);

  function fail(message: string) {
    setError(message);
    setErrorCount((n) => n + 1);
  }

  async function onFiles(list: File[]) {
    setError(null);
    const first = list[0];
    if (!first) return;
    try {
      const next = await readPreview(first);
      setFiles(list);
      setPreview(next);
      setForm(initialForm(next, list.length));
    } catch (e) {
      setFiles([]);
      setPreview(null);
      setForm(null);
      fail(isImportError(e) ? e.message : `${first.name} could not be read.`);
    }
  }

  async function onSubmit() {
    if (!form) return;
    const checked = toMapping(form);
    if (!checked.ok) return fail(checked.message);
    setError(null);
    const controller = new AbortController();
    abort.current = controller;
    let uploadId: string | null = null;
    let uploaded = false;
    try {
      uploadId = await startUpload(checked.mapping, files);
      const total = files.reduce((n, f) => n + f.size, 0);
      setPhase({ kind: "uploading", sent: 0, total });
      await putFiles(uploadId, files, (sent) => setPhase({ kind: "uploading", sent, total }), controller.signal);
      uploaded = true;
      setPhase({ kind: "importing", progress: null });
      const result = await runImport(uploadId, (progress) =>
        setPhase((p) => (p.kind === "importing" ? { kind: "importing", progress } : p)),
      );
      setPhase({ kind: "done", result });
      router.push(`/datasets/${result.datasetId}`);
    } catch (e) {
      setPhase({ kind: "idle" });
      fail(e instanceof UploadError ? e.message : "Something went wrong; the dataset was not imported.");
      if (uploadId && !uploaded) void cancelUpload(uploadId);
    }
  }

  return (
    <>
      {!busy && <UploadDropzone onFiles={onFiles} compact={preview !== null} />}
      {error && (
        <p ref={banner} className="notice error" role="alert" data-testid="upload.error">
          {error}
        </p>
      )}
      {preview && form && (
        <>
          <UploadPreview preview={preview} files={files} issues={issues} />
          <UploadMapping
            header={preview.header}
            form={form}
            issues={issues}
            fileCount={files.length}
            onChange={setForm}
            onSubmit={onSubmit}
            busy={busy}
          >
            <UploadProgress phase={phase} onCancel={() => abort.current?.abort()} />
          </UploadMapping>
        </>
      )}
    </>
  );
}
