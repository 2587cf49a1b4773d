import Link from "next/link";
import { UploadWizard } from "@/components/datasets/upload-wizard";
import { IMPORT_LIMITS } from "@/lib/import/limits";
import { requirePageUser } from "@/lib/server/auth";

export default async function UploadPage() {
  await requirePageUser("/datasets/upload", "uploadDatasets");
  return (
    <>
      <p className="muted crumbs">
        <Link href="/datasets">Datasets</Link> › upload
      </p>
      <h1>Upload a dataset</h1>
      <p className="muted">
        CSV files in UTF-8 with a header line: one sequence per file, or one file with a sequence column. Every chosen cell must be a number
        (no NaN or infinity); labels are 0 or 1. The import is all or nothing. Limits: {IMPORT_LIMITS.maxColumns} columns,{" "}
        {IMPORT_LIMITS.maxLineChars.toLocaleString("en-US")} characters per line, {IMPORT_LIMITS.maxFiles.toLocaleString("en-US")} files.
      </p>
      <UploadWizard />
    </>
  );
}
