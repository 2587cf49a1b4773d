"use client";

import { useState, type DragEvent } from "react";
import { IMPORT_LIMITS } from "@/lib/import/limits";

/** Drop CSV files here, or click to pick them (one sequence per file, or one file with a sequence column). */
export function UploadDropzone({
  onFiles,
  disabled,
  compact,
}: {
  onFiles: (files: File[]) => void;
  disabled?: boolean;
  compact?: boolean;
}) {
  const [over, setOver] = useState(false);
  const take = (list: FileList | null) => {
    const files = Array.from(list ?? []);
    if (files.length > 0) onFiles(files);
  };
  const onDrop = (event: DragEvent<HTMLLabelElement>) => {
    event.preventDefault();
    setOver(false);
    if (!disabled) take(event.dataTransfer.files);
  };
  return (
    <label
      className={`dropzone${over ? " over" : ""}${compact ? " compact" : ""}`}
      data-testid="upload.dropzone"
      onDragOver={(event) => {
        event.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <strong>{compact ? "Drop or choose other files" : "Drop CSV files here, or click to choose"}</strong>
      <span>
        One sequence per file, or one file with a sequence column · UTF-8 · up to {IMPORT_LIMITS.maxFileBytes / 2 ** 30} GiB per file
      </span>
      <input
        type="file"
        accept=".csv,text/csv"
        multiple
        className="visually-hidden"
        disabled={disabled}
        data-testid="upload.input"
        onChange={(event) => {
          take(event.target.files);
          event.target.value = "";
        }}
      />
    </label>
  );
}
